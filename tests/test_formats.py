"""Output formats: golden files for every format, SARIF schema validation, escaping, colour rules.

Regenerate the golden files after an intended change with::

    NEWSLINT_REGEN_GOLDEN=1 .venv/bin/pytest tests/test_formats.py

then review the diff under tests/golden/.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT, SHARED

from newslint import __version__
from newslint.engine import RunStats
from newslint.formatting.github import annotation, escape_data, escape_property
from newslint.violation import Edit, Fix, Violation

GOLDEN_DIR = ROOT / "tests" / "golden"
#: inputs relative to the project root, so that paths in the goldens are stable: the bundled
#: examples, and a small set with input errors (a malformed record) and records without titles
INPUTS = {"examples": ("examples", 1), "input-errors": ("tests/fixtures/golden-input", 2)}
GOLDEN_INPUT = INPUTS["input-errors"][0]
REGEN = os.environ.get("NEWSLINT_REGEN_GOLDEN") == "1"
SARIF_SCHEMA = Path(os.environ.get("NEWSLINT_SHARED", SHARED)) / "schemas" / "sarif-schema-2.1.0.json"

CASES = {
    # golden file name: extra arguments
    "text.txt": ["--format", "text"],
    "text-fixes-statistics.txt": ["--format", "text", "--show-fixes", "--statistics", "--count"],
    "rich.txt": ["--format", "rich", "--color", "never"],
    "rich-statistics.txt": ["--format", "rich", "--color", "never", "--statistics"],
    "rich-color.ansi": ["--format", "rich", "--color", "always"],
    "json.json": ["--format", "json"],
    "jsonl.jsonl": ["--format", "jsonl"],
    "sarif.sarif": ["--format", "sarif"],
    "github.txt": ["--format", "github"],
    "junit.xml": ["--format", "junit"],
}


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "LINES")}
    env.update(COLUMNS="100", TERM="xterm-256color", **extra)
    return env


def run_cli(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "newslint", *args], capture_output=True, cwd=ROOT, env=env or clean_env(), **kw
    )


def normalise(text: str) -> str:
    return text.replace(__version__, "<version>")


def run_in_process(*args: str) -> subprocess.CompletedProcess:
    """The CLI run in this process (fast); the subprocess tests below cover the real entry point."""
    from newslint.cli import main

    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        for key in ("NO_COLOR", "FORCE_COLOR", "COLUMNS", "LINES"):
            mp.delenv(key, raising=False)
        mp.setenv("COLUMNS", "100")
        mp.setenv("TERM", "xterm-256color")
        mp.chdir(ROOT)
        mp.setattr(sys, "stdout", out)
        mp.setattr(sys, "stderr", err)
        code = main(list(args))
    return subprocess.CompletedProcess(args, code, out.getvalue().encode(), err.getvalue().encode())


@pytest.fixture(scope="module")
def outputs() -> dict[str, subprocess.CompletedProcess]:
    return {name: run_in_process(*args, GOLDEN_INPUT) for name, args in CASES.items()}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("inputs", sorted(INPUTS))
def test_golden(inputs, name):
    where, status = INPUTS[inputs]
    proc = run_in_process(*CASES[name], where)
    assert proc.returncode == status, proc.stderr
    got = normalise(proc.stdout.decode("utf-8"))
    path = GOLDEN_DIR / inputs / name
    if REGEN or not path.exists():
        if not REGEN:
            pytest.fail(f"{path} is missing: run with NEWSLINT_REGEN_GOLDEN=1 to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")
    assert str(ROOT) not in got  # paths in reports are as given: relative and stable


def test_machine_formats_keep_extras_out_of_the_report(outputs):
    proc = run_in_process("--format", "json", "--statistics", "--count", GOLDEN_INPUT)
    doc = json.loads(proc.stdout)  # still one valid document
    assert "NL101 duplicate-paragraph" in proc.stderr.decode()
    assert proc.stderr.decode().rstrip().splitlines()[-1] == str(len(doc["findings"]))


def test_json_document_and_jsonl_stream_agree(outputs):
    doc = json.loads(outputs["json.json"].stdout)
    lines = [json.loads(line) for line in outputs["jsonl.jsonl"].stdout.decode().splitlines()]
    assert doc["findings"] == lines
    first = next(f for f in lines if f["code"] == "NL101" and f["path"].endswith(".txt"))
    assert first == {
        "code": "NL101", "name": "duplicate-paragraph", "severity": "error",
        "message": "duplicate paragraph: repeats line 5", "path": f"{GOLDEN_INPUT}/harbour-strike.txt",
        "line": 11, "column": 1, "end_line": 11, "end_column": None, "record_id": None, "record_index": None,
        "field": "body", "paragraph": 4, "excerpt": first["excerpt"], "suggestion": "delete line 11, a repeat of line 5",
        "fix": {"description": "delete line 11, a repeat of line 5", "applicability": "safe",
                "edits": [{"kind": "delete_paragraph", "field": "body", "paragraph": 4, "start": None, "end": None, "text": None}]},
        "docs": "docs/rules.md#nl101",
    }
    assert first["excerpt"].startswith("Hundreds of dock workers")
    rec = next(f for f in lines if f["record_id"] == "wire-0002" and f["code"] == "NL201")
    assert rec["field"] == "authors" and rec["record_index"] == 1
    summary = doc["summary"]
    assert summary["findings"] == len(lines)
    assert summary["rules"]["NL101"]["findings"] == 2
    assert summary["by_severity"]["error"] == sum(f["severity"] == "error" for f in lines)


@pytest.mark.parametrize("inputs", sorted(INPUTS))
def test_sarif_validates_against_the_schema(inputs):
    import jsonschema

    if not SARIF_SCHEMA.exists():
        pytest.skip("../shared/schemas is not present")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    doc = json.loads(run_in_process("--format", "sarif", INPUTS[inputs][0]).stdout)
    assert doc["runs"][0]["results"]
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(doc), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    # a broken document must fail, or the check above proves nothing
    broken = json.loads(json.dumps(doc))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    assert list(cls(schema).iter_errors(broken))


def test_sarif_rules_fixes_and_locations(outputs):
    run = json.loads(outputs["sarif.sarif"].stdout)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    nl101 = rules[ids.index("NL101")]
    assert nl101["name"] == "duplicate-paragraph"
    assert nl101["defaultConfiguration"]["level"] == "error"
    assert "Fails::" in nl101["help"]["text"] and "```text" in nl101["help"]["markdown"]
    dup = next(r for r in run["results"] if r["ruleId"] == "NL101" and r["locations"][0]["physicalLocation"]
               ["artifactLocation"]["uri"].endswith(".txt"))
    change = dup["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"] == {"uri": f"{GOLDEN_INPUT}/harbour-strike.txt", "uriBaseId": "%SRCROOT%"}
    assert change["replacements"] == [
        {"deletedRegion": {"startLine": 11, "startColumn": 1, "endLine": 12, "endColumn": 1}, "insertedContent": {"text": ""}}
    ]
    rec = next(r for r in run["results"] if r["ruleId"] == "NL101" and "logicalLocations" in r["locations"][0])
    assert rec["locations"][0]["logicalLocations"][0]["name"] == "record wire-0003, field maintext"
    assert "fixes" not in rec  # an edit inside a JSON record has no text region: described in properties
    assert rec["properties"]["fix"]["edits"][0]["kind"] == "delete_paragraph"


def test_junit_one_case_per_file_or_record(outputs):
    root = ET.fromstring(outputs["junit.xml"].stdout)
    suite = root.find("testsuite")
    cases = suite.findall("testcase")
    names = [c.get("name") for c in cases]
    assert names == [
        f"{GOLDEN_INPUT}/harbour-strike.txt",
        f"{GOLDEN_INPUT}/library-reopens.md",
        f"{GOLDEN_INPUT}/sea-temperatures.json",
        *(f"{GOLDEN_INPUT}/wire.jsonl record {r}" for r in ("wire-0001", "wire-0002", "wire-0003", "wire-0005", "#3")),
    ]
    failed = {c.get("name").rsplit(" ", 1)[-1].rsplit("/", 1)[-1] for c in cases if c.find("failure") is not None}
    assert failed == {"harbour-strike.txt", "sea-temperatures.json", "wire-0002", "wire-0003", "wire-0005"}
    assert cases[-1].find("error") is not None  # the malformed record is an error, not a failure
    assert suite.get("tests") == "8" and suite.get("failures") == "5" and suite.get("errors") == "1"
    assert "NL101 duplicate paragraph: repeats line 5" in cases[0].find("failure").text


def test_github_escaping():
    v = Violation("data/a,b:c.txt", 3, 2, "NL101", "duplicate-paragraph", "info", "100% repeat\nof line 1",
                  end_line=5, suggestion="delete it")
    assert annotation(v) == (
        "::notice file=data/a%2Cb%3Ac.txt,line=3,endLine=5,col=2,title=NL101 duplicate-paragraph"
        "::100%25 repeat%0Aof line 1%0Afix: delete it"
    )
    assert escape_data("a\r\nb%") == "a%0D%0Ab%25"
    assert escape_property("x:y,z") == "x%3Ay%2Cz"


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def _rich_output(color: str, monkeypatch, no_color: bool) -> str:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    from newslint.formatting.richfmt import RichFormatter

    out = _Tty()
    f = RichFormatter(out, color=color)
    f.start()
    f.handle(Violation("a.txt", 4, 1, "NL101", "duplicate-paragraph", "error", "duplicate paragraph: repeats line 2",
                       excerpt="The vote was held on Monday.", fix=Fix("delete line 4", (Edit("delete_paragraph", paragraph=2),))))
    f.finish(RunStats(files=1, articles=1))
    return out.getvalue()


@pytest.mark.parametrize(
    "color,no_color,coloured",
    [("auto", False, True), ("auto", True, False), ("never", False, False), ("always", True, True)],
)
def test_color_option_and_no_color(monkeypatch, color, no_color, coloured):
    text = _rich_output(color, monkeypatch, no_color)
    assert ("\x1b[31m" in text or "\x1b[1;31m" in text) == coloured
    assert "duplicate paragraph: repeats line 2" in text and "delete line 4" in text


def test_rich_is_never_coloured_when_piped_in_auto(outputs):
    proc = run_cli("--format", "rich", GOLDEN_INPUT)
    assert b"\x1b[" not in proc.stdout
    assert proc.stdout.decode() == outputs["rich.txt"].stdout.decode()


def test_default_format_is_text_when_piped(outputs):
    assert run_cli(GOLDEN_INPUT).stdout == outputs["text.txt"].stdout


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_default_format_is_rich_on_a_terminal_and_no_progress_in_pipes():
    import pty

    master, slave = pty.openpty()
    try:
        proc = subprocess.run([sys.executable, "-m", "newslint", GOLDEN_INPUT], stdout=slave, stderr=subprocess.PIPE,
                              cwd=ROOT, env=clean_env(), timeout=60)
        os.close(slave)
        chunks = []
        while True:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(master)
    out = b"".join(chunks).decode()
    assert proc.returncode == 2
    assert "Findings per rule" in out and "\x1b[" in out  # rich, coloured on a terminal
    assert proc.stderr == b""  # stderr is a pipe: no progress bar


def test_hostile_record_ids_and_text_stay_one_honest_line_in_every_human_format(tmp_path):
    # a scraped record whose id carries a newline and a terminal escape, and whose title is
    # repeated in the body with a bidi override: no report line may break, recolour or reorder
    rid = "id\u0001\u000b\u001b[31mRED\nnewslint.txt:1:1: NL000 fake finding"
    title = "Port Strike Ends \u202eafter two weeks"
    record = {"id": rid, "title": title, "authors": ["Nora Quist"], "text": f"{title}\n\nDock workers returned on Monday."}
    data = tmp_path / "crawl.jsonl"
    data.write_text(json.dumps(record) + "\n", encoding="utf-8")
    for fmt in ("text", "github", "rich", "markdown", "junit"):
        proc = run_cli("--isolated", "--no-cache", "--select", "NL102", "--format", fmt, str(data))
        assert proc.returncode == 1, (fmt, proc.stderr)
        out = proc.stdout.decode("utf-8")
        assert "\x1b" not in out and "\x0b" not in out and "\u202e" not in out, fmt
        assert not any(line.lstrip().startswith("newslint.txt") for line in out.splitlines()), fmt  # no forged line
        if fmt == "junit":
            ET.fromstring(proc.stdout)  # well-formed XML
            assert "id\\x01\\x0b\\x1b[31mRED\\x0anewslint.txt" in out
        if fmt == "text":
            assert out.splitlines() == [
                f"{data}:1:1: NL102 title repeated in body: the headline (field 'title') repeated as a paragraph "
                "(record id\\x01\\x0b\\x1b[31mRED\\x0anewslint.txt:1:1: NL000 fake finding, field text)"]
    # machine formats keep the value: their encoders escape it
    proc = run_cli("--isolated", "--no-cache", "--select", "NL102", "--format", "jsonl", str(data))
    assert json.loads(proc.stdout)["record_id"] == rid


def test_junit_stays_well_formed_whatever_characters_xml_forbids(tmp_path):
    # U+FFFE and U+FFFF are noncharacters XML 1.0 cannot carry, not even as character references:
    # in a record id or a file name they are written escaped, the way the text format shows them
    rid = "r\ufffe1"
    record = {"id": rid, "title": "Port Strike Ends", "text": "Port Strike Ends\n\nDock workers returned on Monday."}
    data = tmp_path / "crawl\uffff.jsonl"
    data.write_text(json.dumps(record) + "\n", encoding="utf-8")
    for fmt in ("junit", "text"):
        proc = run_cli("--isolated", "--no-cache", "--select", "NL102", "--format", fmt, str(data))
        assert proc.returncode == 1, (fmt, proc.stderr)
        out = proc.stdout.decode("utf-8")
        assert "\ufffe" not in out and "\uffff" not in out, fmt
        assert "record r\\ufffe1" in out and "crawl\\uffff.jsonl" in out, fmt
        if fmt == "junit":
            ET.fromstring(proc.stdout)  # well-formed XML


def test_junit_text_escapes_every_character_outside_xml():
    from newslint.formatting.junit import _xml_attr, _xml_text

    text = "a\x00b\x1fc\ud800d\ufffee\uffff\ufdd0\U0001fffe\t\n<&>"
    assert _xml_text(text) == "a\\x00b\\x1fc\\ud800d\\ufffee\\uffff\ufdd0\U0001fffe\t\n&lt;&amp;&gt;"
    ET.fromstring(f"<t a={_xml_attr(text)}>{_xml_text(text)}</t>")


def test_markdown_shows_scraped_record_ids_and_file_names_as_they_are(tmp_path):
    # the summary lands in $GITHUB_STEP_SUMMARY: a record id must not become a remote image or a
    # link, nor a file name with backticks break out of its code span
    import html
    import re

    from markdown_it import MarkdownIt  # rich's Markdown parser, so always installed

    rid = "![x](https://evil.example/p.png) [click](https://evil.example) **b** <img src=x> &amp; ~~s~~ $x$ a|b \\"
    record = {"id": rid, "title": "Port Strike Ends", "text": "Port Strike Ends\n\nDock workers returned on Monday."}
    data = tmp_path / "``we``ird.jsonl"
    data.write_text(json.dumps(record) + "\n", encoding="utf-8")
    proc = run_cli("--isolated", "--no-cache", "--select", "NL102", "--format", "markdown", str(data))
    assert proc.returncode == 1, proc.stderr
    page = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(proc.stdout.decode("utf-8"))
    assert "<img" not in page and "<a " not in page and "<strong>b" not in page and "<s>" not in page
    cell = re.search(r"<td><code>(.*?)</code> record (.*?)</td>", page)
    assert cell is not None, page
    assert html.unescape(cell.group(1)) == f"{data}:1"
    assert html.unescape(cell.group(2)) == rid


def test_markdown_code_spans_fence_longer_than_the_backticks_inside():
    from newslint.formatting.markdown import md_code

    assert md_code("NL101") == "`NL101`"
    assert md_code("a`b") == "``a`b``"
    assert md_code("a```b") == "````a```b````"
    assert md_code("``we``ird.jsonl:3") == "``` ``we``ird.jsonl:3 ```"
    assert md_code("name`") == "`` name` ``"


def test_junit_keeps_records_that_share_an_id_apart(tmp_path):
    # scraped datasets often repeat an id: each record stays its own test case with its own findings,
    # whether the records sharing the id are next to each other or not
    def rec(rid, title, body):
        return json.dumps({"id": rid, "title": title, "authors": ["Nora Quist"], "text": body}) + "\n"

    data = tmp_path / "crawl.jsonl"
    data.write_text(
        rec("r1", "Port Strike Ends", "Port Strike Ends\n\nDock workers returned on Monday.")
        + rec("r1", "Rain Falls", "Heavy rain fell across the county overnight.")
        + rec("r2", "Fair Opens", "The county fair opened on Saturday.")
        + rec("r1", "Bridge Opens", "Bridge Opens\n\nThe new bridge opened on Friday."),
        encoding="utf-8",
    )
    proc = run_cli("--isolated", "--no-cache", "--select", "NL102", "--format", "junit", str(data))
    assert proc.returncode == 1, proc.stderr
    suite = ET.fromstring(proc.stdout).find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name").rsplit(" ", 1)[-1] for c in cases] == ["r1", "r1", "r2", "r1"]
    assert suite.get("tests") == "4" and suite.get("failures") == "2"
    failures = [c.find("failure") for c in cases]
    assert failures[1] is None and failures[2] is None
    assert failures[0].get("message") == "1 finding: NL102" and ":1:1: NL102" in failures[0].text
    assert failures[3].get("message") == "1 finding: NL102" and ":4:1: NL102" in failures[3].text


def test_rich_gives_each_record_its_own_heading_when_ids_repeat(tmp_path):
    # two neighbouring records with one id are two records: the report must not file the second
    # one's findings under the first one's heading (and line)
    def rec(title, body):
        return json.dumps({"id": "r1", "title": title, "authors": ["Nora Quist"], "text": body}) + "\n"

    data = tmp_path / "crawl.jsonl"
    data.write_text(rec("Port Strike Ends", "Port Strike Ends\n\nDock workers returned on Monday.")
                    + rec("Bridge Opens", "Bridge Opens\n\nThe new bridge opened on Friday."), encoding="utf-8")
    proc = run_cli("--isolated", "--no-cache", "--select", "NL102", "--format", "rich", "--color", "never", str(data))
    assert proc.returncode == 1, proc.stderr
    headings = [line.strip() for line in proc.stdout.decode("utf-8").splitlines() if line.strip().startswith("record ")]
    assert headings == ["record r1  line 1", "record r1  line 2"]
