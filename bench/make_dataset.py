"""Build a JSON Lines benchmark dataset of N articles from the real articles of ../shared/corpus.

    python bench/make_dataset.py --articles 100000 --out bench/data/news-100000.jsonl
    python bench/make_dataset.py 100000 bench/data/news-100000.jsonl      (the same)

The corpus holds a few hundred real scraped articles; the dataset cycles through them. The first
pass copies them as they are; every later copy gets its own id, url and date and is one of:

* an exact reprint (``--dup-rate``, default 2%): same title and body, as wire copy syndicated to
  another site;
* a near-duplicate (``--near-dup-rate``, default 3%): one or two words of one paragraph changed,
  as an updated or lightly edited reprint;
* otherwise a rewrite: about a quarter of the words of every paragraph and one word of the title
  are replaced by words drawn from the corpus vocabulary, so bodies and titles are distinct (dataset
  rules are not trivially all duplicates) while length, word shapes, punctuation and paragraph
  structure stay those of real articles. Short paragraphs (under 80 characters: "Read more:" lines,
  credits, sign-up prompts) are kept verbatim, so site boilerplate repeats within a domain as it
  does in real crawls.

Deterministic for a given ``--seed``. Records keep the corpus field names (id, title, byline,
date, url, text).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: ../shared/corpus beside the repository (or one level further up, for a worktree in a subfolder)
DEFAULT_CORPUS = next(
    (c for c in (HERE.parent.parent / "shared" / "corpus", HERE.parent.parent.parent / "shared" / "corpus") if c.is_dir()),
    HERE.parent.parent / "shared" / "corpus",
)
_WORD = re.compile(r"[^\W\d_]{3,}")

try:
    import orjson

    def dumps(obj) -> bytes:
        return orjson.dumps(obj) + b"\n"
except ImportError:  # pragma: no cover
    def dumps(obj) -> bytes:
        return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8")


def load_corpus(corpus: Path) -> list[dict]:
    files = sorted(corpus.glob("*.jsonl"))
    if not files:
        sys.exit(f"make_dataset: no *.jsonl in {corpus} (use --corpus)")
    records = []
    for f in files:
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    records.append(json.loads(line))
    return records


def rewrite(text: str, rng: random.Random, vocab: list[str], share: float) -> str:
    """Replace about ``share`` of the words of ``text`` with words of ``vocab`` (same language)."""
    words = text.split(" ")
    n = len(words)
    if n < 4 or not vocab:
        return text
    step = max(2, round(1 / share))
    v = len(vocab)
    h = rng.randrange(v)
    for j in range(rng.randrange(step), n, step):
        w = words[j]
        if len(w) >= 3 and w.isalpha():
            new = vocab[(h + j * 31) % v]
            words[j] = new.capitalize() if w[0].isupper() else new
    return " ".join(words)


def vocabulary(record: dict) -> list[str]:
    """The article's own lower-case words: replacements stay in the article's language."""
    return sorted({w.lower() for w in _WORD.findall(record.get("text") or "")})


def generate(records: list[dict], n: int, seed: int = 7, dup_rate: float = 0.02, near_rate: float = 0.03):
    rng = random.Random(seed)
    vocabs = [vocabulary(r) for r in records]
    base_n = len(records)
    for i in range(n):
        base = records[i % base_n]
        vocab = vocabs[i % base_n]
        k = i // base_n
        rec = dict(base)
        if k:
            rec["id"] = f"{base.get('id')}~{k}"
            url = base.get("url") or f"https://example.org/{i}"
            rec["url"] = f"{url.rstrip('/')}-{k}"
            roll = rng.random()
            text = base.get("text") or ""
            if roll < dup_rate:
                pass  # exact reprint
            elif roll < dup_rate + near_rate:
                paras = text.split("\n\n")
                j = rng.randrange(len(paras))
                paras[j] = rewrite(paras[j], rng, vocab, 0.02)
                rec["text"] = "\n\n".join(paras)
            else:
                rec["text"] = "\n\n".join(
                    p if len(p) < 80 else rewrite(p, rng, vocab, 0.25) for p in text.split("\n\n")
                )
                if base.get("title"):
                    rec["title"] = rewrite(base["title"], rng, vocab, 0.2)
        yield rec


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int, nargs="?", help="number of articles (or --articles)")
    p.add_argument("out_path", nargs="?", help="output .jsonl path (or --out)")
    p.add_argument("--articles", "-n", type=int, help="number of articles")
    p.add_argument("--out", "-o", help="output .jsonl path ('-' for standard output)")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of real *.jsonl articles")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--dup-rate", type=float, default=0.02, help="share of exact reprints among copies")
    p.add_argument("--near-dup-rate", type=float, default=0.03, help="share of near-duplicates among copies")
    args = p.parse_args(argv)
    args.articles = args.articles if args.articles is not None else args.n
    args.out = args.out or args.out_path
    if args.articles is None or not args.out:
        p.error("give the number of articles and the output path")
    records = load_corpus(args.corpus)
    out = sys.stdout.buffer if args.out == "-" else None
    if out is None:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(args.out + ".part")
        fh = open(tmp, "wb")
    else:
        fh = out
    buf: list[bytes] = []
    for rec in generate(records, args.articles, args.seed, args.dup_rate, args.near_dup_rate):
        buf.append(dumps(rec))
        if len(buf) >= 2000:
            fh.write(b"".join(buf))
            buf = []
    fh.write(b"".join(buf))
    if out is None:
        fh.close()
        tmp.replace(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
