"""The shared word views and NL106's fast paths give exactly what their plain definitions give."""

from __future__ import annotations

import re
import sys
from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslint.article import Article, Paragraph, tokenize_words, word_pieces, word_pieces_each
from newslint.checks.ngram_repetition import (
    DUP_NGRAM,
    TOP_NGRAM,
    NgramRepetition,
    _dup_said,
    _top_said,
    repeated_5gram_cover,
)

WORD = re.compile(r"\w+(?:['’]\w+)*")
#: letters of several scripts (some that grow when lower-cased), digits, apostrophes, punctuation,
#: odd white space, combining marks, odd numerics and a lone surrogate
MIXED = st.text(alphabet=list("abcXYZ éßøİıΣς²½Ⅻ_19٣ 'аб中あ한\u0301\u00a0\u2003\x1c\t\n.,-’‘“”—…\ud800"), max_size=160)
ASCII = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=120)


def _article(*paragraphs: str) -> Article:
    return Article(path="t.txt", format="txt", title="Harbour Vote",
                   paragraphs=[Paragraph(t, i + 3, i + 3, i) for i, t in enumerate(paragraphs)])


@given(MIXED)
def test_tokenize_words_is_findall(text):
    assert tokenize_words(text) == WORD.findall(text)


@given(ASCII)
def test_tokenize_words_is_findall_on_ascii(text):
    assert tokenize_words(text) == WORD.findall(text)


#: apostrophes in every position: between words, doubled, at the ends, beside white space
APOSTROPHES = st.text(alphabet=list("ab é_1 ’'‘.\n\u00a0"), max_size=40)


@given(APOSTROPHES)
@example("a’’b ’c' d'’e’f ’")
def test_tokenize_words_is_findall_around_apostrophes(text):
    assert tokenize_words(text) == WORD.findall(text)


@given(MIXED)
@example("a\ud800b c’d")
def test_word_pieces_is_findall(text):
    assert word_pieces(text) == re.findall(r"\w+", text)


@given(st.lists(MIXED, max_size=5))
@example(["a\nb", "c"])  # a text with a line feed of its own
@example(["", "x\ud800y"])
def test_word_pieces_each_is_word_pieces_of_each(texts):
    assert word_pieces_each(texts) == [re.findall(r"\w+", t) for t in texts]


@given(st.text(max_size=80))
def test_tokenize_words_and_word_pieces_on_any_text(text):
    assert tokenize_words(text) == WORD.findall(text)
    assert word_pieces(text) == re.findall(r"\w+", text)


def test_lower_casing_keeps_the_kind_of_every_character_it_does_not_grow():
    """What words_lower relies on: a character whose lower case is one character keeps its kind."""
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if len(low) != 1:
            continue
        assert c.isalnum() == low.isalnum() and c.isspace() == low.isspace(), hex(cp)
        assert (c == "_") == (low == "_") and (c in "'’") == (low in "'’"), hex(cp)


@given(st.lists(MIXED, max_size=4))
@example(["ΑΣ.Β ΟΔΟΣ"])  # a capital sigma is lower-cased by what follows it in the body, not in the word
@example(["İstanbul"])
def test_words_lower_is_the_lower_cased_words(paragraphs):
    fresh = _article(*paragraphs)
    expected = list(map(str.lower, _article(*paragraphs).words))
    assert fresh.words_lower == expected
    built = _article(*paragraphs)
    built.words  # noqa: B018 - the other path: from the words already tokenised
    assert built.words_lower == expected


VOCAB = ["the", "council", "budget", "harbour", "vote", "said", "on", "mayor", "plan", "new", "port", "x"]


#: words of several scripts, and pairs with equal hashes when the hash multiplier is 1 (anagrams)
HASHED_VOCAB = VOCAB + ["no", "on", "eht", "straße", "аб", "ба", "中文", "x\U0001f600", "x\ud800"]


def _weak_hashes():
    """A context in which _HashedWords hashes a word by the sum of its code points: anagrams share
    a hash, so the bounds are exercised with collisions."""
    import pytest

    from newslint.checks import ngram_repetition

    mp = pytest.MonkeyPatch.context()
    patch = mp.__enter__()
    patch.setattr(ngram_repetition, "_POLY", 1)
    patch.setattr(ngram_repetition, "_POWERS", [])
    return mp


def _largest_share_by_definition(words: list[str], n: int, least: int) -> int:
    grams = Counter(zip(*(words[k:] for k in range(n))))
    return max((sum(map(len, g)) * c for g, c in grams.items() if c >= least), default=0)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HASHED_VOCAB), max_size=60), st.booleans())
@example(["the", "eht", "vote", "the", "eht", "vote"], True)
def test_hashed_bounds_bound_the_exact_counts(words, weak):
    import numpy as np

    from newslint.checks.ngram_repetition import _CHAR_BITS, _HashedWords

    context = _weak_hashes() if weak else None
    try:
        hashed = _HashedWords(np, words)
    finally:
        if context is not None:
            context.__exit__(None, None, None)
    assert hashed.lengths.tolist() == list(map(len, words))
    assert hashed.total == sum(map(len, words))
    # equal n-grams, equal keys; the characters of the n-gram in the low bits
    for n in (1, 2, 3, 4, 5):
        first = {}
        for i, key in enumerate(hashed.keys(n).tolist()):
            gram = tuple(words[i : i + n])
            assert first.setdefault(gram, key) == key
            assert key % (1 << _CHAR_BITS) == sum(map(len, gram))
    if weak and {"no", "on"} <= set(words):
        assert hashed.keys(1)[words.index("no")] == hashed.keys(1)[words.index("on")]
    assert hashed.largest_share(1, 1) >= _largest_share_by_definition(words, 1, 1)
    for n in (1, 2, 3, 4, 5):
        assert hashed.largest_share(n, 2) >= _largest_share_by_definition(words, n, 2)
    exact = repeated_5gram_cover(words)
    total = sum(map(len, words))
    assert hashed.repeated_5gram_cover(0) >= exact
    assert hashed.repeated_5gram_cover(0.1 * total) >= exact
    # by definition: the characters of the words inside a later occurrence of a 5-gram, unless a
    # looser bound is already within the smallest limit
    grams = list(zip(words, words[1:], words[2:], words[3:], words[4:]))
    covered = {i + k for i, g in enumerate(grams) if grams.index(g) != i for k in range(5)}
    plain = sum(len(words[i]) for i in covered)
    assert exact == plain or plain <= exact <= min(DUP_NGRAM.values()) * total
    if not weak:  # no collision among these words: the bound is the exact cover
        assert hashed.repeated_5gram_cover(0) == plain


def _ngram_findings_by_definition(words: list[str]) -> list[str]:
    """NL106's measures without bounds or shortcuts: every fraction computed, the worst reported
    (in the rule's own words)."""
    total = sum(map(len, words))
    worst = None
    for n, limit in TOP_NGRAM.items():
        grams = list(zip(*(words[k:] for k in range(n))))
        if not grams:
            continue
        counts = Counter(grams)
        gram, count = counts.most_common(1)[0]
        if count < 2:
            continue
        frac = sum(len(w) for w in gram) * count / total
        if frac > limit and (worst is None or frac / limit > worst[0]):
            worst = (frac / limit, _top_said(n, gram, frac, limit))
    for n, limit in DUP_NGRAM.items():
        seen, dup, i = set(), 0, 0
        while i <= len(words) - n:
            gram = tuple(words[i : i + n])
            if gram in seen:
                dup += sum(len(w) for w in gram)
                i += n
            else:
                seen.add(gram)
                i += 1
        frac = dup / total
        if frac > limit and (worst is None or frac / limit > worst[0]):
            worst = (frac / limit, _dup_said(n, frac, limit))
    return [] if worst is None else [f"repetitive text: {worst[1]}"]


SENTENCES = [
    "The council approved the harbour budget on Tuesday",
    "Fishermen welcomed the new moorings",
    "The mayor said the plan would take two years",
    "Opposition members asked for a delay",
    "Ferries will run as normal",
    "The vote was close",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=30), st.sampled_from(VOCAB))
# the most frequent 2-gram ("the vote") is not the one that takes most characters ("was close"):
# the bound of the 4-gram share must use the latter
@example(["The council approved the harbour budget on Tuesday", "Fishermen welcomed the new moorings",
          "The mayor said the plan would take two years", "Opposition members asked for a delay",
          "The vote was close", "The vote was close"], "council")
def test_ngram_repetition_matches_its_plain_definition(sentences, extra):
    import numpy as np

    from newslint.checks.ngram_repetition import _worst_hashed, _worst_plain

    body = ". ".join(sentences) + f" {extra}."
    rule = NgramRepetition({"min-words": 10})
    words = [w.lower() for w in WORD.findall(body)]
    found = [p.message for p in rule.check(_article(body))]
    expected = _ngram_findings_by_definition(words) if len(words) >= 10 else []
    assert found == expected
    # both ways of measuring, whichever the rule took; and the hashed one with colliding hashes
    said = [f"repetitive text: {_worst_plain(words)[1]}"] if expected else []
    assert (said, _worst_plain(words)) == (expected, _worst_hashed(np, words))
    context = _weak_hashes()
    try:
        assert _worst_hashed(np, words) == _worst_plain(words)
    finally:
        context.__exit__(None, None, None)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HASHED_VOCAB[:6] + HASHED_VOCAB[-8:]), min_size=1, max_size=120))
@example(["the", "eht"] * 40)
@example(["no", "on", "vote", "x", "the"] * 20)
def test_ngram_measures_of_both_ways_are_the_definition(words):
    import numpy as np

    from newslint.checks.ngram_repetition import _worst_hashed, _worst_plain

    expected = _ngram_findings_by_definition(words)
    worst = _worst_plain(words)
    assert ([f"repetitive text: {worst[1]}"] if worst else []) == expected
    assert _worst_hashed(np, words) == worst
    context = _weak_hashes()
    try:
        assert _worst_hashed(np, words) == worst
    finally:
        context.__exit__(None, None, None)


def test_ngram_repetition_takes_numpy_only_past_a_number_of_words(monkeypatch):
    """A run that has measured few words keeps to the Python path unless numpy is loaded already."""
    from newslint.checks import ngram_repetition

    monkeypatch.setattr(ngram_repetition, "_plain_words", 0)
    monkeypatch.setattr(ngram_repetition, "is_loaded", lambda name: False)
    assert ngram_repetition._numpy_for(1000) is None
    monkeypatch.setattr(ngram_repetition, "_plain_words", ngram_repetition.NUMPY_AFTER_WORDS + 1)
    assert ngram_repetition._numpy_for(1000) is sys.modules["numpy"]
    monkeypatch.setattr(ngram_repetition, "_plain_words", 0)
    monkeypatch.setattr(ngram_repetition, "is_loaded", lambda name: True)
    assert ngram_repetition._numpy_for(1000) is sys.modules["numpy"]
    # numpy not installed: the plain path for good
    monkeypatch.setattr(ngram_repetition, "is_loaded", lambda name: False)
    monkeypatch.setattr(ngram_repetition, "_plain_words", ngram_repetition.NUMPY_AFTER_WORDS + 1)
    monkeypatch.setitem(sys.modules, "numpy", None)
    assert ngram_repetition._numpy_for(1000) is None
    assert ngram_repetition._numpy_for(10 * ngram_repetition.NUMPY_AFTER_WORDS) is None


# NL105: a sentence's normalised text read off its paragraph's normalised text ---------------------
SENTENCE_TEXT = st.lists(
    st.sampled_from(["The", "harbour", "VOTE", "Straße", "ﬁne", "İz", "ΟΔΟΣ", "x\u0301", "é", "1", "’s", "\u00a8",
                     " ", " ", "  ", "\t", "\u00a0", "\n", ". ", "! ", "? ", ", ", "“", "”"]),
    max_size=60,
).map("".join)


def test_case_folding_keeps_white_space_apart_from_the_rest():
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        folded = c.casefold()
        if len(folded) == 1:
            assert c.isspace() == folded.isspace(), hex(cp)


@settings(max_examples=400, deadline=None)
@given(SENTENCE_TEXT)
@example("Die Straße  ist gut. Die Straße ist gut.")
@example(" Straße ist gut.")
def test_aligned_is_its_plain_definition(text):
    """_aligned tries case folding only when collapsing white space may have changed the length."""
    import unicodedata

    from newslint.article import normalize_text
    from newslint.checks.repeated_sentence import _ASCII, _aligned

    norm = normalize_text(text)
    if len(norm) != len(text):
        plain = False
    elif text.isascii():
        plain = _ASCII
    else:
        plain = unicodedata.is_normalized("NFKC", text) and len(text.casefold()) == len(text)
    assert _aligned(text, norm) == plain


@settings(max_examples=400, deadline=None)
@given(SENTENCE_TEXT)
@example("The harbour vote. The harbour vote.")
@example("Straße ist gut. Die Straße ist gut.")
def test_sentence_keys_are_the_normalised_sentences(text):
    import unicodedata

    from newslint.article import normalize_text, sentence_offsets
    from newslint.checks.repeated_sentence import _ASCII, _aligned

    text = text.strip()
    norm = normalize_text(text)
    fits = _aligned(text, norm)
    for s, e in sentence_offsets(text):
        if fits and (fits is _ASCII or unicodedata.is_normalized("NFKC", text[s:e])):
            assert norm[s:e] == normalize_text(text[s:e])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from([
    "The council approved the harbour budget on Tuesday after a long debate.",
    "THE COUNCIL APPROVED THE HARBOUR BUDGET ON TUESDAY AFTER A LONG DEBATE.",
    "The council  approved the harbour budget on Tuesday after a long debate.",
    "Die Straße wurde am Dienstag nach einer langen Debatte für den Verkehr gesperrt.",
    "Die Strasse wurde am Dienstag nach einer langen Debatte für den Verkehr gesperrt.",
    "Fishermen welcomed the decision, which funds new moorings and a repaired breakwater.",
    "Short one.",
]), min_size=1, max_size=4).map(" ".join), min_size=1, max_size=5))
def test_repeated_sentence_matches_its_plain_definition(paragraphs):
    from newslint.article import normalize_text
    from newslint.checks._common import repeat_free_indices
    from newslint.checks.repeated_sentence import RepeatedSentence

    article = _article(*paragraphs)
    found = [(p.paragraph, p.message) for p in RepeatedSentence({"min-words": 8}).check(article)]
    # the plain definition: every sentence normalised on its own
    keep = set(repeat_free_indices(article))
    first, repeats = {}, {}
    for para, s, e in article.sentence_spans:
        text = article.paragraphs[para].text[s:e]
        if para not in keep or len(text.split(" ")) < 8:
            continue
        key = normalize_text(text)
        if key in first:
            repeats.setdefault(para, []).append((s, e, first[key]))
        else:
            first[key] = para
    expected_paras = []
    for para in sorted(repeats):
        spans = repeats[para]
        sources = {src for _, _, src in spans}
        covered = sum(e - s for s, e, _ in spans)
        if len(sources) == 1 and para not in sources and covered * 2 >= len(article.paragraphs[para].text):
            continue
        expected_paras += [para] * len(spans)
    assert [p for p, _ in found] == expected_paras


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCAB[:4]), max_size=80))
def test_duplicate_ngram_fractions_on_integers_match_the_tuple_scan(words):
    from newslint.checks.ngram_repetition import (
        duplicate_ngram_fraction,
        duplicate_ngram_fractions,
        duplicate_ngram_fractions_plain,
    )

    total = sum(map(len, words))
    expected = {n: duplicate_ngram_fraction(words, n, total) for n in DUP_NGRAM}
    assert duplicate_ngram_fractions(words, list(DUP_NGRAM), total) == expected
    assert duplicate_ngram_fractions_plain(words, list(DUP_NGRAM), total) == expected
