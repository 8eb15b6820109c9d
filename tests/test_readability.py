"""newslint's LIX is textstat's LIX exactly: on generated text, on news-like text and on the corpus."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.readability import lix, lix_counts
from newslint.textstats import textstat

#: letters of several scripts, digits, sentence marks, apostrophes (contraction endings too),
#: punctuation, odd white space, combining marks and odd numerics
PIECES = ["a", "bc", "Xyz", "long", "wordy", "extraordinary", "é", "ß", "İ", "ı", "²", "½", "Ⅻ", "_", "1", "٣",
          "аб", "中", "あ", "한", "\u0301", ".", "!", "?", "...", "'", "'s", "'t", "'ve", "'ll", "'re", "'d", "’",
          "-", "—", ",", ";", "“", "”", "(", ")", "#", " ", "  ", "\n", "\t", "\u00a0", "\u2003", "\x1c", "\x0b"]


def _textstat_lix(text: str) -> float:
    ts = textstat()
    return ts.lix(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=120).map("".join))
def test_lix_is_textstat_lix_on_generated_text(text):
    assert lix(text) == _textstat_lix(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_lix_is_textstat_lix_on_any_text(text):
    assert lix(text) == _textstat_lix(text)


@given(st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=150))
def test_lix_is_textstat_lix_on_ascii_text(text):
    assert lix(text) == _textstat_lix(text)


def test_lix_on_news_prose_and_on_a_menu():
    prose = ("The regional council approved the harbour budget on Tuesday after a long debate. "
             "Fishermen welcomed the decision, which funds new moorings. It's a start, they said.")
    menu = "Home News Local Politics Business Sport Football Cricket Weather Travel Culture Opinion"
    for text in (prose, menu, "", "...", "One. Two. Three words here."):
        assert lix(text) == _textstat_lix(text)
    words, long_words, sentences = lix_counts(prose)
    assert (words, sentences) == (len(prose.split()), 3)
    assert long_words == sum(len(w.strip(".,")) > 6 for w in prose.split())
    assert lix_counts(menu) == (12, 7, 1)  # no sentence mark: one sentence of twelve words, seven long


def test_lix_is_textstat_lix_on_the_corpus(corpus_files):
    checked = 0
    for path in corpus_files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                for sample in (text[:1500], text):
                    assert lix(sample) == pytest.approx(_textstat_lix(sample), abs=0), sample[:80]
                    checked += 1
    assert checked > 500
