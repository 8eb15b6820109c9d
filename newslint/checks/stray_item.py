"""NL331 stray-menu-item: one entry of a page menu or link list left alone among the paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import where
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix
from newslint.lazy import LazyPattern

#: the marker an extractor writes before a list entry: "* ", "+ ", "• ", "▪ ", "o " before a
#: capital (the circle of a nested list). A dash is left out: many languages open a quotation
#: or a subheading with one.
_ITEM = re.compile(r"[*+•·▪►] +\S|o +(\w)")


def _is_item(text: str) -> bool:
    m = _ITEM.match(text)
    return m is not None and (m.group(1) is None or m.group(1).isupper())
#: how a sentence, a quotation or a label introducing something ends
_TERMINAL = tuple(".!?。！？…\"'”’»):;")


_DIGIT = LazyPattern(r"\d")


def _is_entry(text: str, max_words: int) -> bool:
    """A list entry without sentence form: at most ``max_words`` words, no closing punctuation."""
    return len(text.split()) <= max_words and not text.rstrip().endswith(_TERMINAL)


def _is_menu_label(text: str) -> bool:
    """The text of a marked entry is a capitalised label without figures (a section name)."""
    label = text.lstrip("*+•·▪►o ")
    return bool(label) and not _DIGIT.search(label) and (label[0].isupper() or not label[0].isalpha()
                                                         or label[0].lower() == label[0].upper())


def _menu_with_heading(paragraphs, run: list[int], max_words: int) -> bool:
    """A run of two or more entries, one of which ends in a colon: the heading of a menu group
    ("* Follow us:", "* Share :") among its labels."""
    if len(run) < 2:
        return False
    colons = [j for j in run if paragraphs[j].text.rstrip().endswith((":", "："))]
    return len(colons) == 1 and all(
        _is_entry(paragraphs[j].text.rstrip().rstrip(":：").rstrip() if j in colons else paragraphs[j].text, max_words)
        for j in run
    )


class StrayMenuItem(Rule):
    """List entries of the page's menus between paragraphs of prose: a lone entry or a short run.

    Extractors that render the page's lists keep the marker of each entry ("* World", "+ Mode &
    Beauty", "o Eishockey"). A list in an article has entries in sentence form or entries with
    figures (quantities, dates, scores); what a menu, a footer or a list of sister sites leaves is
    short capitalised labels, alone or a few in a row, between paragraphs of prose. The rule
    flags a run of paragraphs that start with a list marker (``*``, ``+``, ``•``, ``▪``, ``·``,
    ``►``, or an ``o`` before a capital), with no marked paragraph right before or after it,
    whose entries all have at most ``max-words`` words and no sentence punctuation at the end
    (in a run of two or more, one entry may end in a colon: the heading of a menu group such as
    "* Follow us:"); a run of two or more must also be made of capitalised labels without
    figures. The body needs at least ``min-paragraphs`` paragraphs. A paragraph opening with a dash is not an entry: many
    languages open a quotation or a subheading that way. Runs of unmarked labels are NL323's.

    Fails::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 for the plan on Tuesday.\\n\\n* Local Politics\\n\\nShop owners fear losing parking spaces.\\n\\nWork on the first lane starts in May."}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 for the plan on Tuesday. The plan has three parts:\\n\\n* a lane on the ring road\\n\\n* a bridge over the canal\\n\\n* bike parking at the station\\n\\nWork on the first lane starts in May."}

    Fix: deletes the entries. Unsafe: a short list of names can look like a menu.
    """

    code = "NL331"
    name = "stray-menu-item"
    severity = "warning"
    fixable = True
    options = {"max-words": 7, "min-paragraphs": 3}

    def check(self, article: Article) -> Iterator[Problem]:
        paragraphs = article.paragraphs
        if len(paragraphs) < self.opts["min-paragraphs"]:
            return
        items = [_is_item(p.text) for p in paragraphs]
        if not any(items):
            return
        max_words = self.opts["max-words"]
        run: list[int] = []
        for i in range(len(paragraphs) + 1):
            if i < len(paragraphs) and items[i]:
                run.append(i)
                continue
            if run and (all(_is_entry(paragraphs[j].text, max_words) for j in run) or _menu_with_heading(paragraphs, run, max_words)) and (
                len(run) == 1 or all(_is_menu_label(paragraphs[j].text) for j in run)
            ):
                yield self._report(article, run)
            run = []

    def _report(self, article: Article, run: list[int]) -> Problem:
        paragraphs = article.paragraphs
        first, last = paragraphs[run[0]], paragraphs[run[-1]]
        if len(run) == 1:
            here = where(article, first.index)
            message = f"a lone list entry between paragraphs: '{first.text.strip()}'"
        else:
            here = f"{where(article, first.index)} to {where(article, last.index)}"
            labels = ", ".join(paragraphs[j].text.strip() for j in run[:4]) + (", ..." if len(run) > 4 else "")
            message = f"{len(run)} menu entries between paragraphs: {labels}"
        problem = self.at_paragraph(
            article, first.index, message,
            suggestion=f"delete {here} if it is a menu, footer or link list of the page",
            fix=Fix(f"delete {here}, menu entries of the page",
                    tuple(Edit("delete_paragraph", paragraph=paragraphs[j].index) for j in run), "unsafe"),
        )
        problem.end_line = last.end_line
        return problem


RULES = [StrayMenuItem]
