"""Rate budgets: parsing and checking, counting distinct articles, exit statuses, every output format."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from helpers import jsonl
from news_records import records

from newslint.budgets import BudgetResult, BudgetTracker, format_percent, parse_budget_option, parse_percent
from newslint.config import ConfigError
from newslint.plugins import build_registry
from newslint.violation import Violation

def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--no-progress", *args],
                          capture_output=True, text=True, cwd=cwd)


@pytest.fixture
def crawl(tmp_path) -> Path:
    """50 articles: 3 without a byline (6%), 2 with a repeated paragraph (4%)."""
    (tmp_path / "crawl.jsonl").write_text(jsonl(*records(50, {3, 17, 31}, {8, 40})), encoding="utf-8")
    return tmp_path


# ---------------------------------------------------------------------- parsing
def test_parse_percent():
    assert parse_percent("2%", "x") == 2.0
    assert parse_percent(" 0.5 % ", "x") == 0.5
    assert parse_percent("100%", "x") == 100.0
    assert parse_budget_option("NL201=2.5%") == ("NL201", 2.5)
    assert parse_budget_option("missing-byline=0%") == ("missing-byline", 0.0)
    for bad in ("2", 2, 0.02, "two%", "-1%", "", True):
        with pytest.raises(ConfigError, match=r"^x: expected a percentage of articles such as \"2%\""):
            parse_percent(bad, "x")
    with pytest.raises(ConfigError, match="cannot exceed 100%"):
        parse_percent("150%", "x")
    with pytest.raises(ConfigError, match="expected RULE=PERCENT"):
        parse_budget_option("NL201")
    assert [format_percent(x) for x in (2.0, 0.5, 1.234, 18.181818)] == ["2%", "0.5%", "1.23%", "18.18%"]


def test_result_holds_at_the_limit_exactly():
    assert BudgetResult("NL201", "", 2.0, 2, 100).held
    assert not BudgetResult("NL201", "", 2.0, 3, 100).held
    assert BudgetResult("NL201", "", 0.0, 0, 0).held and BudgetResult("NL201", "", 0.0, 0, 0).rate == 0.0


def test_a_limit_is_exact_on_millions_of_articles():
    # 33.3% of a million is 333,000: held, one more is not (a float tolerance got this wrong)
    for limit, total in ((33.3, 1_000_000), (4.02, 5_000_000), (0.07, 3_000_000), (57.29, 10_000_000)):
        at = round(limit * total / 100)
        assert BudgetResult("NL201", "", limit, at, total).held, (limit, total)
        assert not BudgetResult("NL201", "", limit, at + 1, total).held, (limit, total)


def test_an_exceeded_budget_never_shows_its_rate_equal_to_its_limit():
    line = BudgetResult("NL201", "missing-byline", 33.33, 1, 3).line()
    assert line.endswith("(33.333333%), limit 33.33%: exceeded"), line


# ---------------------------------------------------------------------- counting
def _v(path: str, line: int, code: str, record_index: int | None = None) -> Violation:
    return Violation(path, line, 1, code, code.lower(), "warning", "m", record_index=record_index)


def test_tracker_counts_each_article_once_per_budget():
    rules = build_registry().rules
    tracker = BudgetTracker({"NL1": 10.0, "NL201": 5.0, "ALL": 50.0, "duplicate-article": 1.0}, rules)
    stream = [
        _v("a.jsonl", 1, "NL101", 0), _v("a.jsonl", 1, "NL101", 0), _v("a.jsonl", 1, "NL104", 0),
        _v("a.jsonl", 1, "NL201", 0),
        _v("a.jsonl", 2, "NL201", 1),
        _v("a.jsonl", 3, "NL002", 2),  # an input problem is not an article
        _v("b.txt", 4, "NL101"), _v("b.txt", 9, "NL105"),  # one text file is one article
        # dataset findings come last: record 0 already counted for ALL, record 3 is new
        _v("a.jsonl", 1, "NL601", 0), _v("a.jsonl", 4, "NL601", 3),
    ]
    for v in stream:
        tracker.add(v)
    got = {r.selector: (r.articles, r.label) for r in tracker.results(10)}
    assert got == {"NL1": (2, ""), "NL201": (2, "missing-byline"), "ALL": (4, ""), "duplicate-article": (2, "NL601")}


# ---------------------------------------------------------------------- exit statuses
def test_exit_status_follows_budgets_not_findings(crawl):
    assert run_cli("crawl.jsonl", cwd=crawl).returncode == 1  # findings, no budgets
    held = run_cli("--budget", "NL201=6%", "--budget", "NL1=5%", "crawl.jsonl", cwd=crawl)
    assert held.returncode == 0, held.stderr
    assert held.stdout.count("NL201") == 3 and held.stdout.count("NL101") == 2  # findings still reported
    assert held.stderr == ""
    over = run_cli("--budget", "NL201=5%", "--budget", "NL1=5%", "crawl.jsonl", cwd=crawl)
    assert over.returncode == 1
    assert over.stderr == "newslint: budget NL201 missing-byline: 3 of 50 articles (6%), limit 5%: exceeded\n"
    assert run_cli("--budget", "NL201=5%", "--exit-zero", "crawl.jsonl", cwd=crawl).returncode == 0
    # a budget on one rule: the others' findings do not fail the run
    assert run_cli("--budget", "NL1=4%", "crawl.jsonl", cwd=crawl).returncode == 0
    assert run_cli("--budget", "NL1=3.9%", "crawl.jsonl", cwd=crawl).returncode == 1
    # one rule given two limits: which was meant is not guessed (the last one used to win)
    twice = run_cli("--budget", "NL201=6%", "--budget", "NL201=5%", "crawl.jsonl", cwd=crawl)
    assert (twice.returncode, twice.stdout) == (2, "")
    assert twice.stderr == "newslint: error: --budget: NL201 is given twice (6% and 5%)\n"


def test_budgets_in_the_configuration(crawl):
    (crawl / "pyproject.toml").write_text('[tool.newslint.budgets]\nmissing-byline = "6%"\nNL1 = "0%"\n')
    proc = run_cli("--statistics", "crawl.jsonl", cwd=crawl)
    assert proc.returncode == 1
    assert "budget missing-byline NL201: 3 of 50 articles (6%), limit 6%: held\n" in proc.stdout
    assert "budget NL1: 2 of 50 articles (4%), limit 0%: exceeded\n" in proc.stdout
    # the command line overrides the file's budget for the same selector
    assert run_cli("--budget", "NL1=4%", "crawl.jsonl", cwd=crawl).returncode == 0
    shown = subprocess.run([sys.executable, "-m", "newslint", "config", "crawl.jsonl"], capture_output=True,
                           text=True, cwd=crawl).stdout
    assert 'budgets.missing-byline = "6%"' in shown and 'budgets.NL1 = "0%"' in shown


@pytest.mark.parametrize("table, message", [
    ('NL2O1 = "2%"', "pyproject.toml: tool.newslint.budgets.NL2O1: unknown rule 'NL2O1' (did you mean 'NL201'?)"),
    ("NL201 = 2", 'pyproject.toml: tool.newslint.budgets.NL201: expected a percentage of articles such as "2%", got 2'),
    ('NL201 = "2 percent"', "pyproject.toml: tool.newslint.budgets.NL201: expected a percentage of articles such as"),
    ('NL201 = "101%"', "pyproject.toml: tool.newslint.budgets.NL201: a share of articles cannot exceed 100%"),
])
def test_bad_budgets_are_one_line_errors(crawl, table, message):
    (crawl / "pyproject.toml").write_text(f"[tool.newslint.budgets]\n{table}\n")
    proc = run_cli("crawl.jsonl", cwd=crawl)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith(f"newslint: error: {message}") and proc.stderr.count("\n") == 1


def test_bad_budget_options(crawl):
    for arg, message in (("NL201", "--budget NL201: expected RULE=PERCENT"),
                         ("NL201=2", "--budget NL201=2: expected a percentage"),
                         ("NL999=2%", "--budget: unknown rule 'NL999'")):
        proc = run_cli("--budget", arg, "crawl.jsonl", cwd=crawl)
        assert proc.returncode == 2 and proc.stderr.startswith(f"newslint: error: {message}"), proc.stderr
        assert proc.stderr.count("\n") == 1


def test_the_baseline_applies_before_budgets(crawl):
    base = run_cli("--write-baseline", "baseline.json", "crawl.jsonl", cwd=crawl)
    assert base.returncode == 0, base.stderr
    # more articles arrive: 2 new ones without a byline among 50
    (crawl / "crawl.jsonl").write_text(
        jsonl(*records(50, {3, 17, 31}, {8, 40}), *records(50, {60, 77}, start=50)), encoding="utf-8")
    proc = run_cli("--baseline", "baseline.json", "--budget", "NL201=2%", "--statistics", "crawl.jsonl", cwd=crawl)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "budget NL201 missing-byline: 2 of 100 articles (2%), limit 2%: held" in proc.stdout
    proc = run_cli("--baseline", "baseline.json", "--budget", "NL201=1.9%", "crawl.jsonl", cwd=crawl)
    assert proc.returncode == 1
    without = run_cli("--budget", "NL201=2%", "crawl.jsonl", cwd=crawl)
    assert without.returncode == 1 and "5 of 100 articles (5%)" in without.stderr


# ---------------------------------------------------------------------- formats
def test_every_machine_format_shows_the_budgets(crawl):
    args = ("--budget", "NL201=5%", "--budget", "duplicate-paragraph=5%", "crawl.jsonl")
    doc = json.loads(run_cli("--format", "json", *args, cwd=crawl).stdout)
    assert doc["summary"]["budgets"] == [
        {"budget": "NL201", "name": "missing-byline", "limit_percent": 5.0, "articles": 3, "articles_linted": 50,
         "rate_percent": 6.0, "held": False},
        {"budget": "duplicate-paragraph", "name": "NL101", "limit_percent": 5.0, "articles": 2,
         "articles_linted": 50, "rate_percent": 4.0, "held": True},
    ]
    lines = [json.loads(x) for x in run_cli("--format", "jsonl", *args, cwd=crawl).stdout.splitlines()]
    assert [x["budget"] for x in lines if "budget" in x] == ["NL201", "duplicate-paragraph"]
    assert all("code" in x for x in lines[:-2])

    sarif = json.loads(run_cli("--format", "sarif", *args, cwd=crawl).stdout)
    budgets = sarif["runs"][0]["properties"]["budgets"]
    assert [(b["budget"], b["held"]) for b in budgets] == [("NL201", False), ("duplicate-paragraph", True)]
    schema_path = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
    if schema_path.exists():
        import jsonschema

        jsonschema.validate(sarif, json.loads(schema_path.read_text(encoding="utf-8")))

    junit = ElementTree.fromstring(run_cli("--format", "junit", *args, cwd=crawl).stdout)
    suite = junit.find("testsuite[@name='newslint budgets']")
    assert suite is not None and suite.get("tests") == "2" and suite.get("failures") == "1"
    failed = [c.get("name") for c in suite if c.find("failure") is not None]
    assert failed == ["budget NL201 missing-byline"]
    assert int(junit.get("tests")) == int(junit.find("testsuite[@name='newslint']").get("tests")) + 2

    github = run_cli("--format", "github", *args, cwd=crawl).stdout.splitlines()
    assert github[-2:] == [  # "%" is escaped as %25 in workflow commands
        "::error title=newslint budget NL201 missing-byline::"
        "budget NL201 missing-byline: 3 of 50 articles (6%25), limit 5%25: exceeded",
        "::notice title=newslint budget duplicate-paragraph NL101::"
        "budget duplicate-paragraph NL101: 2 of 50 articles (4%25), limit 5%25: held",
    ]

    md = run_cli("--format", "markdown", *args, cwd=crawl).stdout
    assert "❌ **1 of 2 budgets exceeded** · 50 articles in 1 files" in md
    assert "| `NL201` missing-byline | 3 | 6% | 5% | ❌ exceeded |" in md
    assert "| `duplicate-paragraph` NL101 | 2 | 4% | 5% | ✅ held |" in md

    text = run_cli("--statistics", *args, cwd=crawl)
    assert text.stdout.endswith("budget NL201 missing-byline: 3 of 50 articles (6%), limit 5%: exceeded\n"
                                "budget duplicate-paragraph NL101: 2 of 50 articles (4%), limit 5%: held\n")


def test_parallel_runs_give_the_same_figures(tmp_path):
    # over the 1 MiB in-process cut-off, so -j 2 really starts workers; two shards, one split in ranges
    for k in range(2):
        recs = records(1800, {i for i in range(k * 1800, (k + 1) * 1800) if i % 37 == 0},
                       {i for i in range(k * 1800, (k + 1) * 1800) if i % 101 == 0}, start=k * 1800)
        (tmp_path / f"shard{k}.jsonl").write_text(jsonl(*recs), encoding="utf-8")
    assert sum(p.stat().st_size for p in tmp_path.glob("*.jsonl")) > (1 << 20)
    args = ("--format", "json", "--budget", "NL201=2.5%", "--budget", "NL1=1%", "--budget", "ALL=3%", ".")
    one = run_cli("-j", "1", *args, cwd=tmp_path)
    two = run_cli("-j", "2", "--profile-rules", *args, cwd=tmp_path)
    assert "rule profile (2 workers" in two.stderr
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    budgets = json.loads(one.stdout)["summary"]["budgets"]
    # 98 of 3600 are multiples of 37 (2.72%), 36 multiples of 101 (1%); one (0) is both
    assert [(b["budget"], b["articles"], b["held"]) for b in budgets] == [
        ("NL201", 98, False), ("NL1", 36, True), ("ALL", 98 + 36 - 1, False)]


def test_budgets_and_scope_leave_the_cache_key_alone():
    """Budgets read the findings and the dataset scope applies after merging: cached files stay valid."""
    from newslint.cache import fingerprint
    from newslint.config import Config
    from newslint.engine import Linter

    plain = fingerprint(Linter(Config()))
    gated = Config(budgets={"NL201": 2.0}, dataset=True)
    gated.origins.update({"budgets": "--budget", "budgets.NL201": "--budget", "dataset": "pyproject.toml"})
    assert fingerprint(Linter(gated)) == plain
    assert fingerprint(Linter(Config(extend_ignore=["NL6"]))) != plain


def test_a_budget_on_a_rule_the_run_does_not_check_is_an_error(crawl):
    # the gate could never fail: "held" at 0% whatever the data
    for args in (["--budget", "NL6=10%", "--extend-ignore", "NL6"], ["--select", "NL301", "--budget", "NL604=10%"]):
        proc = run_cli(*args, "crawl.jsonl", cwd=crawl)
        assert (proc.returncode, proc.stdout) == (2, ""), args
        assert proc.stderr.endswith("names no rule this run checks (not selected, or ignored)\n"), proc.stderr


def test_rich_statistics_show_the_budgets(crawl):
    proc = run_cli("--format", "rich", "--color", "never", "--statistics", "--budget", "NL201=5%", "crawl.jsonl", cwd=crawl)
    assert proc.returncode == 1, proc.stderr
    assert "internal error" not in proc.stderr
    assert "Budgets" in proc.stdout and "NL201" in proc.stdout and "exceeded" in proc.stdout
