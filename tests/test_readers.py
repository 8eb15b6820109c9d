"""Readers: every format produces Articles that remember where each paragraph came from."""

from __future__ import annotations

import gzip
import json
import textwrap

from newslint.readers import Source, build_field_map
from newslint.readers.jsonfile import JsonReader
from newslint.readers.jsonl import JsonlReader
from newslint.readers.markdown import MarkdownReader
from newslint.readers.txt import TextReader

FMAP = build_field_map()


def read(reader, text: str | bytes, name: str):
    data = text if isinstance(text, bytes) else textwrap.dedent(text).lstrip("\n").encode("utf-8")
    return list(reader.read(Source(path=name, data=data), FMAP))


def test_txt_summary_line_above_headline():
    (art,) = read(TextReader(), """
        Officials from both countries met for the first time in three years to discuss the dispute.
        Border Talks Resume in Geneva After Long Pause

        Delegations from both sides arrived in Geneva on Monday for two days of talks.
        The meeting was arranged by the foreign ministers last month.
    """, "a.txt")
    assert (art.title, art.title_line) == ("Border Talks Resume in Geneva After Long Pause", 2)
    assert art.summary.startswith("Officials from both countries") and art.summary_line == 1
    assert [(p.line, p.text[:11]) for p in art.paragraphs] == [(4, "Delegations"), (5, "The meeting")]
    assert art.byline is None and not art.has_metadata


def test_txt_byline_and_date_in_header():
    (art,) = read(TextReader(), """
        Border Talks Resume in Geneva
        By Clara Jensen
        March 3, 2026

        Delegations from both sides arrived in Geneva on Monday.
    """, "a.txt")
    assert art.title == "Border Talks Resume in Geneva"
    assert (art.byline, art.byline_line) == ("By Clara Jensen", 2)
    assert (art.date, art.date_line) == ("March 3, 2026", 3)


def test_txt_hard_wrapped_blocks_are_paragraphs():
    (art,) = read(TextReader(), """
        Border Talks Resume in Geneva

        Delegations from both sides arrived in Geneva on Monday for two
        days of talks that officials said could last longer if progress
        is made on the question of the disputed crossing points.

        The meeting was arranged by the foreign ministers last month
        after a series of incidents along the border this winter.
    """, "a.txt")
    assert [(p.line, p.end_line) for p in art.paragraphs] == [(3, 5), (7, 8)]
    assert art.paragraphs[0].text.startswith("Delegations from both sides arrived in Geneva on Monday for two days")


def test_txt_front_matter_is_honoured():
    (art,) = read(TextReader(), """
        ---
        title: Border Talks Resume
        author: Clara Jensen
        date: 2026-03-03
        ---
        Delegations from both sides arrived in Geneva on Monday.
    """, "a.txt")
    assert art.title == "Border Talks Resume" and art.byline == "Clara Jensen"
    assert art.date == "2026-03-03" and art.has_metadata
    assert art.title_line == 2 and art.byline_line == 3
    assert [p.line for p in art.paragraphs] == [6]


def test_txt_crlf_lines():
    data = "Headline Here\r\n\r\nFirst paragraph of the story.\r\nSecond paragraph.\r\n".encode()
    (art,) = read(TextReader(), data, "a.txt")
    assert art.title == "Headline Here"
    assert [p.text for p in art.paragraphs] == ["First paragraph of the story.", "Second paragraph."]


def test_markdown_heading_is_title_and_comment_lines_are_not_paragraphs():
    (art,) = read(MarkdownReader(), """
        ---
        author: Clara Jensen
        date: 2026-03-03
        ---

        # Border Talks Resume in Geneva

        Delegations from both sides arrived in Geneva
        on Monday for two days of talks.

        <!-- newslint: disable-next-line=NL101 -->
        ## What is at stake

        The meeting was arranged last month.
    """, "a.md")
    assert (art.title, art.title_line) == ("Border Talks Resume in Geneva", 6)
    assert art.byline == "Clara Jensen"
    assert [(p.line, p.text) for p in art.paragraphs] == [
        (8, "Delegations from both sides arrived in Geneva on Monday for two days of talks."),
        (12, "What is at stake"),
        (14, "The meeting was arranged last month."),
    ]


def test_front_matter_fields_are_found_at_their_key_after_values_over_several_lines():
    (art,) = read(MarkdownReader(), """
        ---
        tags:
          - harbour
          - council
        summary: >
          The council approved the harbour budget
          after a long debate.
        "title": Harbour Budget Approved
        author: Nora Quist
        date: 2026-02-30
        ---

        The council approved the harbour budget on Monday after a long debate.
    """, "a.md")
    assert (art.title_line, art.byline_line, art.summary_line, art.date_line) == (8, 9, 5, 10)
    # a date the calendar does not have stays text for NL210, instead of failing the file
    assert art.date == "2026-02-30" and art.byline == "Nora Quist"


def test_toml_front_matter_of_a_hugo_site_is_read():
    (art,) = read(MarkdownReader(), """
        +++
        tags = [
          "harbour",
          "council",
        ]
        title = "Harbour Budget Approved"
        author = "Nora Quist"
        date = 2026-02-11T09:30:00+01:00
        +++

        The council approved the harbour budget on Monday after a long debate.
    """, "post.md")
    assert (art.title, art.byline, art.date) == ("Harbour Budget Approved", "Nora Quist", "2026-02-11T09:30:00+01:00")
    assert (art.title_line, art.byline_line, art.date_line) == (6, 7, 8)
    assert [(p.line, p.text[:12]) for p in art.paragraphs] == [(11, "The council ")]
    broken = read(MarkdownReader(), '+++\ntitle = "Harbour\n+++\n\nThe council met.\n', "bad.md")
    assert [type(i).__name__ for i in broken] == ["InputProblem", "Article"]
    assert broken[0].message.startswith("malformed TOML front matter")


def test_markdown_setext_headings_and_thematic_breaks():
    # pandoc's and older converters' headings, and a separator between sections
    (art,) = read(MarkdownReader(), """
        Border Talks Resume in Geneva
        =============================

        By Clara Jensen

        Delegations from both sides arrived in Geneva on Monday.

        What is at stake
        ----------------
        The meeting was arranged last month.

        * * *

        ***

        Talks continue on Tuesday.
    """, "a.md")
    assert (art.title, art.title_line, art.byline) == ("Border Talks Resume in Geneva", 1, "By Clara Jensen")
    assert [(p.line, p.text) for p in art.paragraphs] == [
        (6, "Delegations from both sides arrived in Geneva on Monday."),
        (8, "What is at stake"),
        (10, "The meeting was arranged last month."),
        (16, "Talks continue on Tuesday."),
    ]


def test_markdown_code_fences_close_as_commonmark_says():
    # a four-backtick block quoting a three-backtick one, and a tilde block holding backticks:
    # nothing inside is a paragraph, however the inner lines look
    (art,) = read(MarkdownReader(), """
        # Embedding the Live Blog

        Paste this into the page where the blog should appear:

        ````markdown
        ```html
        Advertisement
        ```
        Advertisement
        ````

        ~~~
        ```
        Subscribe to continue reading
        ~~~~

        The widget updates every thirty seconds.
    """, "a.md")
    assert [(p.line, p.text) for p in art.paragraphs] == [
        (3, "Paste this into the page where the blog should appear:"),
        (17, "The widget updates every thirty seconds."),
    ]


def test_markdown_front_matter_title_wins_and_bad_yaml_is_reported():
    (problem, art) = read(MarkdownReader(), """
        ---
        title: "Unclosed
        ---
        Body text here.
    """, "a.md")
    assert problem.code == "NL003" and problem.line == 2
    assert art.title is None


def test_json_array_records_know_their_lines():
    text = '[\n  {"title": "One", "text": "A."},\n  {"title": "Two",\n   "text": "B."}\n]\n'
    arts = read(JsonReader(), text.encode(), "a.json")
    assert [(a.title, a.line, a.record_index) for a in arts] == [("One", 2, 0), ("Two", 3, 1)]


def test_json_single_object_and_malformed():
    (art,) = read(JsonReader(), b'{"headline": "x", "body": "Para one.\\n\\nPara two."}', "a.json")
    assert art.title == "x" and [p.text for p in art.paragraphs] == ["Para one.", "Para two."]
    (problem,) = read(JsonReader(), b'{"title": "x",\n "text": }', "a.json")
    assert problem.code == "NL002" and problem.line == 2


def test_json_lone_surrogate_is_a_malformed_record_and_the_rest_is_read():
    # a surrogate pair is one character; "\\udc00" alone cannot be UTF-8 text
    text = '[{"title": "A", "text": "Smile \\ud83d\\ude00."},\n {"title": "B", "text": "Bad \\udc00 byte."},\n {"title": "C", "text": "Fine."}]'
    items = read(JsonReader(), text.encode(), "a.json")
    assert [type(i).__name__ for i in items] == ["Article", "InputProblem", "Article"]
    assert items[0].paragraphs[0].text == "Smile \U0001F600."
    assert items[1].code == "NL002" and items[1].line == 2 and "lone surrogate \\udc00" in items[1].message
    assert items[2].title == "C"


def test_jsonl_news_please_and_trafilatura_fields():
    lines = [
        {"title": "A", "maintext": "Para one.\n\nPara two.", "authors": ["Ann Lee", "Bo Kim"],
         "date_publish": "2026-01-02 10:00:00", "url": "https://x.example/a", "source_domain": "x.example",
         "description": "Dek."},
        {"title": "B", "text": "Only para.", "author": "Cy Ode", "date": "2026-01-03", "hostname": "y.example",
         "excerpt": "Ex.", "id": "rec-2"},
    ]
    arts = read(JsonlReader(), "".join(json.dumps(r) + "\n" for r in lines).encode(), "d.jsonl")
    a, b = arts
    assert a.byline == "Ann Lee, Bo Kim" and a.date == "2026-01-02 10:00:00" and a.domain == "x.example"
    assert a.summary == "Dek." and a.field_key("body") == "maintext" and a.field_key("byline") == "authors"
    assert [p.text for p in a.paragraphs] == ["Para one.", "Para two."]
    assert (b.byline, b.domain, b.summary, b.record_id, b.line, b.record_index) == ("Cy Ode", "y.example", "Ex.", "rec-2", 2, 1)


def test_jsonl_bad_line_is_reported_and_the_rest_is_read():
    data = b'{"title": "A", "text": "x"}\n{"title": "B", "text": \n\n[1, 2]\n{"title": "D", "text": "y"}\n'
    items = read(JsonlReader(), data, "d.jsonl")
    kinds = [(type(i).__name__, getattr(i, "line", None)) for i in items]
    assert kinds == [("Article", 1), ("InputProblem", 2), ("InputProblem", 4), ("Article", 5)]
    assert "not an object" in items[2].message


def test_jsonl_numbers_beyond_what_orjson_holds_are_read_as_json_says():
    # an id of 30 digits (orjson would read it as 1.2345678901234568e+29) and a count too large
    # for a double are valid JSON; NaN and a lone surrogate are not, whichever parser sees them
    data = (b'{"id": 123456789012345678901234567890, "title": "Fares Rise", "text": "Rail fares rise in May.", "views": 1e400}\n'
            b'{"id": 7, "title": "Fares Fall", "text": "Bus fares fall.", "views": NaN}\n'
            b'{"id": 8, "title": "Fares Hold", "text": "\\ud800 Ferry fares hold.", "views": 1e999}\n'
            b'{"id": 2.5, "title": "Fares", "text": "Tram fares hold."}\n')
    items = read(JsonlReader(), data, "d.jsonl")
    assert [type(i).__name__ for i in items] == ["Article", "InputProblem", "InputProblem", "Article"]
    assert (items[0].record_id, items[0].title, items[0].paragraphs[0].text) == (
        "123456789012345678901234567890", "Fares Rise", "Rail fares rise in May.")
    assert items[1].message.startswith("malformed JSON record") and items[1].line == 2
    assert "surrogate" in items[2].message and items[2].line == 3
    assert items[3].record_id == "2.5"


def test_jsonl_gz_is_streamed():
    raw = gzip.compress(b'{"title": "A", "text": "x y z"}\n')
    (art,) = read(JsonlReader(), raw, "d.jsonl.gz")
    assert art.title == "A"


def test_field_override_mapping():
    fmap = build_field_map({"body": "article_text", "byline": "writer"})
    data = b'{"title": "A", "article_text": "Words here.", "writer": "Di Fox", "text": "ignored"}\n'
    (art,) = list(JsonlReader().read(Source(path="d.jsonl", data=data), fmap))
    assert art.paragraphs[0].text == "Words here." and art.byline == "Di Fox"


def test_txt_short_lines_ending_sentences_are_paragraphs_not_wrapped_text():
    (art,) = read(TextReader(), """
        Ferry Service Resumes After Storm

        Engineers spent two days checking the mooring lines for storm damage.
        The first crossing left at seven with forty passengers on board.
        The operator said the timetable would be back to normal by Friday.
    """, "a.txt")
    assert [(p.line, p.end_line) for p in art.paragraphs] == [(3, 3), (4, 4), (5, 5)]


def test_front_matter_that_cannot_be_read_reports_no_field_missing(tmp_path):
    # the headline, the author and the date were in the front matter: NL003 says it could not be
    # read; "missing title" and "missing byline" on top of it would be false
    from newslint.api import lint_paths
    from newslint.config import Config

    body = ("The harbour authority will dredge the northern channel this summer so that larger ships can dock.\n\n"
            "Fishermen asked for the work to pause during the spawning season.\n")
    for name in ("story.md", "story.txt"):
        path = tmp_path / name
        path.write_text("---\ntitle: [Harbour Dredging Starts\nauthor: Lena Moretti\n---\n\n" + body, encoding="utf-8")
        cfg = Config(select=["NL0", "NL201", "NL202", "NL203"])
        assert [(v.code, v.line) for v in lint_paths([path], cfg)] == [("NL003", 3)], name
        ok = tmp_path / f"ok-{name}"  # read, it holds no date: that is reported
        ok.write_text("---\ntitle: Harbour Dredging Starts\nauthor: Lena Moretti\n---\n\n" + body, encoding="utf-8")
        assert [v.code for v in lint_paths([ok], cfg)] == ["NL203"], name
