"""Fixing CSV and TSV files: only the changed cells of the changed rows are rewritten.

The file is streamed row by row (:func:`newslint.readers.csvfile.iter_rows` keeps each row's exact
bytes). A row with something to fix is fixed through its JSON image
(:func:`newslint.fixer.recordfix.fix_record`); the new value of each changed cell replaces that
cell's raw span in the row, quoted the way the cell was (a quoted cell stays quoted, an unquoted one
is quoted only when the new text needs it: a separator, a quote or a line break). Every other cell,
the separators, the line endings and every other row stay byte for byte; the row is parsed again
to check that only the changed cells changed. The temporary file is written from the first changed
row on (the unchanged prefix is copied), and a file that cannot be read to its end is not written.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterator
from typing import Any

from newslint.article import Article
from newslint.fixer.atomic import AtomicFile
from newslint.fixer.plan import FixError
from newslint.fixer.recordfix import fix_record
from newslint.readers import InputProblem, Source
from newslint.readers.compression import codec_of
from newslint.readers.csvfile import CsvRow, delimiter_for, iter_rows, make_dialect
from newslint.violation import Violation

QUOTE = '"'


def field_spans(text: str, delimiter: str) -> list[tuple[int, int, bool]]:
    """(start, end, quoted) of every cell of one record's text (line terminator excluded)."""
    n = len(text)
    stop = n - (2 if text.endswith("\r\n") else 1 if text.endswith(("\n", "\r")) else 0)
    spans: list[tuple[int, int, bool]] = []
    i = 0
    while True:
        quoted = i < stop and text[i] == QUOTE
        j = i
        if quoted:
            j = i + 1
            while True:
                k = text.find(QUOTE, j)
                if k == -1:
                    raise FixError("a quoted field is never closed")
                if text.startswith(QUOTE * 2, k):
                    j = k + 2
                    continue
                j = k + 1
                break
        e = text.find(delimiter, j, stop)
        e = stop if e == -1 else e
        spans.append((i, e, quoted))
        if e >= stop:
            return spans
        i = e + 1


def encode_cell(value: str, quoted: bool, delimiter: str) -> str:
    if quoted or any(c in value for c in (delimiter, QUOTE, "\n", "\r")):
        return QUOTE + value.replace(QUOTE, QUOTE * 2) + QUOTE
    return value


def _lines(text: str) -> list[str]:
    """``text`` cut after each ``\n`` only, as the reader cuts the file's bytes."""
    parts = text.split("\n")
    return [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def parse_record(text: str, delimiter: str) -> list[str]:
    rows = list(csv.reader(_lines(text) or [""], make_dialect(delimiter)))
    if len(rows) != 1:
        raise FixError("the row would not stay one row")
    return rows[0]


def splice_row(raw: bytes, header: list[str], changes: dict[str, Any], delimiter: str) -> bytes:
    """The row's bytes with the cells of ``changes`` (column -> new text or None) replaced."""
    text = raw.decode("utf-8")
    spans = field_spans(text, delimiter)
    old = parse_record(text, delimiter)
    if len(spans) != len(header) or len(old) != len(header):
        raise FixError("cannot locate the row's cells")
    col = {name: k for k, name in enumerate(header)}  # a repeated column name: the last one, as read
    expected = list(old)
    pieces: list[tuple[int, int, str]] = []
    for name, value in changes.items():
        if value is not None and not isinstance(value, str):
            raise FixError(f"column '{name}' would hold a {type(value).__name__}")
        k = col[name]
        value = value or ""
        start, end, quoted = spans[k]
        pieces.append((start, end, encode_cell(value, quoted, delimiter)))
        expected[k] = value
    for start, end, new in sorted(pieces, reverse=True):
        text = text[:start] + new + text[end:]
    if parse_record(text, delimiter) != expected:
        raise FixError("the fixed row would not read back as written")
    return text.encode("utf-8")


def fix_csv(fixer: Any, source: Source, reader: Any) -> Iterator[Violation]:
    """Fix one CSV/TSV source, streaming; yields what remains, row by row."""
    linter = fixer.linter
    path = source.path
    writer: AtomicFile | None = None
    offset = 0
    header: list[str] | None = None
    delimiter = ","
    stdin_buf: list[bytes] | None = [] if (source.fs_path is None and fixer.mode == "fix") else None
    fixed_here: list[Violation] = []
    header_done = False
    shift = 0  # lines added (or removed, negative) by the fixes so far, for diff hunks
    ok = False
    broken = _unreadable_row(source, path)
    if broken is not None:
        # findings stream row by row as rows are fixed: a row found unreadable further down would
        # leave the file unwritten after the rows above were reported as fixed. Reported as it is.
        fixer.summary.notes.append(f"{path}:{broken.line}:1: not fixed: a row cannot be read ({broken.code})")
        yield from fixer.unfixed(source)
        return
    unwritable: list[Violation] = []  # the NL001 of a replacement file that cannot be written
    read = os.stat(source.fs_path) if source.fs_path is not None else None

    def writable(start: bool = True) -> bool:
        """Before the first changed row is reported as fixed (``start``): start the replacement file.
        When it cannot be written (a read-only folder), say so once and lint the rest as it is."""
        nonlocal writer
        if unwritable:
            return False
        if not start or fixer.mode != "fix" or stdin_buf is not None or writer is not None:
            return True
        try:
            assert source.fs_path is not None
            from newslint.fixer import _copy_prefix

            writer = AtomicFile(str(source.fs_path), codec=codec_of(path), read=read)
            _copy_prefix(source, writer, offset)
        except OSError as exc:
            if writer is not None:
                writer.abort()
                writer = None
            unwritable.append(linter.input_violation(path, InputProblem("NL001", f"cannot fix: {exc.strerror or exc}")))
            return False
        return True

    try:
        with source.open_binary() as fh:
            for row in iter_rows(fh, path):
                if isinstance(row, InputProblem):
                    # the rest of the file cannot be read: report it and write nothing
                    yield linter.input_violation(path, row)
                    return
                new_raw = row.raw
                result: list[Violation] = []
                if row.header:
                    header = row.values
                    delimiter = delimiter_for(path, row.raw)
                elif row.values is not None:
                    assert header is not None
                    item = reader.article(header, row, path, linter.field_map)
                    if isinstance(item, InputProblem):
                        result = [linter.input_violation(path, item)]
                    else:
                        had = len(unwritable)
                        new_raw, result = _fix_row(fixer, item, row, header, delimiter, fixed_here,
                                                   reader.field_map_for(linter.field_map, header), writable)
                        if len(unwritable) > had:
                            yield unwritable[-1]
                if new_raw != row.raw and fixer.mode == "diff":
                    if not header_done:
                        fixer.stdout.write(f"--- {path}\n+++ {path}\n")
                        header_done = True
                    shift = _hunk(fixer.stdout, row.line, shift, row.raw, new_raw)
                if writer is not None:
                    writer.write(new_raw)
                if stdin_buf is not None:
                    stdin_buf.append(new_raw)
                offset += len(row.raw)
                yield from sorted(result, key=Violation.sort_key)
        ok = True
    finally:
        if writer is not None:
            if ok:
                writer.commit()
            else:
                writer.abort()
    fixer._count(path, fixed_here)
    if stdin_buf is not None:
        fixer._write_stdout(b"".join(stdin_buf))


def _unreadable_row(source: Source, path: str) -> InputProblem | None:
    """The problem of the first row that cannot be read (the rest of the file is lost to it), or
    None: one pass of the CSV parser over the file before it is fixed."""
    with source.open_binary() as fh:
        for row in iter_rows(fh, path):
            if isinstance(row, InputProblem):
                return row
    return None


def _fix_row(fixer: Any, item: Article, row: CsvRow, header: list[str], delimiter: str, fixed_here: list[Violation],
             field_map: dict[str, tuple[str, ...]], writable: Any = lambda start=True: True):
    linter = fixer.linter
    vs = linter.check_article(item)
    if not writable(start=False) or not fixer.fixable(item, vs):
        return row.raw, linter.record_article(item, vs)
    assert item.raw is not None
    changes, out = fix_record(fixer, item.raw, path=item.path, fmt=item.format, line=row.line, index=row.index,
                              columns=set(header), field_map=field_map)
    new_raw = row.raw
    if changes:
        try:
            new_raw = splice_row(row.raw, header, changes, delimiter)
        except FixError as exc:
            # nothing of this row is written: report what the rules find in it as it is
            fixer.summary.notes.append(f"{item.path}:{row.line}:1: row not fixed: {exc}")
            return row.raw, linter.record_article(item, vs)
        if new_raw != row.raw and not writable():
            return row.raw, linter.record_article(item, vs)
        fixed_here.extend(out.fixed)
    return new_raw, fixer._finish_articles(item.path, out)


def _hunk(stream: Any, line: int, shift: int, old: bytes, new: bytes) -> int:
    a = _lines(old.decode("utf-8"))
    b = _lines(new.decode("utf-8"))
    stream.write(f"@@ -{line},{len(a)} +{line + shift},{len(b)} @@\n")
    for sign, lines in (("-", a), ("+", b)):
        for text in lines:
            stream.write(sign + text if text.endswith("\n") else sign + text + "\n\\ No newline at end of file\n")
    return shift + len(b) - len(a)
