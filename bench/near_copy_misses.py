"""Why near copies are missed: the true Jaccard similarity of each pair and what NL604 saw of it.

    python bench/near_copy_misses.py [--copies bench/out/inject/near_copies.jsonl] [--misses FILE]

Reads the near-copy dataset that bench/inject.py writes (references and their edited copies, each copy
naming its reference in ``base``) and, for every copy (or only those listed as missed in the
``--misses`` file of bench/inject.py), prints the exact Jaccard similarity of the two bodies' shingle
sets (NL604's normalisation, words and shingles), the share of equal values among the MinHash
permutations its bands use, NL604's estimate from the two similarity sketches, and whether the pair
shares an LSH band key (is a candidate). A miss is then one of: below the threshold by definition
(exact Jaccard < threshold), not a candidate (LSH), or a candidate whose estimate fell under the
threshold (sketch noise).
Read-only: it uses the index's own functions with the rule's default options.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from newslint.checks.near_duplicate_article import NearDuplicateArticle
from newslint.dataset.hashing import (
    MinHasher,
    band_keys,
    estimate_jaccard,
    np,
    shingle_hashes,
    similarity_sketch,
    word_hashes,
)
from newslint.readers import DEFAULT_FIELD_MAP, record_to_article

HERE = Path(__file__).resolve().parent


def digest(rec: dict, i: int, k: int, bands: int, rows: int) -> tuple[set[int], np.ndarray, list[int], np.ndarray]:
    art = record_to_article(rec, path="x", fmt="jsonl", line=i + 1, index=i, field_map=DEFAULT_FIELD_MAP)
    sh = shingle_hashes(word_hashes(" ".join(art.normalized)), k)
    if not len(sh):
        return set(), np.zeros(0, dtype=np.uint32), [0] * bands, np.zeros(0, dtype=np.uint64)
    values = MinHasher.get().values(sh, bands * rows)
    return set(sh.tolist()), values, band_keys(values, bands, rows).tolist(), similarity_sketch(sh)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=Path, default=HERE / "out" / "inject" / "near_copies.jsonl")
    ap.add_argument("--misses", type=Path, help="the --misses file of bench/inject.py: only these copies")
    args = ap.parse_args()
    opts = NearDuplicateArticle.options
    k, bands, rows, t = opts["shingle-size"], opts["bands"], opts["rows"], opts["threshold"]
    recs = [json.loads(line) for line in args.copies.open(encoding="utf-8")]
    only = None
    if args.misses:
        only = {json.loads(line)["id"] for line in args.misses.open(encoding="utf-8") if '"near-copy"' in line}
    by_id = {r["id"]: (i, r) for i, r in enumerate(recs)}
    counts = {"below threshold": 0, "not a candidate": 0, "estimate under threshold": 0, "found": 0}
    for i, rec in enumerate(recs):
        if rec.get("inject_class") != "near-copy" or (only is not None and rec["id"] not in only):
            continue
        j, base = by_id[rec["base"]]
        s1, v1, k1, g1 = digest(base, j, k, bands, rows)
        s2, v2, k2, g2 = digest(rec, i, k, bands, rows)
        jac = len(s1 & s2) / max(1, len(s1 | s2))
        equal = float((v1 == v2).mean()) if len(v1) and len(v2) else 0.0
        est = float(estimate_jaccard(g1[None], g2[None])[0]) if len(v1) and len(v2) else 0.0
        cand = any(a == b != 0 for a, b in zip(k1, k2))
        why = ("below threshold" if jac < t else "not a candidate" if not cand
               else "estimate under threshold" if est < t else "found")
        counts[why] += 1
        print(f"{rec['id'][:50]:50} shingles {len(s1):5} {len(s2):5}  Jaccard {jac:.3f}  equal minhashes {equal:.3f}"
              f"  estimate {est:.3f}  candidate {'yes' if cand else 'no '}  {why}")
    print(", ".join(f"{what}: {n}" for what, n in counts.items()))


if __name__ == "__main__":
    main()
