"""Longer fuzzing runs than the test suite's (see docs/fuzzing.md).

    python fuzz/run.py read   [seconds]     the readers and every built-in rule
    python fuzz/run.py fix    [seconds]     --fix, applied twice
    python fuzz/run.py config [seconds]     the configuration loader

With atheris installed (``pip install atheris``) the run is coverage-guided; otherwise it runs
the hypothesis strategies of tests/test_fuzz.py with about 20 examples per second asked for. A failing input is written to
fuzz/crashes/ and its traceback printed; turn it into a regression test in tests/test_fuzz.py.
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import targets  # noqa: E402

CONFIG_NAMES = [".newslint.yaml", "pyproject.toml", "settings.toml", "settings.yaml"]


def one(kind: str, data: bytes) -> None:
    """Run one input: the first byte picks the file name, the rest is the file."""
    if not data:
        return
    names = CONFIG_NAMES if kind == "config" else targets.NAMES
    name = names[data[0] % len(names)]
    body = data[1:]
    if name.endswith(".gz"):
        import gzip

        body = gzip.compress(body) if data[0] & 0x80 else body  # valid and raw (broken) gzip
    try:
        {"read": targets.read_any, "fix": targets.fix_any, "config": targets.config_any}[kind](name, body)
    except BaseException:
        crashes = HERE / "crashes"
        crashes.mkdir(exist_ok=True)
        out = crashes / f"{kind}-{hashlib.sha1(data).hexdigest()[:12]}"
        out.write_bytes(data)
        print(f"failing input written to {out}", file=sys.stderr)
        raise


def main(argv: list[str]) -> int:
    kind = argv[0] if argv else "read"
    seconds = float(argv[1]) if len(argv) > 1 else 60.0
    try:
        import atheris  # type: ignore[import-not-found]
    except ImportError:
        atheris = None
    if atheris is not None:
        atheris.instrument_all()  # coverage feedback from every module loaded (newslint's included)
        sys.argv = [sys.argv[0], f"-max_total_time={int(seconds)}", "-rss_limit_mb=4096", "-max_len=8192"]
        atheris.Setup(sys.argv, lambda data: one(kind, data))
        atheris.Fuzz()
        return 0
    import os

    os.environ["NEWSLINT_FUZZ_EXAMPLES"] = str(int(seconds * 20))
    import pytest

    return pytest.main(["-q", "-p", "no:cacheprovider", str(HERE.parent / "tests" / "test_fuzz.py"),
                        "-k", kind])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
