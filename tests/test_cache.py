"""The result cache: hits, misses, invalidation, corrupt entries, dataset state from cached files."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scale_fixtures import PARAGRAPHS, jsonl_lines, make_registry

import newslint.cache
from newslint.cache import Cache
from newslint.config import Config
from newslint.engine import Linter, discover
from newslint.parallel import Runner
from newslint.readers import Source
from newslint.readers.jsonl import JsonlReader


def run(paths, cache_dir, jobs=1, config=None, **kw):
    lt = Linter(config or Config(select=["ALL"]), make_registry())
    cache = Cache(cache_dir, lt) if cache_dir is not None else None
    runner = Runner(lt, jobs, cache, small_input_bytes=0, **kw)
    found = list(runner.run(discover([str(p) for p in paths], lt.extensions)))
    return found, lt.stats, cache


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "data"
    d.mkdir()
    (d / "a.jsonl").write_text("".join(jsonl_lines(0, 12)), encoding="utf-8")
    (d / "b.jsonl").write_text("".join(jsonl_lines(0, 5)), encoding="utf-8")  # copies of a's records
    (d / "story.txt").write_text("Night buses\n\n" + "\n\n".join(PARAGRAPHS[:3] + PARAGRAPHS[:1]) + "\n")
    return d


def test_second_run_reads_the_cache(corpus, tmp_path, monkeypatch):
    cdir = tmp_path / "cache"
    first, stats1, c1 = run([corpus], cdir)
    assert (c1.hits, c1.misses) == (0, 3)
    assert {v.code for v in first} >= {"NL101", "NL699"}

    def no_reading(*a, **k):
        raise AssertionError("a cached file was read again")

    monkeypatch.setattr(JsonlReader, "read", no_reading)
    second, stats2, c2 = run([corpus], cdir)
    assert (c2.hits, c2.misses) == (3, 0)
    assert second == first  # dataset findings included: the cached state was merged
    assert stats2 == stats1


def test_changed_file_config_or_version_invalidates(corpus, tmp_path, monkeypatch):
    cdir = tmp_path / "cache"
    run([corpus], cdir)
    (corpus / "b.jsonl").write_text("".join(jsonl_lines(40, 5)), encoding="utf-8")
    found, _, c = run([corpus], cdir)
    assert (c.hits, c.misses) == (2, 1)
    assert not any(v.code == "NL699" and v.path.endswith("b.jsonl") for v in found)

    other = Config(select=["ALL"], rule_options={"NL204": {"min-words": 10}})
    _, _, c = run([corpus], cdir, config=other)
    assert (c.hits, c.misses) == (0, 3)
    _, _, c = run([corpus], cdir, config=Config(select=["NL1"]))
    assert c.hits == 0

    monkeypatch.setattr(newslint.cache, "__version__", "99.0")
    _, _, c = run([corpus], cdir)
    assert c.hits == 0


def test_output_settings_do_not_invalidate(corpus, tmp_path):
    cdir = tmp_path / "cache"
    run([corpus], cdir, config=Config(select=["ALL"], format="text"))
    _, _, c = run([corpus], cdir, config=Config(select=["ALL"], fail_on="error", exclude=["nothing*"]))
    assert c.hits == 3


def test_corrupt_entry_is_ignored_and_rewritten(corpus, tmp_path):
    cdir = tmp_path / "cache"
    first, _, _ = run([corpus], cdir)
    entries = sorted((cdir / f"v{newslint.cache.FORMAT}").rglob("*.nlc"))
    assert len(entries) == 3
    data = entries[0].read_bytes()
    entries[0].write_bytes(data[: len(data) // 2])
    entries[1].write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    again, _, c = run([corpus], cdir)
    assert again == first
    assert (c.hits, c.misses) == (1, 2)
    _, _, c = run([corpus], cdir)
    assert c.hits == 3


def test_stdin_is_never_cached(tmp_path):
    lt = Linter(Config(), make_registry())
    cache = Cache(tmp_path / "cache", lt)
    assert cache.key_for(Source("article.txt", data=b"Title\n\nBody text.\n")) is None


def test_workers_write_entries_and_split_files_are_cached(corpus, tmp_path):
    cdir = tmp_path / "cache"
    big = corpus / "big.jsonl"
    big.write_text("".join(jsonl_lines(100, 60)), encoding="utf-8")
    plain, _, _ = run([corpus], None)
    par, stats_par, c = run([corpus], cdir, jobs=2, range_bytes=3000, batch_files=1)
    assert par == plain and c.misses == 4
    assert len(list((cdir / f"v{newslint.cache.FORMAT}").rglob("*.nlc"))) == 4  # three by workers, the split file by the parent
    local, stats_local, c = run([corpus], cdir, jobs=1)
    assert c.hits == 4
    assert local == plain and stats_local == stats_par


def test_cli_cache_dir_and_no_cache(tmp_path):
    (tmp_path / "story.txt").write_text("Night buses\n\n" + "\n\n".join(PARAGRAPHS[:3] + PARAGRAPHS[:1]) + "\n")

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "newslint", *args, "story.txt"], capture_output=True, cwd=tmp_path)

    a = cli("--no-cache")
    assert not (tmp_path / ".newslint_cache").exists()
    b = cli()
    assert (tmp_path / ".newslint_cache" / "CACHEDIR.TAG").exists()
    c = cli("--cache-dir", "elsewhere")
    d = cli("--cache-dir", "elsewhere")
    assert len(list((tmp_path / "elsewhere" / f"v{newslint.cache.FORMAT}").rglob("*.nlc"))) == 1
    assert a.stdout == b.stdout == c.stdout == d.stdout and a.returncode == d.returncode == 1
    assert b"NL101" in a.stdout


@pytest.mark.skipif(not hasattr(__import__("signal"), "pthread_sigmask"), reason="POSIX signal masks only")
def test_an_interrupt_while_an_entry_file_is_created_leaves_no_temporary_file(tmp_path, monkeypatch):
    """The interrupt arrives the moment the temporary file exists, before the writer is whole (a
    KeyboardInterrupt raised in this thread, wherever the signal was delivered): the entries being
    written are then removed, and this one is already among them."""
    import os

    class Stop(BaseException):
        pass

    def fdopen_interrupted(*_args, **_kwargs):
        raise Stop

    monkeypatch.setattr(newslint.cache.os, "fdopen", fdopen_interrupted)
    with pytest.raises(Stop):
        newslint.cache.EntryWriter(tmp_path / "ab" / "entry.nlc", "key")
    monkeypatch.setattr(newslint.cache.os, "fdopen", os.fdopen)
    assert len(list(tmp_path.rglob(".tmp-*"))) == 1  # the file was made before the run stopped
    newslint.cache.abort_open_writers()  # what an interrupted run does on its way out
    assert list(tmp_path.rglob(".tmp-*")) == []


def test_a_future_date_finding_is_not_replayed_once_the_date_has_come(tmp_path, monkeypatch):
    import datetime as real

    import newslint.checks.dates_urls as dates_urls

    story = tmp_path / "data" / "preview.md"
    story.parent.mkdir()
    story.write_text("---\ntitle: Harbour festival opens\nauthor: Ines Berg\ndate: 2026-01-05\n---\n\n"
                     "The harbour festival opens on Monday with a parade of tall ships.\n", encoding="utf-8")

    def on(day: str):
        class Clock(real.datetime):
            @classmethod
            def now(cls, tz=None):
                return real.datetime.fromisoformat(day).replace(tzinfo=tz)

        monkeypatch.setattr(dates_urls, "datetime", Clock)

    cdir = tmp_path / "cache"
    on("2026-01-01T09:00:00")
    found, _, c = run([story], cdir, config=Config(select=["NL212"]))
    assert [v.code for v in found] == ["NL212"] and c.misses == 1
    found, _, c = run([story], cdir, config=Config(select=["NL212"]))
    assert [v.code for v in found] == ["NL212"] and c.hits == 1  # the same day: replayed
    on("2026-01-09T09:00:00")  # a CI cache kept over the week
    found, _, c = run([story], cdir, config=Config(select=["NL212"]))
    assert found == [] and c.hits == 0
