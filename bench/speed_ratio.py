"""newslint's per-article cost against datatrove's quality-filter chain, on one core, in one run.

    python bench/speed_ratio.py FILE.jsonl [FILE.jsonl ...] [--docs 400] [--warm 200]
                                [--root OTHER_CHECKOUT ...] [--skip-datatrove] [--no-history]

Takes ``--docs`` records spread evenly over the JSON Lines FILES (so every file is represented)
and times, on the same records:

* newslint's full default rule set, reading included (the JSONL reader parses each record), in a
  process warmed up on ``--warm`` other records of the files (compiled pattern sets, imports), as
  datatrove's filters are timed after their warm-up; the CPU time of the linting loop only, the
  lowest of three passes on freshly read articles, in each of ``--rounds`` fresh processes.
  ``--root`` adds the same measure for another checkout of newslint (an earlier commit:
  before/after in the same run), the processes of the checkouts alternating;
* datatrove's Gopher repetition, Gopher quality, C4 quality and FineWeb quality filters
  (bench/datatrove_chain.py in bench/.venv-datatrove, see setup_datatrove.sh).

Prints ms per article for each and the throughput ratios, and appends them to
``bench/history.jsonl`` (one JSON line: date, commit, machine and load average; ``--no-history``
leaves it alone). The machine may be busy: the figures of
one run are comparable with each other, not with another run's.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DT_PYTHON = HERE / ".venv-datatrove" / "bin" / "python"

#: run in a fresh interpreter per checkout, so that each imports its own newslint
_NEWSLINT = r"""
import json, sys, time
sys.path.insert(0, sys.argv[1])
from newslint.config import Config
from newslint.engine import Linter
from newslint.readers import InputProblem, Source
from pathlib import Path
sample, warm = Path(sys.argv[2]), Path(sys.argv[3])
linter = Linter(Config())
def lint(path):
    clock = time.thread_time
    reader = linter.reader_for(str(path))
    t0 = clock()
    n = 0
    for item in reader.read(Source(path=str(path), fs_path=path), linter.field_map):
        if isinstance(item, InputProblem):
            continue
        n += 1
        for rule in linter.article_rules:
            for _ in rule.check(item):
                pass
    return clock() - t0, n
lint(warm)
best, n = min(lint(sample) for _ in range(3))
print(json.dumps({"cpu_seconds": best, "documents": n}))
"""


def spread(files: list[str], docs: int, warm: int) -> tuple[list[str], list[str]]:
    """(sample, warm-up) lines: every k-th record goes to the sample, the ones after it to warm-up."""
    lines = [line for f in files for line in open(f, encoding="utf-8") if line.strip()]
    step = max(1, len(lines) // docs)
    sample = lines[::step][:docs]
    rest = [line for i, line in enumerate(lines) if i % step][:warm]
    return sample, rest


def newslint_cost(root: Path, sample: Path, warm: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", _NEWSLINT, str(root), str(sample), str(warm)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="+")
    p.add_argument("--docs", type=int, default=400)
    p.add_argument("--warm", type=int, default=200)
    p.add_argument("--root", action="append", default=[], help="another newslint checkout to time as well")
    p.add_argument("--rounds", type=int, default=3,
                   help="time the newslint checkouts this many times, alternating, and keep each one's lowest")
    p.add_argument("--skip-datatrove", action="store_true")
    p.add_argument("--no-history", action="store_true", help="do not append to bench/history.jsonl")
    args = p.parse_args(argv)
    sample_lines, warm_lines = spread(args.files, args.docs, args.warm)
    with tempfile.TemporaryDirectory() as tmp:
        sample, warm = Path(tmp) / "sample.jsonl", Path(tmp) / "warm.jsonl"
        sample.write_text("".join(sample_lines), encoding="utf-8")
        warm.write_text("".join(warm_lines), encoding="utf-8")
        results: dict[str, dict] = {}
        for _ in range(args.rounds):  # alternating, so that a busy spell does not favour one checkout
            for root in [HERE.parent, *map(Path, args.root)]:
                r = newslint_cost(root.resolve(), sample, warm)
                key = f"newslint ({root})"
                if key not in results or r["cpu_seconds"] < results[key]["cpu_seconds"]:
                    results[key] = r
        if not args.skip_datatrove and DT_PYTHON.exists():
            out = subprocess.run([str(DT_PYTHON), str(HERE / "datatrove_chain.py"), str(sample), "--limit",
                                  str(len(sample_lines))], capture_output=True, text=True, check=True)
            results["datatrove chain"] = json.loads(out.stdout)
    print(f"{len(sample_lines)} documents from {len(args.files)} file(s), one core, CPU time")
    print("| tool | CPU s | ms per article | articles per CPU-s |")
    print("|---|---:|---:|---:|")
    for name, r in results.items():
        ms = r["cpu_seconds"] / r["documents"] * 1e3
        print(f"| {name} | {r['cpu_seconds']:.2f} | {ms:.2f} | {1e3 / ms:.0f} |")
    dt = results.get("datatrove chain")
    ratios: dict[str, float] = {}
    if dt:
        for name, r in results.items():
            if name != "datatrove chain":
                ratio = ratios[name] = (dt["cpu_seconds"] / dt["documents"]) / (r["cpu_seconds"] / r["documents"])
                print(f"{name}: {ratio:.1f}x the datatrove chain's throughput")
    if not args.no_history:
        sys.path.insert(0, str(HERE))
        import scaling  # noqa: E402 - bench/scaling.py writes the history line (commit, date, machine, load)

        scaling.record({
            "kind": "speed_ratio", "files": [Path(f).name for f in args.files], "documents": len(sample_lines),
            "results": {name: {**r, "ms_per_article": r["cpu_seconds"] / r["documents"] * 1e3} for name, r in results.items()},
            "ratio_to_datatrove": ratios,
        })
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
