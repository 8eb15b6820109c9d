"""--fix, --diff and --unsafe-fixes: before/after fixtures per format and rule, byte preservation, atomicity."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.config import Config
from newslint.engine import Linter, discover
from newslint.fixer import Fixer
from newslint.fixer.plan import plan_fixes
from newslint.plugins import build_registry
from newslint.rule import Rule
from newslint.violation import Edit, Fix

FIXTURES = Path(__file__).parent / "fixtures" / "fix"
ROOT = Path(__file__).resolve().parent.parent

P1 = "Firefighters contained the blaze at the Kessel timber yard shortly before dawn on Tuesday, officials said."
P2 = "No one was hurt, but around forty residents of nearby flats spent the night in a school gym."
P3 = "The cause of the fire is not yet known; investigators are expected on site later this week."
TITLE = "Timber Yard Fire Brought Under Control"


def run(*args: str, capsys=None) -> tuple[int, str, str]:
    code = main(list(args))
    if capsys is None:
        return code, "", ""
    cap = capsys.readouterr()
    return code, cap.out, cap.err


# ---------------------------------------------------------------------- fixtures per format and rule
CASES = [
    (code, ext)
    for code in ("nl101", "nl102", "nl103")
    for ext in ("txt", "md", "json", "jsonl", "jsonl.gz")
]


@pytest.mark.parametrize("code,ext", CASES, ids=[f"{c}-{e}" for c, e in CASES])
def test_fixture_before_after(tmp_path, capsys, code, ext):
    src_ext = ext.removesuffix(".gz")
    before = (FIXTURES / f"{code}.before.{src_ext}").read_bytes()
    after = (FIXTURES / f"{code}.after.{src_ext}").read_bytes()
    target = tmp_path / f"article.{ext}"
    target.write_bytes(gzip.compress(before, mtime=0) if ext.endswith(".gz") else before)
    unsafe = ["--unsafe-fixes"] if code == "nl103" else []
    status, out, err = run(str(target), "--select", code.upper(), "--fix", *unsafe, capsys=capsys)
    data = target.read_bytes()
    if ext.endswith(".gz"):
        assert data[:2] == b"\x1f\x8b", "gzipped input stays gzipped"
        data = gzip.decompress(data)
    assert data == after
    assert status == 0, out + err
    assert "(1 fixed, 0 remaining)" in err
    # a second run finds nothing more to fix and leaves the bytes alone
    mtime = target.stat().st_mtime_ns
    status, out, err = run(str(target), "--select", code.upper(), "--fix", *unsafe, capsys=capsys)
    assert status == 0 and "All clean" in err
    assert target.stat().st_mtime_ns == mtime


def test_unsafe_fix_needs_the_flag(tmp_path, capsys):
    target = tmp_path / "a.txt"
    shutil.copy(FIXTURES / "nl103.before.txt", target)
    status, out, err = run(str(target), "--select", "NL103", "--fix", capsys=capsys)
    assert target.read_bytes() == (FIXTURES / "nl103.before.txt").read_bytes()
    assert status == 1 and "NL103" in out and "(0 fixed, 1 remaining)" in err


def test_diff_writes_nothing_and_exits_1(tmp_path, capsys):
    target = tmp_path / "a.txt"
    shutil.copy(FIXTURES / "nl101.before.txt", target)
    mtime = target.stat().st_mtime_ns
    status, out, err = run(str(target), "--select", "NL101", "--diff", capsys=capsys)
    assert status == 1
    assert out.startswith(f"--- {target}\n+++ {target}\n@@ ")
    assert f"-{P1[:40]}" in out.replace("\n-Firefighters", "\n-Firefighters")
    assert "Would fix 1 finding." in err
    assert target.stat().st_mtime_ns == mtime
    # the diff is a patch that turns the file into what --fix writes
    if shutil.which("patch"):
        patched = tmp_path / "patched.txt"
        shutil.copy(target, patched)
        subprocess.run(["patch", "-s", str(patched)], input=out, text=True, check=True)
        assert patched.read_bytes() == (FIXTURES / "nl101.after.txt").read_bytes()
    status, out, err = run(str(FIXTURES / "nl101.after.txt"), "--select", "NL101", "--diff", capsys=capsys)
    assert status == 0 and out == ""
    # --exit-zero holds in --diff too: 0 unless an error (the README's word)
    status, out, _ = run(str(target), "--select", "NL101", "--diff", "--exit-zero", capsys=capsys)
    assert status == 0 and out.startswith(f"--- {target}")
    status, _, _ = run(str(target), str(tmp_path / "missing.txt"), "--select", "NL101", "--diff", "--exit-zero",
                       capsys=capsys)
    assert status == 2


def test_diff_on_jsonl_shows_only_the_changed_record(tmp_path, capsys):
    target = tmp_path / "d.jsonl"
    shutil.copy(FIXTURES / "nl101.before.jsonl", target)
    status, out, err = run(str(target), "--select", "NL101", "--diff", capsys=capsys)
    assert status == 1
    lines = out.splitlines()
    assert lines[2] == "@@ -2 +2 @@" and lines[3].startswith('-{"id": "hz-002"') and lines[4].startswith('+{"id": "hz-002"')
    assert len(lines) == 5


def test_report_lists_what_remains_and_what_was_fixed(tmp_path, capsys):
    target = tmp_path / "a.txt"
    # two duplicates (fixable) and no byline (not fixable)
    target.write_text(f"{TITLE}\n\n{P1}\n{P2}\n{P1}\n{P3}\n{P2}\n")
    status, out, err = run(str(target), "--select", "NL101,NL201", "--fix", "--show-fixes", capsys=capsys)
    assert status == 1
    assert "NL201" in out and "NL101" not in out
    assert "Fixed 2 findings:" in err and "2 × NL101 (duplicate-paragraph)" in err
    assert err.strip().endswith("Found 3 findings (2 fixed, 1 remaining).")
    assert target.read_text() == f"{TITLE}\n\n{P1}\n{P2}\n{P3}\n"


# ---------------------------------------------------------------------- bytes kept
def test_crlf_and_missing_final_newline_are_kept(tmp_path, capsys):
    target = tmp_path / "a.txt"
    text = f"{TITLE}\r\nBy Lena Hartmann\r\n\r\n{P1}\r\n\r\n{P2}\r\n\r\n{P3}\r\n\r\n{P1}"
    target.write_bytes(text.encode())
    run(str(target), "--select", "NL101", "--fix", capsys=capsys)
    assert target.read_bytes() == f"{TITLE}\r\nBy Lena Hartmann\r\n\r\n{P1}\r\n\r\n{P2}\r\n\r\n{P3}".encode()
    # a duplicate in the middle: the final newline's absence is kept too
    text = f"{TITLE}\r\n\r\n{P1}\r\n{P1}\r\n{P2}\r\n{P3}"
    target.write_bytes(text.encode())
    run(str(target), "--select", "NL101", "--fix", capsys=capsys)
    assert target.read_bytes() == f"{TITLE}\r\n\r\n{P1}\r\n{P2}\r\n{P3}".encode()


def test_utf8_bom_is_kept(tmp_path, capsys):
    target = tmp_path / "a.txt"
    target.write_bytes(b"\xef\xbb\xbf" + f"{TITLE}\n\n{P1}\n{P2}\n{P1}\n".encode())
    run(str(target), "--select", "NL101", "--fix", capsys=capsys)
    assert target.read_bytes() == b"\xef\xbb\xbf" + f"{TITLE}\n\n{P1}\n{P2}\n".encode()


def test_jsonl_saved_with_a_bom_has_its_first_record_fixed_and_keeps_the_bom(tmp_path, capsys):
    bad = {"id": "a", "title": TITLE, "maintext": f"{P1}\n\n{P2}\n\n{P1}"}
    other = {"id": "b", "title": TITLE, "maintext": f"{P1}\n\n{P3}"}
    target = tmp_path / "export.jsonl"
    target.write_bytes(b"\xef\xbb\xbf" + (json.dumps(bad) + "\n" + json.dumps(other) + "\n").encode())
    status, out, err = run(str(target), "--select", "NL101", "--fix", capsys=capsys)
    assert status == 0 and "not applied" not in err and "(1 fixed, 0 remaining)" in err
    fixed = dict(bad, maintext=f"{P1}\n\n{P2}")
    assert target.read_bytes() == b"\xef\xbb\xbf" + (json.dumps(fixed) + "\n" + json.dumps(other) + "\n").encode()


def test_toml_front_matter_is_fixed_in_its_own_syntax(tmp_path, capsys):
    target = tmp_path / "post.md"
    text = ('+++\ntitle = "Harbour Budget Approved"\nauthor = "By Nora Quist"\n+++\n\n'
            "The council approved the harbour budget on Monday after a long debate about the quay.\n")
    target.write_text(text, encoding="utf-8")
    status, out, err = run(str(target), "--select", "NL208", "--fix", capsys=capsys)
    assert status == 0 and "(1 fixed, 0 remaining)" in err
    assert target.read_text(encoding="utf-8") == text.replace('"By Nora Quist"', '"Nora Quist"')


def test_jsonl_crlf_blank_lines_and_bad_records_are_kept(tmp_path, capsys):
    good = {"id": "a", "title": TITLE, "maintext": f"{P1}\n\n{P2}\n\n{P3}"}
    bad = {"id": "b", "title": TITLE, "maintext": f"{P1}\n\n{P2}\n\n{P1}\n\n{P3}"}
    raw = (
        json.dumps(good) + "\r\n\r\n" + "{not json at all\r\n" + json.dumps(bad) + "\r\n" + json.dumps(good)
    ).encode()
    target = tmp_path / "d.jsonl"
    target.write_bytes(raw)
    status, out, err = run(str(target), "--select", "NL101", "--fix", capsys=capsys)
    assert status == 2 and "NL002" in out  # the malformed record is reported and left alone
    fixed = dict(bad, maintext=f"{P1}\n\n{P2}\n\n{P3}")
    assert target.read_bytes() == raw.replace(json.dumps(bad).encode(), json.dumps(fixed).encode())


def test_json_escape_style_is_detected(tmp_path, capsys):
    rec = {"id": "x", "title": "Brücke gesperrt", "maintext": "Die Brücke bleibt gesperrt, sagte die Stadt am Montag.\n\nUmleitungen sind ausgeschildert, der Busverkehr läuft über die Ringstraße.\n\nDie Brücke bleibt gesperrt, sagte die Stadt am Montag.", "url": "https://a.example/x/y"}
    raw = json.dumps(rec, ensure_ascii=True).replace("/", "\\/").replace("\\u00fc", "\\u00FC") + "\n"
    target = tmp_path / "d.jsonl"
    target.write_text(raw)
    run(str(target), "--select", "NL101", "--fix", capsys=capsys)
    out = target.read_text()
    assert out.isascii() and "\\u00FC" in out and "https:\\/\\/a.example" in out
    assert json.loads(out)["maintext"] == rec["maintext"].rsplit("\n\n", 1)[0]
    fixed = dict(rec, maintext=rec["maintext"].rsplit("\n\n", 1)[0])
    assert out == json.dumps(fixed, ensure_ascii=True).replace("/", "\\/").replace("\\u00fc", "\\u00FC") + "\n"


def test_body_as_list_of_paragraphs(tmp_path, capsys):
    rec = {"id": "x", "title": TITLE, "text": [P1, P2, P1, P3]}
    target = tmp_path / "d.json"
    target.write_text(json.dumps(rec, indent=2) + "\n")
    run(str(target), "--select", "NL101", "--fix", capsys=capsys)
    assert target.read_text() == json.dumps(dict(rec, text=[P1, P2, P3]), indent=2) + "\n"


def test_file_with_nothing_to_fix_is_not_rewritten(tmp_path, capsys):
    paths = []
    for name in ("nl101.after.txt", "nl101.after.md", "nl101.after.json", "nl101.after.jsonl"):
        target = tmp_path / name
        shutil.copy(FIXTURES / name, target)
        os.utime(target, ns=(1_000_000_000, 1_000_000_000))
        paths.append(target)
    status, out, err = run(*map(str, paths), "--select", "NL1", "--fix", "--unsafe-fixes", capsys=capsys)
    for target in paths:
        assert target.stat().st_mtime_ns == 1_000_000_000
        assert target.read_bytes() == (FIXTURES / target.name).read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)  # no temp files left


def test_permissions_are_kept(tmp_path, capsys):
    target = tmp_path / "a.txt"
    shutil.copy(FIXTURES / "nl101.before.txt", target)
    os.chmod(target, 0o640)
    run(str(target), "--select", "NL101", "--fix", capsys=capsys)
    assert target.read_bytes() == (FIXTURES / "nl101.after.txt").read_bytes()
    assert (target.stat().st_mode & 0o777) == 0o640


def test_symlink_is_followed_not_replaced(tmp_path, capsys):
    real = tmp_path / "real.txt"
    shutil.copy(FIXTURES / "nl101.before.txt", real)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    run(str(link), "--select", "NL101", "--fix", capsys=capsys)
    assert link.is_symlink() and real.read_bytes() == (FIXTURES / "nl101.after.txt").read_bytes()


def test_stdin_fix_writes_the_fixed_article_to_stdout(tmp_path):
    before = (FIXTURES / "nl101.before.md").read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "newslint", "-", "--stdin-filename", "story.md", "--select", "NL101", "--fix"],
        input=before, capture_output=True, cwd=tmp_path,
    )
    assert proc.stdout == (FIXTURES / "nl101.after.md").read_bytes()
    assert b"1 fixed, 0 remaining" in proc.stderr and proc.returncode == 0


# ---------------------------------------------------------------------- nothing lost on a crash
def test_exception_inside_the_writer_leaves_the_original(tmp_path, capsys, monkeypatch):
    import newslint.fixer.atomic as atomic

    files = {}
    for ext in ("txt", "jsonl"):
        target = tmp_path / f"a.{ext}"
        shutil.copy(FIXTURES / f"nl101.before.{ext}", target)
        files[target] = target.read_bytes()

    def boom(self, data):
        self.raw.write(data[: len(data) // 2])
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(atomic.AtomicFile, "write", boom)
    for target, original in files.items():
        # an unexpected error: NL001 naming it on the file, exit status 2, the original untouched,
        # nothing counted as fixed, and the finding that was not fixed still reported
        assert main([str(target), "--select", "NL101", "--fix"]) == 2
        out, err = capsys.readouterr()
        lines = out.splitlines()
        assert f"{target}:1:1: NL001 cannot fix: RuntimeError: disk on fire" in lines
        assert "(0 fixed" in err and "Traceback" not in err
        if target.suffix == ".txt":
            assert any(" NL101 " in line for line in lines)
        assert target.read_bytes() == original
    assert sorted(tmp_path.iterdir()) == sorted(files)  # the temporary files are gone too


def test_killed_process_leaves_the_original(tmp_path):
    # a dataset whose fix is slow to write: the writer sleeps after half the bytes, then is killed
    records = []
    for i in range(400):
        body = f"{P1}\n\n{P2} Record {i}.\n\n{P3}" + (f"\n\n{P1}" if i % 50 == 7 else "")
        records.append(json.dumps({"id": f"r{i}", "title": TITLE, "maintext": body}))
    target = tmp_path / "big.jsonl"
    target.write_text("\n".join(records) + "\n")
    original = target.read_bytes()
    script = textwrap.dedent(
        f"""
        import sys, time
        import newslint.fixer.atomic as atomic
        real = atomic.AtomicFile.write
        count = [0]
        def slow(self, data):
            real(self, data)
            count[0] += 1
            if count[0] == 20:
                self.raw.flush()
                print("writing", flush=True)
                time.sleep(60)
        atomic.AtomicFile.write = slow
        from newslint.cli import main
        main([{str(target)!r}, "--select", "NL101", "--fix"])
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == b"writing"
    temps = [p for p in tmp_path.iterdir() if p.name.endswith(".newslint-tmp")]
    assert temps and temps[0].stat().st_size > 0  # it really was mid-write
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert target.read_bytes() == original
    # the leftover temporary file is hidden, so a later run does not read it as a dataset
    status = main([str(tmp_path), "--select", "NL101", "--fix"])
    assert status == 0
    assert target.read_bytes() != original and json.loads(target.read_text().splitlines()[7])["maintext"].count(P1) == 1


# ---------------------------------------------------------------------- generic edits: replace, set_field
class SiteSuffix(Rule):
    """A title ending in " | Site"."""

    code = "XT901"
    name = "site-suffix"
    fixable = True

    def check(self, article):
        t = article.title or ""
        if " | " in t:
            cut = t.index(" | ")
            yield self.at_field(article, "title", "site name in title",
                                fix=Fix("drop the site name", (Edit("replace", field="title", start=cut, end=len(t), text=""),)))


class StraightQuotes(Rule):
    """Curly apostrophes in the body."""

    code = "XT902"
    name = "straight-quotes"
    fixable = True

    def check(self, article):
        for p in article.paragraphs:
            edits = tuple(Edit("replace", field="body", paragraph=p.index, start=i, end=i + 1, text="'")
                          for i, ch in enumerate(p.text) if ch == "’")
            if edits:
                yield self.at_paragraph(article, p.index, "curly apostrophe", fix=Fix("straighten", edits))


class TrackingUrl(Rule):
    """A url with utm parameters."""

    code = "XT903"
    name = "tracking-url"
    fixable = True

    def check(self, article):
        if article.url and "?utm_" in article.url:
            yield self.at_field(article, "url", "tracking parameters",
                                fix=Fix("strip", (Edit("set_field", field="url", text=article.url.split("?")[0]),), "unsafe"))


def fix_with(tmp_path, name: str, content: str, *, unsafe=True) -> str:
    reg = build_registry()
    for cls in (SiteSuffix, StraightQuotes, TrackingUrl):
        reg.rules[cls.code] = cls
    linter = Linter(Config(select=["XT9", "NL101"]), reg)
    target = tmp_path / name
    target.write_text(content, encoding="utf-8")
    fixer = Fixer(linter, unsafe=unsafe)
    list(fixer.run(discover([str(target)], linter.extensions)))
    return target.read_text(encoding="utf-8")


def test_replace_and_set_field_in_text_formats(tmp_path):
    wrapped = (
        "Mayor’s Plan Wins Vote | City Times\nBy Ana Ruiz\n\n"
        "The council backed the mayor’s housing plan on Monday after a\n"
        "long   debate that ran past midnight.\n\n"
        "Opponents said they’d keep campaigning against the new towers.\n"
    )
    assert fix_with(tmp_path, "a.txt", wrapped) == (
        "Mayor’s Plan Wins Vote\nBy Ana Ruiz\n\n"
        "The council backed the mayor's housing plan on Monday after a\n"
        "long   debate that ran past midnight.\n\n"
        "Opponents said they'd keep campaigning against the new towers.\n"
    )
    md = (
        "---\ntitle: \"Mayor’s Plan Wins Vote | City Times\"\nurl: https://c.example/a?utm_source=x\n# keep me\n---\n\n"
        "The council backed the mayor’s housing plan\non Monday after a long debate.\n"
    )
    assert fix_with(tmp_path, "a.md", md) == (
        "---\ntitle: \"Mayor’s Plan Wins Vote\"\nurl: https://c.example/a\n# keep me\n---\n\n"
        "The council backed the mayor's housing plan\non Monday after a long debate.\n"
    )


def test_replace_and_set_field_in_json_records(tmp_path):
    rec = {"title": "Mayor’s Plan Wins Vote | City Times", "url": "https://c.example/a?utm_source=x",
           "maintext": "The council backed the mayor’s plan.\n\nThey’d debated it for weeks before the vote."}
    raw = json.dumps(rec, ensure_ascii=False) + "\n" + json.dumps({"title": "Other", "maintext": "Fine text here."}) + "\n"
    out = fix_with(tmp_path, "a.jsonl", raw)
    first, second = out.splitlines()
    assert first == json.dumps({"title": "Mayor’s Plan Wins Vote", "url": "https://c.example/a",
                                "maintext": "The council backed the mayor's plan.\n\nThey'd debated it for weeks before the vote."},
                               ensure_ascii=False)
    assert second + "\n" == raw.splitlines(keepends=True)[1]
    # without --unsafe-fixes the url stays
    out = fix_with(tmp_path, "b.jsonl", raw, unsafe=False)
    assert "utm_source" in out and "| City Times" not in out


def test_set_field_adds_a_missing_key_in_the_records_spacing(tmp_path):
    class AddDate(Rule):
        """Adds a date."""

        code = "XT904"
        name = "add-date"
        fixable = True

        def check(self, article):
            if article.date is None:
                yield self.at_field(article, "date", "no date", fix=Fix("add", (Edit("set_field", field="date", text="2024-03-12"),)))

    reg = build_registry()
    reg.rules[AddDate.code] = AddDate
    linter = Linter(Config(select=["XT904"]), reg)
    target = tmp_path / "a.json"
    target.write_text('{\n  "title": "A",\n  "text": "Body text."\n}\n')
    list(Fixer(linter).run(discover([str(target)], linter.extensions)))
    assert target.read_text() == '{\n  "title": "A",\n  "text": "Body text.",\n  "date": "2024-03-12"\n}\n'


def test_overlapping_fixes_are_resolved_deterministically():
    from newslint.violation import Violation

    def v(code, *edits, safe=True):
        return Violation("a.txt", 1, 1, code, code.lower(), "error", "m", fix=Fix("f", edits, "safe" if safe else "unsafe"))

    delete2 = v("NL101", Edit("delete_paragraph", paragraph=2))
    replace2 = v("NL400", Edit("replace", paragraph=2, start=0, end=3, text="x"))
    replace3 = v("NL400", Edit("replace", paragraph=3, start=0, end=3, text="x"))
    same = v("NL102", Edit("delete_paragraph", paragraph=2))
    for order in ([delete2, replace2, replace3, same], [same, replace3, replace2, delete2]):
        plan = plan_fixes(order, unsafe=False)
        # sorted by position then code: the deletion (NL101) wins over the replace inside the same paragraph
        assert plan.edits == [delete2.fix.edits[0], replace3.fix.edits[0]]
        assert {x.code for x in plan.fixed} == {"NL101", "NL102", "NL400"} and plan.deferred == [replace2]
    assert plan_fixes([v("NL103", Edit("delete_paragraph", paragraph=1), safe=False)], unsafe=False).edits == []


def test_fix_that_cannot_be_applied_is_reported_not_forced(tmp_path, capsys):
    class Bad(Rule):
        """Replaces past the end of a paragraph."""

        code = "XT905"
        name = "bad-fix"
        fixable = True

        def check(self, article):
            if article.paragraphs:
                yield self.at_paragraph(article, 0, "bad", fix=Fix("x", (Edit("replace", paragraph=0, start=0, end=10_000, text=""),)))

    reg = build_registry()
    reg.rules[Bad.code] = Bad
    linter = Linter(Config(select=["XT905", "NL101"]), reg)
    target = tmp_path / "a.txt"
    target.write_text(f"{TITLE}\n\n{P1}\n{P2}\n{P1}\n")
    fixer = Fixer(linter)
    remaining = list(fixer.run(discover([str(target)], linter.extensions)))
    assert target.read_text() == f"{TITLE}\n\n{P1}\n{P2}\n"  # the good fix applied
    assert [v.code for v in remaining] == ["XT905"]
    assert any("XT905 fix not applied: replace beyond the end of the paragraph" in n for n in fixer.summary.notes)


def test_truncated_gzip_is_reported_and_left_alone(tmp_path, capsys):
    for name in ("d.jsonl.gz", "d.json.gz"):
        src = FIXTURES / ("nl101.before.jsonl" if name.startswith("d.jsonl") else "nl101.before.json")
        target = tmp_path / name
        data = gzip.compress(src.read_bytes())
        target.write_bytes(data[: len(data) - 30])
        status, out, err = run(str(target), "--select", "NL101", "--fix", capsys=capsys)
        assert status == 2 and "NL001" in out and "Traceback" not in err
        assert target.read_bytes() == data[: len(data) - 30]


def test_header_field_edits_and_front_matter_additions(tmp_path):
    class DropByline(Rule):
        """Clears a placeholder byline and adds a missing date."""

        code = "XT906"
        name = "drop-byline"
        fixable = True

        def check(self, article):
            if article.byline == "By Staff":
                yield self.at_field(article, "byline", "placeholder", fix=Fix("clear", (Edit("set_field", field="byline", text=None),)))
            if article.date is None and article.raw is not None:
                yield self.at_field(article, "date", "no date", fix=Fix("add", (Edit("set_field", field="date", text="2024-03-12"),)))

    reg = build_registry()
    reg.rules[DropByline.code] = DropByline
    linter = Linter(Config(select=["XT906"]), reg)
    txt = tmp_path / "a.txt"
    txt.write_text(f"{TITLE}\nBy Staff\n\n{P1}\n{P2}\n")
    md = tmp_path / "a.md"
    md.write_text(f"---\r\ntitle: {TITLE}\r\n---\r\n\r\n{P1}\r\n")
    list(Fixer(linter).run(discover([str(txt), str(md)], linter.extensions)))
    assert txt.read_text() == f"{TITLE}\n\n{P1}\n{P2}\n"
    assert md.read_bytes() == f"---\r\ntitle: {TITLE}\r\ndate: \"2024-03-12\"\r\n---\r\n\r\n{P1}\r\n".encode()


def test_suppressed_and_baselined_findings_are_not_fixed(tmp_path, capsys):
    # a Markdown suppression comment keeps the repeat; the record field keeps the record's repeat
    md = tmp_path / "a.md"
    md.write_text(f"# {TITLE}\n\n{P1}\n\n{P2}\n\n<!-- newslint: disable-next-line=NL101 -->\n{P1}\n")
    rec = {"id": "k", "title": TITLE, "maintext": f"{P1}\n\n{P2}\n\n{P1}", "newslint_ignore": ["NL101"]}
    data = tmp_path / "d.jsonl"
    data.write_text(json.dumps(rec) + "\n")
    before = {p: p.read_bytes() for p in (md, data)}
    status, out, err = run(str(md), str(data), "--select", "NL101", "--fix", capsys=capsys)
    assert status == 0 and {p: p.read_bytes() for p in before} == before
    # a baselined finding is known and accepted: --fix leaves it too
    txt = tmp_path / "b.txt"
    shutil.copy(FIXTURES / "nl101.before.txt", txt)
    baseline = tmp_path / "baseline.json"
    run(str(txt), "--select", "NL101", "--write-baseline", str(baseline), capsys=capsys)
    status, out, err = run(str(txt), "--select", "NL101", "--baseline", str(baseline), "--fix", capsys=capsys)
    assert txt.read_bytes() == (FIXTURES / "nl101.before.txt").read_bytes() and status == 0


def test_several_replaces_in_one_json_field_apply_in_one_round(tmp_path):
    class TitleQuotes(Rule):
        """Curly apostrophes in the title."""

        code = "XT907"
        name = "title-quotes"
        fixable = True

        def check(self, article):
            t = article.title or ""
            for i, ch in enumerate(t):
                if ch == "’":
                    yield self.at_field(article, "title", "curly", fix=Fix("x", (Edit("replace", field="title", start=i, end=i + 1, text="'"),)))

    reg = build_registry()
    for cls in (SiteSuffix, TitleQuotes):
        reg.rules[cls.code] = cls
    linter = Linter(Config(select=["XT901", "XT907"]), reg)
    target = tmp_path / "a.jsonl"
    target.write_text(json.dumps({"title": "Mayor’s Plan Isn’t Dead | City Times", "text": "Body."}, ensure_ascii=False) + "\n")
    fixer = Fixer(linter)
    list(fixer.run(discover([str(target)], linter.extensions)))
    assert json.loads(target.read_text())["title"] == "Mayor's Plan Isn't Dead"
    assert fixer.summary.notes == [] and fixer.summary.total_fixed == 3


# ---------------------------------------------------------------------- paragraph layout of plain text
_WRAPPED_REPEAT = "The mayor said that the vote on the budget\nwas a good day for the city and for all of\nthe volunteers who had campaigned for it."


def _wrapped_story(*blocks: str) -> str:
    return "Council Approves New Budget for City Parks\nBy Anna Smith\n\n" + "\n\n".join(blocks) + "\n"


def test_a_fix_that_would_change_how_a_wrapped_text_is_read_is_refused(tmp_path, capsys):
    # Hard-wrapped blocks; two of them end on the same wrapped line, and the last block repeats the
    # third. Without the repeat the reader would take the file for one paragraph per line, and the
    # shared line would then pass for a repeated paragraph the report never named.
    shared = "clerk said on Wednesday morning."
    target = tmp_path / "a.txt"
    before = _wrapped_story(
        f"The city council voted on Tuesday to approve a new budget.\nOfficials said it will pay for new playgrounds, the\n{shared}",
        f"Work on the first projects would begin in the spring.\nThe first sites are in the northern districts, the\n{shared}",
        _WRAPPED_REPEAT,
        "Residents who spoke at the meeting welcomed the plan.\nSome asked why the south was left out.\nOthers said they would wait and see.",
        _WRAPPED_REPEAT,
    )
    target.write_text(before)
    status, out, _ = run(str(target), "--isolated", "--no-cache", capsys=capsys)
    assert [line.split()[1] for line in out.splitlines() if line.startswith(str(target))] == ["NL101"]
    for _ in range(2):  # and a second run finds nothing more to do
        status, out, err = run(str(target), "--isolated", "--no-cache", "--fix", capsys=capsys)
        assert target.read_text() == before
        assert "NL101 fix not applied: the fixed file would no longer be read as hard-wrapped blocks" in err
        assert "a.txt:20:1: NL101" in out and status == 1


def test_a_repeat_removed_from_a_wrapped_text_keeps_the_other_blocks(tmp_path, capsys):
    target = tmp_path / "a.txt"
    first = "The city council voted on Tuesday to approve a new budget for\nthe parks of the city, the clerk said on\nWednesday morning after the long meeting"
    other = "Work on the first projects would begin in the spring and the\nfirst sites are in the northern districts of\nthe city, officials said after the vote"
    target.write_text(_wrapped_story(first, _WRAPPED_REPEAT, other, _WRAPPED_REPEAT))
    status, out, err = run(str(target), "--isolated", "--no-cache", "--select", "NL101", "--fix", capsys=capsys)
    assert status == 0 and "not applied" not in err
    assert target.read_text() == _wrapped_story(first, _WRAPPED_REPEAT, other)
    status, out, err = run(str(target), "--isolated", "--no-cache", "--select", "NL101", "--fix", capsys=capsys)
    assert status == 0 and target.read_text() == _wrapped_story(first, _WRAPPED_REPEAT, other)
