"""Runs over many files and big datasets: worker processes and the result cache.

:class:`Runner` produces exactly the output of :meth:`newslint.engine.Linter.run` (same findings,
same order, same statistics), whatever the number of jobs and whether files come from the cache:
findings sorted per file, files in discovery order, dataset findings last.

Work is cut into tasks (what a worker does with one: newslint/workers.py):

* a plain JSON Lines file is split into byte ranges that start at line starts (newslint/ranges.py),
  at least ``RANGES_PER_JOB`` per worker and at most ``range_bytes`` each; the parent finds the
  cut points and counts the lines and records before each one with a fast scan, so each worker
  reports true line numbers and record indexes;
* other files are grouped into tasks of up to ``batch_bytes`` or ``batch_files`` consecutive files;
* a Parquet file larger than the range size with several row groups is split into runs of row
  groups of about that many (uncompressed) bytes, numbered from the row counts in its footer;
* a compressed file (gzip, xz, bzip2, zstd) cannot be split and is one task.

Workers receive the Config and rebuild the registry and Linter themselves (``spawn`` start
method, the same on every platform), except on Linux when this process runs no other thread: there
they are forked, inherit the registry as it is and start at once, instead of each paying the
start-up of a fresh interpreter (imports, rule packs compiled again) before its first task. They
return compact results per task: findings, statistics and the dataset rules' state of the task,
which the parent merges (:meth:`DatasetRule.merge`) in
discovery order before calling ``finish``. At most ``2 * jobs`` tasks are in flight, so memory
stays bounded whatever the size of the input. Inputs smaller than ``SMALL_INPUT_BYTES`` in total
are linted in-process: starting workers costs more than it saves (pre-commit runs)."""

from __future__ import annotations

import os
import pickle
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newslint import workers
from newslint.cache import Cache, CachedEntry, CacheCorrupt, EntryWriter
from newslint.engine import Linter, RunStats
from newslint.ranges import RANGE_BYTES, Range, count_lines, iter_ranges, read_range, split_jsonl
from newslint.readers import Source
from newslint.readers.compression import codec_of
from newslint.violation import Violation
from newslint.workers import (
    SPOOL_AFTER,
    FileTask,
    TaskResult,
    _init_worker,
    _kept_of,
    _merge_states,
    _read_spool,
    _run_task,
    lint_task,
    received,
    start_method,
)

#: below this many bytes of input in total, a run stays in one process
SMALL_INPUT_BYTES = 1 << 20
#: ... and into at least this many ranges per worker, so that no worker is left with a long last
#: range while the others wait (a 35 MB file in 8 MB ranges kept two workers busy for 1.6 times,
#: not 2 times, the work of one) ...
RANGES_PER_JOB = 8
#: ... unless that makes ranges smaller than this
MIN_RANGE_BYTES = 1 << 20
#: towards the end of a file ranges shrink down to this size (newslint.ranges.iter_ranges), so that
#: the last one keeps a worker busy for a fraction of a second, not for one range's whole time
TAIL_RANGE_BYTES = 256 << 10
#: small files are grouped into tasks of about this many bytes ...
BATCH_BYTES = 4 << 20
#: ... or this many files
BATCH_FILES = 64


def default_jobs() -> int:
    return os.cpu_count() or 1

# ---------------------------------------------------------------------------- the runner
class Runner:
    """Lint sources with ``jobs`` processes and an optional cache; output as ``Linter.run``."""

    def __init__(
        self,
        linter: Linter,
        jobs: int = 1,
        cache: Cache | None = None,
        *,
        small_input_bytes: int = SMALL_INPUT_BYTES,
        range_bytes: int = RANGE_BYTES,
        batch_bytes: int = BATCH_BYTES,
        batch_files: int = BATCH_FILES,
    ) -> None:
        self.linter = linter
        self.jobs = max(1, jobs)
        self.cache = cache
        self.small_input_bytes = small_input_bytes
        self.range_bytes = range_bytes
        self.batch_bytes = batch_bytes
        self.batch_files = batch_files
        #: how the last run went: "in-process" or "N workers"; and why it stayed in-process
        self.mode = "in-process"
        self.reason = ""
        if cache is not None:
            cache.ensure_dir()

    # -------------------------------------------------------------- entry point
    def run(self, sources: Iterable[Source | Violation]) -> Iterator[Violation]:
        it = iter(sources)
        head: list[Source | Violation] = []
        parallel = False
        if self._stateful_post():
            self.cache = None  # baseline matching and writing count every finding: no shortcuts
            if self.jobs > 1:
                self.reason = "a baseline is used or written"
        elif self.jobs > 1 and self.linter.registry.factory is None:
            self.reason = "the registry was assembled by hand and cannot be rebuilt in workers"
        if self.jobs > 1 and not self.reason:
            total = 0
            for item in it:
                head.append(item)
                if isinstance(item, Source):
                    total += _size(item)
                if total >= self.small_input_bytes:
                    parallel = True
                    break
            if not parallel:
                self.reason = f"input under {self.small_input_bytes} bytes"
        all_sources = _chain(head, it)
        if parallel:
            self.mode = f"{self.jobs} workers"
            yield from self._run_parallel(all_sources)
        else:
            self.mode = "in-process"
            yield from self._run_local(all_sources)
        yield from self.linter.finish_stream()

    # -------------------------------------------------------------- one process
    def _run_local(self, sources: Iterator[Source | Violation]) -> Iterator[Violation]:
        linter = self.linter
        for source in sources:
            if isinstance(source, Violation):
                yield from self._discovery_error(source)
                continue
            key = self.cache.key_for(source) if self.cache is not None else None
            if key is not None:
                entry = self.cache.lookup(key)  # type: ignore[union-attr]
                if entry is not None:
                    replay = self._replay(entry)
                    if replay is not None:
                        yield from replay
                        continue
            if key is None:
                yield from linter.lint_source_sorted(source)
                continue
            # lint with a state of its own, so that it can be cached, then merge
            global_state, stats = linter.dataset_state, linter.stats
            linter.dataset_state, linter.stats = linter.new_dataset_state(), RunStats()
            writer = self.cache.writer(key)  # type: ignore[union-attr]
            try:
                for v in linter.lint_source_sorted(source):
                    if writer is not None:
                        writer.add(v)
                    yield v
            except BaseException:  # interrupted, or the consumer stopped early: no entry
                if writer is not None:
                    writer.abort()
                raise
            finally:
                file_state, file_stats = linter.dataset_state, linter.stats
                linter.dataset_state, linter.stats = global_state, stats
            if writer is not None:
                writer.commit(file_stats, file_state, _kept_of(linter, source.path))
            stats.merge(file_stats)
            linter.merge_dataset_state(file_state)

    def _replay(self, entry: CachedEntry) -> list[Violation] | None:
        """The findings of a cache entry (state and statistics merged), or None if it is corrupt."""
        try:
            found = list(entry.violations())
        except (CacheCorrupt, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError,
                ImportError, IndexError, KeyError):
            return None
        if entry.stats is None or entry.dataset_state is None or set(entry.dataset_state) != {
            r.code for r in self.linter.dataset_rules
        }:
            return None
        self.linter.stats.merge(entry.stats)
        self.linter.merge_dataset_state(entry.dataset_state)
        post = getattr(self.linter, "post", None)
        if entry.kept and post is not None:
            post._kept.update(entry.kept)
        return found

    def _merge_post(self, state: dict[str, Any] | None) -> None:
        post = getattr(self.linter, "post", None)
        if state is not None and post is not None:
            post.merge_state(state)

    def _stateful_post(self) -> bool:
        """A baseline being matched or written needs every finding in this process."""
        post = getattr(self.linter, "post", None)
        return post is not None and (getattr(post, "baseline", None) is not None or getattr(post, "writer", None) is not None)

    def _discovery_error(self, v: Violation) -> Iterator[Violation]:
        self.linter.stats.input_errors += 1
        self.linter.stats.findings[v.code] += 1
        yield v

    # -------------------------------------------------------------- worker processes
    def _plan(self, sources: Iterator[Source | Violation]) -> Iterator[tuple[str, Any]]:
        """Units in output order: ("error", v), ("local", source), ("cached", entry), ("task", [FileTask]),
        ("split", (FileTask, n_ranges)) followed by its range tasks."""
        batch: list[FileTask] = []
        batch_size = 0
        for source in sources:
            if isinstance(source, Violation) or source.data is not None or source.fs_path is None:
                if batch:
                    yield "task", batch
                    batch, batch_size = [], 0
                yield ("error" if isinstance(source, Violation) else "local"), source
                continue
            key = self.cache.key_for(source) if self.cache is not None else None
            if key is not None:
                entry = self.cache.lookup(key)  # type: ignore[union-attr]
                if entry is not None:
                    if batch:
                        yield "task", batch
                        batch, batch_size = [], 0
                    yield "cached", (source, entry)
                    continue
            size = _size(source)
            range_bytes = self.range_size(size)
            ranges = self._ranges(source, size, range_bytes) if size > range_bytes else None
            if ranges is not None:
                if batch:
                    yield "task", batch
                    batch, batch_size = [], 0
                split = _SplitFile(FileTask(source.path, str(source.fs_path), key))
                yield "split", split
                for rng, last in ranges:
                    yield "range", (split, [FileTask(source.path, str(source.fs_path), None, rng, first=rng.start == 0)], last)
                continue
            batch.append(FileTask(source.path, str(source.fs_path), key))
            batch_size += size
            if batch_size >= self.batch_bytes or len(batch) >= self.batch_files:
                yield "task", batch
                batch, batch_size = [], 0
        if batch:
            yield "task", batch

    def range_size(self, size: int) -> int:
        """The range size for a file of ``size`` bytes: ``RANGES_PER_JOB`` ranges per worker at least,
        each of ``MIN_RANGE_BYTES`` or more, none over ``range_bytes``."""
        wanted = -(-size // (self.jobs * RANGES_PER_JOB))
        return min(self.range_bytes, max(wanted, MIN_RANGE_BYTES))

    def _splittable(self, source: Source) -> bool:
        from newslint.readers.jsonl import JsonlReader

        reader = self.linter.reader_for(source.path)
        return type(reader) is JsonlReader and codec_of(source.path) is None

    def _ranges(self, source: Source, size: int, range_bytes: int) -> Iterator[tuple[Range, bool]] | None:
        """(range, is the last) of a file to split across workers, or None to keep it whole."""
        if self._splittable(source):
            tail = min(range_bytes, TAIL_RANGE_BYTES)
            return ((rng, rng.end >= size) for rng in iter_ranges(source.fs_path, range_bytes, tail, self.jobs))
        from newslint.readers.parquet import ParquetReader, row_group_ranges

        if type(self.linter.reader_for(source.path)) is ParquetReader:
            runs = row_group_ranges(source, range_bytes)  # None: no pyarrow, unreadable, one run
            if runs:
                return ((Range(a, b, first + 1, first, "row_groups"), k == len(runs) - 1)
                        for k, (a, b, first) in enumerate(runs))
        return None

    def _run_parallel(self, sources: Iterator[Source | Violation]) -> Iterator[Violation]:
        import multiprocessing  # here, not at the top: a one-file run never starts a worker

        linter = self.linter
        profile = linter.timings is not None
        cache_root = str(self.cache.root) if self.cache is not None and self.cache.writable else None
        method = start_method()
        ctx = multiprocessing.get_context(method)
        if method == "fork":
            workers._INHERITED["registry"] = linter.registry
        try:
            yield from self._run_pool(ctx, sources, cache_root, profile)
        finally:
            workers._INHERITED.clear()

    def _run_pool(self, ctx: Any, sources: Iterator[Source | Violation], cache_root: str | None, profile: bool) -> Iterator[Violation]:
        from concurrent.futures import Future, ProcessPoolExecutor

        linter = self.linter
        with tempfile.TemporaryDirectory(prefix="newslint-") as spool_dir, ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=ctx,
            initializer=_init_worker,
            initargs=(linter.config, linter.registry.factory, cache_root, profile, spool_dir),
        ) as pool:
            plan = self._plan(sources)
            pending: deque[tuple[str, Any]] = deque()
            inflight = 0
            max_inflight = 2 * self.jobs
            done = False
            splits: list[_SplitFile] = []
            #: the files of each task submitted and not yet taken back, to name them should a worker die
            submitted: dict[Any, list[FileTask]] = {}
            try:
                while True:
                    while not done and inflight < max_inflight and len(pending) < 1024:
                        try:
                            kind, payload = next(plan)
                        except StopIteration:
                            done = True
                            break
                        if kind == "task":
                            files, payload = payload, pool.submit(_run_task, payload)
                            submitted[payload] = files
                            inflight += 1
                        elif kind == "range":
                            files = payload[1]
                            payload = (payload[0], pool.submit(_run_task, files), payload[2])
                            submitted[payload[1]] = files
                            inflight += 1
                        pending.append((kind, payload))
                    if not pending:
                        break
                    kind, payload = pending.popleft()
                    if kind == "error":
                        yield from self._discovery_error(payload)
                    elif kind == "local":
                        yield from linter.lint_source_sorted(payload)
                    elif kind == "cached":
                        source, entry = payload
                        replay = self._replay(entry)
                        if replay is None:  # corrupt after all: lint it here
                            yield from self._run_local(iter([source]))
                        else:
                            yield from replay
                    elif kind == "task":
                        inflight -= 1
                        result = payload.result()
                        del submitted[payload]
                        yield from self._task_output(received(result))
                    elif kind == "split":
                        self._split_start(payload)
                        splits = [s for s in splits if s.writer is not None] + [payload]
                    elif kind == "range":
                        inflight -= 1
                        split, fut, last = payload
                        result = fut.result()
                        del submitted[fut]
                        yield from self._range_output(split, received(result), last)
            except BaseException as exc:
                # interrupted (Ctrl-C, SIGTERM), or the consumer stopped reading: stop the workers
                # now rather than let them finish their tasks, and commit no cache entry
                for _kind, payload in pending:
                    fut = payload[1] if _kind == "range" else payload
                    if isinstance(fut, Future):
                        fut.cancel()
                for split in splits:
                    if split.writer is not None:
                        split.writer.abort()
                        split.writer = None
                processes = list((getattr(pool, "_processes", None) or {}).values())
                _stop_workers(pool)
                if _is_broken_pool(exc):
                    from newslint.guard import RunError

                    raise RunError(_worker_lost(processes, submitted)) from exc
                raise

    def _task_output(self, result: TaskResult) -> Iterator[Violation]:
        for found in result.findings:
            yield from (_read_spool(found) if isinstance(found, str) else found)
        self._absorb(result)

    def _absorb(self, result: TaskResult) -> None:
        self._merge_post(result.post_state)
        self.linter.stats.merge(result.stats)
        if result.dataset_state is not None:
            self.linter.merge_dataset_state(result.dataset_state)
        if self.linter.timings is not None and result.timings:
            self.linter.timings.update(result.timings)

    def _split_start(self, split: "_SplitFile") -> None:
        if self.cache is not None and split.task.key:
            split.writer = self.cache.writer(split.task.key)

    def _range_output(self, split: "_SplitFile", result: TaskResult, last: bool) -> Iterator[Violation]:
        """Findings of one range of a split file; after the last range the file's cache entry is
        committed and its dataset state merged into the run's."""
        linter = self.linter
        for found in result.findings:
            for v in _read_spool(found) if isinstance(found, str) else found:
                if split.writer is not None:
                    split.writer.add(v)
                yield v
        split.stats.merge(result.stats)
        if result.post_state is not None:
            split.kept.update(result.post_state.get("kept", {}))
        self._merge_post(result.post_state)
        if linter.timings is not None and result.timings:
            linter.timings.update(result.timings)
        state = result.dataset_state or linter.new_dataset_state()
        split.state = state if split.state is None else _merge_states(linter, split.state, state)
        if last:
            if split.writer is not None:
                split.writer.commit(split.stats, split.state, split.kept)
                split.writer = None
            linter.stats.merge(split.stats)
            linter.merge_dataset_state(split.state)


def _is_broken_pool(exc: BaseException) -> bool:
    from concurrent.futures.process import BrokenProcessPool

    return isinstance(exc, BrokenProcessPool)


def _worker_lost(processes: list, submitted: dict[Any, list[FileTask]]) -> str:
    """What to say when a worker process died (killed by the system, often for want of memory, or
    crashed in compiled code): how it ended, and the files (from which line, for a range) that the
    run's workers held at that moment, one of which it was linting. The findings printed before
    are those of the files before these."""
    import signal

    how = "ended unexpectedly"
    for proc in processes:
        code = proc.exitcode
        if code in (None, 0, -signal.SIGTERM, 128 + signal.SIGTERM):  # ended by the pool or by us
            continue
        if code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            how = f"was killed by {name}" + (" (the system may have run out of memory)" if -code == signal.SIGKILL else "")
        else:
            how = f"exited with status {code}"
        break
    held: dict[str, list[int]] = {}  # path -> the first lines (rows) of its ranges
    unit: dict[str, str] = {}
    for fut, files in submitted.items():
        if fut.done() and not fut.cancelled() and fut.exception() is None:
            continue  # finished: not what the worker was on
        for task in files:
            starts = held.setdefault(task.path, [])
            if task.range is not None:
                starts.append(task.range.first_line)
                unit[task.path] = "row" if task.range.unit == "row_groups" else "line"
    named = [f"{path} (from {_counted(unit[path], starts)})" if starts else path for path, starts in held.items()]
    if named:
        shown = ", ".join(named[:3]) + (f" and {len(named) - 3} more files" if len(named) > 3 else "")
        where = f" while the workers held {shown}"
    else:
        where = ""
    return (f"a worker process {how}{where}; the findings printed are incomplete "
            "(run again with fewer jobs, -j 1, or on smaller files)")


def _counted(unit: str, numbers: list[int]) -> str:
    """"line 4", "lines 4 and 90", "lines 4, 90 and 200"."""
    if len(numbers) == 1:
        return f"{unit} {numbers[0]}"
    return f"{unit}s {', '.join(map(str, numbers[:-1]))} and {numbers[-1]}"


def _stop_workers(pool: Any) -> None:
    """Cancel what is queued and end the worker processes (SIGTERM: they drop unfinished cache
    entries and leave at once)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join()
    # The pool's manager thread closes its wake-up pipe as it ends, and the interpreter's exit hook
    # (concurrent.futures.process._python_exit) writes to that pipe: when the two ran at once, the
    # exit after Ctrl-C printed "Exception ignored ... Bad file descriptor". With the workers gone
    # the thread ends at once; once it has, the pipe is closed and the hook leaves it alone. Should
    # it not end, the hook is told to leave it alone.
    if manager is not None:
        manager.join(_MANAGER_JOIN_SECONDS)
        if manager.is_alive():
            from concurrent.futures import process as _process

            getattr(_process, "_threads_wakeups", {}).pop(manager, None)


#: how long a stop waits for the pool's manager thread, which ends as soon as its workers have
_MANAGER_JOIN_SECONDS = 10.0


@dataclass
class _SplitFile:
    """A JSON Lines file split into ranges, assembled in order as the ranges come back."""

    task: FileTask
    stats: RunStats = field(default_factory=RunStats)
    state: dict[str, Any] | None = None
    writer: EntryWriter | None = None
    kept: dict[Any, Any] = field(default_factory=dict)


def _size(source: Source) -> int:
    if source.data is not None:
        return len(source.data)
    try:
        return os.path.getsize(source.fs_path) if source.fs_path is not None else 0
    except OSError:
        return 0


def _chain(head: list[Any], rest: Iterator[Any]) -> Iterator[Any]:
    yield from head
    yield from rest


def run(linter: Linter, sources: Iterable[Source | Violation], jobs: int = 1, cache: Cache | None = None) -> Iterator[Violation]:
    """Convenience: ``Runner(linter, jobs, cache).run(sources)``."""
    return Runner(linter, jobs, cache).run(sources)


__all__ = [
    "Runner", "Range", "FileTask", "TaskResult", "SPOOL_AFTER", "split_jsonl", "count_lines", "read_range",
    "lint_task", "start_method", "default_jobs", "run", "SMALL_INPUT_BYTES",
]
