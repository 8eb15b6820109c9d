"""Loose forms of the pack regexes (newslint.packs.loose): they match wherever the regex does, and a
run whose texts never match them never compiles the regex."""

from __future__ import annotations

import json
import re
import subprocess
import sys
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


def test_a_guarded_regex_compiles_the_regex_only_when_its_loose_form_matches():
    """The answers are the regex's: the loose form only says when to compile it."""
    guarded = matching._Guarded(r"^\p{L}+ (?P<match>x)", loosen(r"^\p{L}+ (?P<match>x)"), True)
    assert guarded.group("match") == 1 and guarded._real is None
    assert guarded.search("1 x") is None and guarded._real is None  # the loose form does not match
    assert guarded.search("€ x") is None  # the loose form matches ('€' is not a letter): the regex says no
    assert guarded._real is not None
    assert guarded.search("été x").span(1) == (4, 5)
    assert [m.span(1) for m in guarded.finditer("Été x")] == [(4, 5)]


def test_the_set_search_adds_the_regex_itself_and_compiles_no_guarded_regex(monkeypatch):
    src, loose = SHIPPED[0]
    monkeypatch.setitem(matching.LOOSE, src, loose)
    matcher = matching.Matcher(sources={"any": [(src, False)]})
    prefilter = matching.Prefilter()
    prefilter.register(matcher)
    (guarded, _p, _g), = matcher.regexes("en")
    assert isinstance(guarded, matching._Guarded) and guarded.pattern == src
    rset, owners = prefilter._set_for("en")
    assert owners == [(id(matcher), 0)] and guarded._real is None


def test_a_broken_loose_table_is_ignored(tmp_path):
    (tmp_path / prebuilt.FILE_NAME).write_text(json.dumps(
        {"format": prebuilt.FORMAT, "files": {}, "loose": {"a": 1, "b": "c"}}), encoding="utf-8")
    assert prebuilt.loose_forms(tmp_path) == {"b": "c"}
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / prebuilt.FILE_NAME).write_text('{"format": 1, "files": {}, "loose": []}', encoding="utf-8")
    assert prebuilt.loose_forms(tmp_path / "sub") == {}


PROBE = """
import sys
from newslint.cli import main
from newslint.packs.matching import PREFILTER, _Guarded
try:
    main(["--no-cache", "--isolated", sys.argv[1]])
except SystemExit:
    pass
guarded = compiled = 0
for ref in PREFILTER._matchers:
    m = ref()
    for lang, items in m._compiled.items():
        for rx, _p, _g in items:
            if isinstance(rx, _Guarded):
                guarded += 1
                compiled += rx._real is not None
print("GUARDED", guarded, compiled)
"""


@pytest.mark.skipif(not SEED.is_file(), reason="the shared seed article is not here")
def test_an_english_one_file_run_compiles_no_guarded_regex_when_no_loose_form_matches():
    proc = subprocess.run([sys.executable, "-c", PROBE, str(SEED)], capture_output=True, text=True)
    lines = proc.stdout.splitlines()
    assert [ln.split(":")[1:4:2] for ln in lines[:-1]] == [
        ["2", " NL201 missing byline"], ["4", " NL102 title repeated in body"],
        ["10", " NL101 duplicate paragraph"], ["11", " NL101 duplicate paragraph"],
        ["12", " NL101 duplicate paragraph"]], proc.stdout + proc.stderr
    label, guarded, compiled = lines[-1].split()
    assert label == "GUARDED" and int(guarded) >= 10
    assert int(compiled) == 0


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
