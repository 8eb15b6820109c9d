#!/usr/bin/env python3
"""Build a JSON Lines dataset of N articles from the real scraped articles in ../shared/corpus.

Records cycle through the corpus; every copy after the first gets a fresh id and url and a small
perturbation of its first paragraph, so that a dataset of N records is not N exact duplicates.

    python bench/make_dataset.py 100000 bench/data/articles-100k.jsonl
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import orjson

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def load_corpus(corpus: Path) -> list[dict]:
    records = []
    for path in sorted(corpus.glob("*.jsonl")):
        with open(path, "rb") as fh:
            records.extend(orjson.loads(line) for line in fh if line.strip())
    if not records:
        sys.exit(f"no articles found in {corpus}")
    return records


def generate(records: list[dict], n: int, seed: int = 7):
    rng = random.Random(seed)
    for i in range(n):
        base = records[i % len(records)]
        copy = i // len(records)
        rec = dict(base)
        rec["id"] = f"{base['id']}#{copy}"
        if copy:
            rec["url"] = f"{base.get('url') or 'https://example.invalid/a'}?copy={copy}"
            text = rec.get("text") or ""
            head, sep, tail = text.partition("\n\n")
            words = head.split()
            if len(words) > 4:
                j = rng.randrange(len(words))
                words[j] = words[j][::-1]
            rec["text"] = " ".join(words) + sep + tail
        yield rec


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="number of articles")
    ap.add_argument("out", type=Path, help="output .jsonl path")
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    records = load_corpus(args.corpus)
    with open(args.out, "wb") as fh:
        for rec in generate(records, args.n):
            fh.write(orjson.dumps(rec) + b"\n")
    print(f"wrote {args.n} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
