"""NL332 edge-label: a short line of the page, unrelated to the story, opening or closing the body."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article, tokenize_words
from newslint.checks._common import repeat_free_indices, where
from newslint.checks._endings import open_ending
from newslint.checks._story import NOUN_ENDING, prose, speaks_of_story
from newslint.checks.navigation_menu import menu_paragraphs
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix

#: how a sentence, a quotation, a bracketed credit or a list item ends
_TERMINAL = tuple(".!?。！？…\"'”’»)]」』;,")
#: how a signature ("— Anna Berg"), a dateline ("AUBURN, Wash. —") or a list entry begins or ends
_DASHES = tuple("—–-~*•·")
#: what a credit, a source note, an address, a date or a stamp holds: a colon or bar inside
#: ("Source: Reuters"), brackets, "@", a slash ("Jane Roe/AP"), "©", a full stop inside (initials,
#: abbreviations, domains) and figures
_NOT_A_LABEL = LazyPattern(r"[:：|｜︱\[\]【】＝@/©.\d]")
#: the word a byline opens with ("By Anna Berg", "von Anna Berg", "Par Anne Roy"): an author line
_BY = frozenset("by von par por di door av af de da od от".split())
#: the same word inside a line, before a name, makes it a credit ("Reporting by Anna Berg",
#: "Fotos von Anna Berg", "With reports from Reuters"); the short prepositions of the Romance
#: languages ("de", "da", "di") are too common inside labels to count
_CREDIT_BY = frozenset("by from von par por door av af".split())
#: a section name: one or two words, an ampersand, one or two words ("Arts & Culture")
_SECTION = LazyPattern(r"^[^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)? & [^\W\d_][\w'’-]*(?: [^\W\d_][\w'’-]*)?$")
#: a line of figures this long or shorter may be a counter of the page
_FIGURES_CHARS = 20
#: a date of figures: "13.01.2026", "12/16/14", "2025-03-14"
_DATE = LazyPattern(r"\d{1,4}\s?[./-]\s?\d{1,2}\s?[./-]\s?\d{2,4}")
#: the newsroom's end-of-copy mark closing a press release or wire copy ("-30-"): text, not a counter
_END_MARK = LazyPattern(r"^[-\u2013\u2014]\s?30\s?[-\u2013\u2014]$")
class EdgeLabel(Rule):
    """A short line of the page that opens or closes the body and has nothing to do with the story.

    The first and the last paragraphs are where an extractor leaves what sits around the article
    on the page: a skip link, a section name or a sister site's name above the text, a button, a
    form's field or message, a link to the home page or a "visit our other sites" line below it.
    The rule flags the first or the last paragraph of a body of at least ``min-paragraphs``
    paragraphs when it is a line of two to ``max-words`` words (at most ``max-chars``
    characters) that

    * has no sentence form: it ends without the punctuation of a sentence, a quotation or a list
      item (a last line may end in a colon: a heading over nothing);
    * is not a stamp, a source note or an address: no figures, no full stop, colon, bar, bracket,
      slash or "@" inside;
    * is not an author line or a credit: it does not open with the word of a byline ("By",
      "von", "Par"...) nor hold one before a name ("Reporting by Anna Berg", "With reports from
      Reuters"), and is not made of the byline's words; when the record has no byline, a line of
      capitalised words alone may be the author's name and passes, unless one of them ends the
      way an abstract noun or a plural does and a name does not ("Local Politics",
      "Einstellungen"); a line written in capitals is
      a dateline, a byline or an author's note ("WASHINGTON", "ANNA BERG") and passes;
    * does not speak of the story: it shares no word (four letters or more, not a function word,
      compared by their first five letters) with the title, fewer than two of its words with the
      other paragraphs, and fewer than half of them with two other paragraphs or more. A kicker, a
      subheading or a dek of the story repeats its words ("Cycle lanes"), while the page's
      furniture is the same on every page and speaks of something else; one common word
      ("again", "check", "content") that a long text happens to hold once proves nothing.

    A first or last line of figures alone, twenty characters at most, without a letter, that is
    neither a time nor a date (a stamp) nor the end-of-copy mark "-30-" of a press release, is a
    counter or a number of the page ("3 / 12", "3. 3") and is reported too.

    A line repeating the headline or another paragraph is NL101's and NL102's, a label inside a run
    of labels that NL323 reports as a menu is NL323's; a last line ending
    on a lower-case word is NL325's fragment. A lone label between paragraphs has the shape of a
    subheading and passes, except the name of a site's section, two nouns joined by an ampersand
    ("Arts & Culture", "Home & Garden"), alone between two paragraphs of prose (a run of such
    labels is NL323's menu), that does not speak of the story: a subheading of the
    story names its subject ("Orbit & rotation" in a story about a planet).

    Fails::

        {"title": "Council Approves New Cycle Lanes", "text": "Skip to main content\\n\\nThe council voted 9 to 4 for the plan on Tuesday.\\n\\nShop owners fear losing parking spaces.\\n\\nWork on the first lane starts in May."}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "text": "Cycle Lanes\\n\\nThe council voted 9 to 4 for the plan on Tuesday.\\n\\nShop owners fear losing parking spaces.\\n\\nWork on the first lane starts in May."}

    A body cut short after the first words of a paragraph ("The operator RWE") can end on such a
    line too: the finding says so, and scraping again is then the remedy, not deleting.

    Fix: deletes the line. Unsafe: a kicker or a sign-off in words of its own can open or close a
    text on purpose.
    """

    code = "NL332"
    name = "edge-label"
    severity = "warning"
    fixable = True
    options = {"max-words": 8, "max-chars": 60, "min-paragraphs": 3}

    def check(self, article: Article) -> Iterator[Problem]:
        paragraphs = article.paragraphs
        if len(paragraphs) < self.opts["min-paragraphs"]:
            return
        # the first and the last paragraph; between them only a section name with its ampersand
        middle = ((None, q) for i, q in enumerate(paragraphs[1:-1], 1)
                  if "&" in q.text and prose(paragraphs[i - 1].text) and prose(paragraphs[i + 1].text))
        for first, p in ((True, paragraphs[0]), (False, paragraphs[-1]), *middle):
            text = " ".join(p.text.split())
            if not self.reports(article, p.index, text, first):
                continue
            if first is not None and p.index in menu_paragraphs(article):
                continue  # one label of a menu that NL323 reports whole
            here = where(article, p.index)
            if first is not None and figures_line(text):
                what = f"a line of figures alone {'opens' if first else 'closes'} the body (a counter or number of the page)"
            elif first:
                what = "a short line unrelated to the story opens the body (a label, a link or a form of the page)"
            elif first is None:
                what = "a section label unrelated to the story stands between paragraphs"
            else:
                what = "a short line unrelated to the story closes the body (a label or link of the page, or a cut paragraph)"
            yield self.at_paragraph(
                article, p.index, f"{what}: '{text}'",
                suggestion=f"delete {here} if it is not part of the article"
                + ("" if first is not False else "; scrape again if it is what is left of a cut paragraph"),
                fix=Fix(f"delete {here}, a label of the page", (Edit("delete_paragraph", paragraph=p.index),), "unsafe"),
            )

    def reports(self, article: Article, index: int, text: str, first: bool | None) -> bool:
        """Whether paragraph ``index`` (its text ``text`` with white space collapsed) is reported:
        as the first (``first`` true) or last paragraph, or as a section name between paragraphs
        (``first`` None). A first or last line of figures alone has no words to compare with the
        story."""
        if first is not None and figures_line(text):
            pass
        elif not (self._shape(article, text, first) if first is not None else _SECTION.search(text)):
            return False
        elif speaks_of_story(article, {index}, text):
            return False
        if index not in repeat_free_indices(article):
            return False
        # a last line ending on a lower-case word is NL325's fragment
        return not (first is False and open_ending(text, len(article.paragraphs), min_words=1 << 30))

    def _shape(self, article: Article, text: str, first: bool | None) -> bool:
        """A line of two to ``max-words`` words without sentence form that is not a credit, a stamp
        or an author line."""
        words = text.split()
        if not 2 <= len(words) <= self.opts["max-words"] or len(text) > self.opts["max-chars"]:
            return False
        if text.endswith(_TERMINAL) or text.startswith(_DASHES) or text.endswith(_DASHES):
            return False
        label = text if first or not text.endswith((":", "：")) else text[:-1].rstrip()
        if _NOT_A_LABEL.search(label) or not any(c.isalpha() for c in label):
            return False
        if words[0].casefold() in _BY or any(
            w.casefold() in _CREDIT_BY and nxt[:1].isupper() for w, nxt in zip(words, words[1:])
        ):
            return False
        byline = {w.casefold() for w in tokenize_words(article.byline or "")}
        if byline:
            if {w.casefold() for w in tokenize_words(text)} <= byline:
                return False
        elif all(w[:1].isupper() for w in words) and "&" not in words and not any(map(NOUN_ENDING.search, words)):
            return False  # no byline: a name alone may be the author's
        # a line in capitals is a dateline, a byline or an author's note ("WASHINGTON", "ANNA BERG IS
        # OUR POLITICAL EDITOR"); a script without case has none to look at
        return any(c.islower() for c in text) or not any(c.isupper() for c in text)


def figures_line(text: str) -> bool:
    """A short line of figures and punctuation without a letter, and neither a time nor a date
    (a stamp): a slide counter ("3 / 12"), a page number, a count ("3. 3")."""
    return (len(text) <= _FIGURES_CHARS and any(c.isdigit() for c in text) and not any(c.isalpha() for c in text)
            and ":" not in text and not _DATE.search(text) and not _END_MARK.match(text.strip()))


RULES = [EdgeLabel]
