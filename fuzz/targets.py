"""Fuzz targets over the readers, the fixer and the configuration loader.

Each target takes bytes (or text) from a fuzzer and checks what must hold for any input:

- ``read_any(name, data)``: a reader yields articles and input problems, never raises; the
  built-in rules never fail on what it read (no NL004/NL005/NL006 finding).
- ``fix_any(name, data)``: ``--fix`` on the file never raises, never leaves a temporary file, and
  a second run finds nothing more to fix.
- ``config_any(name, data)``: loading a configuration file gives a Config or a ConfigError with
  a message, nothing else.

tests/test_fuzz.py drives them with hypothesis for a few seconds on every test run;
``python fuzz/run.py`` drives them with atheris (coverage-guided) or hypothesis for longer.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from newslint.config import Config, ConfigError
from newslint.engine import Linter
from newslint.plugins import build_registry
from newslint.readers import Source

#: formats exercised; names carry the extension that picks the reader
NAMES = ["a.txt", "a.md", "a.json", "a.jsonl", "a.jsonl.gz", "a.json.gz", "a.jsonl.xz", "a.jsonl.bz2", "a.jsonl.zst",
         "a.json.zst"]
FAILURE_CODES = {"NL004", "NL005", "NL006"}

_REGISTRY = build_registry(load_entry_points=False)


class FuzzFailure(AssertionError):
    """What a target found: an input that breaks an invariant."""


def _linter(select: list[str] | None = None) -> Linter:
    return Linter(Config(select=select or ["ALL"]), _REGISTRY)


def read_any(name: str, data: bytes) -> None:
    linter = _linter()
    found = list(linter.run([Source(path=name, data=data)]))
    failed = [v for v in found if v.code in FAILURE_CODES]
    if failed:
        raise FuzzFailure(f"{name}: {failed[0].code} {failed[0].message}")


def fix_any(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        first = _fix(path)
        failed = [v for v in first if v.code in FAILURE_CODES]
        if failed:
            raise FuzzFailure(f"{name}: {failed[0].code} {failed[0].message}")
        left = sorted(os.listdir(tmp))
        if left != [name]:
            raise FuzzFailure(f"--fix left files behind: {left}")
        once = path.read_bytes()
        fixer = _fix(path, count=True)
        if path.read_bytes() != once or fixer:
            raise FuzzFailure(f"{name}: a second --fix changed the file again ({fixer} fixes)")


def _fix(path: Path, count: bool = False):
    from newslint.fixer import Fixer

    linter = _linter(["NL1", "NL2", "NL3", "NL4"])
    fixer = Fixer(linter, unsafe=True, mode="fix")
    found = list(fixer.run([Source(path=str(path), fs_path=path)]))
    return fixer.summary.total_fixed if count else found


def config_any(name: str, data: bytes) -> None:
    from newslint.configfile import load_config

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            config = load_config([tmp], config_file=str(path), warnings=[])
        except ConfigError as exc:
            if not str(exc).strip() or "\n" in str(exc).strip():
                raise FuzzFailure(f"config error is not one line: {exc!r}") from None
            return
        if not isinstance(config, Config):
            raise FuzzFailure(f"load_config returned {type(config).__name__}")
        try:
            Linter(config, _REGISTRY)
        except ConfigError:
            pass
