"""NL101 duplicate-paragraph."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import repeat_phrase
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix
from newslint.lazy import LazyPattern

#: a word for the purpose of comparing paragraphs: two or more letters or digits (CJK included)
_WORD = LazyPattern(r"[^\W_]{2,}")
#: the signature under an embedded social post: a dash, a name and the account's handle, then the
#: date ("— Jane Doe (@janedoe) May 2, 2024"); two posts of one account on one day share it
_POST_SIGNATURE = re.compile(r"^[\u2014\u2013-]{1,2}\s*[^@\n]{1,80}\(@\w{1,40}\)[^@\n]{0,40}$")
#: a line of source code, split from a listing into a paragraph of its own: it opens with a comment
#: or a markup tag, it opens or closes a block, or it ends a statement (";" or ",") that holds
#: the signs of code (brackets, "=", "$") or is a style-sheet declaration ("margin: 0;")
_CODE_LINE = LazyPattern(
    r"^(?://|/\*|<[/!A-Za-z])"
    r"|[{}(\[]$"
    r"|^[^\n]*[(){}\[\]=$][^\n]*[;,]$"
    r"|^[a-z-]+\s*:\s*[^;\n]+;$"
)


#: the end of a sentence: a full stop, question or exclamation mark or ellipsis (any script), with
#: the closing quote marks or brackets after it
_SENTENCE_END = LazyPattern(r"[.!?\u2026\u3002\uff01\uff1f][\"'\u201d\u2019\u00bb\u300d\u300f)\]]*$")
#: a short line's limits: a label or a heading, not a paragraph of text
SHORT_LINE_WORDS = 5
SHORT_LINE_CHARS = 60


#: signs of code or markup, which a label or heading does not hold
_CODE_SIGN = LazyPattern(r"[{}\[\]()=<>;$\\|]")


def short_line(norm: str) -> bool:
    """Whether a normalised paragraph is a short line: at most five words and 60 characters, not
    ending a sentence, no sign of code. A label of the page ("Share this story") or a heading an
    article repeats for each of its sections ("Key pledges", "Labour hold", "Yellow card")."""
    return (len(norm) <= SHORT_LINE_CHARS and _SENTENCE_END.search(norm) is None
            and len(_WORD.findall(norm)) <= SHORT_LINE_WORDS and _CODE_SIGN.search(norm) is None)


def repeated_with_neighbour(article: Article, i: int, first: int) -> bool:
    """Whether the repeat at ``i`` of paragraph ``first`` comes right after it, or repeats it with
    the paragraph before or after it too: a block rendered twice, not a heading used again."""
    norm = article.normalized
    if i == first + 1:
        return True
    if first > 0 and norm[i - 1] and norm[i - 1] == norm[first - 1]:
        return True
    return i + 1 < len(norm) and bool(norm[i + 1]) and norm[i + 1] == norm[first + 1]


def short_label_repeat(article: Article, i: int, first: int) -> bool:
    """A short line used again on its own (NL107's, a warning), rather than part of a repeated block
    (NL101's): structured articles repeat their headings and labels."""
    return short_line(article.normalized[i]) and not repeated_with_neighbour(article, i, first)


def code_line(text: str) -> bool:
    """Whether a short paragraph is a line of source code (see ``_CODE_LINE``)."""
    return len(text) < 160 and _CODE_LINE.search(text.strip()) is not None


def in_code_listing(article: Article, i: int) -> bool:
    """Whether paragraph ``i`` is a line of a code listing split into paragraphs: a code line next to
    another, different code line. A code line alone among prose is compared like any paragraph."""
    paragraphs = article.paragraphs
    text = paragraphs[i].text
    if not code_line(text):
        return False
    for j in (i - 1, i + 1):
        if 0 <= j < len(paragraphs) and article.normalized[j] != article.normalized[i] and code_line(paragraphs[j].text):
            return True
    return False


class DuplicateParagraph(Rule):
    """A body paragraph that repeats an earlier paragraph of the same article.

    Scrapers duplicate paragraphs when a page renders the same block twice (a mobile and a desktop
    copy, a pull quote, a consent notice in two places) or when pagination is stitched with an
    overlap. Paragraphs are compared after collapsing white space and case, so a repeat that only
    differs in spacing or capitals is still a repeat. Each repeat is reported at its own line and
    names the line (or paragraph number, in JSON records) it repeats. A line is a repeat because of
    its words, not its length in characters, and a separator such as ``* * *`` or ``---``, which
    holds no word of two letters or digits, is not compared. A short line (at most five words and
    60 characters, not ending a sentence) printed again on its own is NL107's, a warning: a clean
    article repeats its section headings and labels ("Key pledges" for each candidate, "Labour
    hold" for each ward, "Yellow card" in a match report, "Salt and pepper" in two ingredient
    lists), and a scraper repeats furniture ("Share this story"); both are worth a look and neither
    is safe to delete unseen. A short line is reported here when it is part of a repeated block:
    right after itself, or with the paragraph before or after it repeated too.
    ``min-words`` sets how many such words a paragraph needs (default 2: a single repeated word
    such as "Photo" or "Pros" is NL107's, a warning, since structured articles repeat one-word
    headings), ``min-chars`` a length in characters below which it is not compared (0: any
    length). A paragraph repeating the headline is reported by NL102 instead. The signature line
    under an embedded social post ("— Name (@handle) date") is not compared either: two posts of
    one account on one day carry the same signature, and the posts themselves are compared. Nor
    is a line of a code listing (``// read the settings``, ``}``, ``return $user;`` next to
    another line of code): an extractor that splits a listing into one paragraph per line makes
    the lines that two listings share look like repeats.

    Fails::

        Border Talks Resume

        Talks on the border dispute resumed in Geneva on Monday after a two-week pause, with both delegations at the table.
        Delegates said the mood was cautious but constructive, and that a joint statement could follow on Wednesday.
        Talks on the border dispute resumed in Geneva on Monday after a two-week pause, with both delegations at the table.

    Passes::

        Border Talks Resume

        Talks on the border dispute resumed in Geneva on Monday after a two-week pause, with both delegations at the table.
        Delegates said the mood was cautious but constructive, and that a joint statement could follow on Wednesday.

    Fix: deletes the repeated paragraph and keeps the first occurrence. Safe: the text removed is
    identical (up to white space and case) to text that stays.
    """

    code = "NL101"
    name = "duplicate-paragraph"
    severity = "error"
    fixable = True
    options = {"min-chars": 0, "min-words": 2}

    def check(self, article: Article) -> Iterator[Problem]:
        min_chars, min_words = self.opts["min-chars"], self.opts["min-words"]
        title = article.norm_title.rstrip(".!?:; ")
        seen: dict[str, int] = {}
        lines = Counter(article.normalized)  # a paragraph the body holds once is skipped at once
        for i, norm in enumerate(article.normalized):
            if lines[norm] < 2 or len(norm) < min_chars or (title and norm.rstrip(".!?:; ") == title):
                continue
            if len(norm) < 80 and len(_WORD.findall(norm)) < min_words:
                continue  # a separator ("* * *", "---", "1.") is not a repeat
            if _POST_SIGNATURE.match(norm):
                continue  # the signature of a quoted post, repeated when one account posts twice
            first = seen.get(norm)
            if first is not None and in_code_listing(article, i):
                continue  # a line of a code listing: two listings share their closing lines
            if first is None:
                seen[norm] = i
                continue
            if short_label_repeat(article, i, first):
                continue  # a heading or label used again: NL107's, a warning
            here, there, said = repeat_phrase(article, i, first)
            yield self.at_paragraph(
                article,
                i,
                f"duplicate paragraph: {said}",
                suggestion=f"delete {here}, a repeat of {there}",
                fix=Fix(f"delete {here}, a repeat of {there}", (Edit("delete_paragraph", paragraph=i),), "safe"),
            )


RULES = [DuplicateParagraph]
