"""NL316 dangling-label: the body ends on a short line with no sentence form."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import repeat_free_indices, where
from newslint.checks._endings import open_ending
from newslint.checks.truncated_body import _READ_ON
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix

#: how a sentence, a quotation, a sign-off in brackets or a label introducing a list ends
_TERMINAL = tuple(".!?。！？」』”\"')»…:;")
#: how a signature starts: "— Anna", "-- Anna Berg"
_SIGNATURE = tuple("—–-~")


class DanglingLabel(Rule):
    """The body ends on a short line with no sentence form: a label of the page, not text.

    After the last paragraph of a story, pages print their furniture: a section label
    ("Related articles", "Mehr zum Thema", "Topics"), a share button, a promo for the site ("More
    from the Daily Courier"), a list heading whose list was dropped. Extractors keep the first line
    of it. Whatever its language, such a line is short (at most ``max-words`` words, or
    ``max-chars`` characters for scripts written without spaces) and ends without the punctuation
    of a sentence. The rule flags it as the last paragraph of a body of at least ``min-paragraphs``
    paragraphs. A signature that starts with a dash ("— Anna") passes, and so does a credit in
    brackets ("(kas)") or a line ending in a full stop. A "Continue reading" link (NL324) and a
    line repeating an earlier paragraph or the headline (NL101, NL102) are left to those rules, and
    so is a line ending on a lower-case word ("The editors recommend"), which NL325 reports on by
    default as a fragment.

    Fails::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 for the plan on Tuesday.\\n\\nShop owners fear losing parking spaces.\\n\\nWork on the first lane starts in May.\\n\\nMore from Local News"}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 for the plan on Tuesday.\\n\\nShop owners fear losing parking spaces.\\n\\nWork on the first lane starts in May.\\n\\n— Anna Berg"}

    Off by default (``--extend-select NL316``): on the extractor evaluation (docs/evaluation.md) it
    flagged faithful extractions about half as often as noisy ones, because a closing credit, a
    place-and-date line or a one-word sign-off has the same shape; it is worth turning on for an
    extractor that is known to keep page furniture.

    Fix: deletes the line. Unsafe: a short heading or name can close a text on purpose.
    """

    code = "NL316"
    name = "dangling-label"
    severity = "warning"
    fixable = True
    default_enabled = False
    options = {"max-words": 4, "max-chars": 20, "min-paragraphs": 3}

    def check(self, article: Article) -> Iterator[Problem]:
        paragraphs = article.paragraphs
        if len(paragraphs) < self.opts["min-paragraphs"]:
            return
        last = paragraphs[-1]
        text = " ".join(last.text.split())
        words = text.split()
        if not words or len(words) > self.opts["max-words"] or text.endswith(_TERMINAL) or text.startswith(_SIGNATURE):
            return
        if len(words) == 1 and len(text) > self.opts["max-chars"]:
            return  # a sentence in a script written without spaces
        if not any(c.isalnum() for c in text):
            return  # a separator ("* * *") is NL101's concern, not a label
        if _READ_ON.search(text) or last.index not in repeat_free_indices(article):
            return  # a "Continue reading" cut (NL324) or a repeat (NL101, NL102) is reported already
        if open_ending(text, len(paragraphs), min_words=1 << 30):
            return  # a line ending on a lower-case word is NL325's fragment
        here = where(article, last.index)
        yield self.at_paragraph(
            article, last.index, f"the body ends on a line with no sentence form: '{text}'",
            suggestion=f"delete {here} if it is a label of the page (related links, share, section name)",
            fix=Fix(f"delete {here}, a page label", (Edit("delete_paragraph", paragraph=last.index),), "unsafe"),
        )


RULES = [DanglingLabel]
