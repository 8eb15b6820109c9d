"""Peak memory and CPU time of linting the same articles as JSON Lines, Parquet and CSV.

    python bench/bench_columnar.py --articles 200000            # builds bench/data/news-200000.*
    python bench/bench_columnar.py --jsonl bench/data/news-200000.jsonl

The JSON Lines dataset comes from ``bench/make_dataset.py``; it is converted to Parquet (row groups
of ``--row-group`` rows, written batch by batch, so the conversion itself stays small) and to CSV.
Each file is linted by ``newslint -j 1 --no-cache`` in a child process with the default rules; the
table gives the child's peak resident memory (``ru_maxrss``) and CPU time (user + system), the
figures that do not depend on what else runs on the machine. ``--fix`` also times ``--diff`` (the
fixer's first pass: every row checked and fixed in memory, nothing written).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def make_jsonl(n: int, out: Path) -> None:
    subprocess.run([sys.executable, str(HERE / "make_dataset.py"), "--articles", str(n), "--out", str(out)], check=True)


def to_parquet(jsonl: Path, out: Path, row_group: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    batch: list[dict] = []

    def flush() -> None:
        nonlocal writer
        if not batch:
            return
        table = pa.Table.from_pylist(batch, schema=writer.schema if writer else None)
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema, compression="zstd")
        writer.write_table(table, row_group_size=row_group)
        batch.clear()

    with open(jsonl, encoding="utf-8") as fh:
        for line in fh:
            batch.append(json.loads(line))
            if len(batch) == row_group:
                flush()
    flush()
    if writer is not None:
        writer.close()


def to_csv(jsonl: Path, out: Path) -> None:
    with open(jsonl, encoding="utf-8") as fh, open(out, "w", encoding="utf-8", newline="") as dst:
        writer = None
        for line in fh:
            rec = json.loads(line)
            rec = {k: (", ".join(v) if isinstance(v, list) else v) for k, v in rec.items()}
            if writer is None:
                writer = csv.DictWriter(dst, list(rec), extrasaction="ignore")
                writer.writeheader()
            writer.writerow(rec)


def measure_isolated(cmd: list[str]) -> tuple[float, float, int]:
    code = (
        "import resource, subprocess, sys, json; "
        f"p = subprocess.run({cmd!r}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
        "print(json.dumps([r.ru_maxrss / 1024, r.ru_utime + r.ru_stime, p.returncode]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    rss, cpu, rc = json.loads(out)
    return rss, cpu, rc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=200_000)
    ap.add_argument("--jsonl", type=Path, help="an existing dataset (default: build one)")
    ap.add_argument("--row-group", type=int, default=100_000, help="rows per Parquet row group")
    ap.add_argument("--fix", action="store_true", help="also measure --diff on each file")
    ap.add_argument("--select", help="rules to run (default: the default rules)")
    ap.add_argument("--formats", default="parquet,jsonl,csv", help="which files to lint, in order")
    args = ap.parse_args()
    data = HERE / "data"
    data.mkdir(exist_ok=True)
    jsonl = args.jsonl or data / f"news-{args.articles}.jsonl"
    if not jsonl.exists():
        make_jsonl(args.articles, jsonl)
    parquet, csvfile = jsonl.with_suffix(".parquet"), jsonl.with_suffix(".csv")
    if not parquet.exists():
        to_parquet(jsonl, parquet, args.row_group)
    if not csvfile.exists():
        to_csv(jsonl, csvfile)
    newslint = [sys.executable, "-m", "newslint", "-j", "1", "--no-cache", "--isolated", "--format", "text"]
    if args.select:
        newslint += ["--select", args.select]
    print("| file | size MiB | run | peak RSS MiB | CPU s |")
    print("| --- | --- | --- | --- | --- |")
    files = {"jsonl": jsonl, "parquet": parquet, "csv": csvfile}
    for path in (files[f] for f in args.formats.split(",")):
        runs = [("lint", [])] + ([("--diff", ["--diff"])] if args.fix else [])
        for label, extra in runs:
            rss, cpu, rc = measure_isolated(newslint + extra + [str(path)])
            size = os.path.getsize(path) / 2**20
            print(f"| {path.name} | {size:.0f} | {label} (exit {rc}) | {rss:.0f} | {cpu:.0f} |", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
