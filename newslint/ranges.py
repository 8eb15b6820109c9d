"""JSON Lines files cut into byte ranges for worker processes, with true line numbers and record indexes.

A range starts at a line start. The parent finds the cut points and counts the lines and records
before each one with a fast scan (``bytes.count`` and one regular expression per block), so a
worker that reads only its range still reports the file's real line numbers and record indexes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass

#: a JSON Lines file is split into ranges of at most this size (see newslint.parallel.Runner.range_size)
RANGE_BYTES = 8 << 20
_SCAN_BLOCK = 8 << 20
_WS = rb"[ \t\r\x0b\x0c]"
#: a newline followed by a blank line (or by a final line of white space only)
_BLANK_AFTER_NL = re.compile(rb"\n(?=" + _WS + rb"*\n|" + _WS + rb"+\Z)")
_BLANK_FIRST = re.compile(_WS + rb"*(?:\n|\Z)")
#: the file's first line is blank too when it holds only a UTF-8 byte-order mark and white space
_BLANK_FIRST_OF_FILE = re.compile(rb"(?:\xef\xbb\xbf)?" + _WS + rb"*(?:\n|\Z)")


@dataclass(frozen=True)
class Range:
    """Bytes ``[start, end)`` of a file (row groups ``[start, end)`` of a Parquet file, ``unit``
    "row_groups"); the first line is number ``first_line`` and the first record has index
    ``first_index``."""

    start: int
    end: int
    first_line: int
    first_index: int
    unit: str = "bytes"


def count_lines(block: bytes, file_start: bool = False) -> tuple[int, int]:
    """(newlines, blank lines) of a block that starts at a line start (at the start of the file with
    ``file_start``) and ends after a newline or at the end of the file. A blank line holds only ASCII
    white space, and the file's first line may begin with a byte-order mark, as the JSON Lines
    reader sees it."""
    if not block:
        return 0, 0
    blank = len(_BLANK_AFTER_NL.findall(block))
    if (_BLANK_FIRST_OF_FILE if file_start else _BLANK_FIRST).match(block):
        blank += 1
    return block.count(b"\n"), blank


def split_jsonl(path: str | os.PathLike[str], range_bytes: int = RANGE_BYTES, tail_bytes: int | None = None,
                jobs: int = 1) -> list[Range]:
    """Cut a JSON Lines file into ranges aligned to line starts, with line and record offsets."""
    return list(iter_ranges(path, range_bytes, tail_bytes, jobs))


def iter_ranges(path: str | os.PathLike[str], range_bytes: int = RANGE_BYTES, tail_bytes: int | None = None,
                jobs: int = 1) -> Iterator[Range]:
    """The ranges of :func:`split_jsonl`, lazily: range k+1 is computed (its start found and range k
    scanned for newlines and blank lines) only when asked for, so workers start on the first ranges
    while the parent scans on.

    With ``tail_bytes``, ranges shrink towards the end of the file: each is at most the rest of the
    file shared by twice ``jobs`` (and at least ``tail_bytes``), so the last ranges are short and no
    worker is left alone with a long one while the others have finished.
    """
    size = os.path.getsize(path)
    line, index = 1, 0
    start = 0
    with open(path, "rb") as fh:
        while start < size or (start == 0 and size == 0):
            end = size
            step = range_bytes
            if tail_bytes is not None:
                step = min(range_bytes, max(tail_bytes, (size - start) // (2 * max(jobs, 1))))
            if start + step < size:
                fh.seek(start + step - 1)
                fh.readline()  # to the end of the line holding that byte: the next range starts after it
                end = min(fh.tell(), size)
            yield Range(start, end, line, index)
            if end >= size:
                return
            fh.seek(start)
            remaining = end - start
            newlines = blanks = 0
            while remaining > 0:
                file_start = fh.tell() == 0
                block = fh.read(min(_SCAN_BLOCK, remaining))
                if not block:
                    # the file got shorter while it was read: no range starts after its end. An
                    # empty range at the size measured first is the last one, so that the file's
                    # results are put together; the ranges given out read to the new end
                    yield Range(size, size, line, index)
                    return
                remaining -= len(block)
                if remaining > 0 and not block.endswith(b"\n"):
                    tail = fh.readline()  # stays inside the range: the range ends at a line start
                    remaining -= len(tail)
                    block += tail
                n, b = count_lines(block, file_start)
                newlines += n
                blanks += b
            # a range other than the last ends with a newline: its lines are its newlines
            line += newlines
            index += newlines - blanks
            start = end


def read_range(path: str | os.PathLike[str], rng: Range) -> Iterator[bytes]:
    """The lines of one range, newline included."""
    remaining = rng.end - rng.start
    if remaining <= 0:
        return
    with open(path, "rb") as fh:
        fh.seek(rng.start)
        for raw in fh:
            yield raw
            remaining -= len(raw)
            if remaining <= 0:
                return
