"""The GitHub Action (action.yml): its steps run here by tests/action_steps.py, as GitHub runs them.

The install step really installs newslint from a copy of this checkout (the action's own path, as
``uses: ...@ref`` gives it), offline: ``pip-args`` passes ``--no-index --no-deps
--no-build-isolation --target``. The later steps then run that installed copy.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from action_steps import ExpressionError, run_action
from helpers import jsonl
from news_records import records

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(action path, site folder, environment): the action's checkout, and newslint installed from it."""
    tmp = tmp_path_factory.mktemp("action")
    src = tmp / "action"
    src.mkdir()
    for name in ("action.yml", "pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(ROOT / "rules", src / "rules")
    shutil.copytree(ROOT / "newslint", src / "newslint", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    site = tmp / "site"
    env = {"PYTHONPATH": str(site), "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PYTHONDONTWRITEBYTECODE": "1"}
    work = tmp / "work"
    work.mkdir()
    run = run_action({"paths": "missing-on-purpose", "pip-args": f"--no-index --no-deps --no-build-isolation --target {site}"},
                     action_path=src, workdir=work, env=env, temp=tmp / "t0")
    install = run.step("Install newslint")
    assert install.ran and install.returncode == 0, install.stdout + install.stderr
    assert (site / "newslint" / "cli.py").exists() and (site / "newslint" / "rules" / "boilerplate").is_dir()
    # a missing path is an input error: exit 2, and the gate fails with it
    assert run.outputs["exit-code"] == "2" and run.failed == "Gate" and run.step("Gate").returncode == 2
    assert "NL001" in run.step("Lint").stdout
    return src, site, env


@pytest.fixture
def repo(tmp_path) -> Path:
    """A dataset repository: 40 articles, 2 without a byline (5%), 1 with a repeated paragraph."""
    work = tmp_path / "repo"
    (work / "data").mkdir(parents=True)
    (work / "data" / "crawl.jsonl").write_text(jsonl(*records(40, {5, 22}, {13})), encoding="utf-8")
    return work


def action(installed, repo: Path, tmp_path: Path, **inputs: str):
    src, _site, env = installed
    return run_action({"paths": "data", **inputs}, action_path=src, workdir=repo, env=env,
                      skip=("Install newslint",), temp=tmp_path / "runner")


def test_annotations_summary_and_held_budgets(installed, repo, tmp_path):
    run = action(installed, repo, tmp_path, args="--budget NL201=5% --budget 'duplicate-paragraph=2.5%'")
    assert run.failed is None, [(s.name, s.stdout, s.stderr) for s in run.steps]
    assert [s.name for s in run.steps if s.ran] == ["Lint", "Job summary", "Gate"]
    assert not run.step("Set up Python").wanted and not run.step("Upload SARIF").wanted
    lint = run.step("Lint").stdout
    assert lint.count("::warning file=data/crawl.jsonl,line=") == 2  # the two missing bylines
    assert "::error file=data/crawl.jsonl,line=14,col=1,title=NL101 duplicate-paragraph::" in lint
    assert "::notice title=newslint budget NL201 missing-byline::" in lint
    assert run.outputs["exit-code"] == "0" and run.outputs["sarif-file"] == ""
    assert "✅ **all 2 budgets held** · 40 articles in 1 files" in run.summary
    assert "| `NL201` missing-byline | 2 | 5% | 5% | ✅ held |" in run.summary
    assert "| `data/crawl.jsonl:14` record story-0013 | NL101 |" in run.summary


def test_an_exceeded_budget_fails_the_job_after_the_summary(installed, repo, tmp_path):
    run = action(installed, repo, tmp_path, args="--budget NL201=4.9%")
    assert run.step("Lint").returncode == 0  # the lint step records the status ...
    assert run.step("Job summary").ran  # ... the summary is written ...
    assert run.failed == "Gate" and run.step("Gate").returncode == 1  # ... and the gate fails
    assert run.outputs["exit-code"] == "1"
    assert "| `NL201` missing-byline | 2 | 5% | 4.9% | ❌ exceeded |" in run.summary
    assert "::error title=newslint budget NL201 missing-byline::" in run.step("Lint").stdout


def test_findings_fail_without_budgets(installed, repo, tmp_path):
    run = action(installed, repo, tmp_path, summary="false")
    assert run.failed == "Gate" and run.outputs["exit-code"] == "1"
    assert not run.step("Job summary").ran and run.summary == ""


def test_sarif_for_code_scanning(installed, repo, tmp_path):
    run = action(installed, repo, tmp_path, sarif="true", args="--budget NL2=10%")
    assert run.failed is None and run.outputs["sarif-file"] == "newslint.sarif"
    assert run.step("Lint").stdout.strip() == "newslint exit status: 0"  # no annotations with SARIF
    upload = run.step("Upload SARIF")
    assert upload.wanted and upload.uses.startswith("github/codeql-action/upload-sarif@")
    assert upload.with_ == {"sarif_file": "newslint.sarif", "category": "newslint"}
    sarif = json.loads((repo / "newslint.sarif").read_text(encoding="utf-8"))
    results = sarif["runs"][0]["results"]
    assert sorted(r["ruleId"] for r in results) == ["NL101", "NL201", "NL201"]
    assert sarif["runs"][0]["properties"]["budgets"][0]["held"] is True
    # a file name of one's own, and no upload
    run = action(installed, repo, tmp_path, sarif="reports/news.sarif", **{"upload-sarif": "false"},
                 args="--budget NL2=10%")
    assert run.failed is None and run.outputs["sarif-file"] == "reports/news.sarif"
    assert json.loads((repo / "reports" / "news.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert not run.step("Upload SARIF").wanted


def test_the_runner_refuses_what_it_does_not_understand(installed, tmp_path):
    with pytest.raises(ExpressionError, match="no input"):
        run_action({"path": "data"}, action_path=installed[0], workdir=tmp_path)
