"""Use or mention: a pack phrase quoted inside a sentence of prose is the story talking about it.

A paywall notice, a cookie banner or a copyright line in the body is boilerplate; the same words
between quotation marks in a sentence are the story quoting them: 'readers will see a message
reading "Subscribe to continue reading" and an offer of ...', 'a banner that offers a single
"Accept all cookies" button ... does not obtain free consent'. :func:`quoted_mention` tells the
two apart by structure, not by phrases: the match lies between an opening and a closing quotation
mark, and the paragraph has at least :data:`CONTEXT_WORDS` words outside that quotation. A
paragraph that is only the quoted banner, or a short line around it, is still boilerplate.

Quotation marks of the common styles pair up: "…", “…”, „…“, „…”, «…», »…«, ‹…›, ›…‹, 「…」, 『…』,
and single quotes '…' and ‘…’ only when clearly paired (an opening mark after a space or a bracket
and before a letter, a closing one after a non-space and not before a letter, at most
:data:`SINGLE_SPAN` characters apart: "don't" and "readers' choice" hold no quotation).
"""

from __future__ import annotations

import re

#: words outside the quotation that make a paragraph a sentence about the quoted text
CONTEXT_WORDS = 12
#: the longest quotation in single quotes taken as one (apostrophes are single quotes too)
SINGLE_SPAN = 120

#: opening mark -> the marks that close it
_PAIRS = {
    '"': '"', "“": "”", "„": "“”", "«": "»", "»": "«", "‹": "›", "›": "‹",
    "「": "」", "『": "』", "‘": "’", "'": "'",
}
#: marks that are also something else (apostrophes, German closing quotes, reversed guillemets):
#: taken as opening only after a space, a bracket or a dash, and before a non-space
_AMBIGUOUS = set("\"“»›‘'")
_SINGLE = set("‘'")
_OPEN_BEFORE = set(" \t\n([{—–-/")
#: a run of characters of scripts written without spaces: about two of them make a word
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
_WORD = re.compile(r"[^\W_]+")


def quotations(text: str) -> list[tuple[int, int]]:
    """(start, end) of each outermost quotation in ``text``, the marks included."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        closers = _PAIRS.get(ch)
        if closers is None:
            i += 1
            continue
        if ch in _AMBIGUOUS and not (
                (i == 0 or text[i - 1] in _OPEN_BEFORE or text[i - 1] in _PAIRS)
                and i + 1 < n and not text[i + 1].isspace()):
            i += 1
            continue
        limit = min(n, i + 1 + SINGLE_SPAN) if ch in _SINGLE else n
        j = i + 1
        found = -1
        while j < limit:
            c = text[j]
            if c in closers:
                if ch not in _SINGLE:
                    found = j
                    break
                # a single closing quote: after a non-space, not before a letter or digit
                if not text[j - 1].isspace() and (j + 1 == n or not text[j + 1].isalnum()):
                    found = j
                    break
            j += 1
        if found < 0:
            i += 1
            continue
        spans.append((i, found + 1))
        i = found + 1
    return spans


def count_words(text: str) -> float:
    """Words of ``text``: runs of letters and digits, and about one per two characters of a
    script written without spaces (Chinese, Japanese)."""
    unspaced = sum(len(m) for m in _UNSPACED.findall(text))
    return len(_WORD.findall(_UNSPACED.sub(" ", text))) + unspaced / 2


def quoted_mention(text: str, start: int, end: int, spans: list[tuple[int, int]] | None = None) -> bool:
    """Whether ``text[start:end]`` lies inside a quotation of ``text`` with at least
    :data:`CONTEXT_WORDS` words outside it: the text mentions the words rather than being them.
    ``spans`` is :func:`quotations` of ``text`` when the caller has it."""
    for qs, qe in quotations(text) if spans is None else spans:
        if qs < start and end < qe:
            return count_words(text[:qs]) + count_words(text[qe:]) >= CONTEXT_WORDS
        if qs >= end:
            break
    return False
