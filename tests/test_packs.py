"""The rule-pack loader: the five kinds, language lists, errors, RE2 safety, --packs and Config.packs."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import warnings
from pathlib import Path

import pytest

from helpers import codes, found
from newslint.api import lint_text
from newslint.config import Config, ConfigError
from newslint.packs import compile_pattern, load_packs

ARTICLE = """\
Council Approves New Cycle Lanes | Daily Courier

The council voted 9 to 4 for the plan on Tuesday, after a long debate.

Work on the first lane starts in May, the transport office said.

Click here to subscribe.
"""


def write_pack(root: Path, name: str, files: dict[str, str]) -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    for fname, text in files.items():
        (folder / fname).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def run_cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True, text=True, cwd=cwd)


def lint_with(pack: Path, text: str = ARTICLE, select: str = "ACME") -> list:
    return lint_text(text, path="article.txt", config=Config(select=[select], packs=[str(pack)]))


EXISTENCE = """\
code: ACME101
name: subscribe-link
message: "subscribe link: '{match}' at {where}"
severity: warning
scope: paragraph
kind: existence
phrases: [click here to subscribe, subscribe here]
fix:
  action: remove
  safe: true
  description: removes the link text.
description: A subscribe link left in the body.
fails: |
  Click here to subscribe.
passes: |
  The council voted on Tuesday.
"""


# ---------------------------------------------------------------------- kinds
def test_existence_phrases_report_and_fix(tmp_path):
    pack = write_pack(tmp_path, "acme", {"subscribe.yaml": EXISTENCE})
    vs = lint_with(pack)
    assert found(vs) == [("ACME101", 7)]
    assert vs[0].message == "subscribe link: 'Click here to subscribe' at line 7"
    assert vs[0].severity == "warning"
    # the paragraph held only the link (and a full stop): the fix deletes it
    assert vs[0].fix.safe and vs[0].fix.edits[0].kind == "delete_paragraph"


def test_phrases_match_whole_words_only(tmp_path):
    pack = write_pack(tmp_path, "acme", {"ad.yaml": """\
        code: ACME102
        name: ad-word
        message: "ad: {match}"
        severity: info
        scope: paragraph
        kind: existence
        phrases: [ad]
        """})
    vs = lint_with(pack, "Headline\n\nThe bad road had an ad on it.\n\nA road sign.\n")
    assert len(vs) == 1 and vs[0].message == "ad: ad"


def test_existence_match_modes(tmp_path):
    base = """\
        code: ACME103
        name: related-label
        message: "teaser: {match}"
        severity: error
        scope: paragraph
        kind: existence
        phrases: [related]
        match: %s
        """
    text = "Headline\n\nRelated\n\nRelated: Bus fares rise\n\nThe related report came out on Monday.\n"
    got = {}
    for mode in ("whole", "start", "anywhere"):
        pack = write_pack(tmp_path / mode, "acme", {"r.yaml": base % mode})
        got[mode] = [v.line for v in lint_with(pack, text)]
    assert got == {"whole": [3], "start": [3, 5], "anywhere": [3, 5, 7]}


def test_match_group_reports_the_group(tmp_path):
    pack = write_pack(tmp_path, "acme", {"c.yaml": r"""
        code: ACME104
        name: glued-credit
        message: "credit: {match}"
        severity: warning
        scope: paragraph
        kind: existence
        ignore-case: false
        patterns: ['[.!?](?P<match>Credit\p{Lu}[^\n]*)$']
        """})
    vs = lint_with(pack, "Headline\n\nWorkers fix a main in Queens.CreditJane Roe/Courier\n")
    assert vs[0].message == "credit: CreditJane Roe/Courier"


STORY = ("The council said on Tuesday that its website had shown visitors the words {q} for most of the "
         "afternoon after an update went wrong.")


@pytest.mark.parametrize("q", ['"click here to subscribe"', "“click here to subscribe”", "„click here to subscribe“",
                               "«click here to subscribe»", "»click here to subscribe«", "‹click here to subscribe›",
                               "「click here to subscribe」", "'click here to subscribe'", "‘click here to subscribe’"])
def test_a_phrase_quoted_in_a_sentence_is_a_mention_not_reported(tmp_path, q):
    pack = write_pack(tmp_path, "acme", {"subscribe.yaml": EXISTENCE})
    assert lint_with(pack, "Headline\n\n" + STORY.format(q=q) + "\n") == []
    # alone on its line, quoted or not, the phrase is reported
    assert found(lint_with(pack, f"Headline\n\n{q}\n")) == [("ACME101", 3)]


def test_apostrophes_and_unclosed_quotes_hold_no_quotation(tmp_path):
    pack = write_pack(tmp_path, "acme", {"subscribe.yaml": EXISTENCE})
    for text in ("The readers' panel don't like it. Click here to subscribe, the page's footer said on every story.",
                 '"The readers kept asking," she said, and the page then read click here to subscribe for the week.',
                 "The editors' note under the readers' letters said click here to subscribe, and the council's 'new' site did too."):
        assert found(lint_with(pack, f"Headline\n\n{text}\n")) == [("ACME101", 3)], text


def test_report_quoted_reports_a_phrase_wherever_it_is(tmp_path):
    pack = write_pack(tmp_path, "acme", {"subscribe.yaml": EXISTENCE + "report-quoted: true\n"})
    assert found(lint_with(pack, "Headline\n\n" + STORY.format(q='"click here to subscribe"') + "\n")) == [("ACME101", 3)]
    from newslint.packs.loading import QUOTED_NOTE

    plain = write_pack(tmp_path / "plain", "acme", {"subscribe.yaml": EXISTENCE})
    docs = {}
    for name, folder in (("quoted", pack), ("plain", plain)):
        rules = load_packs([str(folder)])
        docs[name] = rules[0].doc()
    assert QUOTED_NOTE in docs["plain"] and QUOTED_NOTE not in docs["quoted"]


def test_substitution_is_the_fix(tmp_path):
    pack = write_pack(tmp_path, "acme", {"s.yaml": r"""
        code: ACME201
        name: title-site-suffix
        message: "site name in the title: '{match}'"
        severity: warning
        scope: title
        kind: substitution
        swap:
          '\s+\|\s+Daily Courier$': ''
        fix:
          safe: true
          description: drops the site name.
        """})
    vs = lint_with(pack)
    assert codes(vs) == ["ACME201"]
    edit = vs[0].fix.edits[0]
    title = "Council Approves New Cycle Lanes | Daily Courier"
    assert (edit.kind, edit.field, edit.text) == ("replace", "title", "")
    assert title[:edit.start] + edit.text + title[edit.end:] == "Council Approves New Cycle Lanes"
    assert vs[0].fix.safe


def test_substitution_with_group_reference_in_body(tmp_path):
    pack = write_pack(tmp_path, "acme", {"s.yaml": r"""
        code: ACME202
        name: spaced-percent
        message: "'{match}' should read '{replacement}'"
        severity: info
        scope: paragraph
        kind: substitution
        swap:
          '(\d+) per cent': '\1 percent'
        """})
    vs = lint_with(pack, "Headline\n\nPrices rose 4 per cent in May.\n")
    assert vs[0].message == "'4 per cent' should read '4 percent'"
    edit = vs[0].fix.edits[0]
    assert (edit.paragraph, edit.start, edit.end, edit.text) == (0, 12, 22, "4 percent")
    assert not vs[0].fix.safe  # unsafe unless the pack says safe


def test_substitution_replacements_may_use_every_group_the_pattern_has(tmp_path):
    pack = write_pack(tmp_path, "acme", {"s.yaml": r"""
        code: ACME203
        name: spelled-out-dollars
        message: "'{match}' should read '{replacement}'"
        severity: info
        scope: paragraph
        kind: substitution
        swap:
          '(?P<amount>\d+(?:\.\d+)?) (m|bn) dollars': '$\g<amount>\2 (\g<0>)'
        """})
    vs = lint_with(pack, "Headline\n\nThe port will cost 2.5 bn dollars, the council said.\n")
    assert [v.message for v in vs] == ["'2.5 bn dollars' should read '$2.5bn (2.5 bn dollars)'"]


DASHES_AND_QUOTES = r"""
    code: ACME204
    name: typewriter-punctuation
    message: "'{match}' should read '{replacement}'"
    severity: info
    scope: paragraph
    kind: substitution
    swap:
      ' -- ': ' — '
      ",,([^',]+)''": '„\1“'
    fix:
      safe: true
    """

TYPEWRITTEN = ("Ferry Timetable Changes\n\n"
               "The late sailing -- the one most commuters use -- will leave at 22:40 from June.\n\n"
               "Ein Sprecher nannte es ,,eine kleine Änderung'' für die Fahrgäste.\n")
TYPESET = ("Ferry Timetable Changes\n\n"
           "The late sailing — the one most commuters use — will leave at 22:40 from June.\n\n"
           "Ein Sprecher nannte es „eine kleine Änderung“ für die Fahrgäste.\n")


def test_substitution_replacement_with_non_ascii_text_is_reported_and_fixed_as_written(tmp_path):
    # re2's Match.expand decodes a str replacement's escapes byte by byte: ' — ' came out as
    # ' â\x80\x94 ', in the message and in what --fix wrote
    pack = write_pack(tmp_path, "acme", {"s.yaml": DASHES_AND_QUOTES})
    vs = lint_with(pack, TYPEWRITTEN)
    assert [v.message for v in vs] == [
        "' -- ' should read ' — '", "' -- ' should read ' — '",
        "',,eine kleine Änderung''' should read '„eine kleine Änderung“'",
    ]
    assert [v.fix.edits[0].text for v in vs] == [" — ", " — ", "„eine kleine Änderung“"]


def test_substitution_replacement_escapes_and_groups_expand_as_python_re_does(tmp_path):
    swap = {
        r"(?P<amount>\d+) Euro\b": r"\g<1> €",
        r"(\d{4}) -- (\d{4})": r"\1\u2013\2",
        r"(?P<who>\p{Lu}\pL+) sagte: ,,": r"\g<who> sagte: \N{DOUBLE LOW-9 QUOTATION MARK}",
    }
    rule = {k: v for k, v in VALID.items() if k != "phrases"}
    pack = write_pack(tmp_path, "acme", {"s.yaml": _yaml({**rule, "kind": "substitution", "message": "{replacement}",
                                                         "swap": swap})})
    text = ("Haushalt der Stadt beschlossen\n\n"
            "Der Ausbau kostet 40 Euro je Einwohner, verteilt auf die Jahre 2026 -- 2028.\n\n"
            "Müller sagte: ,,Wir sparen an anderer Stelle.''\n")
    vs = lint_with(pack, text)
    assert sorted(v.message for v in vs) == ["2026–2028", "40 €", "Müller sagte: „"]
    # group references and non-ASCII text come out as Python's re gives them
    import re
    assert re.sub(r"(?P<amount>\d+) Euro\b", r"\g<1> €", "40 Euro") == "40 €"
    assert re.sub(r"(\d{4}) -- (\d{4})", "\\1\u2013\\2", "2026 -- 2028") == "2026–2028"


@pytest.mark.parametrize("template", [
    r"\1 percent", r"\g<amount>\2", r"\g<0>!", r"\\1", r"\101\1", r"\n\t\\", r"\x2d\u2013", r"\q\-", r"\'\"", "",
])
def test_ascii_replacements_expand_as_before(template):
    # newslint's own expansion gives what re2's Match.expand gave, where that was right: ASCII text
    import re2

    from newslint.packs.kinds import _expand
    from newslint.packs.loading import parse_replacement

    rx = re2.compile(r"(?P<amount>\d+) (per) cent")
    m = rx.search("Rents rose 4 per cent in May.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "\q" stays "\q", with a DeprecationWarning
        assert _expand(parse_replacement(template, rx), m) == m.expand(template)


def test_fix_writes_non_ascii_replacements_as_utf8_in_text_and_jsonl(tmp_path, capsys):
    import json

    from newslint.cli import main

    pack = write_pack(tmp_path, "acme", {"s.yaml": DASHES_AND_QUOTES})
    story = tmp_path / "ferry.txt"
    story.write_bytes(TYPEWRITTEN.encode("utf-8"))
    head, body = TYPEWRITTEN.split("\n\n", 1)
    record = {"id": "fr-1", "title": head, "maintext": body.rstrip("\n")}
    export = tmp_path / "ferry.jsonl"
    # one record as json.dumps writes it (\u escapes), one with its UTF-8 as it is
    export.write_bytes((json.dumps(record) + "\n" + json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8"))
    args = ["--packs", str(pack), "--select", "ACME", "--fix", str(story), str(export)]
    assert main(args) == 0
    assert "(9 fixed, 0 remaining)" in capsys.readouterr().err
    assert story.read_bytes() == TYPESET.encode("utf-8")
    fixed = dict(record, maintext=TYPESET.split("\n\n", 1)[1].rstrip("\n"))
    assert export.read_bytes() == (json.dumps(fixed) + "\n" + json.dumps(fixed, ensure_ascii=False) + "\n").encode("utf-8")
    # a second run finds nothing more to fix and leaves the bytes alone
    before = story.read_bytes(), export.read_bytes()
    assert main(args) == 0
    assert "nothing to fix" in capsys.readouterr().err
    assert (story.read_bytes(), export.read_bytes()) == before


def test_occurrence_max_in_body_and_min_in_title(tmp_path):
    pack = write_pack(tmp_path, "acme", {
        "o.yaml": """\
            code: ACME301
            name: too-many-read-more
            message: "'read more' {count} times (at most {max})"
            severity: warning
            scope: body
            kind: occurrence
            phrases: [read more]
            max: 1
            """,
        "w.yaml": r"""
            code: ACME302
            name: short-title
            message: "title has {count} words, fewer than {min}"
            severity: info
            scope: title
            kind: occurrence
            patterns: ['\S+']
            min: 4
            """})
    text = "Strike Ends\n\nRead more here.\n\nDockworkers returned on Monday.\n\nRead more about the port.\n"
    vs = lint_with(pack, text)
    assert [(v.code, v.line, v.message) for v in vs] == [
        ("ACME302", 1, "title has 2 words, fewer than 4"),
        ("ACME301", 7, "'read more' 2 times (at most 1)"),
    ]


def test_required_field_and_raw_key(tmp_path):
    pack = write_pack(tmp_path, "acme", {
        "r.yaml": """\
            code: ACME401
            name: needs-summary
            message: "no {field}"
            severity: warning
            scope: summary
            kind: required
            """,
        "k.yaml": """\
            code: ACME402
            name: needs-section
            message: "record has no '{field}'"
            severity: warning
            scope: body
            kind: required
            field: section
            """})
    cfg = Config(select=["ACME"], packs=[str(pack)])
    from newslint.api import lint_records

    vs = lint_records([{"title": "T", "text": "Body text.", "description": ""},
                       {"title": "T", "text": "Body text.", "description": "A dek.", "section": "City"}], config=cfg)
    assert [(v.code, v.record_index, v.message) for v in vs] == [
        ("ACME401", 0, "no description"), ("ACME402", 0, "record has no 'section'")]


def test_pattern_must_and_must_not(tmp_path):
    pack = write_pack(tmp_path, "acme", {
        "u.yaml": """\
            code: ACME501
            name: url-scheme
            message: "url without http(s): {match}"
            severity: error
            scope: url
            kind: pattern
            must-match: '^https?://'
            """,
        "t.yaml": """\
            code: ACME502
            name: title-breaking
            message: "title starts with '{match}'"
            severity: warning
            scope: title
            kind: pattern
            must-not-match: '^(?:breaking|live):\\s*'
            fix:
              action: remove
              safe: true
            """})
    from newslint.api import lint_records

    vs = lint_records([{"title": "BREAKING: Port reopens", "url": "www.example.com/a", "text": "Body."}],
                      config=Config(select=["ACME"], packs=[str(pack)]))
    assert [(v.code, v.message) for v in vs] == [
        ("ACME501", "url without http(s): www.example.com/a"), ("ACME502", "title starts with 'BREAKING:'")]
    edit = vs[1].fix.edits[0]
    assert (edit.field, edit.start, edit.end, edit.text) == ("title", 0, 10, "")


def test_language_lists(tmp_path):
    pack = write_pack(tmp_path, "acme", {"l.yaml": """\
        code: ACME601
        name: read-also
        message: "teaser: {match}"
        severity: warning
        scope: paragraph
        kind: existence
        match: start
        phrases:
          en: [read also]
          de: [lesen sie auch]
        """})
    english = ("The council voted for the plan on Tuesday and the mayor said that it was a good day for the city. "
               "Work will start in May.")
    german = ("Der Stadtrat hat am Dienstag für den Plan gestimmt und der Bürgermeister sagte, dass es ein guter Tag "
              "für die Stadt sei. Die Arbeiten beginnen im Mai.")
    en = f"Headline\n\n{english}\n\nRead also: fares\n\nLesen Sie auch: Preise\n"
    de = f"Schlagzeile\n\n{german}\n\nRead also: fares\n\nLesen Sie auch: Preise\n"
    assert [v.line for v in lint_with(pack, en)] == [5]
    assert [v.line for v in lint_with(pack, de)] == [7]
    # too short to tell the language: every list applies
    assert [v.line for v in lint_with(pack, "Headline\n\nRead also: fares\n\nLesen Sie auch: Preise\n")] == [3, 5]


def test_rule_languages_key_skips_other_languages(tmp_path):
    pack = write_pack(tmp_path, "acme", {"l.yaml": """\
        code: ACME602
        name: english-only
        message: "found {match}"
        severity: warning
        scope: paragraph
        kind: existence
        languages: [en]
        phrases: [Tuesday, Dienstag]
        """})
    german = ("Der Stadtrat hat am Dienstag für den Plan gestimmt und der Bürgermeister sagte, dass es ein guter Tag "
              "für die Stadt sei. Die Arbeiten beginnen im Mai.")
    assert lint_with(pack, f"Schlagzeile\n\n{german}\n") == []


def test_pack_rule_documentation_and_listing(tmp_path):
    pack = write_pack(tmp_path / "packs", "acme", {"subscribe.yaml": EXISTENCE})
    proc = run_cli("--packs", str(tmp_path / "packs"), "--list-rules")
    assert proc.returncode == 0, proc.stderr
    line = next(l for l in proc.stdout.splitlines() if l.startswith("ACME101"))
    assert "subscribe-link" in line and "warning" in line and "pack:acme" in line and "yes" in line
    proc = run_cli("rule", "--packs", str(pack), "ACME101")
    assert proc.returncode == 0, proc.stderr
    assert "origin: pack:acme" in proc.stdout
    # an existence rule's documentation says that a phrase quoted inside prose is not reported
    from newslint.packs.loading import QUOTED_NOTE

    assert (f"A subscribe link left in the body.\n\n{QUOTED_NOTE}\n\nFails::\n\n    Click here to subscribe.\n\nPasses::"
            in proc.stdout)
    assert "Fix: removes the link text." in proc.stdout


def test_pack_documentation_cannot_send_escape_sequences_to_the_terminal(tmp_path):
    # a third-party pack's description and why: clear the screen, set the window title
    pack = write_pack(tmp_path / "packs", "acme", {"subscribe.yaml": EXISTENCE.replace(
        "description: A subscribe link left in the body.",
        'description: "A subscribe link left in the body.\\e[2J\\e]0;Council site\\a\\n\\nThe link text."\n'
        'why: "Readers of a dataset do not click.\\e[31m"')})
    listing = run_cli("--packs", str(tmp_path / "packs"), "--list-rules")
    assert listing.returncode == 0, listing.stderr
    line = next(l for l in listing.stdout.splitlines() if l.startswith("ACME101"))
    assert line.endswith("A subscribe link left in the body.\\x1b[2J\\x1b]0;Council site\\x07")
    doc = run_cli("rule", "--packs", str(pack), "ACME101")
    assert doc.returncode == 0, doc.stderr
    assert "\x1b" not in listing.stdout + doc.stdout and "\x07" not in doc.stdout
    # the documentation keeps its paragraphs
    assert "\\x1b]0;Council site\\x07\n\nThe link text.\n\nReaders of a dataset do not click.\\x1b[31m\n" in doc.stdout


def test_packs_option_end_to_end(tmp_path):
    pack = write_pack(tmp_path, "acme", {"subscribe.yaml": EXISTENCE})
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("--packs", str(pack), "--select", "ACME101", "--show-fixes", str(art))
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.splitlines() == [
        f"{art}:7:1: ACME101 subscribe link: 'Click here to subscribe' at line 7",
        "    fix: removes the link text. [safe fix]",
    ]
    # a folder of packs works as well, and the same folder twice is loaded once
    proc = run_cli("--packs", str(tmp_path), "--packs", str(tmp_path), "--select", "ACME", str(art))
    assert proc.returncode == 1 and proc.stderr == ""


# ---------------------------------------------------------------------- errors
VALID = {
    "code": "ACME901", "name": "a-rule", "message": "found {match}", "severity": "warning",
    "scope": "paragraph", "kind": "existence", "phrases": ["x"],
}


def _yaml(data: dict) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True)


BROKEN = [
    ("missing key", {k: v for k, v in VALID.items() if k != "message"}, "message", "missing"),
    ("unknown kind", {**VALID, "kind": "exists"}, "kind", "unknown kind 'exists'"),
    ("bad severity", {**VALID, "severity": "fatal"}, "severity", "'fatal' is not one of"),
    ("bad scope", {**VALID, "scope": "sidebar"}, "scope", "'sidebar' is not one of"),
    ("bad code", {**VALID, "code": "X1"}, "code", "not a rule code"),
    ("bad name", {**VALID, "name": "A Rule"}, "name", "kebab-case"),
    # "$" matches before a final line break: the code and name went into findings with it
    ("code with a line break", {**VALID, "code": "ACME901\n"}, "code", "not a rule code"),
    ("name with a line break", {**VALID, "name": "a-rule\n"}, "name", "kebab-case"),
    ("backreference", {**VALID, "phrases": None, "patterns": [r"(\w+) \1"]}, "patterns[0]", "RE2 cannot compile"),
    ("look-behind", {**VALID, "phrases": None, "patterns": ["ok", r"(?<=a)b"]}, "patterns[1]", "no backreferences or look-around"),
    ("unbalanced", {**VALID, "phrases": None, "patterns": ["a)|(b"]}, "patterns[0]", "RE2 cannot compile"),
    ("unknown key", {**VALID, "pattern": "x"}, "pattern", "unknown key"),
    ("bad placeholder", {**VALID, "message": "found {matched}"}, "message", "unknown placeholder {matched}"),
    ("huge width", {**VALID, "message": "found {match:>50000000}"}, "message", "a format wider than 999 characters"),
    ("nested format", {**VALID, "message": "found {match:{match}}"}, "message", "one nested in another"),
    # the 999 bound on one placeholder's width does not bound the message: 2,000 of them made a 2 MB line per finding
    ("wide placeholders repeated", {**VALID, "message": "{match:>999}" * 2000}, "message", "at most 2000 are allowed"),
    ("three wide placeholders", {**VALID, "message": "found {match:>999} {where:>999} {match:>999}"}, "message",
     "2997 characters longer than its own text"),
    # a format the value cannot take fails at load, not on every matching article
    ("thousands separator on text", {**VALID, "message": "{match:,}"}, "message", "placeholder {match:,} cannot format {match}, which is text"),
    ("number format on text", {**VALID, "message": "found {match:d}"}, "message", "Unknown format code 'd'"),
    ("percent format on where", {**VALID, "message": "{match} at {where:%}"}, "message", "placeholder {where:%}"),
    ("unknown conversion", {**VALID, "message": "found {match!x}"}, "message", "Unknown conversion specifier x"),
    ("number format on an unset max", {**VALID, "kind": "occurrence", "message": "{count} of at least {min}, at most {max:d}", "min": 2},
     "message", "placeholder {max:d} cannot format {max}, which is 'none' (the rule sets no max)"),
    ("fix action", {**VALID, "fix": {"action": "erase"}}, "fix.action", "'erase' is not one of"),
    ("no phrases", {k: v for k, v in VALID.items() if k != "phrases"}, "phrases", "needs 'phrases' or 'patterns'"),
    ("occurrence bounds", {**VALID, "kind": "occurrence", "message": "n={count}", "min": 3, "max": 1}, "min", "greater than max"),
    ("substitution", {**VALID, "kind": "substitution", "phrases": None, "swap": {"a(": "b"}}, "swap.a(", "RE2 cannot compile"),
    # a language the detector never gives turned the rule off without a word
    ("language name", {**VALID, "languages": ["english"]}, "languages", "ISO 639-1 codes, not 'english' (did you mean 'en'?)"),
    ("capital language code", {**VALID, "languages": ["en", "DE"]}, "languages", "not 'DE' (did you mean 'de'?)"),
    ("any as a language", {**VALID, "languages": "any"}, "languages", "leave out 'languages'"),
    # a replacement's group reference the pattern cannot fill failed on every match ("bad group index")
    ("missing group", {**VALID, "kind": "substitution", "phrases": None, "swap": {"(sub)scribe": "\\2scribe"}},
     "swap.(sub)scribe", "refers to group \\2, but the pattern has 1 group"),
    ("unnamed group", {**VALID, "kind": "substitution", "phrases": None, "swap": {"(sub)scribe": "\\g<zz>"}},
     "swap.(sub)scribe", "refers to group \\g<zz>, which the pattern does not name"),
    ("group in a pattern without groups", {**VALID, "kind": "substitution", "phrases": None, "swap": {"per cent": "\\1 percent"}},
     "swap.per cent", "the pattern has no groups"),
    ("broken escape", {**VALID, "kind": "substitution", "phrases": None, "swap": {"(\\d+) per cent": "\\1\\xZZ"}},
     "swap.(\\d+) per cent", "has a broken escape"),
]


@pytest.mark.parametrize("case,data,key,text", BROKEN, ids=[b[0] for b in BROKEN])
def test_malformed_pack_is_a_one_line_exit_2_naming_file_and_key(tmp_path, case, data, key, text):
    data = {k: v for k, v in data.items() if v is not None}
    pack = write_pack(tmp_path, "acme", {"bad-rule.yaml": _yaml(data)})
    with pytest.raises(ConfigError) as err:
        load_packs([pack])
    message = str(err.value)
    assert "bad-rule.yaml" in message and f"key '{key}'" in message and text in message, message


def test_malformed_pack_through_the_cli(tmp_path):
    pack = write_pack(tmp_path, "acme", {"bad-rule.yaml": _yaml({**VALID, "severity": "fatal"})})
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    for args in (["--packs", str(pack), str(art)], ["--packs", str(pack), "--list-rules"], ["rule", "--packs", str(pack), "NL101"]):
        proc = run_cli(*args)
        assert proc.returncode == 2, args
        assert proc.stdout == ""
        lines = proc.stderr.splitlines()
        assert len(lines) == 1, proc.stderr
        assert lines[0].startswith("newslint: error: ") and "bad-rule.yaml: key 'severity'" in lines[0]


def test_a_message_format_that_cannot_format_a_finding_stops_the_run_at_load(tmp_path):
    """{match:,} loads, then raised on every matching article (NL004, exit 2, once per article)."""
    pack = write_pack(tmp_path, "m", {"r.yaml": """\
        code: ACME101
        name: m-one
        message: "{match:,}"
        severity: warning
        scope: paragraph
        kind: existence
        phrases: [subscribe]
        """})
    art = tmp_path / "a.txt"
    art.write_text("Council Approves Lanes\n\nThe council voted. Click here to subscribe.\n", encoding="utf-8")
    proc = run_cli("--isolated", "--no-cache", "--packs", str(pack), str(art))
    assert proc.returncode == 2 and proc.stdout == "", proc.stdout
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("newslint: error: ") and "r.yaml: key 'message'" in lines[0], proc.stderr


def test_message_formats_the_values_can_take_still_load_and_apply(tmp_path):
    pack = write_pack(tmp_path, "acme", {"o.yaml": """\
        code: ACME303
        name: read-more-count
        message: "{match!r} {count:d} times at {where:<8}(at most {max:02d}, at least {min})"
        severity: warning
        scope: body
        kind: occurrence
        phrases: [read more]
        max: 1
        """})
    text = "Strike Ends\n\nRead more here.\n\nDockworkers returned on Monday.\n\nRead more about the port.\n"
    assert [v.message for v in lint_with(pack, text)] == ["'Read more' 2 times at line 7  (at most 01, at least none)"]


def test_a_long_message_text_is_not_limited_only_what_its_placeholders_add(tmp_path):
    notice = "Newsletter prompt left in the text by the scraper; remove it before training. " * 40
    pack = write_pack(tmp_path, "acme", {"p.yaml": _yaml({**VALID, "phrases": ["click here to subscribe"],
                                                         "message": notice + "'{match}' at {where:>20}"})})
    [v] = lint_with(pack)
    assert v.message == notice + "'Click here to subscribe' at " + "line 7".rjust(20)


def test_invalid_yaml_and_missing_folder(tmp_path):
    pack = write_pack(tmp_path, "acme", {"broken.yaml": "code: ACME1\nname: [unclosed\n"})
    with pytest.raises(ConfigError, match=r"broken\.yaml: invalid YAML at line \d+"):
        load_packs([pack])
    with pytest.raises(ConfigError, match="rule pack folder not found"):
        load_packs([tmp_path / "nope"])
    # a file where a folder is expected exists: "not found" sent the user looking for it
    with pytest.raises(ConfigError, match=r"broken\.yaml: not a folder \(a rule pack is a folder of \*\.yaml files\)"):
        load_packs([pack / "broken.yaml"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(ConfigError, match=r"no rule files \(\*\.yaml\)"):
        load_packs([tmp_path / "empty"])


def test_a_pack_folder_with_a_nul_byte_in_the_configuration_is_not_found(tmp_path):
    # a YAML string may hold "\0", which no path can: that ended the run with an internal error
    (tmp_path / ".newslint.yaml").write_text('packs: ["rules\\0acme"]\n', encoding="utf-8")
    (tmp_path / "story.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("story.txt", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.startswith("newslint: error: ") and "rules\\x00acme: rule pack folder not found" in proc.stderr
    assert len(proc.stderr.splitlines()) == 1, proc.stderr


def test_a_key_given_twice_in_a_rule_file_is_refused(tmp_path):
    # the second 'phrases' list replaced the first without a word
    text = _yaml(VALID) + "phrases: [subscribe here]\n"
    pack = write_pack(tmp_path, "acme", {"twice.yaml": text})
    with pytest.raises(ConfigError, match=r"twice\.yaml: invalid YAML at line \d+, column 1: duplicate key 'phrases'"):
        load_packs([pack])


def test_front_matter_with_a_key_given_twice_is_still_read():
    # data, not settings: the last value wins, as before
    text = "---\ntitle: First\ntitle: River Levels Rise Overnight\nauthor: Ann Lee\n---\n\n" + "The river rose overnight. " * 30 + "\n"
    assert [v.code for v in lint_text(text, path="story.md", config=Config(select=["NL0", "NL202"]))] == []


def test_naming_the_shipped_packs_folder_is_not_a_clash_with_itself(tmp_path):
    # one shipped pack named was skipped as loaded; their folder stopped the run: "NL301 is already used by NL301"
    from newslint.packs import shipped_pack_root
    from newslint.plugins import build_registry

    root = Path(str(shipped_pack_root()))
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    plain = run_cli("--isolated", "--no-cache", str(art))
    for named in (root, root / "boilerplate", str(root) + "/"):
        proc = run_cli("--isolated", "--no-cache", "--packs", str(named), str(art))
        assert (proc.returncode, proc.stdout, proc.stderr) == (plain.returncode, plain.stdout, plain.stderr), named
    registry = build_registry()
    before = dict(registry.rules)
    registry.add_packs([root])
    assert registry.rules == before


def test_duplicate_codes(tmp_path):
    pack = write_pack(tmp_path, "acme", {"a.yaml": _yaml(VALID), "b.yaml": _yaml({**VALID, "name": "b-rule"})})
    with pytest.raises(ConfigError, match=r"b\.yaml: key 'code': ACME901 is already used by .*a\.yaml"):
        load_packs([pack])
    # a pack rule may not take a built-in code or name either
    clash = write_pack(tmp_path / "x", "acme", {"c.yaml": _yaml({**VALID, "code": "NL101"})})
    with pytest.raises(ConfigError, match=r"c\.yaml: key 'code': NL101 is already used by NL101 \(duplicate-paragraph\) from built-in"):
        lint_text(ARTICLE, path="a.txt", config=Config(packs=[str(clash)]))
    clash = write_pack(tmp_path / "y", "acme", {"d.yaml": _yaml({**VALID, "name": "duplicate-paragraph"})})
    with pytest.raises(ConfigError, match=r"d\.yaml: key 'name'"):
        lint_text(ARTICLE, path="a.txt", config=Config(packs=[str(clash)]))


def test_nl_codes_are_newslint_s_own(tmp_path):
    """NL999 clashes with no rule today, but NL codes are newslint's: a pack taking one would clash
    with the next release's rule of that code."""
    for code in ("NL999", "NL1010"):
        pack = write_pack(tmp_path / code, "acme", {"s.yaml": _yaml({**VALID, "code": code})})
        with pytest.raises(ConfigError, match=rf"s\.yaml: key 'code': {code} is an NL code, and NL codes are newslint's own"):
            lint_text(ARTICLE, path="a.txt", config=Config(packs=[str(pack)]))
    art = tmp_path / "story.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    proc = run_cli("--packs", str(tmp_path / "NL999" / "acme"), str(art))
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.splitlines()) == 1 and "s.yaml: key 'code': NL999" in proc.stderr, proc.stderr
    # a prefix that only starts with NL is a prefix of one's own
    other = write_pack(tmp_path / "own", "acme", {"s.yaml": _yaml({**VALID, "code": "NLX901", "phrases": ["subscribe"]})})
    assert codes(lint_with(other, select="NLX901")) == ["NLX901"]


def test_a_plugin_pack_rule_with_an_nl_code_is_ignored_with_a_warning(tmp_path):
    from newslint.plugins import Registry, _register_pack

    pack = write_pack(tmp_path, "acme", {"a.yaml": _yaml({**VALID, "code": "NL998"}),
                                         "b.yaml": _yaml({**VALID, "code": "ACME902", "name": "b-rule"})})
    reg = Registry()
    _register_pack(reg, "acme-plugin", pack)
    assert list(reg.rules) == ["ACME902"]
    assert len(reg.warnings) == 1 and "plugin 'acme-plugin': rule NL998 (a-rule)" in reg.warnings[0]
    assert "NL codes are newslint's own" in reg.warnings[0]


# ---------------------------------------------------------------------- RE2 safety
def test_catastrophic_pattern_cannot_hang_a_run(tmp_path):
    """(a+)+$ backtracks exponentially in a backtracking engine (Python's re would not finish on
    this input in any lifetime); under RE2 the run ends at once. The subprocess timeout is a guard
    against a hang, not a timing assertion."""
    pack = write_pack(tmp_path, "acme", {"evil.yaml": _yaml({**VALID, "phrases": None, "patterns": [r"(a+)+$", r"^(\w+\s?)*$"]})})
    art = tmp_path / "story.txt"
    art.write_text("Headline\n\n" + "a" * 100_000 + "b\n\n" + "word " * 20_000 + "!\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "newslint", "--packs", str(pack), "--select", "ACME", str(art)],
                          capture_output=True, text=True, timeout=120)
    # the run finished: the all-letters paragraph matches the second pattern, the other matches neither
    assert proc.returncode == 1, proc.stderr
    assert [line.split(": ")[0].rsplit(":", 2)[1] for line in proc.stdout.splitlines()] == ["3"]
    assert compile_pattern(r"(a+)+$").search("a" * 100_000 + "b") is None


def test_pattern_errors_do_not_print_to_stderr(capfd):
    with pytest.raises(ConfigError):
        compile_pattern(r"(\w)\1")
    assert capfd.readouterr().err == ""


def test_packs_from_the_configuration_file_are_relative_to_it(tmp_path):
    project = tmp_path / "project"
    write_pack(project / "lint", "acme", {"subscribe.yaml": EXISTENCE})
    (project / "pyproject.toml").write_text('[tool.newslint]\npacks = ["lint/acme"]\nselect = ["ACME101"]\n', encoding="utf-8")
    (project / "data").mkdir()
    (project / "data" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    proc = run_cli(str(project / "data" / "story.txt"), cwd=tmp_path)  # run from outside the project
    assert proc.returncode == 1, proc.stderr
    assert [l.split(": ", 1)[1].split()[0] for l in proc.stdout.splitlines()] == ["ACME101"]
    listing = run_cli("--list-rules", cwd=project)
    assert any(l.startswith("ACME101") and "pack:acme" in l for l in listing.stdout.splitlines()), listing.stderr


def test_newslint_rule_documents_a_rule_of_the_configuration_s_packs(tmp_path):
    # --list-rules listed it; `newslint rule ACME101` said "unknown rule (did you mean 'NL101'?)"
    project = tmp_path / "project"
    write_pack(project / "lint", "acme", {"subscribe.yaml": EXISTENCE})
    (project / "pyproject.toml").write_text('[tool.newslint]\npacks = ["lint/acme"]\n', encoding="utf-8")
    (project / "data").mkdir()
    for name in ("ACME101", "subscribe-link"):
        proc = run_cli("rule", name, cwd=project / "data")
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.splitlines()[:2] == ["ACME101 subscribe-link",
                                                "severity: warning    fixable: yes    origin: pack:acme"]
    # outside the project, no configuration names the pack: still unknown
    proc = run_cli("rule", "ACME101", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stderr.startswith("newslint: error: unknown rule 'ACME101'")


def test_a_rejected_pack_leaves_nothing_in_the_shared_set_search(tmp_path):
    pack = write_pack(tmp_path, "acme", {"bad-rule.yaml": _yaml({**VALID, "phrases": None, "patterns": [r"(\w+) \1"]})})
    with pytest.raises(ConfigError) as err:
        load_packs([pack])
    assert err.value.__traceback__ is not None  # keeps the failed load's frames (and objects) alive
    # the shipped pack rules still run: the rejected pattern never joined the shared RE2 set
    vs = lint_text("Harbour Reopens\nBy Ana Reis\n\nAdvertisement\n" + "The harbour reopened on Monday after repairs. " * 8 + "\n",
                   path="story.txt", config=Config(select=["NL301"]))
    assert codes(vs) == ["NL301"]


def test_a_regex_built_from_parts_that_compile_alone_is_checked_at_load(tmp_path):
    """RE2 accepts each part but not the regex the rule builds from them: a pattern near RE2's size
    limit wrapped for 'match: whole', or tens of thousands of phrases joined into one alternation.
    That is a load error naming the key, not an NL004 on every article for every pack rule."""
    import hashlib

    big = {**VALID, "phrases": None, "patterns": [r"\pL{446}"]}
    compile_pattern(r"\pL{446}", ignore_case=True)  # on its own, the pattern compiles
    phrases = "".join(f"  - '{hashlib.sha1(str(i).encode()).hexdigest()[:24]}'\n" for i in range(40000))
    whole = _yaml({k: v for k, v in {**big, "match": "whole"}.items() if v is not None})
    many = _yaml({k: v for k, v in VALID.items() if k != "phrases"}) + "phrases:\n" + phrases
    for name, text, key in (("whole", whole, "patterns"), ("many", many, "phrases")):
        pack = write_pack(tmp_path, name, {"big-rule.yaml": text})
        with pytest.raises(ConfigError) as err:
            load_packs([pack])
        message = str(err.value)
        assert f"big-rule.yaml: key '{key}': RE2 cannot compile the regex built from the rule's {key}" in message
        assert len(message) < 300, message
    # the same pattern anywhere in a paragraph loads and runs
    pack = write_pack(tmp_path, "anywhere", {"big-rule.yaml": _yaml({k: v for k, v in big.items() if v is not None})})
    assert codes(lint_with(pack)) == []


def test_every_shipped_pattern_compiles_on_its_own():
    # the shipped packs skip this check at load time (start-up); it is made here instead, so a
    # pattern RE2 refuses, or one that only compiles joined with others ("a)|(b"), cannot ship
    from newslint import safeyaml
    from newslint.packs import shipped_pack_root

    root = Path(str(shipped_pack_root()))
    files = sorted(root.rglob("*.yaml"))
    assert len(files) >= 13
    checked = 0
    for path in files:
        data = safeyaml.load(path.read_text(encoding="utf-8"))
        patterns = data.get("patterns") or {}
        table = patterns if isinstance(patterns, dict) else {"any": patterns}
        for items in table.values():
            for pattern in items:
                compile_pattern(pattern, ignore_case=data.get("ignore-case", True), where=str(path))
                checked += 1
    assert checked >= 13


def test_shipped_packs_load_without_the_per_pattern_check_and_user_packs_keep_it(tmp_path):
    from newslint.packs import loading, shipped_pack_root

    shipped = Path(str(shipped_pack_root()))
    assert loading._is_shipped(shipped) and all(loading._is_shipped(p) for p in shipped.iterdir() if p.is_dir())
    user = tmp_path / "mine"
    user.mkdir()
    (user / "bad.yaml").write_text(
        "code: NLX901\nname: bad-group\nmessage: m\nseverity: warning\nscope: paragraph\n"
        "kind: existence\npatterns:\n  - 'a)|(b'\n", encoding="utf-8")
    assert not loading._is_shipped(user)
    with pytest.raises(ConfigError, match=r"patterns\[0\]"):
        load_packs([user])


def test_a_pattern_set_too_large_for_one_re2_set_is_split_with_the_same_answers(tmp_path, monkeypatch):
    """RE2 compiles a set within a memory budget; four copies of the shipped packs exceed a budget
    of 8 MiB (RE2's default). The set is then split, and it still says exactly which patterns match."""
    import shutil

    from newslint.packs import matching, shipped_pack_root

    monkeypatch.setattr(matching, "SET_MAX_MEM", 8 << 20)
    keep = []
    for i in range(4):
        copy = tmp_path / f"copy{i}"
        shutil.copytree(str(shipped_pack_root()), copy)
        keep.append(load_packs([copy]))
    matchers = [rule.spec.matcher for rules in keep for rule in rules if rule.spec.matcher is not None]
    patterns = [("(?i)" if m.ignore_case else "") + rx.pattern for m in matchers for rx, _p, _g in m.regexes("en")]
    single = matching.re2.Set.SearchSet(matching._re2_options(False, 8 << 20))
    for pattern in patterns:
        single.Add(pattern)
    with pytest.raises(matching.re2.error):
        single.Compile()  # what happened before: every article then failed with NL004
    group = matching._search_set(patterns)
    assert isinstance(group, matching._SetGroup)
    plain = [compile_pattern(p) for p in patterns]
    for text in ("Read more: Bus fares to rise in January", "Advertisement", "Sign up for our newsletter",
                 "The council voted 9 to 4 for the plan on Tuesday.", "© 2024 Example Media. All rights reserved."):
        expected = [n for n, rx in enumerate(plain) if rx.search(text) is not None]
        assert sorted(group.Match(text) or []) == expected, text


def test_the_prebuilt_shipped_packs_are_up_to_date_and_equal_their_yaml():
    """rules/prebuilt.json (newslint.packs.prebuilt) holds what the YAML parser makes of every shipped
    rule file, in the file's key order; after editing a shipped pack, run
    ``python -m newslint.packs.prebuilt``."""
    import json

    from newslint import safeyaml
    from newslint.packs import prebuilt, shipped_pack_root

    root = Path(str(shipped_pack_root()))
    table = json.loads((root / prebuilt.FILE_NAME).read_text(encoding="utf-8"))
    assert table == prebuilt.build(root), "rules/prebuilt.json is stale: python -m newslint.packs.prebuilt"
    files = sorted(root.glob("*/*.yaml"))
    assert len(table["files"]) == len(files) >= 13
    for path in files:
        text = path.read_text(encoding="utf-8")
        data = safeyaml.load(text)
        found = prebuilt.lookup(root, path.parent.name, path.name, text)
        assert found == data
        assert json.dumps(found) == json.dumps(data)  # same key order too (swap, language lists)


def test_a_shipped_rule_file_edited_since_the_prebuilt_form_is_parsed_from_its_yaml(tmp_path):
    from newslint.packs import loading, prebuilt, shipped_pack_root

    root = Path(str(shipped_pack_root()))
    copy = tmp_path / "rules"
    shutil.copytree(str(root), copy)
    target = copy / "boilerplate" / "advertisement-marker.yaml"
    text = target.read_text(encoding="utf-8").replace("name: advertisement-marker", "name: advert-marker-edited")
    target.write_text(text, encoding="utf-8")
    assert prebuilt.lookup(copy, "boilerplate", target.name, text) is None  # hash differs
    rules = loading.load_pack("boilerplate", copy / "boilerplate", validate=False, prebuilt_root=copy)
    assert "advert-marker-edited" in {r.name for r in rules}
    # an unedited file comes from the prebuilt form, with the same rule as from its YAML
    same = copy / "boilerplate" / "comment-section.yaml"
    assert prebuilt.lookup(copy, "boilerplate", same.name, same.read_text(encoding="utf-8")) is not None


def test_a_broken_or_missing_prebuilt_file_falls_back_to_the_yaml(tmp_path):
    from newslint.packs import loading, prebuilt, shipped_pack_root

    root = Path(str(shipped_pack_root()))
    for content in (None, "not json", '{"format": 99, "files": {}}'):
        copy = tmp_path / f"rules{len(prebuilt._LOADED)}"
        shutil.copytree(str(root), copy)
        if content is None:
            (copy / prebuilt.FILE_NAME).unlink()
        else:
            (copy / prebuilt.FILE_NAME).write_text(content, encoding="utf-8")
        rules = loading.load_pack("boilerplate", copy / "boilerplate", validate=False, prebuilt_root=copy)
        assert "advertisement-marker" in {r.name for r in rules}
