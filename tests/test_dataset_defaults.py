"""Duplicates found without asking: NL601, NL602 and NL604 are on by default within each file;
across files only with ``--extend-select NL6`` (or another explicit selection) or ``dataset = true``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import jsonl
from news_records import records

from newslint.config import Config
from newslint.engine import Linter, discover
from newslint.parallel import Runner
from newslint.plugins import build_registry


def crawl_files(folder: Path) -> None:
    """a.jsonl: a copy of its record 0 under a tracking-parameter URL, a reprint of record 1 with a
    new intro, and another record's URL; b.jsonl: a copy of a.jsonl's record 2."""
    r = records(8, set())
    reprint = dict(r[1], id="reprint-1", url="https://valley-post.example/2024/council-vote")
    reprint["maintext"] = ("Readers in the valley have followed this story closely. " + r[1]["maintext"])
    a = [r[0], r[1], r[2],
         dict(r[0], id="copy-0", url=r[0]["url"] + "?utm_source=newsletter"),  # NL601 + NL602
         reprint,  # NL604
         dict(r[3], url=r[4]["url"]),  # NL602 (different body)
         r[4]]
    b = [r[5], dict(r[2], id="copy-2", url="https://mirror.example/c2"), r[6]]
    (folder / "a.jsonl").write_text(jsonl(*a), encoding="utf-8")
    (folder / "b.jsonl").write_text(jsonl(*b), encoding="utf-8")


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--no-progress", *args],
                          capture_output=True, text=True, cwd=cwd)


def codes_at(proc) -> list[tuple[str, str]]:
    return [(line.split(":")[0] + ":" + line.split(":")[1], line.split()[1]) for line in proc.stdout.splitlines()]


@pytest.fixture
def folder(tmp_path) -> Path:
    crawl_files(tmp_path)
    return tmp_path


def test_a_plain_run_reports_duplicates_inside_a_file(folder):
    proc = run_cli("a.jsonl", "b.jsonl", cwd=folder)
    assert proc.returncode == 1, proc.stderr
    assert codes_at(proc) == [
        ("a.jsonl:4", "NL601"), ("a.jsonl:4", "NL602"), ("a.jsonl:5", "NL604"), ("a.jsonl:7", "NL602")]
    assert "near-duplicate of a.jsonl:2 (story-0001)" in proc.stdout
    assert "same page as a.jsonl:6 (story-0003) (different body)" in proc.stdout


def test_across_files_only_when_asked(folder):
    expected = [("a.jsonl:4", "NL601"), ("a.jsonl:4", "NL602"), ("a.jsonl:5", "NL604"), ("a.jsonl:7", "NL602"),
                ("b.jsonl:2", "NL601")]
    # the whole family: NL603 (same title, different body) comes along
    assert codes_at(run_cli("--extend-select", "NL6", "a.jsonl", "b.jsonl", cwd=folder)) == [
        *expected[:2], ("a.jsonl:5", "NL603"), *expected[2:]]
    assert codes_at(run_cli("--extend-select", "duplicate-article", "a.jsonl", "b.jsonl", cwd=folder)) == expected
    shown = subprocess.run([sys.executable, "-m", "newslint", "config", "a.jsonl"], capture_output=True, text=True,
                           cwd=folder).stdout
    assert "rules.NL601 = on (duplicate-article, warning, within each file)" in shown
    assert "rules.NL603 = off (duplicate-title, info)" in shown
    (folder / "pyproject.toml").write_text("[tool.newslint]\ndataset = true\n")
    assert codes_at(run_cli("a.jsonl", "b.jsonl", cwd=folder)) == expected
    shown = subprocess.run([sys.executable, "-m", "newslint", "config", "a.jsonl"], capture_output=True, text=True,
                           cwd=folder).stdout
    assert "rules.NL601 = on (duplicate-article, warning, across files)" in shown and "dataset = true" in shown
    (folder / "pyproject.toml").write_text("[tool.newslint]\ndataset = 1\n")
    bad = run_cli("a.jsonl", cwd=folder)
    assert bad.returncode == 2 and bad.stderr == (
        "newslint: error: pyproject.toml: tool.newslint.dataset: expected true or false, got a number (1)\n")


def test_findings_of_a_file_do_not_depend_on_the_other_files(folder):
    """What pre-commit's batches see: a file alone or with others gives the same findings."""
    together = run_cli("a.jsonl", "b.jsonl", cwd=folder).stdout
    alone = run_cli("a.jsonl", cwd=folder).stdout + run_cli("b.jsonl", cwd=folder).stdout
    assert together == alone


def test_scope_follows_the_selection():
    rules = build_registry().rules
    nl601, nl603 = rules["NL601"], rules["NL603"]
    assert nl601.default_enabled and rules["NL602"].default_enabled and rules["NL604"].default_enabled
    assert not nl603.default_enabled and not rules["NL605"].default_enabled
    assert not Config().across_files(nl601)
    assert not Config(select=["ALL"]).across_files(nl601)
    assert Config(extend_select=["NL6"]).across_files(nl601)
    assert Config(select=["NL601"]).across_files(nl601)
    assert Config(dataset=True).across_files(nl601)


def test_parallel_runs_split_a_file_and_keep_its_scope(tmp_path):
    """A file cut into byte ranges over two workers still compares its articles with each other only."""
    r = records(120, set())
    a = r[:60] + [dict(r[3], id="late-copy")] + r[60:]
    (tmp_path / "a.jsonl").write_text(jsonl(*a), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(jsonl(dict(r[10], id="other-file-copy")), encoding="utf-8")

    def lint(jobs: int):
        lt = Linter(Config(), build_registry())
        runner = Runner(lt, jobs, None, small_input_bytes=0, range_bytes=4000)
        found = [(v.path, v.line, v.code, v.message) for v in runner.run(discover([str(tmp_path)], lt.extensions))]
        return found, runner.mode

    one, mode1 = lint(1)
    two, mode2 = lint(2)
    assert mode1 == "in-process" and mode2 == "2 workers"
    assert one == two
    assert [(Path(p).name, line, code) for p, line, code, _ in one] == [("a.jsonl", 61, "NL601"), ("a.jsonl", 61, "NL602")]
