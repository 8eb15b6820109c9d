"""The Python API: lint paths, records or a string without the command line."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from newslint.config import Config
from newslint.readers import InputProblem, Source, decode_bytes_values, record_to_article


def lint_paths(paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], config: Config | None = None) -> list[Any]:
    """Lint files and directories; returns the findings in output order. One path may be given
    alone (``lint_paths("crawl/")``): a string is a path, not an iterable of one-letter paths."""
    from newslint.engine import Linter, discover

    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]  # type: ignore[list-item]
    elif paths is None:
        raise TypeError("lint_paths() takes a path or an iterable of paths, not None")
    linter = Linter(config)
    return list(linter.run(discover([os.fsdecode(p) for p in paths], linter.extensions, linter.config.exclude)))


def lint_text(text: str | bytes, path: str = "<string>.txt", config: Config | None = None) -> list[Any]:
    """Lint one article given as text (or as the bytes of a file, decoded as the reader would);
    ``path``'s extension picks the format."""
    from newslint.engine import Linter

    if not isinstance(text, (str, bytes, bytearray)):
        raise TypeError(f"lint_text() takes the article as str or bytes, not {type(text).__name__}")
    linter = Linter(config)
    source = Source(path=path, data=bytes(text) if isinstance(text, (bytes, bytearray)) else text.encode("utf-8"))
    return sorted(linter.lint_source(source), key=lambda v: v.sort_key()) + linter.finish()


def lint_records(
    records: Iterable[dict[str, Any]], config: Config | None = None, path: str = "<records>"
) -> list[Any]:
    """Lint an iterable of article dicts (news-please, trafilatura or plain field names).

    Records are read one at a time (a generator is fine). Record ``i`` (0-based) is reported at
    ``path`` line ``i + 1`` with ``record_index`` ``i``; a record that is not a mapping is an NL002
    finding. Returns the per-article findings in record order, then the dataset (NL6xx) findings
    sorted. Equal to ``finish_states`` over ``lint_partition`` of any split of the same records.
    """
    from newslint.engine import Linter

    _not_one_record(records, "lint_records")
    linter = Linter(config)
    return _lint_into(linter, records, path, 0) + linter.finish()


def _not_one_record(records: Any, where: str) -> None:
    """A TypeError for a single record, a string or bytes given where an iterable of records is
    expected: iterating them would lint their keys or their letters as records."""
    if isinstance(records, (Mapping, str, bytes, bytearray)):
        kind = "one record (a mapping)" if isinstance(records, Mapping) else f"a {type(records).__name__}"
        raise TypeError(f"{where}() takes an iterable of records, not {kind}: wrap one record in a list")
    frame = _frame_kind(records)
    if frame:
        # iterating a DataFrame yields its column names, which would be linted as records
        raise TypeError(f"{where}() takes an iterable of records, not a {frame} DataFrame: "
                        f"use newslint.lint_dataframe(df), or df.to_dict('records')")


def _frame_kind(obj: Any) -> str:
    """"pandas", "dask", "polars"... when ``obj`` is a DataFrame of that library, else ""."""
    cls = type(obj)
    if cls.__name__ != "DataFrame":
        return ""
    return cls.__module__.split(".")[0]


@dataclass
class DatasetState:
    """The dataset rules' state after a partition: picklable, small, mergeable.

    ``states`` maps each dataset rule (or bundle of rules sharing an index) to its state;
    ``fingerprint`` names the rules and options, so that states built under different settings are
    not merged by mistake. ``merge`` is associative and the final findings do not depend on how
    the records were split or in which order the states are merged.
    """

    fingerprint: str
    states: dict[str, Any] = field(default_factory=dict)
    articles: int = 0
    config: Config | None = None

    def merge(self, other: "DatasetState") -> "DatasetState":
        """Fold ``other`` into this state (in place) and return it."""
        if other.fingerprint != self.fingerprint:
            raise ValueError("cannot merge dataset states built with different rules or options")
        linter = _linter_for(self.config)
        for rule in linter.dataset_rules:
            self.states[rule.code] = rule.merge(self.states[rule.code], other.states[rule.code])
        self.articles += other.articles
        return self


def lint_partition(
    records: Iterable[dict[str, Any]],
    config: Config | None = None,
    path: str = "<records>",
    start: int = 0,
) -> tuple[list[Any], DatasetState]:
    """Lint one partition of a dataset: ``(per-article findings, dataset-rule state)``.

    ``start`` is the index of the partition's first record in the whole dataset, so that findings
    name the same line and record index as a single-process run. Merge the states of all
    partitions with :func:`finish_states` to get the dataset findings.
    """
    from newslint.engine import Linter

    _not_one_record(records, "lint_partition")
    linter = Linter(config)
    out = _lint_into(linter, records, path, start)
    return out, DatasetState(_fingerprint(linter), dict(linter.dataset_state), linter.stats.articles, config)


def _lint_into(linter: Any, records: Iterable[dict[str, Any]], path: str, start: int) -> list[Any]:
    out = []
    read = frozenset(k for keys in linter.field_map.values() for k in keys)  # the keys that hold article text
    for index, record in enumerate(records, start=start):
        if not isinstance(record, dict):
            if isinstance(record, Mapping):
                record = dict(record)  # a UserDict, a read-only mapping proxy, a database row mapping
            else:
                out.append(linter.input_violation(path, InputProblem("NL002", "record is not a mapping", index + 1, 1, index)))
                continue
        record, problem = decode_bytes_values(record, index, read)
        if problem is not None:
            out.append(linter.input_violation(path, problem))
            continue
        article = record_to_article(record, path=path, fmt="jsonl", line=index + 1, index=index, field_map=linter.field_map)
        out.extend(linter.lint_article(article))
    return out


def merge_states(states: Iterable[DatasetState]) -> DatasetState | None:
    """Merge partition states into one (None for no states); the order does not matter."""
    merged: DatasetState | None = None
    for state in states:
        if merged is None:
            merged = DatasetState(state.fingerprint, dict(state.states), state.articles, state.config)
        else:
            merged.merge(state)
    return merged


def finish_states(states: Iterable[DatasetState], config: Config | None = None) -> list[Any]:
    """Merge partition states and return the dataset findings, sorted.

    ``config`` must select the same rules and options the states were built with (by default
    the first state's configuration is used).
    """
    from newslint.engine import Linter

    states = list(states)
    if config is None and states:
        config = states[0].config
    linter = Linter(config)
    fingerprint = _fingerprint(linter)
    for state in states:
        if state.fingerprint != fingerprint:
            raise ValueError("dataset state was built with different rules or options than this configuration")
    merged = merge_states(states)
    if merged is not None:
        linter.dataset_state = merged.states
    return linter.finish()


#: fingerprint -> Linter, so that merging states does not rebuild the rules every time
_LINTERS: dict[str, Any] = {}


def _fingerprint(linter: Any) -> str:
    import hashlib

    from newslint._version import __version__

    parts = [__version__]
    for rule in linter.dataset_rules:
        members = getattr(rule, "members", [rule])
        for m in members:
            parts.append(f"{m.code}={sorted(m.opts.items())!r}")
    return hashlib.sha1("\n".join(parts).encode()).hexdigest()[:16]


def _linter_for(config: Config | None) -> Any:
    from newslint.engine import Linter

    key = repr(config)
    linter = _LINTERS.get(key)
    if linter is None:
        linter = _LINTERS[key] = Linter(config)
    return linter
