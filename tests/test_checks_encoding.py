"""NL401-NL406: mojibake, replacement characters, question-mark punctuation, invisible characters."""

from __future__ import annotations

import ftfy
import pytest

from helpers import codes, lint, lint_record


def apply(text: str, edits) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[:e.start] + e.text + text[e.end:]
    return text


PROSE = "The council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon."


# ---------------------------------------------------------------------- NL401 mojibake
@pytest.mark.parametrize("bad,good", [
    ("â€œWe were not consulted,â€\x9d said the owner of the cafÃ©.", "“We were not consulted,” said the owner of the café."),
    ("Maybe it\x92s time to see a therapist, she said.", "Maybe it’s time to see a therapist, she said."),
    ("The mayor of MÃ¼nchen said he didnâ€™t know.", "The mayor of München said he didn’t know."),
])
def test_nl401_mojibake_repaired(bad, good):
    vs = lint_record({"title": "Café Owners Protest", "text": f"{PROSE}\n\n{bad}"}, select="NL401")
    assert [(v.code, v.paragraph) for v in vs] == [("NL401", 1)]
    assert vs[0].fix.safe and apply(bad, vs[0].fix.edits) == good


def test_nl401_quotes_the_same_stretch_of_text_before_and_after_the_repair():
    # three characters of mojibake stand for one: cut at the same number of characters, the
    # damaged quote ended three characters sooner ("study roo" should read "study rooms")
    text = "The libraryâ€™s study rooms were fully booked within an hour."
    vs = lint_record({"title": "Library Reopens", "text": f"{PROSE}\n\n{text}"}, select="NL401")
    assert [v.message for v in vs] == [
        "mojibake (text decoded with the wrong encoding): 'The libraryâ€™s study rooms' should read 'The library’s study rooms'"]
    vs = lint_record({"title": "Café Owners Protest", "text": "He said â€œno, neverâ€\x9d and left the room."}, select="NL401")
    assert [v.message for v in vs] == [
        "mojibake (text decoded with the wrong encoding): 'He said â€œno, neverâ€\\x9d an' should read 'He said “no, never” an'"]


def test_nl401_in_title():
    vs = lint_record({"title": "CafÃ© Owners Protest New Rules", "text": PROSE}, select="NL401")
    assert [(v.field, apply("CafÃ© Owners Protest New Rules", v.fix.edits)) for v in vs] == [("title", "Café Owners Protest New Rules")]


def test_nl401_fix_keeps_correct_curly_quotes():
    # one paragraph mixes mojibake with correct curly quotes and dashes: only the mojibake changes
    text = "“It’s over,” she said — and the cafÃ© closed."
    vs = lint_record({"title": "Café Closes", "text": text}, select="NL401")
    assert apply(text, vs[0].fix.edits) == "“It’s over,” she said — and the café closed."
    assert ftfy.fix_encoding("“It’s over,” she said — «non», naïve") == "“It’s over,” she said — «non», naïve"


def test_nl401_correct_text_in_many_scripts_passes():
    texts = ["“It’s over,” she said — «non», naïve café, Ærø, Straße, 10 €.", "Москва — столица России.",
             "梁振英“撒谎”，要求他马上辞职。", "Zürich’s “Bahnhofstraße” – São Paulo · Kraków"]
    assert lint_record({"title": "Fine Text", "text": "\n\n".join(texts)}, select="NL401") == []


# ---------------------------------------------------------------------- NL402 replacement-character
def test_nl402_replacement_characters():
    vs = lint_record({"title": "Mayor Opens Caf\ufffd", "text": f"{PROSE}\n\nThe caf\ufffd opened on Monday \ufffd\ufffd."}, select="NL402")
    assert [(v.field, v.message.split(" (U+FFFD)")[0]) for v in vs] == [("title", "1 replacement character"), ("text", "3 replacement characters")]
    assert vs[0].fix is None


def test_nl402_clean_text_passes():
    assert lint_record({"title": "Mayor Opens Café", "text": "The café opened on Monday. ◆ � is not here"[:-13]}, select="NL402") == []


# ---------------------------------------------------------------------- NL403 question-mark-punctuation
def test_nl403_question_marks_for_curly_punctuation():
    text = "?We will not give up,? the prime minister said of Kosovo?s bid. It?s the plan ? which"
    vs = lint(f"Kosovo?s Leaders Meet\n\n{text}\n", select="NL403")
    assert [v.line for v in vs] == [1, 3]
    assert apply(text, vs[1].fix.edits) == "“We will not give up,” the prime minister said of Kosovo’s bid. It’s the plan — which"
    assert not vs[1].fix.safe


def test_nl403_real_question_marks_and_links_pass():
    text = ("“Will they give up?” the prime minister asked. “No.” Why? Because: see example.com/search?s=kosovo "
            "and https://example.org/a?t=1&d=2 for more. Really?! Is it 5?")
    assert lint(f"Kosovo’s Leaders Meet\n\n{text}\n", select="NL403") == []


def test_nl403_french_spacing_is_not_a_dash():
    text = ("Comment expliquer ce rétablissement remarquable ? et pourquoi les réussites de ce genre sont-elles "
            "si rares dans les pays de la région, selon les chercheurs qui ont étudié la question ?")
    assert lint(f"La pêche en question\n\n{text}\n", select="NL403") == []


# ---------------------------------------------------------------------- NL404-NL406 invisible characters
def test_nl404_control_characters_removed():
    text = "The council voted\x07 for the plan\x1b on Tuesday."
    vs = lint_record({"title": "Council Votes", "text": text}, select="NL404")
    assert codes(vs) == ["NL404"] and vs[0].fix.safe and apply(text, vs[0].fix.edits) == "The council voted for the plan on Tuesday."


def test_nl404_leaves_c1_mojibake_to_nl401():
    text = "Maybe it\x92s time to see a therapist."
    assert lint_record({"title": "T", "text": text}, select="NL404") == []
    assert codes(lint_record({"title": "T", "text": text}, select="NL401")) == ["NL401"]


def test_nl404_tabs_and_newlines_pass():
    assert lint_record({"title": "Council Votes", "text": "Line one.\tTabbed.\nLine two.\r\nLine three."}, select="NL404") == []


def test_nl404_reports_a_control_character_beside_mojibake_it_is_not_part_of(tmp_path):
    # the title holds both: NL401 repairs the mojibake and keeps the BEL, which is NL404's to report,
    # so --fix removes nothing the lint did not name
    from newslint.cli import main

    title = "Council Approves\x07 New Budget for it\u00e2\u20ac\u2122s Parks"
    text = f"{title}\nBy Anna Smith\n\nThe city council voted on Tuesday to approve a new budget for parks.\n"
    vs = lint(text, select=["NL401", "NL404"])
    assert [(v.code, v.line) for v in vs] == [("NL401", 1), ("NL404", 1)]
    assert apply(title, vs[1].fix.edits) == "Council Approves New Budget for it\u00e2\u20ac\u2122s Parks"
    target = tmp_path / "a.txt"
    target.write_text(text, encoding="utf-8")
    assert main(["--isolated", "--no-cache", "--select", "NL401,NL404", "--fix", str(target)]) == 0
    assert target.read_text(encoding="utf-8").startswith("Council Approves New Budget for it\u2019s Parks\n")


def test_nl405_zero_width_and_soft_hyphens():
    text = "Der Wirkstoff Sema\u00adglutid wirkt.\u200b Ein zero\u200dwidth joiner."
    vs = lint_record({"title": "Medikament", "text": text}, select="NL405")
    assert codes(vs) == ["NL405"] and vs[0].fix.safe
    assert apply(text, vs[0].fix.edits) == "Der Wirkstoff Semaglutid wirkt. Ein zerowidth joiner."


def test_invisible_characters_name_the_paragraph_of_a_record():
    # one JSON Lines line holds the whole record: without the paragraph, findings in several
    # paragraphs read the same, so they say which paragraph, as NL101 and NL502 do
    text = f"Der Wirkstoff Sema\u00adglutid wirkt.\n\n{PROSE}\n\nDie Regierungs\u00adchefin sprach."
    vs = lint_record({"title": "Medikament", "text": text}, select="NL405")
    assert [(v.paragraph, v.message) for v in vs] == [
        (0, "1 invisible character in paragraph 1 (U+00AD SOFT HYPHEN)"),
        (2, "1 invisible character in paragraph 3 (U+00AD SOFT HYPHEN)"),
    ]
    vs = lint_record({"title": "Council Votes", "text": f"{PROSE}\n\nThe council voted\x07 for the plan."}, select="NL404")
    assert [v.message for v in vs] == ["1 control character in paragraph 2 (U+0007 control)"]
    vs = lint_record({"title": "Council Votes", "text": f"{PROSE}\n\nThe council voted\u202e 9 to 4."}, select="NL406")
    assert [v.message for v in vs] == ["1 bidirectional control character in paragraph 2 (U+202E RIGHT-TO-LEFT OVERRIDE)"]
    # a metadata field is named by the record's key, a text file's paragraph by its line
    vs = lint_record({"title": "Sema\u00adglutid Approved", "text": PROSE}, select="NL405")
    assert [(v.field, v.message) for v in vs] == [("title", "1 invisible character in the text (U+00AD SOFT HYPHEN)")]
    vs = lint(f"Medikament\n\n{PROSE}\n\nDer Wirkstoff Sema\u00adglutid wirkt.\n", select="NL405")
    assert [(v.line, v.message) for v in vs] == [(5, "1 invisible character in the text (U+00AD SOFT HYPHEN)")]


def test_nl405_meaningful_joiners_pass():
    # ZWNJ in Persian, ZWJ in an emoji sequence and between censoring hyphens
    text = "می\u200cخواهم — 👩\u200d💻 — You f-\u200d-\u200d-er."
    assert lint_record({"title": "Joiners", "text": text}, select="NL405") == []


def test_nl406_bidi_controls():
    text = "The council voted\u202e 9 to 4 \u202cfor the plan."
    vs = lint_record({"title": "Council Votes", "text": text}, select="NL406")
    assert codes(vs) == ["NL406"] and vs[0].fix.safe
    assert apply(text, vs[0].fix.edits) == "The council voted 9 to 4 for the plan."


def test_nl406_marks_in_right_to_left_text_pass_but_overrides_do_not():
    hebrew = "הממשלה אישרה את התוכנית \u200eABC-123\u200f ביום שלישי."
    assert lint_record({"title": "חדשות", "text": hebrew}, select="NL406") == []
    vs = lint_record({"title": "חדשות", "text": hebrew + "\u202e"}, select="NL406")
    assert codes(vs) == ["NL406"] and not vs[0].fix.safe
