"""A rule's failure is a finding, not a crash; an unexpected error is exit 2 and one line.

Rules, dataset rules, readers and output formats that raise are reported as NL004, NL005 and
NL006 findings on the article (or file) they failed on; the other rules and articles still run,
in this process and in worker processes; the exit status is 2; ``--debug`` prints the traceback.
"""

from __future__ import annotations

import json

import pytest
from failing_plugins import BoomReader, CountsWords, NeedsDate, make_registry
from helpers import jsonl

import newslint.cli as cli
from newslint.config import Config
from newslint.engine import Linter, discover
from newslint.parallel import Runner
from newslint.readers import Source

GOOD = {"id": "good", "title": "Harbour Bridge Reopens After Repairs", "date": "2024-03-02",
        "maintext": "The harbour bridge reopened on Saturday after eight months of repairs to its deck.\n\n"
                    "Traffic was light in the morning, the port authority said."}
UNDATED = {"id": "undated", "title": "Library Extends Opening Hours",
           "maintext": "The central library will open until nine on weekdays from next month.\n\n"
                       "The library extends its opening hours at the request of students.\n\n"
                       "The library extends its opening hours at the request of students."}


def _run(paths, select=("NL1", "NLX900"), jobs=1, **kw):
    linter = Linter(Config(select=list(select)), make_registry())
    runner = Runner(linter, jobs, None, small_input_bytes=0, **kw)
    found = list(runner.run(discover([str(p) for p in paths], linter.extensions)))
    return found, linter


def test_rule_failure_is_a_finding_on_that_record(tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text(jsonl(GOOD, UNDATED, GOOD | {"id": "good2"}))
    found, linter = _run([data])
    failures = [v for v in found if v.code == "NL004"]
    assert len(failures) == 1
    f = failures[0]
    assert (f.path, f.line, f.record_id, f.severity) == (str(data), 2, "undated", "error")
    assert f.message.startswith("rule NLX900 (needs-date, plugin:newslint-datecheck) failed on this article: "
                                "ValueError: article 'Library Extends Opening Hours' has no date")
    # the other rules still ran on that record (NL101), and the failing rule's own earlier finding is kept
    assert any(v.code == "NL101" and v.record_id == "undated" for v in found)
    assert sum(v.code == "NLX900" for v in found) == 3  # one per record, the failing one included
    assert linter.stats.findings["NL004"] == 1


def test_dataset_rule_failures_observe_and_finish(tmp_path):
    poison = GOOD | {"id": "poison", "title": "Poison"}
    data = tmp_path / "d.jsonl"
    data.write_text(jsonl(GOOD, poison, GOOD | {"id": "late"}))
    found, _ = _run([data], select=["NLX950"])
    observe = [v for v in found if v.code == "NL004" and v.record_id == "poison"]
    assert len(observe) == 1 and "rule NLX950 (counts-words, plugin:newslint-datecheck) failed on this " \
                                  "article: KeyError: 'poison'" in observe[0].message
    finish = [v for v in found if v.code == "NL004" and v.path == "<dataset>"]
    assert len(finish) == 1 and "failed in the dataset pass: ZeroDivisionError: division by zero" in finish[0].message
    assert any(v.code == "NLX950" for v in found)  # what it reported before raising is kept


def test_bundled_dataset_rule_failure_names_the_member(monkeypatch, tmp_path):
    from newslint.checks.duplicate_articles import DuplicateArticle

    def broken(self, view):
        raise IndexError("list index out of range")
        yield  # pragma: no cover

    monkeypatch.setattr(DuplicateArticle, "report", broken)
    data = tmp_path / "d.jsonl"
    data.write_text(jsonl(GOOD, GOOD | {"id": "copy"}))
    linter = Linter(Config(select=["NL6"]), make_registry())
    assert len(linter.dataset_rules) == 1  # the NL6xx rules share one bundle
    found = list(linter.run(discover([str(data)], linter.extensions)))
    failed = [v for v in found if v.code == "NL004"]
    assert len(failed) == 1 and failed[0].message.startswith(f"rule {DuplicateArticle.code} ")


def test_pack_rule_failure_names_its_pack(monkeypatch, tmp_path):
    linter = Linter(Config(select=["NL301"]), make_registry())
    rule = linter.article_rules[0]
    assert rule.origin.startswith("pack:")

    def broken(article):
        raise TypeError("expected string or bytes-like object")

    monkeypatch.setattr(rule, "check", broken)
    found = list(linter.run([Source(path="a.txt", data=b"Title\n\nBody text of the article.\n")]))
    assert [v.code for v in found] == ["NL004"]
    assert f"rule NL301 ({rule.name}, {rule.origin}) failed on this article: TypeError" in found[0].message


def test_reader_failure_is_nl005_and_the_other_files_are_read(tmp_path):
    (tmp_path / "a.boom").write_text("First\nSecond\nBOOM\nNever read\n")
    (tmp_path / "b.jsonl").write_text(jsonl(GOOD))
    found, linter = _run([tmp_path], select=["NLX900"])
    failed = [v for v in found if v.code == "NL005"]
    assert len(failed) == 1
    assert failed[0].path.endswith("a.boom") and failed[0].line == 2
    assert "reader 'boom' (plugin:newslint-boom) failed after line 2" in failed[0].message
    assert "RuntimeError: unexpected token" in failed[0].message
    # the two articles read before the failure were linted, and so was the other file
    assert sum(v.code == "NL004" and v.path.endswith("a.boom") for v in found) == 2
    assert any(v.path.endswith("b.jsonl") and v.code == "NLX900" for v in found)
    assert BoomReader.origin in failed[0].message


def test_rule_failures_in_worker_processes(tmp_path):
    """-j 2: the workers run the same per-article function, so a failure is the same finding."""
    records = [GOOD | {"id": f"g{i}"} for i in range(30)]
    records[17] = UNDATED
    data = tmp_path / "d.jsonl"
    data.write_text(jsonl(*records))
    one, _ = _run([data], select=["NL1", "NLX900"])
    two, _ = _run([data], select=["NL1", "NLX900"], jobs=2, range_bytes=1500)
    assert two == one
    assert [(v.code, v.record_id) for v in two if v.code == "NL004"] == [("NL004", "undated")]


def _cli(monkeypatch, capsys, *args):
    monkeypatch.setattr(cli, "build_registry", make_registry)
    status = cli.main([*args, "--no-cache", "--isolated"])
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_exit_status_is_2_and_debug_prints_the_traceback(monkeypatch, capsys, tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text(jsonl(GOOD, UNDATED))
    monkeypatch.delenv("NEWSLINT_DEBUG", raising=False)
    status, out, err = _cli(monkeypatch, capsys, "--select", "NL101,NLX900", str(data))
    assert status == 2
    assert f"{data}:2:1: NL004 rule NLX900 (needs-date" in out
    assert f"{data}:2:1: NLX900 first paragraph seen" in out  # the rule's finding before it raised
    assert "NL101" in out  # the other rule ran on the failing record
    assert "Traceback" not in err
    status, out, err = _cli(monkeypatch, capsys, "--select", "NL101,NLX900", "--debug", str(data))
    assert status == 2
    assert "Traceback (most recent call last)" in err and "ValueError: article 'Library" in err
    assert "in check" in err  # the rule's own frame, for its author
    import os

    assert "NEWSLINT_DEBUG" not in os.environ  # --debug is scoped to its run


def test_formatter_hook_failure_is_nl006(monkeypatch, capsys, tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text(jsonl(GOOD, GOOD | {"id": "f", "title": "Fragile"}, GOOD | {"id": "after"}))
    status, out, err = _cli(monkeypatch, capsys, "--select", "NLX900", "--format", "fragile", str(data))
    assert status == 2
    lines = out.splitlines()
    assert sum("NLX900" in line for line in lines) == 3  # every record is still reported
    assert any(f"{data}:2:1: NL006 the output format failed on this article: AttributeError" in line
               for line in lines)


def test_unexpected_error_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text(jsonl(GOOD))

    def broken(*a, **kw):
        raise RuntimeError("the runner could not start")

    monkeypatch.setattr(cli, "make_runner", broken)
    monkeypatch.delenv("NEWSLINT_DEBUG", raising=False)
    status, out, err = _cli(monkeypatch, capsys, str(data))
    assert status == 2
    assert err.splitlines() == ["newslint: error: internal error: RuntimeError: the runner could not start "
                                "(run with --debug for the traceback)"]
    status, out, err = _cli(monkeypatch, capsys, "--debug", str(data))
    assert status == 2 and "Traceback" in err and err.splitlines()[-1].startswith("newslint: error: internal error")


def test_failures_are_not_cached(tmp_path, monkeypatch, capsys):
    """A file whose lint was incomplete is linted again next time, not replayed from the cache."""
    data = tmp_path / "d.jsonl"
    data.write_text(jsonl(GOOD, UNDATED))
    cache = tmp_path / "cache"
    monkeypatch.setattr(cli, "build_registry", make_registry)
    args = ["--select", "NLX900", "--isolated", "--cache-dir", str(cache), str(data)]
    assert cli.main(args) == 2
    assert not [p for p in cache.rglob("*") if p.is_file() and p.suffix == ".nlc"]
    data.write_text(jsonl(GOOD))
    assert cli.main(args) == 1
    assert [p for p in cache.rglob("*") if p.is_file()]  # a complete run is cached
    capsys.readouterr()


def test_rules_the_registry_knows_document_the_failure_codes():
    reg = make_registry()
    for code in ("NL004", "NL005", "NL006"):
        assert reg.rules[code].severity == "error" and reg.rules[code].doc()
    # a failing rule's code cannot be deselected away: the run is incomplete whatever is selected
    linter = Linter(Config(select=["NLX900"], ignore=["NL004"]), make_registry())
    found = list(linter.run([Source(path="u.json", data=json.dumps(UNDATED).encode())]))
    assert "NL004" in [v.code for v in found]
    assert NeedsDate.origin and CountsWords.origin


def test_a_worker_killed_by_the_system_ends_the_run_naming_the_files_not_as_an_internal_error(tmp_path, monkeypatch):
    from failing_plugins import make_killing_registry

    from newslint.guard import RunError

    monkeypatch.setenv("NEWSLINT_START_METHOD", "fork")  # the worker inherits the rule's parent pid
    records = [GOOD | {"id": f"story-{i}"} for i in range(60)]
    records[41] = GOOD | {"id": "story-41", "title": "Fatal"}
    data = tmp_path / "crawl.jsonl"
    data.write_text(jsonl(*records))
    linter = Linter(Config(select=["NL1", "NLX901"]), make_killing_registry())
    runner = Runner(linter, 2, None, small_input_bytes=0, range_bytes=2000)
    with pytest.raises(RunError) as raised:
        list(runner.run(discover([str(data)], linter.extensions)))
    said = str(raised.value)
    assert said.startswith("a worker process was killed by SIGKILL (the system may have run out of memory) "
                           f"while the workers held {data} (from line")
    assert said.endswith("; the findings printed are incomplete (run again with fewer jobs, -j 1, or on smaller files)")
    # the range holding the fatal record (line 42) is among those named
    starts = [int(n) for n in said.split("(from line")[1].split(")")[0].replace("s", "").replace("and", ",").split(",")]
    assert any(start <= 42 for start in starts)


def test_a_run_error_is_one_line_and_exit_status_2(capsys):
    from newslint.guard import RunError, run_guarded

    def lost(argv):
        raise RunError("a worker process was killed by SIGKILL while the workers held crawl.jsonl")

    assert run_guarded(lost, []) == 2
    err = capsys.readouterr().err
    assert err == "newslint: error: a worker process was killed by SIGKILL while the workers held crawl.jsonl\n"
