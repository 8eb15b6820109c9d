"""Lint a partitioned dataset with Dask and merge the dataset rules' state.

Each partition is linted where it lives (:func:`newslint.api.lint_partition`): the per-article
rules run there, and the dataset rules (NL6xx) return a small state (under 100 bytes per article
plus record ids) instead of the articles. The states are merged pairwise in a tree on the
cluster and finished once, so the result is exactly what ``newslint.lint_records`` gives on the
same records in one process::

    import dask.bag as db
    from distributed import Client
    from newslint.integrations.dask import lint_bag

    client = Client()                                  # or a real cluster's scheduler address
    bag = db.read_text("crawl/*.jsonl").map(json.loads)
    findings = lint_bag(bag)                           # list of newslint.Violation

Records are numbered across the whole collection (line ``i + 1`` of ``path`` for record ``i``).
Counting them costs one cheap pass over the partitions before linting; pass ``sizes`` (records
per partition) when you know them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from newslint.api import DatasetState, finish_states, lint_partition
from newslint.config import Config
from newslint.violation import Violation

try:
    import dask
    from dask import delayed
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("newslint.integrations.dask needs Dask: pip install 'newslint[dask]'") from exc


def _count(part: Iterable[Any]) -> list[int]:
    return [sum(1 for _ in part)]


def _lint(part: Iterable[Any], config: Config | None, path: str, start: int, size: int) -> tuple[list[Violation], DatasetState]:
    part = list(part)
    if len(part) != size:
        raise ValueError(f"a partition holds {len(part)} records, not the {size} given in sizes")
    return lint_partition(part, config, path=path, start=start)


def _violations(result: tuple[list[Violation], DatasetState]) -> list[Violation]:
    return result[0]


def _state(result: tuple[list[Violation], DatasetState]) -> DatasetState:
    return result[1]


def _merge(a: DatasetState, b: DatasetState) -> DatasetState:
    return a.merge(b)


def _finish(state: DatasetState, config: Config | None) -> list[Violation]:
    return finish_states([state], config)


def _lint_partitions(parts: Sequence[Any], sizes: Sequence[int], config: Config | None, path: str) -> list[Violation]:
    starts = [0]
    for size in sizes[:-1]:
        starts.append(starts[-1] + int(size))
    results = [delayed(_lint, pure=False)(p, config, path, s, n) for p, s, n in zip(parts, starts, sizes)]
    per_article = [delayed(_violations)(r) for r in results]
    states = [delayed(_state)(r) for r in results]
    # pairwise tree merge: log2(partitions) rounds, each state crosses the network once per round
    while len(states) > 1:
        nxt = [delayed(_merge)(states[i], states[i + 1]) for i in range(0, len(states) - 1, 2)]
        if len(states) % 2:
            nxt.append(states[-1])
        states = nxt
    if not states:
        return []
    lists, dataset = dask.compute(per_article, delayed(_finish)(states[0], config))
    out = [v for lst in lists for v in sorted(lst, key=Violation.sort_key)]
    return out + list(dataset)


def lint_bag(bag: Any, config: Config | None = None, path: str = "<records>", sizes: Sequence[int] | None = None) -> list[Violation]:
    """Lint a ``dask.bag.Bag`` of article dicts; per-article findings in record order, then the dataset findings."""
    from newslint.api import _frame_kind

    if _frame_kind(bag) == "dask":
        raise TypeError("lint_bag() takes a dask Bag of records, not a dask DataFrame: use ddf.to_bag(format='dict')")
    parts = bag.to_delayed()
    if sizes is None:
        sizes = bag.map_partitions(_count).compute()
    if len(sizes) != len(parts):
        raise ValueError(f"sizes has {len(sizes)} entries for {len(parts)} partitions")
    return _lint_partitions(parts, list(sizes), config, path)
