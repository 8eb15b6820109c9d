"""Arrow IPC files (``.arrow``, ``.feather``): what Hugging Face ``datasets`` writes with
``Dataset.save_to_disk`` (``data-00000-of-00001.arrow`` shards in the IPC stream format) and
Feather v2 / Arrow IPC files written by pandas, polars or pyarrow.

Needs pyarrow (``pip install 'newslint[parquet]'``). Files are memory-mapped and read batch by
batch, so a file larger than memory can be linted. Rows are located like Parquet rows (line
``i + 1`` for row ``i``). Linting a ``save_to_disk`` folder reads the shards its ``state.json``
lists and skips the dataset's own metadata files (:func:`newslint.readers.folder_files`). A file
that cannot be opened is one NL001 saying which case it is: an IPC file cut short (its footer
missing), a Feather version 1 file (not read), or neither an IPC file nor a stream.

These files are read, not fixed: ``datasets`` keys its cache on the folder's fingerprint, so a
shard changed behind its back would be silently mixed with stale cached results. Fix the Parquet
or JSON Lines export instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from newslint.article import Article
from newslint.readers import InputProblem, Reader, Source
from newslint.readers.columnar import (
    BATCH_ROWS, MissingExtra, batches_to_articles, import_pyarrow, read_error, text_keys, wanted_columns,
)


#: the first bytes of an Arrow IPC file (the random-access format; a stream has no magic)
FILE_MAGIC = b"ARROW1"
#: the first bytes of a Feather version 1 file, a format older than Arrow IPC
FEATHER_V1_MAGIC = b"FEA1"


def open_ipc(source: Source) -> Any:
    """A reader of the record batches of an IPC file or stream (raises MissingExtra without pyarrow)."""
    pa = import_pyarrow("Arrow files")
    import pyarrow.ipc as ipc

    def handle():
        return pa.BufferReader(source.data) if source.data is not None else pa.memory_map(str(source.fs_path), "r")

    with handle() as first:
        head = first.read(8)
    if head.startswith(FILE_MAGIC):
        try:
            return _FileBatches(ipc.open_file(handle()))
        except pa.ArrowInvalid:
            # the stream reader would misread the magic as a message length ("Expected to read
            # 1330795073 metadata bytes"): say what is wrong with the file instead
            raise pa.ArrowInvalid("an Arrow IPC file cut short or damaged: its footer cannot be read") from None
    if head.startswith(FEATHER_V1_MAGIC):
        raise pa.ArrowInvalid("a Feather version 1 file, which newslint does not read: write it again as "
                              "Feather version 2 (the default of pyarrow.feather.write_feather)")
    try:
        return ipc.open_stream(handle())
    except pa.ArrowInvalid:
        what = "an empty file" if not head else "neither an Arrow IPC file nor an Arrow IPC stream"
        raise pa.ArrowInvalid(what) from None


class _FileBatches:
    """The random-access IPC file format, iterated like a stream."""

    def __init__(self, f: Any) -> None:
        self.f = f
        self.schema = f.schema

    def __iter__(self):
        for i in range(self.f.num_record_batches):
            yield self.f.get_batch(i)


def _rebatch(batches: Any, columns: list[str], size: int) -> Iterator[Any]:
    """Batches of at most ``size`` rows with only ``columns`` (an IPC batch may hold a whole shard)."""
    for batch in batches:
        batch = batch.select(columns)
        for start in range(0, batch.num_rows, size):
            yield batch.slice(start, size)


class ArrowReader(Reader):
    format = "arrow"
    extensions = (".arrow", ".feather", ".ipc")
    streaming = True

    def read(self, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        index = 0
        try:
            reader = open_ipc(source)
            columns = wanted_columns(reader.schema, text_keys(field_map))
            for item in batches_to_articles(_rebatch(reader, columns, BATCH_ROWS), source.path, self.format, field_map):
                index += 1
                yield item
        except MissingExtra as exc:
            yield InputProblem("NL001", str(exc))
        except Exception as exc:
            import pyarrow

            if isinstance(exc, (pyarrow.ArrowException, OSError)):
                yield read_error(exc, "Arrow file", index)
            else:
                raise
