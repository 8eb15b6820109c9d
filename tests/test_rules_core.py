"""The first rules, each with a failing and a passing article."""

from __future__ import annotations

from helpers import codes, found, lint, lint_record

LEDE = "Delegations from both sides arrived in Geneva on Monday for two days of talks on the border dispute."
SECOND = "The meeting was arranged by the foreign ministers last month after a series of incidents this winter."
THIRD = "Officials said progress on the crossing points would decide whether a third round is held in April."
FILLER = " ".join(["Observers said the atmosphere was calm and the agenda had been agreed in advance."] * 4)


def article(*body: str, header: str = "Border Talks Resume in Geneva\nBy Clara Jensen") -> str:
    return header + "\n\n" + "\n".join(body) + "\n"


# NL101 ------------------------------------------------------------------------------------------
def test_nl101_flags_each_repeat_at_its_line_naming_the_original():
    vs = lint(article(LEDE, SECOND, THIRD, LEDE, SECOND), select="NL101")
    assert found(vs) == [("NL101", 7), ("NL101", 8)]
    assert vs[0].message == "duplicate paragraph: repeats line 4"
    assert vs[0].suggestion == "delete line 7, a repeat of line 4"
    assert vs[0].fix.safe and vs[0].fix.edits[0].paragraph == 3


def test_nl101_ignores_case_and_spacing_but_not_different_text():
    assert found(lint(article(LEDE, "  " + LEDE.upper().replace(" ", "   ")), select="NL101")) == [("NL101", 5)]
    assert lint(article(LEDE, SECOND, THIRD), select="NL101") == []


def test_nl101_short_separators_are_not_duplicates():
    assert lint(article(LEDE, "* * *", SECOND, "* * *", THIRD), select="NL101") == []


def test_nl101_in_records_names_paragraph_numbers():
    (v,) = lint_record({"id": "r1", "title": "T", "text": "\n\n".join([LEDE, SECOND, LEDE])}, select="NL101")
    assert v.message == "duplicate paragraph: paragraph 3 repeats paragraph 1"
    assert (v.record_id, v.field, v.paragraph) == ("r1", "text", 2)


# NL102 ------------------------------------------------------------------------------------------
def test_nl102_headline_repeated_as_first_paragraph():
    vs = lint(article("Border Talks Resume in Geneva.", LEDE), select="NL1")
    assert found(vs) == [("NL102", 4)]
    assert "headline (line 1)" in vs[0].message


def test_nl102_headline_words_inside_a_paragraph_are_fine():
    assert lint(article("Border talks resume in Geneva today, officials said, after a pause.", LEDE), select="NL1") == []


# NL103 ------------------------------------------------------------------------------------------
def test_nl103_summary_line_repeated():
    header = "Talks resume after a three-year pause.\nBorder Talks Resume in Geneva"
    vs = lint(article("Talks resume after a three-year pause.", LEDE, header=header), select="NL103")
    assert found(vs) == [("NL103", 4)] and not vs[0].fix.safe


def test_nl103_summary_not_repeated():
    header = "Talks resume after a three-year pause.\nBorder Talks Resume in Geneva"
    assert lint(article(LEDE, SECOND, header=header), select="NL103") == []


# NL2xx ------------------------------------------------------------------------------------------
def test_nl201_missing_byline_txt_and_record():
    assert found(lint(article(LEDE, header="Border Talks Resume in Geneva"), select="NL201")) == [("NL201", 1)]
    (v,) = lint_record({"title": "T", "authors": [], "text": LEDE}, select="NL201")
    assert v.field == "authors" and "set the 'authors' field" in v.suggestion


def test_nl201_byline_present():
    assert lint(article(LEDE), select="NL201") == []
    assert lint_record({"title": "T", "authors": ["Clara Jensen"], "text": LEDE}, select="NL201") == []


def test_nl202_missing_title():
    assert codes(lint_record({"title": "  ", "text": LEDE}, select="NL202")) == ["NL202"]
    assert lint_record({"title": "Border Talks Resume", "text": LEDE}, select="NL202") == []


def test_nl203_missing_date_only_where_metadata_exists():
    assert codes(lint_record({"title": "T", "date": None, "text": LEDE}, select="NL203")) == ["NL203"]
    assert lint_record({"title": "T", "date": "2026-03-03", "text": LEDE}, select="NL203") == []
    # a plain text article without front matter has no place for a date
    assert lint(article(LEDE), select="NL203") == []
    md = "---\ntitle: Border Talks Resume\n---\n\n" + LEDE + "\n"
    assert found(lint(md, fmt="md", select="NL203")) == [("NL203", 1)]


def test_nl204_short_and_empty_bodies_and_option():
    (v,) = lint(article("Subscribe to read the full story."), select="NL204")
    assert v.message == "short body: 6 words, fewer than 50"
    assert lint_record({"title": "T", "text": ""}, select="NL204")[0].message.startswith("empty body")
    assert lint(article(LEDE, SECOND, THIRD, FILLER), select="NL204") == []
    assert codes(lint(article(LEDE, SECOND, THIRD, FILLER), select="NL204", NL204={"min-words": 200})) == ["NL204"]


def test_nl204_counts_cjk_characters():
    body = "国务院新闻办公室今天举行新闻发布会介绍今年前三季度国民经济运行情况并回答记者提问" * 3
    assert lint_record({"title": "T", "text": body}, select="NL204") == []
