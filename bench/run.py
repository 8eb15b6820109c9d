"""newslint at scale, and side by side with datatrove's quality filters: one command, one table.

    python bench/run.py --quick        # start-up, -j scaling, per-rule cost and datatrove: minutes
    python bench/run.py --sizes 10000,100000 [--jobs 1,2] [--datatrove-docs 500]

Every run first measures start-up (``newslint FILE`` on one article: median of ten runs, and
``python -X importtime``) and ``-j`` scaling on a 6,000-article JSON Lines file and a folder of 2,000
files (bench/scaling.py, which can also run alone), and appends all its figures to
``bench/history.jsonl``, so the history of the project's speed stays in the repository.

For each size it builds (once) bench/data/news-SIZE.jsonl with make_dataset.py, runs
``newslint --no-cache -j J`` over it for each J and measures wall time, CPU time of the whole
process tree, and peak RSS: the sum over the process tree (the parent and its workers), sampled
every 50 ms from /proc, and the largest single process (getrusage). Then, on one core and on the
same first N documents of the smallest dataset, it times newslint's full default rule set
(``--profile-rules``: CPU seconds per rule, grouped by family; cold, and warmed up by other
documents first, as datatrove's filters are) against datatrove's
GopherRepetitionFilter, GopherQualityFilter, C4QualityFilter and FineWebQualityFilter run by
bench/datatrove_chain.py in bench/.venv-datatrove (create it with bench/setup_datatrove.sh;
without it that part is skipped and says so).

Prints markdown tables; the raw figures go to bench/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
OUT = HERE / "out"
DT_PYTHON = HERE / ".venv-datatrove" / "bin" / "python"
PAGE = os.sysconf("SC_PAGE_SIZE")


# ---------------------------------------------------------------------------- measuring
def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                stat = fh.read()
            with open(f"/proc/{entry}/statm", "rb") as fh:
                pages = int(fh.read().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        ppid = int(stat[stat.rfind(b")") + 2 :].split()[1])
        pid = int(entry)
        children.setdefault(ppid, []).append(pid)
        rss[pid] = pages * PAGE
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, ()))
    return total


def measure(cmd: list[str], **kw) -> dict:
    """Run ``cmd``; wall and CPU seconds (tree), peak tree RSS and largest process RSS, stdout/stderr."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(proc.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "returncode": proc.returncode,
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_tree_rss": peak,
        "max_process_rss": after.ru_maxrss * 1024,
        "stdout": out.decode("utf-8", "replace"),
        "stderr": err.decode("utf-8", "replace"),
    }


def dataset(size: int) -> Path:
    path = DATA / f"news-{size}.jsonl"
    if not path.exists():
        print(f"building {path} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(HERE / "make_dataset.py"), "--articles", str(size), "--out", str(path)], check=True)
    return path


def head(path: Path, n: int) -> Path:
    out = DATA / f"{path.stem}.head{n}.jsonl"
    if not out.exists():
        with open(path, "rb") as src, open(out, "wb") as dst:
            for i, line in enumerate(src):
                if i >= n:
                    break
                dst.write(line)
    return out


def warmed(path: Path, n: int, warm: int) -> tuple[Path, Path]:
    """(documents n+1..n+warm, those followed by documents 1..n): the warm-up set alone and the
    warm-up set then the sample, for the marginal cost of the sample in a warmed-up process."""
    lines = []
    with open(path, "rb") as src:
        for i, line in enumerate(src):
            if i >= n + warm:
                break
            lines.append(line)
    alone = DATA / f"{path.stem}.warm{n}-{n + warm}.jsonl"
    both = DATA / f"{path.stem}.warm{n}-{n + warm}+head{n}.jsonl"
    alone.write_bytes(b"".join(lines[n:]))
    both.write_bytes(b"".join(lines[n:] + lines[:n]))
    return alone, both


def newslint_cmd(path: Path, jobs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "newslint", "--no-cache", "--exit-zero", "-j", str(jobs),
            "--output-file", os.devnull, *extra, str(path)]


_PROFILE_ROW = re.compile(r"^\s*([\d.]+)\s+[\d.]+%\s+[\d.]+\s+(\S+)")


def parse_profile(stderr: str) -> dict[str, float]:
    rows = {}
    for line in stderr.splitlines():
        m = _PROFILE_ROW.match(line)
        if m and m.group(2) != "total":
            rows[m.group(2)] = float(m.group(1))
    return rows


def family(key: str) -> str:
    if key.startswith("read:"):
        return "reading (JSON parsing, paragraphs)"
    return key[:3] + "xx"


# ---------------------------------------------------------------------------- reporting
def mib(n: float) -> str:
    return f"{n / 2**20:,.0f}"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="10000,100000", help="comma-separated article counts")
    p.add_argument("--jobs", default="1,2", help="comma-separated -j values")
    p.add_argument("--datatrove-docs", type=int, default=500,
                   help="documents for the one-core comparison (datatrove manages a few per second here)")
    p.add_argument("--warm-docs", type=int, default=300,
                   help="other documents newslint lints first, in the same process, before the timed ones")
    p.add_argument("--skip-datatrove", action="store_true")
    p.add_argument("--out", type=Path, default=OUT / "results.json", help="where to write the raw figures")
    p.add_argument("--quick", action="store_true",
                   help="no size table; the one-core comparison on 200 documents (100 to warm up)")
    p.add_argument("--startup-runs", type=int, default=10, help="runs of `newslint FILE` (the median is reported)")
    p.add_argument("--scaling-articles", type=int, default=6000, help="articles of the JSON Lines file for -j scaling")
    p.add_argument("--scaling-files", type=int, default=2000, help="files of the folder for -j scaling")
    p.add_argument("--no-history", action="store_true", help="do not append to bench/history.jsonl")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.datatrove_docs, args.warm_docs = "", min(args.datatrove_docs, 200), min(args.warm_docs, 100)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    jobs = [int(j) for j in args.jobs.split(",") if j]
    args.out = args.out.resolve()
    os.chdir(ROOT)
    results: dict = {"machine": machine(), "runs": [], "comparison": None}

    print(f"machine: {results['machine']}\n")
    sys.path.insert(0, str(ROOT))
    from bench import scaling

    results["scaling"] = scaling.run(args.startup_runs, jobs or [1, 2], args.scaling_articles, args.scaling_files)
    print()
    if sizes:
        print("| articles | -j | wall s | articles/s (wall) | CPU s (tree) | articles per CPU-s | peak RSS tree MiB | largest process MiB |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in sizes:
        path = dataset(size)
        for j in jobs:
            m = measure(newslint_cmd(path, j))
            if m["returncode"] not in (0,):
                print(f"newslint failed ({m['returncode']}): {m['stderr'][-500:]}", file=sys.stderr)
            row = {"articles": size, "jobs": j, "bytes": path.stat().st_size,
                   **{k: v for k, v in m.items() if k not in ("stdout", "stderr")}}
            results["runs"].append(row)
            print(f"| {size:,} | {j} | {m['wall']:.1f} | {size / m['wall']:,.0f} | {m['cpu']:.1f} | "
                  f"{size / m['cpu']:,.0f} | {mib(m['peak_tree_rss'])} | {mib(m['max_process_rss'])} |", flush=True)
    growth = memory_growth(results["runs"])
    if growth:
        print()
        for j, per_article in growth.items():
            print(f"peak RSS growth at -j {j}: {per_article:,.0f} bytes per article between the smallest and largest size")
        results["memory_growth_bytes_per_article"] = growth

    # one core, same documents: newslint (profiled) against the datatrove chain
    n = args.datatrove_docs
    sample_size = sizes[0] if sizes else args.scaling_articles
    sample = head(dataset(sample_size), n)
    prof = measure(newslint_cmd(sample, 1, "--profile-rules"))
    cold = parse_profile(prof["stderr"])
    cold_cpu = sum(cold.values())
    # the same documents in a warmed-up process, as datatrove's filters are timed after their
    # start-up: newslint compiles pattern sets per language and imports ftfy and textstat on
    # first use, inside the loop. The marginal cost of the sample after `warm` other documents:
    # (warm-up set then sample) minus (warm-up set alone), rule by rule.
    warm_alone, warm_then_sample = warmed(dataset(sample_size), n, args.warm_docs)
    base = parse_profile(measure(newslint_cmd(warm_alone, 1, "--profile-rules"))["stderr"])
    both = parse_profile(measure(newslint_cmd(warm_then_sample, 1, "--profile-rules"))["stderr"])
    timings = {k: max(0.0, v - base.get(k, 0.0)) for k, v in both.items()}
    nl_cpu = sum(timings.values())
    comp = {"documents": n, "warm_up_documents": args.warm_docs, "newslint_cpu": nl_cpu,
            "newslint_cold_cpu": cold_cpu, "newslint_process_cpu": prof["cpu"], "rules": timings, "rules_cold": cold}
    dt = None
    if not args.skip_datatrove and DT_PYTHON.exists():
        m = measure([str(DT_PYTHON), str(HERE / "datatrove_chain.py"), str(sample), "--limit", str(n)])
        if m["returncode"] == 0:
            dt = json.loads(m["stdout"])
            comp["datatrove"] = dt
        else:
            print(f"datatrove chain failed: {m['stderr'][-800:]}", file=sys.stderr)
    results["comparison"] = comp
    print(f"\none core, the same {n:,} documents (CPU seconds in the linting loop, start-up excluded):\n")
    print("| tool | CPU s | articles per CPU-s | ms per article |")
    print("|---|---:|---:|---:|")
    print(f"| newslint, default rules (-j 1), after {args.warm_docs} other documents | {nl_cpu:.2f} | {n / nl_cpu:,.0f} | {1000 * nl_cpu / n:.2f} |")
    print(f"| newslint, default rules (-j 1), cold: first-use compiles and imports included | {cold_cpu:.2f} | {n / cold_cpu:,.0f} | {1000 * cold_cpu / n:.2f} |")
    if dt:
        dcpu = dt["cpu_seconds"]
        print(f"| datatrove Gopher repetition + Gopher quality + C4 quality + FineWeb quality | {dcpu:.2f} | "
              f"{n / dcpu:,.1f} | {1000 * dcpu / n:.1f} |")
        print(f"\nnewslint is {dcpu / nl_cpu:.1f}x the datatrove chain's throughput warmed up, {dcpu / cold_cpu:.1f}x cold "
              "(goal: 20x or better)")
        print("\n| datatrove filter | CPU s | ms per article | documents kept |")
        print("|---|---:|---:|---:|")
        for name, secs in dt["per_filter_cpu_seconds"].items():
            print(f"| {name} | {secs:.2f} | {1000 * secs / n:.1f} | {dt['kept'][name]} of {n} |")
    else:
        print("(datatrove chain skipped: run bench/setup_datatrove.sh first)")
    print("\nnewslint cost per rule family (CPU, --profile-rules; shared views are paid by the first rule using them):\n")
    print("| family | CPU s | µs per article | share |")
    print("|---|---:|---:|---:|")
    fams: dict[str, float] = {}
    for key, secs in timings.items():
        fams[family(key)] = fams.get(family(key), 0.0) + secs
    for fam, secs in sorted(fams.items(), key=lambda kv: -kv[1]):
        print(f"| {fam} | {secs:.2f} | {1e6 * secs / n:,.0f} | {100 * secs / (nl_cpu or 1):.0f}% |")
    print("\n| rule | CPU s | µs per article |")
    print("|---|---:|---:|")
    for key, secs in sorted(timings.items(), key=lambda kv: -kv[1]):
        print(f"| {key} | {secs:.3f} | {1e6 * secs / n:,.0f} |")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2))
    if not args.no_history:
        scaling.record({"kind": "run", "quick": args.quick, **{k: v for k, v in results.items() if k != "machine"}})
    return 0


def memory_growth(runs: list[dict]) -> dict[int, float]:
    out = {}
    for j in {r["jobs"] for r in runs}:
        rs = sorted((r for r in runs if r["jobs"] == j), key=lambda r: r["articles"])
        if len(rs) >= 2 and rs[-1]["articles"] > rs[0]["articles"]:
            out[j] = (rs[-1]["peak_tree_rss"] - rs[0]["peak_tree_rss"]) / (rs[-1]["articles"] - rs[0]["articles"])
    return out


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} "
            f"{platform.release()}, load average {load:.1f} at start")


if __name__ == "__main__":
    sys.exit(main())
