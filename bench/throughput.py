"""Articles per second over the corpus, for the original core rules and for every default rule.

    python bench/throughput.py [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.precision import find_corpus  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.engine import Linter, discover  # noqa: E402

CORE = ["NL101", "NL102", "NL103", "NL201", "NL202", "NL203", "NL204"]


def rate(select, files, repeat):
    best = 0.0
    for _ in range(repeat):
        linter = Linter(Config(select=select))
        start = time.perf_counter()
        for _v in linter.run(discover(files, linter.extensions)):
            pass
        best = max(best, linter.stats.articles / (time.perf_counter() - start))
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    files = [str(p) for p in sorted(find_corpus().glob("*.jsonl"))]
    from newslint.textstats import textstat

    textstat()  # import once, outside the timed loop
    for label, select in (("core rules (NL101-NL103, NL201-NL204)", CORE), ("all default rules", None)):
        print(f"{label}: {rate(select, files, args.repeat):.0f} articles/s (best of {args.repeat})")


if __name__ == "__main__":
    main()
