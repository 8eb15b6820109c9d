"""The result cache: files unchanged since the last run are not linted again.

An entry holds everything a run needs from one file: its findings in output order, its
statistics and the dataset rules' state after observing its articles (so dataset rules still see
every article when a file comes from the cache). Its key is a digest of

* the file's content (blake2b of its bytes) and the path it is reported under,
* the configuration that decides findings (selection, rule options, severities, field mapping,
  packs), with the effective options of every selected rule,
* newslint's version, the registry's rule set (rules with their origin and plugin versions,
  readers, rule packs) and a fingerprint of the code that implements them (path, size and mtime
  of each module), so an upgraded plugin or an edited rule invalidates.

Entries are written to a temporary file and renamed into place (atomic); an entry that does not
verify (truncated, corrupt, another format) is ignored and rewritten. Standard input is never
cached. Entries are pickles: the cache directory must be as trusted as the code (it is created by
newslint in the working directory and ignored by git).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import pickle
import sys
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from newslint._version import __version__

if TYPE_CHECKING:
    from newslint.engine import Linter, RunStats
    from newslint.readers import Source
    from newslint.violation import Violation

DEFAULT_DIR = ".newslint_cache"
FORMAT = 2
_DIGEST = 32
_BLOCK = 1 << 20
#: Config fields that change how findings are shown or which files are read, never a file's findings
OUTPUT_ONLY_FIELDS = frozenset({"format", "fail_on", "exclude", "output_file", "show_fixes", "jobs", "cache_dir", "no_cache",
                                # rate budgets read the findings; the dataset rules' scope applies when
                                # the merged state is finished, never to one file's cached entry
                                "budgets", "dataset"})
#: findings per pickle frame in an entry
CHUNK = 2048


class CacheCorrupt(Exception):
    """An entry that does not verify; it is ignored."""


def file_digest(source: "Source") -> bytes | None:
    """blake2b of a file's bytes, or None when it cannot be read (the linter then reports why)."""
    if source.data is not None or source.fs_path is None:
        return None
    h = hashlib.blake2b(digest_size=20)
    try:
        with open(source.fs_path, "rb") as fh:
            while block := fh.read(_BLOCK):
                h.update(block)
    except OSError:
        return None
    return h.digest()


def fingerprint(linter: "Linter") -> str:
    """A stable digest of everything besides a file's content that decides its findings."""
    from newslint.config import Config

    config = linter.config
    conf = {
        f.name: getattr(config, f.name)
        for f in dataclasses.fields(Config)
        if f.name not in OUTPUT_ONLY_FIELDS
    }
    conf["origins"] = {k: v for k, v in config.origins.items() if k.split(".")[0] not in ("budgets", "dataset")}
    registry = linter.registry
    modules: set[str] = {"newslint"}
    rules = []
    for code in sorted(registry.rules):
        cls = registry.rules[code]
        rules.append([code, cls.name, f"{cls.__module__}.{cls.__qualname__}", cls.origin, _dist_version(cls.origin)])
        modules.add(cls.__module__)
    readers = sorted([ext, f"{cls.__module__}.{cls.__qualname__}"] for ext, cls in registry.readers.items())
    modules.update(cls.__module__ for cls in registry.readers.values())
    selected = [[r.code, r.opts, linter.severity.get(r.code), r.cache_key()] for r in linter.rules]
    packs = [[str(p), _content_digest(p)] for p in [*registry.pack_paths, *getattr(config, "packs", [])]]
    data = {
        "format": FORMAT,
        "newslint": __version__,
        "python": sys.version_info[:2],
        "config": conf,
        "rules": rules,
        "readers": readers,
        "selected": selected,
        "packs": packs,
        "code": _code_fingerprint(modules),
    }
    text = json.dumps(data, sort_keys=True, default=repr)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=20).hexdigest()


def _dist_version(origin: str) -> str | None:
    if not origin.startswith("plugin:"):
        return None
    import importlib.metadata  # only for rules from plugins: a plain run never imports it

    try:
        return importlib.metadata.version(origin.split(":", 1)[1])
    except importlib.metadata.PackageNotFoundError:
        return None


def _content_digest(path: Any) -> str | None:
    try:
        p = Path(path)
        if p.is_dir():
            parts = [(str(f.relative_to(p)), f.read_bytes()) for f in sorted(p.rglob("*")) if f.is_file()]
            return hashlib.blake2b(pickle.dumps(parts), digest_size=16).hexdigest()
        return hashlib.blake2b(p.read_bytes(), digest_size=16).hexdigest()
    except (OSError, TypeError, ValueError):
        return None


def _code_fingerprint(modules: set[str]) -> list[Any]:
    """(file, size, mtime) of the newslint package and of every module that defines a rule or reader."""
    files: set[str] = set()
    for name in modules:
        mod = sys.modules.get(name)
        path = getattr(mod, "__file__", None)
        if not path:
            continue
        if name == "newslint":
            root = os.path.dirname(path)
            for dirpath, dirs, names in os.walk(root):
                dirs[:] = [d for d in dirs if d != "__pycache__"]
                files.update(os.path.join(dirpath, n) for n in names if n.endswith((".py", ".yaml", ".yml")))
        else:
            files.add(path)
    out = []
    for f in sorted(files):
        try:
            st = os.stat(f)
        except OSError:
            continue
        out.append([f, st.st_size, st.st_mtime_ns])
    return out


class Cache:
    """A directory of entries, one per (file content, path, configuration)."""

    def __init__(self, directory: str | os.PathLike[str], linter: "Linter") -> None:
        self.root = Path(directory)
        self.dir = self.root / f"v{FORMAT}"
        self.config_key = fingerprint(linter)
        self.hits = 0
        self.misses = 0
        self.writable = True

    def key_for(self, source: "Source") -> str | None:
        """The entry key of a file, or None for standard input and unreadable files."""
        digest = file_digest(source)
        if digest is None:
            return None
        h = hashlib.blake2b(digest_size=20)
        h.update(self.config_key.encode())
        h.update(b"\0" + source.path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(digest)
        return h.hexdigest()

    def path_for(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.nlc"

    def lookup(self, key: str) -> "CachedEntry | None":
        """The entry for ``key`` if present and intact."""
        path = self.path_for(key)
        try:
            size = path.stat().st_size
            if size <= _DIGEST or not _verify(path, size):
                self.misses += 1
                return None
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return CachedEntry(path, key)

    def writer(self, key: str) -> "EntryWriter | None":
        if not self.writable:
            return None
        try:
            return EntryWriter(self.path_for(key), key)
        except OSError:
            self.writable = False
            return None

    def ensure_dir(self) -> None:
        """Create the cache directory with a CACHEDIR.TAG and a .gitignore, as other tools do."""
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            tag = self.root / "CACHEDIR.TAG"
            if not tag.exists():
                tag.write_text(
                    "Signature: 8a477f597d28d172789f06886806bc55\n# newslint result cache (safe to delete)\n",
                    encoding="ascii",
                )
            ignore = self.root / ".gitignore"
            if not ignore.exists():
                ignore.write_text("*\n", encoding="ascii")
        except OSError:
            self.writable = False


def _verify(path: Path, size: int) -> bool:
    h = hashlib.blake2b(digest_size=_DIGEST)
    with open(path, "rb") as fh:
        remaining = size - _DIGEST
        while remaining > 0:
            block = fh.read(min(_BLOCK, remaining))
            if not block:
                return False
            h.update(block)
            remaining -= len(block)
        return fh.read() == h.digest()


class CachedEntry:
    """A verified entry, read lazily: findings in order, then statistics and dataset state."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.key = key
        self.stats: "RunStats | None" = None
        self.dataset_state: dict[str, Any] | None = None
        #: suppressions of the file's articles kept for dataset findings
        self.kept: dict[Any, Any] = {}

    def violations(self) -> Iterator["Violation"]:
        """Yield the findings; afterwards ``stats`` and ``dataset_state`` are set."""
        with open(self.path, "rb") as fh:
            header = pickle.load(fh)
            if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != self.key:
                raise CacheCorrupt(str(self.path))
            while True:
                kind, payload = pickle.load(fh)
                if kind == "v":
                    yield from payload
                elif kind == "end":
                    self.stats, self.dataset_state, self.kept = payload
                    return
                else:
                    raise CacheCorrupt(str(self.path))


#: entries being written in this process, so that an interrupted run can remove their temporary
#: files (:func:`abort_open_writers`): temporary file -> its writer, held weakly (the name stays
#: even when an interrupt drops the writer itself)
_OPEN: "dict[str, weakref.ref[EntryWriter]]" = {}

#: findings that say the file was not completely linted (a rule or reader failed): not cached, so
#: that the next run tries again instead of replaying the failure
_NOT_CACHED = frozenset({"NL004", "NL005", "NL006"})  # not NL007: clipping is deterministic


def _no_writer() -> None:
    """The weak reference of an entry whose temporary file is being created: none yet."""
    return None


def abort_open_writers() -> None:
    """Remove the temporary file of every entry still being written (an interrupted run)."""
    for tmp, ref in list(_OPEN.items()):
        writer = ref()
        if writer is not None:
            writer.abort()
            continue
        _OPEN.pop(tmp, None)
        try:
            os.unlink(tmp)
        except OSError:
            pass


class EntryWriter:
    """Writes one entry to a temporary file; :meth:`commit` renames it into place."""

    def __init__(self, path: Path, key: str) -> None:
        self.path = path
        self.failed = False
        path.parent.mkdir(parents=True, exist_ok=True)
        # the temporary file's name is registered before the file is created, so an interrupt at
        # any point finds it (abort_open_writers). Blocking SIGINT around mkstemp did not do this:
        # a signal mask is the calling thread's, and a process with another thread (a progress
        # bar) has Ctrl-C delivered there, its Python handler still running in this thread
        while True:
            tmp = os.path.join(path.parent, f".tmp-{os.urandom(8).hex()}.nlc")
            _OPEN[tmp] = _no_writer
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                break
            except FileExistsError:  # (another writer's name: draw again)
                _OPEN.pop(tmp, None)
        self.tmp = tmp
        self.fh: BinaryIO = os.fdopen(fd, "wb")
        _OPEN[tmp] = weakref.ref(self)
        self.hash = hashlib.blake2b(digest_size=_DIGEST)
        self.buffer: list[Violation] = []
        self._frame({"format": FORMAT, "key": key})

    def _frame(self, obj: Any) -> None:
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self.hash.update(data)
        self.fh.write(data)

    def add(self, violation: "Violation") -> None:
        if violation.code in _NOT_CACHED:
            self.failed = True
        self.buffer.append(violation)
        if len(self.buffer) >= CHUNK:
            self._frame(("v", self.buffer))
            self.buffer = []

    def extend(self, violations: list["Violation"]) -> None:
        for v in violations:
            self.add(v)

    def commit(self, stats: "RunStats", dataset_state: dict[str, Any], kept: dict[Any, Any] | None = None) -> bool:
        """Finish the entry; False (and nothing written) when the state cannot be pickled, or when a
        rule or reader failed on the file."""
        if self.failed or self.fh.closed:
            self.abort()
            return False
        try:
            if self.buffer:
                self._frame(("v", self.buffer))
                self.buffer = []
            self._frame(("end", (stats, dataset_state, kept or {})))
            self.fh.write(self.hash.digest())
            self.fh.close()
            os.replace(self.tmp, self.path)
            _OPEN.pop(self.tmp, None)
            return True
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            self.abort()
            return False

    def abort(self) -> None:
        _OPEN.pop(self.tmp, None)
        try:
            self.fh.close()
        finally:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
