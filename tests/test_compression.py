"""Compressed inputs: .gz, .xz, .bz2 and .zst read as the same records, cut or corrupt streams
reported as NL001, and --fix writing the file back with its own codec."""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma
import sys

import pytest
import zstandard  # in the test extra (the zstd extra): these tests must run, never skip

from newslint.cli import main
from newslint.readers.compression import decompressing

HARBOUR = ("Work to deepen the main shipping channel will begin in early May, the port authority said on "
           "Tuesday, after two years of delays.")
RECORDS = [
    {"id": f"harbour-{i}", "title": "Harbour Dredging Starts Next Month", "authors": ["Lena Moretti"],
     "text": f"{HARBOUR}\n\nAdvertisement\n\nThe project will allow larger ships to dock at any tide ({i})."}
    for i in range(40)
]
JSONL = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()
JSON = json.dumps(RECORDS, indent=1).encode()
CSV = ("id,title,text\n" + "".join(f'{r["id"]},{r["title"]},"{r["text"]}"\n' for r in RECORDS)).encode()

COMPRESS = {
    ".gz": gzip.compress,
    ".xz": lzma.compress,
    ".bz2": bz2.compress,
    ".zst": lambda data: zstandard.ZstdCompressor().compress(data),
}
DECOMPRESS = {
    ".gz": gzip.decompress,
    ".xz": lzma.decompress,
    ".bz2": bz2.decompress,
    ".zst": lambda data: zstandard.ZstdDecompressor().decompressobj().decompress(data),
}


def lint(capsys, *args) -> tuple[int, list[str]]:
    status = main(["--isolated", "--no-cache", "--format", "text", *map(str, args)])
    return status, capsys.readouterr().out.splitlines()


def _pair(tmp_path, name: str, data: bytes, suffix: str):
    """The file ``name`` holding ``data``, and beside it the same compressed with ``suffix``."""
    plain = tmp_path / name
    plain.write_bytes(data)
    packed = tmp_path / (name + suffix)
    packed.write_bytes(COMPRESS[suffix](data))
    return plain, packed


@pytest.mark.parametrize("suffix", list(COMPRESS))
@pytest.mark.parametrize("name,data", [("crawl.jsonl", JSONL), ("crawl.json", JSON), ("crawl.csv", CSV)])
def test_a_compressed_file_gives_the_findings_of_the_plain_one(tmp_path, capsys, suffix, name, data):
    plain, packed = _pair(tmp_path, name, data, suffix)
    status, want = lint(capsys, "--select", "NL1,NL2,NL3", plain)
    assert status == 1 and any(" NL301 " in line for line in want)
    for jobs in ("1", "2"):
        status, got = lint(capsys, "--select", "NL1,NL2,NL3", "-j", jobs, packed)
        assert status == 1
        assert [line.replace(str(packed), str(plain)) for line in got] == want


@pytest.mark.parametrize("suffix", list(COMPRESS))
def test_a_cut_or_foreign_stream_is_one_nl001_and_the_run_goes_on(tmp_path, capsys, suffix):
    whole = COMPRESS[suffix](JSONL * 50)
    (tmp_path / ("a-cut.jsonl" + suffix)).write_bytes(whole[: len(whole) // 2])
    (tmp_path / ("b-foreign.jsonl" + suffix)).write_bytes(b"these bytes were never compressed\n")
    (tmp_path / "c-good.jsonl").write_bytes(JSONL)
    status, lines = lint(capsys, "--select", "NL301", tmp_path)
    assert status == 2
    problems = [line for line in lines if " NL001 " in line]
    assert len(problems) == 2, lines
    assert problems[0].startswith(f"{tmp_path}/a-cut.jsonl{suffix}:") and "ended before the end" in problems[0]
    assert problems[1].startswith(f"{tmp_path}/b-foreign.jsonl{suffix}:1:1: NL001 cannot read: ")
    assert sum(line.startswith(f"{tmp_path}/c-good.jsonl:") for line in lines) == len(RECORDS)


@pytest.mark.parametrize("suffix", list(COMPRESS))
def test_a_cut_csv_stream_is_reported_where_the_row_it_broke_in_starts(tmp_path, capsys, suffix):
    rows = [f'harbour-{i},Harbour Dredging Starts Next Month,"{HARBOUR}\n\nAdvertisement\n\nBerth {i} opens in June."\n'
            for i in range(15000)]
    whole = COMPRESS[suffix](("id,title,text\n" + "".join(rows)).encode())
    cut = tmp_path / ("harbour.csv" + suffix)
    cut.write_bytes(whole[: len(whole) // 2])
    for jobs in ("1", "2"):
        status, lines = lint(capsys, "--select", "NL001,NL301", "-j", jobs, cut)
        assert status == 2
        read = [line for line in lines if " NL301 " in line]
        assert 0 < len(read) < len(rows)
        # each row is five lines from line 2: the row after the last one read starts on 2 + 5 * len(read)
        start = 2 + 5 * len(read)
        assert lines[-1].startswith(f"{cut}:{start}:1: NL001 cannot read past line {start - 1}: "), lines[-3:]
        assert lines[-1].endswith(f"(record #{len(read)})")
        assert len(lines) == len(read) + 1


@pytest.mark.parametrize("suffix", list(COMPRESS))
@pytest.mark.parametrize("name,data", [("crawl.jsonl", JSONL), ("crawl.json", JSON), ("crawl.csv", CSV)])
def test_fix_reports_a_cut_or_foreign_stream_as_the_lint_does_and_leaves_it(tmp_path, capsys, suffix, name, data):
    whole = COMPRESS[suffix](data * 20)
    cut = tmp_path / ("a-cut-" + name + suffix)
    cut.write_bytes(whole[: len(whole) // 2])
    foreign = tmp_path / ("b-foreign-" + name + suffix)
    foreign.write_bytes(COMPRESS[suffix](b"")[:4] + b"these bytes were never compressed\n" * 3)
    before = {p: p.read_bytes() for p in (cut, foreign)}
    for fix in ((), ("--fix",)):
        status, lines = lint(capsys, *fix, "--select", "NL301", cut, foreign)
        assert status == 2
        said = [line.split(" (record")[0] for line in lines if " NL001 " in line]
        assert said[-1].startswith(f"{foreign}:1:1: NL001 cannot read: "), (fix, lines)
        assert any(line.startswith(f"{cut}:") and " cannot read" in line for line in said), (fix, lines)
        assert not any(" cannot fix" in line for line in lines)
    assert {p: p.read_bytes() for p in (cut, foreign)} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in before)


@pytest.mark.parametrize("suffix", list(COMPRESS))
@pytest.mark.parametrize("name,data", [("crawl.jsonl", JSONL), ("crawl.json", JSON), ("crawl.csv", CSV)])
def test_fix_writes_the_file_back_with_its_codec(tmp_path, capsys, suffix, name, data):
    plain, packed = _pair(tmp_path, name, data, suffix)
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL301", str(plain)]) == 0
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL301", str(packed)]) == 0
    capsys.readouterr()
    fixed = packed.read_bytes()
    assert DECOMPRESS[suffix](fixed) == plain.read_bytes()  # the same bytes as the plain file's fix
    assert b"Advertisement" not in plain.read_bytes()
    status, lines = lint(capsys, "--select", "NL301", packed)
    assert status == 0 and lines == []
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_zstd_frames_follow_one_another_and_a_cut_frame_is_an_error():
    c = zstandard.ZstdCompressor()
    two = c.compress(b"first line\n" * 5000) + c.compress(b"second frame\n")
    assert list(decompressing(io.BytesIO(two), "zstd")) == [b"first line\n"] * 5000 + [b"second frame\n"]
    assert list(decompressing(io.BytesIO(b""), "zstd")) == []
    with pytest.raises(EOFError):
        list(decompressing(io.BytesIO(two[:-4]), "zstd"))
    with pytest.raises(OSError):
        list(decompressing(io.BytesIO(two + b"junk"), "zstd"))


def test_without_zstandard_a_zst_file_is_one_line_naming_the_extra(tmp_path, capsys, monkeypatch):
    path = tmp_path / "crawl.jsonl.zst"
    path.write_bytes(COMPRESS[".zst"](JSONL))
    (tmp_path / "other.jsonl").write_bytes(JSONL)
    monkeypatch.setitem(sys.modules, "zstandard", None)  # import zstandard raises ImportError
    status, lines = lint(capsys, "--select", "NL301", "-j", "1", tmp_path)
    assert status == 2
    assert lines[0] == (f"{path}:1:1: NL001 cannot read: reading or writing .zst files needs zstandard: "
                        "pip install 'newslint[zstd]'")  # no record was read: none is named
    assert sum(line.startswith(f"{tmp_path}/other.jsonl:") for line in lines) == len(RECORDS)


def test_a_zstd_bomb_is_expanded_a_few_megabytes_at_a_time():
    # 1 GiB of spaces compresses to some 40 KB: fed in 16 KiB pieces, one piece became hundreds of
    # megabytes at once (a run took 900 MB). Every piece's output is now at most a few MiB.
    from newslint.readers.compression import _ZstdReader

    line = b" " * (1 << 20) + b"\n"
    packed = io.BytesIO()
    with zstandard.ZstdCompressor(level=19).stream_writer(packed, closefd=False) as writer:
        for _ in range(1024):
            writer.write(line)
    largest = 0

    class Watched:
        def __init__(self, frame):
            self.frame = frame

        def decompress(self, piece):
            nonlocal largest
            out = self.frame.decompress(piece)
            largest = max(largest, len(out))
            return out

        def __getattr__(self, name):
            return getattr(self.frame, name)

    class WatchedDecompressor:
        def __init__(self):
            self.dctx = zstandard.ZstdDecompressor()

        def decompressobj(self):
            return Watched(self.dctx.decompressobj())

    reader = _ZstdReader(io.BytesIO(packed.getvalue()), zstandard)
    reader.dctx = WatchedDecompressor()
    total = 0
    with io.BufferedReader(reader, buffer_size=1 << 16) as fh:
        while chunk := fh.read(1 << 20):
            total += len(chunk)
    assert total == 1024 * len(line)
    assert largest <= 9 << 20
