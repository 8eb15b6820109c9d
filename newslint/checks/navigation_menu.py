"""NL323 navigation-menu: a run of short link labels extracted from a menu."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import where
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix
from newslint.lazy import LazyPattern

_TERMINAL = tuple(".!?:;,。！？…\"'”’»)")
_DIGIT = LazyPattern(r"\d")


def _is_label(text: str, max_words: int) -> bool:
    """A menu entry: a few words, capitalised, no sentence punctuation, no figures."""
    if len(text) > 40:
        return False
    words = text.split()
    if not words or len(words) > max_words:
        return False
    if text.endswith(_TERMINAL) or _DIGIT.search(text):
        return False
    first = words[0].lstrip("&|·•›>-–—")
    # scripts without case (Chinese, Japanese, Korean, Arabic...) have no capital to look for
    return bool(first) and (first[0].isupper() or not first[0].isalpha() or first[0].lower() == first[0].upper())


class NavigationMenu(Rule):
    """A run of short link labels, the text of a navigation menu or a list of section links.

    An extractor that takes the page's menu, footer or tag list as text produces a run of
    paragraphs such as "Home", "World", "Business", "Sport", "Culture". The rule flags
    ``min-run`` or more consecutive paragraphs that each look like a menu entry: at most
    ``max-words`` words, capitalised (in scripts that have case), without sentence punctuation or
    figures. Lists inside
    articles usually fail one of these (they carry figures, full stops or longer items). The
    labels of a run must be distinct: a menu does not repeat its entries, while alternating
    "Photo" / "Credit ..." lines are caption debris (NL304).

    Fails::

        Council Approves New Cycle Lanes
        (blank line)
        Home
        News
        Politics
        Business
        Sport
        Culture
        The council voted 9 to 4 for the plan on Tuesday, after a debate on the cost of the lanes that lasted most of the evening.

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday.
        What happens next
        Work starts in May and ends in October.

    Fix: deletes the paragraphs of the run. Unsafe: a short list of names can look like a menu.
    """

    code = "NL323"
    name = "navigation-menu"
    severity = "warning"
    fixable = True
    options = {"min-run": 6, "max-words": 3}

    def check(self, article: Article) -> Iterator[Problem]:
        min_run, max_words = self.opts["min-run"], self.opts["max-words"]
        paragraphs = article.paragraphs
        run: list[int] = []
        for p in [*paragraphs, None]:
            if p is not None and _is_label(p.text, max_words):
                run.append(p.index)
                continue
            # a menu lists distinct entries; "Photo", "Credit ...", "Photo" repeating is caption debris
            if len(run) >= min_run and len({paragraphs[i].text.casefold() for i in run}) >= min_run:
                first, last = run[0], run[-1]
                span = f"{where(article, first)} to {where(article, last)}"
                labels = ", ".join(paragraphs[i].text for i in run[:5]) + (", ..." if len(run) > 5 else "")
                edits = tuple(Edit("delete_paragraph", paragraph=i) for i in run)
                problem = self.at_paragraph(
                    article, first, f"navigation menu in the body: {len(run)} short link labels ({labels})",
                    fix=Fix(f"delete the {len(run)} menu paragraphs, {span}", edits, "unsafe"),
                )
                problem.end_line = paragraphs[last].end_line
                yield problem
            run = []


RULES = [NavigationMenu]
