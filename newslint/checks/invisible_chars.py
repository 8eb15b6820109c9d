"""NL404 control-character, NL405 zero-width-character, NL406 bidi-control."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import text_where
from newslint.checks._text import minimal_change, problem_at, rare_characters, replace_fix, text_units
from newslint.checks.encoding import repair
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule

#: C0 controls but tab, line feed and carriage return; DEL; C1 controls
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: zero-width space, word joiner, BOM inside text, Mongolian vowel separator, soft hyphen
ZERO_WIDTH_RE = LazyPattern("[\u200b\u2060\ufeff\u180e\u00ad]")
#: zero-width non-joiner and joiner between two Latin letters, where they mean nothing (in
#: Persian, Indic scripts and emoji sequences they shape the text and are left alone)
JOINER_RE = LazyPattern("(?<=[A-Za-z])[\u200c\u200d](?=[A-Za-z])")
#: any of the characters NL405 looks at: one search before the detailed ones
_ANY_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u180e\u00ad\u200c\u200d]")
#: embeddings, overrides, isolates, marks
BIDI_RE = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
#: overrides reorder the characters as displayed: the "Trojan Source" trick
OVERRIDE_RE = LazyPattern("[\u202d\u202e]")
#: right-to-left letters (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms)
RTL_RE = LazyPattern("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _names(chars: list[str]) -> str:
    out = []
    for ch in dict.fromkeys(chars):
        name = unicodedata.name(ch, "") or {"\x85": "NEXT LINE"}.get(ch, "control")
        out.append(f"U+{ord(ch):04X} {name}".rstrip())
    return ", ".join(out[:3]) + (f" and {len(out) - 3} more" if len(out) > 3 else "")


class ControlCharacter(Rule):
    """Control characters (U+0000-U+001F but tab and line breaks, U+007F-U+009F) in the text.

    Control characters come from binary junk, broken encodings and copy-paste from terminals;
    they are invisible in most viewers, break JSON and XML consumers and tokenizers, and never
    belong in news text. C1 controls that are Windows-1252 punctuation read as Latin-1
    ("it\\x92s") are mojibake and reported by NL401, whose fix restores the right character; other
    control characters of the same text are still reported here.

    Fails::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan\\x07 on Tuesday.

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday.

    Fix: removes the control characters. Safe: they carry no text.
    """

    code = "NL404"
    name = "control-character"
    severity = "error"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        if not CONTROL_RE.search(rare_characters(article)):
            return
        for fld, index, text in text_units(article):
            matches = list(CONTROL_RE.finditer(text))
            if not matches:
                continue
            repaired = repair(text)
            if repaired is not None:
                # mojibake that NL401 repairs: its C1 controls are NL401's; a control character
                # the repair keeps (outside the stretch it rewrites, or written again by it) is ours
                start, end, new = minimal_change(text, repaired)
                matches = [m for m in matches if not start <= m.start() < end or m.group() in new]
                if not matches:
                    continue
            found = [m.group() for m in matches]
            spans = [(m.start(), m.end(), "") for m in matches]
            yield problem_at(
                article, fld, index,
                f"{len(found)} control character{'s' if len(found) > 1 else ''} in {text_where(article, fld, index)} ({_names(found)})",
                fix=replace_fix("remove the control characters", fld, index, spans, safe=True),
            )


class ZeroWidthCharacter(Rule):
    """Invisible zero-width characters and soft hyphens inside the text.

    Zero-width spaces, word joiners, stray byte-order marks and soft hyphens (U+00AD, a hint for
    line breaking that HTML pages carry in long words: "Regierungs\\u00adchef") are invisible,
    but they split words for search, deduplication and tokenizers: "Sema\\u00adglutid" no longer
    matches "Semaglutid". Zero-width joiners and non-joiners are reported only between two Latin
    letters; in Persian, Indic scripts and emoji sequences they shape the text.

    Fails::

        Council Approves New Cycle Lanes
        (blank line)
        The council\\u200b voted for the plan on Tuesday.

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted for the plan on Tuesday.

    Fix: removes the characters. Safe: none of them is visible or changes the words.
    """

    code = "NL405"
    name = "zero-width-character"
    severity = "warning"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        if not _ANY_INVISIBLE.search(rare_characters(article)):
            return
        for fld, index, text in text_units(article):
            if not _ANY_INVISIBLE.search(text):
                continue
            spans = [(m.start(), m.end(), "") for rx in (ZERO_WIDTH_RE, JOINER_RE) for m in rx.finditer(text)]
            if not spans:
                continue
            spans.sort()
            chars = [text[s] for s, _, _ in spans]
            yield problem_at(
                article, fld, index,
                f"{len(spans)} invisible character{'s' if len(spans) > 1 else ''} in {text_where(article, fld, index)} ({_names(chars)})",
                fix=replace_fix("remove the invisible characters", fld, index, spans, safe=True),
            )


class BidiControl(Rule):
    """Bidirectional control characters (embeddings, overrides, isolates, direction marks).

    Bidi controls change how text is displayed, not what it says: an override can make a
    sentence read differently on screen than in the data ("Trojan Source"). In left-to-right
    text they are leftovers of page markup and every one is reported. In text with Hebrew or
    Arabic letters, marks and isolates are legitimate (they place numbers and Latin words
    correctly), so only the overrides U+202D and U+202E are reported there.

    Fails::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted\\u202e 9 to 4 for the plan on Tuesday.

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday.

    Fix: removes the controls. Safe in left-to-right text, where they have no effect on the
    characters; unsafe in right-to-left text, where removing an override changes the display.
    """

    code = "NL406"
    name = "bidi-control"
    severity = "warning"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        if not BIDI_RE.search(rare_characters(article)):
            return
        for fld, index, text in text_units(article):
            if not BIDI_RE.search(text):
                continue
            rtl = RTL_RE.search(text) is not None
            rx = OVERRIDE_RE if rtl else BIDI_RE
            spans = [(m.start(), m.end(), "") for m in rx.finditer(text)]
            if not spans:
                continue
            chars = [text[s] for s, _, _ in spans]
            yield problem_at(
                article, fld, index,
                f"{len(spans)} bidirectional control character{'s' if len(spans) > 1 else ''} in {text_where(article, fld, index)} ({_names(chars)})",
                fix=replace_fix("remove the bidirectional controls", fld, index, spans, safe=not rtl),
            )


RULES = [ControlCharacter, ZeroWidthCharacter, BidiControl]
