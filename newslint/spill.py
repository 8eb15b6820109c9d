"""Sorting more findings than should be held in memory: sorted runs spilled to temporary files,
merged back in order.

The dataset rules report at the end of a run, and their findings are reported sorted by file and
line. On a dataset of a million articles they can number hundreds of thousands (one per repeated
template paragraph, per copy, per near duplicate), about a kilobyte each as objects: held in one
list to be sorted, they made the peak memory of a run grow with the dataset. :class:`SortedSpill`
holds at most ``chunk`` of them; each full chunk is sorted and pickled to an anonymous temporary
file (removed by the system when it is closed, or when the process ends however it ends), and the
runs are merged back with :func:`heapq.merge`, which keeps items of equal keys in the order they
were added, as one stable sort of everything would. Findings are pickled because they cross
process boundaries already (``-j``): they are newslint's own objects, never read from input.

When a chunk cannot be written (a full disk, no temporary directory, an object a plugin made that
pickle refuses), the run goes on with everything in memory, as before this module existed.
"""

from __future__ import annotations

import heapq
import pickle
import tempfile
from collections.abc import Callable, Iterator
from typing import IO, Any

#: findings pickled together: one load brings back this many per run during the merge
BATCH = 256


class SortedSpill:
    """Collect items with :meth:`add`, then iterate them sorted by ``key`` (stably) with
    :meth:`drain`, holding about ``chunk`` items in memory at a time (all of them when ``chunk`` is
    None), plus one batch per spilled run during the merge. Every run goes to one temporary file (one file descriptor however many runs
    there are), each run a stretch of it."""

    def __init__(self, key: Callable[[Any], Any], chunk: int | None) -> None:
        self.key = key
        self.chunk = max(int(chunk), 1) if chunk is not None else 0
        self.items: list[Any] = []
        self.file: IO[bytes] | None = None
        #: (start, end) offsets of each sorted run in the file
        self.runs: list[tuple[int, int]] = []
        #: False with no chunk (everything in memory) or once a chunk could not be written
        self.spilling = chunk is not None

    def add(self, item: Any) -> None:
        self.items.append(item)
        if self.spilling and len(self.items) >= self.chunk:
            self._spill()

    def _spill(self) -> None:
        self.items.sort(key=self.key)
        try:
            if self.file is None:
                self.file = tempfile.TemporaryFile(prefix="newslint-sort-")
            fh = self.file
            fh.seek(0, 2)
            start = fh.tell()
            for i in range(0, len(self.items), BATCH):
                # a fresh pickler each batch: its memo would otherwise keep every pickled item alive
                pickle.dump(self.items[i : i + BATCH], fh, protocol=pickle.HIGHEST_PROTOCOL)
            end = fh.tell()
        except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
            self.spilling = False  # what was written is never read: the runs end at their offsets
            return
        self.runs.append((start, end))
        self.items = []

    def drain(self) -> Iterator[Any]:
        """Every item added, sorted; the temporary file is closed (and so removed) at the end, or
        when the iterator is closed or collected unfinished."""
        self.items.sort(key=self.key)
        items, runs, fh = self.items, self.runs, self.file
        self.items, self.runs, self.file = [], [], None
        try:
            if not runs:
                yield from items
                return
            yield from heapq.merge(*(_read(fh, start, end) for start, end in runs), items, key=self.key)
        finally:
            if fh is not None:
                fh.close()


def _read(fh: IO[bytes], start: int, end: int) -> Iterator[Any]:
    """The items of the run written between ``start`` and ``end``; other runs read the same file
    in between, so each batch is read from where this run left off."""
    pos = start
    while pos < end:
        fh.seek(pos)
        batch = pickle.load(fh)
        pos = fh.tell()
        yield from batch
