"""NL331 stray-menu-item: one entry of a page menu or link list left alone among the paragraphs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import where
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix

#: the marker an extractor writes before a list entry: "* ", "+ ", "• ", "▪ ", "o " before a
#: capital (the circle of a nested list). A dash is left out: many languages open a quotation
#: or a subheading with one.
_ITEM = re.compile(r"[*+•·▪►] +\S|o +(\w)")


def _is_item(text: str) -> bool:
    m = _ITEM.match(text)
    return m is not None and (m.group(1) is None or m.group(1).isupper())
#: how a sentence, a quotation or a label introducing something ends
_TERMINAL = tuple(".!?。！？…\"'”’»):;")


class StrayMenuItem(Rule):
    """A lone list entry without sentence form between paragraphs of prose: a menu or link item.

    Extractors that render the page's lists keep the marker of each entry ("* World", "+ Mode &
    Beauty", "o Eishockey"). A list in an article has several entries in a row; a menu kept in
    part, a footer link or a section label left over from the page is one short entry on its
    own, with prose before and after it. The rule flags a paragraph of at most ``max-words``
    words that starts with a list marker (``*``, ``+``, ``•``, ``▪``, ``·``, ``►``, or an ``o``
    before a capital), does not end like a sentence, and has no list entry right before or after
    it, in a body of at least ``min-paragraphs`` paragraphs. A paragraph opening with a dash is
    not an entry: many languages open a quotation or a subheading that way. A run of such
    entries is NL323's.

    Fails::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 for the plan on Tuesday.\\n\\n* Local Politics\\n\\nShop owners fear losing parking spaces.\\n\\nWork on the first lane starts in May."}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 for the plan on Tuesday. The plan has three parts:\\n\\n* a lane on the ring road\\n\\n* a bridge over the canal\\n\\n* bike parking at the station\\n\\nWork on the first lane starts in May."}

    Fix: deletes the paragraph. Unsafe: a one-entry list is rare but possible.
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
        last = len(paragraphs) - 1
        for i, p in enumerate(paragraphs):
            if not items[i] or (i > 0 and items[i - 1]) or (i < last and items[i + 1]):
                continue
            text = p.text.strip()
            if len(text.split()) > max_words or text.endswith(_TERMINAL):
                continue
            here = where(article, p.index)
            yield self.at_paragraph(
                article, p.index, f"a lone list entry between paragraphs: '{text}'",
                suggestion=f"delete {here} if it is a menu, footer or link entry of the page",
                fix=Fix(f"delete {here}, a stray menu entry", (Edit("delete_paragraph", paragraph=p.index),), "unsafe"),
            )


RULES = [StrayMenuItem]
