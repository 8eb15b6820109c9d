"""Fixing Parquet files: a new file with the same schema, compression, row groups and metadata.

The file is read in record batches like a normal run; each row with something to fix is fixed
through its JSON image (:func:`newslint.fixer.recordfix.fix_record`), keeping only the new values of
the changed cells. When the last row of a row group is done, that row group is copied into the
temporary file with those cells replaced and nothing else (the row groups before the first change
are copied when it comes). Nothing changed: no file is written. At the end the temporary file is
renamed over the original (atomically, permissions kept). The copy has:

* the same Arrow schema (types, nullability, field and schema metadata such as the ``huggingface``
  features and ``pandas`` keys) and the same key-value metadata (``ARROW:schema`` only if the
  original had it);
* the same row groups, with the same number of rows each;
* per column, the same compression codec, dictionary encoding on or off, and statistics on or off,
  the same Parquet format version and list-element naming.

Memory holds one batch of rows, the changed cells of one row group, and one row group while it is
copied.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from newslint.article import Article
from newslint.fixer.atomic import AtomicFile
from newslint.fixer.recordfix import fix_record
from newslint.readers import InputProblem, Source
from newslint.readers.columnar import MissingExtra, text_keys, wanted_columns
from newslint.readers.parquet import open_parquet
from newslint.violation import Violation


def fix_parquet(fixer: Any, source: Source, reader: Any) -> Iterator[Violation]:
    linter = fixer.linter
    path = source.path
    try:
        pf = open_parquet(source)
        columns = set(wanted_columns(pf.schema_arrow, text_keys(linter.field_map)))
        ends = _row_group_ends(pf)
    except MissingExtra as exc:
        yield linter.input_violation(path, InputProblem("NL001", str(exc)))
        return
    except Exception:  # the reader reports what is wrong with the file
        yield from sorted(linter.lint_source(source), key=Violation.sort_key)
        return
    names = pf.schema_arrow.names
    twice = sorted({n for n in names if names.count(n) > 1} & columns)
    if twice:  # which of the columns a cell belongs to could not be said: reported as it is
        fixer.summary.notes.append(f"{path}: not fixed: the column name{'s' * (len(twice) > 1)} "
                                   f"{', '.join(map(repr, twice))} appear{'s' * (len(twice) == 1)} more than once")
        yield from fixer.unfixed(source)
        return
    out = _Copy(fixer, source, pf)
    fixed_here: list[Violation] = []
    group = 0
    ok = False
    unwritable: list[Violation] = []  # the NL001 of a copy that cannot be written

    def writable(start: bool = True) -> bool:
        """Before the first changed row is reported as fixed (``start``): open the copy. When it
        cannot be written (a read-only folder), say so once and lint the rest as it is."""
        if unwritable:
            return False
        if not start or fixer.mode != "fix" or out.writer is not None:
            return True
        try:
            out._open()
        except OSError as exc:
            if out.atomic is not None:
                out.atomic.abort()
                out.atomic = None
            unwritable.append(linter.input_violation(path, InputProblem("NL001", f"cannot fix: {exc.strerror or exc}")))
            return False
        return True
    try:
        for item in reader.read(source, linter.field_map):
            if isinstance(item, InputProblem):
                # a record that cannot be read is copied as it is; anything else stops the writing
                out.broken = out.broken or not item.record_only
                yield linter.input_violation(path, item)
                continue
            while item.record_index >= ends[group]:  # the rows of row group `group` are all fixed
                out.finish_group(group)
                group += 1
            had = len(unwritable)
            result = _fix_article(fixer, item, columns, out.changes, out.olds, fixed_here, writable)
            if len(unwritable) > had:
                yield unwritable[-1]
            yield from sorted(result, key=Violation.sort_key)
        if not out.broken:
            while group < len(ends):
                out.finish_group(group)
                group += 1
            ok = True
    finally:
        out.close(ok)
    if ok and out.changed:
        fixer._count(path, fixed_here)


def _row_group_ends(pf: Any) -> list[int]:
    ends, total = [], 0
    for i in range(pf.metadata.num_row_groups):
        total += pf.metadata.row_group(i).num_rows
        ends.append(total)
    return ends


class _Copy:
    """The fixed copy, written row group by row group once the first change is known.

    Row groups before the first change are copied when it comes; nothing is written for a file
    with nothing to fix; with --diff the changed cells are printed instead. Memory: the changes of
    the current row group, and one row group while it is written.
    """

    def __init__(self, fixer: Any, source: Source, pf: Any) -> None:
        self.fixer, self.source, self.pf = fixer, source, pf
        self.changes: dict[int, dict[str, Any]] = {}
        self.olds: dict[int, dict[str, Any]] = {}
        self.writer: Any = None
        self.sink: Any = None
        self.atomic: AtomicFile | None = None
        self.done = 0  # row groups written
        self.first_row = 0
        self.changed = False
        self.broken = False

    def finish_group(self, group: int) -> None:
        n = self.pf.metadata.row_group(group).num_rows
        if self.broken:
            return
        if self.changes:
            self.changed = True
        if self.fixer.mode == "diff":
            _diff(self.fixer.stdout, self.source.path, self.changes, self.olds)
        elif self.changes or self.writer is not None:
            if self.writer is None:
                self._open()
            while self.done < group:  # the clean row groups before the first change
                self._write(self.done, {})
            self._write(group, {r - self.first_row: v for r, v in self.changes.items()})
        self.changes, self.olds = {}, {}
        self.first_row += n

    def _open(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.source.fs_path is None:
            self.sink = pa.BufferOutputStream()
            target = self.sink
        else:
            self.atomic = AtomicFile(str(self.source.fs_path))
            target = self.atomic.raw
        self.schema = stored_schema(self.pf)
        self.writer = pq.ParquetWriter(target, self.schema, **writer_options(self.pf))

    def _write(self, group: int, rows: dict[int, dict[str, Any]]) -> None:
        n = self.pf.metadata.row_group(group).num_rows
        table = self.pf.read_row_group(group, use_threads=False)
        if rows:
            table = _patched(table, rows)
        self.writer.write_table(table.cast(self.schema) if table.schema != self.schema else table, row_group_size=max(n, 1))
        self.done = group + 1

    def close(self, ok: bool) -> None:
        if self.writer is None:
            return
        try:
            self.writer.close()
        except BaseException:
            ok = False
            raise
        finally:
            if self.atomic is not None:
                if ok:
                    self.atomic.commit()
                else:
                    self.atomic.abort()
        if ok and self.sink is not None:
            self.fixer._write_stdout(self.sink.getvalue().to_pybytes())


def _fix_article(fixer, item: Article, columns, changes, olds, fixed_here,
                 writable: Any = lambda start=True: True) -> list[Violation]:
    linter = fixer.linter
    vs = linter.check_article(item)
    if not writable(start=False) or not fixer.fixable(item, vs):
        return linter.record_article(item, vs)
    assert item.raw is not None and item.record_index is not None
    new, out = fix_record(fixer, item.raw, path=item.path, fmt=item.format, line=item.line,
                          index=item.record_index, columns=columns)
    if new and not writable():  # not fixed after all: its findings as they are
        return linter.record_article(item, vs)
    if new:
        changes[item.record_index] = new
        olds[item.record_index] = {k: item.raw.get(k) for k in new}
        fixed_here.extend(out.fixed)
    return fixer._finish_articles(item.path, out)


def _diff(stream: Any, path: str, changes: dict[int, dict[str, Any]], olds: dict[int, dict[str, Any]]) -> None:
    """A unified diff of each changed cell's text, headed by its row (line) and column."""
    for index in sorted(changes):
        for column, value in changes[index].items():
            a, b = _text(olds[index].get(column)), _text(value)
            where = f"{path}:{index + 1} ({column})"
            for line in difflib.unified_diff(a, b, fromfile=where, tofile=where):
                stream.write(line if line.endswith("\n") else line + "\n")


def _text(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) + "\n" for v in value]
    return [line + "\n" for line in str(value).split("\n")]


# ---------------------------------------------------------------------------- writing
def writer_options(pf: Any) -> dict[str, Any]:
    """``pyarrow.parquet.ParquetWriter`` options that reproduce how ``pf`` was written."""
    md = pf.metadata
    compression: dict[str, str] = {}
    dictionary: list[str] = []
    stats: list[str] = []
    if md.num_row_groups:
        rg = md.row_group(0)
        for j in range(rg.num_columns):
            col = rg.column(j)
            name = col.path_in_schema
            compression[name] = col.compression if col.compression != "UNCOMPRESSED" else "NONE"
            if any("DICTIONARY" in e for e in col.encodings) or col.dictionary_page_offset is not None:
                dictionary.append(name)
            if col.is_stats_set:
                stats.append(name)
    kv = md.metadata or {}
    paths = [md.schema.column(j).path for j in range(md.num_columns)]
    return {
        "compression": compression or "NONE",
        "use_dictionary": dictionary or False,
        "write_statistics": stats or False,
        "version": md.format_version if md.format_version in ("1.0", "2.4", "2.6") else "2.6",
        "use_compliant_nested_type": not any(".list.item" in p for p in paths),
        "store_schema": b"ARROW:schema" in kv,
    }


def _patched(table: Any, rows: dict[int, dict[str, Any]]) -> Any:
    """``table`` (one row group) with the cells in ``rows`` (row in the group -> column -> value) replaced."""
    import pyarrow as pa

    by_column: dict[str, dict[int, Any]] = {}
    for r, cells in rows.items():
        for column, value in cells.items():
            by_column.setdefault(column, {})[r] = value
    for column, cells in by_column.items():
        k = table.schema.get_field_index(column)
        field = table.schema.field(k)
        values = table.column(k).to_pylist()
        for r, value in cells.items():
            values[r] = value
        table = table.set_column(k, field, pa.array(values, type=field.type))
    return table


def stored_schema(pf: Any) -> Any:
    """The Arrow schema the writer stored (``ARROW:schema``), else the one read from the Parquet schema.

    Reading may rename list elements (``item`` -> ``element``); the stored one is what was written.
    """
    import base64

    import pyarrow as pa

    kv = pf.metadata.metadata or {}
    if b"ARROW:schema" in kv:
        try:
            schema = pa.ipc.read_schema(pa.py_buffer(base64.b64decode(kv[b"ARROW:schema"])))
            if schema.names == pf.schema_arrow.names:
                return schema
        except (pa.ArrowException, ValueError):
            pass
    return pf.schema_arrow
