"""NL106 ngram-repetition: the repetition filters of the Gopher (MassiveText) quality pipeline."""

from __future__ import annotations

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


#: odd 64-bit multipliers combining the hashes of five words into the hash of their 5-gram
_MIX = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 0xFF51AFD7ED558CCD)


def _greedy_duplicate_chars(keys: list[int], chars: list[int], n: int) -> int:
    """Characters of the n-grams (``keys[i]`` the id of the one at word ``i``, ``chars[i]`` its
    characters) that repeat an earlier one, scanning left to right and skipping past each repeat,
    as Gopher counts them."""
    seen: set[int] = set()
    add = seen.add
    dup = 0
    i = 0
    last = len(keys) - 1
    while i <= last:
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
        _, grams = np.unique(grams[: len(words) - n + 1] * base + ids[n - 1 :], return_inverse=True)
        if n not in sizes:
            continue
        keys = grams.tolist()
        chars = (ends[n:] - ends[:-n]).tolist()
        out[n] = _greedy_duplicate_chars(keys, chars, n) / total_chars
    return out


def repeated_5gram_cover_bound(words: list[str], limit: float = 0.0) -> int:
    """An upper bound of :func:`repeated_5gram_cover`, from hashes, vectorised; a cheaper, looser
    bound when that one is already no more than ``limit``.

    0 when no 5-gram repeats: equal 5-grams have equal hashes, so distinct hashes mean distinct
    5-grams. Otherwise each later occurrence of a 5-gram hash covers at most five words (at most
    five times the longest word), and the tighter bound counts the characters of the words inside
    later occurrences of some 5-gram hash. A hash collision can only add repeats.
    """
    if len(words) < 6:
        return 0
    import numpy as np

    h = np.array(list(map(hash, words)), dtype=np.int64).view(np.uint64)
    n = len(words) - 4
    grams = h[:n] * np.uint64(_MIX[0])
    for k in range(1, 5):
        grams ^= h[k : n + k] * np.uint64(_MIX[k])
    ranked = np.sort(grams)
    repeats = int(np.count_nonzero(ranked[1:] == ranked[:-1]))
    if not repeats:
        return 0
    lengths = np.array(list(map(len, words)), dtype=np.int64)
    cheap = 5 * repeats * int(lengths.max())
    if cheap <= limit:
        return cheap
    order = np.argsort(grams, kind="stable")  # equal hashes in the order of their positions
    ranked = grams[order]
    later = order[1:][ranked[1:] == ranked[:-1]]  # positions whose 5-gram hash occurred earlier
    covered = np.zeros(len(words), dtype=bool)
    for k in range(5):
        covered[later + k] = True
    return int(lengths[covered].sum())


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
        out[n] = _greedy_duplicate_chars(keys, chars, n) / total_chars
    return out


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
            if gram and frac > limit and (worst is None or frac / limit > worst[0]):
                worst = (frac / limit, f"the {n}-gram \"{' '.join(gram)}\" takes {frac:.0%} of the text (limit {limit:.0%})")
        limit = min(DUP_NGRAM.values()) * total
        if is_loaded("numpy"):
            # the hashed bound first: most articles repeat no 5-gram, or too few to matter
            check_dup = repeated_5gram_cover_bound(words, limit) > limit and repeated_5gram_cover(words) > limit
            fractions = duplicate_ngram_fractions(words, list(DUP_NGRAM), total) if check_dup else {}
        else:
            # numpy is not loaded (a run on a few files): importing it would cost more than the
            # vectorised path saves; the plain definitions give the same figures
            check_dup = repeated_5gram_cover(words, total, max(lengths)) > limit
            fractions = duplicate_ngram_fractions_plain(words, list(DUP_NGRAM), total) if check_dup else {}
        for n, limit in DUP_NGRAM.items() if check_dup else ():
            frac = fractions[n]
            if frac > limit and (worst is None or frac / limit > worst[0]):
                worst = (frac / limit, f"repeated {n}-grams cover {frac:.0%} of the text (limit {limit:.0%})")
        if worst is not None:
            line = article.paragraphs[keep[0]].line
            yield Problem(
                f"repetitive text: {worst[1]}",
                line=line,
                field="body",
                suggestion="check the extraction: the body repeats itself (Gopher repetition filter)",
            )


RULES = [NgramRepetition]
