"""A generated JSONL dataset with a handful of fixable records among many: only those records change.

The 100,000-record version of this check, with throughput and peak memory, is bench/bench_fix.py.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import pytest

from newslint.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from fix_data import fixable_indexes, fixed_line, lines  # noqa: E402

N = 10_000


@pytest.mark.parametrize("gz", [False, True], ids=["jsonl", "jsonl.gz"])
def test_only_the_fixable_records_change(tmp_path, capsys, gz):
    fixable = fixable_indexes(N)
    original = "".join(lines(N, fixable)).encode("utf-8")
    target = tmp_path / ("data.jsonl.gz" if gz else "data.jsonl")
    target.write_bytes(gzip.compress(original, mtime=1_700_000_000) if gz else original)
    status = main([str(target), "--select", "NL101,NL102", "--fix"])
    err = capsys.readouterr().err
    assert status == 0, err
    assert f"Found {len(fixable)} findings ({len(fixable)} fixed, 0 remaining)." in err
    data = target.read_bytes()
    if gz:
        assert data[:2] == b"\x1f\x8b" and data[4:8] == (1_700_000_000).to_bytes(4, "little")  # header time kept
        data = gzip.decompress(data)
    before, after = original.splitlines(keepends=True), data.splitlines(keepends=True)
    assert len(before) == len(after) == N
    changed = [i for i, (old, new) in enumerate(zip(before, after)) if old != new]
    assert changed == sorted(fixable)
    for i in changed:
        assert after[i].decode("utf-8") == fixed_line(i, fixable)
