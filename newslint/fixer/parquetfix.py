"""Fixing Parquet files: a new file with the same schema, compression, row groups and metadata.

Two passes. The first reads the file in record batches like a normal run, fixes each row with
something to fix through its JSON image (:func:`newslint.fixer.recordfix.fix_record`) and keeps only
the new values of the changed cells (row -> column -> value). Nothing changed: the file is not
touched. Otherwise the second pass copies the file row group by row group into a temporary file,
replacing those cells and nothing else, then renames it over the original (atomically, permissions
kept). The copy has:

* the same Arrow schema (types, nullability, field and schema metadata such as the ``huggingface``
  features and ``pandas`` keys) and the same key-value metadata (``ARROW:schema`` only if the
  original had it);
* the same row groups, with the same number of rows each;
* per column, the same compression codec, dictionary encoding on or off, and statistics on or off,
  the same Parquet format version and list-element naming.

Memory holds one row group at a time during the copy (the first pass holds one batch).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from newslint.article import Article
from newslint.fixer.atomic import AtomicFile
from newslint.fixer.recordfix import fix_record
from newslint.readers import InputProblem, Source
from newslint.readers.columnar import MissingExtra, wanted_columns
from newslint.readers.parquet import open_parquet
from newslint.violation import Violation


def fix_parquet(fixer: Any, source: Source, reader: Any) -> Iterator[Violation]:
    linter = fixer.linter
    path = source.path
    try:
        columns = set(wanted_columns(open_parquet(source).schema_arrow))
    except MissingExtra as exc:
        yield linter.input_violation(path, InputProblem("NL001", str(exc)))
        return
    except Exception:
        columns = set()  # the reader reports what is wrong with the file
    changes: dict[int, dict[str, Any]] = {}
    olds: dict[int, dict[str, Any]] = {}
    fixed_here: list[Violation] = []
    broken = False
    for item in reader.read(source, linter.field_map):
        if isinstance(item, InputProblem):
            broken = True
            yield linter.input_violation(path, item)
            continue
        result = _fix_article(fixer, item, columns, changes, olds, fixed_here)
        yield from sorted(result, key=Violation.sort_key)
    if broken or not changes:
        return
    if fixer.mode == "diff":
        _diff(fixer.stdout, path, changes, olds)
    elif source.fs_path is None:
        fixer._write_stdout(rewrite_bytes(source, changes))
    else:
        rewrite_file(str(source.fs_path), changes)
    fixer._count(path, fixed_here)


def _fix_article(fixer, item: Article, columns, changes, olds, fixed_here) -> list[Violation]:
    linter = fixer.linter
    vs = linter.check_article(item)
    if not fixer.fixable(item, vs):
        return linter.record_article(item, vs)
    assert item.raw is not None and item.record_index is not None
    new, out = fix_record(fixer, item.raw, path=item.path, fmt=item.format, line=item.line,
                          index=item.record_index, columns=columns)
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


def _write(pf: Any, sink: Any, changes: dict[int, dict[str, Any]]) -> None:
    import pyarrow.parquet as pq

    md = pf.metadata
    schema = stored_schema(pf)
    with pq.ParquetWriter(sink, schema, **writer_options(pf)) as writer:
        start = 0
        for i in range(md.num_row_groups):
            n = md.row_group(i).num_rows
            table = pf.read_row_group(i, use_threads=False)
            rows = {r - start: changes[r] for r in range(start, start + n) if r in changes}
            if rows:
                table = _patched(table, rows)
            writer.write_table(table.cast(schema) if table.schema != schema else table, row_group_size=max(n, 1))
            start += n


def rewrite_file(path: str, changes: dict[int, dict[str, Any]]) -> None:
    """Atomically replace the Parquet file at ``path`` with a copy holding ``changes``."""
    import pyarrow.parquet as pq

    pf = pq.ParquetFile(path)
    out = AtomicFile(path)
    try:
        _write(pf, out.raw, changes)
    except BaseException:
        out.abort()
        raise
    out.commit()


def rewrite_bytes(source: Source, changes: dict[int, dict[str, Any]]) -> bytes:
    import pyarrow as pa

    pf = open_parquet(source)
    sink = pa.BufferOutputStream()
    _write(pf, sink, changes)
    return sink.getvalue().to_pybytes()
