"""The dataset index: what the cross-article rules (NL6xx) remember about every article.

One :class:`DatasetIndex` holds, per article, a few fixed-size digests in flat ``array`` columns,
never the text: where the article is (line, record id, path run), 64-bit hashes of the normalised
body, URL and title, 24-bit MinHash LSH band keys and a 256-bit similarity sketch for near
duplicates, and 32-bit digests of the paragraphs at the head and tail of the body (where site
furniture lives) with the article's source domain. With every part collected that is 100 bytes per
article, plus the record ids, compressed in blocks (``bench/bench_dataset_index.py`` measures it).

The index is a mergeable state: ``a.merge(b)`` appends ``b``; nothing in it depends on the order
in which articles were seen, because :class:`IndexView` orders articles by (path, line, record
index) before any rule looks at them. Parallel workers and distributed partitions therefore
combine to exactly the single-process result.

The NL6xx rules subclass :class:`IndexedDatasetRule`. Used alone, each keeps its own index with
only the parts it needs; the engine groups the selected ones into one :class:`DatasetRuleBundle`
so that a run keeps a single index whatever the number of dataset rules.

The package has one module per job: :mod:`~newslint.dataset.hashing` (the digests, word and
shingle hashes, MinHash, the band keys and the similarity sketch of near duplicates), :mod:`~newslint.dataset.index`
(the per-article columns, their merge, and the ranked numpy view the rules read) and
:mod:`~newslint.dataset.rules` (the base class of the NL6xx rules and the bundle that lets them
share one index). numpy is imported on first use: a run on one file never builds an index.
"""

from newslint.dataset.hashing import (
    MINHASH_SEED,
    NUM_PERM,
    SKETCH_BINS,
    MinHasher,
    band_keys,
    estimate_jaccard,
    hash64,
    np,
    shingle_hashes,
    similarity_sketch,
    word_hashes,
)
from newslint.dataset.index import PARTS, DatasetIndex, IdColumn, IndexParams, IndexView
from newslint.dataset.rules import DatasetRuleBundle, IndexedDatasetRule, bundle_dataset_rules

__all__ = [
    "MINHASH_SEED",
    "NUM_PERM",
    "PARTS",
    "DatasetIndex",
    "DatasetRuleBundle",
    "IdColumn",
    "IndexParams",
    "IndexView",
    "IndexedDatasetRule",
    "SKETCH_BINS",
    "MinHasher",
    "band_keys",
    "bundle_dataset_rules",
    "estimate_jaccard",
    "hash64",
    "np",
    "shingle_hashes",
    "similarity_sketch",
    "word_hashes",
]
