"""Digests of the dataset index: 64-bit hashes of normalised text, word and shingle hashes of a
body (vectorised with numpy from its UTF-8 bytes), MinHash signatures and the LSH band keys and
similarity estimate of near duplicates."""

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

    def values(self, shingles: np.ndarray) -> np.ndarray:
        h = shingles.astype(np.uint32)
        with np.errstate(over="ignore"):
            # the MurmurHash3 finalizer datasketch applies before its affine permutations
            h = h ^ (h >> np.uint32(16))
            h = h * np.uint32(0x85EBCA6B)
            h = h ^ (h >> np.uint32(13))
            h = h * np.uint32(0xC2B2AE35)
            h = h ^ (h >> np.uint32(16))
            x = self.a * h
            x += self.b
            return x.min(axis=1)


@cache
def _band_constants() -> tuple[np.ndarray, np.ndarray]:
    """Multipliers of the LSH band keys, and the shifts packing 2-bit values into 64-bit words."""
    mul = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93] * 8, dtype=np.uint64)
    return mul, np.arange(32, dtype=np.uint64) * np.uint64(2)
_M55 = 0x5555555555555555


def near_signature(values: np.ndarray, bands: int, rows: int) -> tuple[list[int], list[int]]:
    """LSH band keys (32-bit, never 0) and a 128-bit signature (two 64-bit words) of 2 bits per
    permutation: b-bit minwise hashing (Li and König), enough to confirm a candidate pair."""
    _BAND_MUL, _SIG_SHIFT = _band_constants()
    with np.errstate(over="ignore"):
        v = values[: bands * rows].astype(np.uint64).reshape(bands, rows)
        keys = (v * _BAND_MUL[:rows]).sum(axis=1, dtype=np.uint64)
        keys ^= keys >> _U64(31)
        keys *= _U64(0xBF58476D1CE4E5B9)
        keys ^= keys >> _U64(32)
        keys = keys & _U64(0xFFFFFFFF)
        bits = ((values.astype(np.uint32) * np.uint32(0x9E3779B1)) >> np.uint32(30)).astype(np.uint64)
        words = (bits.reshape(-1, 32) << _SIG_SHIFT).sum(axis=1, dtype=np.uint64)
    return [int(k) or 1 for k in keys], [int(w) for w in words]


def estimate_jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> np.ndarray:
    """Jaccard similarity estimated from 2-bit signatures, rows of ``NUM_PERM // 32`` words."""
    x = sig_a ^ sig_b
    mism = (x | (x >> _U64(1))) & _U64(_M55)
    diff = _popcount(mism).reshape(len(x), -1).sum(axis=1)
    p = (NUM_PERM - diff) / NUM_PERM
    return np.clip((p - 0.25) / 0.75, 0.0, 1.0)


def _popcount(x: np.ndarray) -> np.ndarray:
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(x).astype(np.int64)
    b = x.view(np.uint8).reshape(-1, 8)
    return np.unpackbits(b, axis=1).sum(axis=1).astype(np.int64)
