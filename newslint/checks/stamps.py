"""NL311 byline-date-echo: the byline, a date stamp or a reading time echoed as a body paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.article import Article, normalize_text
from newslint.checks._common import where
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix
from newslint.lazy import LazyPattern

_TOKEN = LazyPattern(r"[^\W_]+", re.UNICODE)
#: a year, a clock time, or a numeric date: what makes a short line a date stamp
_DATE_ANCHOR = LazyPattern(r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:.h]\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
#: a reading-time or length note: "5 min read", "Lesezeit: 4 Minuten", "3 minutes de lecture"
_READING_TIME = LazyPattern(r"\b\d{1,3}\s*[-–]?\s*(?:min|mins|minute|minutes|minuten|minutos|minuti|minuter|minutter)\b",
                           re.IGNORECASE)
#: month and weekday names (full and abbreviated) of the languages the corpus holds most; they
#: only ever let a short line count as a stamp, they never make a finding on their own
_CALENDAR = frozenset("""
jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october
nov november dec december mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat
saturday sun sunday am pm a p m gmt utc bst est edt cst cdt pst pdt cet cest et pt
januar februar märz april mai juni juli august september oktober november dezember jän mär okt dez
montag dienstag mittwoch donnerstag freitag samstag sonntag uhr
janvier février mars avril juin juillet août septembre octobre novembre décembre
lundi mardi mercredi jeudi vendredi samedi dimanche
enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre
lunes martes miércoles jueves viernes sábado domingo
gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre
lunedì martedì mercoledì giovedì venerdì sabato domenica
januari februari maart mei augustus oktober
""".split())
#: the words of a stamp around the name and the date: "By", "Posted on", "Updated", "Published"
_STAMP_WORDS = frozenset("""
by and on at in the of posted published updated last modified first edited written reporter staff
von und am um aktualisiert veröffentlicht zuletzt stand
par et le à publié mis jour modifié
por y el en publicado actualizado
di e il alle pubblicato aggiornato
door en op om gepubliceerd bijgewerkt
read reading time lesezeit lecture lectura lettura leestijd min mins minute minutes minuten minutos minuti
""".split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalize_text(text))


class BylineDateEcho(Rule):
    """The byline, a date stamp or a reading time echoed as a paragraph of the body.

    Extractors keep the header of the page in the body: the author line ("By Anna Berg"), the
    publication stamp ("Published 14 March 2024, 09:12", "Updated: 3/14/2024 9:12 AM") or the
    reading time ("4 min read"). These lines are metadata, already in the byline and date fields
    or of no use, and they are not article text. The rule looks at the first ``edge`` and the
    last ``edge`` paragraphs (where page headers and footers land) and flags a paragraph of at
    most ``max-words`` words that is made only of the byline's words, calendar words, numbers
    and stamp words ("by", "posted", "updated", ...), provided it holds the whole byline, a date
    or time, or a reading time. A sentence that mentions a date ("The vote is on 3 May 2024.")
    has other words and passes, and so do two different dates on consecutive lines (a schedule of
    screenings or opening hours).

    Off by default (``--extend-select NL311``): the lines are real debris, but small, and an
    extractor that keeps them is otherwise faithful; on real extractors' outputs the rule flagged
    faithful outputs eleven times as often as the reference texts while adding almost nothing to
    the noisy and lossy outputs other rules find (docs/structural-rules.md).

    Fails::

        {"title": "Council Approves New Cycle Lanes", "byline": "Anna Berg", "date": "2024-03-14", "text": "By Anna Berg\\n\\nPublished March 14, 2024 9:12 AM\\n\\nThe council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon."}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "byline": "Anna Berg", "date": "2024-03-14", "text": "The council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon.\\n\\nWork on the first lane starts on 2 May 2024."}

    Fix: deletes the paragraph. Safe: it holds only the byline, a date and stamp words, which the
    metadata fields keep.
    """

    code = "NL311"
    name = "byline-date-echo"
    severity = "warning"
    fixable = True
    default_enabled = False
    options = {"edge": 3, "max-words": 14}

    def check(self, article: Article) -> Iterator[Problem]:
        paragraphs = article.paragraphs
        if not paragraphs:
            return
        edge = self.opts["edge"]
        n = len(paragraphs)
        indices = sorted(set(range(min(edge, n))) | set(range(max(0, n - edge), n)))
        byline = [t for t in _tokens(article.byline or "") if t not in _STAMP_WORDS]
        byline_set = frozenset(byline)
        date_set = frozenset(_tokens(article.date or ""))
        max_words = self.opts["max-words"]
        found = [(i, what) for i in indices
                 if (what := self._stamp(paragraphs[i].text, byline, byline_set, date_set, max_words)) is not None]
        # two different dates side by side are a schedule (screenings, opening hours), not a stamp
        dated = [i for i, what in found if what == "a date stamp"]
        if any(b == a + 1 and article.normalized[a] != article.normalized[b] for a, b in zip(dated, dated[1:])):
            found = [(i, what) for i, what in found if what != "a date stamp"]
        for i, what in found:
            text = paragraphs[i].text
            here = where(article, i)
            yield self.at_paragraph(
                article, i, f"{what} echoed as a body paragraph: '{' '.join(text.split())[:80]}'",
                suggestion=f"delete {here}; the metadata fields hold the byline and the date",
                fix=Fix(f"delete {here}, {what}", (Edit("delete_paragraph", paragraph=i),), "safe"),
            )

    @staticmethod
    def _stamp(text: str, byline: list[str], byline_set: frozenset[str], date_set: frozenset[str],
               max_words: int) -> str | None:
        words = _tokens(text)
        if not words or len(words) > max_words or len(text) > 160:
            return None
        rest = [w for w in words if w not in byline_set and w not in date_set and w not in _CALENDAR
                and w not in _STAMP_WORDS and not w.isdigit() and not _ordinal(w)]
        if rest:
            if _by_name(text):
                return "a byline"
            return None
        if byline and all(w in words for w in byline):
            return "the byline"
        if _READING_TIME.search(text):
            return "a reading time"
        if _DATE_ANCHOR.search(text) or (date_set and any(w in date_set and not w.isdigit() for w in words)):
            return "a date stamp"
        return None


_BY_WORDS = frozenset({"by", "von", "par", "por", "door"})
_JOINERS = frozenset({"and", "und", "et", "y", "en", "&", ","})


def _by_name(text: str) -> bool:
    """'By Anna Berg', 'Von Anna Berg', 'Par Anne Berg et Tom Li': a byline, with or without a
    byline field to compare with (one to six capitalised names after the word for "by")."""
    parts = text.replace(",", " , ").split()
    if len(parts) < 2 or parts[0].casefold() not in _BY_WORDS or text.rstrip()[-1:] in ".!?:;":
        return False
    names = [p for p in parts[1:] if p.casefold() not in _JOINERS]
    return 1 <= len(names) <= 6 and all(p[0].isupper() for p in names)


def _ordinal(word: str) -> bool:
    """'1st', '22nd', '3rd', '4th', '14e', '3º': a day of the month."""
    return len(word) <= 5 and word[:1].isdigit() and word.rstrip("stndrhºeo").isdigit()


RULES = [BylineDateEcho]
