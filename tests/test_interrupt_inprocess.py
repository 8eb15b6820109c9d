"""Interrupted runs lose nothing (in this process; -j workers have tests of their own).

Ctrl-C (SIGINT) exits 130 and SIGTERM 143; an --output-file being written is not left behind
(nor is a previous one clobbered), no cache entry or temporary file remains, and a file --fix was
rewriting keeps its original bytes. The signal is sent when the run says it has reached the point
to interrupt (a line on a pipe), never after a guessed delay.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from conftest import ROOT, default_sigint

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

P1 = "The harbour bridge reopened on Saturday after eight months of repairs to its deck and railings."
P2 = "Traffic was light in the morning, the port authority said, and buses returned to their old route."


def _records(n: int) -> str:
    out = []
    for i in range(n):
        body = f"{P1}\n\n{P2} Record {i}.\n\n{P1}"  # NL101 on every record: a fixable finding
        out.append(json.dumps({"id": f"r{i}", "title": f"Bridge Reopens {i}", "maintext": body}))
    return "\n".join(out) + "\n"


# The run stops at a chosen point: a rule (when linting) or the fixer's writer (when fixing) says
# "ready" on stdout, then waits; the test sends the signal as soon as it reads that line.
# The wait is many short sleeps: a signal that lands between the print and the first sleep is
# handled at the next one (one long sleep would start after it and sleep on to its end).
WAIT = """
import time
def wait():
    for _ in range(1200):
        time.sleep(0.1)
"""

PAUSE_IN_RULE = WAIT + """
import sys
from newslint.checks import duplicate_paragraph as m
cls = next(c for c in vars(m).values() if getattr(c, "code", None) == "NL101")
real = cls.check
seen = [0]
def check(self, article):
    seen[0] += 1
    if seen[0] == {at}:
        print("ready", flush=True)
        wait()
    return real(self, article)
cls.check = check
"""

PAUSE_IN_WRITER = WAIT + """
import sys
import newslint.fixer.atomic as atomic
real = atomic.AtomicFile.write
count = [0]
def slow(self, data):
    real(self, data)
    count[0] += 1
    if count[0] == {at}:
        self.raw.flush()
        print("ready", flush=True)
        wait()
atomic.AtomicFile.write = slow
"""


def _interrupt(tmp_path, pause: str, args: list[str], sig: int) -> subprocess.CompletedProcess:
    script = textwrap.dedent(pause) + textwrap.dedent(f"""
        from newslint.cli import main
        sys.exit(main({args!r}))
        """)
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            preexec_fn=default_sigint)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"ready"
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=120)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize("sig,status,word", [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")])
def test_interrupted_run_leaves_no_report_and_no_cache_entry(tmp_path, sig, status, word):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.jsonl").write_text(_records(20))
    (data / "b.jsonl").write_text(_records(30))
    report = tmp_path / "report.json"
    report.write_text("previous report\n")
    cache = tmp_path / "cache"
    args = ["data", "--select", "NL101", "--format", "json", "--output-file", "report.json",
            "--cache-dir", "cache", "-j", "1"]
    done = _interrupt(tmp_path, PAUSE_IN_RULE.format(at=25), args, sig)  # inside b.jsonl
    assert done.returncode == status, done.stderr
    assert done.stderr.decode().splitlines() == [f"newslint: {word}"]
    assert report.read_text() == "previous report\n"  # not clobbered by a partial report
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "data", "report.json"]  # no temporary file
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert not [p for p in entries if p.name.endswith(".nlc") and p.name.startswith(".")]  # no temporary entry
    # a.jsonl was linted whole and may be cached; b.jsonl, interrupted, has no entry
    assert len([p for p in entries if p.suffix == ".nlc"]) <= 1
    # the next run, uninterrupted, gives the whole report
    full = subprocess.run([sys.executable, "-m", "newslint", *args], cwd=tmp_path, capture_output=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert full.returncode == 1
    assert len(json.loads(report.read_text())["findings"]) == 50


@pytest.mark.parametrize("sig,status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_interrupted_fix_leaves_every_file_intact(tmp_path, sig, status):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.jsonl").write_text(_records(10))
    (data / "b.jsonl").write_text(_records(400))
    (data / "story.txt").write_text(f"Bridge Reopens\n\n{P1}\n\n{P2}\n\n{P1}\n")
    before = {p.name: p.read_bytes() for p in data.iterdir()}
    args = ["data", "--select", "NL101", "--fix", "--no-cache", "-j", "1"]
    done = _interrupt(tmp_path, PAUSE_IN_WRITER.format(at=40), args, sig)  # mid-way through b.jsonl
    assert done.returncode == status, done.stderr
    after = {p.name: p.read_bytes() for p in data.iterdir()}
    assert sorted(after) == sorted(before)  # no temporary file left beside them
    # a.jsonl was fixed whole before the signal; b.jsonl, being written, and story.txt, not reached, are
    # exactly as they were
    assert after["b.jsonl"] == before["b.jsonl"]
    assert after["story.txt"] == before["story.txt"]
    assert after["a.jsonl"] != before["a.jsonl"]
    assert all(json.loads(line)["maintext"].count(P1) == 1 for line in after["a.jsonl"].decode().splitlines())
