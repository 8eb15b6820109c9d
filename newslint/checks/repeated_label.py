"""NL107 repeated-label: a one-word line printed again and again in the body."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.checks.duplicate_paragraph import in_code_listing
from newslint.rule import Problem, Rule
from newslint.lazy import LazyPattern

#: a word: two or more letters or digits (CJK included); what a separator line lacks
_WORD = LazyPattern(r"[^\W_]{2,}")


class RepeatedLabel(Rule):
    """A one-word line repeated in the body: a label of the page ("Advertisement", "Photo").

    Page furniture of one word sits in every slot of its kind: "Advertisement" between blocks,
    "Photo" or "Image" under each picture, "Loading..." where a widget was, "Anzeige",
    "Publicidad". NL101 compares paragraphs of two words or more; this rule reports a paragraph
    of a single word (of two or more letters or digits, in any script) that the body holds
    ``min-count`` times or more, once per word, at its second occurrence. A line ending in a
    colon ("Specs:", "Verdict:") introduces what follows and is a heading, not a label; a
    separator such as ``* * *`` has no word and is not counted, nor is a line of a code listing
    (``</div>``, ``items(`` next to another line of code). A warning: a structured article
    may repeat a one-word heading ("Pros", "Cons") for each item it reviews.

    Fails::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 for the plan on Tuesday.\\n\\nAdvertisement\\n\\nWork on the first lane starts in May.\\n\\nAdvertisement\\n\\nShop owners fear losing parking spaces."}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 for the plan on Tuesday.\\n\\n* * *\\n\\nWork on the first lane starts in May.\\n\\n* * *\\n\\nShop owners fear losing parking spaces."}

    Fix: none; delete the labels by hand or with the rule that names them (NL301, NL304).
    """

    code = "NL107"
    name = "repeated-label"
    severity = "warning"
    options = {"min-count": 2}

    def check(self, article: Article) -> Iterator[Problem]:
        first: dict[str, int] = {}
        count: dict[str, int] = {}
        reported: set[str] = set()
        for i, norm in enumerate(article.normalized):
            if len(norm) > 40 or " " in norm or norm.endswith(":"):
                continue
            if in_code_listing(article, i):
                continue
            if len(_WORD.findall(norm)) != 1:
                continue
            count[norm] = count.get(norm, 0) + 1
            first.setdefault(norm, i)
        for i, norm in enumerate(article.normalized):
            n = count.get(norm, 0)
            if n >= self.opts["min-count"] and norm not in reported and i != first[norm]:
                reported.add(norm)
                text = article.paragraphs[i].text.strip()
                yield self.at_paragraph(
                    article, i, f"the one-word line '{text}' appears {n} times in the body: a page label, not text",
                    suggestion="delete the repeated label lines",
                )


RULES = [RepeatedLabel]
