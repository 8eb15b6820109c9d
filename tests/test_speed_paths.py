"""Faster ways of computing what rules read give exactly what the plain definitions give."""

from __future__ import annotations

import re
import sys

from hypothesis import example, given
from hypothesis import strategies as st

from newslint.article import _WIDE_SPACES, count_split
from newslint.checks.wrong_codec import _PAIRS, _RUN, _non_ascii_runs

#: ASCII, Latin letters, curly quotes, Cyrillic, CJK, four-byte characters (emoji, a supplementary
#: ideograph), white space outside ASCII and a lone surrogate
TEXT = st.text(alphabet=list("ab .,\n\t\x85\x1c\u2028'éßÐ’“”—аб中あ한\U0001f600\U00020000\u00a0\u3000\ud800"), max_size=80)


@given(TEXT)
@example("\U0001f600 é\U0001f600 ab ’’")
@example("x\ud800é中")
def test_non_ascii_runs_are_the_regex_runs(text):
    assert _non_ascii_runs(text) == (" ".join(_PAIRS.findall(text)), "".join(_RUN.findall(text)))


def test_every_white_space_character_outside_ascii_is_known():
    """count_split replaces these; the list stops at U+3000, the last of them."""
    assert _WIDE_SPACES == {c for c in map(chr, range(128, sys.maxunicode + 1)) if c.isspace()}


@given(TEXT)
@example("\u0085a\u2028b\u3000 c\x1c\x1fd")
def test_count_split_is_the_number_of_pieces(text):
    assert count_split(text) == len(text.split())

