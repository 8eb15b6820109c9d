"""Memory of the dataset rules' index (NL6xx), in bytes per article, at 10k and 100k articles.

Articles are the real ones of ../shared/corpus (read at run time, never copied), cycled with a
unique sentence and URL each so that the index sees distinct articles. The index is built exactly
as a run with every dataset rule selected builds it (one shared DatasetIndex), and measured with
tracemalloc: bytes allocated and still held after the articles are gone, divided by their number.

    python bench/bench_dataset_index.py            # 10000 and 100000
    python bench/bench_dataset_index.py 5000 20000
"""

from __future__ import annotations

import gc
import pickle
import sys
import time
import tracemalloc
from pathlib import Path

import orjson

from newslint.config import Config
from newslint.engine import Linter
from newslint.readers import DEFAULT_FIELD_MAP, record_to_article

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpus")


def corpus_records() -> list[dict]:
    out = []
    for f in sorted(CORPUS.glob("*.jsonl")):
        for line in f.read_bytes().splitlines():
            if line.strip():
                rec = orjson.loads(line)
                if rec.get("text"):
                    out.append(rec)
    return out


def records(n: int, base: list[dict]):
    for k in range(n):
        r = dict(base[k % len(base)])
        r["id"] = f"{base[k % len(base)].get('id')}~{k}"  # as bench/make_dataset.py names copies
        r["url"] = f"https://bench.example/{k % 97}/article-{k}"
        r["text"] = f"Bench record {k} opens with this sentence number {k * 7919 % 100003}.\n\n" + r["text"]
        yield r


def measure(n: int, base: list[dict]) -> dict:
    linter = Linter(Config(select=["NL6"]))
    (bundle,) = linter.dataset_rules
    index = bundle.new_state()
    # warm the shared caches (MinHash permutations, the power tables sized by the longest text)
    # outside the measurement: they are fixed costs, not per article
    warm = bundle.new_state()
    for i, r in enumerate(records(len(base), base)):
        warm.add(record_to_article(r, path="warm.jsonl", fmt="jsonl", line=i + 1, index=i, field_map=DEFAULT_FIELD_MAP))
    del warm
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    t0 = time.perf_counter()
    add_time = 0.0
    for i, r in enumerate(records(n, base)):
        art = record_to_article(r, path="bench.jsonl", fmt="jsonl", line=i + 1, index=i, field_map=DEFAULT_FIELD_MAP)
        t = time.perf_counter()
        bundle.observe(index, art)
        add_time += time.perf_counter() - t
    elapsed = time.perf_counter() - t0
    gc.collect()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    t = time.perf_counter()
    findings = list(bundle.findings(index))
    finish = time.perf_counter() - t
    sizes = index.nbytes()
    return {
        "articles": n,
        "held_bytes_per_article": held / n,
        "fixed_bytes_per_article": sizes["fixed"] / n,
        "id_bytes_per_article": sizes["ids"] / n,
        "pickle_bytes_per_article": len(pickle.dumps(index)) / n,
        "observe_us_per_article": add_time / n * 1e6,
        "finish_s": finish,
        "findings": len(findings),
        "total_s": elapsed,
    }


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 100_000]
    base = corpus_records()
    print(f"{len(base)} corpus articles, cycled")
    print("articles  held B/art  fixed B/art  id B/art  pickle B/art  observe us/art  finish s  findings")
    for n in sizes:
        m = measure(n, base)
        print(
            f"{m['articles']:>8}  {m['held_bytes_per_article']:>10.1f}  {m['fixed_bytes_per_article']:>11.1f}  "
            f"{m['id_bytes_per_article']:>8.1f}  {m['pickle_bytes_per_article']:>12.1f}  "
            f"{m['observe_us_per_article']:>14.0f}  {m['finish_s']:>8.2f}  {m['findings']:>8}",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
