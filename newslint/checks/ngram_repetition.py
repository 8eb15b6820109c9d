"""NL106 ngram-repetition: the repetition filters of the Gopher (MassiveText) quality pipeline."""

from __future__ import annotations

import sys
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from itertools import accumulate, compress
from operator import mul, ne, sub

from newslint.article import Article, tokenize_words
from newslint.checks._common import repeat_free_indices
from newslint.lazy import is_loaded
from newslint.rule import Problem, Rule

#: Rae et al. 2021, "Scaling Language Models: Methods, Analysis & Insights from Training Gopher",
#: appendix A.1.1 (MassiveText quality filters), table A1
TOP_NGRAM = {2: 0.20, 3: 0.18, 4: 0.16}
#: the measures are read on the first this many words: document statistics, bounded cost
MAX_WORDS = 5000
DUP_NGRAM = {5: 0.15, 6: 0.14, 7: 0.13, 8: 0.12, 9: 0.11, 10: 0.10}


def top_ngram_fraction(words: list[str], n: int, total_chars: int) -> tuple[float, tuple[str, ...]]:
    """Share of the characters of ``words`` taken by the most frequent ``n``-gram, and that n-gram."""
    if len(words) < n or not total_chars:
        return 0.0, ()
    counts = Counter(zip(*(words[k:] for k in range(n))))
    gram, count = counts.most_common(1)[0]
    if count < 2:
        return 0.0, ()
    return sum(len(w) for w in gram) * count / total_chars, gram


def top_bigram_fraction(words: list[str], total_chars: int) -> tuple[float, tuple[str, ...], float]:
    """:func:`top_ngram_fraction` for 2-grams, and the largest share any repeated 2-gram takes
    (its count times its characters): the most frequent 2-gram need not be the one that takes most,
    and only the largest bounds the shares of longer n-grams."""
    if len(words) < 2 or not total_chars:
        return 0.0, (), 0.0
    counts = Counter(zip(words, words[1:]))
    gram, count = counts.most_common(1)[0]
    if count < 2:
        return 0.0, (), 0.0
    largest = max((len(a) + len(b)) * c for (a, b), c in counts.items() if c > 1)
    return (len(gram[0]) + len(gram[1])) * count / total_chars, gram, largest / total_chars


def duplicate_ngram_fraction(words: list[str], n: int, total_chars: int) -> float:
    """Share of the characters of ``words`` inside repeated occurrences of ``n``-grams.

    A word counts once even when it lies in several repeated n-grams; the first occurrence of an
    n-gram is not counted, its repeats are (as in the reference implementations of the filter).
    """
    if len(words) < n or not total_chars:
        return 0.0
    seen: set[tuple[str, ...]] = set()
    dup = 0
    i = 0
    last = len(words) - n
    while i <= last:
        gram = tuple(words[i : i + n])
        if gram in seen:
            dup += sum(len(w) for w in gram)
            i += n
        else:
            seen.add(gram)
            i += 1
    return dup / total_chars


def _greedy_duplicate_chars(keys: list[int], chars: list[int], n: int, repeats: list[int]) -> int:
    """Characters of the n-grams (``keys[i]`` the id of the one at word ``i``, ``chars[i]`` its
    characters) that repeat an earlier one, scanning left to right and skipping past each repeat,
    as Gopher counts them.

    ``repeats`` are the positions whose key occurs at an earlier position, in order. At any other
    position the key was never seen: the scan adds it and steps on, so a stretch of such positions
    is added at once and the loop runs only over repeats (few, in most text that gets this far)."""
    seen: set[int] = set()
    add = seen.add
    dup = 0
    i = 0
    last = len(keys) - 1
    stops = repeats + [last + 1]
    r = 0
    while i <= last:
        r = bisect_left(stops, i, r)
        if stops[r] > i:  # no key from here to the next repeat was seen before
            seen.update(keys[i : stops[r]])
            i = stops[r]
            continue
        key = keys[i]
        if key in seen:
            dup += chars[i]
            i += n
        else:
            add(key)
            i += 1
    return dup


def duplicate_ngram_fractions(words: list[str], sizes: list[int], total_chars: int) -> dict[int, float]:
    """:func:`duplicate_ngram_fraction` for each n of ``sizes`` (increasing, 2 or more), on integers.

    Each word gets an id (the same for equal words), each n-gram an id computed from the
    (n-1)-gram's and its last word's, made dense again by ranking (numpy, exact: no hashing); the
    greedy scan then compares integers instead of building a tuple per position.
    """
    import numpy as np

    out: dict[int, float] = {}
    if not total_chars:
        return dict.fromkeys(sizes, 0.0)
    vocab: dict[str, int] = {}
    ids = np.array(list(map(vocab.setdefault, words, range(len(words)))), dtype=np.int64)
    ends = np.zeros(len(words) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, words), dtype=np.int64, count=len(words)), out=ends[1:])
    base = len(words) + 1
    grams = ids  # ids of the 1-grams
    for n in range(2, max(sizes) + 1):
        if len(words) < n:
            out.update((k, 0.0) for k in sizes if k >= n)
            break
        if n not in sizes:
            _, grams = np.unique(grams[: len(words) - n + 1] * base + ids[n - 1 :], return_inverse=True)
            continue
        _, firsts, grams = np.unique(grams[: len(words) - n + 1] * base + ids[n - 1 :], return_index=True,
                                     return_inverse=True)
        later = np.ones(len(grams), dtype=bool)
        later[firsts] = False  # the positions of a gram's later occurrences
        keys = grams.tolist()
        chars = (ends[n:] - ends[:-n]).tolist()
        out[n] = _greedy_duplicate_chars(keys, chars, n, np.flatnonzero(later).tolist()) / total_chars
    return out


def repeated_5gram_cover(words: list[str], total: int | None = None, longest: int | None = None) -> int:
    """Characters of the words inside a later occurrence of some 5-gram: an upper bound of what the
    repeated n-grams (n >= 5) can cover, computed mostly at C speed (or a looser bound, when even
    that one is no more than the smallest limit of DUP_NGRAM).

    One dictionary pass gives each position the first position of its 5-gram; the positions where
    the two differ are the later occurrences. ``total`` and ``longest``, when the caller knows
    them, are the characters of ``words`` and the length of the longest one.
    """
    n = len(words) - 4
    if n < 2:
        return 0
    first: dict[tuple[str, ...], int] = {}
    at = list(map(first.setdefault, zip(words, words[1:], words[2:], words[3:], words[4:]), range(n)))
    repeats = n - len(first)
    if not repeats:
        return 0
    # the repeated positions cover at most 5 words each: the longest word bounds the cover
    cheap = 5 * repeats * (max(map(len, words)) if longest is None else longest)
    if cheap <= min(DUP_NGRAM.values()) * (sum(map(len, words)) if total is None else total):
        return cheap
    covered: set[int] = set()
    for i in compress(range(n), map(ne, at, range(n))):
        covered.update(range(i, i + 5))
    return sum(len(words[i]) for i in covered)


def duplicate_ngram_fractions_plain(words: list[str], sizes: list[int], total_chars: int) -> dict[int, float]:
    """:func:`duplicate_ngram_fraction` for each n of ``sizes``, without numpy: the n-grams are
    given the position of their first occurrence (one dictionary pass at C speed) and the greedy
    scan compares those integers instead of building a tuple per position."""
    if not total_chars:
        return dict.fromkeys(sizes, 0.0)
    ends = list(accumulate(map(len, words), initial=0))
    out: dict[int, float] = {}
    for n in sizes:
        if len(words) < n:
            out[n] = 0.0
            continue
        first: dict[tuple[str, ...], int] = {}
        keys = list(map(first.setdefault, zip(*(words[k:] for k in range(n))), range(len(words))))
        chars = list(map(sub, ends[n:], ends[:-n]))
        # a later occurrence is a position whose n-gram's first position is another
        repeats = list(compress(range(len(keys)), map(ne, keys, range(len(keys)))))
        out[n] = _greedy_duplicate_chars(keys, chars, n, repeats) / total_chars
    return out


#: the multiplier of the polynomial word hashes of :class:`_HashedWords` (odd: invertible modulo 2**64)
_POLY = 0x100000001B3
#: the multiplier combining the hashes of an (n-1)-gram and a word into the hash of an n-gram
_GRAM = 0x9E3779B97F4A7C15
#: powers of _POLY and of its inverse modulo 2**64, grown on demand: (powers, inverse powers)
_POWERS: list = []


def _powers(np, size: int):
    """The first ``size`` powers of _POLY and of its inverse, as unsigned 64-bit integers."""
    if not _POWERS or len(_POWERS[0]) < size:
        size = max(size, 2 * len(_POWERS[0]) if _POWERS else 1 << 14)
        out = []
        for base in (_POLY, pow(_POLY, -1, 1 << 64)):
            p = np.full(size, base, dtype=np.uint64)
            p[0] = 1
            out.append(np.cumprod(p, dtype=np.uint64))  # wraps modulo 2**64, as the hashes do
        _POWERS[:] = out
    return _POWERS


#: bits of a key of :class:`_HashedWords` holding the characters of its n-gram
_CHAR_BITS = 16


class _HashedWords:
    """The words as numpy arrays, for bounds computed in a few dozen vectorised steps instead of a
    Python step per word.

    Each word gets a 64-bit polynomial hash of its characters (equal words, equal hashes), read off
    the words joined by spaces; an n-gram's key is a hash of its words' hashes shifted left by
    _CHAR_BITS, its characters in the low bits, so that equal keys have equal characters. Distinct
    n-grams may share a key: what is counted over keys counts at least as many repeats as the words
    hold, and only gives upper bounds. Words of 13,107 characters or more (five of them would not
    fit the low bits) are refused: ``ValueError``.
    """

    def __init__(self, np, words: list[str]) -> None:
        text = " ".join(words) + " " if words else ""  # each word followed by a space
        if text.isascii():
            codes = np.frombuffer(text.encode("ascii"), dtype=np.uint8)
        else:
            codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        ends = np.flatnonzero(codes == 32)  # the space after each word
        if len(ends) != len(words):  # a word holding a space: not from the tokeniser
            raise ValueError("words must not hold spaces")
        starts = np.zeros(len(ends), dtype=np.int64)
        starts[1:] = ends[:-1]
        starts[1:] += 1
        self.np = np
        self.ends = ends
        self.starts = starts
        self.lengths = ends - starts
        self.total = len(codes) - len(words)
        if len(words) and 5 * int(self.lengths.max()) >> _CHAR_BITS:
            raise ValueError("a word too long for the keys")
        pw, ipw = _powers(np, len(codes))
        # the sum of each word's codes (and its space's) times the powers of _POLY from its start
        self.hashes = np.add.reduceat(codes * pw[: len(codes)], starts) * ipw[starts] if len(words) else starts.view(np.uint64)

    def keys(self, n: int):
        """The key of the ``n``-gram at each position."""
        np = self.np
        h = self.hashes
        count = len(h) - n + 1
        if count <= 0:
            return h[:0]
        grams = h[:count].copy()
        for k in range(1, n):
            grams *= np.uint64(_GRAM)
            grams += h[k : count + k]
        grams <<= np.uint64(_CHAR_BITS)
        grams |= (self.ends[n - 1 :] - self.starts[:count] - (n - 1)).view(np.uint64)
        return grams

    def largest_share(self, n: int, least: int) -> int:
        """The largest count * characters of an ``n``-gram key occurring ``least`` times or more
        (0 when none does): an upper bound of the count * characters of any n-gram occurring
        ``least`` times or more."""
        np = self.np
        ranked = np.sort(self.keys(n))
        if len(ranked) < max(least, 1):
            return 0
        # where each run of equal keys starts, and the end: np.diff with prepend and append, and
        # np.append, cost more in their Python wrappers than the work on a few hundred keys
        change = np.empty(len(ranked) + 1, dtype=bool)
        change[0] = change[-1] = True
        np.not_equal(ranked[1:], ranked[:-1], out=change[1:-1])
        bounds = np.flatnonzero(change)
        counts = bounds[1:] - bounds[:-1]
        shares = counts * (ranked[bounds[:-1]] & np.uint64((1 << _CHAR_BITS) - 1)).view(np.int64)
        if least > 1:
            shares = shares[counts >= least]
        return int(shares.max()) if len(shares) else 0

    def repeated_5gram_cover(self, limit: float) -> int:
        """An upper bound of :func:`repeated_5gram_cover`, or a looser one when that is already no
        more than ``limit``: the characters of the later occurrences of each 5-gram key, counted
        once per occurrence, then, when that is over ``limit``, the characters of the words inside
        them (each word once)."""
        np = self.np
        keys = self.keys(5)
        if len(keys) < 2:
            return 0
        ranked = np.sort(keys)
        repeated = ranked[1:] == ranked[:-1]
        cheap = int((ranked[1:][repeated] & np.uint64((1 << _CHAR_BITS) - 1)).sum())
        if cheap <= limit:
            return cheap
        order = np.argsort(keys, kind="stable")  # equal keys in the order of their positions
        later = order[1:][keys[order[1:]] == keys[order[:-1]]]  # positions whose key occurred earlier
        covered = np.zeros(len(self.lengths), dtype=bool)
        for k in range(5):
            covered[later + k] = True
        return int(self.lengths[covered].sum())


#: words this process has measured without numpy, past which it imports numpy for the rest of the
#: run. The plain path costs about 3,700 instructions a word and the vectorised one about 1,500 on
#: the corpus; importing numpy costs about 315 million: past about 100,000 words the plain path has
#: cost as much as the import (the rule of renting until the rent paid equals the price, at most
#: twice the cost of the better choice made in hindsight). A run on a few files never gets there.
NUMPY_AFTER_WORDS = 100_000
_plain_words = 0


def _numpy_for(size: int):
    """numpy when NL106 should take its vectorised path for ``size`` words, else None: when numpy
    is already imported, or once this process has measured NUMPY_AFTER_WORDS words without it."""
    global _plain_words
    if not is_loaded("numpy"):
        if _plain_words <= NUMPY_AFTER_WORDS:
            _plain_words += size
            return None
        try:
            import numpy  # noqa: F401 - the module, from sys.modules below
        except ImportError:  # not installed: the plain path for good
            _plain_words = -(1 << 62)
            return None
    return sys.modules["numpy"]


def _worse(worst: tuple[float, str] | None, frac: float, limit: float, said: str) -> tuple[float, str] | None:
    if frac > limit and (worst is None or frac / limit > worst[0]):
        return (frac / limit, said)
    return worst


def _percents(frac: float, limit: float) -> tuple[str, str]:
    """``frac`` and ``limit`` as whole percentages, or ``frac`` with as many decimals (up to 4) as it
    takes to show it above the limit: 15.3% over 15% is "15.3% (limit 15%)", not "15% (limit 15%)"."""
    limit_shown = f"{limit:.0%}"
    for digits in range(5):
        frac_shown = f"{frac:.{digits}%}"
        if float(frac_shown[:-1]) > float(limit_shown[:-1]):
            break
    return frac_shown, limit_shown


def _top_said(n: int, gram: tuple[str, ...], frac: float, limit: float) -> str:
    frac_shown, limit_shown = _percents(frac, limit)
    return f"the {n}-gram \"{' '.join(gram)}\" takes {frac_shown} of the text (limit {limit_shown})"


def _dup_said(n: int, frac: float, limit: float) -> str:
    frac_shown, limit_shown = _percents(frac, limit)
    return f"repeated {n}-grams cover {frac_shown} of the text (limit {limit_shown})"


def _worst_plain(words: list[str]) -> tuple[float, str] | None:
    """The worst Gopher measure of ``words`` over its limit (how far over, and what to say), in
    Python: exact counts, with bounds that skip the counts that cannot reach their limits."""
    total = sum(map(len, words))
    worst: tuple[float, str] | None = None
    # cheap upper bounds: an n-gram occurring c times is made of words and 2-grams that occur at
    # least c times each, so with w the largest count * characters of one word and p that of one
    # 2-gram (not the most frequent one's: the largest), frac(2) <= 2w, frac(3) <= p + w and
    # frac(4) <= 2p; p <= 2w when the 2-grams are not counted
    counts = Counter(words)
    lengths = list(map(len, counts))
    unigram = max(map(mul, lengths, counts.values())) / total
    bound = {2: 2 * unigram}
    pair = 2 * unigram
    for n, limit in TOP_NGRAM.items():
        if bound[n] <= limit:
            frac, gram = bound[n], ()
        elif n == 2:
            frac, gram, pair = top_bigram_fraction(words, total)
        else:
            frac, gram = top_ngram_fraction(words, n, total)
        if n == 2:
            bound[3], bound[4] = pair + unigram, 2 * pair
        if gram:
            worst = _worse(worst, frac, limit, _top_said(n, gram, frac, limit))
    cover = repeated_5gram_cover(words, total, max(lengths))
    if cover > min(DUP_NGRAM.values()) * total:
        sizes = _dup_sizes_over(cover, total)
        fractions = duplicate_ngram_fractions_plain(words, sizes, total) if sizes else {}
        for n in sizes:
            worst = _worse(worst, fractions[n], DUP_NGRAM[n], _dup_said(n, fractions[n], DUP_NGRAM[n]))
    return worst


def _dup_sizes_over(cover: int, total: int) -> list[int]:
    """The n of DUP_NGRAM whose limit ``cover`` characters of ``total`` pass, ``cover`` being at
    least the characters of the words inside a later occurrence of some 5-gram (what
    :func:`repeated_5gram_cover` counts when it is over the smallest limit). The words a repeated
    n-gram (n >= 5) counts lie in a later occurrence of an n-gram, so of the 5-gram it starts with:
    their share is an integer F <= cover, F / total <= cover / total as floats too, and an n whose
    limit cover / total does not pass could not be reported."""
    return [n for n, limit in DUP_NGRAM.items() if cover / total > limit]


def _worst_hashed(np, words: list[str]) -> tuple[float, str] | None:
    """:func:`_worst_plain`, skipping the exact counts with bounds read off hashes at numpy speed.

    A measure is counted exactly (by the same functions as :func:`_worst_plain`) only when its
    bound, an integer share B of the text's T characters, says it may be over its limit: the exact
    share is an integer F <= B, so F / T <= B / T as floats too, and a skipped measure could not
    have been reported. Most articles need no exact count at all.
    """
    try:
        hashed = _HashedWords(np, words)
    except ValueError:  # a word too long for the keys
        return _worst_plain(words)
    total = hashed.total
    worst: tuple[float, str] | None = None
    # each word of an n-gram occurring c times occurs c times or more: n times the largest count *
    # characters of a word bounds it; then the largest count * characters of a repeated n-gram key
    unigram = hashed.largest_share(1, 1)
    for n, limit in TOP_NGRAM.items():
        if n * unigram / total <= limit or hashed.largest_share(n, 2) / total <= limit:
            continue
        frac, gram = top_bigram_fraction(words, total)[:2] if n == 2 else top_ngram_fraction(words, n, total)
        if gram:
            worst = _worse(worst, frac, limit, _top_said(n, gram, frac, limit))
    limit = min(DUP_NGRAM.values()) * total
    cover = hashed.repeated_5gram_cover(limit)
    if cover > limit:
        sizes = _dup_sizes_over(cover, total)
        fractions = duplicate_ngram_fractions(words, sizes, total) if sizes else {}
        for n in sizes:
            worst = _worse(worst, fractions[n], DUP_NGRAM[n], _dup_said(n, fractions[n], DUP_NGRAM[n]))
    return worst


class NgramRepetition(Rule):
    """Repetitive text by the Gopher measures: one n-gram dominating, or many repeated n-grams.

    The MassiveText corpus behind Gopher (Rae et al. 2021, appendix A.1.1) drops documents whose
    most frequent 2-, 3- or 4-gram takes more than 20, 18 or 16 per cent of the characters, or whose
    repeated 5- to 10-grams cover more than 15, 14, 13, 12, 11 or 10 per cent of them. In scraped
    news this catches a story repeated inside its own body with small changes, pages of related
    headlines, tag clouds and keyword stuffing. Paragraphs that exactly repeat another paragraph,
    the headline or the summary are left out (NL101-NL103 report them), and the measures are read on the first 5,000 words; bodies shorter than
    ``min-words`` (200) are skipped: on little text one repeated sentence crosses the limits, and NL105
    reports that better. The measures work on
    words, so text in scripts without spaces (Chinese, Japanese, Thai) is skipped.

    Fails::

        Market Report
        By Tom Hale

        Shares rose on Monday in early trading as banks gained. Shares rose on Monday in London as banks gained. Shares rose on Monday in Paris as banks gained. Shares rose on Monday in Frankfurt as banks gained. Shares rose on Monday in Madrid as banks gained. Shares rose on Monday in Milan as banks gained. Shares rose on Monday in Zurich as banks gained. Shares rose on Monday in Vienna as banks gained. Shares rose on Monday in Oslo as banks gained. Shares rose on Monday in Dublin as banks gained. Shares rose on Monday in Lisbon as banks gained. Shares rose on Monday in Athens as banks gained. Shares rose on Monday in Warsaw as banks gained. Shares rose on Monday in Prague as banks gained. Shares rose on Monday in Brussels as banks gained. Shares rose on Monday in Amsterdam as banks gained. Shares rose on Monday in Stockholm as banks gained. Shares rose on Monday in Helsinki as banks gained. Shares rose on Monday in Copenhagen as banks gained. Shares rose on Monday in Budapest as banks gained. Shares rose on Monday in Tokyo as banks gained. Shares rose on Monday in Sydney as banks gained. Shares rose on Monday in Toronto as banks gained. Shares rose on Monday in New York as banks gained.

    Passes::

        Market Report
        By Tom Hale

        European shares rose on Monday as banks and energy companies gained after a quiet weekend for markets.
        The main index in London closed up 0.8 per cent, while Frankfurt and Paris each added about half a per cent.
        Oil prices climbed after producers signalled they would keep output steady through the summer months.
        Traders said volumes were thin because of a public holiday in several countries, and warned that the rally could fade.
        Government bond yields were little changed ahead of inflation figures due on Wednesday.

    Fix: none; look at the article: it is usually an extraction or templating fault.
    """

    code = "NL106"
    name = "ngram-repetition"
    severity = "warning"
    options = {"min-words": 200}

    def check(self, article: Article) -> Iterator[Problem]:
        keep = repeat_free_indices(article)
        if not keep or article.language in ("zh", "ja", "th"):
            return
        if len(keep) == len(article.paragraphs):
            words = article.words_lower  # the shared tokens, lower-cased
        else:
            words = tokenize_words("\n".join(article.paragraphs[i].text for i in keep).lower())
        if len(words) < self.opts["min-words"]:
            return
        words = words[:MAX_WORDS]
        np = _numpy_for(len(words))
        worst = _worst_plain(words) if np is None else _worst_hashed(np, words)
        if worst is not None:
            line = article.paragraphs[keep[0]].line
            yield Problem(
                f"repetitive text: {worst[1]}",
                line=line,
                field="body",
                suggestion="check the extraction: the body repeats itself (Gopher repetition filter)",
            )


RULES = [NgramRepetition]
