"""The dataset index: what the cross-article rules (NL6xx) remember about every article.

One :class:`DatasetIndex` holds, per article, a few fixed-size digests in flat ``array`` columns,
never the text: where the article is (line, record id, path run), 64-bit hashes of the normalised
body, URL and title, MinHash LSH band keys and a 128-bit similarity signature for near duplicates,
and 32-bit digests of the paragraphs at the head and tail of the body (where site furniture lives)
with the article's source domain. With every part collected that is 84 bytes per article, plus the
record ids, compressed in blocks (``bench/bench_dataset_index.py`` measures it).

The index is a mergeable state: ``a.merge(b)`` appends ``b``; nothing in it depends on the order
in which articles were seen, because :class:`IndexView` orders articles by (path, line, record
index) before any rule looks at them. Parallel workers and distributed partitions therefore
combine to exactly the single-process result.

The NL6xx rules subclass :class:`IndexedDatasetRule`. Used alone, each keeps its own index with
only the parts it needs; the engine groups the selected ones into one :class:`DatasetRuleBundle`
so that a run keeps a single index whatever the number of dataset rules.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, ClassVar

from newslint.article import RECORD_FORMATS, Article
from newslint.lazy import lazy_import
from newslint.lazy import LazyPattern
from newslint.rule import ArticleRef, DatasetRule, OptionError, Problem, Rule

#: imported on first use: a run on one file never builds an index (newslint/lazy.py)
np = lazy_import("numpy")

PARTS = ("body", "url", "title", "near", "boiler")
#: MinHash permutations per article (datasketch's "affine32" scheme)
NUM_PERM = 64
MINHASH_SEED = 1
_MAX_ID = 0xFFFF


# ---------------------------------------------------------------------------------------- params
@dataclass(frozen=True)
class IndexParams:
    """What an index collects; two indexes merge only when their params are equal."""

    parts: frozenset[str] = frozenset(PARTS)
    #: near duplicates: words per shingle, LSH bands x rows, shortest body (words) compared
    shingle_size: int = 5
    bands: int = 6
    rows: int = 3
    min_words: int = 20
    #: boilerplate: paragraphs kept from the head and tail of the body, shortest paragraph,
    #: patterns of paragraphs that are never boilerplate (datelines, wire credits)
    head: int = 2
    tail: int = 2
    min_chars: int = 20
    allow: tuple[str, ...] = ()
    #: URLs: query parameters dropped on top of newslint.urlnorm.TRACKING_PARAMS
    tracking: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.bands * self.rows > NUM_PERM:
            raise OptionError(f"bands x rows must be at most {NUM_PERM}, not {self.bands} x {self.rows}")
        for value, what in ((self.shingle_size, "shingle-size"), (self.bands, "bands"), (self.rows, "rows")):
            if value < 1:
                raise OptionError(f"{what} must be at least 1, not {value}")
        if self.head < 0 or self.tail < 0:
            raise OptionError("head and tail must not be negative")

    @cached_property
    def allow_res(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self.allow]


# ---------------------------------------------------------------------------------------- hashing
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


# ---------------------------------------------------------------------------------------- index
class IdColumn:
    """Record ids, zlib-compressed with their lengths in blocks of :attr:`BLOCK` articles.

    A finding names the other record(s) by id, so the index must keep every id, and ids are often
    the largest thing it holds per article ("source:site/section~1234"). Ids of neighbouring
    records share most of their bytes, so a block of them compresses several times over. Only the
    ids of reported articles are read back, one block at a time.
    """

    BLOCK = 4096

    def __init__(self) -> None:
        self.n = 0
        #: sealed blocks: BLOCK lengths (uint16) then the ids, compressed
        self.blocks: list[bytes] = []
        #: the block being filled, uncompressed
        self.lengths = array("H")
        self.buf = bytearray()
        self._cache: tuple[int, np.ndarray, bytes] | None = None

    def append(self, rid: bytes) -> None:
        self.lengths.append(len(rid))
        self.buf += rid
        self.n += 1
        if len(self.lengths) == self.BLOCK:
            self._seal()

    def _seal(self) -> None:
        self.blocks.append(zlib.compress(self.lengths.tobytes() + bytes(self.buf), 6))
        self.lengths = array("H")
        self.buf = bytearray()

    def _block(self, b: int) -> tuple[np.ndarray, bytes]:
        """(lengths, ids) of block ``b``."""
        if b >= len(self.blocks):
            return np.frombuffer(self.lengths, dtype=np.uint16), bytes(self.buf)
        data = zlib.decompress(self.blocks[b])
        return np.frombuffer(data, dtype=np.uint16, count=self.BLOCK), data[2 * self.BLOCK:]

    def extend(self, other: "IdColumn") -> None:
        """Append every id of ``other``, in order (re-blocked: the two need not be aligned)."""
        for b in range((other.n + other.BLOCK - 1) // other.BLOCK):
            lengths, data = other._block(b)
            first, pos = 0, 0
            while first < len(lengths):
                take = min(len(lengths) - first, self.BLOCK - len(self.lengths))
                chunk = lengths[first:first + take]
                size = int(chunk.sum(dtype=np.int64))
                self.lengths.frombytes(chunk.tobytes())
                self.buf += data[pos:pos + size]
                self.n += take
                first += take
                pos += size
                if len(self.lengths) == self.BLOCK:
                    self._seal()

    def get(self, i: int) -> bytes:
        """The id of article ``i`` (b"" when it had none)."""
        b, k = divmod(i, self.BLOCK)
        cache = self._cache
        if cache is None or cache[0] != b or b >= len(self.blocks):
            lengths, data = self._block(b)
            cache = self._cache = (b, np.cumsum(lengths, dtype=np.int64), data)
        _, ends, data = cache
        end = int(ends[k])
        start = int(ends[k - 1]) if k else 0
        return data[start:end]

    def nbytes(self) -> int:
        return sum(map(len, self.blocks)) + len(self.lengths) * 2 + len(self.buf)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["_cache"] = None
        return state


class DatasetIndex:
    """Per-article digests of a dataset, in compact columns; mergeable and picklable."""

    def __init__(self, params: IndexParams | None = None) -> None:
        self.params = params or IndexParams()
        p = self.params.parts
        self.n = 0
        self.ids = IdColumn()
        #: runs of (first article, path id, its record index or -1, line - record index or its
        #: line) quadruples: within a run the record index grows by one per article and the line
        #: keeps its distance to it, so a JSON Lines file costs one run, not a line per article
        self.runs = array("q")
        self.paths: list[str] = []
        self.body = array("Q") if "body" in p else None
        self.url = array("Q") if "url" in p else None
        self.title = array("Q") if "title" in p else None
        nb = self.params.bands
        self.bands = array("I") if "near" in p else None
        self.sig = array("Q") if "near" in p else None
        self.slots_per = self.params.head + self.params.tail
        #: domain ids: 16-bit until a dataset has more than 65,536 source domains
        self.domain = array("H") if "boiler" in p else None
        self.domains: list[str] = []
        self.slots = array("I") if "boiler" in p else None
        self.npara = array("H") if "boiler" in p else None
        #: article -> source line of each slot's paragraph, for text formats only
        self.slot_lines: dict[int, tuple[int, ...]] = {}
        self._nb = nb
        self._path_ids: dict[str, int] = {}
        self._domain_ids: dict[str, int] = {}

    # ------------------------------------------------------------------ building
    def add(self, article: Article) -> None:
        """Record one article."""
        i = self.n
        self.n += 1
        rid = article.record_id.encode("utf-8")[:_MAX_ID] if article.record_id else b""
        self.ids.append(rid)
        pid = self._path_ids.get(article.path)
        if pid is None:
            pid = self._path_ids[article.path] = len(self.paths)
            self.paths.append(article.path)
        rindex = article.record_index
        r = self.runs
        if rindex is None:
            r.extend((i, pid, -1, article.line))
        elif not (r and r[-3] == pid and r[-2] >= 0 and r[-2] + (i - r[-4]) == rindex and r[-1] == article.line - rindex):
            r.extend((i, pid, rindex, article.line - rindex))
        has_body = bool(article.paragraphs) and any(article.normalized)
        if self.body is not None:
            self.body.append(int.from_bytes(article.body_hash[:8], "little") or 1 if has_body else 0)
        if self.url is not None:
            if self.params.tracking:
                from newslint.urlnorm import TRACKING_PARAMS, normalize_url

                key = normalize_url(article.url, TRACKING_PARAMS + self.params.tracking)
            else:
                key = article.norm_url
            self.url.append(hash64(key) if key else 0)
        if self.title is not None:
            self.title.append(hash64(article.norm_title) if article.norm_title else 0)
        if self.bands is not None:
            self._add_near(article, has_body)
        if self.slots is not None:
            self._add_boiler(article, i)

    def _add_near(self, article: Article, has_body: bool) -> None:
        prm = self.params
        words = word_hashes(" ".join(article.normalized)) if has_body else None
        if words is None or len(words) < max(prm.min_words, prm.shingle_size):
            self.bands.extend([0] * self._nb)
            self.sig.extend([0] * (NUM_PERM // 32))
            return
        values = MinHasher.get().values(shingle_hashes(words, prm.shingle_size))
        keys, sig = near_signature(values, prm.bands, prm.rows)
        self.bands.extend(keys)
        self.sig.extend(sig)

    def _add_boiler(self, article: Article, i: int) -> None:
        prm = self.params
        dom = article.source_domain
        did = self._domain_ids.get(dom)
        if did is None:
            did = self._domain_ids[dom] = len(self.domains)
            self.domains.append(dom)
            if did > 0xFFFF and self.domain.typecode == "H":
                self.domain = array("I", self.domain)
        self.domain.append(did)
        n = len(article.paragraphs)
        self.npara.append(min(n, 0xFFFF))
        keys = [0] * self.slots_per
        lines = [0] * self.slots_per
        for slot, idx in _slot_positions(prm.head, prm.tail, n):
            norm = article.normalized[idx]
            if len(norm) < prm.min_chars:
                continue
            text = article.paragraphs[idx].text
            if len(text) > 300:
                # credits and datelines sit at the start or the end of a long paragraph
                text = text[:150] + "\n" + text[-150:]
            if any(rx.search(text) for rx in prm.allow_res):
                continue
            keys[slot] = int.from_bytes(article.paragraph_hashes[idx][:4], "little") or 1
            lines[slot] = article.paragraphs[idx].line
        self.slots.extend(keys)
        if article.format not in RECORD_FORMATS and any(keys):
            self.slot_lines[i] = tuple(lines)

    # ------------------------------------------------------------------ merging
    def merge(self, other: "DatasetIndex") -> "DatasetIndex":
        """Append ``other`` to this index (in place) and return it."""
        if other.params != self.params:
            raise ValueError("cannot merge dataset indexes built with different settings")
        off = self.n
        path_map = [self._path_id(p) for p in other.paths]
        r = other.runs
        for k in range(0, len(r), 4):
            self.runs.extend((r[k] + off, path_map[r[k + 1]], r[k + 2], r[k + 3]))
        self.ids.extend(other.ids)
        for name in ("body", "url", "title", "bands", "sig", "slots", "npara"):
            col = getattr(self, name)
            if col is not None:
                col.extend(getattr(other, name))
        if self.domain is not None:
            dmap = [self._domain_id(d) for d in other.domains]
            if len(self.domains) > 0x10000 and self.domain.typecode == "H":
                self.domain = array("I", self.domain)
            self.domain.extend(dmap[d] for d in other.domain)
        for k, v in other.slot_lines.items():
            self.slot_lines[k + off] = v
        self.n += other.n
        return self

    def _path_id(self, path: str) -> int:
        pid = self._path_ids.get(path)
        if pid is None:
            pid = self._path_ids[path] = len(self.paths)
            self.paths.append(path)
        return pid

    def _domain_id(self, dom: str) -> int:
        did = self._domain_ids.get(dom)
        if did is None:
            did = self._domain_ids[dom] = len(self.domains)
            self.domains.append(dom)
        return did

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_path_ids"], state["_domain_ids"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._path_ids = {p: i for i, p in enumerate(self.paths)}
        self._domain_ids = {d: i for i, d in enumerate(self.domains)}

    # ------------------------------------------------------------------ size
    def nbytes(self) -> dict[str, int]:
        """Bytes held, by part: ``fixed`` (per-article columns), ``ids`` (record ids), ``tables``."""
        fixed = 0
        for col in (self.runs, self.body, self.url, self.title, self.bands,
                    self.sig, self.domain, self.slots, self.npara):
            if col is not None:
                fixed += col.itemsize * len(col)
        tables = sum(len(p) + 49 for p in self.paths) + sum(len(d) + 49 for d in self.domains)
        return {"fixed": fixed, "ids": self.ids.nbytes(), "tables": tables}

    def view(self) -> "IndexView":
        return IndexView(self)


def _slot_positions(head: int, tail: int, n: int) -> Iterator[tuple[int, int]]:
    """(slot, paragraph index) of the head and tail slots of a body of ``n`` paragraphs."""
    for s in range(min(head, n)):
        yield s, s
    for t in range(tail):
        idx = n - tail + t
        if idx >= head and idx >= 0:
            yield head + t, idx


# ---------------------------------------------------------------------------------------- view
class IndexView:
    """A finished index as numpy arrays, with articles ranked in (path, line, record index) order."""

    def __init__(self, index: DatasetIndex) -> None:
        self.index = index
        n = self.n = index.n
        runs = np.array(index.runs, dtype=np.int64).reshape(-1, 4)
        lengths = np.diff(np.append(runs[:, 0], n)) if n else np.zeros(0, np.int64)
        self.path_id = np.repeat(runs[:, 1], lengths) if n else np.zeros(0, np.int64)
        first = np.repeat(runs[:, 0], lengths) if n else np.zeros(0, np.int64)
        r0 = np.repeat(runs[:, 2], lengths) if n else np.zeros(0, np.int64)
        base = np.repeat(runs[:, 3], lengths) if n else np.zeros(0, np.int64)
        self.has_index = r0 >= 0
        self.rindex = np.where(self.has_index, r0 + (np.arange(n, dtype=np.int64) - first), -1)
        self.line = np.where(self.has_index, self.rindex + base, base)
        path_rank_of = np.argsort(np.argsort(np.array(index.paths, dtype=object), kind="stable"), kind="stable")
        prank = path_rank_of[self.path_id] if n else np.zeros(0, np.int64)
        self.body = self._col(index.body)
        self.url = self._col(index.url)
        self.title = self._col(index.title)
        keys = [self.rindex, self.line, prank]
        for extra in (self.title, self.url, self.body):
            if extra is not None:
                keys.insert(0, extra)
        order = np.lexsort(keys) if n else np.zeros(0, np.int64)
        self.rank = np.empty(n, dtype=np.int64)
        self.rank[order] = np.arange(n)

    @staticmethod
    def _col(col: array | None) -> np.ndarray | None:
        if col is None:
            return None
        return np.frombuffer(col, dtype=np.uint64) if len(col) else np.zeros(0, dtype=np.uint64)

    def ref(self, i: int) -> ArticleRef:
        i = int(i)
        raw = self.index.ids.get(i)
        rid = raw.decode("utf-8", "replace") if raw else None
        return ArticleRef(
            self.index.paths[int(self.path_id[i])],
            int(self.line[i]),
            rid,
            int(self.rindex[i]) if self.has_index[i] else None,
        )

    #: compare only articles of the same file (the scope of the dataset rules that are on by
    #: default); set before the first grouping
    per_file: bool = False

    # ------------------------------------------------------------------ grouping
    def groups(self, keys: np.ndarray, valid: np.ndarray | None = None) -> Iterator[np.ndarray]:
        """Articles sharing a non-zero key (and a file, with :attr:`per_file`), each group in rank
        order (groups of two or more)."""
        idx = np.flatnonzero(keys != 0 if valid is None else (keys != 0) & valid)
        if len(idx) < 2:
            return
        if self.per_file:
            order = idx[np.lexsort((self.rank[idx], keys[idx], self.path_id[idx]))]
            k, p = keys[order], self.path_id[order]
            cut = np.flatnonzero((k[1:] != k[:-1]) | (p[1:] != p[:-1])) + 1
        else:
            order = idx[np.lexsort((self.rank[idx], keys[idx]))]
            k = keys[order]
            cut = np.flatnonzero(k[1:] != k[:-1]) + 1
        # only groups of two or more are cut out: np.split would make an array per article
        bounds = np.concatenate(([0], cut, [len(order)]))
        for s in np.flatnonzero(np.diff(bounds) > 1).tolist():
            yield order[bounds[s]:bounds[s + 1]]

    @cached_property
    def representative(self) -> np.ndarray:
        """True for articles that are not a later copy of an identical body."""
        rep = np.ones(self.n, dtype=bool)
        if self.body is not None:
            for g in self.groups(self.body):
                rep[g[1:]] = False
        return rep

    @cached_property
    def near_pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Verified near-duplicate pairs (earlier, later, estimated Jaccard), among representatives."""
        idx = self.index
        if idx.bands is None or self.n < 2:
            e = np.zeros(0, dtype=np.int64)
            return e, e, np.zeros(0)
        nb = idx.params.bands
        bands = np.frombuffer(idx.bands, dtype=np.uint32).reshape(self.n, nb)
        sig = np.frombuffer(idx.sig, dtype=np.uint64).reshape(self.n, NUM_PERM // 32)
        usable = self.representative & (bands[:, 0] != 0)
        pairs: list[np.ndarray] = []
        for b in range(nb):
            col = bands[:, b].astype(np.uint64)
            for g in self.groups(col, usable):
                pairs.append(_pairs_of(g))
        if not pairs:
            e = np.zeros(0, dtype=np.int64)
            return e, e, np.zeros(0)
        allp = np.unique(np.concatenate(pairs), axis=0)
        a, b = allp[:, 0], allp[:, 1]
        est = estimate_jaccard(sig[a], sig[b])
        keep = est >= self.threshold
        return a[keep], b[keep], est[keep]

    threshold: float = 0.6


_MAX_BUCKET_PAIRS = 32


def _pairs_of(g: np.ndarray) -> np.ndarray:
    """Candidate (earlier, later) pairs of a bucket in rank order; each article is paired with the
    first and the previous ``_MAX_BUCKET_PAIRS`` members, which bounds the work on huge buckets."""
    m = len(g)
    if m == 2:
        return g.reshape(1, 2)
    parts = [np.column_stack((np.full(m - 1, g[0]), g[1:]))]
    for d in range(1, min(_MAX_BUCKET_PAIRS, m - 1) + 1):
        parts.append(np.column_stack((g[:-d], g[d:])))
    return np.concatenate(parts)


# ---------------------------------------------------------------------------------------- rules
class IndexedDatasetRule(DatasetRule):
    """A dataset rule that reads the shared :class:`DatasetIndex`.

    Subclasses name the index ``parts`` they need, may add index settings from their options
    (:meth:`index_settings`), and implement :meth:`report` over an :class:`IndexView`.
    """

    parts: ClassVar[frozenset[str]] = frozenset()
    #: off by default unless a rule says otherwise. A rule that is on by default compares the
    #: articles of each file among themselves (pre-commit hands files over in batches, so a
    #: finding across files would depend on the batching); selected by code, prefix or name
    #: (``--extend-select NL6``), or with ``dataset = true``, it compares across files
    default_enabled: ClassVar[bool] = False
    #: set by the engine from the configuration (:meth:`newslint.config.Config.across_files`)
    across_files: bool = True

    def index_settings(self) -> dict[str, Any]:
        """IndexParams fields this rule sets from its options."""
        return {}

    def view_settings(self) -> dict[str, Any]:
        """IndexView attributes this rule sets from its options (read at finish only)."""
        return {}

    def index_params(self) -> IndexParams:
        return IndexParams(parts=frozenset(self.parts), **self.index_settings())

    def new_state(self) -> DatasetIndex:
        return DatasetIndex(self.index_params())

    def observe(self, state: DatasetIndex, article: Article) -> None:
        # within each file, an article of a text format (one article per file) has nothing to
        # compare with: it is not indexed, and a run on a few text files never builds an index
        if self.across_files or article.format in RECORD_FORMATS:
            state.add(article)

    def merge(self, a: DatasetIndex, b: DatasetIndex) -> DatasetIndex:
        return a.merge(b)

    def finish(self, state: DatasetIndex) -> Iterator[tuple[ArticleRef, Problem]]:
        if not state.n:
            return
        view = state.view()
        for k, v in self.view_settings().items():
            setattr(view, k, v)
        view.per_file = not self.across_files
        yield from self.report(view)

    def report(self, view: IndexView) -> Iterable[tuple[ArticleRef, Problem]]:  # pragma: no cover
        raise NotImplementedError


class DatasetRuleBundle(DatasetRule):
    """Several :class:`IndexedDatasetRule` sharing one index: observed once, merged once."""

    code = "NL6xx"
    name = "dataset-index"

    def __init__(self, members: list[IndexedDatasetRule]) -> None:
        super().__init__({})
        self.members = sorted(members, key=lambda r: r.code)
        parts: set[str] = set()
        settings: dict[str, Any] = {}
        view: dict[str, Any] = {}
        for m in self.members:
            parts |= m.parts
            settings.update(m.index_settings())
            view.update(m.view_settings())
        self.params = IndexParams(parts=frozenset(parts), **settings)
        self._view_settings = view

    def new_state(self) -> DatasetIndex:
        return DatasetIndex(self.params)

    def observe(self, state: DatasetIndex, article: Article) -> None:
        if article.format in RECORD_FORMATS or any(m.across_files for m in self.members):
            state.add(article)  # see IndexedDatasetRule.observe

    def merge(self, a: DatasetIndex, b: DatasetIndex) -> DatasetIndex:
        return a.merge(b)

    def findings(self, state: DatasetIndex) -> Iterator[tuple[Rule, ArticleRef, Problem]]:
        views: dict[bool, IndexView] = {}  # one per scope: within each file, across files
        if not state.n:  # nothing indexed (text files compared within each file)
            return
        failure: Exception | None = None
        for member in self.members:
            per_file = not member.across_files
            view = views.get(per_file)
            if view is None:
                view = views[per_file] = state.view()
                for k, v in self._view_settings.items():
                    setattr(view, k, v)
                view.per_file = per_file
            try:
                for ref, problem in member.report(view):
                    yield member, ref, problem
            except Exception as exc:  # the other members still report; the engine names this one
                if failure is None:
                    try:
                        exc.__newslint_rule__ = member  # type: ignore[attr-defined]
                    except AttributeError:
                        pass
                    failure = exc
        if failure is not None:
            raise failure

    def finish(self, state: DatasetIndex) -> Iterator[tuple[ArticleRef, Problem]]:
        raise TypeError("a bundle reports for several rules: call findings(state), not finish(state)")


def bundle_dataset_rules(rules: list[DatasetRule]) -> list[DatasetRule]:
    """Group the IndexedDatasetRule instances of ``rules`` into one bundle (others stay as they are)."""
    indexed = [r for r in rules if isinstance(r, IndexedDatasetRule)]
    if len(indexed) < 2:
        return list(rules)
    others = [r for r in rules if not isinstance(r, IndexedDatasetRule)]
    return [*others, DatasetRuleBundle(indexed)]


__all__ = [
    "DatasetIndex",
    "DatasetRuleBundle",
    "IndexParams",
    "IndexView",
    "IndexedDatasetRule",
    "MinHasher",
    "bundle_dataset_rules",
]
