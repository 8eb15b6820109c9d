"""CSV and TSV exports: header-mapped rows located by their first line, fixed cell by cell."""

from __future__ import annotations

import csv
import gzip
import io

import pytest

from newslint.api import lint_paths, lint_records
from newslint.cli import main
from newslint.config import Config
from newslint.readers import Source, build_field_map
from newslint.readers.csvfile import CsvReader, TsvReader, sniff_delimiter

FMAP = build_field_map()

ROWS = [
    {"id": "ferry-1", "title": "Ferry Timetable Changes From June", "byline": "Ana Silva",
     "url": "https://www.islandpost.example/ferry-timetable",
     "text": "The ferry company will add two evening sailings from June, it said on Monday.\n\n"
             "Advertisement\n\n"
             "Tickets for the new sailings, which leave at 8pm and 10pm, go on sale next week."},
    {"id": "market-2", "title": 'Farmers\' Market Moves to "Old Quay"', "byline": "Jon Berg",
     "url": "https://www.islandpost.example/market",
     "text": "The weekly farmers' market will move to the old quay from Saturday, the council said.\n\n"
             "Stallholders had asked for more space and better parking, a spokesperson said, "
             "and the quay offers both."},
    {"id": "storm-3", "title": "Storm Closes Coastal Road", "byline": "",
     "url": "https://www.islandpost.example/storm",
     "text": "High winds closed the coastal road for six hours on Tuesday; police diverted traffic inland.\n\n"
             "High winds closed the coastal road for six hours on Tuesday; police diverted traffic inland."},
]
COLUMNS = ["id", "title", "byline", "url", "text"]


def write_csv(rows, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n", bom=False) -> bytes:
    buf = io.StringIO(newline="")
    w = csv.DictWriter(buf, COLUMNS, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return (b"\xef\xbb\xbf" if bom else b"") + buf.getvalue().encode("utf-8")


def start_lines(data: bytes) -> list[int]:
    """The line each data row starts on, counted independently of the reader."""
    text = data.decode("utf-8-sig")
    line = 1
    inside = False
    starts = [1]
    for ch in text:
        if ch == '"':
            inside = not inside
        elif ch == "\n":
            line += 1
            if not inside:
                starts.append(line)
    return starts[1:-1] if text.endswith("\n") else starts[1:]


def test_rows_equal_records_and_start_at_their_line(tmp_path):
    data = write_csv(ROWS)
    path = tmp_path / "crawl.csv"
    path.write_bytes(data)
    cfg = Config(select=["NL1", "NL2", "NL3"])
    got = lint_paths([str(path)], cfg)
    lines = start_lines(data)
    assert lines == [2, 7, 10]
    records = [{k: v for k, v in r.items() if v} for r in ROWS]
    want = lint_records(records, cfg, path=str(path))
    assert [(v.code, v.line, v.record_id, v.record_index, v.field, v.message) for v in got] == \
        [(v.code, lines[v.record_index], v.record_id, v.record_index, v.field, v.message) for v in want]
    assert {(v.code, v.record_id) for v in got} >= {("NL301", "ferry-1"), ("NL101", "storm-3"), ("NL201", "storm-3")}


def test_tsv_semicolons_bom_and_huge_fields():
    huge = " ".join(["The harbour board met again to discuss the dredging contract."] * 4000)
    assert len(huge) > csv.field_size_limit() or len(huge) > 131072
    rows = [dict(ROWS[0], text=huge + "\n\nAdvertisement")] + ROWS[1:]
    for name, delim in (("a.tsv", "\t"), ("a.csv", ";"), ("a.csv", ","), ("a.tab", "\t")):
        data = write_csv(rows, delimiter=delim, bom=True)
        reader = TsvReader() if name.endswith((".tsv", ".tab")) else CsvReader()
        arts = list(reader.read(Source(path=name, data=data), FMAP))
        assert [a.record_id for a in arts] == ["ferry-1", "market-2", "storm-3"], (name, delim)
        assert arts[0].title == ROWS[0]["title"]
        assert len(arts[0].paragraphs[0].text) == len(huge)
        assert arts[1].title == 'Farmers\' Market Moves to "Old Quay"'
        assert [a.line for a in arts] == start_lines(data)


def test_sniffing_the_separator_from_the_header():
    assert sniff_delimiter("id,title,text\r\n") == ","
    assert sniff_delimiter("id;title;text") == ";"
    assert sniff_delimiter('"a;b",title,text') == ","
    assert sniff_delimiter("id|title|text") == "|"
    assert sniff_delimiter("single") == ","


def test_malformed_rows_and_bad_bytes_are_input_errors(tmp_path, capsys):
    data = write_csv(ROWS[:2]) + b"short-row,only two\r\n" + write_csv(ROWS[2:]).split(b"\r\n", 1)[1]
    path = tmp_path / "shifted.csv"
    path.write_bytes(data)
    got = lint_paths([str(path)], Config(select=["NL101"]))
    assert [(v.code, v.line) for v in got] == [("NL002", 10), ("NL101", 11)]
    assert got[0].message == "malformed CSV row: 2 fields, the header has 5"
    unclosed = tmp_path / "unclosed.csv"
    unclosed.write_bytes(write_csv(ROWS[:1]) + b'late-1,"Late Story,https://x.example/late,Text\r\n' + write_csv(ROWS[1:]).split(b"\r\n", 1)[1])
    got = lint_paths([str(unclosed)], Config(select=["NL301"]))
    assert [(v.code, v.line) for v in got] == [("NL301", 2), ("NL002", 7)]
    assert got[1].message == ("malformed CSV in the row starting on line 7: ',' expected after '\"'; "
                              "the rest of the file is not read")
    tail = tmp_path / "tail.csv"
    tail.write_bytes(write_csv(ROWS[:1]) + b'late-1,Late Story,https://x.example/late,"Text that never ends\r\n\r\n')
    assert [(v.code, v.line, v.message) for v in lint_paths([str(tail)], Config(select=["NL301"]))][1] == (
        "NL002", 7, "malformed CSV in the row starting on line 7: a quoted field is never closed; the rest of the file is not read")
    data = unclosed.read_bytes()
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL301", "--format", "text", str(unclosed)]) == 2
    assert unclosed.read_bytes() == data  # a file that cannot be read to its end is not written
    assert "NL002 malformed CSV" in capsys.readouterr().out
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("id,title,text\r\nx,Caf\u00e9 opens,Text\r\n".encode("latin-1"))
    assert main(["--isolated", "--no-cache", "--format", "text", str(bad)]) == 2
    out = capsys.readouterr().out
    assert out.startswith(f"{bad}:2:") and "NL001 cannot decode as UTF-8: byte 0xe9" in out


def test_a_row_in_another_encoding_is_reported_and_the_rows_after_it_are_linted(tmp_path, capsys):
    # one story of an otherwise UTF-8 export was pasted in from a Latin-1 page: its body's second
    # paragraph holds the byte 0xe9 for "é", on the third line of the row
    path = tmp_path / "mixed.csv"
    data = (write_csv(ROWS[:1])
            + b'quay-9,Harbour Cafe Reopens,Ana Silva,https://www.islandpost.example/cafe,'
              b'"The harbour cafe reopened on Friday after a winter refit.\r\n\r\n'
              b'Its owner said the caf\xe9 would open every day until October.\r\n\r\nAdvertisement"\r\n'
            + write_csv(ROWS[1:]).split(b"\r\n", 1)[1])
    path.write_bytes(data)
    got = [(v.code, v.line, v.record_index) for v in lint_paths([str(path)], Config(select=["NL001", "NL101", "NL301"]))]
    # ferry-1 spans lines 2-6, the Latin-1 row 7-11, market-2 12-14, storm-3 15-17
    assert got == [("NL301", 2, 0), ("NL001", 9, 1), ("NL101", 15, 3)]
    assert main(["--isolated", "--no-cache", "--select", "NL301", "--fix", "--format", "text", str(path)]) == 2
    out = capsys.readouterr().out
    assert f"{path}:9:23: NL001 cannot decode as UTF-8: byte 0xe9" in out
    fixed = path.read_bytes()
    assert b"\r\n\r\nAdvertisement\"\r\n" in fixed  # the row that cannot be read is written back as it was
    assert fixed.count(b"Advertisement") == 1
    # a whole export in UTF-16 (a spreadsheet's "Unicode" CSV): its header cannot be read, one NL001
    utf16 = tmp_path / "unicode-export.csv"
    utf16.write_bytes(write_csv(ROWS).decode("utf-8").encode("utf-16"))
    got = lint_paths([str(utf16)], Config(select=["NL0", "NL301"]))
    assert [(v.code, v.line, v.col, v.message) for v in got] == [
        ("NL001", 1, 1, "cannot decode as UTF-8: byte 0xff (invalid start byte)")]


def test_a_file_with_carriage_return_line_ends_says_so_not_the_csv_module_hint(tmp_path, capsys):
    mac = tmp_path / "mac-export.csv"
    mac.write_bytes(write_csv(ROWS, lineterminator="\r").replace(b"\n", b" "))
    status = main(["--isolated", "--no-cache", "--select", "NL0", "--format", "text", str(mac)])
    out = capsys.readouterr().out
    assert status == 2
    assert out.splitlines() == [
        f"{mac}:1:1: NL002 malformed CSV in the row starting on line 1: a carriage return inside an unquoted field "
        "(lines that end in a carriage return alone, as old Mac spreadsheets export them, are not read: "
        "convert the line ends to LF or CRLF); the rest of the file is not read"]
    assert "universal-newline" not in out


def test_fields_map_through_field_option(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("headline,article_text,writer\n"
                    '"Pier Reopens","The pier reopened on Friday.\n\nAdvertisement",Ida Lund\n', encoding="utf-8")
    got = lint_paths([str(path)], Config(select=["NL301", "NL201"], field_map={"body": "article_text", "byline": "writer"}))
    assert [(v.code, v.line, v.field) for v in got] == [("NL301", 2, "article_text")]


# ---------------------------------------------------------------------------- fixing
@pytest.mark.parametrize("variant", ["crlf-minimal", "lf-all-quoted", "tsv-bom", "gzip"])
def test_fix_changes_only_the_fixed_cells(tmp_path, variant):
    kwargs = {
        "crlf-minimal": {},
        "lf-all-quoted": {"quoting": csv.QUOTE_ALL, "lineterminator": "\n"},
        "tsv-bom": {"delimiter": "\t", "bom": True},
        "gzip": {},
    }[variant]
    name = {"tsv-bom": "crawl.tsv", "gzip": "crawl.csv.gz"}.get(variant, "crawl.csv")
    data = write_csv(ROWS, **kwargs)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data) if variant == "gzip" else data)
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL101,NL301", "--format", "text", str(path)]) == 0
    raw = path.read_bytes()
    new = gzip.decompress(raw) if variant == "gzip" else raw
    old_rows, new_rows = _physical_rows(data), _physical_rows(new)
    assert len(old_rows) == len(new_rows) == 4
    assert new_rows[0] == old_rows[0] and new_rows[2] == old_rows[2]  # header and the clean row: same bytes
    want1 = old_rows[1].replace(b"\n\nAdvertisement", b"").replace(b"\r\n\r\nAdvertisement", b"")
    assert new_rows[1] == want1
    t3 = ROWS[2]["text"].split("\n\n")[0]
    assert new_rows[3].split(b"\t" if "tsv" in variant else b",")[-1].strip(b"\r\n\"") == t3.encode()
    assert new_rows[3][:40] == old_rows[3][:40]
    # and nothing more to fix
    assert main(["--isolated", "--no-cache", "--diff", "--select", "NL101,NL301", "--format", "text", str(path)]) == 0


def _physical_rows(data: bytes) -> list[bytes]:
    from newslint.readers.csvfile import iter_rows

    return [r.raw for r in iter_rows(io.BytesIO(data), "x.tsv" if b"\t" in data.split(b"\n")[0] else "x.csv")]


def test_fix_quotes_a_cell_only_when_the_new_text_needs_it(tmp_path):
    path = tmp_path / "titles.csv"
    body = "The council met on Monday to agree the budget for the coming year."
    url = "https://www.islandpost.example/budget"
    path.write_bytes(("id,title,url,text\n"
                      f"a1,Budget Agreed | The Island Post,{url},{body}\n"
                      f"a2,\"Budget, Again | The Island Post\",{url}/2,{body} More.\n"
                      f"a3,Tower Plan Dropped,{url}/3,Residents said &quot;enough&quot; at the meeting on Monday.\n").encode())
    assert main(["--isolated", "--no-cache", "--fix", "--unsafe-fixes", "--select", "NL207,NL321", "--format", "text",
                 str(path)]) == 0
    assert path.read_bytes() == ("id,title,url,text\n"
                                 f"a1,Budget Agreed,{url},{body}\n"
                                 f"a2,\"Budget, Again\",{url}/2,{body} More.\n"
                                 f"a3,Tower Plan Dropped,{url}/3,\"Residents said \"\"enough\"\" at the meeting on Monday.\"\n").encode()


def test_diff_names_the_row_lines_and_writes_nothing(tmp_path, capsys):
    data = write_csv(ROWS, lineterminator="\n")
    path = tmp_path / "crawl.csv"
    path.write_bytes(data)
    assert main(["--isolated", "--no-cache", "--diff", "--select", "NL301,NL101", "--format", "text", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"--- {path}\n+++ {path}\n@@ -2,5 +2,3 @@\n")
    assert "@@ -10,3 +8,1 @@" in out
    assert path.read_bytes() == data


def test_fix_from_standard_input(tmp_path, monkeypatch, capsys):
    data = write_csv(ROWS)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL301,NL101", "--stdin-filename", "x.csv", "-"]) == 0
    out = capsys.readouterr().out
    assert "Advertisement" not in out and out.count("High winds closed") == 1 and out.startswith("id,title,")


def test_junit_has_one_test_case_per_row(tmp_path, capsys):
    import xml.etree.ElementTree as ET

    path = tmp_path / "crawl.csv"
    path.write_bytes(write_csv(ROWS))
    assert main(["--isolated", "--no-cache", "--format", "junit", "--select", "NL101,NL301", str(path)]) == 1
    cases = ET.fromstring(capsys.readouterr().out).iter("testcase")
    assert [(c.get("name"), c.find("failure") is not None) for c in cases] == [
        (f"{path} record ferry-1", True), (f"{path} record market-2", False), (f"{path} record storm-3", True)]


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_a_row_that_cannot_be_read_leaves_the_file_and_the_report_as_they_are(tmp_path, capsys, mode):
    # the first row is fixable (an "Advertisement" line, a repeated paragraph); a quote left open
    # further down loses the rest of the file: nothing is written, and nothing is reported as fixed
    lede = "The council approved the budget on Monday after a long debate about road repairs."
    path = tmp_path / "crawl.csv"
    path.write_text(f'id,title,text\na,Council Approves Budget,"{lede}\n\nAdvertisement\n\n{lede}"\n'
                    'b,"Bridge Closes,The bridge closed on Tuesday.\n', encoding="utf-8")
    before = path.read_bytes()
    assert main(["--isolated", "--no-cache", "--select", "NL002,NL101,NL301", str(path)]) == 2
    plain = capsys.readouterr().out
    assert " NL301 " in plain and " NL101 " in plain and " NL002 " in plain
    assert main(["--isolated", "--no-cache", "--select", "NL002,NL101,NL301", mode, str(path)]) == 2
    out, err = capsys.readouterr()
    if mode == "--diff":  # the diff (none) on standard output, the findings on standard error
        assert out == "" and err.startswith(plain)
    else:
        assert out == plain
    assert path.read_bytes() == before
    assert f"{path}:7:1: not fixed: a row cannot be read (NL002)" in err
    assert "0 fixed" in err or "No fixes" in err


def test_capitalised_headers_of_a_spreadsheet_export_name_the_fields(tmp_path, capsys):
    lede = "The council approved the budget on Monday after a long debate about road repairs."
    path = tmp_path / "export.csv"
    path.write_text(f'ID,Title,TEXT, Authors ,Url\nb-1,Council Approves Budget,"Council Approves Budget\n\n{lede}\n\n'
                    f'Advertisement",Nora Quist,https://herald.example/budget\n', encoding="utf-8")
    assert main(["--isolated", "--no-cache", "--select", "NL102,NL201,NL202,NL214,NL301", str(path)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:2:1: NL102 title repeated in body: the headline (field 'Title') repeated as a paragraph (record b-1, field TEXT)",
        f"{path}:2:1: NL301 advertisement marker left in the text: 'Advertisement' (record b-1, field TEXT)",
    ]
    assert main(["--isolated", "--no-cache", "--fix", "--select", "NL102,NL301", str(path)]) == 0
    capsys.readouterr()
    assert path.read_text(encoding="utf-8") == (
        f'ID,Title,TEXT, Authors ,Url\nb-1,Council Approves Budget,"{lede}",Nora Quist,https://herald.example/budget\n')


def test_an_exact_column_name_comes_before_another_spelling():
    both = "id,Text,text\nr1,short,\"" + " ".join(["word"] * 60) + "\"\n"
    reader = CsvReader()
    (art,) = list(reader.read(Source(path="both.csv", data=both.encode()), build_field_map()))
    assert art.field_keys["body"] == "text" and len(art.paragraphs[0].text.split()) == 60
