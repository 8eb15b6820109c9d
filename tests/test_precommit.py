"""The pre-commit hook, run for real through ``pre-commit try-repo`` on a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BODY = (
    "Crews worked through the night to clear fallen trees from the coast road after the storm, the council said.\n"
    "Power was restored to most of the 4,000 homes affected by midday, but some villages could wait until Friday.\n"
    "The council asked drivers to avoid the road until the last lane reopens later this week.\n"
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is required")
def test_try_repo_fails_on_the_bad_article_and_names_it(tmp_path, precommit_home):
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "user.name", "ci")
    (repo / "good.txt").write_text("Storm Clean-Up Continues\nBy Rhian Evans\n\n" + BODY)
    first = BODY.splitlines()[0]
    (repo / "bad.txt").write_text("Storm Clean-Up Continues\nBy Rhian Evans\n\n" + BODY + first + "\n")
    git(repo, "add", ".")
    env = dict(os.environ, PRE_COMMIT_HOME=str(precommit_home), PIP_DISABLE_PIP_VERSION_CHECK="1")
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "newslint", "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    assert "newslint" in output and "Failed" in output
    assert "bad.txt:7:1: NL101 duplicate paragraph: repeats line 4" in output
    assert "good.txt:" not in output
