#!/usr/bin/env python3
"""Fix a generated JSONL dataset with a handful of fixable records; print throughput and peak memory.

    python bench/bench_fix.py            # 100,000 records
    python bench/bench_fix.py 10000 1000000 --gz

For each size: a dataset from bench/fix_data.py (8 fixable records spread over the file) is written
to bench/out/, then `newslint --fix` runs on it in a child process (wall time and the child's peak
resident memory from getrusage), then a line-by-line comparison checks that exactly the fixable
records changed, and that they now hold the clean record. A plain lint run and a `--diff` run of the
same file are timed for comparison.
"""

from __future__ import annotations

import argparse
import gzip
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from fix_data import fixable_indexes, fixed_line, lines  # noqa: E402

SELECT = ["--select", "NL101,NL102"]


def child(args: list[str]) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in MiB of the largest child so far, exit status)."""
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "newslint", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wall = time.perf_counter() - start
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    return wall, cpu, r1.ru_maxrss // 1024, proc.returncode


def bench(n: int, gz: bool) -> None:
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    fixable = fixable_indexes(n)
    source = out / f"fix-{n}.jsonl"
    if not source.exists():
        with open(source, "w", encoding="utf-8") as fh:
            fh.writelines(lines(n, fixable))
    target = out / (f"fix-{n}-work.jsonl.gz" if gz else f"fix-{n}-work.jsonl")
    if gz:
        with open(source, "rb") as src, gzip.open(target, "wb", compresslevel=6) as dst:
            shutil.copyfileobj(src, dst)
    else:
        shutil.copyfile(source, target)
    size_mb = target.stat().st_size / 1e6

    runs = {
        "lint": child([str(target), *SELECT]),
        "--diff": child([str(target), *SELECT, "--diff"]),
        "--fix": child([str(target), *SELECT, "--fix"]),
    }
    status = runs["--fix"][3]
    assert status == 0, f"newslint --fix exited {status}"

    opener = gzip.open if gz else open
    changed = []
    with open(source, "rb") as a, opener(target, "rb") as b:
        for i, (old, new) in enumerate(zip(a, b)):
            if old != new:
                changed.append(i)
                assert new.decode("utf-8") == fixed_line(i, fixable), f"record {i} not fixed as expected"
    assert changed == sorted(fixable), f"changed records {changed} != fixable {sorted(fixable)}"

    label = f"{n:,} records{' (gzip)' if gz else ''}, {size_mb:.1f} MB"
    print(f"{label}: {len(changed)} records changed, every other line byte-identical")
    for name, (wall, cpu, rss, _) in runs.items():
        print(
            f"  {name:<7} {wall:6.2f} s wall {n / wall:9,.0f} records/s   {cpu:6.2f} s CPU {n / cpu:9,.0f} records/s"
            f"   peak RSS (largest run so far) {rss} MiB"
        )
    target.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, default=[100_000])
    ap.add_argument("--gz", action="store_true", help="also run on a gzipped copy")
    args = ap.parse_args()
    for n in args.sizes:
        bench(n, gz=False)
        if args.gz:
            bench(n, gz=True)


if __name__ == "__main__":
    main()
