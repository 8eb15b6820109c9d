"""Parquet files (``.parquet``): every Hugging Face dataset on the Hub, most data-lake exports.

Needs pyarrow (``pip install 'newslint[parquet]'``). The file is read in record batches of
:data:`~newslint.readers.columnar.BATCH_ROWS` rows, so memory stays flat whatever its size; binary
and numeric-array columns (images, audio, embeddings) are not decoded. Columns are mapped to fields
like the keys of a JSON record (``--field`` works the same), nested list columns (an ``authors``
list) are read as lists and ``large_string`` columns as text. Row ``i`` (0-based) is reported as
line ``i + 1`` and names the record by its id, or ``#i``. A folder of ``.parquet`` files (a
dataset's shards) is read file by file in sorted order. Row groups are read one at a time, so that a
damaged one costs its own rows only, and the same rows at any ``-j``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newslint.article import Article
from newslint.readers import InputProblem, Reader, Source
from newslint.readers.columnar import (
    BATCH_ROWS, MissingExtra, batches_to_articles, import_pyarrow, read_error, text_keys, wanted_columns,
)


#: bytes read at a time from a column chunk
READ_BUFFER = 1 << 20


def open_parquet(source: Source) -> Any:
    """A ``pyarrow.parquet.ParquetFile`` over the source (raises MissingExtra without pyarrow)."""
    pa = import_pyarrow("Parquet files")
    import pyarrow.parquet as pq

    where = pa.BufferReader(source.data) if source.data is not None else str(source.fs_path)
    # a buffered stream without pre-buffering reads a column chunk page by page: a batch costs its
    # own rows, not the whole row group (pre-buffering holds a 100,000-row group, hundreds of MiB)
    return pq.ParquetFile(where, buffer_size=READ_BUFFER, pre_buffer=False)


def row_group_ranges(source: Source, target_bytes: int) -> list[tuple[int, int, int]] | None:
    """Runs of consecutive row groups of about ``target_bytes`` (uncompressed) each, as
    ``(first group, end group, index of the first row)``; None when the file is one run or cannot
    be split (no pyarrow, an unreadable footer): it is then read whole."""
    try:
        md = open_parquet(source).metadata
    except Exception:  # MissingExtra, or a file the reader will report
        return None
    runs: list[tuple[int, int, int]] = []
    start, first, row, size = 0, 0, 0, 0
    for i in range(md.num_row_groups):
        rg = md.row_group(i)
        size += rg.total_byte_size
        row += rg.num_rows
        if size >= target_bytes or i == md.num_row_groups - 1:
            runs.append((start, i + 1, first))
            start, first, size = i + 1, row, 0
    return runs if len(runs) > 1 else None


class ParquetReader(Reader):
    format = "parquet"
    extensions = (".parquet", ".pq")
    streaming = True

    def read(self, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        yield from self.read_row_groups(source, field_map)

    def read_row_groups(
        self, source: Source, field_map: dict[str, tuple[str, ...]], start: int = 0, end: int | None = None, first_index: int = 0
    ) -> Iterator[Article | InputProblem]:
        """The rows of row groups ``[start, end)`` (all by default), the first being row ``first_index``.

        Each row group is read on its own, in batches that start at its first row: a row group that
        cannot be read (a damaged page) is one NL001 where its reading stopped, and the row groups
        after it are read. The findings are therefore the same whichever runs of row groups a
        parallel run gives each worker."""
        try:
            pf = open_parquet(source)
            columns = wanted_columns(pf.schema_arrow, text_keys(field_map))
            last = pf.num_row_groups if end is None else end
        except MissingExtra as exc:
            yield InputProblem("NL001", str(exc))
            return
        except Exception as exc:  # pyarrow's errors (ArrowInvalid, OSError, ...) for a corrupt or foreign file
            if _is_arrow_error(exc):
                yield read_error(exc, "Parquet file", first_index)
                return
            raise
        row = first_index
        for group in range(start, last):
            index = row
            rows = pf.metadata.row_group(group).num_rows
            try:
                batches = pf.iter_batches(batch_size=BATCH_ROWS, row_groups=[group], columns=columns, use_threads=False)
                for item in batches_to_articles(batches, source.path, self.format, field_map, row):
                    index += 1
                    yield item
            except Exception as exc:
                if not _is_arrow_error(exc):
                    raise
                yield read_error(exc, f"Parquet row group {group}", index,
                                 f"; lines {index + 1}-{row + rows} were not linted" if index < row + rows else "")
            row += rows


def _is_arrow_error(exc: BaseException) -> bool:
    import pyarrow

    return isinstance(exc, (pyarrow.ArrowException, OSError))
