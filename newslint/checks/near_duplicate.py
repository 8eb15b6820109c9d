"""NL104 near-duplicate-paragraph."""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from operator import countOf

from newslint.article import Article, spaced_lines_utf8, word_pieces_each
from newslint.checks._common import repeat_free_indices, repeat_phrase
from newslint.lazy import is_loaded
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix


def _loaded_numpy():
    """numpy when this process has imported it already (as a long run has: NL106 imports it past
    a number of words), else None: NL104 alone does not pay for the import."""
    return sys.modules["numpy"] if is_loaded("numpy") else None


#: odd multiplier mixing a token's last eight bytes into its key
_MIX = 0x9E3779B97F4A7C15
#: by a token's length up to 8, the shift of a little-endian 64-bit word that leaves that many
#: of its high bytes (to the right) or of its low bytes (to the left); a numpy array once made
_SHIFTS: list = []


def may_match(np, spaced: bytes, lines: int, threshold: float) -> list[int]:
    """The lines of ``spaced`` (:func:`~newslint.article.spaced_lines_utf8` of ``lines`` texts)
    that may be as similar as ``threshold`` (0 to 1) to another line, as sets of tokens: a
    necessary condition, at numpy speed, of the filter NL104 applies before comparing pairs.

    A line A with |A & B| / |A | B| >= threshold for some line B holds at most
    (1 - threshold) * |A| distinct tokens that B does not hold, so at most that many that no other
    line holds. Counting those exactly would hash every token in Python; this counts fewer of them
    and compares with more than |A|:

    * each token gets a key computed from its bytes alone (its length, its first and last eight
      bytes), so equal tokens have equal keys; a key occurring in the line A alone is held only by
      tokens that no other line holds, and A's keys occurring nowhere else are at most as many as
      its tokens held nowhere else (tokens sharing a key make them fewer, never more);
    * A's tokens counted with their repeats are at least |A| (its distinct tokens).

    A line whose keys occurring nowhere else are more than (1 - threshold) times its tokens (with
    a margin for rounding) is then in no such pair. Every byte of ``spaced`` is a space, a line
    feed or part of a token.
    """
    if not _SHIFTS:
        _SHIFTS.append(np.array([8 * (8 - k) for k in range(9)], dtype=np.uint64))
    # ``codes`` is the text between two spaces; ``buf`` has 8 bytes more on each side of it, so
    # that the 8 bytes starting or ending any token of ``codes`` lie in ``buf``
    buf = b"        " + spaced + b"         "
    size = len(spaced) + 2
    codes = np.frombuffer(buf, dtype=np.uint8, count=size, offset=7)  # codes[e] is buf[e + 7]
    inside = codes > 32  # in a token (neither the space nor the line feed)
    edges = np.flatnonzero(inside[1:] != inside[:-1])
    if not len(edges):
        return []  # no token at all
    # a token runs from codes[before + 1] to codes[last], both included
    before, last = edges[0::2], edges[1::2]
    lengths = last - before
    shift = _SHIFTS[0][np.minimum(lengths, 8)]
    keys = np.ndarray((size,), dtype="<u8", buffer=buf, offset=8, strides=(1,))[before]
    keys <<= shift  # the 8 bytes from the token's first, of which only the token's
    ending = np.ndarray((size,), dtype="<u8", buffer=buf, strides=(1,))[last]
    ending >>= shift  # the 8 bytes up to its last, of which only the token's
    ending *= np.uint64(_MIX)
    keys ^= ending
    keys += lengths.view(np.uint64)
    # the line of each token in the low bits of its key: sorted, the keys of one token (or of
    # tokens sharing a key) come together, by line
    line = np.searchsorted(np.flatnonzero(codes == 10), before, side="right")
    bits = max(lines - 1, 1).bit_length()
    line_mask = np.uint64((1 << bits) - 1)
    keys &= ~line_mask
    keys |= line.view(np.uint64)
    keys.sort()
    token = keys >> np.uint64(bits)
    change = np.empty(len(keys) + 1, dtype=bool)
    change[0] = change[-1] = True
    np.not_equal(token[1:], token[:-1], out=change[1:-1])
    bounds = np.flatnonzero(change)
    first = keys[bounds[:-1]]  # of each key, on its first line ...
    other = keys[bounds[1:] - 1]  # ... and on its last one
    other ^= first  # 0 exactly when the two lines are one
    first &= line_mask
    alone = np.bincount(first[other == 0].view(np.int64), minlength=lines)
    tokens = np.bincount(line, minlength=lines)
    return np.flatnonzero(alone <= (1.0 - threshold) * tokens + 1e-3).tolist()


class NearDuplicateParagraph(Rule):
    """A body paragraph that repeats an earlier one with small edits.

    Pages that render a block twice do not always render it identically: a corrected typo, an
    updated figure, a dropped word or a different quotation mark leave two copies that NL101
    (exact repeats) does not see. Each paragraph of at least ``min-chars`` characters is compared,
    as a set of lower-case word tokens, with the earlier paragraphs of a close enough size; a
    Jaccard similarity of ``threshold`` (default 0.8: one word in ten may differ) or more reports
    the later copy. Exact repeats are left to NL101, the headline to NL102.

    Fails::

        Council Approves Harbour Budget
        By Lena Morris

        The council approved a budget of 4.2 million euros for the harbour on Tuesday, after a debate that lasted most of the afternoon.
        Fishermen welcomed the decision, which funds new moorings and a repaired breakwater.
        The council approved a budget of 4.3 million euros for the harbour on Tuesday, after a debate that lasted most of the afternoon.

    Passes::

        Council Approves Harbour Budget
        By Lena Morris

        The council approved a budget of 4.2 million euros for the harbour on Tuesday, after a debate that lasted most of the afternoon.
        Fishermen welcomed the decision, which funds new moorings and a repaired breakwater.
        Opposition members had asked for the vote to be delayed until the spring, arguing that costs were still uncertain.

    Fix: deletes the later copy. Unsafe: the copies differ, and the later one may be the corrected
    version; compare them before applying.
    """

    code = "NL104"
    name = "near-duplicate-paragraph"
    severity = "warning"
    fixable = True
    options = {"min-chars": 80, "threshold": 0.8}

    def check(self, article: Article) -> Iterator[Problem]:
        min_chars, threshold = self.opts["min-chars"], self.opts["threshold"]
        hashes = article.paragraph_hashes
        normalized = article.normalized
        long_enough = [i for i in repeat_free_indices(article) if len(normalized[i]) >= min_chars]
        if len(long_enough) < 2:
            return
        # each paragraph's tokens are re.findall(r"\w+", norm), as their UTF-8 encodings (equal
        # exactly when the tokens are: the sets compare the same), found in one pass
        texts = [normalized[i] for i in long_enough]
        spaced = spaced_lines_utf8(texts)
        if spaced is None:  # a lone surrogate
            pieces: list = word_pieces_each(texts)
        else:
            np = _loaded_numpy() if 0.0 <= threshold <= 1.0 else None
            # may_match leaves out only paragraphs in no pair reaching the threshold. What follows
            # gives the same findings without them: the two paragraphs of a pair reaching it are
            # both kept, so the filter below still sees the tokens they share and keeps both; and
            # a paragraph in no such pair is never reported, nor the original a report names
            if np is not None:
                keep = may_match(np, spaced, len(texts), threshold)
                if len(keep) < 2:
                    return
                lines = spaced.split(b"\n")
                long_enough = [long_enough[k] for k in keep]
                pieces = [lines[k].split() for k in keep]
            else:
                pieces = [line.split() for line in spaced.split(b"\n")]
        sets = {i: tokens for i, tokens in zip(long_enough, map(frozenset, pieces)) if len(tokens) >= 5}
        if len(sets) < 2:
            return
        # a paragraph shares at most its tokens that some other paragraph holds (those counted in
        # two sets or more): when those are fewer than ``threshold`` of its tokens, no similarity
        # with it can reach the threshold (|A & B| / |A | B| <= |A & B| / |A|), and it can be left
        # out altogether (the tokens counted once are the ones no other paragraph holds)
        counts = Counter(chain.from_iterable(sets.values()))
        held = counts.__getitem__
        sets = {
            i: tokens
            for i, tokens in sets.items()
            if len(tokens) - countOf(map(held, tokens), 1) >= threshold * len(tokens) - 1e-6
        }
        if len(sets) < 2:
            return
        # every earlier paragraph that is not itself a copy is a candidate, unless the sizes alone
        # rule the threshold out (|A & B| / |A | B| <= min / max): originals are kept sorted by size
        # and only the window of sizes that can reach the threshold is compared
        sizes: list[int] = []
        originals: list[tuple[int, frozenset]] = []
        for i, tokens in sets.items():
            size = len(tokens)
            best, best_sim = -1, 0.0
            lo = bisect_left(sizes, int(threshold * size) - 1)
            hi = bisect_right(sizes, int(size / threshold) + 1) if threshold > 0 else len(sizes)
            for k in range(lo, hi):
                other_size = sizes[k]
                if min(other_size, size) < threshold * max(other_size, size):
                    continue
                j, other = originals[k]
                if hashes[j] == hashes[i]:
                    continue
                inter = len(tokens & other)
                sim = inter / (size + other_size - inter)
                if sim > best_sim or (sim == best_sim and j < best):
                    best, best_sim = j, sim
            if best >= 0 and best_sim >= threshold:
                here, there, said = repeat_phrase(article, i, best)
                yield self.at_paragraph(
                    article,
                    i,
                    f"near-duplicate paragraph: {said} with small edits ({best_sim:.0%} of words shared)",
                    suggestion=f"compare {here} with {there} and keep one",
                    fix=Fix(f"delete {here}, a near repeat of {there}", (Edit("delete_paragraph", paragraph=i),), "unsafe"),
                )
                continue  # a copy is not itself an original for later paragraphs
            k = bisect_right(sizes, size)
            sizes.insert(k, size)
            originals.insert(k, (i, tokens))


RULES = [NearDuplicateParagraph]
