"""--fix on inputs that are unusual but real: values JSON itself finds odd, YAML written by hand,
standard input that cannot be fixed, baselines that allow a finding a given number of times."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newslint.cli import main

LEDE = ("The regional council approved the harbour budget on Tuesday after a four-hour debate that ran "
        "late into the evening.")
VOTE = "Councillors voted 14 to 9 to fund the dredging of the inner basin and the repair of the north pier."
AUDIT = ("Opposition members said the council should have waited for the spring audit before committing "
         "the money.")
TITLE = "Council Approves Harbour Budget"
URL = "https://www.harbourgazette.com/news/budget"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["--isolated", "--no-cache", *args])
    cap = capsys.readouterr()
    return code, cap.out, cap.err


# ---------------------------------------------------------------------- NaN in an untouched field
def test_a_nan_in_another_field_does_not_block_the_fix_of_a_json_record(tmp_path, capsys):
    # Python's json module writes a missing float as NaN; the fix touches only the title
    record = (f'{{"title": "{TITLE} | Harbour Gazette", "url": "{URL}", "author": "Lena Morris", '
              f'"date": "2025-03-12", "text": "{LEDE}\\n\\n{VOTE}\\n\\n{AUDIT}", "sentiment": NaN}}')
    target = tmp_path / "budget.json"
    target.write_text(record, encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL207", "--fix")
    assert "would change field 'sentiment'" not in err
    assert "(1 fixed, 0 remaining)" in err, err
    assert status == 0
    assert target.read_text(encoding="utf-8") == record.replace(" | Harbour Gazette", "")


def test_a_nan_float_column_does_not_block_the_fix_of_a_parquet_row(tmp_path, capsys):
    import pyarrow as pa  # in the test extra
    import pyarrow.parquet as pq

    target = tmp_path / "budget.parquet"
    pq.write_table(pa.table({
        "title": [f"{TITLE} | Harbour Gazette"], "url": [URL], "author": ["Lena Morris"],
        "date": ["2025-03-12"], "text": [f"{LEDE}\n\n{VOTE}\n\n{AUDIT}"], "sentiment": [float("nan")],
    }), target)
    status, out, err = run(capsys, str(target), "--select", "NL207", "--fix")
    assert "(1 fixed, 0 remaining)" in err, err
    rows = pq.read_table(target).to_pylist()
    assert rows[0]["title"] == TITLE
    assert rows[0]["sentiment"] != rows[0]["sentiment"]  # still NaN


# ---------------------------------------------------------------------- front matter written by hand
def _story(front: str) -> str:
    return f"---\n{front}url: {URL}\nauthor: Lena Morris\ndate: 2025-03-12\n---\n\n{LEDE}\n\n{VOTE}\n\n{AUDIT}\n"


@pytest.mark.parametrize("line,fixed", [
    (f'title: "{TITLE} | Harbour Gazette"  # og:title, as scraped\n', f'title: "{TITLE}"  # og:title, as scraped\n'),
    (f"title: '{TITLE} | Harbour Gazette' \t\n", f"title: '{TITLE}' \t\n"),
    (f"title: {TITLE} | Harbour Gazette   \n", f"title: {TITLE}   \n"),
], ids=["comment-after-quotes", "blanks-after-quotes", "blanks-after-plain"])
def test_a_front_matter_fix_keeps_what_follows_the_value(tmp_path, capsys, line, fixed):
    target = tmp_path / "budget.md"
    target.write_text(_story(line), encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL207", "--fix")
    assert "(1 fixed, 0 remaining)" in err, err
    assert target.read_text(encoding="utf-8") == _story(fixed)


# ---------------------------------------------------------------------- a fix must leave a readable file
def test_a_fix_that_would_turn_a_thematic_break_into_front_matter_is_refused(tmp_path, capsys):
    # deleting the marker above the first '---' would make the file open with '---': read as front
    # matter, the rest of the story would become malformed YAML
    text = f"Advertisement\n\n---\n\n{LEDE}\n\n{VOTE}\n\n---\n\n{AUDIT}\n\nAdvertisement\n"
    target = tmp_path / "budget.md"
    target.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL301", "--fix")
    assert "NL301 fix not applied: the fixed file could not be read" in err
    assert target.read_text(encoding="utf-8") == text.removesuffix("\n\nAdvertisement\n") + "\n"
    assert status == 1 and "NL003" not in out and "(1 fixed, 1 remaining)" in err
    # and the next run is stable: the same refusal, no change
    status, out, err = run(capsys, str(target), "--select", "NL301", "--fix")
    assert "(0 fixed, 1 remaining)" in err and target.read_text(encoding="utf-8").startswith("Advertisement\n")


def test_a_front_matter_fix_that_would_drop_an_anchor_in_use_is_refused(tmp_path, capsys):
    text = _story(f"title: &headline {TITLE} | Harbour Gazette\nog_title: *headline\n")
    target = tmp_path / "budget.md"
    target.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL207", "--fix")
    assert target.read_text(encoding="utf-8") == text
    assert "NL207 fix not applied" in err and "NL003" not in out
    assert status == 1


# ---------------------------------------------------------------------- standard input that cannot be fixed
@pytest.mark.parametrize("name,data", [
    # a Windows-1252 e-acute in the last paragraph: not UTF-8
    ("story.txt", f"{TITLE}\n\n{LEDE}\n{VOTE}\n{LEDE}\nCaf\u00e9 owners on the quay welcomed the vote.\n".encode("cp1252")),
    # a quoted cell never closed: the rest of the file cannot be read
    ("batch.csv", f'title,text,url\n"{TITLE} | Harbour Gazette","{LEDE}",{URL}\n"Ferry Timetable Changes,"{VOTE}\n'.encode()),
], ids=["txt-not-utf8", "csv-unclosed-quote"])
def test_stdin_that_cannot_be_fixed_comes_back_unchanged(tmp_path, name, data):
    # an editor pipes its buffer through `newslint - --fix` and replaces the buffer with the output
    proc = subprocess.run([sys.executable, "-m", "newslint", "--isolated", "--no-cache", "-",
                           "--stdin-filename", name, "--fix"], input=data, capture_output=True, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == data


# ---------------------------------------------------------------------- baselines count findings
def test_a_new_repeat_of_a_baselined_repeat_is_fixed(tmp_path, capsys):
    # the baseline recorded the lede repeated once; a later scrape repeats it a second time: the
    # report shows that second repeat as new, so --fix must fix it (and only it)
    target = tmp_path / "budget.txt"
    target.write_text(f"{TITLE}\nBy Lena Morris\n\n{LEDE}\n{VOTE}\n{LEDE}\n{AUDIT}\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert run(capsys, str(target), "--select", "NL101", "--write-baseline", str(baseline))[0] == 0
    target.write_text(f"{TITLE}\nBy Lena Morris\n\n{LEDE}\n{VOTE}\n{LEDE}\n{AUDIT}\n{LEDE}\n", encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL101", "--baseline", str(baseline))
    assert status == 1 and out.count("NL101") == 1
    status, out, err = run(capsys, str(target), "--select", "NL101", "--baseline", str(baseline), "--fix")
    assert "(1 fixed, 0 remaining)" in err, out + err
    assert target.read_text(encoding="utf-8") == f"{TITLE}\nBy Lena Morris\n\n{LEDE}\n{VOTE}\n{LEDE}\n{AUDIT}\n"
    assert status == 0


# ---------------------------------------------------------------------- a folder that cannot be written
@pytest.mark.parametrize("ext", ["jsonl", "csv", "parquet"])
def test_a_dataset_in_a_folder_that_cannot_be_written_is_still_reported_whole(tmp_path, capsys, monkeypatch, ext):
    import errno
    import tempfile

    stories = [(f"story-{k}", f"{TITLE} in Ward {k} | Harbour Gazette", f"{URL}-{k}",
                f"Ward {k}: {LEDE}\n\nAdvertisement\n\n{VOTE} Ward {k} gets {k * 3} new moorings.\n\n{AUDIT}")
               for k in range(1, 4)]
    target = tmp_path / f"batch.{ext}"
    if ext == "jsonl":
        target.write_text("".join(json.dumps({"id": i, "title": t, "url": u, "author": "Lena Morris",
                                              "date": "2025-03-12", "text": b}) + "\n" for i, t, u, b in stories),
                          encoding="utf-8")
    elif ext == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist([{"id": i, "title": t, "url": u, "author": "Lena Morris",
                                              "date": "2025-03-12", "text": b} for i, t, u, b in stories]),
                       target, row_group_size=2)
    else:
        import csv

        with open(target, "w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(["id", "title", "url", "author", "date", "text"])
            w.writerows([i, t, u, "Lena Morris", "2025-03-12", b] for i, t, u, b in stories)
    before = target.read_bytes()
    status, lint_out, _ = run(capsys, str(target))

    def no_room(*args, **kwargs):  # as in a read-only folder: the temporary file cannot be made
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", no_room)
    status, out, err = run(capsys, str(target), "--fix")
    assert status == 2 and target.read_bytes() == before
    lines = out.splitlines()
    assert lines.count(f"{target}:1:1: NL001 cannot fix: Permission denied") + \
        lines.count(f"{target}:2:1: NL001 cannot fix: Permission denied") == 1
    # every record is reported as the lint reports it: nothing was fixed
    assert sorted(line for line in lines if " NL001 " not in line) == sorted(lint_out.splitlines())
    assert "(0 fixed" in err


# ---------------------------------------------------------------------- a file written to while it is fixed
@pytest.mark.parametrize("ext", ["jsonl", "txt"])
def test_a_file_written_to_while_it_is_fixed_is_not_replaced(tmp_path, capsys, monkeypatch, ext):
    import newslint.fixer.atomic as atomic

    target = tmp_path / f"crawl.{ext}"
    if ext == "jsonl":
        text = json.dumps({"id": "harbour-1", "title": f"{TITLE} | Harbour Gazette", "url": URL,
                           "author": "Lena Morris", "date": "2025-03-12", "text": f"{LEDE}\n\n{VOTE}\n\n{AUDIT}"}) + "\n"
        late = json.dumps({"id": "harbour-2", "title": "Ferry Timetable Changes", "text": AUDIT}) + "\n"
    else:
        text = f"{TITLE}\nBy Lena Morris\n\n{LEDE}\n{VOTE}\n{LEDE}\n{AUDIT}\n"
        late = "Updated at 18:40 with the result of the second vote.\n"
    target.write_text(text, encoding="utf-8")
    commit = atomic.AtomicFile.commit

    def scraper_appends_meanwhile(self):
        with open(self.target, "a", encoding="utf-8") as fh:
            fh.write(late)
        commit(self)

    monkeypatch.setattr(atomic.AtomicFile, "commit", scraper_appends_meanwhile)
    status, out, err = run(capsys, str(target), "--fix")
    assert target.read_text(encoding="utf-8") == text + late  # nothing lost, nothing half-fixed
    assert "NL001 cannot fix: the file changed while it was being fixed" in out
    assert status == 2 and "(0 fixed" in err
    assert [p.name for p in tmp_path.iterdir()] == [target.name]  # no temporary file left behind


# ---------------------------------------------------------------------- byline date stamps written day first
def test_a_day_first_date_stamp_is_cut_whole_from_the_byline(tmp_path, capsys):
    target = tmp_path / "pier.json"
    record = {"title": "North Pier to Reopen in May", "byline": "By Lena Morris, 12 March 2025 10:41", "url": URL,
              "date": "2025-03-12", "text": f"{LEDE}\n\n{VOTE}\n\n{AUDIT}"}
    target.write_text(json.dumps(record), encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL208", "--fix", "--unsafe-fixes")
    assert json.loads(target.read_text(encoding="utf-8"))["byline"] == "Lena Morris"  # not "Lena Morris, 12"
    assert status == 0 and "(1 fixed, 0 remaining)" in err


@pytest.mark.parametrize("byline,fixed", [("By Theresa May", "Theresa May"), ("Brian May", None), ("Karen June", None)])
def test_a_surname_that_is_a_month_is_kept_by_the_byline_fix(tmp_path, capsys, byline, fixed):
    target = tmp_path / "op-ed.json"
    record = {"title": "Why the Harbour Budget Matters", "byline": byline, "url": URL, "date": "2025-03-12",
              "text": f"{LEDE}\n\n{VOTE}\n\n{AUDIT}"}
    target.write_text(json.dumps(record), encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL208", "--fix", "--unsafe-fixes")
    assert "trailing date" not in out
    assert json.loads(target.read_text(encoding="utf-8"))["byline"] == (fixed or byline)
    assert status == 0


# ---------------------------------------------------------------------- Markdown headings
@pytest.mark.parametrize("rule", ["==========", "----------"])
def test_a_repeated_underlined_heading_goes_with_its_underline(tmp_path, capsys, rule):
    heading = "What the harbour budget pays for this year"
    text = (f"# {TITLE}\n\n{LEDE}\n\n{heading}\n{rule}\n\n{VOTE}\n\n{heading}\n{rule}\n\n{AUDIT}\n")
    target = tmp_path / "budget.md"
    target.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL101", "--fix")
    assert "(1 fixed, 0 remaining)" in err, out + err
    # no stray underline: it would read as a paragraph of '=' or as a thematic break
    assert target.read_text(encoding="utf-8") == f"# {TITLE}\n\n{LEDE}\n\n{heading}\n{rule}\n\n{VOTE}\n\n{AUDIT}\n"


# ---------------------------------------------------------------------- dataset rules' fixes
def test_fix_says_that_it_leaves_the_fixes_of_a_dataset_rule_unapplied(tmp_path, capsys):
    topics = ["harbour budget", "ferry timetable", "school closures", "bridge repairs", "library hours", "bus fares"]
    promo = "Sign up for the Harbour Gazette morning briefing and get the news before your coffee."
    target = tmp_path / "crawl.jsonl"
    target.write_text("".join(json.dumps({
        "id": f"hg-{k}", "title": f"Council Debates the {t.title()}", "url": f"{URL}-{k}", "author": "Lena Morris",
        "date": "2025-03-12",
        "text": f"The council debated the {t} on Tuesday and members of every party spoke about item {k}.\n\n"
                f"Officials said the {t} would be reviewed in spring after consulting residents of ward {k * 3}.\n\n{promo}",
    }) + "\n" for k, t in enumerate(topics)), encoding="utf-8")
    before = target.read_bytes()
    status, out, err = run(capsys, str(target), "--select", "NL605", "--fix", "--unsafe-fixes")
    assert out.count(" NL605 ") == len(topics) and target.read_bytes() == before
    assert f"NL605: {len(topics)} fixes not applied" in err
    assert status == 1


# ---------------------------------------------------------------------- read-only files
def test_a_read_only_file_is_not_replaced(tmp_path, capsys, monkeypatch):
    import os

    import newslint.fixer.atomic as atomic

    target = tmp_path / "budget.txt"
    text = f"{TITLE}\nBy Lena Morris\n\n{LEDE}\n{VOTE}\n{LEDE}\n{AUDIT}\n"
    target.write_text(text, encoding="utf-8")
    target.chmod(0o444)
    # as root every file is writable: ask the question as an ordinary user would get it answered
    real_access = os.access
    monkeypatch.setattr(atomic.os, "access", lambda p, mode, **kw: False if mode == os.W_OK else real_access(p, mode, **kw))
    status, out, err = run(capsys, str(target), "--select", "NL101", "--fix")
    assert target.read_text(encoding="utf-8") == text
    assert f"{target}:1:1: NL001 cannot fix: the file is read-only" in out.splitlines()
    assert " NL101 " in out and status == 2 and "(0 fixed" in err


def test_a_plain_text_byline_keeps_its_by_when_its_date_stamp_is_cut(tmp_path, capsys):
    # in a text file the "By" is what makes the line a byline: without it the article has none
    target = tmp_path / "budget.txt"
    target.write_text(f"{TITLE}\nBy Lena Morris, 12 March 2025 10:41\n\n{LEDE}\n{VOTE}\n{AUDIT}\n", encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL201,NL208", "--fix", "--unsafe-fixes")
    assert target.read_text(encoding="utf-8") == f"{TITLE}\nBy Lena Morris\n\n{LEDE}\n{VOTE}\n{AUDIT}\n"
    assert "NL201" not in out and "(1 fixed, 0 remaining)" in err
    assert status == 0


def test_a_file_whose_name_takes_the_whole_folder_entry_is_fixed(tmp_path, capsys):
    # 250 bytes of name, 5 short of the limit: the temporary file beside it must still fit
    slug = ("council-approves-harbour-budget-after-four-hour-debate-" * 5)[:246]
    target = tmp_path / f"{slug}.txt"
    target.write_text(f"{TITLE}\nBy Lena Morris\n\n{LEDE}\n{VOTE}\n{LEDE}\n{AUDIT}\n", encoding="utf-8")
    status, out, err = run(capsys, str(target), "--select", "NL101", "--fix")
    assert "NL001" not in out and "(1 fixed, 0 remaining)" in err
    assert target.read_text(encoding="utf-8") == f"{TITLE}\nBy Lena Morris\n\n{LEDE}\n{VOTE}\n{AUDIT}\n"
    assert status == 0 and [p.name for p in tmp_path.iterdir()] == [target.name]
