"""What runs in a worker process: the tasks it receives, what it returns, how it starts and stops.

A task is a list of :class:`FileTask` (files, or one byte range of a JSON Lines file); its result,
a :class:`TaskResult`, is compact: the findings per file in output order (or the path of a spool
file when there are very many), the statistics, the dataset rules' state and what the suppression
filter learnt. :func:`lint_task` lints a task with a given Linter, in a worker or in-process.
Workers ignore Ctrl-C (the parent decides) and leave on SIGTERM, dropping unfinished cache entries
(newslint.interrupts).
"""

from __future__ import annotations

import importlib
import os
import pickle
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from newslint.cache import Cache
from newslint.config import Config
from newslint.engine import Linter, RunStats
from newslint.ranges import Range, read_range
from newslint.readers import Source
from newslint.violation import Violation

#: a worker writes findings to a spool file beyond this many per task (one huge gzipped file)
SPOOL_AFTER = 50_000


@dataclass
class FileTask:
    """One file of a task: its display path, where to read it, its cache key, its range."""

    path: str
    fs_path: str
    key: str | None = None
    range: Range | None = None
    #: the first range of a split file counts the file in the statistics
    first: bool = True


@dataclass
class TaskResult:
    #: per file of the task: findings in output order (or a spool file path)
    findings: list[list[Violation] | str] = field(default_factory=list)
    stats: RunStats = field(default_factory=RunStats)
    dataset_state: dict[str, Any] | None = None
    timings: Counter | None = None
    #: what the suppression filter learnt (suppressions kept for dataset findings)
    post_state: dict[str, Any] | None = None


_WORKER: dict[str, Any] = {}


#: the registry forked workers inherit (set in the parent only while its pool starts)
_INHERITED: dict[str, Any] = {}


def start_method() -> str:
    """``fork`` on Linux when no other thread runs in this process (forking a process with threads
    can copy a lock that some thread holds), ``spawn`` otherwise. ``NEWSLINT_START_METHOD`` chooses."""
    import threading

    chosen = os.environ.get("NEWSLINT_START_METHOD", "")
    if chosen in ("fork", "spawn", "forkserver"):
        return chosen
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _make_registry(factory: tuple[str, dict[str, Any]]) -> Any:
    inherited = _INHERITED.get("registry")
    if inherited is not None:  # a forked worker: the parent's registry, already built
        return inherited
    target, kwargs = factory
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)(**kwargs)


def _init_worker(config: Config, factory: tuple[str, dict[str, Any]], cache_root: str | None, profile: bool, spool_dir: str) -> None:
    from newslint.interrupts import worker_signals

    worker_signals(_worker_stop)
    linter = Linter(config, _make_registry(factory))
    if profile:
        linter.timings = Counter()
    _WORKER["linter"] = linter
    _WORKER["cache"] = Cache(cache_root, linter) if cache_root else None
    _WORKER["spool_dir"] = spool_dir


def _worker_stop() -> None:
    """SIGTERM in a worker (the parent is stopping early): drop unfinished cache entries, leave."""
    from newslint.cache import abort_open_writers

    abort_open_writers()
    os._exit(143)


#: a result whose pickle is longer than this reaches the parent through a file of the spool
#: folder. The message on the pool's result pipe then fits in one write that the pipe takes whole
#: (PIPE_BUF, 4,096 bytes on Linux), so a worker stopped by SIGTERM while it hands a result over
#: never leaves half a message there, which the pool's reader would wait on for ever: the run
#: would hang instead of ending with status 130 or 143
INLINE_RESULT_BYTES = 3_500


@dataclass
class SpooledResult:
    """A :class:`TaskResult` pickled into a file of the spool folder; :meth:`load` reads and removes it."""

    path: str

    def load(self) -> TaskResult:
        try:
            with open(self.path, "rb") as fh:
                return pickle.load(fh)
        finally:
            os.unlink(self.path)


def _run_task(files: list[FileTask]) -> TaskResult | SpooledResult:
    linter: Linter = _WORKER["linter"]
    cache: Cache | None = _WORKER["cache"]
    result = lint_task(linter, files, cache, _WORKER["spool_dir"])
    return handover(result, _WORKER["spool_dir"])


def handover(result: TaskResult, spool_dir: str | None) -> TaskResult | SpooledResult:
    """``result`` itself when its pickle is short, else the file it was written to (see
    :data:`INLINE_RESULT_BYTES`)."""
    data = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    if len(data) <= INLINE_RESULT_BYTES or spool_dir is None:
        return result
    fd, path = tempfile.mkstemp(prefix="result-", dir=spool_dir)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    return SpooledResult(path)


def received(result: TaskResult | SpooledResult) -> TaskResult:
    """In the parent: the TaskResult a worker handed over."""
    return result.load() if isinstance(result, SpooledResult) else result


def lint_task(linter: Linter, files: list[FileTask], cache: Cache | None, spool_dir: str | None) -> TaskResult:
    """Lint the files of one task with ``linter`` (in a worker, or in-process)."""
    result = TaskResult()
    linter.stats = RunStats()
    if linter.timings is not None:
        linter.timings = Counter()
    task_state = linter.new_dataset_state()
    for ft in files:
        source = Source(path=ft.path, fs_path=_path(ft.fs_path))
        items = None
        if ft.range is not None and ft.range.unit == "row_groups":
            from newslint.readers.parquet import ParquetReader

            items = ParquetReader().read_row_groups(source, linter.field_map, ft.range.start, ft.range.end,
                                                    ft.range.first_index)
        elif ft.range is not None:
            from newslint.readers.jsonl import JsonlReader

            reader = JsonlReader()
            items = reader.read_guarded(
                read_range(ft.fs_path, ft.range), ft.path, linter.field_map,
                first_line=ft.range.first_line, first_index=ft.range.first_index,
            )
        writer = cache.writer(ft.key) if cache is not None and ft.key and ft.range is None else None
        file_stats_before = _copy_stats(linter.stats)
        linter.dataset_state = linter.new_dataset_state()
        found: list[Violation] = []
        spool: _Spool | None = None
        for v in linter.lint_source_sorted(source, items):
            found.append(v)
            if writer is not None:
                writer.add(v)
            if len(found) >= SPOOL_AFTER and spool_dir is not None:
                spool = spool or _Spool(spool_dir)
                spool.write(found)
                found = []
        if not ft.first:
            linter.stats.files -= 1
        if writer is not None:
            writer.commit(_diff_stats(linter.stats, file_stats_before), linter.dataset_state, _kept_of(linter, ft.path))
        if spool is not None:
            spool.write(found)
            result.findings.append(spool.close())
        else:
            result.findings.append(found)
        task_state = _merge_states(linter, task_state, linter.dataset_state)
    result.stats = linter.stats
    result.dataset_state = task_state
    post = getattr(linter, "post", None)
    if post is not None and hasattr(post, "export_state"):
        result.post_state = post.export_state()
        post._kept.clear()
    result.timings = linter.timings
    return result


def _kept_of(linter: Linter, path: str) -> dict[Any, Any]:
    """The suppressions the filter keeps for dataset findings on articles of ``path``."""
    kept = getattr(getattr(linter, "post", None), "_kept", None) or {}
    return {k: v for k, v in kept.items() if k and k[0] == path}


def _path(p: str) -> Any:
    from pathlib import Path

    return Path(p)


def _merge_states(linter: Linter, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    return {r.code: r.merge(a[r.code], b[r.code]) for r in linter.dataset_rules}


def _copy_stats(s: RunStats) -> RunStats:
    return RunStats(s.files, s.articles, Counter(s.findings), Counter(s.articles_affected), s.input_errors)


def _diff_stats(after: RunStats, before: RunStats) -> RunStats:
    return RunStats(
        after.files - before.files,
        after.articles - before.articles,
        after.findings - before.findings,
        after.articles_affected - before.articles_affected,
        after.input_errors - before.input_errors,
    )


class _Spool:
    """Findings a worker hands over through a temporary file instead of one huge message."""

    def __init__(self, directory: str) -> None:
        fd, self.path = tempfile.mkstemp(prefix="spool-", dir=directory)
        self.fh = os.fdopen(fd, "wb")

    def write(self, violations: list[Violation]) -> None:
        if violations:
            pickle.dump(violations, self.fh, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> str:
        self.fh.close()
        return self.path


def _read_spool(path: str) -> Iterator[Violation]:
    try:
        with open(path, "rb") as fh:
            while True:
                try:
                    chunk = pickle.load(fh)
                except EOFError:
                    return
                yield from chunk
    finally:
        os.unlink(path)
