"""Dataset findings sorted through temporary files: the same findings, in the same order, with
the same statistics, whether they are held in memory or spilled in sorted runs."""

from __future__ import annotations

import json
import pickle

import pytest
from dataset_fixtures import generated_dataset
from helpers import config
from hypothesis import given, settings
from hypothesis import strategies as st

import newslint.engine as engine
import newslint.spill as spill
from newslint.cli import main
from newslint.engine import Linter, discover
from newslint.spill import SortedSpill


def key(item):
    return item[0]


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.tuples(st.integers(0, 6), st.integers()), max_size=60), chunk=st.integers(1, 7),
       batch=st.integers(1, 4))
def test_drain_is_a_stable_sort_of_everything_added(items, chunk, batch):
    old = spill.BATCH
    spill.BATCH = batch
    try:
        held = SortedSpill(key, chunk)
        for item in items:
            held.add(item)
        assert len(held.runs) == len(items) // chunk
        assert list(held.drain()) == sorted(items, key=key)
    finally:
        spill.BATCH = old


class Unpicklable:
    """An object pickle refuses (it holds a lambda), as a plugin's finding might."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.f = lambda: n

    def __repr__(self) -> str:
        return f"Unpicklable({self.n})"


def test_an_item_pickle_refuses_keeps_the_rest_in_memory():
    held = SortedSpill(lambda x: x.n if isinstance(x, Unpicklable) else x, 3)
    values = [9, 4, 7, 1, 8, Unpicklable(5), 2, 6, 3, 0]
    for v in values:
        held.add(v)
    assert len(held.runs) == 1 and not held.spilling  # the first three went to disk, then no more
    out = list(held.drain())
    assert [v.n if isinstance(v, Unpicklable) else v for v in out] == list(range(10))
    with pytest.raises(Exception):
        pickle.dumps(Unpicklable(1))


def test_no_temporary_file_means_memory(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(spill.tempfile, "TemporaryFile", refuse)
    held = SortedSpill(key, 2)
    items = [(3, "c"), (1, "a"), (2, "b"), (1, "a2"), (0, "z")]
    for item in items:
        held.add(item)
    assert not held.runs and not held.spilling
    assert list(held.drain()) == sorted(items, key=key)


def test_the_temporary_file_is_closed_when_the_stream_is_dropped_half_read():
    held = SortedSpill(key, 2)
    for i in range(10):
        held.add((10 - i, i))
    fh = held.file
    stream = held.drain()
    assert next(stream) == (1, 9)
    stream.close()
    assert fh.closed


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """The generated dataset (copies, a re-crawl, a reused title, wire reprints, a site footer on
    every ninth story of one site) twice over: two copies of everything, hundreds of dataset findings."""
    folder = tmp_path_factory.mktemp("spill")
    records = generated_dataset()
    again = [dict(r, id=r["id"] + "-again") for r in records]
    (folder / "crawl.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records + again), encoding="utf-8")
    return folder


def run_engine(path, after):
    linter = Linter(config("NL6"))
    old = engine.SPILL_AFTER
    engine.SPILL_AFTER = after
    try:
        found = list(linter.run(discover([str(path)], linter.extensions)))
    finally:
        engine.SPILL_AFTER = old
    return found, linter.stats


def test_spilled_findings_and_statistics_are_those_held_in_memory(crawl):
    memory, memory_stats = run_engine(crawl / "crawl.jsonl", None)
    assert len(memory) > 200 and {v.code for v in memory} >= {"NL601", "NL604", "NL605"}
    for after in (1, 7, 50):
        spilled, stats = run_engine(crawl / "crawl.jsonl", after)
        assert spilled == memory
        assert [v.sort_key() for v in spilled] == [v.sort_key() for v in memory]
        assert (stats.findings, stats.articles_affected) == (memory_stats.findings, memory_stats.articles_affected)


def test_a_baseline_sees_spilled_findings_as_it_sees_them_in_memory(tmp_path, capsys, monkeypatch):
    records = generated_dataset()
    data = tmp_path / "crawl.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert main(["--isolated", "--no-cache", "--select", "NL6", "--write-baseline", str(baseline), str(data)]) == 0
    again = [dict(r, id=r["id"] + "-again") for r in records]
    data.write_text("".join(json.dumps(r) + "\n" for r in records + again), encoding="utf-8")
    capsys.readouterr()
    outputs = []
    for after in (None, 5):
        monkeypatch.setattr(engine, "SPILL_AFTER", after)
        status = main(["--isolated", "--no-cache", "--select", "NL6", "--baseline", str(baseline), "--statistics",
                       str(data)])
        outputs.append((status, capsys.readouterr().out))
    assert outputs[0] == outputs[1]
    status, out = outputs[0]
    assert status == 1 and "-again" in out
    # the first copy of each story was recorded in the baseline: only findings on the second copies remain
    copies = [line for line in out.splitlines() if line.startswith(str(data)) and " NL601 " in line]
    assert copies and all("-again" in line for line in copies)
    assert any(line.split()[1] == "NL601" for line in out.splitlines() if not line.startswith(str(data)))  # --statistics
