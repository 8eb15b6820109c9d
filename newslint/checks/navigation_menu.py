"""NL323 navigation-menu: a run of short link labels extracted from a menu."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import NO_SPACE_SCRIPT, where
from newslint.checks._story import prose, speaks_of_story
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix
from newslint.lazy import LazyPattern

_TERMINAL = tuple(".!?:;,。！？…\"'”’»)")
_DIGIT = LazyPattern(r"\d")
#: what a "key: value" line of credits, a source note or a dateline holds inside it ("作者︱...",
#: "Source: ...", "【東京＝...】"): the first lines of an article, not a menu
_CREDIT_MARKS = LazyPattern(r"[:：|｜︱\[\]【】＝]")
#: a run of three or more separators with nothing between them: the entries of a flattened menu
#: whose labels were images or empty links ("Titles - - - - Home")
_EMPTY_ENTRIES = LazyPattern(r"(?:^|\s)([-|•·/–—])(?:\s\1){2,}(?:\s|$)")
_LETTERS = LazyPattern(r"[^\W\d_]{2,}")
#: what joins the entries of a menu or a breadcrumb flattened into one line: "Home | News | Sport",
#: "Home › World › Europe", "首页| 新闻| 体育"
_JOINERS = "|｜›»>•"
_JOINER = LazyPattern(r"\s*[|｜›»>•]\s*")
_SEPARATOR_PAIRS = ("- -", "| |", "/ /", "· ·", "• •", "– –", "— —")
#: the longest menu entry, in characters
_MAX_LABEL_CHARS = 40
#: what the callers test first, on every paragraph of a page, before calling :func:`_is_label`:
#: most paragraphs are too long to be a label. A name of its own, so that a test can switch the
#: pre-test off and hold the rule to asking every paragraph (tests/test_fast_paths_story.py)
_LONGEST_LABEL = _MAX_LABEL_CHARS


def _held(items, body: str) -> list[str]:
    """The ``items`` (separator pairs or joiners) that ``body``, the paragraphs joined, holds: a
    paragraph can hold no other, so only these are looked for paragraph by paragraph."""
    return [item for item in items if item[0] in body and item in body]  # a character first: faster


def _is_label(text: str, max_words: int, colon: bool = False) -> bool:
    """A menu entry: a few words, capitalised, no sentence punctuation (but a colon with
    ``colon``), no figures."""
    if len(text) > _MAX_LABEL_CHARS:
        return False
    words = text.split()
    if not words or len(words) > max_words:
        return False
    if colon and text.endswith((":", "：")):
        text = text[:-1].rstrip()
        if not text:
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

    A paragraph holding a run of three or more separators with nothing between them ("Titles
    - - - - Home News") is a menu flattened into one line whose entries were images or empty
    links; a line of separators alone is a section break, and a table row opening with a bar
    has empty cells: both pass. So is a line of four or more labels joined by bars, arrows or
    bullets ("Home | News | Sport | Weather", "Home › World › Europe › France"), a footer or a
    breadcrumb; a programme line holds dates and times ("Radio 4 | 06.07.2026 | 19:00") and passes.

    The first and the last lines of the body are where an extractor leaves a page's breadcrumbs,
    section menu and footer links, and where an article has no list of its own: there a run of
    ``min-edge-run`` distinct labels that opens or closes the body is enough (one of them may end
    in a colon, the heading of a link group: "More on this:"). A label there holds no inner
    colon, bar, bracket or "＝": "Text: Jane Roe" and "【東京＝...】" are credit and dateline lines.

    Between two paragraphs of prose (each a sentence or a line of eight words or more, neither
    ending in a colon), a run of ``min-edge-run`` distinct labels or more (one may end in a
    colon; none holds a credit's inner colon or bracket; a label in a script without spaces is
    short) is a menu when the labels do not speak of the story: they share no word with the
    title, fewer than two of their words with the other paragraphs and fewer than half with two
    other paragraphs or more (the test of NL332). An article's own short list names what the story
    is about, follows its heading ("The winners:") or continues among longer entries.

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
    options = {"min-run": 6, "max-words": 3, "min-edge-run": 3}

    def check(self, article: Article) -> Iterator[Problem]:
        problems = list(self._menus(article))
        if self.opts == _DEFAULTS and "_menu_paragraphs" not in article.__dict__:
            article.__dict__["_menu_paragraphs"] = _paragraphs_of(problems)  # for NL332: see menu_paragraphs
        yield from problems

    def _menus(self, article: Article) -> Iterator[Problem]:
        min_run, max_words = self.opts["min-run"], self.opts["max-words"]
        paragraphs = article.paragraphs
        # most paragraphs of a page are too long to be a label: no call for them
        labels = [len(p.text) <= _LONGEST_LABEL and _is_label(p.text, max_words) for p in paragraphs]
        run: list[int] = []
        reported: set[int] = set()
        for i in range(len(paragraphs) + 1):
            if i < len(paragraphs) and labels[i]:
                run.append(i)
                continue
            # a menu lists distinct entries; "Photo", "Credit ...", "Photo" repeating is caption debris
            if len(run) >= min_run and _distinct(paragraphs, run) >= min_run:
                reported.update(run)
                yield self._report(article, run)
            run = []
        # a menu flattened into one paragraph: runs of separators between labels; a divider line
        # ("- - -") alone is the article's own section break. Paragraphs are joined by blank lines,
        # so a pair of separators found in the whole body lies inside one paragraph
        body = article.text
        pairs = _held(_SEPARATOR_PAIRS, body)
        for i, p in enumerate(paragraphs if pairs else ()):
            if i not in reported and any(pair in p.text for pair in pairs):
                m = _EMPTY_ENTRIES.search(p.text)
                # a row of a table ("| 2019 | Budget passed | | |") has empty cells, not empty entries
                table_row = m is not None and m.group(1) == "|" and p.text.lstrip().startswith("|")
                if m is not None and not table_row and len(_LETTERS.findall(p.text)) >= 2:
                    reported.add(i)
                    yield self._report_line(article, p.index, f"a run of empty entries ('{m.group().strip()}') between labels")
        # a menu or breadcrumb flattened into one line, its labels joined by bars or arrows
        joiners = _held(_JOINERS, body)
        if joiners:
            for p in paragraphs:
                if p.index not in reported and any(c in p.text for c in joiners) and _joined_labels(p.text):
                    reported.add(p.index)
                    yield self._report_line(article, p.index, f"link labels joined into one line ('{p.text.strip()[:60]}')")
        # the first and last lines of the body, where a page's breadcrumbs, section menu and footer
        # sit: a shorter run of labels there, one of them allowed a colon ("Follow us:")
        min_edge = self.opts["min-edge-run"]
        if len(paragraphs) <= min_edge:
            return
        def edge(p) -> bool:
            return _is_label(p.text, max_words, colon=True) and not _CREDIT_MARKS.search(p.text.rstrip(":："))

        # only the runs that open and close the body are read, not every paragraph
        head = 0
        while head < len(paragraphs) and edge(paragraphs[head]):
            head += 1
        tail = 0
        while tail < len(paragraphs) - head and edge(paragraphs[-1 - tail]):
            tail += 1
        if head == len(paragraphs):  # every paragraph a label: the run from the end is the same one
            tail = head
        for span in (range(head), range(len(paragraphs) - tail, len(paragraphs))):
            run = list(span)
            if min_edge <= len(run) < len(paragraphs) and _distinct(paragraphs, run) == len(run) and (
                reported.isdisjoint(run) and sum(not labels[i] for i in run) <= 1
            ):
                reported.update(run)
                yield self._report(article, run, edge=True)
        # between paragraphs of prose: a shorter run of labels whose words have nothing to do with
        # the story (a menu of the page, not the article's list or its subheadings)
        yield from self._unrelated_runs(article, labels, reported, head, len(paragraphs) - tail)

    def _unrelated_runs(self, article: Article, labels: list[bool], reported: set[int], start: int, stop: int
                        ) -> Iterator[Problem]:
        paragraphs = article.paragraphs
        min_edge, max_words = self.opts["min-edge-run"], self.opts["max-words"]
        if sum(labels[start:stop]) < min_edge - 1:  # a run holds at most one label with a colon
            return
        # a label here may end in a colon ("TV:"), one per run; it must hold letters and be short in a
        # script without spaces (a sentence of Japanese is one "word"): a section mark ("◇") is not one
        def entry(i: int) -> bool:
            text = paragraphs[i].text
            return (labels[i] or len(text) <= _LONGEST_LABEL and _is_label(text, max_words, colon=True)) and (
                _LETTERS.search(text) is not None) and (
                len(NO_SPACE_SCRIPT.findall(text)) <= 8 and not _CREDIT_MARKS.search(text.rstrip(":："))
            )

        run: list[int] = []
        for i in range(start, stop + 1):
            if i < stop and i not in reported and entry(i):
                run.append(i)
                continue
            # between two paragraphs of prose, not inside a longer list of the article's (an entry
            # with a bracket or a figure breaks a run of labels) or after its heading ("The winners:")
            if (min_edge <= len(run) < self.opts["min-run"] and run[0] > 0 and run[-1] < len(paragraphs) - 1
                    and prose(paragraphs[run[0] - 1].text) and prose(paragraphs[run[-1] + 1].text)
                    and _distinct(paragraphs, run) == len(run) and sum(not labels[j] for j in run) <= 1
                    and not speaks_of_story(article, set(run), " ".join(paragraphs[j].text for j in run))):
                reported.update(run)
                yield self._report(article, run, unrelated=True)
            run = []

    def _report_line(self, article: Article, index: int, what: str) -> Problem:
        """A menu flattened into paragraph ``index``."""
        return self.at_paragraph(
            article, index, f"navigation menu in the body: {what}",
            fix=Fix(f"delete {where(article, index)}, a menu of the page", (Edit("delete_paragraph", paragraph=index),), "unsafe"),
        )

    def _report(self, article: Article, run: list[int], edge: bool = False, unrelated: bool = False) -> Problem:
        paragraphs = article.paragraphs
        first, last = run[0], run[-1]
        span = f"{where(article, paragraphs[first].index)} to {where(article, paragraphs[last].index)}"
        labels = ", ".join(paragraphs[i].text for i in run[:5]) + (", ..." if len(run) > 5 else "")
        edits = tuple(Edit("delete_paragraph", paragraph=paragraphs[i].index) for i in run)
        side = "" if not edge else (" at the start of the body" if first == 0 else " at the end of the body")
        if unrelated:
            side = " between paragraphs, unrelated to the story"
        problem = self.at_paragraph(
            article, paragraphs[first].index,
            f"navigation menu in the body{side}: {len(run)} short link labels ({labels})",
            fix=Fix(f"delete the {len(run)} menu paragraphs, {span}", edits, "unsafe"),
        )
        problem.end_line = paragraphs[last].end_line
        return problem


def _joined_labels(text: str) -> bool:
    """Four entries or more joined by a bar, an arrow or a bullet, nearly all of them menu labels
    (at most four words, no figures, no sentence punctuation) and none empty or over six words:
    a table row opens with a bar, a quotation opens or closes with a guillemet (an empty entry),
    and a dateline or programme line holds dates and times."""
    text = text.strip()
    if len(text) > 400 or text.startswith(("|", "｜")):
        return False
    entries = _JOINER.split(text)
    if len(entries) < 4 or not all(entries) or any(len(e.split()) > 6 for e in entries):
        return False
    return sum(_is_label(e, 4) for e in entries) >= max(4, 0.8 * len(entries))


def _distinct(paragraphs, run: list[int]) -> int:
    return len({paragraphs[i].text.casefold() for i in run})


def menu_paragraphs(article: Article) -> frozenset[int]:
    """The paragraphs NL323 with its default options reports as a menu: NL332 leaves a label inside
    such a run to it. Read once per article: a run with NL323 at its defaults keeps them when it
    checks the article (before NL332, in the order of the codes), else they are found here."""
    found = article.__dict__.get("_menu_paragraphs")
    if found is None:
        found = article.__dict__["_menu_paragraphs"] = _paragraphs_of(_DEFAULT._menus(article))
    return found


def _paragraphs_of(problems) -> frozenset[int]:
    """The paragraphs the fixes of these NL323 findings delete: the menus' paragraphs."""
    return frozenset(e.paragraph for problem in problems if problem.fix is not None for e in problem.fix.edits)


_DEFAULT = NavigationMenu()
_DEFAULTS = _DEFAULT.opts

RULES = [NavigationMenu]
