"""Distributed linting on a real local Dask cluster equals the single-process result."""

from __future__ import annotations

import os

import pytest
from dataset_fixtures import generated_dataset
from helpers import config

from newslint.api import lint_records

import dask  # noqa: E402  (in the test extra: this test must run, never skip)
import distributed  # noqa: E402


@pytest.fixture(scope="module")
def client():
    import dask.config

    with dask.config.set({"distributed.worker.daemon": False, "distributed.admin.tick.limit": "10s"}):
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        c = distributed.Client(cluster)
        try:
            yield c
        finally:
            c.close()
            cluster.close()


def test_lint_bag_on_a_local_cluster_equals_single_process(client):
    import dask.bag as db

    from newslint.integrations.dask import lint_bag

    records = generated_dataset()
    cfg = config(["NL1", "NL2", "NL6"])
    single = lint_records(records, cfg)
    bag = db.from_sequence(records, npartitions=5)
    distributed_result = lint_bag(bag, cfg)
    assert distributed_result == single
    codes = {v.code for v in distributed_result}
    assert {"NL601", "NL602", "NL604", "NL605"} <= codes
    # the work really ran on the cluster's worker processes: two of them, not this one. The client's
    # scheduler_info() is a copy refreshed every few seconds, stale on a busy machine; ask the
    # workers themselves, once both have joined (however long that takes here)
    client.wait_for_workers(2)
    pids = client.run(os.getpid)
    assert len(pids) == 2 and os.getpid() not in pids.values()


def test_lint_bag_with_known_sizes_and_empty_partitions(client):
    import dask.bag as db

    from newslint.integrations.dask import lint_bag

    records = generated_dataset(40, seed=2)
    parts = [records[:10], [], records[10:]]
    bag = db.from_delayed([dask.delayed(list)(p) for p in parts])
    sizes = [len(p) for p in parts]
    assert lint_bag(bag, config("NL6"), sizes=sizes) == lint_records(records, config("NL6"))
    with pytest.raises(ValueError, match="3 partitions"):
        lint_bag(bag, config("NL6"), sizes=sizes[:2])
    with pytest.raises(ValueError, match="records, not the"):
        lint_bag(bag, config("NL6"), sizes=[11, 0, sizes[2] - 1])


def test_a_dask_dataframe_given_to_lint_bag_is_refused_with_the_way_to_a_bag():
    import dask.dataframe as dd
    import pandas as pd

    from newslint.integrations.dask import lint_bag

    frame = dd.from_pandas(pd.DataFrame(generated_dataset(24, seed=4)), npartitions=2)
    with pytest.raises(TypeError, match=r"to_bag\(format='dict'\)"):
        lint_bag(frame)
    # the way it names gives the records, with the findings of a single process
    assert lint_bag(frame.to_bag(format="dict")) == lint_records(generated_dataset(24, seed=4))
