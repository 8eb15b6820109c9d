"""Loose forms of the pack regexes (newslint.packs.loose): they match wherever the regex does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.packs import matching, prebuilt, shipped_pack_root
from newslint.packs.loose import loosen

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed" / "macron-putin-call.txt"
ROOT = Path(str(shipped_pack_root()))
SHIPPED = sorted(prebuilt.loose_forms(ROOT).items())

# ASCII, accented and other letters, CJK, digits, punctuation, symbols, white space and the
# characters case folding ties to ASCII letters (Kelvin sign, long s)
MIX = ("abcxyzABCXYZ019 \t\n.,;:!?'\"()[]-_/\\|@#$%&*+=<>^`~{}"
       "éèàçñüÖÉßæøåłŁşğıİΣσςДжЖ日本語広告中文한국어。、！？「」・…—–‘’“”«»•·©®™€£¥§¶°±×÷→★♥"
       "\u00a0\u2009\u200b\u212a\u017f\U0001f600")


def _literals(src: str) -> list[str]:
    """Words and phrases a pattern spells out: text that makes it match now and then."""
    plain = re.sub(r"\\s[+*]?", " ", src)
    plain = re.sub(r"\\[pP](\{[^}]*\}|.)|\\[a-zA-Z]|\(\?(?:P<\w+>|[-a-zA-Z]*:?)", "", plain)
    pieces = [p.strip() for p in re.split(r"[()|?*+\[\]{}^$]", plain)]
    return sorted({p for p in pieces if re.search(r"[^\W\d_]", p)}) or ["x"]


def _examples() -> list[str]:
    """The lines of the shipped rules' failing examples."""
    lines = []
    for entry in prebuilt._table(ROOT).values():
        lines += [ln for ln in str(entry["data"].get("fails") or "").splitlines() if ln.strip()]
    return sorted(set(lines)) or ["x"]


EXAMPLES = _examples()


def _pieces(src: str) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(_literals(src)), st.sampled_from(EXAMPLES), st.text(alphabet=MIX, max_size=4),
                      st.sampled_from(["", " ", "\n", ": ", "1", "12 ", " / ", "© ", "— ", ". ", "3 of 12"]))
    return st.lists(piece, max_size=8).map("".join)


def test_the_shipped_packs_have_loose_forms():
    assert len(SHIPPED) >= 12
    for src, loose in SHIPPED:
        assert loose == loosen(src) and loose != src


@pytest.mark.parametrize("index", range(len(SHIPPED)))
@pytest.mark.parametrize("ignore_case", [True, False])
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_loose_form_matches_wherever_its_regex_does(index, ignore_case, data):
    src, loose = SHIPPED[index]
    real = matching.compile_pattern(src, ignore_case=ignore_case)
    wide = matching.compile_pattern(loose, ignore_case=ignore_case)
    text = data.draw(_pieces(src))
    if real.search(text) is not None:
        assert wide.search(text) is not None, (src, text)
    assert wide.groupindex == real.groupindex


# classes whose loose form could be wrong if the rewrite were careless: negation, case folding in
# and out, a literal ']' first, POSIX names, escaped backslashes, ranges next to a property class
TRICKY = [
    r"\p{L}", r"\PL", r"\p{^Lu}", r"[^\p{Lu}]", r"(?i)[^\P{Lu}]", r"(?i)[^\p{Lu}]", r"(?-i:\p{Lu})",
    r"(?i)\p{Lu}", r"[]\pL]", r"[^]\pL]", r"[[:alpha:]\pN]", r"[\]\p{P}]", r"[\p{L}-a]", r"[^\p{L}-]",
    r"[^\s\p{P}\p{S}]", r"(?i)[^k\p{Lo}]", r"[^\p{Greek}a-c]", r"(?i)[^\p{Latin}]", r"[\p{Han}\p{Hiragana}]",
    r"[\x{41}-\x{5a}\p{Nd}]", r"\\p{L}", r"[\\\pL]",
]


@pytest.mark.parametrize("pattern", TRICKY)
@pytest.mark.parametrize("ignore_case", [True, False])
def test_a_loose_class_matches_every_character_its_class_does(pattern, ignore_case):
    loose = loosen(pattern)
    assert loose is not None
    real = matching.compile_pattern(pattern, ignore_case=ignore_case)
    wide = matching.compile_pattern(loose, ignore_case=ignore_case)
    for ch in [chr(c) for c in range(0x300)] + list(MIX) + ["\u212a", "\u2126", "\u1e9e", "\u0390"]:
        if real.fullmatch(ch) is not None:
            assert wide.fullmatch(ch) is not None, (pattern, ch)


def test_a_pattern_the_rewrite_cannot_follow_has_no_loose_form():
    assert loosen(r"\Q\p{L}\E") is None
    assert loosen(r"[\p{L}") is None
    assert loosen(r"a\p{Nope}") is None
    assert loosen("plain (?:words|only)") == "plain (?:words|only)"


def test_a_broken_loose_table_is_ignored(tmp_path):
    (tmp_path / prebuilt.FILE_NAME).write_text(json.dumps(
        {"format": prebuilt.FORMAT, "files": {}, "loose": {"a": 1, "b": "c"}}), encoding="utf-8")
    assert prebuilt.loose_forms(tmp_path) == {"b": "c"}
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / prebuilt.FILE_NAME).write_text('{"format": 1, "files": {}, "loose": []}', encoding="utf-8")
    assert prebuilt.loose_forms(tmp_path / "sub") == {}


def test_every_failing_example_of_the_shipped_rules_matches_the_loose_forms_where_it_matches_the_regex():
    hits = 0
    for src, loose in SHIPPED:
        real = matching.compile_pattern(src, ignore_case=True)
        wide = matching.compile_pattern(loose, ignore_case=True)
        for line in EXAMPLES:
            if real.search(line) is not None:
                hits += 1
                assert wide.search(line) is not None, (src, line)
    assert hits >= 10
