"""NL320 and NL326 find HTML comments and tags in linear time, with the same answers as the one
regular expression they replaced (``<!--.*?-->|TAG_RE``), which took quadratic time on a text of
many "<!--" and no "-->"."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks.html_residue import _ELEMENTS, has_markup, markup_spans
from newslint.api import lint_text
from newslint.config import Config

ROOT = Path(__file__).resolve().parents[1]
#: the definition: what NL320 searched with before
ONE_REGEX = re.compile(rf"<!--.*?-->|</?(?:{_ELEMENTS})(?:\s+[^<>=]{{1,100}}=[^<>]{{0,400}}?)?\s*/?>",
                       re.IGNORECASE | re.DOTALL)
PIECES = ["<!--", "-->", "<!-->", "<!---->", "<p>", "</div>", '<a href="/story">', "<br/>", "<B>", "<p class=x",
          " = ", "the council voted ", "<", ">", "-", "!", "\n", "<!-- ad slot -->", "<IMG src=x.jpg />"]


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_markup_spans_find_what_the_one_regex_found(pieces):
    text = "".join(pieces)
    assert markup_spans(text) == [m.span() for m in ONE_REGEX.finditer(text)]
    assert has_markup(text) == (ONE_REGEX.search(text) is not None)


def test_comments_and_tags_in_a_paragraph_are_reported_and_fixed_as_before():
    text = ("Council Approves Cycle Lanes\n\nThe council voted 9 to 4 for the plan.<!-- ad slot 3 --> Work starts "
            "in May.<br/>The first lane opens on Quay Street. <!-- unclosed note\n")
    found = lint_text(text, path="lanes.txt", config=Config(select=["NL320"]))
    assert [(v.line, v.message) for v in found] == [
        (3, "HTML markup left in the text: <!-- ad slot 3 -->, <br/>")]


def test_a_paragraph_of_unclosed_comment_openers_is_linted_at_once(tmp_path):
    # 100,000 "<!--" and no "-->" in a 500 KB paragraph: the regex scanned the rest of the text from
    # each of them (about 25 billion steps); the run must end long before the guard below
    story = tmp_path / "scraped.txt"
    story.write_text("Harbour Reopens\n\nThe harbour reopened on Monday. " + "<!-- " * 100_000 + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--isolated", "--select", "NL320,NL326",
                           str(story)], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
