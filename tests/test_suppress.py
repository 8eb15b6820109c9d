"""Suppressions: Markdown comments, the per-record field, per-record-ignores, and NL009 unused-suppression."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from newslint.api import lint_records, lint_text
from newslint.config import Config

LEDE = "The city council voted 7 to 2 on Tuesday to close the Harbour Street bridge to cars from June."
SECOND = "Cyclists and shop owners had campaigned for the closure for three years, citing crashes and noise."
THIRD = "Councillor Ruth Okafor said the vote was the most contested of her two terms on the council."
FOURTH = "Buses will still cross the bridge, and delivery vans may use it before seven in the morning."


def md(body: str, front: str = "title: Council Closes Harbour Bridge to Cars\nauthor: Tom Reyes\ndate: 2026-04-14\n") -> str:
    return "---\n" + front + "---\n\n" + textwrap.dedent(body).lstrip("\n")


def lint_md(text: str, **cfg) -> list:
    cfg.setdefault("ignore", ["NL204"])  # the bodies here are short on purpose
    return lint_text(text, path="bridge.md", config=Config(**cfg))


def found(vs) -> list[tuple[str, int]]:
    return [(v.code, v.line) for v in vs]


# the article's lines: 1-5 front matter, 6 blank, body from line 7
REPEATED = md(f"""
    {LEDE}

    {SECOND}

    {LEDE}

    {THIRD}

    {SECOND}

    {FOURTH}
    """)


def test_markdown_without_suppressions_reports_both_repeats():
    assert found(lint_md(REPEATED)) == [("NL101", 11), ("NL101", 15)]


def test_disable_next_line_covers_only_the_next_text_line():
    text = REPEATED.replace(f"\n\n{LEDE}\n\n{THIRD}", f"\n\n<!-- newslint: disable-next-line=NL101 -->\n{LEDE}\n\n{THIRD}")
    assert found(lint_md(text)) == [("NL101", 16)]


def test_disable_until_enable_and_by_name():
    text = md(f"""
        {LEDE}

        {SECOND}

        <!-- newslint: disable=duplicate-paragraph -->
        {LEDE}

        <!-- newslint: enable=duplicate-paragraph -->
        {SECOND}

        {THIRD}
        """)
    assert found(lint_md(text)) == [("NL101", 15)]


def test_disable_above_the_first_paragraph_covers_the_whole_file():
    text = md(f"""
        <!-- newslint: disable=NL201,NL101 -->
        {LEDE}

        {LEDE}

        {SECOND}
        """, front="title: Council Closes Harbour Bridge to Cars\ndate: 2026-04-14\n")
    assert found(lint_md(text)) == []
    # without the comment: a missing byline (front matter line) and a repeat
    assert sorted(c for c, _ in found(lint_md(text.replace("<!-- newslint: disable=NL201,NL101 -->\n", "")))) == ["NL101", "NL201"]


def test_plain_disable_and_enable_with_exception():
    text = md(f"""
        {LEDE}

        <!-- newslint: disable -->
        {LEDE}

        <!-- newslint: enable=NL101 -->
        {LEDE}

        <!-- newslint: enable -->
        {LEDE}
        """)
    # line 10 is suppressed; line 13 is re-enabled for NL101; line 16 after the plain enable
    assert found(lint_md(text)) == [("NL101", 13), ("NL101", 16)]


def test_comments_in_code_fences_are_not_directives():
    text = md(f"""
        {LEDE}

        ```
        <!-- newslint: disable -->
        ```

        {LEDE}
        """)
    assert found(lint_md(text)) == [("NL101", 13)]


#: the records of _records() are copies of one story: the duplicate-article rules (on by default
#: within a file) would report them, and they are not what these tests are about
NO_DUPLICATES = ["NL6"]


def _records():
    body_dup = "\n\n".join([LEDE, SECOND, LEDE, THIRD])
    body_ok = "\n\n".join([LEDE, SECOND, THIRD, FOURTH])
    return [
        {"id": "cc-101", "title": "Council Closes Bridge", "author": "Tom Reyes", "date": "2026-04-14",
         "url": "https://example.org/news/cc-101", "text": body_dup},
        {"id": "cc-102", "title": "Council Closes Bridge", "author": "Tom Reyes", "date": "2026-04-14",
         "url": "https://example.org/news/cc-102", "text": body_dup, "newslint_ignore": ["NL101"]},
        {"id": "cc-103", "title": "Council Closes Bridge", "date": "2026-04-14",
         "url": "https://example.org/live/cc-103", "text": body_dup, "newslint_ignore": "NL101, NL201"},
        {"id": "cc-104", "title": "Council Closes Bridge", "author": "Tom Reyes", "date": "2026-04-14",
         "url": "https://example.org/news/cc-104", "text": body_ok, "newslint_ignore": True},
    ]


def test_record_field_suppresses_listed_codes():
    vs = lint_records(_records(), config=Config(extend_ignore=NO_DUPLICATES))
    assert [(v.code, v.record_id) for v in vs] == [("NL101", "cc-101")]


def test_record_field_name_is_configurable():
    recs = _records()
    for r in recs:
        if "newslint_ignore" in r:
            r["qa_skip"] = r.pop("newslint_ignore")
    cfg = Config(record_ignore_field="qa_skip", extend_ignore=NO_DUPLICATES)
    assert [v.record_id for v in lint_records(recs, config=cfg)] == ["cc-101"]
    cfg = Config(extend_ignore=NO_DUPLICATES)
    assert [v.record_id for v in lint_records(recs, config=cfg)] == ["cc-101", "cc-102", "cc-103", "cc-103"]


def test_per_record_ignores_by_id_and_url_glob():
    recs = [dict(r, newslint_ignore=None) for r in _records()]
    cfg = Config(per_record_ignores={"cc-101": ["NL101"], "https://example.org/live/*": ["NL1", "NL2"]},
                 extend_ignore=NO_DUPLICATES)
    assert [(v.code, v.record_id) for v in lint_records(recs, config=cfg)] == [("NL101", "cc-102")]
    cfg = Config(per_record_ignores={"cc-10[12]": ["NL101"], "https://example.org/live/cc-103": ["NL201"]},
                 extend_ignore=NO_DUPLICATES)
    assert [(v.code, v.record_id) for v in lint_records(recs, config=cfg)] == [("NL101", "cc-103")]


def test_jsonl_file_suppressions_through_the_cli(tmp_path, capsys, monkeypatch):
    from newslint.cli import main

    monkeypatch.chdir(tmp_path)
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in _records()))
    (tmp_path / ".newslint.yaml").write_text("per-record-ignores:\n  cc-101: [NL101]\nextend-ignore: [NL6]\n")
    assert main(["feed.jsonl"]) == 0
    assert capsys.readouterr().out == ""


# ---------------------------------------------------------------------- NL009 unused-suppression
def test_unused_suppression_is_off_by_default():
    text = md(f"""
        <!-- newslint: disable-next-line=NL101 -->
        {LEDE}

        {SECOND}
        """)
    assert found(lint_md(text)) == []


def test_a_directive_in_a_line_of_text_or_in_the_front_matter_is_text():
    # a scraped page quoting a directive, in backticks or in its summary, cannot silence the linter
    inline = md(f"""
        {LEDE}

        Write `<!-- newslint: disable -->` above a paragraph to excuse it.

        {LEDE}
        """)
    assert found(lint_md(inline, select=["NL101"])) == [("NL101", 11)]
    front = md(f"""
        {LEDE}

        {LEDE}
        """, front='title: Council Closes Harbour Bridge to Cars\nauthor: Tom Reyes\nsummary: "<!-- newslint: disable -->"\n')
    assert found(lint_md(front, select=["NL101"])) == [("NL101", 9)]
    # the same comment on a line of its own, after the front matter, is obeyed
    own = md(f"""
        <!-- newslint: disable -->
        {LEDE}

        {LEDE}
        """)
    assert found(lint_md(own, select=["NL101"])) == []


def test_unused_suppression_reports_comments_that_suppressed_nothing():
    text = md(f"""
        <!-- newslint: disable-next-line=NL101 -->
        {LEDE}

        {SECOND}

        <!-- newslint: disable-next-line=NL101,NL103 -->
        {LEDE}

        <!-- newslint: disable=NL9XX -->
        <!-- newslint: disabel=NL101 -->
        {THIRD}
        """)
    vs = lint_md(text, extend_select=["NL009"])
    got = [(v.code, v.line, v.message) for v in vs]
    assert got == [
        ("NL009", 7, "unused suppression: 'disable-next-line' comment suppresses NL101, which reported nothing"),
        ("NL009", 12, "unused suppression: 'disable-next-line' comment suppresses NL103, which reported nothing"),
        ("NL009", 15, "'disable' comment names unknown rule 'NL9XX'"),
        ("NL009", 16, "unknown newslint directive 'disabel' (did you mean 'disable'?)"),
    ]


def test_a_comment_with_nothing_after_the_equals_sign_suppresses_nothing_and_says_so():
    # "disable=" from a template whose list of codes came out empty silenced every rule of the file
    for written in ("disable=", "disable= , "):
        text = REPEATED.replace(f"{LEDE}\n\n{SECOND}", f"<!-- newslint: {written} -->\n{LEDE}\n\n{SECOND}", 1)
        assert found(lint_md(text)) == [("NL101", 12), ("NL101", 16)]
        got = [(v.code, v.line, v.message) for v in lint_md(text, extend_select=["NL009"]) if v.code == "NL009"]
        assert got == [("NL009", 7, "'disable' comment names no rule after '=' (list rule codes, or write 'disable' "
                                    "alone for every rule)")]
    # "disable" alone still means every rule
    text = REPEATED.replace(f"{LEDE}\n\n{SECOND}", f"<!-- newslint: disable -->\n{LEDE}\n\n{SECOND}", 1)
    assert found(lint_md(text)) == []


def test_long_lines_of_comment_openers_cannot_hang_the_suppression_parser(tmp_path):
    """A line with a directive left open and thousands of spaces, or with thousands of "<!--" and
    no "-->", made the regular expressions that read comments backtrack (cubic and quadratic in
    the line's length: hours for these lines). The subprocess timeout is a guard against a hang,
    not a timing assertion."""
    story = tmp_path / "story.md"
    story.write_text(md(f"""
        <!-- newslint: disable={" " * 20_000}x

        {"<!--" * 100_000} newslint

        <!-- newslint: disable-next-line=NL101 -->
        {LEDE}

        {LEDE}

        {SECOND}
        """), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newslint", "--isolated", "--no-cache", "--select", "NL101",
                           str(story)], capture_output=True, text=True, timeout=120)
    # the two unclosed comments are text; the directive on its own line still covers the next one
    assert proc.returncode == 1, proc.stderr
    assert [line.split(": ", 1)[1] for line in proc.stdout.splitlines()] == ["NL101 duplicate paragraph: repeats line 12"]


def test_unused_suppression_skips_rules_not_run():
    text = md(f"""
        <!-- newslint: disable-next-line=NL103 -->
        {LEDE}

        {SECOND}
        """)
    assert found(lint_md(text, select=["NL1", "NL009"], ignore=["NL103"])) == []


def test_unused_suppression_in_records():
    recs = _records()
    recs[0]["newslint_ignore"] = ["NL204"]  # body is long enough: unused
    recs[1]["newslint_ignore"] = 42  # unreadable
    vs = [v for v in lint_records(recs, config=Config(extend_select=["NL009"])) if v.code == "NL009"]
    assert [(v.record_id, v.field, v.message) for v in vs] == [
        ("cc-101", "newslint_ignore", "unused suppression: field 'newslint_ignore' suppresses NL204, which reported nothing"),
        ("cc-102", "newslint_ignore",
         "cannot read suppression field 'newslint_ignore': expected a list of rule codes, true or \"all\""),
        ("cc-104", "newslint_ignore", "unused suppression: field 'newslint_ignore' suppressed nothing"),
    ]


def test_a_record_field_naming_no_rule_is_reported_and_true_as_text_is_all():
    recs = _records()
    recs[0]["newslint_ignore"] = [""]  # looked like a suppression, suppressed nothing, said nothing
    recs[1]["newslint_ignore"] = "true"  # a CSV cell cannot hold a boolean
    vs = lint_records(recs[:2], config=Config(extend_select=["NL009"]))
    assert [(v.record_id, v.code, v.message) for v in vs if v.code == "NL009"] == [
        ("cc-101", "NL009", "suppression field 'newslint_ignore' names no rule (list rule codes, or write true or \"all\")")]
    assert not [v for v in vs if v.record_id == "cc-102"]


def test_unused_suppression_waits_for_dataset_rules():
    """A suppression naming a dataset rule is judged after the dataset rules have finished."""
    from newslint.plugins import build_registry
    from newslint.engine import Linter
    from newslint.rule import ArticleRef, DatasetRule, Problem

    class SameTitle(DatasetRule):
        """Titles shared by several records.

        Fails::

            two records titled "Council Closes Bridge"

        Passes::

            distinct titles

        Fix: none.
        """

        code = "NL699"
        name = "same-title-test"

        def new_state(self):
            return {}

        def observe(self, state, article):
            state.setdefault(article.norm_title, []).append(ArticleRef.of(article))

        def merge(self, a, b):
            return {**a, **b}

        def finish(self, state):
            for refs in state.values():
                for ref in refs[1:]:
                    yield ref, Problem("title shared with an earlier record")

    registry = build_registry(load_entry_points=False)
    registry.rules["NL699"] = SameTitle
    recs = _records()[:3]
    recs[0]["newslint_ignore"] = ["NL699"]  # first of its title: never reported, so unused
    recs[1]["newslint_ignore"] = ["NL699", "NL101"]  # used by both
    linter = Linter(Config(select=["NL101", "NL699", "NL009"]), registry)
    from newslint.readers import record_to_article

    out = []
    for i, r in enumerate(recs):
        out += linter.lint_article(record_to_article(r, path="feed.jsonl", fmt="jsonl", line=i + 1, index=i,
                                                     field_map=linter.field_map))
    out += linter.finish()
    assert [(v.code, v.record_id) for v in out] == [("NL101", "cc-101"), ("NL009", "cc-101"), ("NL699", "cc-103")]
    assert "suppresses NL699" in out[1].message
