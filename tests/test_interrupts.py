"""Interrupted runs lose nothing: Ctrl-C and SIGTERM during a run with workers and during ``--fix``.

No timing is assumed. A test plugin rule (installed for the subprocess through an entry point, so
that worker processes load it too) holds the run on the article titled "Gate": it drops a marker
file and waits for a file that never comes. The test waits for the marker, so the signal is sent
when the run is provably mid-way: other articles done or in flight, the gated one unfinished.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import default_sigint
from newslint.interrupts import EXIT_SIGINT, EXIT_SIGTERM, ReportFile

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

GATE_SOURCE = textwrap.dedent('''
    """Holds a run on the article titled "Gate" while NEWSLINT_TEST_GATE names a folder."""
    import os
    import time

    import newslint
    from newslint import Rule

    class Gate(Rule):
        """Waits on the article titled ``Gate`` until the file ``open`` appears in the gate folder.

        A test device: it lets a test interrupt a run at a known point.

        Fails::

            (never: it reports nothing)

        Passes::

            Any article.

        Fix: none.
        """

        code = "NLX950"
        name = "test-gate"
        severity = "info"

        def check(self, article):
            folder = os.environ.get("NEWSLINT_TEST_GATE")
            if folder and article.title == "Gate":
                with open(os.path.join(folder, f"reached-{os.getpid()}"), "w"):
                    pass
                while not os.path.exists(os.path.join(folder, "open")):
                    time.sleep(0.005)
            return iter(())

    @newslint.hookimpl
    def newslint_rules():
        return [Gate]
''')

PARAGRAPHS = [
    "The harbour authority said on {day} that the new ferry terminal would open to passengers after "
    "a delay of {n} weeks caused by late deliveries of steel for the boarding ramps.",
    "Councillors in the {n}th ward asked for a second public hearing before the budget vote, saying "
    "residents had not been given the figures in time to read them.",
    "A spokesperson for the regional rail operator confirmed that {n} trains were cancelled on {day} "
    "because of a signalling fault near the main junction north of the city.",
    "Local farmers expect a smaller harvest this year after a dry spring, and several of them told "
    "the cooperative that they would plant fewer rows of beans on {day}.",
]


def article_text(i: int, title: str | None = None) -> str:
    day = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")[i % 5]
    body = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)].format(day=day, n=i + k) for k in range(12)]
    return "\n\n".join([title or f"Town notes number {i}", "By Ada Pellworm", *body]) + "\n"


@pytest.fixture(scope="module")
def gate_site(tmp_path_factory) -> Path:
    """A folder to put on PYTHONPATH holding the gate plugin and its distribution metadata."""
    site = tmp_path_factory.mktemp("gate-site")
    (site / "newslint_test_gate.py").write_text(GATE_SOURCE, encoding="utf-8")
    info = site / "newslint_test_gate-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: newslint_test_gate\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[newslint]\ntestgate = newslint_test_gate\n", encoding="utf-8")
    return site


def start(site: Path, gate: Path, *args: str, cwd: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), *filter(None, [os.environ.get("PYTHONPATH")])]),
               NEWSLINT_TEST_GATE=str(gate))
    return subprocess.Popen(
        [sys.executable, "-m", "newslint", "--extend-select", "NLX950", "--no-progress", *args],
        cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
        preexec_fn=default_sigint,
    )


def wait_for_gate(proc: subprocess.Popen, gate: Path) -> int:
    """The pid of the process holding the gated article, once it is there.

    Waits on the marker file, not on a guess of how long the run takes; the deadline only stops a
    broken run from hanging the suite."""
    deadline = time.monotonic() + 600
    while True:
        reached = list(gate.glob("reached-*"))
        if reached:
            return int(reached[0].name.split("-", 1)[1])
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the run ended before reaching the gate ({proc.returncode}): {err.decode()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the run never reached the gate")
        time.sleep(0.01)


def interrupt(proc: subprocess.Popen, how: str) -> None:
    if how == "ctrl-c":  # a terminal sends SIGINT to the whole foreground process group
        os.killpg(proc.pid, signal.SIGINT)
    else:
        proc.send_signal(signal.SIGTERM)


def running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            state = fh.read().rsplit(b")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state not in (b"Z", b"X")


def leftovers(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.endswith((".newslint-tmp", ".nlc"))
                  and (p.name.startswith(".") or p.name.endswith(".newslint-tmp")))


EXPECTED = {"ctrl-c": EXIT_SIGINT, "sigterm": EXIT_SIGTERM}


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_interrupted_run_with_workers_writes_no_report_and_no_partial_cache_entry(tmp_path, gate_site, how):
    data = tmp_path / "articles"
    data.mkdir()
    n = 600  # about 1.5 MB: over the size that a run keeps in one process
    for i in range(n):
        (data / f"a{i:04d}.txt").write_text(article_text(i, "Gate" if i == n // 2 else None), encoding="utf-8")
    gate = tmp_path / "gate"
    gate.mkdir()
    report = tmp_path / "report.txt"
    report.write_text("the previous report\n", encoding="utf-8")
    cache = tmp_path / "cache"

    proc = start(gate_site, gate, "-j", "2", "--cache-dir", str(cache), "--output-file", str(report), str(data),
                 cwd=tmp_path)
    holder = wait_for_gate(proc, gate)
    assert holder != proc.pid, "the gated article must be linted in a worker process"
    interrupt(proc, how)
    _out, err = proc.communicate()

    assert proc.returncode == EXPECTED[how], err.decode()
    assert ("terminated" if how == "sigterm" else "interrupted") in err.decode()
    assert "Traceback" not in err.decode()
    assert report.read_text(encoding="utf-8") == "the previous report\n"  # not replaced by half a report
    assert leftovers(tmp_path) == []  # no temporary report file or unfinished cache entry left behind
    assert not running(holder)  # the workers were stopped, not left to finish

    # whatever the cache kept is whole: a cached run gives exactly the uncached findings
    def run(*extra: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "newslint", "-j", "2", "--format", "jsonl", *extra, str(data)],
                              cwd=tmp_path, capture_output=True)

    cached, fresh = run("--cache-dir", str(cache)), run("--no-cache")
    assert cached.returncode == fresh.returncode
    assert cached.stdout == fresh.stdout


DUPLICATED = {
    "id": "r1",
    "title": "Ferry terminal delayed again",
    "text": "The harbour authority delayed the opening of the ferry terminal.\n\n"
            "Steel for the boarding ramps arrived late from the supplier.\n\n"
            "The harbour authority delayed the opening of the ferry terminal.",
}


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_interrupted_fix_leaves_the_file_being_rewritten_intact(tmp_path, gate_site, how):
    import json

    records = [DUPLICATED, {"id": "r2", "title": "Gate", "text": article_text(2)},
               dict(DUPLICATED, id="r3")]
    data = tmp_path / "news.jsonl"
    data.write_bytes("".join(json.dumps(r) + "\n" for r in records).encode("utf-8"))
    before = data.read_bytes()
    gate = tmp_path / "gate"
    gate.mkdir()

    proc = start(gate_site, gate, "--fix", "--no-cache", str(data), cwd=tmp_path)
    wait_for_gate(proc, gate)  # record 1 is fixed in the new copy; record 2 is being linted
    interrupt(proc, how)
    _out, err = proc.communicate()

    assert proc.returncode == EXPECTED[how], err.decode()
    assert data.read_bytes() == before  # the original, not a half-written copy
    assert leftovers(tmp_path) == []

    # and the same file, not interrupted, is fixed: the gate did hold a fix in progress
    done = subprocess.run([sys.executable, "-m", "newslint", "--fix", "--no-cache", str(data)], cwd=tmp_path,
                          capture_output=True)
    assert done.returncode in (0, 1), done.stderr.decode()  # other findings may remain
    assert data.read_bytes() != before
    assert data.read_bytes().count(b"delayed the opening") == 2  # one per duplicated record, not two


def test_report_file_appears_whole_or_not_at_all(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    kept = ReportFile(str(target))
    kept.write("half a report")
    kept.discard()
    assert target.read_text(encoding="utf-8") == "old\n"
    done = ReportFile(str(target))
    done.write("a whole report\n")
    assert target.read_text(encoding="utf-8") == "old\n"  # nothing shows before it is complete
    done.close()
    assert target.read_text(encoding="utf-8") == "a whole report\n"
    assert leftovers(tmp_path) == []


def test_report_file_writes_devices_directly(tmp_path):
    out = ReportFile(os.devnull)
    out.write("nothing\n")
    out.close()
    assert Path(os.devnull).exists() and not Path(os.devnull).is_file()
