"""NL104 near-duplicate-paragraph."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from operator import itemgetter

from newslint.article import Article
from newslint.checks._common import repeat_free_indices, where
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix

_TOKEN = re.compile(r"\w+", re.UNICODE)


class NearDuplicateParagraph(Rule):
    """A body paragraph that repeats an earlier one with small edits.

    Pages that render a block twice do not always render it identically: a corrected typo, an
    updated figure, a dropped word or a different quotation mark leave two copies that NL101
    (exact repeats) does not see. Each paragraph of at least ``min-chars`` characters is compared,
    as a set of lower-case word tokens, with the earlier paragraphs that share its rarer words; a
    Jaccard similarity of ``threshold`` (default 0.8: one word in ten may differ) or more reports
    the later copy. Exact repeats are left to NL101, the headline to NL102. Candidate pairs come
    from an index of each paragraph's rarest words (prefix filtering), so the cost stays close to
    linear in the length of the article.

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
        sets: dict[int, frozenset[str]] = {}
        for i in repeat_free_indices(article):
            norm = article.normalized[i]
            if len(norm) >= min_chars:
                tokens = frozenset(_TOKEN.findall(norm))
                if len(tokens) >= 5:
                    sets[i] = tokens
        if len(sets) < 2:
            return
        # prefix filtering (the all-pairs set-similarity join): with tokens ordered rarest first,
        # two sets with Jaccard >= t share a token among the first len - ceil(t * len) + 1 of each
        freq = Counter(tok for tokens in sets.values() for tok in tokens)
        rank = {tok: r for r, (tok, _) in enumerate(sorted(freq.items(), key=itemgetter(1, 0)))}
        postings: dict[str, list[int]] = defaultdict(list)
        for i, tokens in sets.items():
            order = sorted(tokens, key=rank.__getitem__)
            prefix = order[: len(order) - math.ceil(threshold * len(order)) + 1]
            candidates = {j for tok in prefix for j in postings.get(tok, ())}
            best, best_sim = -1, 0.0
            for j in sorted(candidates):
                other = sets[j]
                if hashes[j] == hashes[i] or min(len(other), len(tokens)) < threshold * max(len(other), len(tokens)):
                    continue
                inter = len(tokens & other)
                sim = inter / (len(tokens) + len(other) - inter)
                if sim > best_sim:
                    best, best_sim = j, sim
            if best >= 0 and best_sim >= threshold:
                here, there = where(article, i), where(article, best)
                said = f"repeats {there}" if here.startswith("line") else f"{here} repeats {there}"
                yield self.at_paragraph(
                    article,
                    i,
                    f"near-duplicate paragraph: {said} with small edits ({best_sim:.0%} of words shared)",
                    suggestion=f"compare {here} with {there} and keep one",
                    fix=Fix(f"delete {here}, a near repeat of {there}", (Edit("delete_paragraph", paragraph=i),), "unsafe"),
                )
                continue  # a copy is not itself an original for later paragraphs
            for tok in prefix:
                postings[tok].append(i)


RULES = [NearDuplicateParagraph]
