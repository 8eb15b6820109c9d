"""CPU cost of each per-article rule, in microseconds per article, on one core.

    python bench/rule_cost.py [FILES...] [--select CODES] [--warm N] [--repeat R] [--views]

Reads the articles of FILES (default: the corpus JSON Lines files) once, then lints them ``R``
times (default 3) in one process after a warm-up on the first ``N`` articles (compiled pattern
sets, imports), each pass on freshly read Article objects, so the shared views are built inside
the timed loop as in a real run. Times are CPU time of this thread (``time.thread_time``), the
lowest pass per rule is kept (the machine may be busy; the cheapest pass is the least disturbed).

The first rule touching a shared view (the body's words, its sentences, the language guess, the
pack set search) pays for it. ``--views`` builds the shared views before the rules, timed on
their own lines, so each rule's line is its own work.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.article import Article  # noqa: E402
from newslint.config import Config  # noqa: E402
from newslint.engine import Linter, discover  # noqa: E402
from newslint.readers import InputProblem  # noqa: E402

#: shared views built up front with --views, in this order
VIEWS = ("text", "all_text", "normalized", "paragraph_hashes", "word_count", "language", "sentence_spans")


def read_articles(linter: Linter, files: list[str]) -> list[Article]:
    out: list[Article] = []
    for source in discover(files, linter.extensions):
        if not hasattr(source, "fs_path"):
            continue
        reader = linter.reader_for(source.path)
        if reader is None:
            continue
        out.extend(a for a in reader.read(source, linter.field_map) if not isinstance(a, InputProblem))
    return out


def one_pass(linter: Linter, articles: list[Article], views: bool) -> Counter:
    clock = time.thread_time
    timings: Counter = Counter()
    for article in articles:
        if views:
            for name in VIEWS:
                t0 = clock()
                getattr(article, name)
                timings[f"view:{name}"] += clock() - t0
            t0 = clock()
            from newslint.packs import PREFILTER

            PREFILTER.paragraph_hits(article, article.language)
            timings["view:pack-set-search"] += clock() - t0
        for rule in linter.article_rules:
            t0 = clock()
            for _problem in rule.check(article):
                pass
            timings[rule.code] += clock() - t0
    return timings


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("files", nargs="*")
    p.add_argument("--select", default=None)
    p.add_argument("--warm", type=int, default=50)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--views", action="store_true", help="build the shared views first, timed apart")
    args = p.parse_args(argv)
    files = args.files or [str(f) for f in sorted((ROOT.parent / "shared" / "corpus").glob("*.jsonl"))]
    config = Config(select=args.select.split(",") if args.select else None)
    linter = Linter(config)
    names = {r.code: r.name for r in linter.article_rules}
    one_pass(linter, read_articles(linter, files)[: args.warm], args.views)
    best: dict[str, float] = {}
    totals: list[float] = []
    n = 0
    for _ in range(args.repeat):
        articles = read_articles(linter, files)
        n = len(articles)
        timings = one_pass(linter, articles, args.views)
        totals.append(sum(timings.values()))
        for key, value in timings.items():
            best[key] = min(best.get(key, value), value)
    total = min(totals)
    print(f"{n} articles, {len(linter.article_rules)} rules, best of {args.repeat} passes (CPU time)")
    print(f"{'us/article':>11} {'share':>6}  rule")
    for key, value in sorted(best.items(), key=lambda kv: -kv[1]):
        print(f"{value / n * 1e6:11.1f} {value / total:6.1%}  {key} {names.get(key, '')}")
    print(f"{total / n * 1e6:11.1f} {1:6.1%}  total (lowest pass); {n / total:.0f} articles per CPU-second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
