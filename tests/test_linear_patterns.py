"""Patterns that took quadratic or cubic time on a hostile line now take linear time, with the
same answers: each rewrite is held to the regular expression it replaced (the definition), and a
run over hostile files of each kind ends at once.

Started at every character of a long run of the characters they repeat, the old regexes scanned
the rest of the run again from each one: a byline of 20,000 "- " took 210 seconds (NL208), a
Markdown heading holding 10,000 spaces more than five minutes (the reader), a TOML front-matter
line of 100,000 spaces 77 seconds, a last paragraph of 50,000 "a'" 46 seconds (NL325) and a title
padded with 40,000 spaces 22 seconds (NL207).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.checks import byline, title, truncated_body
from newslint.readers import markdown, text

ROOT = Path(__file__).resolve().parents[1]
_M, _W, _N = byline._MONTH, byline._WEEKDAY, byline._MONTH_NOT_NAME
#: the definitions: the regexes as they were
OLD = {
    "_URL": re.compile(r"https?://|www\.|\b[\w-]+\.(?:com|org|net|co\.uk|de|fr|at|ch|it|es|nl)\b(?:\.\w{2})?", re.I),
    "_EMAIL": re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+"),
    "_MANGLED": re.compile(r"\b[a-z][\w-]*\s+com\b", re.I),
}
OLD_TRAILING_DATE = re.compile(
    rf"(?:[\s;,|·•–—-]*(?:\b(?:posted|updated|published)\b.*|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_M}\b.*"
    rf"|\b{_M}\b\.?\s*\d.*|(?<=[;,|·•–—-])\s*{_M}\b\.?|\b{_N}\b\.?|\b{_W}\b.*"
    rf"|\d{{1,2}}:\d{{2}}.*|\d{{4,}}.*|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}.*))\s*$", re.I)
OLD_SUFFIX = re.compile(r"\s+(?:\||[-–—]|::|»|·|•)\s+(?P<site>[^|–—»·•]{1,60}?)\s*$")
OLD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
OLD_TOP_KEY = re.compile(r"""^(?:"([^"]+)"|'([^']+)'|([^\s#:'"\-?\[][^:=]*?))\s*(?::(?:\s|$)|=)""")

PIECES = ["Lena", "morris", "-", "--", ".", "@", "com", " com", ".com", "gazette.org", "www.", "http://", "1", "12",
          "2024", ":", "=", " ", "  ", "\t", "\u00a0", ";", ",", "|", "—", "·", "May", " March", "July", "Monday",
          "posted", "#", "###", "'", '"', "é", "_", "+", "?", "[", "’", "X", "12:30", "3 June", "é-", "\n"]
texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=4000, deadline=None)
@given(texts)
def test_byline_patterns_find_what_the_old_ones_found(value):
    for name, old in OLD.items():
        assert (getattr(byline, name).search(value) is None) == (old.search(value) is None), name
    new, old = byline._TRAILING_DATE.search(value), OLD_TRAILING_DATE.search(value)
    assert (new and new.span()) == (old and old.span())
    assert byline._TRAILING_DATE.sub("", value) == OLD_TRAILING_DATE.sub("", value)


@settings(max_examples=4000, deadline=None)
@given(texts)
def test_title_suffix_mid_sentence_heading_and_key_match_their_definitions(value):
    new, old = title._SUFFIX.search(value), OLD_SUFFIX.search(value)
    assert (new and (new.span(), new["site"])) == (old and (old.span(), old["site"]))
    assert truncated_body._ends_mid_sentence(value) == (truncated_body._MID_SENTENCE.search(value) is not None)
    m = OLD_HEADING.match(value)
    assert markdown._heading(value) == (m and (m.group(1), m.group(2)))
    m = OLD_TOP_KEY.match(value)
    assert text._top_key(value) == (m and (m.group(1) or m.group(2) or m.group(3)))


def test_hostile_lines_of_every_kind_are_read_and_linted_at_once(tmp_path):
    record = {"title": "Harbour Reopens After Storm", "url": "https://harbourgazette.com/a",
              "text": "The harbour reopened on Monday after the storm, and the first ferries left at noon."}
    (tmp_path / "bylines.jsonl").write_text("\n".join(json.dumps(record | {"byline": b}) for b in (
        "- " * 20_000 + "x", "Jane Doe " + "a-" * 20_000 + "x", "ab" * 20_000 + " x")) + "\n", encoding="utf-8")
    (tmp_path / "title.jsonl").write_text(json.dumps(record | {"title": "Jane Doe" + " " * 40_000 + "x"}) + "\n",
                                          encoding="utf-8")
    (tmp_path / "heading.md").write_text("# Harbour" + " " * 10_000 + "Reopens\n\nThe harbour reopened on Monday.\n",
                                         encoding="utf-8")
    (tmp_path / "front.md").write_text('+++\ntitle = """Harbour\na' + " " * 100_000 + 'b\n"""\n+++\n\n'
                                       "The harbour reopened on Monday.\n", encoding="utf-8")
    (tmp_path / "ending.txt").write_text("Harbour Reopens\n\nThe harbour reopened on Monday. " + "a'" * 50_000 + "X\n",
                                         encoding="utf-8")
    # a hang guard, not a timing: the old patterns took minutes on each of these files
    done = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--isolated", "--exit-zero", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "NL209" in done.stdout  # the long bylines are still reported


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab\n\r ", max_size=80), st.lists(st.integers(min_value=0, max_value=80), max_size=8))
def test_the_json_array_locator_gives_what_counting_from_the_start_gives(value, offsets):
    from newslint.readers.jsonfile import _Locator, _loc

    locate = _Locator(value)
    for pos in sorted(min(p, len(value)) for p in offsets):
        assert locate(pos) == _loc(value, pos)


def test_a_json_array_of_many_records_is_read_in_linear_time(tmp_path):
    # each record's line and column were counted from the start of the file: 50,000 records took a
    # minute, these 120,000 would take several; the last record's line is still exact
    records = [{"id": str(i), "title": f"Harbour notice {i}", "text": f"The harbour office published notice {i}."}
               for i in range(120_000)]
    data = tmp_path / "notices.json"
    data.write_text("[" + ", ".join(json.dumps(r) for r in records[:-1]) + ",\n  " + json.dumps(records[-1]) + "]",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--isolated", "--select", "NL601,NL204",
                           "--format", "jsonl", "--exit-zero", str(data)], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    last = [json.loads(line) for line in done.stdout.splitlines() if '"119999"' in line]
    assert last and all((v["line"], v["record_index"]) == (2, 119_999) for v in last)
