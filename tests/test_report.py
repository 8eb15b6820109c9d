"""The HTML dataset report: what it counts, that it is self-contained, and that a real browser renders it.

The browser test runs Debian's ``chromium`` headless (``apt-get install -y chromium``). It is skipped
only where chromium is missing outside CI; with ``CI`` set, a missing chromium fails the test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import jsonl

from newslint.article import Article, Paragraph
from newslint.report import ReportData, domain_of, render_html
from newslint.violation import Violation

CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

NEWSLETTER = "Sign up for our morning briefing to get the day's top stories in your inbox."
COOKIES = "We use cookies to improve your experience on our site and to show you relevant advertising."
TOPICS = [
    ("Council votes to extend the tram line to the airport",
     "The city council voted on Tuesday to extend the tram line by six kilometres, connecting the central station "
     "with the airport for the first time. Construction is expected to begin next spring and take three years."),
    ("Flood defences completed ahead of winter",
     "Engineers have finished raising the river walls along the old quarter, a project that began after the floods "
     "four years ago. Residents said they felt safer but asked for better warning systems upstream."),
    ("Local bakery wins national bread award",
     "A family bakery that has traded on the high street for ninety years won the national sourdough prize on "
     "Saturday. The owners said they would keep their prices the same despite the attention."),
    ("Hospital opens new cancer treatment centre",
     "The regional hospital opened a radiotherapy centre on Monday that will let patients be treated close to home "
     "instead of travelling two hours to the capital for each session."),
]
DOMAINS = ["https://www.rivertown-herald.example/news/", "https://eastvale-gazette.example/local/",
           "https://coastwatch.example/science/"]


def dataset(n: int = 48) -> str:
    """A small news dataset with realistic defects: boilerplate, short bodies, duplicates, missing fields."""
    records = []
    for i in range(n):
        title, lead = TOPICS[i % len(TOPICS)]
        body = [lead, f"Officials said more details would follow in the coming weeks, report number {i} noted.",
                "Several residents spoke to reporters outside the town hall after the announcement, and most of them "
                f"welcomed the plans while raising questions about cost number {i}."]
        if i % 3 == 0:
            body.append(NEWSLETTER)
        if i % 5 == 0:
            body.append(COOKIES)
        if i % 7 == 0:
            body.append(body[0])  # a duplicated paragraph
        if i % 11 == 0:
            body = body[:1][:0] + ["Read the full story in our print edition."]
        records.append({
            "id": f"rec-{i:03d}", "title": title if i % 13 else "",
            "authors": [] if i % 4 == 0 else ["Maria Lopez"], "date_publish": "2024-04-02",
            "url": DOMAINS[i % len(DOMAINS)] + f"story-{i}", "maintext": "\n\n".join(body),
        })
    return jsonl(*records)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True, cwd=cwd)


@pytest.fixture(scope="module")
def report_page(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    (tmp / "news.jsonl").write_text(dataset(), encoding="utf-8")
    proc = run_cli("report", "news.jsonl", "--html", "report.html", "--title", "Spring crawl", cwd=tmp)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == b""
    assert b"wrote report.html: 48 articles" in proc.stderr
    return tmp / "report.html"


def test_page_is_self_contained(report_page):
    page = report_page.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "url(" not in page


def test_page_content(report_page):
    page = report_page.read_text(encoding="utf-8")
    assert "<title>Spring crawl</title>" in page
    # the newsletter line is in every third article (16 of 48) but two of those are stubs: 14
    assert re.search(r'<td class="num">14</td><td><span class="quote">Sign up for our morning briefing', page)
    assert re.search(r'<td class="num">9</td><td><span class="quote">We use cookies', page)
    for dom in ("rivertown-herald.example", "eastvale-gazette.example", "coastwatch.example"):
        assert dom in page
    assert "www.rivertown-herald.example" not in page
    assert page.count('<svg class="chart') == 5  # health donut, rules, domains, length, readability
    for section in ('id="rules"', 'id="domains"', 'id="repeated"', 'id="worst"'):
        assert section in page
    # rule links point inside the page, at the rule's documentation
    assert '<a href="#nl101">NL101 docs</a>' in page and 'docs/rules.md' not in page
    assert re.search(r'<article class="ruledoc" id="nl101"><h3><code>NL101</code> duplicate-paragraph</h3>.*?'
                     r'<pre>A body paragraph that repeats an earlier paragraph', page, re.S)


def _links_and_ids(html: str) -> tuple[set[str], set[str], list[str]]:
    """(fragment targets linked, ids present, other links) of a page."""
    fragments = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    other = [h for h in re.findall(r'href="([^"#][^"]*)"', html)]
    return fragments, ids, other


def test_every_rule_link_resolves_in_the_page(report_page):
    page = report_page.read_text(encoding="utf-8")
    fragments, ids, other = _links_and_ids(page)
    assert {"nl101", "nl201", "nl204", "nl308", "nl601"} <= fragments
    assert fragments <= ids and other == []


def test_report_does_not_import_the_command_line():
    code = "import sys, newslint.report; print('newslint.cli' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.strip() == "False", proc.stderr


def _art(i: int, paragraphs: list[str], **kw) -> Article:
    paras = [Paragraph(t, 1, 1, j) for j, t in enumerate(paragraphs)]
    return Article(path="d.jsonl", format="jsonl", paragraphs=paras, record_index=i, line=i + 1, **kw)


def _v(i: int, code: str, severity: str) -> Violation:
    return Violation("d.jsonl", i + 1, 1, code, code.lower(), severity, f"{code} finding", record_index=i)


def test_report_data_counts():
    data = ReportData(top=2)
    shared = "Follow us on social media for the latest updates from the newsroom."
    data.add_article(_art(0, ["First story about the harbour.", shared, shared], url="https://www.a.example/x"),
                     [_v(0, "NL101", "error")])
    data.add_article(_art(1, ["Second story about the tram line.", shared], domain="b.example"),
                     [_v(1, "NL201", "warning")])
    data.add_article(_art(2, ["Third story, all clean and tidy."]), [])
    data.add_article(_art(3, ["Fourth story, broken."]), [_v(3, "NL204", "error"), _v(3, "NL201", "warning")])
    assert data.articles == 4 and data.healthy == 2 and data.health == 50.0
    # a paragraph repeated inside one article counts once for it
    assert data.repeated() == [(2, shared, "d.jsonl:1")]
    assert [w.record for w in sorted(data.worst, reverse=True)] == ["#3", "#0"]  # top 2 by score
    assert data.domain_articles == {"a.example": 1, "b.example": 1, "(no domain)": 2}
    assert data.by_rule == {"NL101": 1, "NL201": 2, "NL204": 1}


def test_paragraph_counts_stay_bounded():
    data = ReportData(paragraph_cap=50)
    repeated = "This paragraph appears in every single article of the dataset."
    for i in range(300):
        data.add_article(_art(i, [f"Unique paragraph number {i} with its own words.", repeated]), [])
        assert len(data.paragraphs) <= 51
    assert data.pruned
    assert data.repeated()[0][:2] == (300, repeated)


def test_domain_of():
    assert domain_of(Article("a", "jsonl", url="https://WWW.Example.org/a?b")) == "example.org"
    assert domain_of(Article("a", "jsonl", domain="news.example", url="https://other.example")) == "news.example"
    assert domain_of(Article("a", "txt", url="not a url")) == "(no domain)"


def test_a_page_sized_title_url_or_domain_is_shown_as_one_line():
    # an extractor that put the whole page in the title must not put it in the report a few times over
    page_text = "Harbour dredging starts next month, the port authority said on Monday. " * 4000
    data = ReportData()
    for i in range(3):
        data.add_article(_art(i, ["Body of the story."], title=page_text, url="https://news.example/" + "a" * 300_000,
                              domain="news." + "b" * 300_000 + ".example"), [_v(i, "NL204", "error")])
    page = render_html(data, ["d.jsonl"], {})
    assert len(page) < 60_000 and "Harbour dredging starts next month" in page


def test_render_escapes_article_text():
    data = ReportData()
    for i in range(2):
        data.add_article(_art(i, ["<script>alert(1)</script> and more words here."], title="<b>Bold</b> & co"),
                         [_v(i, "NL204", "error")])
    page = render_html(data, ["d.jsonl"], {})
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;Bold&lt;/b&gt; &amp; co" in page


def test_report_usage_errors(tmp_path):
    proc = run_cli("report", "--html", str(tmp_path / "r.html"))
    assert proc.returncode == 2 and proc.stderr.decode().count("\n") == 1
    proc = run_cli("report", str(tmp_path / "missing.jsonl"), "--html", str(tmp_path / "r.html"))
    assert proc.returncode == 2 and b"Traceback" not in proc.stderr
    assert (tmp_path / "r.html").exists()  # the page is written and names the unreadable input
    assert "missing.jsonl" in (tmp_path / "r.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------- a real browser
def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", *args],
        capture_output=True, timeout=120,
    )


def _png_stats(data: bytes) -> tuple[int, int, int, float]:
    """(width, height, distinct byte values, share of non-white bytes) of a PNG, with the stdlib only."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height = 8, b"", 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos: pos + 8])
        chunk = data[pos + 8: pos + 8 + length]
        if kind == b"IHDR":
            width, height = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    return width, height, len(set(raw)), sum(1 for b in raw[::97] if b < 0xF0) / len(raw[::97])


def test_renders_in_headless_chromium(report_page, tmp_path):
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: apt-get install -y chromium")
        pytest.skip("chromium is not installed")
    url = report_page.resolve().as_uri()
    dom = _chromium("--dump-dom", url, profile=tmp_path / "p1")
    assert dom.returncode == 0, dom.stderr[-2000:]
    html = dom.stdout.decode("utf-8")
    assert len(re.findall(r'<svg class="chart', html)) == 5
    assert len(re.findall(r"<rect ", html)) > 20  # bars were laid out
    for table in ("rules", "domains", "repeated", "worst"):
        assert re.search(rf'<table class="{table}">.*?<tbody><tr>', html, re.S), table
    # every rule link resolves in the document the browser built
    fragments, ids, other = _links_and_ids(html)
    assert len(fragments) >= 5 and fragments <= ids and other == []
    shot = tmp_path / "report.png"
    proc = _chromium(f"--screenshot={shot}", "--window-size=1280,2000", url, profile=tmp_path / "p2")
    assert proc.returncode == 0 and shot.exists(), proc.stderr[-2000:]
    width, height, distinct, ink = _png_stats(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    assert distinct > 60 and ink > 0.05  # not a blank page: text, colours and charts


def test_a_report_on_input_that_gave_no_article_says_so(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a", "title": \n{"id": "b"\n', encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newslint", "report", str(broken), "--html", str(tmp_path / "r.html")],
                          capture_output=True, text=True)
    assert proc.returncode == 2  # the input problems
    assert proc.stderr.splitlines()[-1].endswith(": 0 articles, 2 findings, no article was read")
    assert "100.0%" not in proc.stderr


def test_a_report_counts_every_input_problem_not_only_the_examples_it_keeps(tmp_path):
    broken = tmp_path / "broken.jsonl"
    good = '{"id": "ok", "title": "Harbour Budget Approved", "text": "The council approved the harbour budget."}'
    broken.write_text("\n".join([good] + ['{"id": "x", "title": '] * 120) + "\n", encoding="utf-8")
    page = tmp_path / "r.html"
    proc = subprocess.run([sys.executable, "-m", "newslint", "report", str(broken), "--html", str(page)],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "120 input problem(s) could not be read" in page.read_text(encoding="utf-8")


def test_a_title_with_nul_or_a_direction_override_is_shown_not_obeyed(tmp_path):
    """NUL is an HTML parse error, and U+202E in a title reverses the rest of its line on screen:
    the page names them instead ("<U+202E>"), as it escapes markup."""
    crawl = tmp_path / "crawl.jsonl"
    title = "Harbour Budget \u202eApproved\x00 Today"
    crawl.write_text(json.dumps({"id": "h1", "title": title, "text": "The council approved the harbour budget."}) + "\n",
                     encoding="utf-8")
    page = tmp_path / "r.html"
    subprocess.run([sys.executable, "-m", "newslint", "report", str(crawl), "--html", str(page)], capture_output=True, text=True)
    html_text = page.read_text(encoding="utf-8")
    assert "\u202e" not in html_text and "\x00" not in html_text
    assert "Harbour Budget &lt;U+202E&gt;Approved&lt;U+0000&gt; Today" in html_text


def test_c1_controls_and_noncharacters_from_a_record_never_reach_the_page(tmp_path):
    # the HTML parser rejects the C1 controls (U+0080 to U+009F) and the noncharacters just as it
    # rejects NUL: a record id or title holding them is shown by name on the page
    crawl = tmp_path / "crawl.jsonl"
    rid = "w\x85\x9b1\ufffe"
    title = "Harbour\x9b2J Budget \uffff\ufdd0Approved"
    crawl.write_text(json.dumps({"id": rid, "title": title, "text": f"{title}\n\nThe council approved it."}) + "\n",
                     encoding="utf-8")
    page = tmp_path / "r.html"
    subprocess.run([sys.executable, "-m", "newslint", "report", str(crawl), "--html", str(page)], capture_output=True, text=True)
    html_text = page.read_text(encoding="utf-8")
    assert not any(0x80 <= ord(ch) <= 0x9F or ch in "\ufffe\uffff\ufdd0" for ch in html_text)
    assert "record w&lt;U+0085&gt;&lt;U+009B&gt;1&lt;U+FFFE&gt;" in html_text
    assert "Harbour&lt;U+009B&gt;2J Budget &lt;U+FFFF&gt;&lt;U+FDD0&gt;Approved" in html_text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_a_file_name_or_title_that_is_not_utf8_is_shown_not_a_crash(tmp_path):
    # the page header lists the inputs and the title as given: bytes that are not UTF-8 reach
    # Python as lone surrogates, which the page's encoder cannot write
    crawl = os.path.join(os.fsencode(tmp_path), b"crawl\xff.jsonl")
    with open(crawl, "wb") as fh:
        fh.write(json.dumps({"id": "h1", "title": "Harbour Budget", "text": "The council approved it."}).encode() + b"\n")
    page = tmp_path / "r.html"
    proc = subprocess.run([sys.executable, "-m", "newslint", "report", crawl, "--title", b"Crawl \xfe", "--html", str(page)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    html_text = page.read_text(encoding="utf-8")
    assert "crawl\\xff.jsonl</p></header>" in html_text
    assert "<h1>Crawl &lt;U+DCFE&gt;</h1>" in html_text
