"""NL407 wrong-codec: UTF-8 read with a legacy code page, caught by reading the bytes back.

Clean text in many languages is never flagged; the same text misread with any of the code pages
is, and the fix gives back the text as written."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_lang import NEWS

from helpers import codes, lint_record
from newslint.checks.wrong_codec import MULTI_BYTE, SINGLE_BYTE, candidate_codecs, find

#: more clean text with letters that code pages map to bytes UTF-8 uses, written for these tests
MORE = {
    "is": "Borgarstjórnin samþykkti fjárhagsáætlunina á þriðjudag eftir langar umræður. Tveir fulltrúar greiddu atkvæði á móti.",
    "hu": "A városi közgyűlés kedden elfogadta a költségvetést egy egész délutános vita után. Két képviselő nemmel szavazott.",
    "ro": "Consiliul local a aprobat bugetul marți, după o dezbatere care a durat aproape toată după-amiaza. Doi consilieri au votat împotrivă.",
    "uk": "Міська рада у вівторок ухвалила бюджет після дебатів, які тривали майже весь день. Її голова сказав, що Євген і Ґалина були проти.",
    "zh": "市议会星期二在经过几乎整个下午的辩论后批准了预算。两名议员投了反对票。",
    "ar": "وافق المجلس البلدي يوم الثلاثاء على الميزانية بعد نقاش استمر معظم فترة ما بعد الظهر.",
    "he": "מועצת העיר אישרה ביום שלישי את התקציב לאחר ויכוח שנמשך כמעט כל אחר הצהריים.",
    "fr2": "L’été dernier, la mairie a promis qu’à l’automne « les travaux » seraient terminés — c’est raté.",
}
CLEAN = {**NEWS, **MORE}


def record(text: str) -> dict:
    return {"title": "Council vote", "url": "https://city.example/vote", "text": text}


def misread(text: str, codec: str) -> str | None:
    """``text`` as UTF-8 bytes decoded with ``codec``, or None when that loses bytes outright."""
    try:
        out = text.encode("utf-8").decode(codec)
    except UnicodeDecodeError:
        return None
    return out if out != text else None


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_clean_text_is_not_flagged(lang):
    assert "NL407" not in codes(lint_record(record(CLEAN[lang]), select="NL4"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(sorted(CLEAN)), min_size=1, max_size=5))
def test_clean_mixtures_are_not_flagged(langs):
    text = "\n\n".join(CLEAN[k] for k in langs)
    assert "NL407" not in codes(lint_record(record(text), select="NL407"))


CASES = [(lang, codec) for lang in sorted(CLEAN) for codec in SINGLE_BYTE + MULTI_BYTE
         if misread(CLEAN[lang], codec) is not None]


@pytest.mark.parametrize("lang,codec", CASES)
def test_misread_text_is_flagged_by_an_encoding_rule(lang, codec):
    bad = misread(CLEAN[lang], codec)
    got = codes(lint_record(record(bad), select=["NL401", "NL402", "NL407"]))
    assert {"NL401", "NL407"} & set(got), (lang, codec, bad[:60])


def test_repair_gives_back_the_text():
    for lang, codec in (("ru", "cp1251"), ("ru", "koi8-r"), ("pl", "cp1253"), ("pl", "gbk"), ("tr", "mac_roman"),
                        ("cs", "cp437"), ("vi", "mac_roman")):
        bad = misread(CLEAN[lang], codec)
        got = find(bad, candidate_codecs(bad), 0.8)
        assert got is not None and got.codec == codec
        fixed = bad
        for s, e, new in reversed(got.spans):
            fixed = fixed[:s] + new + fixed[e:]
        assert fixed == CLEAN[lang]
        assert got.valid_bytes == got.high_bytes  # every byte explained: the fix is safe


def test_twice_misread_text_reads_back_in_two_steps():
    bad = CLEAN["ru"].encode().decode("cp1251").encode().decode("cp1251")
    got = find(bad, candidate_codecs(bad), 0.8)
    assert got is not None
    fixed = bad
    for s, e, new in reversed(got.spans):
        fixed = fixed[:s] + new + fixed[e:]
    assert fixed == CLEAN["ru"]


def test_one_misread_word_in_clean_text():
    text = CLEAN["de"].replace("Debatte", "Debatte (“Streit”)")
    bad_word = "“Streit”".encode().decode("cp1251")
    got = lint_record(record(text.replace("“Streit”", bad_word)), select="NL407")
    assert codes(got) == ["NL407"] and "cp1251" in got[0].message


def test_a_lone_accented_pair_is_not_a_misreading():
    # "’é" reads back through Mac Roman as one Armenian letter: French as written
    assert codes(lint_record(record("Jusqu’à l’été prochain, rien ne change."), select="NL407")) == []


def test_fix_on_the_command_line(tmp_path):
    bad = misread(CLEAN["el"], "cp1251")
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(record(bad), ensure_ascii=False) + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "newslint", "--select", "NL407", "--fix", str(path)], capture_output=True)
    assert json.loads(path.read_text(encoding="utf-8"))["text"] == CLEAN["el"]
    again = subprocess.run([sys.executable, "-m", "newslint", "--select", "NL407", str(path)], capture_output=True, text=True)
    assert again.returncode == 0, again.stdout
