"""-j N gives the output of -j 1: multi-file runs, JSON Lines split into byte ranges, dataset state."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from scale_fixtures import PARAGRAPHS, SameBody, jsonl_lines, make_registry

from newslint.config import Config
from newslint.engine import Linter, discover
from newslint.parallel import FileTask, Runner, count_lines, lint_task, split_jsonl



def linter(**kw) -> Linter:
    return Linter(Config(select=["ALL"], **kw), make_registry())


def run(paths, jobs=1, **kw):
    lt = linter()
    runner = Runner(lt, jobs, None, small_input_bytes=0, **kw)
    found = list(runner.run(discover([str(p) for p in paths], lt.extensions)))
    return found, lt.stats, runner


def awkward_jsonl(path: Path) -> Path:
    """CRLF lines, blank and white-space lines, a malformed record, a JSON array, no final newline."""
    lines = jsonl_lines(0, 10)
    lines += [json.dumps(r) + "\r\n" for r in map(json.loads, jsonl_lines(10, 6))]
    lines.insert(3, "\n")
    lines.insert(7, "   \t\r\n")
    lines.insert(9, '{"id": "broken", "title": "Half a record\n')
    lines.insert(12, "[1, 2]\n")
    lines += jsonl_lines(16, 8)
    lines.insert(20, "\r\n")
    lines.append("\n")
    lines += jsonl_lines(24, 5)
    lines[-1] = lines[-1].rstrip("\n")  # final line without newline
    path.write_bytes("".join(lines).encode())
    return path


def whole_file(lt: Linter, path: Path):
    from newslint.readers import Source

    return list(lt.lint_source_sorted(Source(str(path), fs_path=path)))


def test_count_lines_matches_the_reader_view_of_lines():
    for block in [b"", b"a\n", b"\n", b"  \n", b"a\n\n \r\nb", b"a\n  ", b"   ", b"a\n\n", b"\r\n\r\na\r\n"]:
        lines = block.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        blanks = sum(1 for line in lines if not line.strip())
        assert count_lines(block) == (block.count(b"\n"), blanks), block


@pytest.mark.parametrize("range_bytes", [1, 97, 700, 1499, 4096])
def test_ranges_give_the_findings_of_the_whole_file(tmp_path, range_bytes):
    path = awkward_jsonl(tmp_path / "awkward.jsonl")
    lt = linter()
    expected = whole_file(lt, path)
    assert {v.code for v in expected} >= {"NL002", "NL101"}  # the awkward lines are really there
    ranges = split_jsonl(path, range_bytes)
    assert ranges[0].start == 0 and ranges[-1].end == path.stat().st_size
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:]))
    data = path.read_bytes()
    assert all(r.start == 0 or data[r.start - 1 : r.start] == b"\n" for r in ranges)
    got = []
    for i, rng in enumerate(ranges):
        res = lint_task(linter(), [FileTask(str(path), str(path), None, rng, first=i == 0)], None, None)
        got.extend(res.findings[0])
    assert got == expected
    if range_bytes <= 700:
        assert len(ranges) > 5


def test_ranges_of_a_file_whose_first_line_is_only_a_byte_order_mark(tmp_path):
    # an export that wrote the mark and a blank line before its records: that line is no record
    path = awkward_jsonl(tmp_path / "awkward.jsonl")
    path.write_bytes(b"\xef\xbb\xbf \r\n" + path.read_bytes())
    lt = linter()
    expected = whole_file(lt, path)
    assert not any(v.line == 1 for v in expected)
    for range_bytes in (1, 97, 700):
        got = []
        for i, rng in enumerate(split_jsonl(path, range_bytes)):
            got.extend(lint_task(linter(), [FileTask(str(path), str(path), None, rng, first=i == 0)], None, None).findings[0])
        assert got == expected, range_bytes
    assert count_lines(b"\xef\xbb\xbf\n{}\n", file_start=True) == (2, 1)
    assert count_lines(b"\xef\xbb\xbf\n{}\n") == (2, 0)  # in the middle of a file, the mark is not white space


def test_split_jsonl_counts_lines_and_records(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_bytes(b'{"a":1}\n\n{"a":2}\r\n  \n{"a":3}')
    ranges = split_jsonl(path, 1)
    assert [(r.first_line, r.first_index) for r in ranges] == [(1, 0), (2, 1), (3, 1), (4, 2), (5, 2)]


def test_jobs_2_equals_jobs_1_on_a_split_jsonl(tmp_path):
    path = awkward_jsonl(tmp_path / "awkward.jsonl")
    one, stats1, _ = run([path], 1)
    two, stats2, runner = run([path], 2, range_bytes=900)
    assert runner.mode == "2 workers"
    assert two == one
    assert stats2 == stats1
    assert any(v.code == "NL699" for v in one)  # the dataset rule saw records from every range


@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_spawned_and_forked_workers_give_the_same_output(tmp_path, monkeypatch, method):
    """Forked workers inherit the registry; spawned ones rebuild it: the findings are the same."""
    import multiprocessing

    from newslint.parallel import start_method

    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method on this platform")
    path = awkward_jsonl(tmp_path / "awkward.jsonl")
    one, stats1, _ = run([path], 1)
    monkeypatch.setenv("NEWSLINT_START_METHOD", method)
    assert start_method() == method
    two, stats2, runner = run([path], 2, range_bytes=700)
    assert runner.mode == "2 workers"
    assert two == one
    assert stats2 == stats1


def test_a_large_jsonl_file_is_cut_into_ranges_for_every_worker():
    lt = linter()
    two, four = Runner(lt, 2, None), Runner(lt, 4, None)
    mib = 1 << 20
    assert two.range_size(35 * mib) == -(-35 * mib // 16)  # 16 ranges: 8 per worker, none alone at the end
    assert four.range_size(35 * mib) == -(-35 * mib // 32)
    assert two.range_size(3 * mib) == mib  # never under 1 MiB: the parent scans each cut
    assert two.range_size(10_000 * mib) == 8 * mib  # never over 8 MiB: memory per task stays bounded
    assert Runner(lt, 2, None, range_bytes=900).range_size(35 * mib) == 900  # an explicit size wins


def test_jobs_2_equals_jobs_1_on_many_files(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    for k in range(6):
        (corpus / f"part{k}.jsonl").write_text("".join(jsonl_lines(k * 9, 9)), encoding="utf-8")
    for k in range(5):
        body = "\n\n".join(PARAGRAPHS[k : k + 4] + [PARAGRAPHS[k]])
        (corpus / "sub" / f"story{k}.txt").write_text(f"Night buses decision {k}\n\n{body}\n", encoding="utf-8")
    (corpus / "sub" / "copy.md").write_text("---\ntitle: Copy\n---\n\n" + "\n\n".join(PARAGRAPHS[:3]) + "\n")
    (corpus / "bad.jsonl").write_bytes(b'{"id": "x", "maintext": "\xff\xfe"}\n')
    with gzip.open(corpus / "packed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write("".join(jsonl_lines(0, 12)))  # exact copies of part0/part1 records
    missing = tmp_path / "missing.jsonl"
    one, stats1, _ = run([corpus, missing], 1)
    two, stats2, runner = run([corpus, missing], 2, batch_files=2, range_bytes=2000)
    assert runner.mode == "2 workers"
    assert two == one
    assert stats2 == stats1
    paths = list(dict.fromkeys(v.path for v in one if v.code != "NL699"))
    assert paths[-1] == str(missing)
    dups = [v for v in one if v.code == "NL699"]
    assert any(v.path.endswith("packed.jsonl.gz") for v in dups)
    # dataset findings (the test rule's and the built-in NL6xx rules') come last, sorted
    dataset = [v for v in one if v.code.startswith("NL6")]
    assert dataset == sorted(dataset, key=lambda v: v.sort_key())
    assert one[-len(dataset):] == dataset


def test_gzip_is_not_split(tmp_path):
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("".join(jsonl_lines(0, 40)))
    lt = linter()
    runner = Runner(lt, 2, None, small_input_bytes=0, range_bytes=50)
    units = list(runner._plan(iter(discover([str(path)], lt.extensions))))
    assert [kind for kind, _ in units] == ["task"]
    assert units[0][1][0].range is None
    plain = tmp_path / "big.jsonl"
    plain.write_text("".join(jsonl_lines(0, 40)))
    units = list(runner._plan(iter(discover([str(plain)], lt.extensions))))
    assert units[0][0] == "split" and len(units) > 2


def test_dataset_state_merges_across_workers_like_one_pass():
    rule = SameBody()
    from newslint.readers import DEFAULT_FIELD_MAP, record_to_article

    arts = [
        record_to_article(json.loads(line), path="d.jsonl", fmt="jsonl", line=i + 1, index=i, field_map=DEFAULT_FIELD_MAP)
        for i, line in enumerate(jsonl_lines(0, 30))
    ]
    one = rule.new_state()
    for a in arts:
        rule.observe(one, a)
    parts = [rule.new_state() for _ in range(3)]
    for k, a in enumerate(arts):
        rule.observe(parts[k // 10], a)
    merged = rule.merge(rule.merge(parts[0], parts[1]), parts[2])
    assert sorted(map(str, rule.finish(merged))) == sorted(map(str, rule.finish(one)))
    assert len(list(rule.finish(one))) >= 3


def test_small_input_stays_in_process(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(jsonl_lines(0, 3)))
    lt = linter()
    runner = Runner(lt, 4, None)
    list(runner.run(discover([str(path)], lt.extensions)))
    assert runner.mode == "in-process" and "under" in runner.reason


def test_cli_jobs_output_is_byte_identical(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    # over the 1 MiB in-process cut-off, so -j 2 really starts workers
    for k in range(3):
        (data / f"shard{k}.jsonl").write_text("".join(jsonl_lines(k * 1000, 1000)), encoding="utf-8")
    assert sum(p.stat().st_size for p in data.iterdir()) > (1 << 20)
    (data / "note.txt").write_text("Night buses\n\n" + "\n\n".join(PARAGRAPHS[:4] + PARAGRAPHS[:1]) + "\n")

    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "newslint", "--no-cache", "--statistics", *args, str(data)],
            capture_output=True, cwd=tmp_path,
        )

    one, two = cli("-j", "1"), cli("-j", "2", "--profile-rules")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout
    assert one.stdout.count(b"\n") > 100
    assert b"rule profile (2 workers" in two.stderr


def test_ranges_shrink_towards_the_end_of_the_file_and_still_cover_it(tmp_path):
    path = awkward_jsonl(tmp_path / "awkward.jsonl")
    size = path.stat().st_size
    lt = linter()
    expected = whole_file(lt, path)
    ranges = split_jsonl(path, 4096, tail_bytes=64, jobs=2)
    lengths = [r.end - r.start for r in ranges]
    assert ranges[0].start == 0 and ranges[-1].end == size
    assert all(a.end == b.start for a, b in zip(ranges, ranges[1:]))
    # each range is at most a quarter of what is left (two per worker), give or take one line
    longest_line = max(len(line) for line in path.read_bytes().splitlines(keepends=True))
    for r in ranges[:-1]:
        assert r.end - r.start <= max(64, (size - r.start) // 4) + longest_line
    assert lengths[-2] < lengths[0]
    got = []
    for i, rng in enumerate(ranges):
        res = lint_task(linter(), [FileTask(str(path), str(path), None, rng, first=i == 0)], None, None)
        got.extend(res.findings[0])
    assert got == expected


def test_a_long_result_reaches_the_parent_through_a_file(tmp_path):
    """What a worker puts on the pool's result pipe fits in one write the pipe takes whole, so a
    worker stopped while it hands a result over never leaves half a message for the parent to wait
    on; the parent gets the same result back and the file is removed."""
    import pickle

    from newslint.workers import INLINE_RESULT_BYTES, SpooledResult, handover, received

    path = awkward_jsonl(tmp_path / "awkward.jsonl")
    lt = linter()
    res = lint_task(lt, [FileTask(str(path), str(path), None, None)], None, None)
    assert len(pickle.dumps(res, protocol=pickle.HIGHEST_PROTOCOL)) > INLINE_RESULT_BYTES
    spool = tmp_path / "spool"
    spool.mkdir()
    sent = handover(res, str(spool))
    assert isinstance(sent, SpooledResult)
    assert len(pickle.dumps(sent, protocol=pickle.HIGHEST_PROTOCOL)) < 1024
    back = received(pickle.loads(pickle.dumps(sent)))
    assert back.findings == res.findings and back.stats == res.stats
    assert list(spool.iterdir()) == []

    small = lint_task(linter(), [], None, None)
    assert handover(small, str(spool)) is small and received(small) is small


def test_a_jsonl_file_that_gets_shorter_while_it_is_split_ends_the_ranges(tmp_path, monkeypatch):
    """A file truncated between two ranges (a crawler rewriting it) must not leave the scan reading
    nothing forever: the ranges stop, the last one is marked by reaching the first size, and the
    ranges given out read the lines the file still has."""
    import newslint.ranges as ranges_mod

    path = tmp_path / "crawl.jsonl"
    path.write_text("".join(jsonl_lines(0, 400)))
    size = path.stat().st_size
    real_count = ranges_mod.count_lines

    def count_lines(block, *rest):
        assert block, "the scan read past the end of the file"
        return real_count(block, *rest)

    monkeypatch.setattr(ranges_mod, "count_lines", count_lines)
    gen = ranges_mod.iter_ranges(path, 2048)
    first = next(gen)
    assert first.start == 0 and first.end < size
    kept = path.read_bytes()[: size // 3]
    path.write_bytes(kept)
    rest = list(gen)
    assert rest and rest[-1].end >= size  # the file's results are put together after it
    read = b"".join(line for rng in [first, *rest] for line in ranges_mod.read_range(path, rng))
    assert read == kept


def test_stopping_the_pool_leaves_no_open_wakeup_pipe_for_the_exit_hook(monkeypatch):
    """Ctrl-C stops the pool at once; the interpreter's exit hook then writes to the wake-up pipe of
    every pool manager thread it knows. A manager still closing that pipe made the exit print
    "Exception ignored ... Bad file descriptor": after a stop the hook must find none open. The
    manager is held inside its close here, so the stop has to hand it over, whatever the timing."""
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures import process as cf_process

    from newslint import parallel

    monkeypatch.setattr(parallel, "_MANAGER_JOIN_SECONDS", 0.01)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context(parallel.start_method()))
    assert pool.submit(abs, -3).result() == 3
    manager, wakeup = pool._executor_manager_thread, pool._executor_manager_thread_wakeup
    release = threading.Event()
    real_close = wakeup.close

    def held_close():
        release.wait()
        real_close()

    wakeup.close = held_close
    try:
        parallel._stop_workers(pool)
        assert manager not in cf_process._threads_wakeups or wakeup._closed
    finally:
        release.set()
        manager.join()
    assert wakeup._closed


def test_a_jsonl_file_deleted_during_the_run_is_one_finding_where_each_reading_stopped(tmp_path):
    """A file found, then deleted before a worker reads it: the whole-file reader and a range say
    what the system says, at the line where their reading would have started, naming no record."""
    from newslint.readers import Source
    from newslint.readers.jsonl import JsonlReader
    from newslint.ranges import Range

    gone = tmp_path / "gone.jsonl"
    (problem,) = list(JsonlReader().read(Source(path=str(gone), fs_path=gone), linter().field_map))
    assert (problem.code, problem.message, problem.line, problem.record_index) == (
        "NL001", "cannot read: no such file or directory", 1, None)
    res = lint_task(linter(), [FileTask(str(gone), str(gone), None, Range(4096, 8192, 50, 48), first=False)], None, None)
    (found,) = res.findings[0]
    assert (found.code, found.line, found.message) == ("NL001", 50, "cannot read past line 49: no such file or directory")
