"""Hostile input easy to meet in scraped data: every case is reported, never a crash, and a good
file beside it in the same run is still linted exactly as it is on its own.

Classes covered: YAML alias bombs, recursive aliases and deep nesting (front matter, configuration,
rule packs); deeply nested JSON (.json, .json.gz, .jsonl); one gigantic record; millions of tiny
paragraphs; one paragraph repeated 100,000 times; encodings (UTF-16, Latin-1, BOMs); control
bytes and unusual line breaks; broken and fake gzip; symbolic link loops, dangling links, named
pipes; odd file names (newline, non-UTF-8 bytes, leading dash, spaces); wrong JSON types; empty
files. None of these tests measures time: the bounds are asserted on the work done (how much of
an article is linted), which newslint.limits fixes, not on how fast this machine does it.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys

import pytest

from newslint import limits
from newslint.cli import main

GOOD_NAME = "good.jsonl"
GOOD = json.dumps({
    "id": "good", "title": "Harbour Bridge Reopens After Repairs", "date": "2024-03-02",
    "url": "https://example.org/news/harbour-bridge", "authors": ["Mira Olsen"],
    "maintext": "The harbour bridge reopened on Saturday after eight months of repairs to its deck.\n\n"
                "The harbour bridge reopened on Saturday after eight months of repairs to its deck.",
}) + "\n"


def _lint(capsys, *args):
    status = main([*map(str, args), "--no-cache", "--isolated", "--format", "text", "-j", "1"])
    out, err = capsys.readouterr()
    return status, out.splitlines(), err


@pytest.fixture
def alone(tmp_path_factory, capsys):
    """The good file's findings when linted on its own."""
    d = tmp_path_factory.mktemp("alone")
    (d / GOOD_NAME).write_text(GOOD)
    status, lines, _ = _lint(capsys, d / GOOD_NAME)
    assert status == 1 and any("NL101" in line for line in lines)
    return [line.split(":", 1)[1] for line in lines]


def _beside(tmp_path, capsys, alone, name: str | bytes, data: bytes, *extra):
    """Lint a folder holding the hostile file and the good file; check the good file's findings."""
    (tmp_path / GOOD_NAME).write_text(GOOD)
    path = os.path.join(os.fsencode(tmp_path), name) if isinstance(name, bytes) else tmp_path / name
    with open(path, "wb") as fh:
        fh.write(data)
    status, lines, err = _lint(capsys, tmp_path, *extra)
    good = [line.split(":", 1)[1] for line in lines if line.startswith(f"{tmp_path}/{GOOD_NAME}:")]
    assert good == alone, "the good file beside the hostile one is linted as on its own"
    assert "Traceback" not in err and "internal error" not in err
    hostile = [line[len(str(tmp_path)) + 1:] for line in lines if not line.startswith(f"{tmp_path}/{GOOD_NAME}:")]
    return status, hostile, err


def _billion_laughs(key: str = "title") -> str:
    doc = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    prev = "a"
    for name in "bcdefghi":
        doc += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
        prev = name
    return doc + f"{key}: *i\n"


# ---------------------------------------------------------------------- YAML
@pytest.mark.parametrize("ext", ["md", "txt"])
def test_front_matter_alias_bomb(tmp_path, capsys, alone, ext):
    text = "---\n" + _billion_laughs() + "---\n\nThe council met on Monday.\n"
    status, lines, _ = _beside(tmp_path, capsys, alone, f"bomb.{ext}", text.encode())
    assert status == 2
    assert any(f"bomb.{ext}:" in line and "NL003" in line and "aliases expand" in line for line in lines)


def test_front_matter_recursive_alias_and_deep_nesting(tmp_path, capsys, alone):
    (tmp_path / "deep.md").write_text("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n\nBody.\n")
    status, lines, _ = _beside(tmp_path, capsys, alone, "loop.md", b"---\ntitle: &t [*t]\n---\n\nBody text.\n")
    assert status == 2
    assert any(line.startswith("loop.md:2:") and "NL003" in line and "recursive YAML alias" in line for line in lines)
    assert any(line.startswith("deep.md:") and "NL003" in line for line in lines)


def test_moderate_aliases_still_work(tmp_path, capsys):
    # anchors and merge keys used as people use them are fine
    (tmp_path / ".newslint.yaml").write_text("select: &sel [NL101]\nextend-select: *sel\n")
    (tmp_path / GOOD_NAME).write_text(GOOD)
    status = main([str(tmp_path / GOOD_NAME), "--no-cache", "--config", str(tmp_path / ".newslint.yaml")])
    out, err = capsys.readouterr()
    assert status in (1, 2) and "NL101" in out


def test_configuration_alias_bomb_is_one_line_exit_2(tmp_path, capsys):
    cfg = tmp_path / "bomb.yaml"
    cfg.write_text(_billion_laughs("select"))
    (tmp_path / GOOD_NAME).write_text(GOOD)
    status = main([str(tmp_path / GOOD_NAME), "--no-cache", "--config", str(cfg)])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.splitlines() == [f"newslint: error: {cfg}: invalid YAML: line 4: YAML aliases expand to more than "
                                "10,000 extra nodes; refused (write the values out, or use fewer aliases)"]


def test_rule_pack_alias_bomb_is_one_line_exit_2(tmp_path, capsys):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "rule.yaml").write_text("code: ACME001\nname: acme\n" + _billion_laughs("message"))
    (tmp_path / GOOD_NAME).write_text(GOOD)
    status = main([str(tmp_path / GOOD_NAME), "--no-cache", "--packs", str(pack)])
    out, err = capsys.readouterr()
    assert status == 2 and len(err.splitlines()) == 1 and "aliases expand" in err and "rule.yaml" in err


# ---------------------------------------------------------------------- JSON
@pytest.mark.parametrize("depth", [1100, 300_000])
def test_deeply_nested_json_file(tmp_path, capsys, alone, depth):
    data = ('{"title": "Deep", "maintext": "Body.", "extra": ' + "[" * depth + "]" * depth + "}").encode()
    status, lines, _ = _beside(tmp_path, capsys, alone, "deep.json", data)
    assert status == 2
    assert lines == ["deep.json:1:1: NL002 malformed JSON: nested too deeply (more than about 1,000 levels of "
                     "arrays or objects)"]


def test_deeply_nested_json_array_of_records_and_gzip(tmp_path, capsys, alone):
    (tmp_path / "deep.json.gz").write_bytes(gzip.compress(("[" * 200_000 + "]" * 200_000).encode()))
    record = json.loads(GOOD) | {"id": "first"}
    data = ("[" + json.dumps(record) + ",\n" + "[" * 200_000 + "]" * 200_000 + "]").encode()
    status, lines, _ = _beside(tmp_path, capsys, alone, "records.json", data)
    assert status == 2
    assert any(line.startswith("deep.json.gz:1:") and "NL002" in line and "nested too deeply" in line for line in lines)
    assert any(line.startswith("records.json:2:1: NL002") and "nested too deeply" in line for line in lines)
    assert any(line.startswith("records.json:1:") and "NL101" in line for line in lines)  # the record before


def test_deeply_nested_jsonl_record(tmp_path, capsys, alone):
    deep = '{"title": ' + "[" * 300_000 + "]" * 300_000 + "}"
    other = json.loads(GOOD) | {"id": "after"}
    data = (deep + "\n" + json.dumps(other) + "\n").encode()
    status, lines, _ = _beside(tmp_path, capsys, alone, "deep.jsonl", data)
    assert status == 2
    assert any(line.startswith("deep.jsonl:1:") and "NL002" in line for line in lines)
    assert any(line.startswith("deep.jsonl:2:") and "NL101" in line for line in lines)  # the next record


WRONG_TYPES = [
    {"title": 5, "maintext": ["First paragraph.", {"nested": 1}, None, 7]},
    {"title": None, "maintext": None, "date": None},
    {"title": {"text": "A headline"}, "maintext": {"p": "body"}, "url": ["https://a.example"]},
    {"id": {"x": 1}, "title": True, "maintext": False, "date": 20240302, "authors": {"name": "Ann"}},
    {"title": "T", "maintext": 1.5e300},
    {"title": "T" * 3, "maintext": "Body.", "title ": "duplicate-ish key"},
]


def test_wrong_json_types(tmp_path, capsys, alone):
    lines_in = [json.dumps(r) for r in WRONG_TYPES] + ["[1, 2]", '"a string"', "42", "null", "NaN",
                                                      '{"title": "x", "title": "duplicate key"}',
                                                      '{"maintext": "\\ud800 lone surrogate"}', "1e400"]
    status, lines, _ = _beside(tmp_path, capsys, alone, "types.jsonl", ("\n".join(lines_in) + "\n").encode())
    assert status == 2
    assert not [line for line in lines if "NL004" in line or "NL005" in line]  # no rule or reader failed
    malformed = {int(line.split(":")[1]) for line in lines if " NL002 " in line}
    assert malformed == {7, 8, 9, 10, 11, 13, 14}


def test_json_file_of_the_wrong_shape(tmp_path, capsys, alone):
    (tmp_path / "number.json").write_text("3")
    (tmp_path / "strings.json").write_text('["a", "b"]')
    (tmp_path / "empty.json").write_text("   \n")
    status, lines, _ = _beside(tmp_path, capsys, alone, "nested.json", b'[[{"title": "x"}]]')
    assert status == 2
    assert {line.split(":")[0] for line in lines if " NL002 " in line} == {
        "number.json", "strings.json", "empty.json", "nested.json"}


# ---------------------------------------------------------------------- size
def test_one_gigantic_record(tmp_path, capsys, alone):
    body = "The port reopened after the strike ended on Friday. " * 400_000  # 21 MB in one field
    data = json.dumps({"id": "giant", "title": "Port Reopens", "maintext": body}).encode() + b"\n"
    status, lines, _ = _beside(tmp_path, capsys, alone, "giant.jsonl", data)
    assert status == 2
    clipped = [line for line in lines if " NL007 " in line]
    assert clipped == [f"giant.jsonl:1:1: NL007 article too large to lint whole: only the first "
                       f"{limits.MAX_BODY_CHARS:,} of {len(body):,} characters were linted (record giant)"]


def _linted_paragraphs(monkeypatch) -> list[int]:
    """Paragraph counts of the articles the engine lints, through the formatter's article hook."""
    from newslint.formatting import Formatter

    seen: list[int] = []
    original = Formatter.article

    def spy(self, article, violations):
        seen.append(len(article.paragraphs))
        return original(self, article, violations)

    monkeypatch.setattr(Formatter, "article", spy)
    return seen


def test_millions_of_tiny_paragraphs(tmp_path, capsys, alone, monkeypatch):
    seen = _linted_paragraphs(monkeypatch)
    data = ("Title\n\n" + "\n\n".join(f"p{i}" for i in range(2_000_000)) + "\n").encode()
    status, lines, _ = _beside(tmp_path, capsys, alone, "tiny.txt", data)
    assert status == 2
    assert any(line.startswith("tiny.txt:1:1: NL007") for line in lines)
    assert max(seen) <= limits.MAX_PARAGRAPHS  # the work is bounded whatever the file holds


def test_paragraph_repeated_a_hundred_thousand_times(tmp_path, capsys, alone, monkeypatch):
    seen = _linted_paragraphs(monkeypatch)
    para = "Officials said the road would stay closed until further notice."
    body = "\n\n".join([para] * 100_000)
    data = json.dumps({"id": "rep", "title": "Road Closed", "maintext": body}).encode() + b"\n"
    status, lines, _ = _beside(tmp_path, capsys, alone, "repeat.jsonl", data)
    assert status == 2
    assert any(" NL007 " in line for line in lines)
    duplicates = [line for line in lines if " NL101 " in line]
    assert 0 < len(duplicates) < limits.MAX_PARAGRAPHS
    assert max(seen) <= limits.MAX_PARAGRAPHS


def test_a_long_single_line_without_breaks(tmp_path, capsys, alone):
    data = b"Title\n\n" + b"x" * (3 * limits.MAX_BODY_CHARS) + b"\n"
    status, lines, _ = _beside(tmp_path, capsys, alone, "line.txt", data)
    assert status == 2
    assert any(line.startswith("line.txt:1:1: NL007") and f"{limits.MAX_BODY_CHARS:,} of" in line for line in lines)


# ---------------------------------------------------------------------- encodings and bytes
def test_encodings_and_boms(tmp_path, capsys, alone):
    (tmp_path / "utf16.txt").write_bytes("Title\n\nBody.\n".encode("utf-16"))
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 Opens\n\nBody.\n".encode("latin-1"))
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + GOOD.replace('"good"', '"bom"').encode())
    (tmp_path / "only-bom.txt").write_bytes(b"\xef\xbb\xbf")
    status, lines, _ = _beside(tmp_path, capsys, alone, "bom.md", b"\xef\xbb\xbf---\ntitle: Opens\n---\n\nBody.\n")
    assert status == 2
    assert any(line.startswith("utf16.txt:1:1: NL001") for line in lines)
    assert any(line.startswith("latin1.txt:1:4: NL001") for line in lines)
    assert not any(line.startswith(("bom.jsonl", "bom.md")) and " NL00" in line for line in lines)
    assert any(line.startswith("bom.jsonl:1:") and " NL101 " in line for line in lines)  # read like the good file


def test_a_json_lines_file_whose_first_line_is_only_a_byte_order_mark(tmp_path, capsys, alone):
    # an export tool wrote the mark, then an empty line, then the records; another wrote the mark alone
    (tmp_path / "only-bom.jsonl").write_bytes(b"\xef\xbb\xbf")
    (tmp_path / "bom-crlf.jsonl").write_bytes(b"\xef\xbb\xbf\r\n" + GOOD.replace('"good"', '"late"').encode())
    status, lines, _ = _beside(tmp_path, capsys, alone, "bom-blank.jsonl",
                               b"\xef\xbb\xbf\n" + GOOD.replace('"good"', '"second"').encode())
    assert status == 1
    assert not any(" NL00" in line for line in lines), lines  # a blank line is not a malformed record
    assert any(line.startswith("bom-blank.jsonl:2:") and " NL101 " in line and "record second" in line for line in lines)
    assert any(line.startswith("bom-crlf.jsonl:2:") and " NL101 " in line for line in lines)
    assert not any(line.startswith("only-bom.jsonl") for line in lines)


def test_control_bytes_and_odd_line_breaks(tmp_path, capsys, alone):
    data = ("Title\x00 With NUL\x1b[31m\r\n\r\nBody\x07 text\x0c here.\u2028Same line?\x85\rOld Mac line.\n"
            "\x0bVertical tab\x1c\x1d\x1e.\n").encode()
    status, lines, _ = _beside(tmp_path, capsys, alone, "ctrl.txt", data)
    assert status == 1
    assert any(" NL404 " in line for line in lines)  # the control characters are reported
    assert not any(" NL00" in line for line in lines)


def test_broken_and_fake_gzip(tmp_path, capsys, alone):
    records = "".join(json.dumps(json.loads(GOOD) | {"id": f"r{i}"}) + "\n" for i in range(50))
    (tmp_path / "fake.jsonl.gz").write_bytes(b"not gzip at all")
    (tmp_path / "empty.jsonl.gz").write_bytes(b"")
    (tmp_path / "trunc.json.gz").write_bytes(gzip.compress(GOOD.encode())[:-12])
    status, lines, _ = _beside(tmp_path, capsys, alone, "trunc.jsonl.gz", gzip.compress(records.encode())[:-40])
    assert status == 2
    broken = [line for line in lines if line.startswith("trunc.jsonl.gz:") and " NL001 " in line]
    assert len(broken) == 1 and "cannot read past line" in broken[0]
    read_before = {line.split(":")[1] for line in lines if line.startswith("trunc.jsonl.gz:") and " NL101 " in line}
    assert len(read_before) > 10  # the records before the break were linted
    assert any(line.startswith("fake.jsonl.gz:1:1: NL001") for line in lines)
    assert any(line.startswith("trunc.json.gz:1:1: NL001") for line in lines)


# ---------------------------------------------------------------------- the file system
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and pipes")
def test_links_loops_and_pipes(tmp_path, capsys, alone):
    os.symlink("self.txt", tmp_path / "self.txt")  # a link to itself
    os.symlink("gone.txt", tmp_path / "dangling.txt")
    os.mkdir(tmp_path / "sub")
    os.symlink("..", tmp_path / "sub" / "up")  # a folder loop: not followed
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block the run forever
    status, lines, _ = _beside(tmp_path, capsys, alone, "plain.txt", b"Title\n\nBody text.\n")
    assert status == 2
    assert "self.txt:1:1: NL001 cannot read: too many levels of symbolic links" in lines
    assert "dangling.txt:1:1: NL001 cannot read: no such file or directory" in lines
    assert "pipe.txt:1:1: NL001 cannot read: not a regular file" in lines
    assert not any(line.startswith("sub/") for line in lines)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX links and pipes")
def test_links_loops_and_pipes_named_on_the_command_line(tmp_path, capsys):
    """Named as arguments, not found in a folder: the same reasons, not "no such file" for all."""
    os.symlink("self.txt", tmp_path / "self.txt")
    os.symlink("gone.txt", tmp_path / "dangling.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    names = ["self.txt", "dangling.txt", "pipe.txt", "missing.txt"]
    status, lines, err = _lint(capsys, *(tmp_path / n for n in names))
    assert status == 2 and "Traceback" not in err
    assert [line[len(str(tmp_path)) + 1:] for line in lines] == [
        "self.txt:1:1: NL001 cannot read: too many levels of symbolic links",
        "dangling.txt:1:1: NL001 cannot read: no such file or directory",
        "pipe.txt:1:1: NL001 cannot read: not a regular file",
        "missing.txt:1:1: NL001 cannot read: no such file or directory",
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX file names")
def test_odd_file_names(tmp_path, capsys, alone):
    (tmp_path / "-dash.txt").write_bytes(b"Title\n\nBody text.\n")
    (tmp_path / "with space.txt").write_bytes(b"Title\n\nBody text.\n")
    (tmp_path / "new\nline.txt").write_bytes(b"Title\n\nBody text.\n")
    status, lines, _ = _beside(tmp_path, capsys, alone, b"bad\xffbyte.txt", b"Title\n\nBody text.\n")
    assert status == 1
    names = sorted({line.split(":")[0] for line in lines})
    assert names == ["-dash.txt", "bad\\xffbyte.txt", "new\\x0aline.txt", "with space.txt"]
    # every format can write such a name (SARIF and JSON encode it as UTF-8)
    for fmt in ("sarif", "json", "github", "junit"):
        assert main([str(tmp_path), "--no-cache", "--format", fmt]) == 1
        out = capsys.readouterr().out
        assert "xffbyte.txt" in out


def test_empty_files(tmp_path, capsys, alone):
    for name in ("empty.txt", "empty.md", "empty.jsonl", "blank.jsonl"):
        (tmp_path / name).write_bytes(b"" if name.startswith("empty") else b"\n\n  \n")
    status, lines, _ = _beside(tmp_path, capsys, alone, "empty.json", b"")
    assert status == 2
    assert not any(" NL004 " in line or " NL005 " in line for line in lines)


@pytest.mark.parametrize("fmt", ["text", "jsonl", "sarif"])
def test_a_full_disk_under_the_report_is_one_line_and_exit_2(tmp_path, fmt):
    story = tmp_path / "story.txt"
    story.write_text("Ferry Service Resumes\n\nThe island ferry sailed again on Monday after repairs.\n", encoding="utf-8")
    with open("/dev/full", "w") as full:  # every write: ENOSPC
        proc = subprocess.run([sys.executable, "-m", "newslint", "--no-cache", "--format", fmt, str(story)],
                              stdout=full, stderr=subprocess.PIPE, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.decode().splitlines() == ["newslint: error: cannot write the report: No space left on device"]


@pytest.mark.parametrize("args", [["rule", "NL101"], ["--list-rules"], ["config", "."]])
def test_a_reader_that_stops_early_is_no_error(tmp_path, args):
    # `newslint rule NL101 | head -1`: the pipe closes while newslint still writes
    proc = subprocess.Popen([sys.executable, "-m", "newslint", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=tmp_path)
    assert proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert "internal error" not in err and "Traceback" not in err and "Exception ignored" not in err
