"""pandas DataFrames and Hugging Face Datasets: the same findings as lint_records, as a DataFrame."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd  # in the test extra: these tests must run, never skip
import pytest
from dataset_fixtures import generated_dataset

import newslint
from newslint.api import lint_paths, lint_records
from newslint.config import Config
from newslint.integrations.pandas import FINDING_COLUMNS

CFG = Config(extend_select=["NL6"])


def records() -> list[dict]:
    out = generated_dataset(80, seed=11)
    out[3] = {**out[3], "text": out[3]["text"] + "\n\nAdvertisement", "authors": ["Priya Raman", "Tomasz Nowak"]}
    out[7] = {**out[7], "title": None}
    return out


def expected_frame(recs: list[dict], cfg: Config = CFG) -> pd.DataFrame:
    """lint_records' findings, a dataset finding's "<dataframe>:LINE" written as the row it names."""
    def row(message: str) -> str:
        return re.sub(r"<dataframe>:(\d+)", lambda m: f"row {int(m.group(1)) - 1}", message)

    rows = [(v.record_index, v.record_id, v.code, v.name, v.severity, row(v.message) if v.code.startswith("NL6") else v.message,
             v.field, v.suggestion)
            for v in lint_records(recs, cfg, path="<dataframe>")]
    frame = pd.DataFrame.from_records(rows, columns=list(FINDING_COLUMNS))
    frame["record_index"] = frame["record_index"].astype("Int64")
    return frame


def test_lint_dataframe_equals_lint_records():
    recs = records()
    df = pd.DataFrame(recs)  # union of keys: missing cells are NaN / None
    got = newslint.lint_dataframe(df, CFG, chunk_rows=17)
    assert list(got.columns) == list(FINDING_COLUMNS)
    pd.testing.assert_frame_equal(got, expected_frame(recs))
    assert {"NL301", "NL202", "NL601", "NL604"} <= set(got.code)
    assert got.loc[got.code == "NL202", "record_index"].tolist() == [7]


def test_record_index_is_the_dataframe_label_and_numpy_cells_are_plain():
    recs = records()[:12]
    df = pd.DataFrame(recs, index=[f"row-{i}" for i in range(len(recs))])
    df["authors"] = [np.array(r["authors"], dtype=object) if "authors" in r else np.nan for r in recs]
    df["word_count"] = np.arange(len(recs), dtype=np.int64)
    df["crawled"] = pd.Timestamp("2026-03-01T12:00:00Z")
    got = newslint.lint_dataframe(df, Config(select=["NL2", "NL3"]))
    want = expected_frame(recs, Config(select=["NL2", "NL3"]))
    assert got["record_index"].tolist() == [f"row-{i}" for i in want["record_index"]]
    assert got.drop(columns="record_index").equals(want.drop(columns="record_index"))
    selected = df.loc[got.loc[got.code == "NL301", "record_index"]]
    assert selected["id"].tolist() == [recs[3]["id"]]


def test_missing_values_are_absent_fields_not_placeholders():
    df = pd.DataFrame({"title": ["Bridge Repairs Begin", "Library Extends Hours"],
                       "text": ["Crews began work on the old bridge on Monday.", None],
                       "author": [math.nan, "Helen Achebe"]})
    got = newslint.lint_dataframe(df, Config(select=["NL201", "NL204", "NL211"]))
    assert list(zip(got.record_index, got.code)) == [(0, "NL201"), (0, "NL204"), (1, "NL204")]
    assert newslint.lint_dataframe(df.iloc[:0]).empty


def test_import_and_linting_files_do_not_import_pandas_or_pyarrow():
    import subprocess
    import sys

    code = ("import sys, newslint; newslint.lint_paths(['examples/']); "
            "print('pandas' in sys.modules, 'pyarrow' in sys.modules)")
    root = __import__("pathlib").Path(__file__).resolve().parent.parent
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root).stdout
    assert out.split() == ["False", "False"]


@pytest.fixture
def offline(monkeypatch, tmp_path):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf-cache"))


@pytest.mark.parametrize("num_proc", [None, 2])
def test_lint_dataset_uses_map_and_equals_lint_dataframe(offline, tmp_path, num_proc):
    from datasets import Dataset, load_from_disk

    from newslint.integrations.hf import lint_dataset

    recs = records()
    columns = sorted({k for r in recs for k in r})
    ds = Dataset.from_dict({k: [r.get(k) for r in recs] for k in columns})
    ds.save_to_disk(str(tmp_path / "saved"))
    ds = load_from_disk(str(tmp_path / "saved"))  # memory-mapped, as a real dataset is
    before = sorted(p.name for p in (tmp_path / "saved").iterdir())
    import os

    environ = os.environ
    got = lint_dataset(ds, CFG, num_proc=num_proc, batch_size=13, path="<dataframe>")
    assert os.environ is environ  # datasets swaps os.environ for a copy when num_proc is set
    want = newslint.lint_dataframe(pd.DataFrame({k: [r.get(k) for r in recs] for k in columns}), CFG)
    want["record_index"] = want["record_index"].astype("Int64")
    pd.testing.assert_frame_equal(got, want)
    assert sorted(p.name for p in (tmp_path / "saved").iterdir()) == before  # no cache file left beside the data


def test_lint_dataset_on_a_selection_and_an_image_column(offline):
    from datasets import Dataset

    from newslint.integrations.hf import lint_dataset

    recs = records()[:30]
    ds = Dataset.from_dict({"id": [r["id"] for r in recs], "title": [r.get("title") for r in recs],
                            "text": [r["text"] for r in recs], "thumb": [b"\x89PNG" * 10 for _ in recs]})
    picked = ds.select(range(29, -1, -2))  # an indices mapping, rows out of storage order
    got = lint_dataset(picked, Config(select=["NL2", "NL3"]), batch_size=4)
    want = lint_records([{k: v for k, v in r.items() if k != "thumb" and v is not None} for r in picked],
                        Config(select=["NL2", "NL3"]))
    assert list(zip(got.record_index, got.code, got.record_id)) == [(v.record_index, v.code, v.record_id) for v in want]
    with pytest.raises(TypeError, match="pick a split"):
        from datasets import DatasetDict

        lint_dataset(DatasetDict({"train": ds}))


def test_lint_dataset_on_rows_with_no_column_it_reads_reports_each_row(offline, tmp_path):
    # a crawl kept as raw page bytes and embeddings only: every row is an article without a title or
    # a body, as a streamed dataset and the command line report it, not a clean dataset
    from datasets import Dataset, Features, Sequence, Value

    from newslint.integrations.hf import lint_dataset

    features = Features({"page": Value("binary"), "embedding": Sequence(Value("float32"))})
    ds = Dataset.from_dict({"page": [b"\x1f\x8b\x08\x00 gzipped page %d" % i for i in range(5)],
                            "embedding": [[0.25, -0.5, 0.125]] * 5}, features=features)
    cfg = Config(select=["NL202", "NL204"])
    got = lint_dataset(ds, cfg, batch_size=2)
    assert list(zip(got.record_index, got.code)) == [(i, code) for i in range(5) for code in ("NL202", "NL204")]
    pd.testing.assert_frame_equal(got, lint_dataset(ds.to_iterable_dataset(), cfg, batch_size=2))
    ds.to_parquet(str(tmp_path / "pages.parquet"))
    on_disk = lint_paths([str(tmp_path / "pages.parquet")], cfg)
    assert [(v.record_index, v.code) for v in on_disk] == list(zip(got.record_index, got.code))


def test_lint_dataset_on_a_streamed_dataset(offline):
    from datasets import Dataset

    from newslint.integrations.hf import lint_dataset

    recs = records()
    columns = sorted({k for r in recs for k in r})
    ds = Dataset.from_dict({k: [r.get(k) for r in recs] for k in columns})
    streamed = ds.to_iterable_dataset(num_shards=3)
    got = lint_dataset(streamed, CFG, batch_size=10, path="<dataframe>")
    pd.testing.assert_frame_equal(got, lint_dataset(ds, CFG, path="<dataframe>"))


def test_a_streamed_dataset_without_features_maps_capitalised_columns(offline):
    # a generator of a spreadsheet's rows: the stream declares no features, its batches name the columns
    from datasets import Dataset, IterableDataset

    from newslint.integrations.hf import lint_dataset

    recs = records()[:12]

    def rows():
        for r in recs:
            yield {"ID": r["id"], "Title": r.get("title") or "", "TEXT": r["text"]}

    streamed = IterableDataset.from_generator(rows)
    assert streamed.features is None
    cfg = Config(select=["NL2", "NL3"])
    got = lint_dataset(streamed, cfg, batch_size=5)
    pd.testing.assert_frame_equal(got, lint_dataset(Dataset.from_generator(rows), cfg, batch_size=5))
    assert "NL301" in set(got.code) and not (got.code == "NL204").any()


def test_bytes_values_are_text_when_utf8_and_one_nl001_when_not():
    """Text handed over as bytes (a database driver, a binary column) is linted as the text, not
    as "b'...'"; a value that is not UTF-8 is an NL001 naming its field, and the record is skipped."""
    recs = records()[:6]
    as_bytes = [{k: (v.encode() if k in ("title", "text") and isinstance(v, str) else v) for k, v in r.items()}
                for r in recs]
    as_bytes[3] = {**as_bytes[3], "text": b"Le maire a annonc\xe9 le projet."}
    got = lint_records(as_bytes, CFG)
    want = lint_records(recs[:3] + recs[4:], CFG)
    broken = [v for v in got if v.record_index == 3]
    assert [(v.code, v.message) for v in broken] == [
        ("NL001", "cannot decode field 'text' as UTF-8: byte 0xe9 at offset 17 (invalid continuation byte)")]
    assert [(v.code, v.message) for v in got if v.record_index != 3 and v.record_index is not None and v.record_index < 3] == \
        [(v.code, v.message) for v in want if v.record_index is not None and v.record_index < 3]
    assert as_bytes[0]["text"] == recs[0]["text"].encode()  # the caller's records are not changed


def test_a_binary_column_newslint_does_not_read_does_not_hide_the_rows():
    # a frame read from Parquet with each story's thumbnail as PNG bytes beside its text
    recs = records()[:8]
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\xff"
    df = pd.DataFrame([{**r, "thumbnail": png} for r in recs])
    want = newslint.lint_dataframe(pd.DataFrame(recs), CFG)
    assert {"NL301", "NL202"} <= set(want.code)
    pd.testing.assert_frame_equal(newslint.lint_dataframe(df, CFG), want)
    assert lint_records([{**r, "thumbnail": png} for r in recs], CFG) == lint_records(recs, CFG)


def test_lint_dataset_reads_a_binary_text_column_and_skips_a_binary_image(offline):
    from datasets import Dataset, Features, Value

    from newslint.integrations.hf import lint_dataset

    recs = records()[:20]
    features = Features({"id": Value("string"), "title": Value("binary"), "text": Value("binary"), "thumb": Value("binary")})
    ds = Dataset.from_dict({"id": [r["id"] for r in recs], "title": [(r.get("title") or "").encode() for r in recs],
                            "text": [r["text"].encode() for r in recs], "thumb": [b"\x89PNG\xff" * 10 for _ in recs]},
                           features=features)
    got = lint_dataset(ds, Config(select=["NL1", "NL2", "NL3"]), batch_size=8)
    want = lint_records([{"id": r["id"], "title": r.get("title") or "", "text": r["text"]} for r in recs],
                        Config(select=["NL1", "NL2", "NL3"]))
    assert list(zip(got.record_index, got.code, got.message)) == [(v.record_index, v.code, v.message) for v in want]
    assert len(want) > 5


BRIDGE = ("Crews began work on the old river bridge on Monday, closing one lane in each direction "
          "until the end of the month while the deck is resurfaced and the railings are replaced.")


def test_a_dataset_finding_names_the_other_row_as_record_index_does():
    df = pd.DataFrame({"id": ["a1", "b2", "c3"], "title": ["Bridge Repairs Begin", "Bridge Work Starts", "Library Hours"],
                       "text": [BRIDGE, BRIDGE, "The library will open until nine on weekdays from next month."]},
                      index=["first", "second", "third"])
    got = newslint.lint_dataframe(df, Config(select=["NL601"]))
    assert got.record_index.tolist() == ["second"]
    assert got.message[0] == "duplicate article: same body as row 'first' (a1)"
    default = newslint.lint_dataframe(df.reset_index(drop=True), Config(select=["NL601"]))
    assert default.message[0] == "duplicate article: same body as row 0 (a1)"  # not "<dataframe>:1"
    with pytest.warns(UserWarning, match="repeated labels"):
        newslint.lint_dataframe(df.set_axis(["x", "x", "y"]), Config(select=["NL601"]))


def test_under_a_multiindex_a_dataset_finding_names_the_other_row_as_df_loc_takes_it():
    # rows keyed by (desk, story number): the earlier copy is named the way record_index names a row
    index = pd.MultiIndex.from_tuples([("metro", 11), ("metro", 12), ("sport", 3)], names=["desk", "story"])
    df = pd.DataFrame({"title": ["Bridge Repairs Begin", "Bridge Work Starts", "Library Hours"],
                       "text": [BRIDGE, BRIDGE, "The library will open until nine on weekdays from next month."]},
                      index=index)
    got = newslint.lint_dataframe(df, Config(select=["NL601"]))
    assert got.record_index.tolist() == [("metro", 12)]
    assert got.message[0] == "duplicate article: same body as row ('metro', 11)"
    assert df.loc[("metro", 11), "text"] == BRIDGE


def test_rows_as_dicts_with_nan_and_nat_are_absent_fields_and_whole_float_ids_are_integers():
    # what df.to_dict("records") and dask's to_bag(format="dict") hand over
    df = pd.DataFrame({"id": [1, None, 3], "title": ["Bridge Repairs Begin", math.nan, "Library Hours"],
                       "author": [math.nan, "Helen Achebe", None], "text": [BRIDGE * 2, math.nan, BRIDGE * 3],
                       "date": pd.to_datetime(["2026-03-02", None, "2026-03-04"])})
    cfg = Config(select=["NL201", "NL202", "NL203", "NL204", "NL210", "NL211"], per_record_ignores={"3": ["NL201"]})
    got = [(v.record_index, v.record_id, v.code) for v in lint_records(df.to_dict("records"), cfg)]
    assert got == [(0, "1", "NL201"), (1, None, "NL202"), (1, None, "NL203"), (1, None, "NL204")]
    assert lint_records(df.to_dict("records"), cfg)[3].message == "empty body: the article has no text"
    frame = newslint.lint_dataframe(df, cfg)
    ids = [i if isinstance(i, str) else None for i in frame.record_id]
    assert list(zip(frame.record_index, ids, frame.code)) == got


def test_any_mapping_is_a_record_and_a_dataframe_is_refused_with_a_hint():
    from collections import UserDict
    from types import MappingProxyType

    rec = {"id": "r1", "title": "Bridge Repairs Begin", "text": BRIDGE}
    cfg = Config(select=["NL201"])
    for wrapped in (UserDict(rec), MappingProxyType(rec)):
        assert [(v.record_id, v.code) for v in lint_records([wrapped], cfg)] == [("r1", "NL201")]
    with pytest.raises(TypeError, match="lint_dataframe"):
        lint_records(pd.DataFrame([rec]), cfg)


def test_api_user_errors_are_clear_exceptions():
    df = pd.DataFrame({"title": ["Bridge Repairs Begin"], "text": [BRIDGE]})
    for bad in (0, -1, 2.5):
        with pytest.raises(ValueError, match="chunk_rows"):
            newslint.lint_dataframe(df, chunk_rows=bad)
    with pytest.raises(TypeError, match="lint_records"):
        newslint.lint_dataframe([{"title": "x"}])
    with pytest.raises(TypeError, match="newslint.Config"):
        lint_records([{"title": "x"}], {"select": ["NL201"]})
    with pytest.raises(TypeError, match="str or bytes"):
        newslint.lint_text(None)
    with pytest.raises(TypeError, match="not None"):
        newslint.lint_paths(None)
    # a string is the command line's comma-separated list, not a list of letters
    assert Config(select="NL201, NL202").select == ["NL201", "NL202"]


def test_capitalised_columns_map_to_their_fields_as_in_a_csv_file():
    df = pd.DataFrame({"Title": ["Bridge Repairs Begin"], "TEXT": [BRIDGE * 2], "Author": ["Helen Achebe"]})
    assert newslint.lint_dataframe(df, Config(select=["NL201", "NL202", "NL204"])).empty


def test_lint_dataset_reads_dates_python_cannot_hold_and_class_labels_by_name(offline):
    import datasets
    import pyarrow as pa

    from newslint.integrations.hf import lint_dataset

    german = ("Der Stadtrat hat am Dienstag beschlossen, die Radwege in der Innenstadt auszubauen und "
              "die Parkgebühren im kommenden Jahr zu erhöhen, wie die Verwaltung mitteilte. Die Arbeiten "
              "sollen im Frühjahr beginnen und bis zum Herbst abgeschlossen sein.")
    table = pa.table({"id": ["r1", "r2"], "title": ["Radwege werden ausgebaut", "Bridge Repairs Begin"], "text": [german, BRIDGE],
                      "date": pa.array([1672531200, 2534023008000], pa.timestamp("s")), "language": [0, 0]})
    features = datasets.Features({"id": datasets.Value("string"), "title": datasets.Value("string"), "text": datasets.Value("string"),
                                  "date": datasets.Value("timestamp[s]"), "language": datasets.ClassLabel(names=["en", "de"])})
    ds = datasets.Dataset(table.cast(features.arrow_schema)).cast(features)
    got = lint_dataset(ds, Config(select=["NL210", "NL508"]))
    assert list(zip(got.record_index, got.code)) == [(0, "NL508"), (1, "NL210")]
    streamed = lint_dataset(ds.to_iterable_dataset(), Config(select=["NL210", "NL508"]))
    pd.testing.assert_frame_equal(streamed, got)
