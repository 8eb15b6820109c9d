#!/usr/bin/env python3
"""Lint a generated dataset of N articles and print articles per second and peak memory.

    python bench/bench_lint.py 10000 100000

Each size runs `newslint` in a child process on a JSONL built by make_dataset.py; the child's peak
resident memory comes from getrusage(RUSAGE_CHILDREN).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_dataset import DEFAULT_CORPUS, generate, load_corpus  # noqa: E402


def ensure_dataset(n: int, corpus: Path) -> Path:
    path = HERE / "data" / f"articles-{n}.jsonl"
    if not path.exists():
        import orjson

        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as fh:
            for rec in generate(load_corpus(corpus), n):
                fh.write(orjson.dumps(rec) + b"\n")
        tmp.rename(path)
    return path


def run_one(path: Path, extra: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one newslint run in a fresh child process."""
    cmd = [sys.executable, "-m", "newslint", "--exit-zero", *extra, str(path)]
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, peak


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[10000, 100000])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("newslint_args", nargs=argparse.REMAINDER, help="after --: extra newslint options")
    args = ap.parse_args(argv)
    extra = [a for a in args.newslint_args if a != "--"]
    print(f"{'articles':>10} {'seconds':>9} {'articles/s':>11} {'peak RSS MiB':>13}")
    for n in args.sizes:
        path = ensure_dataset(n, args.corpus)
        # getrusage(RUSAGE_CHILDREN) is a high-water mark over all children: run sizes in ascending order
        elapsed, peak = run_one(path, extra)
        print(f"{n:>10} {elapsed:>9.2f} {n / elapsed:>11.0f} {peak / 1024:>13.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
