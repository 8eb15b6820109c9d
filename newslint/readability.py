"""Readability scores computed locally: LIX for any language, Flesch reading ease for English.

:func:`lix` is textstat's ``lix`` (words per sentence plus the percentage of words longer than six
letters, Björnsson 1968) to the last bit, computed with a few passes at C speed instead of one
regular-expression substitution per sentence: tests/test_readability.py holds it to textstat on
generated text and on every corpus article.

Flesch syllables are counted with a vowel-group heuristic (silent final ``e``, ``-le`` endings,
common diphthongs), which lands within a few points of dictionary-based counts on news prose. The
score is only meaningful for English: callers check :attr:`newslint.Article.is_english` first.
"""

from __future__ import annotations

import re
from itertools import filterfalse

from newslint.article import _CONTINUATION_BYTES, _SPACE_OR_X, non_ascii_part, split_counts
from newslint.lazy import LazyPattern

_VOWEL_GROUPS = LazyPattern(r"[aeiouy]+")
_WORD = LazyPattern(r"[A-Za-z]+(?:'[A-Za-z]+)?")
_SENTENCE_END = LazyPattern(r"[.!?]+(?=\s|$)")

# ---------------------------------------------------------------------- LIX
#: textstat's sentence pieces (textstat.backend.counts.count_sentences)
_LIX_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
#: what textstat's remove_punctuation deletes (rm_apostrophe=True): neither word nor space
_LIX_PUNCT = LazyPattern(r"[^\w\s]", re.UNICODE)
#: the same characters among ASCII, for bytes.translate
_ASCII_PUNCT = bytes(b for b in range(128) if not (chr(b).isalnum() or chr(b) == "_" or chr(b).isspace()))


def _strip_punct(text: str) -> str:
    """``_LIX_PUNCT.sub("", text)``: ASCII punctuation deleted with one byte translation of the
    UTF-8 encoding, and each distinct non-ASCII character that is neither a word character nor
    white space deleted with one replace (UTF-8 is self-synchronising)."""
    if text.isascii():
        return text.encode("ascii").translate(None, _ASCII_PUNCT).decode("ascii")
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return _LIX_PUNCT.sub("", text)
    out = data.translate(None, _ASCII_PUNCT)
    for ch in set(non_ascii_part(data)):
        if not (ch.isalnum() or ch.isspace()):
            out = out.replace(ch.encode("utf-8"), b"")
    return out.decode("utf-8")


def lix_counts(text: str) -> tuple[int, int, int]:
    """(words, long words, sentences) as textstat's ``lix`` counts them.

    * words: white-space separated tokens holding a word character (textstat removes punctuation,
      keeping apostrophes only before contraction endings, which are letters: a token without a
      word character, and only such a token, vanishes);
    * long words: tokens with more than six characters once every non-word character is removed;
    * sentences: pieces ``\b[^.!?]+[.!?]*`` of the text with more than two words, at least one.
    """
    words, long_words = _token_counts(text)
    if not text:
        return words, long_words, 0
    pieces = _LIX_SENTENCE.findall(text)
    short = 0
    # a piece of two words or fewer (as counted above) is not a sentence; most pieces start with
    # three white-space tokens holding a word character and one more, and need no closer look
    for piece in filterfalse(_THREE_WORDS_AND_MORE.match, pieces):
        if len(_strip_punct(piece).split()) <= 2:
            short += 1
    return words, long_words, max(1, len(pieces) - short)


#: a text whose first three white-space tokens hold a word character each, and which has a fourth
#: (``piece.split(None, 3)`` gives four parts, the first three holding a word character): each
#: round takes one token, from its first character to the white space after it
_THREE_WORDS_AND_MORE = LazyPattern(r"\s*(?:[^\w\s]*\w\S*\s+){3}\S")


def _token_counts(text: str) -> tuple[int, int]:
    """``split_counts(_strip_punct(text), 6)`` with the text encoded once: deleting the
    punctuation and marking what is left (white space, or one mark a character) are one byte
    translation, after one replace of each distinct non-ASCII character that is punctuation
    (deleted) or white space (a space)."""
    if text.isascii():
        marks = b" " + text.encode("ascii").translate(_SPACE_OR_X, _ASCII_PUNCT)
    else:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate
            return split_counts(_strip_punct(text), 6)
        for ch in set(non_ascii_part(data)):
            if ch.isspace():
                data = data.replace(ch.encode("utf-8"), b" ")
            elif not ch.isalnum():
                data = data.replace(ch.encode("utf-8"), b"")
        marks = b" " + data.translate(_SPACE_OR_X, _ASCII_PUNCT + _CONTINUATION_BYTES)
    return marks.count(b" x"), marks.count(b" xxxxxxx")


def lix(text: str) -> float:
    """textstat's ``lix(text)``: words / sentences + 100 * long words / words (0.0 without words)."""
    words, long_words, sentences = lix_counts(text)
    try:
        per_long_words = 100 * long_words / words
    except ZeroDivisionError:
        return 0.0
    try:
        asl = words / sentences
    except ZeroDivisionError:
        asl = 0.0
    return asl + per_long_words


def syllables(word: str) -> int:
    w = word.lower().split("'")[0]
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    n = len(_VOWEL_GROUPS.findall(w))
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    if w.endswith(("ed", "es")) and not w.endswith(("ted", "ded", "ses", "zes", "ches", "shes", "ges", "ces")) and n > 1:
        n -= 1
    return max(n, 1)


def flesch_reading_ease(text: str) -> float | None:
    """206.835 - 1.015 words/sentence - 84.6 syllables/word; None for text without words."""
    words = _WORD.findall(text)
    if not words:
        return None
    sentences = max(len(_SENTENCE_END.findall(text)), 1)
    syl = sum(syllables(w) for w in words)
    return round(206.835 - 1.015 * len(words) / sentences - 84.6 * syl / len(words), 1)
