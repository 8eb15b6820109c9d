"""NL401 mojibake, NL402 replacement-character, NL403 question-mark-punctuation."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article, non_ascii_part
from newslint.checks._text import minimal_change, problem_at, rare_characters, replace_fix, text_units
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule

#: a cheap gate before ftfy's badness measure: UTF-8 read as Windows-1252 or Latin-1 (a lead
#: character from À-ô followed by a continuation character), C1 control characters (Windows-1252
#: punctuation read as Latin-1), or UTF-8 read as Mac Roman ("‚Äô", "√©")
_SUSPECT = LazyPattern(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178]"
    "|[\u0080-\u009f]|[\u201a\u221a][\u00c4\u00e2\u00a9\u00ae\u00b4\u00a7\u00b6\u00e0-\u00ff\u2020\u2022]"
)

#: necessary conditions for a _SUSPECT match, each one character class (the fast path of the
#: regex engine): a character that can start a match, and one that can be its second character
#: (the C1 controls and U+201A belong to both)
_SUSPECT_FIRST = LazyPattern("[\u0080-\u009f\u00c2-\u00f4\u201a\u221a]")
_SUSPECT_SECOND = LazyPattern(
    "[\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039"
    "\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178\u221a]"
)


def _first_candidate(text: str) -> int | None:
    """Where a _SUSPECT match could start: the first character of the first class, when ``text``
    also holds one of the second; None when it cannot hold a match at all."""
    if text.isascii():
        return None
    first = _SUSPECT_FIRST.search(text)
    return first.start() if first and _SUSPECT_SECOND.search(text) else None


def may_hold_suspect(text: str) -> bool:
    """``_first_candidate(text) is not None``, looking at the non-ASCII characters only (both
    classes are outside ASCII): the UTF-8 encoding with the ASCII bytes deleted, much shorter than
    the text in most languages."""
    if text.isascii():
        return False
    try:
        rest = non_ascii_part(text.encode("utf-8"))
    except UnicodeEncodeError:  # a lone surrogate
        return _first_candidate(text) is not None
    return _SUSPECT_FIRST.search(rest) is not None and _SUSPECT_SECOND.search(rest) is not None


def suspect(text: str) -> bool:
    """True when ``text`` holds a sequence that _SUSPECT matches (the same answer, faster)."""
    start = _first_candidate(text)
    return start is not None and _SUSPECT.search(text, start) is not None


def repair(text: str) -> str | None:
    """The text with its mojibake repaired by ftfy, or None when it has none that ftfy can undo."""
    if not suspect(text):
        return None
    import ftfy  # imported on first suspect text: ftfy compiles large patterns at import
    from ftfy.badness import badness, is_bad

    if not is_bad(text):
        return None
    fixed = ftfy.fix_encoding(text)
    if fixed == text or badness(fixed) >= badness(text):
        return None
    return fixed


class Mojibake(Rule):
    """Mojibake: UTF-8 text decoded with the wrong encoding ("cafÃ©", "itâ€™s", "it\\x92s").

    A page served as UTF-8 but read as Windows-1252 or Latin-1 (or the reverse) turns every
    accented letter and curly quote into two or three wrong characters. The rule asks ftfy's
    badness measure whether a title, summary, byline or paragraph shows such sequences, and
    reports it when ``ftfy.fix_encoding`` can undo them. Correct text is left alone: accented
    letters, curly quotes and dashes written properly are not mojibake.

    Fails::

        CafÃ© Owners Protest New Rules
        (blank line)
        Itâ€™s a cafÃ© â€“ not a bar, said the owner.

    Passes::

        Café Owners Protest New Rules
        (blank line)
        It’s a café – not a bar, said the owner.

    Fix: replaces the text with ftfy.fix_encoding's repair, which re-decodes the bytes with the
    right encoding and keeps correct curly quotes and dashes as they are. Safe: the repair is
    the text the page meant, and it is only offered when it lowers ftfy's badness measure.
    """

    code = "NL401"
    name = "mojibake"
    severity = "error"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        # every suspect sequence has a character of each class, and none spans a line feed:
        # two searches of the joined text units rule out most articles
        if not may_hold_suspect(article.all_text):
            return
        for fld, index, text in text_units(article):
            fixed = repair(text)
            if fixed is None:
                continue
            start, end, new = minimal_change(text, fixed)
            before, after = _first_spot(text, fixed, start)
            yield problem_at(
                article, fld, index,
                f"mojibake (text decoded with the wrong encoding): {before.strip()!r} should read {after.strip()!r}",
                fix=replace_fix("repair the encoding with ftfy.fix_encoding", fld, index, [(start, end, new)], safe=True),
            )


def _first_spot(text: str, fixed: str, start: int) -> tuple[str, str]:
    """The first damaged spot (at ``start``) in context, before and after the repair: the same 12
    characters before it, and after it the text up to the 14th character of the repair from
    ``start`` in both, so that the two quotes end at the same place of the sentence (mojibake is
    longer than its repair: "libraryâ€™s study roo" against "library’s study rooms" did not)."""
    from difflib import SequenceMatcher

    a = max(0, start - 12)
    # a repaired character was at most 4 characters of mojibake: the window holds the 14
    window = 14 * 4 + 8
    old, new = text[start:start + window], fixed[start:start + window]
    cut_old, cut_new = min(14, len(old)), min(14, len(new))
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if j1 < cut_new <= j2:  # the cut falls here: in text both share, after the same characters;
            # in a damaged spot, after its end on both sides
            cut_old, cut_new = (i1 + cut_new - j1, cut_new) if tag == "equal" else (i2, j2)
            break
    return text[a:start + cut_old], fixed[a:start + cut_new]


class ReplacementCharacter(Rule):
    """U+FFFD replacement characters (�) where the decoder met bytes it could not read.

    A decoder that meets invalid bytes puts U+FFFD in their place: the original characters are
    lost. The rule reports each title, summary, byline and paragraph holding one, with a count.

    Fails::

        Mayor Opens Caf� on Main Street
        (blank line)
        The caf� opened on Monday.

    Passes::

        Mayor Opens Café on Main Street
        (blank line)
        The café opened on Monday.

    Fix: none; the lost characters have to be decoded again from the source bytes.
    """

    code = "NL402"
    name = "replacement-character"
    severity = "error"

    def check(self, article: Article) -> Iterator[Problem]:
        if "\ufffd" not in rare_characters(article):
            return
        for fld, index, text in text_units(article):
            n = text.count("\ufffd")
            if n:
                at = text.index("\ufffd")
                context = text[max(0, at - 15):at + 15].replace("\n", " ")
                yield problem_at(
                    article, fld, index,
                    f"{n} replacement character{'s' if n > 1 else ''} (U+FFFD) where bytes could not be decoded: {context!r}",
                    suggestion="decode the source again with the right encoding; the characters are lost",
                )


#: "Kosovo?s", "don?t": a question mark inside a word where an apostrophe belongs
_APOSTROPHE = LazyPattern(r"(?<=[A-Za-z])\?(?=(?:s|t|ll|re|ve|d|m)\b)")
#: "?We will win": a question mark glued to the start of a word, where an opening quote belongs
_OPENING = LazyPattern(r"(?:^|(?<=[\s(\[]))\?(?=[A-Za-z])")
#: "win,? she said": a question mark after a comma, where a closing quote belongs
_CLOSING = LazyPattern(r"(?<=,)\?(?=\s|$)")
#: "the plan ? which": a question mark between spaces in a sentence, where a dash belongs
_DASH = LazyPattern(r"(?<=[a-z,]) \? (?=[a-z])")
_URLISH = LazyPattern(r"\S*(?:https?:|www\.|/|=|&)\S*$")


def question_marks(text: str, french: bool) -> list[tuple[int, int, str]]:
    """(start, end, replacement) of each "?" standing in for curly punctuation."""
    spans = []
    for rx, repl in ((_APOSTROPHE, "’"), (_OPENING, "“"), (_CLOSING, "”"), (_DASH, " — ")):
        if rx is _DASH and french:
            continue  # French sets "?" off with a space
        for m in rx.finditer(text):
            token_start = text.rfind(" ", 0, m.start()) + 1
            token = text[token_start:text.find(" ", m.end()) if text.find(" ", m.end()) >= 0 else len(text)]
            if _URLISH.match(token):
                continue  # a query string: "index.php?s=news"
            spans.append((m.start(), m.end(), repl))
    return sorted(spans)


class QuestionMarkPunctuation(Rule):
    """Question marks standing in for curly quotes, apostrophes or dashes ("Kosovo?s", "?We will win,? she said").

    A converter that could not map curly punctuation to its target encoding writes "?" instead:
    "Kosovo?s", "don?t", "?We will win,? she said", "the plan ? which". Such question marks are
    told apart from real ones by where they sit: inside a word before s/t/ll/re/ve/d/m, glued to
    the start of a word, after a comma, or between two lower-case words. Links with query strings
    are skipped, and French text, which sets "?" off with a space, is not checked for dashes.

    Fails::

        Kosovo?s Leaders Meet in Brussels
        (blank line)
        ?We will not give up,? the prime minister said.

    Passes::

        Kosovo’s Leaders Meet in Brussels
        (blank line)
        “Will they give up?” the prime minister asked. “No.”

    Fix: puts back the likely character (’ “ ” —). Unsafe: the original may have been a straight
    quote or another dash.
    """

    code = "NL403"
    name = "question-mark-punctuation"
    severity = "error"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        if "?" not in article.all_text:
            return
        french = article.language == "fr"
        for fld, index, text in text_units(article):
            if "?" not in text:
                continue
            spans = question_marks(text, french)
            if not spans:
                continue
            s = spans[0][0]
            context = text[max(0, s - 15):s + 15]
            yield problem_at(
                article, fld, index,
                f"{len(spans)} question mark{'s' if len(spans) > 1 else ''} standing in for curly punctuation: {context!r}",
                fix=replace_fix("put back the curly quotes, apostrophes and dashes", fld, index, spans, safe=False),
            )


RULES = [Mojibake, ReplacementCharacter, QuestionMarkPunctuation]
