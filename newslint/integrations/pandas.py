"""Lint a pandas DataFrame of articles; the findings come back as a DataFrame (``pip install 'newslint[pandas]'``).

::

    import pandas as pd
    import newslint

    df = pd.read_parquet("crawl.parquet")
    findings = newslint.lint_dataframe(df)
    findings.groupby("code").size()                                  # findings per rule
    bad = findings.loc[findings.severity == "error", "record_index"].unique()
    clean = df.drop(index=bad)                                        # rows without errors

Columns are mapped to fields like the keys of a JSON record (``Config(field_map=...)`` for other
names). A missing value (None, NaN, NaT) is an absent field; numpy arrays (list columns read from
Parquet) are lists, timestamps ISO 8601 text. The frame is read in slices of ``chunk_rows`` rows, so
only one slice is ever turned into Python records.

The result has one row a finding, per-article findings in row order and then the dataset (NL6xx)
findings, exactly the findings of :func:`newslint.lint_records` on the same rows, in the columns
:data:`FINDING_COLUMNS`. ``record_index`` is the row's label in ``df.index`` (its position when the
index is the default one), so ``df.loc[findings.record_index]`` selects the rows; a dataset finding
names the other row the same way (``same body as row 12``, ``row 'a-17'``), where ``lint_records``
writes its line (``<records>:13``). Column names spelled otherwise ("Title", "TEXT") map to their
fields as a CSV file's headers do.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import Any

from newslint.config import Config

try:
    import pandas as pd
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("newslint.lint_dataframe needs pandas: pip install 'newslint[pandas]'") from exc

#: the columns of a findings frame
FINDING_COLUMNS = ("record_index", "record_id", "code", "name", "severity", "message", "field", "suggestion")

#: the registry of this process, built once: a DataFrame or Dataset is linted in many slices
_REGISTRY: Any = None


def linter(config: Config | None) -> Any:
    """A fresh Linter (its own statistics and dataset state) over this process's shared registry."""
    global _REGISTRY
    from newslint.engine import Linter
    from newslint.plugins import build_registry

    if _REGISTRY is None:
        _REGISTRY = build_registry()
    return Linter(config, _REGISTRY)


def plain(value: Any) -> Any:
    """A cell as the plain Python value a JSON record would hold (None for missing values)."""
    if value is None:
        return None
    if isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        return [plain(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return None if value != value else value.isoformat()  # NaT is not equal to itself
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return plain(value.item())
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def plain_record(record: dict[str, Any]) -> dict[str, Any]:
    """A row with its missing values left out, like a JSON record without those keys."""
    out = {}
    for key, value in record.items():
        value = plain(value)
        if value is not None:
            out[str(key)] = value
    return out


def findings_frame(violations: Iterable[Any], labels: Sequence[Any] | None = None, path: str | None = None) -> Any:
    """Findings as a DataFrame with :data:`FINDING_COLUMNS`; ``labels`` maps a record's position
    to its label (the DataFrame's index). With ``path`` (the name the rows were linted under), a
    dataset finding's reference to another row (``<dataframe>:3``, its line) names that row as
    ``record_index`` does: ``row 2``, or ``row 'b'`` under a labelled index."""
    rows = []
    ref = None
    if path is not None:
        import re

        ref = re.compile(re.escape(path) + r":(\d+)\b")
    for v in violations:
        index = v.record_index
        if labels is not None and index is not None:
            index = labels[index]
        message = v.message
        if ref is not None and v.code.startswith("NL6"):
            message = ref.sub(lambda m: _row_name(int(m.group(1)) - 1, labels), message)
        rows.append((index, v.record_id, v.code, v.name, v.severity, message, v.field, v.suggestion))
    frame = pd.DataFrame.from_records(rows, columns=list(FINDING_COLUMNS))
    if labels is None or pd.api.types.is_integer_dtype(getattr(labels, "dtype", None)):
        frame["record_index"] = frame["record_index"].astype("Int64")
    return frame


def _row_name(position: int, labels: Sequence[Any] | None) -> str:
    if labels is None:
        return f"row {position}"
    if 0 <= position < len(labels):
        label = labels[position]
        if isinstance(label, tuple):  # a MultiIndex label: named as df.loc takes it, ('x', 1), not ['x', 1]
            return f"row {tuple(plain(v) for v in label)!r}"
        value = plain(label)
        return f"row {value!r}" if isinstance(value, str) else f"row {value}"
    return f"row at position {position}"


def lint_dataframe(df: Any, config: Config | None = None, *, path: str = "<dataframe>", chunk_rows: int = 10_000) -> Any:
    """Lint the articles of a DataFrame, one row an article; returns the findings as a DataFrame."""
    import warnings

    from newslint.api import _lint_into
    from newslint.readers.csvfile import header_field_map

    if not isinstance(df, pd.DataFrame):
        hint = " (use newslint.lint_records for an iterable of dicts)" if isinstance(df, (list, tuple)) else ""
        raise TypeError(f"lint_dataframe() takes a pandas DataFrame, not {type(df).__name__}{hint}")
    if isinstance(chunk_rows, bool) or not isinstance(chunk_rows, int) or chunk_rows < 1:
        raise ValueError(f"lint_dataframe(): chunk_rows must be a whole number of rows, 1 or more, not {chunk_rows!r}")
    if not df.index.is_unique:
        warnings.warn("the DataFrame's index has repeated labels: a finding's record_index names every row "
                      "with that label (df.reset_index(drop=True) gives each row its own)", stacklevel=2)
    lin = linter(config)
    # columns spelled "Title" or "TEXT" map to their fields, as a CSV file's headers do
    lin.field_map = header_field_map(lin.field_map, [str(c) for c in df.columns])
    violations: list[Any] = []
    start = 0
    for s in range(0, len(df), chunk_rows):
        chunk = [plain_record(r) for r in df.iloc[s : s + chunk_rows].to_dict("records")]
        violations.extend(_lint_into(lin, chunk, path, start))
        start += len(chunk)
    violations.extend(lin.finish())
    labels = None if isinstance(df.index, pd.RangeIndex) and df.index.start == 0 and df.index.step == 1 else df.index
    return findings_frame(violations, labels, path)
