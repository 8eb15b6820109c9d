"""NL104 near-duplicate-paragraph."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from newslint.article import Article, word_pieces_each
from newslint.checks._common import repeat_free_indices, repeat_phrase
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix


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
        sets: dict[int, frozenset[str]] = {}
        long_enough = [i for i in repeat_free_indices(article) if len(normalized[i]) >= min_chars]
        # the tokens are re.findall(r"\w+", norm) of each paragraph, found in one pass; ``shared``
        # collects the tokens that two paragraphs or more hold (in one held by an earlier one)
        seen: set[str] = set()
        shared: set[str] = set()
        for i, pieces in zip(long_enough, word_pieces_each([normalized[i] for i in long_enough])):
            tokens = frozenset(pieces)
            if len(tokens) >= 5:
                sets[i] = tokens
                shared |= seen & tokens
                seen |= tokens
        # a paragraph shares at most its tokens that some other paragraph holds: when those are
        # fewer than ``threshold`` of its tokens, no similarity with it can reach the threshold
        # (|A & B| / |A | B| <= |A & B| / |A|), and it can be left out altogether
        if len(sets) < 2:
            return
        sets = {i: tokens for i, tokens in sets.items() if len(tokens & shared) >= threshold * len(tokens) - 1e-6}
        if len(sets) < 2:
            return
        # every earlier paragraph that is not itself a copy is a candidate, unless the sizes alone
        # rule the threshold out (|A & B| / |A | B| <= min / max): originals are kept sorted by size
        # and only the window of sizes that can reach the threshold is compared
        sizes: list[int] = []
        originals: list[tuple[int, frozenset[str]]] = []
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
