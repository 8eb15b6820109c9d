"""Lint a Hugging Face ``datasets.Dataset`` with the dataset's own multiprocessing (``pip install 'newslint[hf]'``).

::

    from datasets import load_dataset
    from newslint.integrations.hf import lint_dataset

    ds = load_dataset("parquet", data_files="crawl/*.parquet", split="train")
    findings = lint_dataset(ds, num_proc=4)      # a pandas DataFrame, one row a finding
    bad = set(findings.loc[findings.severity == "error", "record_index"])
    clean = ds.filter(lambda _, i: i not in bad, with_indices=True)

The rows are linted inside ``Dataset.map`` (batched, ``num_proc`` worker processes), straight from
the dataset's Arrow data: nothing is converted to JSON or written to disk, and the dataset is not
changed. Binary and numeric-array columns (images, audio, embeddings) are not read. Each batch
returns its findings and the dataset rules' state (small: under 100 bytes an article); the states
are merged afterwards, so the NL6xx findings are those of one pass over the whole dataset. The
result equals :func:`newslint.lint_dataframe` on the same rows, ``record_index`` being the row's
position in the dataset.
"""

from __future__ import annotations

import os
import pickle
import uuid
from typing import Any

from newslint.config import Config

try:
    import datasets
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("newslint.integrations.hf needs Hugging Face datasets: pip install 'newslint[hf]'") from exc

from newslint.integrations.pandas import FINDING_COLUMNS, findings_frame, linter
from newslint.readers.csvfile import header_field_map

_STATE = "newslint_state"

FEATURES = datasets.Features({
    "record_index": datasets.Value("int64"),
    "record_id": datasets.Value("string"),
    "code": datasets.Value("string"),
    "name": datasets.Value("string"),
    "severity": datasets.Value("string"),
    "message": datasets.Value("string"),
    "field": datasets.Value("string"),
    "suggestion": datasets.Value("string"),
    _STATE: datasets.Value("binary"),
})


def _records(batch: Any, labels: dict[str, list[str]]) -> list[dict[str, Any]]:
    """A batch (an Arrow table) as records, read as the Parquet reader reads a record batch (a date
    Python cannot hold is text, not an exception that stops the map), ClassLabel columns as their names."""
    from newslint.readers.columnar import apply_class_labels, batch_records

    records = batch_records(batch)
    if labels:
        apply_class_labels(records, labels)
    return records


def class_labels(features: Any, columns: list[str]) -> dict[str, list[str]]:
    """Column -> label names for the ClassLabel columns among ``columns`` (``language`` stored as 0, 1...)."""
    if features is None:
        return {}
    return {c: list(features[c].names) for c in columns if isinstance(features.get(c), datasets.ClassLabel)}


def _lint_batch(batch: Any, indices: list[int], config: Config | None, path: str,
                labels: dict[str, list[str]] | None = None) -> dict[str, list[Any]]:
    """One batch of rows -> one row per finding, plus one row carrying the batch's dataset state."""
    from newslint.api import DatasetState, _fingerprint, _lint_into

    records = _records(batch, labels or {})
    lin = linter(config)
    lin.field_map = header_field_map(lin.field_map, batch.column_names)
    out: dict[str, list[Any]] = {c: [] for c in FEATURES}
    start = indices[0] if indices else 0
    if indices and indices != list(range(start, start + len(indices))):
        raise ValueError("newslint expects the batches of a map to be contiguous rows")
    for v in _lint_into(lin, records, path, start):
        for c in FINDING_COLUMNS:
            out[c].append(getattr(v, c))
        out[_STATE].append(None)
    state = DatasetState(_fingerprint(lin), dict(lin.dataset_state), lin.stats.articles, config)
    for c in FINDING_COLUMNS:
        out[c].append(start if c == "record_index" else None)
    out[_STATE].append(pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    return out


def _lint_iterable(ds: Any, config: Config | None, batch_size: int, path: str) -> Any:
    """A streamed dataset (``load_dataset(..., streaming=True)``): read batch by batch in this process."""
    from newslint.api import _lint_into
    from newslint.readers.columnar import text_keys, wanted_columns

    features = ds.features
    lin = linter(config)
    columns = wanted_columns(features.arrow_schema, text_keys(lin.field_map)) if features is not None else None
    if features is not None:
        lin.field_map = header_field_map(lin.field_map, list(features))
    violations: list[Any] = []
    start = 0
    labels = class_labels(features, list(features) if features is not None else [])
    declared = lin.field_map
    for batch in ds.with_format("arrow").iter(batch_size=batch_size):
        if columns is not None:
            batch = batch.select([c for c in batch.column_names if c in columns])
        else:
            # no features declared (a generator, a streamed JSON file): the batch names the columns
            lin.field_map = header_field_map(declared, batch.column_names)
        records = _records(batch, labels)
        violations.extend(_lint_into(lin, records, path, start))
        start += len(records)
    violations.extend(lin.finish())
    return findings_frame(violations, path=path)


def lint_dataset(
    ds: Any,
    config: Config | None = None,
    *,
    num_proc: int | None = None,
    batch_size: int = 1000,
    path: str = "<dataset>",
) -> Any:
    """Lint the rows of a ``datasets.Dataset``; the findings as a pandas DataFrame (one row a finding).

    An ``IterableDataset`` (``load_dataset(..., streaming=True)``) is read batch by batch in this
    process instead (``num_proc`` does not apply), with the same result.
    """
    from newslint.api import finish_states
    from newslint.readers import build_field_map
    from newslint.readers.columnar import text_keys, wanted_columns

    if isinstance(ds, datasets.IterableDataset):
        return _lint_iterable(ds, config, batch_size, path)
    if not isinstance(ds, datasets.Dataset):
        raise TypeError(f"lint_dataset takes a datasets.Dataset, not {type(ds).__name__} (pick a split: ds['train'])")
    columns = wanted_columns(ds.features.arrow_schema, text_keys(build_field_map((config or Config()).field_map)))
    if not columns:
        # no column newslint reads (only images, say): a view of no columns has no rows, but each row
        # is still an article, with no fields, as the command line and a streamed dataset read it
        from newslint.api import _lint_into

        lin = linter(config)
        return findings_frame(_lint_into(lin, ({} for _ in range(len(ds))), path, 0) + lin.finish(), path=path)
    view = ds.with_format("arrow").select_columns(columns)
    labels = class_labels(ds.features, columns)
    if len(view) == 0:
        return findings_frame(linter(config).finish())
    environ = os.environ
    try:
        result = view.map(
            _lint_batch,
            batched=True,
            batch_size=batch_size,
            with_indices=True,
            num_proc=num_proc,
            remove_columns=columns,
            features=FEATURES,
            fn_kwargs={"config": config, "path": path, "labels": labels},
            load_from_cache_file=False,
            keep_in_memory=True,
            new_fingerprint=uuid.uuid4().hex,
            desc="newslint",
        )
    finally:
        # with num_proc, datasets replaces os.environ by a copy of itself: code that holds the
        # process's environment object (rich, test fixtures) would stop seeing changes to it
        os.environ = environ
    table = result.with_format("arrow")[:]
    states_col = table.column(_STATE).to_pylist()
    states = [pickle.loads(s) for s in states_col if s is not None]
    frame = table.drop([_STATE]).to_pandas()
    keep = [s is None for s in states_col]
    frame = frame[keep].reset_index(drop=True)
    # the batches come back in row order, each with its findings in row order
    dataset = findings_frame(finish_states(states, config), path=path)
    if len(dataset):
        import pandas as pd

        frame = pd.concat([frame, dataset], ignore_index=True)
    frame["record_index"] = frame["record_index"].astype("Int64")
    return frame[list(FINDING_COLUMNS)]
