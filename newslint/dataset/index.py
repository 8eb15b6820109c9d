"""The dataset index: fixed-size digests of every article in flat columns (:class:`DatasetIndex`),
what they are made of (:class:`IndexParams`), the record ids (:class:`IdColumn`), and the ranked
numpy view the NL6xx rules read (:class:`IndexView`). See :mod:`newslint.dataset`."""

from __future__ import annotations

import re
import zlib
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from newslint.article import RECORD_FORMATS, Article
from newslint.dataset.hashing import (
    NUM_PERM,
    SKETCH_WORDS,
    MinHasher,
    band_keys,
    estimate_jaccard,
    hash64,
    np,
    shingle_hashes,
    similarity_sketch,
    word_hashes,
)
from newslint.rule import ArticleRef, OptionError

PARTS = ("body", "url", "title", "near", "boiler")
_MAX_ID = 0xFFFF


# ---------------------------------------------------------------------------------------- params
#: paragraphs of the head and the tail of a body an index keeps digests of, at most
MAX_SLOTS = 64


@dataclass(frozen=True)
class IndexParams:
    """What an index collects; two indexes merge only when their params are equal."""

    parts: frozenset[str] = frozenset(PARTS)
    #: near duplicates: words per shingle, LSH bands x rows, shortest body (words) compared
    shingle_size: int = 5
    bands: int = 8
    rows: int = 2
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
        if self.head + self.tail > MAX_SLOTS:  # each article keeps head + tail digests of 4 bytes
            raise OptionError(f"head and tail must be at most {MAX_SLOTS} together, not {self.head} + {self.tail}")

    @cached_property
    def allow_res(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in self.allow]


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
        #: LSH band keys, 24 bits (3 little-endian bytes) each, ``bands`` per article
        self.bands = array("B") if "near" in p else None
        #: similarity sketches, SKETCH_WORDS 64-bit words per article
        self.sig = array("Q") if "near" in p else None
        self.slots_per = self.params.head + self.params.tail
        #: domain ids: 16-bit until a dataset has more than 65,536 source domains
        self.domain = array("H") if "boiler" in p else None
        self.domains: list[str] = []
        self.slots = array("I") if "boiler" in p else None
        self.npara = array("H") if "boiler" in p else None
        #: article -> source line of each slot's paragraph, for text formats only
        self.slot_lines: dict[int, tuple[int, ...]] = {}
        #: the record keys of the fields the NL6xx rules name (body, url, title), so that their
        #: findings say ``field text`` as per-article ones do: runs of (first article, index into
        #: ``key_sets``) pairs, a new run where an article names them otherwise than the one
        #: before; a file names its fields one way, so it costs a run, not a byte per article
        self.key_runs = array("q")
        self.key_sets: list[tuple[tuple[str, str], ...]] = []
        self._nb = nb
        self._path_ids: dict[str, int] = {}
        self._key_ids: dict[tuple[tuple[str, str], ...], int] = {}
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
        fk = article.field_keys
        kid = self._key_id(tuple((name, fk[name]) for name in ("body", "url", "title") if name in fk))
        if not self.key_runs or self.key_runs[-1] != kid:
            self.key_runs.extend((i, kid))
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
            self.bands.frombytes(bytes(3 * self._nb))
            self.sig.extend([0] * SKETCH_WORDS)
            return
        shingles = shingle_hashes(words, prm.shingle_size)
        keys = band_keys(MinHasher.get().values(shingles, prm.bands * prm.rows), prm.bands, prm.rows)
        self.bands.frombytes(np.stack([keys, keys >> 8, keys >> 16], axis=1).astype(np.uint8).tobytes())
        self.sig.frombytes(similarity_sketch(shingles).tobytes())

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
        kmap = [self._key_id(k) for k in other.key_sets]
        kr = other.key_runs
        for k in range(0, len(kr), 2):
            self.key_runs.extend((kr[k] + off, kmap[kr[k + 1]]))
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

    def _key_id(self, keys: tuple[tuple[str, str], ...]) -> int:
        kid = self._key_ids.get(keys)
        if kid is None:
            kid = self._key_ids[keys] = len(self.key_sets)
            self.key_sets.append(keys)
        return kid

    def _domain_id(self, dom: str) -> int:
        did = self._domain_ids.get(dom)
        if did is None:
            did = self._domain_ids[dom] = len(self.domains)
            self.domains.append(dom)
        return did

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_path_ids"], state["_domain_ids"], state["_key_ids"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._path_ids = {p: i for i, p in enumerate(self.paths)}
        self._domain_ids = {d: i for i, d in enumerate(self.domains)}
        if "key_runs" not in state:  # cached by a version without them: the canonical names
            self.key_runs, self.key_sets = array("q"), []
        self._key_ids = {k: i for i, k in enumerate(self.key_sets)}

    # ------------------------------------------------------------------ size
    def nbytes(self) -> dict[str, int]:
        """Bytes held, by part: ``fixed`` (per-article columns), ``ids`` (record ids), ``tables``."""
        fixed = 0
        for col in (self.runs, self.body, self.url, self.title, self.bands,
                    self.sig, self.domain, self.slots, self.npara):
            if col is not None:
                fixed += col.itemsize * len(col)
        tables = sum(len(p) + 49 for p in self.paths) + sum(len(d) + 49 for d in self.domains)
        tables += self.key_runs.itemsize * len(self.key_runs) + sum(len(k) + 49 for ks in self.key_sets for _, k in ks)
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
    """A finished index as numpy arrays, with articles ranked in (path, line, record index) order.

    It holds two columns an article, ``path_id`` and ``rank`` (32-bit below 2**31 articles), and
    the first article of each run of the index: 8 bytes an article for the whole end of a run over
    JSON Lines, 16 over a folder of text files (a run an article). The line and record index of an article are
    worked out from the index's runs when a finding names it (:meth:`ref`); as columns they are
    built only for the ranking and dropped after it."""

    def __init__(self, index: DatasetIndex) -> None:
        self.index = index
        n = self.n = index.n
        itype = np.int32 if n < 2**31 and len(index.paths) < 2**31 else np.int64
        # the index's own runs, not a copy (a folder of text files has a run an article)
        runs = self._runs = (np.frombuffer(index.runs, dtype=np.int64) if len(index.runs)
                             else np.zeros(0, dtype=np.int64)).reshape(-1, 4)
        self._run_first = np.ascontiguousarray(runs[:, 0])
        self.body = self._col(index.body)
        self.url = self._col(index.url)
        self.title = self._col(index.title)
        self._key_first = index.key_runs[0::2]
        if not n:
            self.path_id = np.zeros(0, itype)
            self.rank = np.zeros(0, itype)
            return
        lengths = np.diff(np.append(runs[:, 0], n))
        self.path_id = np.repeat(runs[:, 1].astype(itype), lengths)
        # the record index and line of every article, one temporary column at a time
        rindex = np.arange(n, dtype=np.int64)
        rindex -= np.repeat(runs[:, 0], lengths)  # the place in its run
        r0 = np.repeat(runs[:, 2], lengths)
        has_index = r0 >= 0
        rindex += r0
        del r0
        rindex[~has_index] = -1
        line = np.repeat(runs[:, 3], lengths)  # the line, or its distance to the record index
        np.add(line, rindex, out=line, where=has_index)
        del has_index
        path_rank_of = np.argsort(np.argsort(np.array(index.paths, dtype=object), kind="stable"), kind="stable")
        keys = [rindex, line, path_rank_of[self.path_id]]
        for extra in (self.title, self.url, self.body):
            if extra is not None:
                keys.insert(0, extra)
        order = np.lexsort(keys)
        del keys, rindex, line
        self.rank = np.empty(n, dtype=itype)
        self.rank[order] = np.arange(n, dtype=itype)

    @staticmethod
    def _col(col: array | None) -> np.ndarray | None:
        if col is None:
            return None
        return np.frombuffer(col, dtype=np.uint64) if len(col) else np.zeros(0, dtype=np.uint64)

    def ref(self, i: int) -> ArticleRef:
        i = int(i)
        raw = self.index.ids.get(i)
        rid = raw.decode("utf-8", "replace") if raw else None
        run = int(np.searchsorted(self._run_first, i, side="right")) - 1
        first, pid, r0, base = (int(v) for v in self._runs[run])
        rindex = r0 + (i - first) if r0 >= 0 else None
        return ArticleRef(
            self.index.paths[pid],
            base + rindex if rindex is not None else base,
            rid,
            rindex,
            field_keys=self._field_keys(i),
        )

    def _field_keys(self, i: int) -> tuple[tuple[str, str], ...]:
        """The record keys article ``i`` gives its fields (see :attr:`DatasetIndex.key_runs`)."""
        run = bisect_right(self._key_first, i) - 1
        return self.index.key_sets[self.index.key_runs[2 * run + 1]] if run >= 0 else ()

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
        """Verified near-duplicate pairs (earlier, later, estimated Jaccard), among representatives.

        Articles sharing a band key are candidates. Candidate pairs, as single 64-bit numbers, are
        verified as they come, ``_VERIFY_CHUNK`` at a time: a pair is kept when the estimate from
        the two similarity sketches reaches :attr:`threshold`. Only the verified pairs are kept,
        merged into one sorted set after each band, and a candidate already in it is not verified
        again: memory follows the near duplicates found, not the candidates (a cluster of copies
        makes many candidates in every band) nor the bands a pair shares.
        """
        idx = self.index
        e = np.zeros(0, dtype=np.int64)
        if idx.bands is None or self.n < 2:
            return e, e, np.zeros(0)
        n = np.int64(self.n)
        raw = np.frombuffer(idx.bands, dtype=np.uint8).reshape(self.n, idx.params.bands, 3)
        sig = np.frombuffer(idx.sig, dtype=np.uint64).reshape(self.n, SKETCH_WORDS)

        def band(b: int) -> np.ndarray:
            col = raw[:, b, 0].astype(np.uint64)
            col |= raw[:, b, 1].astype(np.uint64) << np.uint64(8)
            col |= raw[:, b, 2].astype(np.uint64) << np.uint64(16)
            return col

        def verified(codes: np.ndarray) -> np.ndarray:
            if not len(codes):
                return codes
            a, b = np.divmod(codes, n)
            return codes[estimate_jaccard(sig[a], sig[b]) >= self.threshold]

        usable = self.representative & (band(0) != 0)
        found = e  # verified pairs of the bands done, sorted and unique
        for b in range(idx.params.bands):
            kept: list[np.ndarray] = []
            pending: list[np.ndarray] = []
            size = 0
            for g in self.groups(band(b), usable):
                p = _pairs_of(g)
                pending.append(p[:, 0] * n + p[:, 1])
                size += len(p)
                if size >= _VERIFY_CHUNK:
                    kept.append(verified(_new(np.concatenate(pending), found)))
                    pending, size = [], 0
            if pending:
                kept.append(verified(_new(np.concatenate(pending), found)))
            if kept:
                # a pair of near copies shares most bands: merged band by band, the pairs are
                # held once, not once per band they share
                found = np.union1d(found, np.concatenate(kept))
        if not len(found):
            return e, e, np.zeros(0)
        a, b = np.divmod(found, n)
        return a, b, estimate_jaccard(sig[a], sig[b])

    threshold: float = 0.6


_MAX_BUCKET_PAIRS = 32
#: candidate pairs verified at once (their two sketches gathered: 64 bytes a pair, 4 MiB a chunk;
#: holding every candidate, then a million pairs' sketches at once, made the end of a run over
#: 80,000 articles full of near copies peak about 50 MiB higher)
_VERIFY_CHUNK = 1 << 16


def _new(codes: np.ndarray, found: np.ndarray) -> np.ndarray:
    """The pair codes not already in ``found`` (sorted): a pair verified in an earlier band is
    not verified again."""
    if not len(found):
        return codes
    at = np.searchsorted(found, codes)
    at[at == len(found)] = 0
    return codes[found[at] != codes]


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
