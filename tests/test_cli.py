"""The command line: output lines, selection, statistics, exit status and errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

LEDE = "Delegations from both sides arrived in Geneva on Monday for two days of talks on the border dispute."
SECOND = "The meeting was arranged by the foreign ministers last month after a series of incidents this winter."
CLEAN_BODY = (
    "Officials said progress on the crossing points would decide whether a third round is held in April. "
    "Both governments have promised to reopen the two southern checkpoints to freight before the harvest. "
    "Local traders, who lost much of their business when the border closed, said they hoped for a quick deal."
)
OTHER_BODY = (
    "The harbour authority will dredge the northern channel this summer so that larger container ships can dock. "
    "Fishermen asked for the work to pause during the spawning season, and the authority agreed to a six-week break. "
    "The project is paid for by port fees and a loan from the regional development bank, officials said on Friday."
)


def run(*args, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "newslint", *map(str, args)], capture_output=True, input=input, cwd=cwd)
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    return proc


def out(proc) -> list[str]:
    return proc.stdout.decode().splitlines()


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "clean.txt").write_text(f"Border Talks Resume\nBy Clara Jensen\n\n{CLEAN_BODY}\n")
    (tmp_path / "dup.txt").write_text(f"Border Talks Resume\nBy Clara Jensen\n\n{LEDE}\n{SECOND}\n{LEDE}\n{CLEAN_BODY}\n")
    sub = tmp_path / "nested"
    sub.mkdir()
    (sub / "data.jsonl").write_text(
        json.dumps({"id": "a1", "title": "T", "authors": ["X Y"], "date": "2026-01-01", "url": "https://news.example.org/a1", "text": CLEAN_BODY}) + "\n"
        + json.dumps({"id": "a2", "title": "T2", "authors": [], "date": "2026-01-01", "url": "https://news.example.org/a2", "text": OTHER_BODY}) + "\n"
    )
    hidden = tmp_path / ".git"
    hidden.mkdir()
    (hidden / "x.txt").write_text("not an article\n")
    (tmp_path / "notes.csv").write_text("a,b\n")
    return tmp_path


def test_directory_recursion_sorted_flake8_lines(tree):
    proc = run(tree)
    assert proc.returncode == 1
    assert out(proc) == [
        f"{tree}/dup.txt:6:1: NL101 duplicate paragraph: repeats line 4",
        f"{tree}/nested/data.jsonl:2:1: NL201 missing byline: no author is named (record a2, field authors)",
    ]


def test_exit_zero_when_clean_and_with_exit_zero(tree):
    assert run(tree / "clean.txt").returncode == 0
    assert run("--exit-zero", tree).returncode == 0


def test_select_ignore_by_code_prefix_and_name(tree):
    assert [l.split()[1] for l in out(run("--select", "NL2", tree))] == ["NL201"]
    assert [l.split()[1] for l in out(run("--ignore", "duplicate-paragraph", tree))] == ["NL201"]
    # longest prefix wins: select NL1 but ignore NL101 -> nothing from NL1
    assert out(run("--select", "NL1", "--ignore", "NL101", tree)) == []
    assert [l.split()[1] for l in out(run("--select", "NL1,NL201", tree))] == ["NL101", "NL201"]


def test_count_and_statistics(tree):
    lines = out(run("--count", tree))
    assert lines[-1] == "2"
    stats = out(run("--statistics", "--select", "NL101,NL201", tree))[-2:]
    assert stats == [
        "1      NL101 duplicate-paragraph [error] (1 of 4 articles, 25.0%)",
        "1      NL201 missing-byline [warning] (1 of 4 articles, 25.0%)",
    ]


def test_stdin_with_stdin_filename():
    data = f"Border Talks Resume\n\n{LEDE}\n{LEDE}\n".encode()
    proc = run("-", "--stdin-filename", "story.txt", "--select", "NL101", input=data)
    assert out(proc) == ["story.txt:4:1: NL101 duplicate paragraph: repeats line 3"]
    proc = run("-", input=data)
    assert proc.returncode == 2 and b"--stdin-filename" in proc.stderr


def test_stdin_filename_is_shown_as_a_file_name_is(tmp_path):
    # a name with a line break, an escape sequence or bytes that are not UTF-8 is one printable line
    data = f"Border Talks Resume\n\n{LEDE}\n{LEDE}\n".encode()
    name = b"wire\n\x1b[2Jfeed\xff.txt"
    proc = subprocess.run([sys.executable, "-m", "newslint", "--isolated", "--no-cache", "--select", "NL101",
                           "-", "--stdin-filename", name], capture_output=True, input=data, cwd=tmp_path)
    assert proc.stdout.decode("utf-8").splitlines() == [
        "wire\\x0a\\x1b[2Jfeed\\xff.txt:4:1: NL101 duplicate paragraph: repeats line 3"]
    assert proc.returncode == 1


def test_bad_input_is_reported_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "ok", "title": "T", "authors": ["A"], "text": f"{LEDE}\n\n{LEDE}"}) + "\n"
        + '{"id": "broken", "title": \n'
        + json.dumps({"id": "ok2", "title": "T", "authors": ["A"], "text": f"{SECOND}\n\n{SECOND}"}) + "\n"
    )
    (tmp_path / "b.txt").write_bytes(b"Caf\xe9 Closes\n\nThe caf\xe9 on the square closed.\n")
    proc = run("--select", "NL1", tmp_path, tmp_path / "missing.txt")
    assert proc.returncode == 2
    lines = out(proc)
    assert lines[0] == f"{tmp_path}/a.jsonl:1:1: NL101 duplicate paragraph: paragraph 2 repeats paragraph 1 (record ok, field text)"
    assert lines[1].startswith(f"{tmp_path}/a.jsonl:2:") and " NL002 malformed JSON record" in lines[1]
    assert lines[2].startswith(f"{tmp_path}/a.jsonl:3:1: NL101")
    assert lines[3] == f"{tmp_path}/b.txt:1:4: NL001 cannot decode as UTF-8: byte 0xe9 at offset 3 (invalid continuation byte)"
    assert lines[4] == f"{tmp_path}/missing.txt:1:1: NL001 cannot read: no such file or directory"


def test_a_folder_of_compressed_shards_newslint_cannot_read_says_so(tmp_path):
    """A folder of ``.jsonl.lz4`` shards is not a clean dataset: the run says what it skipped."""
    record = json.dumps({"id": "a", "title": "T", "authors": ["A"], "text": f"{LEDE}\n\n{LEDE}"}) + "\n"
    data = tmp_path / "data"
    data.mkdir()
    (data / "train-00000.jsonl.lz4").write_bytes(record.encode())  # the name is what counts
    (data / "train-00001.json.br").write_bytes(record.encode())
    (data / "notes.txt.bak").write_text("not a shard")
    for jobs in ("1", "2"):
        proc = run("--no-cache", "-j", jobs, "--select", "NL101", data)
        assert proc.returncode == 0 and out(proc) == []
        assert proc.stderr.decode().splitlines() == [
            f"newslint: warning: 2 files skipped: compressed in a way newslint does not read ({data}/train-00000.jsonl.lz4,"
            f" {data}/train-00001.json.br); decompress them, or pipe each in with --stdin-filename NAME.jsonl -"
            " (newslint reads .gz, .xz, .bz2 and .zst)"]
    (data / "train-00002.jsonl").write_text(record)  # beside a shard it reads, the warning still comes
    proc = run("--no-cache", "--select", "NL101", data)
    assert proc.returncode == 1 and len(out(proc)) == 1 and "2 files skipped" in proc.stderr.decode()


def test_a_run_that_finds_no_article_file_says_so(tmp_path):
    (tmp_path / "README").write_text("not an article")
    proc = run("--no-cache", tmp_path)
    assert proc.returncode == 0 and out(proc) == []
    err = proc.stderr.decode()
    assert err.startswith("newslint: warning: no article files found in the given paths (newslint reads .arrow, ")
    proc = run("--no-cache", "--select", "NL101", tmp_path, "-", "--stdin-filename", "story.txt", input=b"Title\n\nBody.\n")
    assert proc.returncode == 0 and proc.stderr == b""  # standard input is a file read


def test_usage_errors_are_one_line_exit_2(tmp_path):
    for args, needle in [
        (["--select", "NL9"], "select: unknown rule 'NL9'"),
        (["--ignore", "duplicate-paragrph"], "did you mean 'duplicate-paragraph'?"),
        (["--field", "bodyx=text"], "unknown field 'bodyx'"),
        (["--field", "body"], "--field takes FIELD=KEY"),
        (["--no-such-option"], "unrecognized arguments"),
    ]:
        proc = run(*args, tmp_path)
        assert proc.returncode == 2, args
        err = proc.stderr.decode().strip()
        assert len(err.splitlines()) == 1 and err.startswith("newslint: error:") and needle in err, err


def test_field_option_maps_a_custom_key(tmp_path):
    rec = {"headline": "T", "story_body": f"{LEDE}\n\n{LEDE}", "writer": "Ann"}
    (tmp_path / "d.jsonl").write_text(json.dumps(rec) + "\n")
    assert out(run("--select", "NL101", tmp_path)) == []
    lines = out(run("--select", "NL101,NL201", "--field", "body=story_body", "--field", "byline=writer", tmp_path))
    assert [l.split()[1] for l in lines] == ["NL101"]


def test_list_rules_and_rule_docs():
    lines = out(run("--list-rules"))
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIXABLE", "ORIGIN", "SUMMARY"]
    assert any(l.split()[:5] == ["NL101", "duplicate-paragraph", "error", "yes", "built-in"] for l in lines)
    doc = run("rule", "duplicate-paragraph").stdout.decode()
    assert doc.startswith("NL101 duplicate-paragraph\n") and "Fails::" in doc and "Passes::" in doc
    proc = run("rule", "NL999")
    assert proc.returncode == 2 and proc.stderr.decode().startswith("newslint: error: unknown rule")


def test_help_and_version():
    assert b"exit status: 0 clean, 1 findings reported, 2" in run("--help").stdout
    assert run("--version").stdout.decode().startswith("newslint ")


def test_fail_on(tree):
    # NL201 is a warning, NL101 an error
    assert run("--select", "NL201", "--fail-on", "error", tree).returncode == 0
    assert run("--select", "NL101", "--fail-on", "error", tree).returncode == 1


def _crawl_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        json.dumps({"id": "ok", "title": "Border Talks Resume", "authors": ["A. Reporter"], "text": f"{LEDE}\n\n{LEDE}"}) + "\n")
    return folder


def test_a_report_redirected_into_the_linted_folder_is_not_read_back(tmp_path):
    # `newslint --format jsonl . > findings.jsonl`: the report grows inside the folder being linted
    folder = _crawl_folder(tmp_path)
    with open(folder / "findings.jsonl", "wb") as report:
        proc = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--select", "NL101", "--format", "jsonl", "."],
                              stdout=report, stderr=subprocess.PIPE, cwd=folder, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.decode().splitlines() == [
        "newslint: warning: ./findings.jsonl skipped: it is the standard output of this run"]
    found = [json.loads(line) for line in (folder / "findings.jsonl").read_text().splitlines()]
    assert [(f["path"], f["code"]) for f in found] == [("./a.jsonl", "NL101")]


def test_the_baseline_kept_in_the_linted_folder_is_not_an_article(tmp_path):
    folder = _crawl_folder(tmp_path)
    proc = run("--select", "NL1,NL2", "--write-baseline", "newslint-baseline.json", ".", cwd=folder)
    assert proc.returncode == 0, proc.stderr
    proc = run("--select", "NL1,NL2", "--baseline", "newslint-baseline.json", ".", cwd=folder)
    assert (proc.returncode, out(proc)) == (0, [])
    # an earlier report kept there is an input like any other file
    (folder / "report.json").write_text(json.dumps({"title": "Kept Report", "text": "A short note."}))
    proc = run("--select", "NL204", "--baseline", "newslint-baseline.json", ".", cwd=folder)
    assert proc.returncode == 1 and out(proc)[0].startswith("./report.json:1:1: NL204")


@pytest.mark.parametrize("option", ["--output-file", "--summary", "--write-baseline"])
@pytest.mark.parametrize("inputs, said", [
    (["a.jsonl"], "a.jsonl is both an input and the {option} file of this run"),
    # found in a folder rather than named: a data file is not taken for an earlier report
    (["."], "a.jsonl lies in {folder}, a folder this run lints, and holds something newslint did not write: "
            "the {option} file would overwrite it (write it elsewhere)"),
])
def test_an_input_named_as_the_runs_output_file_stops_the_run_untouched(tmp_path, option, inputs, said):
    folder = _crawl_folder(tmp_path)
    before = (folder / "a.jsonl").read_bytes()
    proc = run(option, "a.jsonl", *inputs, cwd=folder)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode() == "newslint: error: " + said.format(option=option, folder=folder.resolve()) + "\n"
    assert (folder / "a.jsonl").read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.jsonl"]


@pytest.mark.parametrize("first, second", [("--output-file", "--summary"), ("--output-file", "--write-baseline"),
                                           ("--summary", "--write-baseline")])
def test_one_file_named_for_two_of_the_runs_outputs_stops_the_run(tmp_path, first, second):
    # each output replaced or appended to the other: a baseline overwritten by the JSON report, exit 0
    folder = _crawl_folder(tmp_path)
    proc = run("--format", "json", first, "out.json", second, "./out.json", "a.jsonl", cwd=folder)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode() == f"newslint: error: ./out.json is both the {first} file and the {second} file of this run\n"
    assert sorted(p.name for p in folder.iterdir()) == ["a.jsonl"]


@pytest.mark.parametrize("fmt", ["text", "json", "jsonl", "sarif", "junit", "github", "rich", "markdown"])
def test_a_report_of_an_earlier_run_in_the_linted_folder_is_written_again(tmp_path, fmt):
    folder = _crawl_folder(tmp_path)
    for _ in range(2):
        proc = run("--no-cache", "--select", "NL101", "--format", fmt, "--output-file", "report.md", ".", cwd=folder)
        assert proc.returncode == 1, proc.stderr
    first = (folder / "report.md").read_bytes()
    assert first and b"a.jsonl" in first and b"report.md" not in first


def test_more_jobs_than_four_per_core_are_lowered_with_a_warning(tmp_path):
    import os

    folder = _crawl_folder(tmp_path)
    plain = run("--no-cache", "--select", "NL101", "-j", "1", "a.jsonl", cwd=folder)
    proc = run("--no-cache", "--select", "NL101", "-j", "99999999999999999999", "a.jsonl", cwd=folder)
    most = 4 * (os.cpu_count() or 1)
    assert (proc.returncode, proc.stdout) == (plain.returncode, plain.stdout) == (1, plain.stdout)
    assert proc.stderr.decode().splitlines() == [
        f"newslint: warning: -j 99999999999999999999 lowered to {most} (4 per core)"]


def test_standard_input_without_a_name_stops_before_the_report_is_written(tmp_path):
    (tmp_path / "a.txt").write_text(f"Harbour Dredging Starts\n\n{OTHER_BODY}\n", encoding="utf-8")
    keep = tmp_path / "report.json"
    keep.write_text("yesterday's report\n", encoding="utf-8")
    for fmt in ("json", "sarif"):
        proc = run("--isolated", "--no-cache", "--format", fmt, "--output-file", keep, "-", "a.txt", input=b"x", cwd=tmp_path)
        assert proc.returncode == 2 and b"--stdin-filename" in proc.stderr
        assert keep.read_text(encoding="utf-8") == "yesterday's report\n"
        proc = run("--isolated", "--no-cache", "--format", fmt, "-", input=b"x", cwd=tmp_path)
        assert proc.returncode == 2 and proc.stdout == b""


def test_a_missing_path_is_one_error_not_also_no_article_files(tmp_path):
    for name in ("nosuchfile.txt", "nosuchdir/"):
        proc = run("--isolated", "--no-cache", name, cwd=tmp_path)
        assert proc.returncode == 2
        assert "NL001" in proc.stdout.decode() and b"no article files" not in proc.stderr


def test_config_checks_the_baseline_a_run_would_load_and_names_the_terminal_default_format(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nbaseline = "newslint-baseline.json"\n', encoding="utf-8")
    proc = run("config", cwd=tmp_path)
    assert proc.returncode == 2 and b"no such baseline file" in proc.stderr
    assert run(cwd=tmp_path).returncode == 2  # as the run itself
    (tmp_path / "pyproject.toml").write_text("[tool.newslint]\n", encoding="utf-8")
    shown = [line for line in out(run("config", cwd=tmp_path)) if line.startswith("format")]
    assert "rich on a terminal, text otherwise" in shown[0]


def test_a_subcommand_after_options_is_a_usage_error_not_a_missing_file(tmp_path):
    proc = run("--isolated", "--no-cache", "rule", "NL101", cwd=tmp_path)
    assert proc.returncode == 2 and b"'rule' is a subcommand: write it first" in proc.stderr and proc.stdout == b""
    (tmp_path / "report").mkdir()  # a folder that really is called so is linted
    assert run("--isolated", "--no-cache", "report", cwd=tmp_path).returncode == 0
