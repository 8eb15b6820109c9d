"""Digests of the dataset index: 64-bit hashes of normalised text, word and shingle hashes of a
body (vectorised with numpy from its UTF-8 bytes), and for near duplicates the MinHash values and
LSH band keys that find candidate pairs and the similarity sketch that confirms them."""

from __future__ import annotations

import hashlib
from functools import cache
from typing import Any, ClassVar

from newslint.lazy import LazyPattern, lazy_import

#: imported on first use: a run on one file never builds an index (newslint/lazy.py)
np = lazy_import("numpy")

#: MinHash permutations per article (datasketch's "affine32" scheme)
NUM_PERM = 64
MINHASH_SEED = 1


def hash64(text: str) -> int:
    """A stable, non-zero 64-bit digest of ``text``."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "little") or 1


_P = 0x100000001B3  # odd, hence invertible modulo 2**64
_P_INV = pow(_P, -1, 2**64)
_Q = 0x9E3779B97F4A7C15
_POW: np.ndarray | None = None
_POW_INV: np.ndarray | None = None


def _U64(value: int) -> Any:
    return np.uint64(value)


@cache
def _word_byte() -> np.ndarray:
    """Word characters: ASCII letters and digits and every byte of a multi-byte UTF-8 character."""
    table = np.zeros(256, dtype=bool)
    for c in b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789":
        table[c] = True
    table[0x80:] = True
    return table
# typographic punctuation becomes a space (so that “quotes” and dashes never glue to words);
# apostrophes vanish, so that "it’s" and "it's" are the same word
_PUNCT_RE = LazyPattern("[“”„‟«»‹›—–―‐‑‒…·•‚′″\u00a0\u200b]")
_APOS_RE = LazyPattern("['’‘`´ʼ]")


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    global _POW, _POW_INV
    if _POW is None or _POW_INV is None or len(_POW) < n:
        size = max(n, 2 * len(_POW) if _POW is not None else 0, 4096)
        _POW = np.cumprod(np.full(size, _P, dtype=np.uint64), dtype=np.uint64)
        _POW = np.concatenate(([_U64(1)], _POW[:-1]))
        _POW_INV = np.cumprod(np.full(size, _P_INV, dtype=np.uint64), dtype=np.uint64)
        _POW_INV = np.concatenate(([_U64(1)], _POW_INV[:-1]))
    return _POW, _POW_INV


def word_hashes(text: str) -> np.ndarray:
    """64-bit hashes of the words of already normalised ``text`` (numpy, no Python loop per word)."""
    data = np.frombuffer(_PUNCT_RE.sub(" ", _APOS_RE.sub("", text)).encode("utf-8"), dtype=np.uint8)
    n = len(data)
    if n == 0:
        return np.zeros(0, dtype=np.uint64)
    isw = _word_byte()[data]
    padded = np.concatenate(([False], isw, [False]))
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    starts, ends = edges[0::2], edges[1::2]
    if len(starts) == 0:
        return np.zeros(0, dtype=np.uint64)
    pw, pinv = _powers(n + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum((data.astype(np.uint64) + _U64(1)) * pinv[:n], dtype=np.uint64, out=prefix[1:])
        return (prefix[ends] - prefix[starts]) * pw[ends - 1]


def shingle_hashes(words: np.ndarray, k: int) -> np.ndarray:
    """32-bit hashes of the k-word shingles of a word-hash sequence."""
    n = len(words) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint32)
    with np.errstate(over="ignore"):
        s = words[:n].copy()
        for i in range(1, k):
            s *= _U64(_Q)
            s += words[i : i + n]
        s ^= s >> _U64(29)
        s *= _U64(0xBF58476D1CE4E5B9)
        s ^= s >> _U64(32)
    return s.astype(np.uint32)


class MinHasher:
    """MinHash signatures in datasketch's "affine32" scheme, with datasketch's own permutations.

    ``values(shingles)`` equals ``datasketch.MinHash(num_perm, seed, scheme="affine32",
    hashfunc=int)`` updated with the same 32-bit shingle hashes (a test checks it); it is computed
    in one vectorised step instead of one Python call per shingle.
    """

    _instances: ClassVar[dict[tuple[int, int], "MinHasher"]] = {}

    def __init__(self, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED) -> None:
        # datasketch.MinHash._init_permutations for the affine32 scheme, without importing
        # datasketch (its package import pulls in scipy and costs seconds per process)
        gen = np.random.RandomState(seed)
        self.a = (gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1))[:, None]
        self.b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)[:, None]
        self.num_perm = num_perm

    @classmethod
    def get(cls, num_perm: int = NUM_PERM, seed: int = MINHASH_SEED) -> "MinHasher":
        inst = cls._instances.get((num_perm, seed))
        if inst is None:
            inst = cls._instances[(num_perm, seed)] = cls(num_perm, seed)
        return inst

    def values(self, shingles: np.ndarray, count: int | None = None) -> np.ndarray:
        """The MinHash values of ``shingles`` under the first ``count`` permutations (all of them
        by default): the same as the first ``count`` of datasketch's, at ``count / num_perm`` of
        the cost."""
        a, b = (self.a, self.b) if count is None else (self.a[:count], self.b[:count])
        h = shingles.astype(np.uint32)
        with np.errstate(over="ignore"):
            # the MurmurHash3 finalizer datasketch applies before its affine permutations
            h = h ^ (h >> np.uint32(16))
            h = h * np.uint32(0x85EBCA6B)
            h = h ^ (h >> np.uint32(13))
            h = h * np.uint32(0xC2B2AE35)
            h = h ^ (h >> np.uint32(16))
            x = a * h
            x += b
            return x.min(axis=1)


@cache
def _band_multipliers() -> np.ndarray:
    """Multipliers of the rows of an LSH band key (one per permutation a band may hold)."""
    return np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93] * (NUM_PERM // 4),
                    dtype=np.uint64)


def band_keys(values: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """LSH band keys of the first ``bands * rows`` MinHash values: 24-bit, never 0 (0 marks an
    article that is not compared), as uint32."""
    with np.errstate(over="ignore"):
        v = values[: bands * rows].astype(np.uint64).reshape(bands, rows)
        keys = (v * _band_multipliers()[:rows]).sum(axis=1, dtype=np.uint64)
        keys ^= keys >> _U64(31)
        keys *= _U64(0xBF58476D1CE4E5B9)
        keys ^= keys >> _U64(32)
    keys = (keys & _U64(0xFFFFFF)).astype(np.uint32)
    keys[keys == 0] = 1
    return keys


#: bins of the similarity sketch, one bit each (``SKETCH_BINS // 64`` 64-bit words per article)
SKETCH_BINS = 256
SKETCH_WORDS = SKETCH_BINS // 64
_SKETCH_SEED = 0x5EED5EED5EED5EED
#: probes computed at once when an empty bin looks for a filled one
_PROBES = 64


def _mix64(x: np.ndarray) -> np.ndarray:
    """A 64-bit finalizer (SplitMix64's), elementwise on uint64."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> _U64(30))
        x *= _U64(0xBF58476D1CE4E5B9)
        x ^= x >> _U64(27)
        x *= _U64(0x94D049BB133111EB)
        x ^= x >> _U64(31)
    return x


def _probes(bins: np.ndarray, first: int) -> np.ndarray:
    """Probe ``first`` to ``first + _PROBES - 1`` (columns) of each bin in ``bins`` (rows): the
    bins an empty bin borrows from, in order, the same for every article."""
    with np.errstate(over="ignore"):
        t = np.arange(first, first + _PROBES, dtype=np.uint64)
        x = _mix64((bins.astype(np.uint64)[:, None] << _U64(32)) + t[None, :] + _U64(_SKETCH_SEED))
    return ((x >> _U64(32)) * _U64(SKETCH_BINS) >> _U64(32)).astype(np.int64)


@cache
def _first_probes() -> np.ndarray:
    return _probes(np.arange(SKETCH_BINS), 1)


@cache
def _bin_numbers() -> np.ndarray:
    return np.arange(SKETCH_BINS, dtype=np.uint64)


def similarity_sketch(shingles: np.ndarray) -> np.ndarray:
    """A one-bit-per-bin one-permutation MinHash of a set of shingle hashes, as ``SKETCH_WORDS``
    uint64 words: what confirms a candidate pair (:func:`estimate_jaccard`).

    Each shingle is hashed once; its hash picks one of ``SKETCH_BINS`` bins (Li, Owen and Zhang's
    one-permutation hashing) and each bin keeps its smallest hash. An empty bin takes the value of
    the first filled bin along a fixed pseudo-random sequence of bins (Shrivastava's optimal
    densification), so two sets hold the same value in a bin with probability equal to their
    Jaccard similarity. Each bin stores one bit of its value mixed with the bin's number (b-bit
    minwise hashing, Li and König): equal values give equal bits, different values equal bits half
    the time. One hash per shingle instead of one per shingle and permutation keeps it cheap.
    """
    if not len(shingles):
        return np.zeros(SKETCH_WORDS, dtype=np.uint64)
    with np.errstate(over="ignore"):
        h = np.sort(_mix64(shingles.astype(np.uint64) ^ _U64(_SKETCH_SEED)) >> _U64(32))
        bins = ((h * _U64(SKETCH_BINS)) >> _U64(32)).astype(np.intp)
    first = np.empty(len(h), dtype=bool)
    first[0] = True
    np.not_equal(bins[1:], bins[:-1], out=first[1:])
    filled_bins = bins[first]
    mins = np.zeros(SKETCH_BINS, dtype=np.uint64)
    mins[filled_bins] = h[first]
    if len(filled_bins) < SKETCH_BINS:
        filled = np.zeros(SKETCH_BINS, dtype=bool)
        filled[filled_bins] = True
        src = np.arange(SKETCH_BINS)
        todo = np.flatnonzero(~filled)
        start = 1
        while len(todo):
            probes = _first_probes()[todo] if start == 1 else _probes(todo, start)
            hit = filled[probes]
            found = hit.any(axis=1)
            src[todo[found]] = probes[found, hit[found].argmax(axis=1)]
            todo = todo[~found]
            start += _PROBES
        mins = mins[src]
    bits = (_mix64((mins << _U64(32)) | _bin_numbers()) >> _U64(63)).astype(np.uint8)
    return np.packbits(bits, bitorder="little").view(np.uint64)


def estimate_jaccard(sketch_a: np.ndarray, sketch_b: np.ndarray) -> np.ndarray:
    """Jaccard similarity estimated from similarity sketches, rows of ``SKETCH_WORDS`` words: a
    share p of equal bits means a share 2p - 1 of equal values. Its standard deviation is
    sqrt((1 - J²) / SKETCH_BINS): 0.05 at J = 0.6 with 256 bins."""
    diff = _popcount(sketch_a ^ sketch_b).reshape(len(sketch_a), -1).sum(axis=1)
    p = (SKETCH_BINS - diff) / SKETCH_BINS
    return np.clip(2 * p - 1, 0.0, 1.0)


def _popcount(x: np.ndarray) -> np.ndarray:
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x).astype(np.int64)
    b = x.view(np.uint8).reshape(-1, 8)
    return np.unpackbits(b, axis=1).sum(axis=1).astype(np.int64)
