"""CSV and TSV exports (``.csv``, ``.tsv``, ``.tab``, optionally gzipped), with the standard csv module.

The header row names the columns, which are mapped to fields like the keys of a JSON record
(``--field`` works the same). Fields may be of any size and hold line breaks inside quotes; the
file is streamed record by record, so memory does not grow with its size. A finding's line is the
line where its row starts, and the row is named by its id column (or ``#index``, counting data rows
from 0).

The dialect: ``.tsv``/``.tab`` are tab-separated; for ``.csv`` the separator is the one of ``,``
``;`` ``|`` and tab found most often in the header line outside quotes (``,`` when none is).
Quoting is RFC 4180's (``"``, a quote inside a quoted field doubled), as spreadsheets, pandas and
the csv module write it; a quoted field that is never closed, or has text after its closing quote,
is a malformed record (NL002) and ends the reading of the file, since the rows after it cannot be
told apart. A UTF-8 byte-order mark is skipped and kept. A row with more or fewer
fields than the header is a malformed record (NL002): its columns cannot be told apart. A row
holding bytes that are not UTF-8 (a Latin-1 cell) is one NL001 at the first such byte and is not
linted; the rows after it are (a header that is not UTF-8 ends the file: its columns have no names).
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from newslint.article import Article
from newslint.readers import InputProblem, Reader, Source, record_to_article
from newslint.readers.compression import uncompressed_name, with_codecs

CANDIDATE_DELIMITERS = ",;|\t"
_BOM = "\ufeff"


def allow_huge_fields() -> None:
    """Lift the csv module's 128 KiB field limit: a scraped body can be longer."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:  # a C long is 32 bits on some platforms
            limit //= 2


class Dialect(csv.Dialect):
    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    strict = True


def make_dialect(delimiter: str) -> type[csv.Dialect]:
    return type("NewslintDialect", (Dialect,), {"delimiter": delimiter})


def sniff_delimiter(header: str) -> str:
    """The candidate separator found most often outside quotes in the header line."""
    counts = dict.fromkeys(CANDIDATE_DELIMITERS, 0)
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(CANDIDATE_DELIMITERS, key=lambda c: counts[c])
    return best if counts[best] else ","


@dataclass
class CsvRow:
    """One physical record: the header, a data row or a blank line, with its exact bytes."""

    line: int  # first line
    raw: bytes
    values: list[str] | None  # None for a blank line
    index: int | None = None  # data rows: 0-based position among data rows
    header: bool = False
    #: a data row holding bytes that are not UTF-8: its NL001, and the row is not linted
    problem: InputProblem | None = None


class _Lines:
    """Decoded lines for csv.reader, remembering the raw bytes and the line number of each.

    A line that is not UTF-8 is decoded with its bad bytes as lone surrogates, so that the csv
    parser still finds where its row ends; ``bad`` keeps the NL001 problem of the first such
    line since it was last cleared, and the row holding it is reported instead of linted."""

    def __init__(self, lines: Iterable[bytes]) -> None:
        self.it = iter(lines)
        self.raw: list[bytes] = []
        self.lineno = 0
        self.first = True
        self.bad: InputProblem | None = None

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        raw = next(self.it)
        self.raw.append(raw)
        self.lineno += 1
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if self.bad is None:
                self.bad = InputProblem(
                    "NL001", f"cannot decode as UTF-8: byte 0x{raw[exc.start]:02x} ({exc.reason})", self.lineno, exc.start + 1
                )
            text = raw.decode("utf-8", errors="surrogateescape")
        if self.first:
            self.first = False
            if text.startswith(_BOM):
                text = text[1:]
        return text


def delimiter_for(path: str, first_line: bytes) -> str:
    name = uncompressed_name(path.lower())
    if name.endswith((".tsv", ".tab")):
        return "\t"
    return sniff_delimiter(first_line.decode("utf-8", errors="replace").lstrip(_BOM))


def iter_rows(lines: Iterable[bytes], path: str) -> Iterator[CsvRow | InputProblem]:
    """Every record of a CSV stream in order (header, data rows, blank lines), then stops. A csv
    error, a stream that cannot be read on (a cut .csv.gz), or a header that is not UTF-8 is an
    InputProblem and ends the file; a data row that is
    not UTF-8 is yielded with its NL001 :attr:`CsvRow.problem`, and the rows after it are read."""
    allow_huge_fields()
    it = iter(lines)
    first = next(it, None)
    if first is None:
        return
    src = _Lines(_chain(first, it))
    reader = csv.reader(src, make_dialect(delimiter_for(path, first)))
    header: list[str] | None = None
    index = 0
    while True:
        start = src.lineno + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except (OSError, EOFError) as exc:
            # a cut or corrupt compressed stream (or a file gone during the run): the rows before
            # were read, the one being read is lost; reported where it starts, as JSON Lines does
            why = exc.strerror.lower() if isinstance(exc, OSError) and exc.strerror else str(exc)
            yield InputProblem("NL001", f"cannot read past line {start - 1}: {why}" if start > 1 else f"cannot read: {why}",
                               start, 1, index if header is not None else None)
            return
        except csv.Error as exc:
            if src.bad is not None:
                # bytes that are not UTF-8 broke the row (a UTF-16 export): the cause, not the csv error
                yield src.bad if header is None else replace(src.bad, record_index=index)
                return
            # the rows after a broken quote cannot be told apart: the rest of the file is not read
            why = str(exc)
            if "end of data" in why:
                why = "a quoted field is never closed"
            elif "new-line character seen in unquoted field" in why:
                # the csv module's own hint ("open the file in universal-newline mode") is for its caller
                why = ("a carriage return inside an unquoted field (lines that end in a carriage return alone, "
                       "as old Mac spreadsheets export them, are not read: convert the line ends to LF or CRLF)")
            yield InputProblem("NL002", f"malformed CSV in the row starting on line {start}: {why}; the rest of the file is not read",
                               start, 1, index if header is not None else None)
            return
        raw = b"".join(src.raw)
        src.raw = []
        bad, src.bad = src.bad, None
        if header is None and bad is not None:
            yield bad  # the columns cannot be named: the rows cannot be read
            return
        if not values:
            yield CsvRow(start, raw, None)
            continue
        if header is None:
            header = values
            yield CsvRow(start, raw, values, header=True)
            continue
        problem = None if bad is None else replace(bad, record_index=index, record_only=True)
        yield CsvRow(start, raw, values, index, problem=problem)
        index += 1


def _chain(first: bytes, rest: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from rest


def row_record(header: list[str], row: CsvRow) -> dict[str, str] | InputProblem:
    """The row as a record keyed by the header (empty cells left out), or NL002 when the number of
    fields differs from the header's."""
    assert row.values is not None
    if len(row.values) != len(header):
        return InputProblem(
            "NL002", f"malformed CSV row: {len(row.values)} fields, the header has {len(header)}", row.line, 1, row.index
        )
    # an empty cell is an absent key (CSV cannot tell them apart): a file whose columns are the
    # union of several scrapers' fields maps each row by the cells it fills, like JSON records
    return {k: v for k, v in zip(header, row.values) if v != ""}


def header_field_map(field_map: dict[str, tuple[str, ...]], header: list[str]) -> dict[str, tuple[str, ...]]:
    """``field_map`` with, after each field's own keys, the header's columns that spell one of them
    otherwise ("Title", "TEXT", " url"): a spreadsheet's export capitalises its headers, and every
    row was reported without a title or a body. Exact names still come first."""
    exact = set(header)
    folded: dict[str, list[str]] = {}
    for column in header:
        if column.strip().lower() != column:
            folded.setdefault(column.strip().lower(), []).append(column)
    if not folded:
        return field_map
    out = {}
    for canonical, keys in field_map.items():
        extra = [c for k in keys if k not in exact for c in folded.get(k.lower(), ())]
        out[canonical] = tuple(keys) + tuple(dict.fromkeys(extra))
    return out


class CsvReader(Reader):
    format = "csv"
    extensions = with_codecs((".csv",))
    streaming = True

    def read(self, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        with source.open_binary() as fh:
            yield from self.read_rows(iter_rows(fh, source.path), source.path, field_map)

    def read_rows(self, rows: Iterable[CsvRow | InputProblem], path: str, field_map) -> Iterator[Article | InputProblem]:
        header: list[str] | None = None
        for row in rows:
            if isinstance(row, InputProblem):
                yield row
                continue
            if row.values is None:
                continue
            if row.header:
                header = row.values
                continue
            assert header is not None
            yield self.article(header, row, path, field_map)

    #: (field map, header, the field map that also knows the header's spellings) of the last header
    _adapted: tuple[Any, list[str], dict[str, tuple[str, ...]]] | None = None

    def article(self, header: list[str], row: CsvRow, path: str, field_map) -> Article | InputProblem:
        if row.problem is not None:
            return row.problem
        record = row_record(header, row)
        if isinstance(record, InputProblem):
            return record
        return record_to_article(record, path=path, fmt=self.format, line=row.line, index=row.index,
                                 field_map=self.field_map_for(field_map, header))

    def field_map_for(self, field_map: dict[str, tuple[str, ...]], header: list[str]) -> dict[str, tuple[str, ...]]:
        """:func:`header_field_map`, computed once per header (the rows of a file share theirs)."""
        adapted = self._adapted
        if adapted is None or adapted[0] is not field_map or adapted[1] is not header:
            adapted = self._adapted = (field_map, header, header_field_map(field_map, header))
        return adapted[2]


class TsvReader(CsvReader):
    format = "tsv"
    extensions = with_codecs((".tsv", ".tab"))
