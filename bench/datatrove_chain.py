"""Run datatrove's quality filters over the first N articles of a JSON Lines file, on one core.

Runs in bench/.venv-datatrove (see setup_datatrove.sh), started by bench/run.py:

    bench/.venv-datatrove/bin/python bench/datatrove_chain.py bench/data/news-10000.jsonl --limit 2000

Every filter sees every document (a document a filter would drop still goes through the others),
so the time is the cost of the whole chain per document. Prints one JSON object: documents, CPU
and wall seconds, seconds per filter, documents each filter keeps. Offline: the English word
tokenizer is spaCy's blank pipeline with a sentencizer (no model download); the first call builds
it, outside the timed loop.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from datatrove.data import Document
from datatrove.pipeline.filters import (
    C4QualityFilter,
    FineWebQualityFilter,
    GopherQualityFilter,
    GopherRepetitionFilter,
)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("path")
    p.add_argument("--limit", type=int, default=2000)
    p.add_argument("--body-key", default="text")
    args = p.parse_args()
    docs = []
    with open(args.path, encoding="utf-8") as fh:
        for line in fh:
            if len(docs) >= args.limit:
                break
            rec = json.loads(line)
            docs.append(Document(text=rec.get(args.body_key) or "", id=str(rec.get("id"))))
    filters = [GopherRepetitionFilter(), GopherQualityFilter(), C4QualityFilter(), FineWebQualityFilter()]
    warm = Document(text="A warm-up sentence for the tokenizer. And a second one.", id="warm")
    for f in filters:
        f.filter(warm)
    per_filter = {type(f).__name__: 0.0 for f in filters}
    kept = {type(f).__name__: 0 for f in filters}
    clock = time.process_time
    t_wall, t_cpu = time.perf_counter(), clock()
    for doc in docs:
        for f in filters:
            t0 = clock()
            res = f.filter(doc)
            per_filter[type(f).__name__] += clock() - t0
            ok = res[0] if isinstance(res, tuple) else res
            kept[type(f).__name__] += bool(ok)
    cpu, wall = clock() - t_cpu, time.perf_counter() - t_wall
    json.dump({"documents": len(docs), "cpu_seconds": cpu, "wall_seconds": wall,
               "per_filter_cpu_seconds": per_filter, "kept": kept}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
