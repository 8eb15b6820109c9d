"""Compressed inputs: gzip, xz, bzip2 (the standard library) and zstd (the ``zstd`` extra).

A file is read through the codec its last suffix names (``news.jsonl.zst``) and, when ``--fix``
changes it, written back with the same codec. Large text corpora are usually shipped compressed
(zstd for most recent ones), so these are read as streams: memory does not grow with the file.

zstd support comes from `zstandard <https://pypi.org/project/zstandard/>`_, the maintained
binding of the reference library (``pip install 'newslint[zstd]'``); the standard library has no
zstd before Python 3.14. Without it, a ``.zst`` file is one NL001 finding naming the extra.

A corrupt or truncated stream raises ``OSError`` or ``EOFError`` whatever the codec (lzma and
zstandard raise errors of their own, which the stream here converts), so the readers report it as
one NL001 finding where the stream broke and go on with the other files.
"""

from __future__ import annotations

import io
from typing import IO, Any

#: suffix -> codec, for the compressions newslint reads and writes
CODECS = {".gz": "gzip", ".xz": "xz", ".bz2": "bzip2", ".zst": "zstd"}
#: the suffixes, each after every base extension a reader declares (``.jsonl`` -> ``.jsonl.xz``)
SUFFIXES = tuple(CODECS)

MISSING_ZSTD = "reading or writing .zst files needs zstandard: pip install 'newslint[zstd]'"


class CorruptStream(OSError):
    """A compressed stream that cannot be decompressed (not the codec's format, or damaged)."""


class MissingZstd(OSError):
    """zstandard is not installed; the message names the extra that brings it."""

    def __init__(self) -> None:
        super().__init__(MISSING_ZSTD)


def codec_of(path: str) -> str | None:
    """The codec of ``path`` by its last suffix, or None for a file that is not compressed."""
    dot = path.rfind(".")
    return CODECS.get(path[dot:].lower()) if dot >= 0 else None


def uncompressed_name(path: str) -> str:
    """``path`` without the compression suffix newslint reads, if it has one."""
    return path[: path.rfind(".")] if codec_of(path) is not None else path


def with_codecs(extensions: tuple[str, ...]) -> tuple[str, ...]:
    """``extensions`` and each of them followed by every compression suffix."""
    return extensions + tuple(e + s for e in extensions for s in SUFFIXES)


def _zstandard() -> Any:
    try:
        import zstandard
    except ImportError:
        raise MissingZstd() from None
    return zstandard


def decompressing(raw: IO[bytes], codec: str) -> IO[bytes]:
    """A binary stream of the decompressed bytes of ``raw`` (iterable by lines)."""
    if codec == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if codec == "bzip2":
        import bz2

        # bz2 says "Invalid data stream" with a plain OSError: named as the others' corrupt data
        return io.BufferedReader(_Errors(bz2.BZ2File(raw, "rb"), OSError))
    if codec == "xz":
        import lzma

        return io.BufferedReader(_Errors(lzma.LZMAFile(raw, "rb"), lzma.LZMAError))
    if codec == "zstd":
        return io.BufferedReader(_ZstdReader(raw, _zstandard()), buffer_size=1 << 16)
    raise ValueError(f"unknown codec {codec!r}")


def compressing(raw: IO[bytes], codec: str, *, gzip_name: str = "", gzip_mtime: int = 0) -> IO[bytes]:
    """A binary stream compressing what is written to it into ``raw``; closing it ends the
    compressed stream and leaves ``raw`` open."""
    if codec == "gzip":
        import gzip

        return gzip.GzipFile(filename=gzip_name, mode="wb", fileobj=raw, mtime=gzip_mtime, compresslevel=6)  # type: ignore[return-value]
    if codec == "bzip2":
        import bz2

        return bz2.BZ2File(raw, "wb", compresslevel=9)  # type: ignore[return-value]
    if codec == "xz":
        import lzma

        return lzma.LZMAFile(raw, "wb", format=lzma.FORMAT_XZ)  # type: ignore[return-value]
    if codec == "zstd":
        return _zstandard().ZstdCompressor(level=3).stream_writer(raw, closefd=False)  # type: ignore[no-any-return]
    raise ValueError(f"unknown codec {codec!r}")


class _Errors(io.RawIOBase):
    """A decompressing stream whose own error type (``errors``) comes out as :class:`CorruptStream`,
    so that every reader, and ``--fix``, reports a corrupt stream the same way. An ``OSError`` with
    an error number is the file's, not the data's, and passes as it is."""

    def __init__(self, stream: Any, errors: type[BaseException]) -> None:
        self.stream = stream
        self.errors = errors

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.stream.read(len(buffer))
        except self.errors as exc:
            if isinstance(exc, OSError) and exc.errno is not None:
                raise
            raise CorruptStream(f"corrupt compressed data: {exc}") from None
        n = len(data)
        buffer[:n] = data
        return n

    def close(self) -> None:
        try:
            self.stream.close()
        finally:
            super().close()


class _ZstdReader(io.RawIOBase):
    """The frames of a zstd stream, one after the other, decompressed.

    zstandard's own stream reader ends quietly where a truncated file ends; this one raises
    ``EOFError`` when the input stops inside a frame, as gzip, bz2 and lzma do, so a cut file is
    reported instead of read as if it were whole. Input is fed in pieces small enough to bound what
    one piece can expand to: zstd writes 128 KiB of one repeated byte in four bytes, so a 16 KiB
    piece of such blocks became 512 MiB at once (a 44 KB file took 817 MB). A piece starts at
    MIN_PIECE bytes (at most some 8 MiB of output) and doubles up to PIECE while the data expands
    less than EXPANSION times, as text does; past that it falls back to MIN_PIECE.
    """

    PIECE = 1 << 14
    MIN_PIECE = 256
    EXPANSION = 64

    def __init__(self, raw: IO[bytes], zstandard: Any) -> None:
        self.raw = raw
        self.zstandard = zstandard
        self.dctx = zstandard.ZstdDecompressor()
        self.frame: Any = None  # the decompressor of the current frame
        self.left = b""  # input read past the end of the last frame
        self.out = memoryview(b"")
        self.ended = False
        self.piece = self.MIN_PIECE

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not self.out and not self.ended:
            piece = self.left[: self.piece] or self.raw.read(self.piece)
            self.left = self.left[len(piece):]
            if not piece:
                if self.frame is not None and not self.frame.eof:
                    raise EOFError("Compressed file ended before the end of a zstd frame")
                self.ended = True
                break
            if self.frame is None or self.frame.eof:
                self.frame = self.dctx.decompressobj()
            try:
                self.out = memoryview(self.frame.decompress(piece))
            except self.zstandard.ZstdError as exc:
                raise CorruptStream(f"corrupt compressed data: {exc}") from None
            if len(self.out) > self.EXPANSION * len(piece):
                self.piece = self.MIN_PIECE
            else:
                self.piece = min(2 * self.piece, self.PIECE)
            if self.frame.eof:
                self.left = self.frame.unused_data + self.left
        n = min(len(buffer), len(self.out))
        buffer[:n] = self.out[:n]
        self.out = self.out[n:]
        return n
