"""What the Parquet and Arrow readers share: importing pyarrow on demand, choosing columns, and
turning record batches into articles.

pyarrow is an optional extra (``pip install 'newslint[parquet]'``). It is imported only when a
columnar file is read, so start-up does not pay for it, and its absence is one NL001 finding on that
file naming the extra to install, never a traceback.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any

from newslint.article import Article
from newslint.readers import InputProblem, decode_bytes_values, record_to_article

#: rows per record batch: bounds the memory of one batch (a few MiB of article text)
BATCH_ROWS = 1024

MISSING_PYARROW = "reading {what} needs pyarrow: pip install 'newslint[parquet]'"


class MissingExtra(Exception):
    """An optional dependency is not installed; the message says which extra brings it."""


def import_pyarrow(what: str) -> Any:
    """The pyarrow module, or MissingExtra naming the extra to install."""
    try:
        import pyarrow
    except ImportError:
        raise MissingExtra(MISSING_PYARROW.format(what=what)) from None
    return pyarrow


def wanted_columns(schema: Any, text_keys: Collection[str] = ()) -> list[str]:
    """Names of the columns read into records: every column but binary data and numeric arrays.

    Images, audio and embeddings (binary columns, structs holding binary, lists of numbers) can be
    most of a dataset's bytes and are never article text, so they are not decoded. A binary column
    named as a text field (``text_keys``: the keys of the field mapping, such as ``body`` or
    ``title``) is read all the same: writers that predate Parquet's string type (Hive, Impala,
    older Spark) store text as plain binary, and :func:`batches_to_articles` decodes it as UTF-8.
    """
    return [f.name for f in schema if not _heavy(f.type) or (f.name in text_keys and _plain_binary(f.type))]


def text_keys(field_map: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """Every key the field mapping reads a field from."""
    return frozenset(k for keys in field_map.values() for k in keys)


def _heavy(t: Any) -> bool:
    import pyarrow.types as pt

    if _plain_binary(t) or pt.is_fixed_size_binary(t):
        return True
    if pt.is_struct(t):
        return any(_heavy(t.field(i).type) for i in range(t.num_fields))
    if pt.is_list(t) or pt.is_large_list(t) or pt.is_fixed_size_list(t) or getattr(pt, "is_list_view", lambda _t: False)(t):
        v = t.value_type
        return _heavy(v) or pt.is_integer(v) or pt.is_floating(v)
    return False


def _plain_binary(t: Any) -> bool:
    import pyarrow.types as pt

    return bool(pt.is_binary(t) or pt.is_large_binary(t) or getattr(pt, "is_binary_view", lambda _t: False)(t))


def batch_records(batch: Any) -> list[dict[str, Any]]:
    """A record batch as Python dicts (lists stay lists). A null is an absent key: a file whose
    columns are the union of several scrapers' fields (``maintext`` for some rows, ``text`` for
    others) maps each row by the keys it has, like JSON records."""
    try:
        rows = batch.to_pylist()
    except (OverflowError, ValueError):
        # a cell Python's types cannot hold (a timestamp in year 82269, a date32 of 2**30 days):
        # read the batch column by column so that one cell does not cost the rest of the file
        rows = _rows_by_column(batch)
    return [{k: v for k, v in rec.items() if v is not None} for rec in rows]


def _rows_by_column(batch: Any) -> list[dict[str, Any]]:
    names = batch.schema.names
    columns = [column_values(batch.column(i)) for i in range(batch.num_columns)]
    return [dict(zip(names, values)) for values in zip(*columns)]


def column_values(column: Any) -> list[Any]:
    """A column's values as Python objects; a value Python cannot represent (a date past year
    9999) is Arrow's own text of it, so that NL210 reports that one date and the row is linted."""
    try:
        return column.to_pylist()
    except (OverflowError, ValueError):
        pass
    pa = import_pyarrow("a columnar file")
    try:
        text = column.cast(pa.string()).to_pylist()
    except (pa.ArrowException, ValueError, OverflowError):
        text = [None] * len(column)
    out = []
    for i, scalar in enumerate(column):
        try:
            out.append(scalar.as_py())
        except (OverflowError, ValueError):
            out.append(text[i])
    return out


def class_labels(schema: Any) -> dict[str, list[str]]:
    """Column -> label names of the ``ClassLabel`` columns that a Hugging Face dataset's schema
    metadata declares (Parquet shards of the Hub, ``save_to_disk`` and ``to_parquet`` files): such
    a column (``language``) holds each label's number, and its name is what the record says."""
    import json

    meta = schema.metadata or {}
    raw = meta.get(b"huggingface")
    if not raw:
        return {}
    try:
        features = json.loads(raw)["info"]["features"]
    except (ValueError, KeyError, TypeError):
        return {}
    if not isinstance(features, dict):
        return {}
    names = set(schema.names)
    return {column: [str(n) for n in feature["names"]] for column, feature in features.items()
            if column in names and isinstance(feature, dict) and feature.get("_type") == "ClassLabel"
            and isinstance(feature.get("names"), list)}


def apply_class_labels(records: list[dict[str, Any]], labels: dict[str, list[str]]) -> None:
    """Replace, in place, each ClassLabel column's number by its label name (``-1``, no label, stays)."""
    for rec in records:
        for column, names in labels.items():
            value = rec.get(column)
            if isinstance(value, int) and 0 <= value < len(names):
                rec[column] = names[value]


def batches_to_articles(
    batches: Iterator[Any], path: str, fmt: str, field_map: dict[str, tuple[str, ...]], first_index: int = 0
) -> Iterator[Article | InputProblem]:
    """Articles of a stream of record batches: row ``i`` of the file is line ``i + 1``, record ``i``.

    A value read from a binary column (text stored as bytes, see :func:`wanted_columns`) is decoded
    as UTF-8; a row where one is not UTF-8 is one NL001 problem naming the column, and is not linted
    (as a text file that cannot be decoded is not)."""
    from newslint.readers.csvfile import header_field_map

    index = first_index
    mapped: tuple[Any, dict[str, tuple[str, ...]], dict[str, list[str]]] | None = None
    for batch in batches:
        if mapped is None or mapped[0] != batch.schema.names:
            # columns spelled "Title" or "TEXT" map to their fields, as a CSV file's headers do
            mapped = (batch.schema.names, header_field_map(field_map, batch.schema.names), class_labels(batch.schema))
        fmap = mapped[1]
        records = batch_records(batch)
        if mapped[2]:
            apply_class_labels(records, mapped[2])
        for record in records:
            record, problem = decode_bytes_values(record, index)
            if problem is not None:
                yield problem
            else:
                yield record_to_article(record, path=path, fmt=fmt, line=index + 1, index=index, field_map=fmap)
            index += 1


def read_error(exc: BaseException, what: str, index: int, lost: str = "") -> InputProblem:
    """NL001 for a file pyarrow cannot read, at the row reached (line 1 before the first); ``lost``
    ends the message (which rows were not read)."""
    msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputProblem("NL001", f"cannot read {what}: {msg}{lost}", index + 1 if index else 1, 1, index if index else None)
