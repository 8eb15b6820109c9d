"""``newslint compare`` and ``newslint report --compare``: the same articles from several extractors."""

from __future__ import annotations

import json
import re

from helpers import jsonl

from newslint.cli import main
from newslint.compare import display_names

ARTICLES = [
    ("harbour-1", "https://www.harbour-times.example/news/ferry-timetable",
     "Ferry timetable changes from Monday",
     ["The island ferry will run every forty minutes from Monday instead of every hour, the operator said, after "
      "a year in which passenger numbers rose by a fifth.",
      "The first sailing will leave the mainland at half past five, and the last return crossing at eleven at "
      "night, which residents had asked for since the summer.",
      "Fares stay the same until the spring, when the operator will review them with the regional council."]),
    ("harbour-2", "https://www.harbour-times.example/news/lighthouse-repairs",
     "Lighthouse repairs finished after two years",
     ["Scaffolding came down from the old lighthouse on Thursday after two years of repairs to its lantern room "
      "and the iron stairs that climb the tower.",
      "The trust that looks after the building said it would open to visitors at weekends from next month, with "
      "guided climbs limited to twelve people at a time.",
      "Volunteers are still needed to staff the small museum at its foot, the trust's chair added."]),
    ("harbour-3", "https://www.harbour-times.example/news/school-garden",
     "Pupils plant an orchard at the primary school",
     ["Children at the harbour primary school planted thirty apple and pear trees on Wednesday in a corner of the "
      "playing field that had been left to grass for years.",
      "The trees were donated by a nursery in the valley, and parents built the fence that will keep rabbits out "
      "of the young orchard.",
      "The head teacher said the first fruit would be picked by pupils who are now in the reception class."]),
]
NEWSLETTER = "Sign up for our newsletter to get the top stories of the day in your inbox every morning."


def record(i: int, text: list[str], **changes) -> dict:
    rid, url, title, _ = ARTICLES[i]
    rec = {"id": rid, "url": url, "title": title, "byline": "Morag Lindsay", "date": "2024-03-12", "text": "\n\n".join(text)}
    rec.update(changes)
    return {k: v for k, v in rec.items() if v is not None}


def clean_input() -> str:
    return jsonl(*(record(i, a[3]) for i, a in enumerate(ARTICLES)))


def noisy_input() -> str:
    """The same articles as a careless extractor gives them: a sign-up prompt, a repeated paragraph."""
    return jsonl(
        record(0, ARTICLES[0][3] + [NEWSLETTER]),
        record(1, ARTICLES[1][3][:2] + [ARTICLES[1][3][1]] + ARTICLES[1][3][2:]),
        record(2, ARTICLES[2][3]),
    )


def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_compare_text_names_the_cleanest_input(tmp_path, capsys):
    a = write(tmp_path, "clean.jsonl", clean_input())
    b = write(tmp_path, "noisy.jsonl", noisy_input())
    assert main(["compare", str(a), str(b)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("3 articles joined by id across 2 inputs")
    assert "cleanest: clean.jsonl (0.0% of articles with a finding or cut short)" in out
    rows = {line.split()[0]: line.split()[-2:] for line in out.splitlines() if line.startswith("  NL")}
    assert rows["NL101"] == ["0.0%", "33.3%"]
    assert rows["NL306"] == ["0.0%", "33.3%"]
    assert "NL1" in rows and rows["NL1"] == ["0.0%", "33.3%"]


def test_compare_json(tmp_path, capsys):
    a = write(tmp_path, "clean.jsonl", clean_input())
    b = write(tmp_path, "noisy.jsonl", noisy_input())
    assert main(["compare", "--format", "json", str(b), str(a)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["key"] == "id" and data["joined"] == 3 and data["cleanest"] == "clean.jsonl"
    noisy, clean = data["inputs"]
    assert noisy["name"] == "noisy.jsonl" and noisy["with_findings"] == 2
    assert noisy["share_with_findings"] == round(2 / 3, 4)
    assert noisy["rules"]["NL101"] == {"name": "duplicate-paragraph", "articles": 1, "share": round(1 / 3, 4)}
    assert noisy["families"]["NL3"]["articles"] == 1
    assert clean["with_findings"] == 0 and clean["rules"] == {}


def test_joins_by_url_when_ids_differ(tmp_path, capsys):
    a = write(tmp_path, "a.jsonl", clean_input())
    # another scraper: no ids, the same pages under tracking parameters and without www.
    b = write(tmp_path, "b.jsonl", jsonl(*(
        record(i, art[3], id=None, url=art[1].replace("www.", "") + "?utm_source=feed") for i, art in enumerate(ARTICLES)
    )))
    assert main(["compare", "--format", "json", str(a), str(b)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["key"] == "url" and data["joined"] == 3


def test_only_articles_in_every_input_are_compared(tmp_path, capsys):
    a = write(tmp_path, "a.jsonl", clean_input())
    # b lost the third page and has one page a never saw, which is full of defects
    extra = {"id": "harbour-9", "url": "https://www.harbour-times.example/news/other", "title": "Other",
             "text": "Advertisement\n\nAdvertisement"}
    b = write(tmp_path, "b.jsonl", jsonl(record(0, ARTICLES[0][3]), record(1, ARTICLES[1][3]), extra))
    assert main(["compare", "--format", "json", str(a), str(b)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["joined"] == 2
    assert [d["not_joined"] for d in data["inputs"]] == [1, 1]
    assert [d["with_findings"] for d in data["inputs"]] == [0, 0]


def test_dataset_findings_count_for_the_article_they_name(tmp_path, capsys):
    a = write(tmp_path, "a.jsonl", clean_input())
    # this extractor gave the second page the first page's body: a duplicate article (NL601)
    b = write(tmp_path, "b.jsonl", jsonl(record(0, ARTICLES[0][3]), record(1, ARTICLES[0][3]), record(2, ARTICLES[2][3])))
    assert main(["compare", "--format", "json", "--select", "NL601", str(a), str(b)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["inputs"][1]["rules"]["NL601"]["articles"] == 1
    assert data["inputs"][0]["rules"] == {}
    assert data["cleanest"] == "a.jsonl"


def test_usage_and_input_errors(tmp_path, capsys):
    a = write(tmp_path, "a.jsonl", clean_input())
    assert main(["compare", str(a)]) == 2
    assert "at least two inputs" in capsys.readouterr().err
    assert main(["compare", str(a), str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "missing.jsonl:1:1: NL001" in err
    # the closing line names the input that gave nothing, not "no article in common"
    assert err.splitlines()[-1] == (f"newslint compare: error: nothing to compare: {tmp_path / 'missing.jsonl'} gave no "
                                    "article (see the errors above, if any); every input must hold the articles to join")
    other = write(tmp_path, "other.jsonl", jsonl({"id": "x", "url": "https://elsewhere.example/a", "text": "Text."}))
    assert main(["compare", str(a), str(other)]) == 2
    assert "no article in common" in capsys.readouterr().err
    assert main(["compare", "--select", "NL999", str(a), str(other)]) == 2
    assert "unknown rule 'NL999'" in capsys.readouterr().err


def test_report_compare_writes_a_side_by_side_page(tmp_path, capsys):
    a = write(tmp_path, "clean.jsonl", clean_input())
    b = write(tmp_path, "noisy.jsonl", noisy_input())
    page = tmp_path / "cmp.html"
    assert main(["report", "--compare", str(a), str(b), "--html", str(page)]) == 0
    assert "cleanest: clean.jsonl" in capsys.readouterr().err
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "newslint comparison" in html
    assert ">clean.jsonl</th>" in html and ">noisy.jsonl</th>" in html
    assert "<code>NL101</code> duplicate-paragraph" in html
    assert "http://" not in html and "https://" not in html  # self-contained: no network assets
    assert main(["report", "--compare", str(a), "--html", str(page)]) == 2


def test_compare_html_option_matches_report(tmp_path, capsys):
    a = write(tmp_path, "clean.jsonl", clean_input())
    b = write(tmp_path, "noisy.jsonl", noisy_input())
    page = tmp_path / "c.html"
    assert main(["compare", str(a), str(b), "--html", str(page)]) == 0
    assert "best" in page.read_text(encoding="utf-8")


def test_display_names_are_the_shortest_distinct_suffixes():
    assert display_names(["out/a/goose3.jsonl", "out/a/justext.jsonl"]) == ["goose3.jsonl", "justext.jsonl"]
    assert display_names(["v1/data.jsonl", "v2/data.jsonl"]) == ["v1/data.jsonl", "v2/data.jsonl"]


def test_an_input_that_loses_text_is_not_the_cleanest(tmp_path, capsys):
    a = write(tmp_path, "full.jsonl", noisy_input())
    # this extractor keeps only the first paragraph of each story: no repetition or debris to flag,
    # but two thirds of the text lost
    b = write(tmp_path, "lede.jsonl", jsonl(*(record(i, art[3][:1]) for i, art in enumerate(ARTICLES))))
    c = write(tmp_path, "clean.jsonl", clean_input())
    assert main(["compare", "--format", "json", "--select", "NL1,NL3", str(a), str(b), str(c)]) == 0
    data = json.loads(capsys.readouterr().out)
    full, lede, clean = data["inputs"]
    assert lede["with_findings"] == 0 and lede["short"] == 3 and lede["share_with_findings_or_short"] == 1.0
    assert full["short"] == 0 and clean["short"] == 0
    assert lede["median_words"] < clean["median_words"]
    assert data["cleanest"] == "clean.jsonl"
    assert main(["compare", "--select", "NL1,NL3", str(b), str(c)]) == 0
    out = capsys.readouterr().out
    assert "cleanest: clean.jsonl" in out
    assert [line.split()[-2:] for line in out.splitlines() if line.startswith("cut short")] == [["100.0%", "0.0%"]]


def test_an_input_and_its_copy_compare_equal_with_every_dataset_finding_counted(tmp_path, capsys):
    # three near copies of one story: NL604 on two of them, next to per-article findings (no
    # byline) that come earlier; a dataset finding was sometimes taken for one of
    # those and dropped, and the copy came out "cleaner" than its original
    story = [ARTICLES[0][3][0], ARTICLES[0][3][1] + " The council will publish the new timetable on Friday."]
    copies = [dict(record(0, story), id=f"ferry-{i}", url=f"https://www.harbour-times.example/n/{i}", byline=None,
                   text="\n\n".join([*story, f"Reported from the quay, part {i}."])) for i in range(3)]
    a = write(tmp_path, "a.jsonl", jsonl(*copies))
    b = write(tmp_path, "b.jsonl", jsonl(*copies))
    assert main(["--isolated", "--no-cache", "--format", "jsonl", "--exit-zero", str(a)]) == 0
    lint = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert sum(f["code"] == "NL604" for f in lint) == 2
    assert main(["compare", "--format", "json", str(a), str(b)]) == 0
    first, second = json.loads(capsys.readouterr().out)["inputs"]
    assert first["rules"]["NL604"]["articles"] == second["rules"]["NL604"]["articles"] == 2
    assert first["findings_per_article"] == second["findings_per_article"] == round(len(lint) / 3, 4)


def test_an_output_file_that_is_an_input_stops_compare_and_report_untouched(tmp_path, capsys):
    a = write(tmp_path, "a.jsonl", clean_input())
    b = write(tmp_path, "b.jsonl", noisy_input())
    folder = tmp_path / "crawl"
    folder.mkdir()
    inside = write(folder, "shard.jsonl", clean_input())
    before = {p: p.read_bytes() for p in (a, b, inside)}
    for argv, prog, option, target in [
        (["compare", str(a), str(b), "--output-file", str(b)], "newslint compare", "--output-file", b),
        (["compare", str(a), str(b), "--html", str(a)], "newslint compare", "--html", a),
        (["report", "--compare", str(a), str(b), "--html", str(b)], "newslint report", "--html", b),
        (["report", str(folder), "--html", str(inside)], "newslint", "--html", inside),
    ]:
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err == f"{prog}: error: {target} is both an input and the {option} file of this run; it would be overwritten\n"
    assert {p: p.read_bytes() for p in before} == before
    assert main(["report", str(folder), "--html", str(folder / "report.html")]) == 0  # a new file is no input
    capsys.readouterr()


def test_compare_and_report_count_what_the_lint_gate_counts(tmp_path, capsys, monkeypatch):
    # the project's configuration ignores NL101: the comparison and the page must not count it
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".newslint.yaml").write_text('ignore: ["NL101"]\n', encoding="utf-8")
    a = write(tmp_path, "a.jsonl", clean_input())
    b = write(tmp_path, "b.jsonl", noisy_input())
    assert main(["compare", "--format", "json", "a.jsonl", "b.jsonl"]) == 0
    noisy = json.loads(capsys.readouterr().out)["inputs"][1]
    assert "NL101" not in noisy["rules"] and noisy["rules"]
    assert main(["compare", "--isolated", "--format", "json", "a.jsonl", "b.jsonl"]) == 0
    assert "NL101" in json.loads(capsys.readouterr().out)["inputs"][1]["rules"]
    assert main(["report", "b.jsonl", "--html", "page.html"]) == 0
    assert "NL101" not in (tmp_path / "page.html").read_text(encoding="utf-8")
    assert main(["report", "--isolated", "b.jsonl", "--html", "page.html"]) == 0
    assert "NL101" in (tmp_path / "page.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert a.exists() and b.exists()


def test_records_sharing_an_id_are_counted_as_read_and_not_joined(tmp_path, capsys):
    twice = [record(i, a[3]) for i, a in enumerate(ARTICLES)]
    twice.append(dict(twice[0], text="A second scrape of the same page, cut short."))
    a = write(tmp_path, "a.jsonl", jsonl(*twice))
    b = write(tmp_path, "b.jsonl", clean_input())
    assert main(["compare", "--format", "json", str(a), str(b)]) == 0
    first, second = json.loads(capsys.readouterr().out)["inputs"]
    assert (first["articles"], first["joined"], first["not_joined"], first["repeated_keys"]) == (4, 3, 1, 1)
    assert (second["articles"], second["not_joined"], second["repeated_keys"]) == (3, 0, 0)
    assert main(["compare", str(a), str(b)]) == 0
    rows = {re.split(r"\s{2,}", line.strip())[0]: line.split() for line in capsys.readouterr().out.splitlines() if line.strip()}
    assert rows["articles read"][-2:] == ["4", "3"] and rows["with an id already read"][-2:] == ["1", "0"]


def test_inputs_that_tie_are_named_as_a_tie_not_one_of_them_the_cleanest(tmp_path, capsys):
    a = write(tmp_path, "first.jsonl", clean_input())
    b = write(tmp_path, "second.jsonl", clean_input())
    c = write(tmp_path, "noisy.jsonl", noisy_input())
    assert main(["compare", str(a), str(b), str(c)]) == 0
    assert "cleanest: none, a tie between first.jsonl, second.jsonl (0.0% of articles" in capsys.readouterr().out
    assert main(["compare", "--format", "json", str(a), str(b), str(c)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["cleanest"] is None and data["tied"] == ["first.jsonl", "second.jsonl"]
    page = tmp_path / "side.html"
    assert main(["report", "--compare", str(a), str(b), str(c), "--html", str(page)]) == 0
    assert "cleanest: none, a tie between first.jsonl, second.jsonl" in capsys.readouterr().err
    assert "No input is the cleanest: first.jsonl, second.jsonl tie" in page.read_text(encoding="utf-8")


def test_inputs_with_odd_file_names_are_named_as_findings_name_them(tmp_path, capsys):
    # a file name holding a terminal escape, a direction override or bytes that are not UTF-8:
    # the comparison names it on one printable line, and the HTML page is written, not a crash
    import os
    import sys

    if sys.platform == "win32":
        return
    a = write(tmp_path, "clean\x1b[2J\u202e.jsonl", clean_input())
    raw = os.path.join(os.fsencode(tmp_path), b"noisy\xff.jsonl")
    with open(raw, "wb") as fh:
        fh.write(noisy_input().encode("utf-8"))
    b = os.fsdecode(raw)
    assert main(["compare", str(a), b]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "clean\\x1b[2J\\u202e.jsonl" in out and "noisy\\xff.jsonl" in out
    page = tmp_path / "c.html"
    assert main(["report", "--compare", str(a), b, "--html", str(page)]) == 0
    assert "noisy\\xff.jsonl" in page.read_text(encoding="utf-8")


def test_input_problems_are_written_as_the_text_format_writes_them(tmp_path, capsys):
    good = {"id": "a", "title": "Harbour Reopens", "text": "The harbour reopened on Monday after the storm."}
    a = tmp_path / "a.jsonl"
    a.write_text(json.dumps(good) + '\n{"id": "b", "title": "Bad \x1b[2J line\n', encoding="utf-8")
    b = tmp_path / "b.jsonl"
    b.write_text(json.dumps(good) + "\n", encoding="utf-8")
    main(["compare", "--isolated", str(a), str(b)])
    said = capsys.readouterr().err
    main(["--isolated", "--no-cache", "--select", "NL0", "--format", "text", str(a)])
    assert said.splitlines() == [line for line in capsys.readouterr().out.splitlines() if "NL002" in line]
    assert said.endswith("(record #1)\n") and "\x1b" not in said
