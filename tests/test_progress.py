"""The progress bar: bytes read and articles per second on a terminal's stderr, never in pipes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading

import pytest
from conftest import ROOT
from rich.console import Console

from newslint.progress import RunProgress, total_size
from newslint.readers import Source


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_counts_bytes_and_articles(tmp_path):
    data = b"".join(b'{"title": "Story %d", "text": "Body of story %d."}\n' % (i, i) for i in range(200))
    path = tmp_path / "d.jsonl"
    path.write_bytes(data)
    sources = [Source(path="d.jsonl", fs_path=path)]
    assert total_size(sources) == len(data)
    out = _Tty()
    progress = RunProgress(Console(file=out, force_terminal=True, width=120), total_size(sources), delay=0, refresh=0)
    wrapped = list(progress.wrap_sources(sources))
    fh = wrapped[0].open_binary()
    fh.readline()
    for _ in range(50):
        progress.on_article(None, [])
    assert 0 < progress.position() <= len(data)
    fh.read()
    fh.close()
    progress.on_article(None, [])
    assert progress.position() == len(data)  # a closed input counts as fully read
    progress.progress.refresh()
    shown = out.getvalue()
    progress.stop()
    assert "51 articles" in shown and "/s" in shown and "kB" in shown


def test_size_unknown_gives_no_total():
    assert total_size([Source(path="a.txt", data=b"")]) is None


def test_no_progress_on_a_pipe(tmp_path):
    """stderr a pipe: nothing but findings on stdout, nothing on stderr, even for a longer run."""
    records = b"".join(b'{"id": "r%d", "title": "T %d", "text": "Short."}\n' % (i, i) for i in range(1000))
    (tmp_path / "big.jsonl").write_bytes(records)
    proc = subprocess.run([sys.executable, "-m", "newslint", "--select", "NL204", "big.jsonl"], cwd=tmp_path,
                          capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 1
    assert proc.stderr == b""
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1000 and all(line.startswith("big.jsonl:") for line in lines)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_progress_on_a_terminal_stderr_keeps_stdout_clean(tmp_path):
    import pty

    records = b"".join(b'{"id": "r%d", "title": "T %d", "text": "Short."}\n' % (i, i) for i in range(600))
    (tmp_path / "big.jsonl").write_bytes(records)
    master, slave = pty.openpty()
    # the bar's delay is set to 0, so it shows however fast this machine finishes the run
    env = {**os.environ, "TERM": "xterm-256color", "NEWSLINT_PROGRESS_DELAY": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "--select", "NL204", "big.jsonl"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    err: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            err.append(chunk)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    out, _ = proc.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    lines = out.decode().splitlines()
    assert len(lines) == 600 and all(line.startswith("big.jsonl:") and "\x1b" not in line for line in lines)
    assert b"articles" in b"".join(err)  # the bar was drawn on the terminal


def test_delay_comes_from_the_environment(monkeypatch):
    """The delay is a setting the caller controls, not a property of the machine's speed."""
    out = _Tty()
    console = Console(file=out, force_terminal=True, width=120)
    monkeypatch.setenv("NEWSLINT_PROGRESS_DELAY", "3600")
    slow = RunProgress(console, None)
    assert slow.delay == 3600
    for _ in range(1000):
        slow.on_article(None, [])
    assert slow.progress is None  # an hour has not passed: no bar
    monkeypatch.setenv("NEWSLINT_PROGRESS_DELAY", "0")
    eager = RunProgress(console, None)
    eager.on_article(None, [])
    assert eager.progress is not None  # shown from the first article
    eager.stop()
    for bad in ("soon", "-1", "nan", "inf"):
        monkeypatch.setenv("NEWSLINT_PROGRESS_DELAY", bad)
        assert RunProgress(console, None).delay == 0.5
    monkeypatch.delenv("NEWSLINT_PROGRESS_DELAY")
    assert RunProgress(console, None).delay == 0.5
