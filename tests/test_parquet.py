"""Parquet and Arrow IPC datasets: read in batches like JSON Lines records, fixed into an identical copy."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import warnings

import pyarrow as pa  # in the test extra: these tests must run, never skip
import pyarrow.feather as feather
import pyarrow.parquet as pq
from dataset_fixtures import generated_dataset

from newslint.api import lint_paths, lint_records
from newslint.cli import main
from newslint.config import Config
from newslint.readers.columnar import BATCH_ROWS

DEFECTIVE = [
    {
        "id": "harbour-7",
        "title": "Harbour Dredging Starts Next Month",
        "authors": ["Lena Moretti", "Tobias Grant"],
        "url": "https://www.coastgazette.example/harbour/dredging",
        "text": "Work to deepen the main shipping channel will begin in early May, the port authority said.\n\n"
                "Advertisement\n\n"
                "The project will allow larger container ships to dock without waiting for high tide.\n\n"
                "Work to deepen the main shipping channel will begin in early May, the port authority said.",
    },
    {
        "id": "council-3",
        "title": "Council Approves Cycle Lanes",
        "authors": [],
        "url": "https://www.coastgazette.example/council/cycle-lanes",
        "text": "Councillors voted eleven to four on Thursday to build protected cycle lanes on two main roads.\n\n"
                "Residents will be consulted on the exact routes over the summer, with work due next spring.",
    },
]


def records_for_test() -> list[dict]:
    out = []
    for i, rec in enumerate(generated_dataset(60, seed=3)):
        out.append({**rec, "authors": ["Staff Reporter"] if i % 4 else ["Maria Okafor", "Daniel Ferreira"]})
    return out[:20] + DEFECTIVE + out[20:]


def table_of(records: list[dict], large: bool = True) -> pa.Table:
    text = pa.large_string() if large else pa.string()
    schema = pa.schema([
        ("id", pa.string()), ("title", pa.string()), ("authors", pa.list_(pa.string())),
        ("url", pa.string()), ("source_domain", pa.string()), ("text", text),
    ])
    return pa.Table.from_pylist([{k: r.get(k) for k in schema.names} for r in records], schema=schema)


def text_lines(capsys, *args) -> tuple[int, list[str]]:
    """The exit status and the text report's lines of an isolated, uncached run."""
    status = main(["--isolated", "--no-cache", "--format", "text", *map(str, args)])
    return status, capsys.readouterr().out.splitlines()


def in_memory(records: list[dict], cfg: Config, path) -> list:
    """What lint_records reports on the same records under the file's name."""
    return lint_records(records, cfg, path=str(path))


def test_parquet_findings_equal_the_same_records_linted_in_memory(tmp_path):
    records = records_for_test()
    path = tmp_path / "crawl.parquet"
    pq.write_table(table_of(records), path, row_group_size=17)  # batches cross row groups
    cfg = Config(extend_select=["NL6"])
    got = lint_paths([str(path)], cfg)
    want = in_memory(records, cfg, str(path))
    assert got == want
    codes = {v.code for v in got}
    assert {"NL101", "NL301", "NL601", "NL604"} <= codes
    # a row is located by its line (row + 1) and named by its id, the field by its column
    (dup,) = [v for v in got if v.code == "NL101"]
    assert (dup.line, dup.record_id, dup.record_index, dup.field) == (21, "harbour-7", 20, "text")


def test_folder_of_parquet_shards_and_more_rows_than_a_batch(tmp_path):
    records = [{**r, "id": f"{r['id']}-{k}"} for k in range(32) for r in generated_dataset(60, seed=5)]
    assert len(records) > 2 * BATCH_ROWS
    shards = tmp_path / "data"
    shards.mkdir()
    half = len(records) // 2
    pq.write_table(table_of(records[:half]), shards / "train-00000-of-00002.parquet")
    pq.write_table(table_of(records[half:]), shards / "train-00001-of-00002.parquet")
    cfg = Config(select=["NL101", "NL202", "NL306"])  # cheap rules: the point is the reading
    got = lint_paths([str(tmp_path)], cfg)
    first = str(shards / "train-00000-of-00002.parquet")
    second = str(shards / "train-00001-of-00002.parquet")
    want = in_memory(records[:half], cfg, first) + in_memory(records[half:], cfg, second)
    assert got == want and {v.code for v in got} == {"NL306"} and len(got) > 100


def test_field_option_maps_other_column_names(tmp_path):
    path = tmp_path / "export.parquet"
    rows = [{"headline": DEFECTIVE[0]["title"], "article_text": DEFECTIVE[0]["text"], "writer": "Lena Moretti",
             "article_id": "h-7"}]
    pq.write_table(pa.Table.from_pylist(rows), path)
    got = lint_paths([str(path)], Config(select=["NL101", "NL201"], field_map={"body": "article_text", "byline": "writer", "id": "article_id"}))
    assert [(v.code, v.line, v.record_id, v.field) for v in got] == [("NL101", 1, "h-7", "article_text")]


def test_cli_reports_rows_as_lines_with_the_record(tmp_path, capsys):
    path = tmp_path / "crawl.parquet"
    pq.write_table(table_of(DEFECTIVE), path)
    status, out = text_lines(capsys, "--select", "NL101,NL301", path)
    assert status == 1
    assert out == [
        f"{path}:1:1: NL301 advertisement marker left in the text: 'Advertisement' (record harbour-7, field text)",
        f"{path}:1:1: NL101 duplicate paragraph: paragraph 4 repeats paragraph 1 (record harbour-7, field text)",
    ]


def test_unreadable_parquet_is_nl001_and_the_run_goes_on(tmp_path, capsys):
    bad = tmp_path / "a-broken.parquet"
    bad.write_bytes(b"PAR1 this is not really a parquet file")
    good = tmp_path / "b-good.parquet"
    pq.write_table(table_of(DEFECTIVE), good)
    assert main(["--isolated", "--no-cache", "--format", "text", "--select", "NL101", str(tmp_path)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{bad}:1:1: NL001 cannot read Parquet file: ")
    assert out[1].startswith(f"{good}:1:1: NL101 ")
    assert len(out) == 2


def _as_binary(table: pa.Table, names: tuple[str, ...]) -> pa.Table:
    """``table`` with the string columns ``names`` stored as plain binary, as Hive, Impala and older
    Spark write text, beside a binary image column that is not text."""
    for name in names:
        k = table.schema.get_field_index(name)
        table = table.set_column(k, pa.field(name, pa.binary()), table.column(k).cast(pa.binary()))
    return table.append_column("image", pa.array([b"\x89PNG\r\n\x1a\n\x00\xff"] * len(table), type=pa.binary()))


def test_text_stored_as_binary_is_read_as_text(tmp_path):
    """A body and title in binary columns are linted as the same text in string columns; a binary
    column that no field names (an image) is still not read."""
    records = records_for_test()
    path = tmp_path / "crawl.parquet"
    cfg = Config(extend_select=["NL6"])
    pq.write_table(table_of(records, large=False), path)
    want = lint_paths([str(path)], cfg)
    pq.write_table(_as_binary(table_of(records, large=False), ("title", "text", "url")), path)
    got = lint_paths([str(path)], cfg)
    assert got == want and {"NL101", "NL301", "NL601"} <= {v.code for v in got}


def _legacy_with_latin1_cell(tmp_path):
    """DEFECTIVE with its text in a binary column, the second row holding Latin-1 bytes in the
    UTF-8 text: the file's path and the text column's cells."""
    table = _as_binary(table_of(DEFECTIVE), ("text",))
    k = table.schema.get_field_index("text")
    cells = table.column(k).to_pylist()
    cells[1] = cells[1][:20] + b"\xe9t\xe9 " + cells[1][20:]
    path = tmp_path / "legacy.parquet"
    pq.write_table(table.set_column(k, table.schema.field(k), pa.array(cells, type=pa.binary())), path)
    return path, cells


def test_binary_text_that_is_not_utf8_is_nl001_on_its_row_and_the_other_rows_are_linted(tmp_path, capsys):
    path, _ = _legacy_with_latin1_cell(tmp_path)
    status, out = text_lines(capsys, "--select", "NL101", path)
    assert status == 2
    assert out == [
        f"{path}:1:1: NL101 duplicate paragraph: paragraph 4 repeats paragraph 1 (record harbour-7, field text)",
        f"{path}:2:1: NL001 cannot decode field 'text' as UTF-8: byte 0xe9 at offset 20 (invalid continuation byte) (record #1)",
    ]


def test_fix_of_text_stored_as_binary_keeps_the_column_binary(tmp_path, capsys):
    path = tmp_path / "legacy.parquet"
    pq.write_table(_as_binary(table_of(DEFECTIVE), ("title", "text")), path)
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL101,NL301", str(path)]) == 0
    capsys.readouterr()
    table = pq.read_table(path)
    assert table.schema.field("text").type == pa.binary() and table.schema.field("image").type == pa.binary()
    first = table.column("text")[0].as_py()
    assert b"Advertisement" not in first and first.count(b"Work to deepen") == 1
    assert table.column("image").to_pylist() == [b"\x89PNG\r\n\x1a\n\x00\xff"] * 2
    assert table.column("text")[1].as_py() == DEFECTIVE[1]["text"].encode()
    assert main(["--isolated", "--no-cache", "--select", "NL101,NL301", str(path)]) == 0


def test_fix_of_binary_text_writes_the_readable_rows_and_keeps_the_undecodable_one(tmp_path, capsys):
    path, cells = _legacy_with_latin1_cell(tmp_path)
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL101,NL301", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"{path}:2:1: NL001 cannot decode field 'text' as UTF-8: byte 0xe9 at offset 20 (invalid continuation byte) (record #1)"]
    assert "(2 fixed, 1 remaining)" in err
    fixed = pq.read_table(path)
    assert fixed.schema.field("text").type == pa.binary()
    assert b"Advertisement" not in fixed.column("text")[0].as_py()
    assert fixed.column("text")[1].as_py() == cells[1]  # the row that cannot be read, byte for byte


def test_fix_leaves_a_file_with_a_column_name_twice_and_goes_on(tmp_path, capsys):
    body = DEFECTIVE[0]["text"]
    twice = tmp_path / "a-twice.parquet"
    pq.write_table(pa.table([pa.array(["x"] * 2), pa.array([body] * 2)], names=["text", "text"]), twice)
    other = tmp_path / "b-other.parquet"
    pq.write_table(table_of(DEFECTIVE), other)
    before = twice.read_bytes()
    assert main(["--isolated", "--no-cache", "--select", "NL101,NL301", str(twice)]) == 1
    plain = capsys.readouterr().out
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL101,NL301", str(twice), str(other)]) == 1
    out, err = capsys.readouterr()
    assert out == plain  # reported as it is
    assert twice.read_bytes() == before
    assert f"{twice}: not fixed: the column name 'text' appears more than once" in err
    assert b"Advertisement" not in pq.read_table(other).column("text")[0].as_py().encode()  # the run went on


def test_a_writer_failure_is_nl001_for_that_file_and_the_run_goes_on(tmp_path, capsys, monkeypatch):
    import newslint.fixer.parquetfix as parquetfix

    first, second = tmp_path / "a.parquet", tmp_path / "b.jsonl"
    pq.write_table(table_of(DEFECTIVE), first)
    second.write_text(json.dumps(DEFECTIVE[0]) + "\n", encoding="utf-8")
    before = first.read_bytes()

    def fails(table, rows):
        raise pa.ArrowInvalid("Invalid column index to set field.")

    monkeypatch.setattr(parquetfix, "_patched", fails)
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL101,NL301", str(first), str(second)]) == 2
    out, err = capsys.readouterr()
    assert f"{first}:1:1: NL001 cannot fix: ArrowInvalid: Invalid column index to set field." in out.splitlines()
    assert first.read_bytes() == before and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert "Advertisement" not in second.read_text()  # the next file was fixed
    assert "Traceback" not in err


def test_missing_pyarrow_is_one_line_naming_the_extra(tmp_path, capsys, monkeypatch):
    path = tmp_path / "crawl.parquet"
    pq.write_table(table_of(DEFECTIVE), path)
    ipc = tmp_path / "crawl.arrow"
    feather.write_feather(table_of(DEFECTIVE), ipc)
    for mod in [m for m in sys.modules if m == "pyarrow" or m.startswith("pyarrow.")]:
        monkeypatch.delitem(sys.modules, mod)
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # import pyarrow now raises ImportError
    assert main(["--isolated", "--no-cache", "--format", "text", str(path), str(ipc)]) == 2
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        f"{path}:1:1: NL001 reading Parquet files needs pyarrow: pip install 'newslint[parquet]'",
        f"{ipc}:1:1: NL001 reading Arrow files needs pyarrow: pip install 'newslint[parquet]'",
    ]
    assert "Traceback" not in captured.err
    assert main(["--isolated", "--no-cache", "--fix", "--format", "text", str(path)]) == 2
    assert "needs pyarrow" in capsys.readouterr().out


def test_feather_and_arrow_stream_files(tmp_path):
    records = records_for_test()
    table = table_of(records)
    cfg = Config(select=["NL1", "NL2", "NL3"])
    f1 = tmp_path / "crawl.feather"
    feather.write_feather(table, f1, chunksize=7)
    f2 = tmp_path / "crawl.arrow"
    with pa.OSFile(str(f2), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as w:
        w.write_table(table, max_chunksize=5000)
    for f in (f1, f2):
        assert lint_paths([str(f)], cfg) == in_memory(records, cfg, str(f))


def test_an_arrow_file_that_cannot_be_opened_says_why(tmp_path, capsys):
    table = table_of(records_for_test())
    whole = tmp_path / "whole.arrow"
    feather.write_feather(table, str(whole))
    data = whole.read_bytes()
    cut = tmp_path / "cut.arrow"  # a copy interrupted halfway: the IPC file's footer is missing
    cut.write_bytes(data[: len(data) // 2])
    old = tmp_path / "old.feather"
    with warnings.catch_warnings():  # pyarrow deprecates writing them; archives still hold them
        warnings.simplefilter("ignore")
        feather.write_feather(table.drop_columns(["authors"]), str(old), version=1)
    export = tmp_path / "export.arrow"  # a CSV export saved under the wrong name
    export.write_text("id,title,text\nharbour-7,Harbour Dredging Starts Next Month,Work begins in May.\n",
                      encoding="utf-8")
    empty = tmp_path / "empty.arrow"
    empty.write_bytes(b"")
    status, lines = text_lines(capsys, "--select", "NL0", cut, empty, export, old)
    assert status == 2
    assert lines == [
        f"{cut}:1:1: NL001 cannot read Arrow file: an Arrow IPC file cut short or damaged: its footer cannot be read",
        f"{empty}:1:1: NL001 cannot read Arrow file: an empty file",
        f"{export}:1:1: NL001 cannot read Arrow file: neither an Arrow IPC file nor an Arrow IPC stream",
        f"{old}:1:1: NL001 cannot read Arrow file: a Feather version 1 file, which newslint does not read: "
        f"write it again as Feather version 2 (the default of pyarrow.feather.write_feather)",
    ]


def _saved_dataset(tmp_path, monkeypatch, num_shards: int):
    """The test records saved with ``Dataset.save_to_disk`` in ``num_shards`` shards: (records,
    dataset, folder)."""
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from datasets import Dataset

    records = records_for_test()
    ds = Dataset.from_dict({k: [r.get(k) for r in records] for k in ("id", "title", "authors", "url", "text")})
    folder = tmp_path / "saved"
    ds.save_to_disk(str(folder), num_shards=num_shards)
    return records, ds, folder


def test_save_to_disk_folder_reads_its_shards_not_its_metadata(tmp_path, monkeypatch):
    records, ds, folder = _saved_dataset(tmp_path, monkeypatch, 2)
    names = sorted(os.listdir(folder))
    assert "state.json" in names and "dataset_info.json" in names
    shards = sorted(n for n in names if n.endswith(".arrow"))
    assert len(shards) == 2
    # a stale cache file beside the shards is not part of the dataset
    (folder / "cache-0123abcd.arrow").write_bytes((folder / shards[0]).read_bytes())
    cfg = Config(select=["NL1", "NL2", "NL3"])
    got = lint_paths([str(tmp_path)], cfg)
    n0 = ds.shard(2, 0, contiguous=True).num_rows
    want = in_memory(records[:n0], cfg, folder / shards[0]) + in_memory(records[n0:], cfg, folder / shards[1])
    assert got == want
    assert not any(v.path.endswith(".json") for v in got)


def test_a_save_to_disk_folder_missing_a_shard_says_so(tmp_path, capsys, monkeypatch):
    # a copy of the dataset folder that stopped before its second shard
    records, ds, folder = _saved_dataset(tmp_path, monkeypatch, 3)
    shards = sorted(p.name for p in folder.iterdir() if p.suffix == ".arrow")
    (folder / shards[1]).unlink()
    status, lines = text_lines(capsys, "--select", "NL0,NL301", tmp_path)
    assert status == 2
    assert f"{folder / shards[1]}:1:1: NL001 cannot read: no such file or directory" in lines
    assert any(line.startswith(f"{folder / shards[0]}:") and " NL301 " in line for line in lines)
    assert not any(".json:" in line for line in lines)
    for name in shards:  # with every shard gone, the metadata files are still not read as articles
        (folder / name).unlink(missing_ok=True)
    status, lines = text_lines(capsys, "--select", "NL0,NL2", tmp_path)
    assert status == 2 and lines == [f"{folder / name}:1:1: NL001 cannot read: no such file or directory" for name in shards]


def test_class_label_columns_of_a_hugging_face_dataset_are_read_by_name(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import datasets

    from newslint.integrations.hf import lint_dataset

    german = ("Der Hafenrat hat am Donnerstag beschlossen, den Nordkai um vierzig Meter zu verlängern, wie es "
              "die Fährgesellschaften seit der Ankunft der neuen Schiffe fordern. Die Arbeiten sollen im Frühjahr "
              "beginnen und etwa achtzehn Monate dauern, sagte der Vorsitzende nach der Abstimmung.")
    english = ("The harbour board agreed on Thursday to lengthen the north quay by forty metres, a project the "
               "ferry operators have asked for since the new ships arrived. Work is due to begin in the spring "
               "and should take about eighteen months, the board's chairman said after the vote.")
    features = datasets.Features({"id": datasets.Value("string"), "title": datasets.Value("string"),
                                  "text": datasets.Value("string"), "language": datasets.ClassLabel(names=["en", "de"])})
    # the second story is German but labelled English, the third English but labelled German
    ds = datasets.Dataset.from_dict({"id": ["quay-1", "quay-2", "quay-3"], "title": ["North Quay to Grow"] * 3,
                                     "text": [english, german, english], "language": [0, 0, 1]}, features=features)
    cfg = Config(select=["NL508"])
    want = lint_dataset(ds, cfg)
    assert list(zip(want.record_index, want.code)) == [(1, "NL508"), (2, "NL508")]
    ds.save_to_disk(str(tmp_path / "saved"))
    ds.to_parquet(str(tmp_path / "quay.parquet"))
    for path in (tmp_path / "saved", tmp_path / "quay.parquet"):
        got = lint_paths([str(path)], cfg)
        assert [(v.record_index, v.code, v.message) for v in got] == list(zip(want.record_index, want.code, want.message))
        assert "declared language 'de' (language)" in got[1].message


# ---------------------------------------------------------------------------- fixing
def rich_table(records: list[dict]) -> pa.Table:
    """Text columns beside types a fix must not disturb: timestamps, binary, floats, a nested list."""
    base = table_of(records)
    n = base.num_rows
    extra = pa.table({
        "crawled_at": pa.array([dt.datetime(2026, 3, 1, 12, 0, i % 60, tzinfo=dt.timezone.utc) for i in range(n)],
                               type=pa.timestamp("us", tz="UTC")),
        "thumbnail": pa.array([bytes([i % 256]) * 16 for i in range(n)], type=pa.binary()),
        "quality": pa.array([i / 7 for i in range(n)], type=pa.float64()),
        "embedding": pa.array([[float(i), 0.5] for i in range(n)], type=pa.list_(pa.float32())),
    })
    table = base
    for name in extra.column_names:
        table = table.append_column(name, extra.column(name))
    meta = {b"huggingface": json.dumps({"info": {"features": {"id": {"dtype": "string"}}}}).encode(),
            b"newsroom": b"archive export 2026-03"}
    return table.replace_schema_metadata(meta)


def test_fix_writes_an_identical_file_but_for_the_fixed_cells(tmp_path, capsys):
    records = records_for_test()
    path = tmp_path / "crawl.parquet"
    table = rich_table(records)
    pq.write_table(table, path, row_group_size=13, compression={"text": "zstd", "title": "gzip", "id": "snappy"},
                   use_dictionary=["source_domain", "url"])
    os.chmod(path, 0o640)
    before = pq.ParquetFile(path)
    old = before.read()
    assert main(["--isolated", "--no-cache", "--fix", "--format", "text", str(path)]) == 1
    err = capsys.readouterr().err
    assert "fixed" in err
    after = pq.ParquetFile(path)
    new = after.read()
    # same schema (with its metadata), key-value metadata, row groups, codecs and encodings
    assert new.schema.equals(old.schema, check_metadata=True)
    assert after.metadata.metadata == before.metadata.metadata
    assert [after.metadata.row_group(i).num_rows for i in range(after.num_row_groups)] == \
        [before.metadata.row_group(i).num_rows for i in range(before.num_row_groups)]
    for i in range(before.num_row_groups):
        for j in range(before.metadata.num_columns):
            a, b = before.metadata.row_group(i).column(j), after.metadata.row_group(i).column(j)
            assert (b.path_in_schema, b.compression) == (a.path_in_schema, a.compression)
            assert ("DICTIONARY" in str(b.encodings)) == ("DICTIONARY" in str(a.encodings))
    assert os.stat(path).st_mode & 0o777 == 0o640
    # column by column: only the cells a fix names changed
    changed_rows = set()
    for name in old.column_names:
        a, b = old.column(name).to_pylist(), new.column(name).to_pylist()
        if name not in ("text", "authors"):
            assert a == b, name
            continue
        for row, (x, y) in enumerate(zip(a, b)):
            if x != y:
                changed_rows.add(row)
    h7 = records.index(DEFECTIVE[0])
    fixed = new.column("text")[h7].as_py()
    assert "Advertisement" not in fixed and fixed.count("Work to deepen") == 1
    assert fixed == DEFECTIVE[0]["text"].split("\n\nAdvertisement")[0] + \
        "\n\nThe project will allow larger container ships to dock without waiting for high tide."
    assert h7 in changed_rows and len(changed_rows) < len(records)
    # a second run has nothing left to fix and does not touch the file
    stamp = os.stat(path).st_mtime_ns
    assert main(["--isolated", "--no-cache", "--diff", "--format", "text", str(path)]) in (0, 1)
    assert capsys.readouterr().err.strip().endswith("No fixes to apply.")
    assert os.stat(path).st_mtime_ns == stamp


def test_fix_keeps_small_string_columns_and_list_bodies(tmp_path, capsys):
    rows = [{"id": "r1", "title": "Ferry Timetable Changes", "maintext": [
        "The ferry company will add two evening sailings from June, it said on Monday.",
        "Advertisement",
        "Tickets for the new sailings go on sale next week.",
    ], "authors": ["Ana Silva"]}]
    path = tmp_path / "list-body.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, use_compliant_nested_type=False)
    before = pq.ParquetFile(path)
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL301", "--format", "text", str(path)]) == 0
    after = pq.ParquetFile(path)
    assert after.read().column("maintext").to_pylist() == [[rows[0]["maintext"][0], rows[0]["maintext"][2]]]
    assert after.schema.equals(before.schema)  # list element naming kept at the Parquet level
    assert after.schema_arrow.equals(before.schema_arrow, check_metadata=True)


def test_diff_shows_the_cells_and_writes_nothing(tmp_path, capsys):
    path = tmp_path / "crawl.parquet"
    pq.write_table(table_of(DEFECTIVE), path)
    data = path.read_bytes()
    assert main(["--isolated", "--no-cache", "--diff", "--select", "NL301", "--format", "text", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"--- {path}:1 (text)" in out and "-Advertisement" in out
    assert path.read_bytes() == data


def test_a_parquet_file_is_split_by_row_groups_across_workers(tmp_path):
    from newslint.engine import Linter, discover
    from newslint.parallel import Runner
    from newslint.readers import Source
    from newslint.readers.parquet import row_group_ranges

    records = records_for_test()
    path = tmp_path / "crawl.parquet"
    pq.write_table(table_of(records), path, row_group_size=9)
    runs = row_group_ranges(Source(str(path), fs_path=path), 20_000)
    assert runs is not None and len(runs) > 2 and runs[0][:2] == (0, runs[1][0])
    results = []
    for jobs in (1, 2):
        lt = Linter(Config(extend_select=["NL6"]))
        runner = Runner(lt, jobs, None, small_input_bytes=0, range_bytes=20_000)
        results.append((list(runner.run(discover([str(path)], lt.extensions))), lt.stats, runner.mode))
    (one, stats1, _), (two, stats2, mode) = results
    assert mode == "2 workers"
    assert two == one == in_memory(records, Config(extend_select=["NL6"]), path)
    assert stats2 == stats1


def test_a_damaged_row_group_is_reported_where_it_starts_and_the_others_are_read_at_any_jobs(tmp_path):
    from newslint.engine import Linter, discover
    from newslint.parallel import Runner

    records = records_for_test()
    path = tmp_path / "crawl.parquet"
    pq.write_table(table_of(records), path, row_group_size=9)
    meta = pq.ParquetFile(path).metadata
    assert meta.num_row_groups == 8
    # a disk fault wiped the page header of row group 3's text column (rows 27-35, lines 28-36)
    chunk = meta.row_group(3).column(5)
    assert chunk.path_in_schema == "text"
    at = min(o for o in (chunk.dictionary_page_offset, chunk.data_page_offset) if o is not None)
    data = bytearray(path.read_bytes())
    data[at:at + 16] = b"\xff" * 16
    path.write_bytes(bytes(data))
    cfg = Config(select=["NL0", "NL1", "NL2", "NL3"])
    results = []
    for jobs in (1, 2):
        lt = Linter(cfg)
        runner = Runner(lt, jobs, None, small_input_bytes=0, range_bytes=4_000)
        results.append(list(runner.run(discover([str(path)], lt.extensions))))
    assert runner.mode == "2 workers"
    one, two = results
    assert two == one
    damaged = [v for v in one if v.code == "NL001"]
    assert [(v.line, v.record_index) for v in damaged] == [(28, 27)]
    assert damaged[0].message.startswith("cannot read Parquet row group 3: ")
    assert damaged[0].message.endswith("; lines 28-36 were not linted")
    whole = [v for v in in_memory(records, cfg, path) if not 28 <= v.line <= 36]
    assert [v for v in one if v.code != "NL001"] == whole
    assert any(v.line > 36 for v in whole)  # the row groups after the damaged one were read


def test_arrow_files_are_reported_not_fixed(tmp_path, capsys):
    path = tmp_path / "crawl.arrow"
    feather.write_feather(table_of(DEFECTIVE), path)
    data = path.read_bytes()
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL301", "--format", "text", str(path)]) == 1
    captured = capsys.readouterr()
    assert f"{path}:1:1: NL301 " in captured.out
    assert f"{path}: arrow files are not fixed; fixable findings are reported only" in captured.err
    assert path.read_bytes() == data


def test_fix_from_standard_input_writes_the_fixed_file_to_standard_output(tmp_path, monkeypatch, capsysbinary):
    import io

    path = tmp_path / "crawl.parquet"
    records = records_for_test()
    pq.write_table(table_of(records), path, row_group_size=8)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL301,NL101", "--stdin-filename", "x.parquet", "-"]) == 0
    out = capsysbinary.readouterr().out
    fixed = pq.read_table(pa.BufferReader(out))
    texts = fixed.column("text").to_pylist()
    h7 = records.index(DEFECTIVE[0])
    assert "Advertisement" not in texts[h7]
    assert [t for k, t in enumerate(texts) if k != h7] == [r["text"] for k, r in enumerate(records) if k != h7]
    groups = [pq.ParquetFile(pa.BufferReader(b)).metadata.num_row_groups for b in (out, path.read_bytes())]
    assert groups[0] == groups[1] > 3


def test_a_date_python_cannot_hold_is_one_finding_and_the_rest_of_the_file_is_read(tmp_path, capsys):
    # a scraped date in year 82269 used to stop the reader: every row after its batch went unread
    n = BATCH_ROWS * 3
    stamps = [1672531200 + 3600 * i for i in range(n)]
    stamps[BATCH_ROWS + 5] = 2534023008000
    titles = [f"Harbour Report Number {i}" for i in range(n)]
    titles[n - 10] = None
    table = pa.table({
        "id": [f"story-{i}" for i in range(n)], "title": titles,
        "text": ["The harbour master reported a quiet week of arrivals and departures."] * n,
        "date": pa.array(stamps, pa.timestamp("s")),
    })
    for name, write in (("crawl.parquet", lambda t, p: pq.write_table(t, p, row_group_size=BATCH_ROWS * 2)),
                        ("crawl.arrow", feather.write_feather)):
        path = tmp_path / name
        write(table, str(path))
        status, lines = text_lines(capsys, "--select", "NL0,NL202,NL210", path)
        assert status == 1
        assert [line.split(" ", 2)[:2] for line in lines] == [
            [f"{path}:{BATCH_ROWS + 6}:1:", "NL210"], [f"{path}:{n - 9}:1:", "NL202"]], lines
        assert "value out of range" in lines[0]


def test_capitalised_column_names_map_to_their_fields(tmp_path, capsys):
    table = pa.table({"ID": ["harbour-7"], "Title": [DEFECTIVE[0]["title"]], "TEXT": [DEFECTIVE[0]["text"]],
                      "URL": [DEFECTIVE[0]["url"]]})
    path = tmp_path / "export.parquet"
    pq.write_table(table, str(path))
    status, lines = text_lines(capsys, "--select", "NL101,NL202,NL214,NL301", path)
    codes = sorted(line.split()[1] for line in lines)
    assert codes == ["NL101", "NL301"], lines  # no missing title or url: they were read
    assert all("(record harbour-7, field TEXT)" in line for line in lines)
