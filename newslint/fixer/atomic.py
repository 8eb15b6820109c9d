"""Atomic file replacement: a fixed file appears whole or not at all.

The new content goes to a temporary file in the same folder (so the final rename never crosses file
systems), is flushed and fsync'ed, gets the original's permission bits (and owner, when allowed), and
is renamed over the original with ``os.replace``, which is atomic on POSIX and Windows. The folder is
fsync'ed after the rename where the platform allows it. Until the rename, the original is untouched:
an exception or a killed process leaves it as it was (and at worst a hidden ``.NAME.*.newslint-tmp``
file, which readers skip). A symbolic link is followed: the file it points to is replaced, the link
stays. A file the user may not write (read-only) is not replaced: PermissionError.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
import tempfile
from typing import IO

TMP_SUFFIX = ".newslint-tmp"


def gzip_header(path: str) -> tuple[int, str]:
    """(mtime, original file name or '') from the first member's gzip header."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(10)
            if len(head) < 10 or head[:2] != b"\x1f\x8b":
                return 0, ""
            flags = head[3]
            mtime = struct.unpack("<I", head[4:8])[0]
            if flags & 0x04:  # FEXTRA
                (xlen,) = struct.unpack("<H", fh.read(2))
                fh.read(xlen)
            name = b""
            if flags & 0x08:  # FNAME
                while True:
                    c = fh.read(1)
                    if not c or c == b"\0":
                        break
                    name += c
            return mtime, name.decode("latin-1")
    except OSError:
        return 0, ""


class AtomicFile:
    """A binary stream that replaces ``path`` on :meth:`commit` and vanishes on :meth:`abort`.

    With ``codec`` (newslint.readers.compression: "gzip", "xz", "bzip2", "zstd") what is written is
    compressed with it; gzip keeps the original header's mtime and name.
    """

    def __init__(self, path: str, codec: str | None = None, read: os.stat_result | None = None) -> None:
        self.target = os.path.realpath(path)
        folder = os.path.dirname(self.target) or "."
        self.stat = os.stat(self.target)
        if not os.access(self.target, os.W_OK):
            # a rename would replace it all the same, but a file its owner made read-only is not ours to change
            raise PermissionError(errno.EACCES, "the file is read-only")
        #: the file as it was when its reading began: one that changes before the rename (a scraper
        #: appending records) is not replaced, or what was written meanwhile would be lost
        self.read = read if read is not None else self.stat
        fd, self.tmp = tempfile.mkstemp(prefix="." + _short(os.path.basename(self.target)) + ".", suffix=TMP_SUFFIX, dir=folder)
        self.raw = os.fdopen(fd, "wb")
        self.stream: IO[bytes] = self.raw
        if codec is not None:
            from newslint.readers.compression import compressing

            mtime, name = gzip_header(self.target) if codec == "gzip" else (0, "")
            try:
                self.stream = compressing(self.raw, codec, gzip_name=name, gzip_mtime=mtime)
            except BaseException:
                self.abort()
                raise
        self.done = False

    def write(self, data: bytes) -> None:
        self.stream.write(data)

    def commit(self) -> None:
        if self.stream is not self.raw:
            self.stream.close()
        self.raw.flush()
        os.fsync(self.raw.fileno())
        self.raw.close()
        try:
            if changed(os.stat(self.target), self.read):
                raise OSError("the file changed while it was being fixed; run --fix again")
            os.chmod(self.tmp, stat.S_IMODE(self.stat.st_mode))
            if hasattr(os, "chown"):
                st = os.stat(self.tmp)
                if (st.st_uid, st.st_gid) != (self.stat.st_uid, self.stat.st_gid):
                    try:
                        os.chown(self.tmp, self.stat.st_uid, self.stat.st_gid)
                    except OSError:
                        pass  # not allowed to give the file away: it stays ours
            os.replace(self.tmp, self.target)
        except BaseException:
            self.abort()
            raise
        self.done = True
        _fsync_dir(os.path.dirname(self.target))

    def abort(self) -> None:
        if self.done:
            return
        self.done = True
        for fh in (self.stream, self.raw):
            try:
                fh.close()
            except Exception:
                pass
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


def _short(name: str, limit: int = 200) -> str:
    """``name`` cut to ``limit`` bytes of UTF-8 for the temporary file's name: a file name may take
    all 255 bytes a folder entry allows, and ``.NAME.XXXXXXXX.newslint-tmp`` must fit too."""
    raw = os.fsencode(name)
    return name if len(raw) <= limit else os.fsdecode(raw[:limit])


def changed(now: os.stat_result, then: os.stat_result) -> bool:
    """Whether a file's status says it was replaced or written to between ``then`` and ``now``."""
    return (now.st_ino, now.st_dev, now.st_size, now.st_mtime_ns) != (then.st_ino, then.st_dev, then.st_size, then.st_mtime_ns)


def _fsync_dir(folder: str) -> None:
    try:
        fd = os.open(folder or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_bytes(path: str, data: bytes, codec: str | None = None, read: os.stat_result | None = None) -> None:
    """Atomically replace ``path`` with ``data`` (compressed with ``codec`` when given); ``read`` is
    the file's status when it was read (see :class:`AtomicFile`)."""
    out = AtomicFile(path, codec=codec, read=read)
    try:
        out.write(data)
    except BaseException:
        out.abort()
        raise
    out.commit()
