"""Faster ways of computing what rules read give exactly what the plain definitions give."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given, settings
from hypothesis import strategies as st

from newslint.article import _WIDE_SPACES, count_split
from newslint.checks.wrong_codec import _PAIRS, _RUN, _non_ascii_runs

#: ASCII, Latin letters, curly quotes, Cyrillic, CJK, four-byte characters (emoji, a supplementary
#: ideograph), white space outside ASCII and a lone surrogate
TEXT = st.text(alphabet=list("ab .,\n\t\x85\x1c\u2028'éßÐ’“”—аб中あ한\U0001f600\U00020000\u00a0\u3000\ud800"
                             "\u3040\u30ff\u3400\u4dbf\u9fff\uac00\ud7af\uff61\uff9f\ue000\u303f\uffa0"), max_size=80)


@given(TEXT)
@example("\U0001f600 é\U0001f600 ab ’’")
@example("x\ud800é中")
def test_non_ascii_runs_are_the_regex_runs(text):
    from newslint.checks.wrong_codec import _EAST_ASIAN

    pairs, runs, east_asian = _non_ascii_runs(text)
    assert (pairs, runs) == (" ".join(_PAIRS.findall(text)), "".join(_RUN.findall(text)))
    assert east_asian or not _EAST_ASIAN.search(text)


def test_every_white_space_character_outside_ascii_is_known():
    """count_split replaces these; the list stops at U+3000, the last of them."""
    assert _WIDE_SPACES == {c for c in map(chr, range(128, sys.maxunicode + 1)) if c.isspace()}


@given(TEXT)
@example("\u0085a\u2028b\u3000 c\x1c\x1fd")
def test_count_split_is_the_number_of_pieces(text):
    assert count_split(text) == len(text.split())


@given(TEXT, st.integers(0, 8))
@example("\u0085a\u2028bbbbbbb\u3000 cé\U0001f600éééé\x1c\x1fd", 6)
@example("ééééééé", 6)
def test_split_counts_are_the_pieces_and_the_long_ones(text, n):
    from newslint.article import split_counts

    pieces = text.split()
    assert split_counts(text, n) == (len(pieces), sum(len(p) > n for p in pieces))


@given(TEXT)
@example("a\u00a0–b_ c\u0301 ’’ \U0001f600x")
def test_lix_punctuation_stripped_as_the_regex_does(text):
    from newslint.readability import _LIX_PUNCT, _strip_punct

    assert _strip_punct(text) == _LIX_PUNCT.sub("", text)


@given(st.text(alphabet=list("ab é’“\u0080\u009f\u00c2\u00f4\u00bf\u201a\u221a\u00c4\u20ac\ud800"), max_size=30))
@example("Ã\ud800©")
def test_mojibake_gate_on_the_non_ascii_characters_is_the_plain_gate(text):
    from newslint.checks.encoding import _first_candidate, may_hold_suspect

    assert may_hold_suspect(text) == (_first_candidate(text) is not None)


def test_the_space_is_the_only_printable_white_space():
    """What normalize_text's shortcut relies on."""
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()] == [" "]


@given(TEXT)
@example(" a  b ")
@example("a\u00a0b")
def test_normalize_text_is_nfkc_collapsed_and_case_folded(text):
    import unicodedata

    from newslint.article import normalize_text

    assert normalize_text(text) == " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


#: sentence material: terminal punctuation, closing quotes and brackets, capitals, digits, white space
SENTENCES = st.text(alphabet=list("ab AZ1é.!?。”’»)]\"'“‘«(\n\t\u00a0\u3000"), max_size=60)


@given(SENTENCES)
@example("  A. B.  ")
@example(". A")
@example("a.\u00a0\u00a0B! ”C")
def test_sentence_offsets_split_like_split_sentences(text):
    from newslint.article import sentence_offsets, split_sentences

    offsets = sentence_offsets(text)
    assert [text[s:e] for s, e in offsets] == split_sentences(text)
    assert all(text[s:e] == text[s:e].strip() and e > s for s, e in offsets)


@given(st.text(alphabet=list("ab \n\t\x00\x08\x0b\x1f\x7f\x80\x9f\u00ad\u061c\u200b\u200f\u202a\u2066\ufeff\ufffdé’\ud800"), max_size=40))
@example("\x00a\u200b\ud800")
def test_rare_characters_found_without_the_regex_scan(text):
    from newslint.checks._text import _RARE, _rare_set

    assert _rare_set(text) == set(_RARE.findall(text))


def test_the_wide_spaces_written_out_are_the_white_space_outside_ascii():
    from newslint.article import _WIDE_SPACES

    assert _WIDE_SPACES == frozenset(c for c in map(chr, range(128, 0x3001)) if c.isspace())
    assert not any(c.isspace() for c in map(chr, range(0x3001, 0x110000)))  # none beyond the range read


@given(st.binary(max_size=40))
@example(b"\xe2\x80\xc3\xa9\x80\x81")
@example(b"\xed\xa0\x80\xf0\x9f\x98\x80\xc3")
def test_utf8_sequences_are_the_regex_sequences(data):
    from newslint.checks.wrong_codec import _VALID, _utf8_sequences

    assert _utf8_sequences(data) == "".join(_VALID.findall(data.decode("utf-8", "surrogateescape"))).encode("utf-8")


#: misread text (UTF-8 read as Windows-1252, Windows-1251, Mac Roman, GBK), clean text in several
#: scripts, and characters some code pages have no byte for
MISREAD = st.text(alphabet=list("ab .’é" "Ã©â€™" "Р“РѕСЂ" "вЂ”" "√©" "鍩庡競" "中あ한\ufffdΩ\U0001f600"), max_size=30)


@settings(max_examples=500, deadline=None)
@given(MISREAD, st.sampled_from(["cp1252", "cp1251", "mac_roman", "koi8-r", "cp437", "gbk", "shift_jis", "euc-kr"]))
@example("Ã©t", "cp1252")
@example("Ã\U0001f600©", "cp1252")
def test_a_text_without_utf8_sequences_in_a_code_page_has_no_run_to_read_again(text, codec):
    """find() skips a code page under which the whole text's encoding holds no UTF-8 sequence."""
    from newslint.checks.wrong_codec import _utf8_sequences, redecode

    if redecode(text, codec) is not None:
        assert _utf8_sequences(text.encode(codec, "replace"))


@settings(max_examples=500, deadline=None)
@given(TEXT)
@example("a b c ")
@example("a, b. c d")
@example(" — a b_ c\u00a0d")
@example("a b c")
@example("a b ’’ d e")
def test_three_words_and_more_is_the_split_test(text):
    """The regex NL503's sentence count tries first is the test it stands for."""
    from newslint.readability import _LIX_PUNCT, _THREE_WORDS_AND_MORE

    parts = text.split(None, 3)
    plain = len(parts) > 3 and all(_LIX_PUNCT.sub("", p) for p in parts[:3])
    assert (_THREE_WORDS_AND_MORE.match(text) is not None) == plain


@given(TEXT)
@example("Ünïcödé wörds, ‘quoted’ — and\u3000more\u2028lines")
@example("abcdefg, abcdef.")
def test_token_counts_are_the_stripped_pieces(text):
    from newslint.readability import _LIX_PUNCT, _token_counts

    pieces = _LIX_PUNCT.sub("", text).split()
    assert _token_counts(text) == (len(pieces), sum(len(p) > 6 for p in pieces))


def test_every_character_cld2_refuses_is_not_printable():
    """identify() sends printable text to CLD2 without looking for them."""
    from newslint.lang import _REFUSED

    assert not any(chr(c).isprintable() for c in range(sys.maxunicode + 1) if _REFUSED.match(chr(c)))
