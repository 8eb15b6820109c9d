"""End to end: the seed article from the first user, linted through the real CLI."""

from __future__ import annotations

import subprocess
import sys


def run_cli(*args: str, input: bytes | None = None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True, input=input, cwd=cwd)


def test_seed_reports_exactly_the_three_defects(seed_path):
    proc = run_cli(str(seed_path))
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr == b""
    lines = proc.stdout.decode().splitlines()
    got = [(int(line.split(":")[1]), line.split(": ", 1)[1].split()[0]) for line in lines]
    assert got == [(2, "NL201"), (4, "NL102"), (10, "NL101"), (11, "NL101"), (12, "NL101")]
    assert "repeats line 7" in lines[2] and "repeats line 8" in lines[3] and "repeats line 9" in lines[4]
    assert "headline (line 2)" in lines[1]
    # lines 5 to 9 are original text: nothing may be reported there
    assert not any(5 <= line <= 9 for line, _ in got)


def test_seed_show_fixes(seed_path):
    out = run_cli("--show-fixes", str(seed_path)).stdout.decode()
    assert "fix: delete line 10, a repeat of line 7 [safe fix]" in out
    assert "fix: delete line 4, a repeat of the headline [safe fix]" in out
