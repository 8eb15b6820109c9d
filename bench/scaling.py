"""Start-up time and ``-j`` scaling: what a pre-commit run pays, and what a second core buys.

    python bench/scaling.py                 # start-up, then -j 1 / -j 2 on both inputs
    python bench/scaling.py --startup-only  # start-up alone (a few seconds)
    python bench/scaling.py --runs 20 --jobs 1,2,4

**Start-up**: ``newslint FILE`` on one short article (the seed article), ``--runs`` times (default
10, after one warm-up run so that the disk cache and the byte-code are warm): the median wall time
and the median CPU time (user + system) of the process, and ``python -X importtime``'s figures for
the same command (five times, the fastest figure of each module): the time spent importing, in
total and for the ten most expensive top-level imports, the number of modules imported, and whether
numpy, rich, importlib.metadata, multiprocessing, the HTML report... were imported at all.

The byte-code of the package is compiled first (``compileall``), as ``pip install`` does: with
``PYTHONDONTWRITEBYTECODE`` set, as in some CI images, every run would otherwise compile newslint's
sources again and pay some 0.25 s for it.

**Scaling**: ``newslint --no-cache -j J`` over a JSON Lines file of 6,000 articles and over a folder
of 2,000 small text files (built once under bench/data from ``make_dataset.py``), for every J:
wall time, CPU time of the process tree (workers included), peak RSS of the tree, the speed-up
over ``-j 1`` and whether the output (``--format jsonl``) is byte-identical to the ``-j 1`` output.

Figures are printed as markdown tables; every run appends one line to ``bench/history.jsonl``
(commit, date, machine and load average, the figures), so the history of the project's speed is in
the repository. On a shared machine wall times are noisy: the load average is recorded with each
run, and CPU times are the steadier figure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.run import DATA, dataset, machine, measure, mib  # noqa: E402

HISTORY = HERE / "history.jsonl"
#: the seed article: a short real article, as a pre-commit hook sees one
SEED = next(
    (p for p in (ROOT.parent / "shared" / "corpus" / "seed" / "macron-putin-call.txt",
                 ROOT.parent.parent / "shared" / "corpus" / "seed" / "macron-putin-call.txt") if p.exists()),
    None,
)
#: modules a one-file run should not need; the start-up table says whether each was imported
HEAVY = ("numpy", "rich.console", "importlib.metadata", "email.utils", "xml.sax", "orjson", "multiprocessing",
         "concurrent.futures", "newslint.report")
_IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)")


def newslint(*args: str) -> list[str]:
    return [sys.executable, "-m", "newslint", *args]


# ---------------------------------------------------------------------------- start-up
def importtime(cmd_args: list[str], repeat: int = 5) -> dict:
    """``python -X importtime`` of a run, ``repeat`` times: per module the fastest of its import
    times (the least disturbed by other work on the machine), summed; the ten most expensive
    top-level imports; which of the heavy modules were imported at all."""
    best_self: dict[str, int] = {}
    best_cum: dict[str, int] = {}
    top_level: set[str] = set()
    for _ in range(repeat):
        proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "newslint", *cmd_args],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for line in proc.stderr.splitlines():
            m = _IMPORT_LINE.match(line)
            if not m:
                continue
            self_us, cumulative, indent, name = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
            best_self[name] = min(self_us, best_self.get(name, self_us))
            best_cum[name] = min(cumulative, best_cum.get(name, cumulative))
            if len(indent) <= 1:
                top_level.add(name)
    top = sorted(((best_cum[n], n) for n in top_level), reverse=True)
    return {
        "total_ms": sum(best_self.values()) / 1000,
        "top": [(name, us / 1000) for us, name in top[:10]],
        "heavy_imported": [h for h in HEAVY if h in best_self],
        "modules": len(best_self),
    }


def startup(runs: int, path: Path) -> dict:
    """Median wall and CPU seconds of ``newslint PATH`` over ``runs`` runs, after one warm-up."""
    import compileall

    compileall.compile_dir(str(ROOT / "newslint"), quiet=1)
    args = ["--no-cache", str(path)]
    subprocess.run(newslint(*args), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls, cpus = [], []
    for _ in range(runs):
        m = measure(newslint(*args))
        walls.append(m["wall"])
        cpus.append(m["cpu"])
    return {
        "runs": runs,
        "wall_median": statistics.median(walls),
        "wall_min": min(walls),
        "cpu_median": statistics.median(cpus),
        "importtime": importtime(args),
    }


# ---------------------------------------------------------------------------- scaling
def folder(n_files: int, source: Path) -> Path:
    """A folder of ``n_files`` small text files: the first articles of ``source``, one per file."""
    out = DATA / f"files-{n_files}"
    if out.is_dir() and len(list(out.iterdir())) == n_files:
        return out
    out.mkdir(parents=True, exist_ok=True)
    with open(source, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i >= n_files:
                break
            rec = json.loads(line)
            parts = [rec.get("title"), rec.get("byline"), rec.get("text")]
            (out / f"a{i:05d}.txt").write_text("\n\n".join(p for p in parts if p) + "\n", encoding="utf-8")
    return out


def scaling(inputs: dict[str, Path], jobs: list[int]) -> list[dict]:
    rows = []
    for label, path in inputs.items():
        reference = None
        base_wall = base_cpu = None
        for j in jobs:
            cmd = newslint("--no-cache", "--exit-zero", "--no-progress", "--format", "jsonl", "-j", str(j), str(path))
            m = measure(cmd)
            digest = hashlib.sha256(m["stdout"].encode("utf-8")).hexdigest()
            if reference is None:
                reference, base_wall, base_cpu = digest, m["wall"], m["cpu"]
            rows.append({
                "input": label, "jobs": j, "returncode": m["returncode"],
                "wall": m["wall"], "cpu": m["cpu"], "peak_tree_rss": m["peak_tree_rss"],
                "speedup": base_wall / m["wall"], "cpu_ratio": m["cpu"] / base_cpu,
                "findings": m["stdout"].count("\n"), "identical": digest == reference,
            })
            if m["returncode"] not in (0,):
                print(f"newslint failed on {path} ({m['returncode']}): {m['stderr'][-500:]}", file=sys.stderr)
    return rows


# ---------------------------------------------------------------------------- reporting
def print_startup(s: dict) -> None:
    it = s["importtime"]
    print(f"start-up, `newslint FILE` on one article ({s['runs']} runs):\n")
    print("| median wall s | fastest wall s | median CPU s | import time ms (-X importtime) | modules imported |")
    print("|---:|---:|---:|---:|---:|")
    print(f"| {s['wall_median']:.3f} | {s['wall_min']:.3f} | {s['cpu_median']:.3f} | {it['total_ms']:.0f} | {it['modules']} |")
    print(f"\nheavy modules imported: {', '.join(it['heavy_imported']) or 'none'}")
    print("\n| top-level import | cumulative ms |")
    print("|---|---:|")
    for name, ms in it["top"]:
        print(f"| {name} | {ms:.1f} |")


def print_scaling(rows: list[dict]) -> None:
    print("\n| input | -j | wall s | speed-up | CPU s (tree) | CPU vs -j 1 | peak RSS tree MiB | findings | same output |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        print(f"| {r['input']} | {r['jobs']} | {r['wall']:.2f} | {r['speedup']:.2f}x | {r['cpu']:.2f} | "
              f"{r['cpu_ratio']:.2f} | {mib(r['peak_tree_rss'])} | {r['findings']:,} | "
              f"{'yes' if r['identical'] else 'NO'} |")


def commit() -> str:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return out.stdout.strip() + ("+changes" if dirty else "")
    except OSError:
        return "unknown"


def record(entry: dict, history: Path = HISTORY) -> None:
    entry = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "commit": commit(), "machine": machine(), **entry}
    with open(history, "a", encoding="utf-8") as fh:
        fh.write(json.dumps(entry, sort_keys=True) + "\n")


def run(runs: int = 10, jobs: list[int] | None = None, jsonl_articles: int = 6000, files: int = 2000,
        startup_only: bool = False) -> dict:
    result: dict = {}
    if SEED is not None:
        result["startup"] = startup(runs, SEED)
        print_startup(result["startup"])
    else:
        print("(start-up skipped: the seed article ../shared/corpus/seed/macron-putin-call.txt is missing)")
    if not startup_only:
        jsonl = dataset(jsonl_articles)
        inputs = {f"JSON Lines, {jsonl_articles:,} articles": jsonl, f"folder of {files:,} text files": folder(files, jsonl)}
        result["scaling"] = scaling(inputs, jobs or [1, 2])
        print_scaling(result["scaling"])
    return result


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=10, help="start-up runs (the median is reported)")
    p.add_argument("--jobs", default="1,2", help="comma-separated -j values; the first is the reference")
    p.add_argument("--jsonl-articles", type=int, default=6000)
    p.add_argument("--files", type=int, default=2000)
    p.add_argument("--startup-only", action="store_true")
    p.add_argument("--no-history", action="store_true", help="do not append to bench/history.jsonl")
    args = p.parse_args(argv)
    os.chdir(ROOT)
    print(f"machine: {machine()}\n")
    result = run(args.runs, [int(j) for j in args.jobs.split(",") if j], args.jsonl_articles, args.files,
                 args.startup_only)
    if not args.no_history:
        record({"kind": "scaling", **result})
    return 0


if __name__ == "__main__":
    sys.exit(main())
