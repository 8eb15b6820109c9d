"""Both pre-commit hooks, run for real through one ``pre-commit try-repo`` (it builds a fresh hook
environment in a temporary store on every run, so one run covers both hooks): ``newslint`` fails and
names the finding, then ``newslint-fix`` fixes the file and pre-commit reports it modified."""

from __future__ import annotations

import json
import lzma
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HEAD = "Library Reopens After Flood Repairs\nBy Tomasz Nowak\n\n"
BODY = (
    "The central library reopened on Saturday, eight months after floodwater damaged its ground floor and archive.\n"
    "Volunteers helped staff move more than 20,000 books back onto the shelves during the final week of repairs.\n"
    "The children's section and the reading room are open again, while the archive will follow in the spring.\n"
)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is required")
def test_fix_hook_fixes_the_file_and_precommit_reports_it_modified(tmp_path, precommit_home):
    repo = tmp_path / "articles"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "user.name", "ci")
    first = BODY.splitlines()[0]
    (repo / "clean.txt").write_text(HEAD + BODY)
    (repo / "repeated.txt").write_text(HEAD + BODY + first + "\n")
    # a dataset shard compressed with xz is linted and fixed too, and written back compressed
    record = {"id": "lib-1", "title": "Library Reopens", "authors": ["Tomasz Nowak"], "date": "2024-03-02T10:00:00Z",
              "url": "https://www.gazette.example/library-reopens",
              "text": "\n\n".join(BODY.splitlines() + [first])}
    (repo / "feed.jsonl.xz").write_bytes(lzma.compress((json.dumps(record) + "\n").encode()))
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "articles")
    clean_mtime = (repo / "clean.txt").stat().st_mtime_ns
    env = dict(os.environ, PRE_COMMIT_HOME=str(precommit_home), PIP_DISABLE_PIP_VERSION_CHECK="1")
    proc = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "--all-files", "--verbose"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 1, output
    # newslint runs first, on the file as committed
    assert "repeated.txt:7:1: NL101 duplicate paragraph: repeats line 4" in output
    assert "feed.jsonl.xz:1:1: NL101 duplicate paragraph: paragraph 4 repeats paragraph 1" in output
    assert "clean.txt:" not in output
    # then newslint-fix: pre-commit fails it because it changed a file
    fix_part = output[output.index("newslint (fix)") :]
    assert "Failed" in fix_part and "files were modified by this hook" in fix_part
    assert "Found 2 findings (2 fixed, 0 remaining)." in fix_part
    assert (repo / "repeated.txt").read_text() == HEAD + BODY
    fixed = json.loads(lzma.decompress((repo / "feed.jsonl.xz").read_bytes()))
    assert fixed["text"] == "\n\n".join(BODY.splitlines())
    assert (repo / "clean.txt").stat().st_mtime_ns == clean_mtime
    diff = subprocess.run(["git", "diff", "--name-only"], cwd=repo, capture_output=True, text=True, check=True)
    assert diff.stdout.split() == ["feed.jsonl.xz", "repeated.txt"]
