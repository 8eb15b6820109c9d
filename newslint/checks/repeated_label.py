"""NL107 repeated-label: a one-word line printed again and again in the body."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks.duplicate_paragraph import SHORT_LINE_CHARS, in_code_listing, short_label_repeat, short_line
from newslint.rule import Problem, Rule
from newslint.lazy import LazyPattern

#: a word: two or more letters or digits (CJK included); what a separator line lacks
_WORD = LazyPattern(r"[^\W_]{2,}")


class RepeatedLabel(Rule):
    """A short line repeated in the body: a label of the page ("Advertisement", "Share this story").

    Page furniture sits in every slot of its kind: "Advertisement" between blocks, "Photo" or
    "Image" under each picture, "Loading..." where a widget was, "Anzeige", "Publicidad", "Share
    this story" above and below the text. This rule reports a paragraph of a single word (of two or
    more letters or digits, in any script), or a short line of two to five words (60 characters at
    most, not ending a sentence) used again on its own, that the body holds ``min-count`` times or
    more, once per line, at its second occurrence. A short line repeated as part of a block (right
    after itself, or with its neighbour repeated too) is NL101's duplicate paragraph instead. A line
    ending in a colon ("Specs:", "Verdict:") introduces what follows and is a heading, not a label;
    a separator such as ``* * *`` has no word and is not counted, nor is a line of a code listing
    (``</div>``, ``items(`` next to another line of code). A warning, with no fix: a structured
    article repeats its headings ("Pros", "Cons", "Key pledges" for each candidate, "Labour hold"
    for each ward), so the lines are worth a look, not safe to delete unseen.

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
        one_word: dict[str, bool] = {}  # a line counted: a single word, or a short line of several
        reported: set[str] = set()
        title = article.norm_title.rstrip(".!?:; ")
        min_count = self.opts["min-count"]
        # a line the body holds fewer than min-count times cannot be reported: counted at C speed
        # first, the tests below run only on the lines that repeat
        lines = Counter(article.normalized)
        for i, norm in enumerate(article.normalized):
            if lines[norm] < min_count or len(norm) > SHORT_LINE_CHARS or norm.endswith(":"):
                continue
            words = len(_WORD.findall(norm))
            single = words == 1 and " " not in norm
            if single and len(norm) <= 40:
                pass  # one word: "Advertisement", "Photo", "Loading..."
            elif words < 2 or not short_line(norm) or (title and norm.rstrip(".!?:; ") == title):
                continue  # no word, a sentence, or the headline (NL102's)
            if in_code_listing(article, i):
                continue
            count[norm] = count.get(norm, 0) + 1
            first.setdefault(norm, i)
            one_word[norm] = single
        for i, norm in enumerate(article.normalized):
            n = count.get(norm, 0)
            if n < min_count or norm in reported or i == first[norm]:
                continue
            if not one_word[norm] and not short_label_repeat(article, i, first[norm]):
                continue  # part of a block rendered twice: NL101's
            reported.add(norm)
            text = article.paragraphs[i].text.strip()
            if one_word[norm]:
                message = f"the one-word line '{text}' appears {n} times in the body: a page label, not text"
            else:
                message = f"the short line '{text}' appears {n} times in the body: a label of the page, or a heading used for each section"
            yield self.at_paragraph(article, i, message, suggestion="delete the repeated label lines, unless they head the article's sections")


RULES = [RepeatedLabel]
