"""NL205 long-title, NL206 title-all-caps, NL207 title-site-name."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article, compact
from newslint.checks._common import field_where
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule, shorten
from newslint.violation import Edit, Fix

#: separators sites put between the headline and their name
#: (starting only where a run of white space starts: from every space of a long run, the search
#: scanned the rest of the run again, and a title padded with spaces took seconds)
_SUFFIX = LazyPattern(r"(?<!\s)\s+(?:\||[-–—]|::|»|·|•)\s+(?P<site>[^|–—»·•]{1,60}?)\s*$")


class LongTitle(Rule):
    """A headline longer than ``max-chars`` characters.

    News headlines are short: most are under 100 characters and even long web headlines with a
    quotation stay under 200. A longer "title" is usually the lede, the summary or a whole
    breadcrumb trail stored in the title field by the extractor.

    Fails::

        The regional council voted late on Tuesday to approve a new budget for the harbour, the ferry terminal and the coastal road, after a debate that lasted most of the afternoon and ended with a narrow majority
        By Lena Morris

        The regional council approved the harbour budget on Tuesday.

    Passes::

        Council Approves Harbour Budget After Long Debate
        By Lena Morris

        The regional council approved the harbour budget on Tuesday.

    Fix: none; take the headline from the page's ``<h1>`` or ``og:title``.
    """

    code = "NL205"
    name = "long-title"
    severity = "warning"
    options = {"max-chars": 200}

    def check(self, article: Article) -> Iterator[Problem]:
        title = " ".join((article.title or "").split())
        if len(title) > self.opts["max-chars"]:
            yield self.at_field(
                article,
                "title",
                f"title too long: {len(title)} characters, more than {self.opts['max-chars']}",
                suggestion="check the extraction: the title looks like a lede or summary",
                excerpt=shorten(title),
            )


class TitleAllCaps(Rule):
    """A headline written entirely in capital letters.

    Some sites style headlines in capitals with CSS, and some extractors copy the rendered text; in
    a dataset the shouting headline is harder to deduplicate against the same story elsewhere and
    reads as a different string to search. Only titles with at least ``min-letters`` cased letters
    and three words are checked, so acronyms ("NATO", "G7 SUMMIT") pass, and scripts without case
    are never flagged.

    Fails::

        COUNCIL APPROVES HARBOUR BUDGET AFTER LONG DEBATE
        By Lena Morris

        The regional council approved the harbour budget on Tuesday.

    Passes::

        Council Approves Harbour Budget After Long Debate
        By Lena Morris

        The regional council approved the harbour budget on Tuesday.

    Fix: none; restoring the capitalisation of names needs the source page.
    """

    code = "NL206"
    name = "title-all-caps"
    severity = "warning"
    options = {"min-letters": 12}

    def check(self, article: Article) -> Iterator[Problem]:
        title = article.title or ""
        cased = [ch for ch in title if ch.isalpha() and ch.lower() != ch.upper()]
        if len(cased) < self.opts["min-letters"] or len(title.split()) < 3:
            return
        upper = sum(1 for ch in cased if ch.isupper())
        if upper == len(cased):
            yield self.at_field(
                article,
                "title",
                "title in all capitals",
                suggestion="take the headline as the page's markup gives it, not as CSS renders it",
                excerpt=shorten(title),
            )


def site_suffix(article: Article) -> tuple[str, str, bool] | None:
    """(headline without the suffix, the suffix, exact match) when the title ends in the site name."""
    title = article.title or ""
    keys = article.site_keys
    if not keys:
        return None
    m = _SUFFIX.search(title)
    if not m:
        return None
    site = m["site"].strip()
    key = compact(site)
    head = title[: m.start()].rstrip()
    if not key or len(site.split()) > 4 or len(compact(head)) < 3:
        return None
    if key in keys:
        return head, site, True
    for k in keys:
        if (k in key and len(k) * 2 >= len(key)) or (key in k and len(key) * 2 >= len(k)):
            return head, site, False
    return None


class TitleSiteName(Rule):
    """A headline carrying the site's name: "Headline | Site", "Headline - Site".

    The HTML ``<title>`` element usually ends in the site's name; extractors that fall back on it
    store "Budget Approved | The Gazette" as the headline. The suffix is repeated in every title of
    the site, which skews deduplication, search and headline statistics. The name is recognised by
    comparing the text after the last separator (``|``, ``-``, ``–``, ``—``, ``::``, ``»``, ``·``)
    with the article's host name (from ``url`` or the domain field) and any ``site_name`` field,
    ignoring case, spaces and punctuation; titles without a url or domain are not checked.

    Fails::

        {"title": "Council Approves Harbour Budget | Harbour Gazette", "url": "https://www.harbourgazette.com/news/budget", "byline": "Lena Morris", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget - Opposition Calls for Delay", "url": "https://www.harbourgazette.com/news/budget", "byline": "Lena Morris", "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: sets the title to the text before the separator. Safe when the suffix is exactly the site's
    name or host; unsafe when it only contains it ("MIT Technology Review" for technologyreview.com).
    """

    code = "NL207"
    name = "title-site-name"
    severity = "warning"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        found = site_suffix(article)
        if found is None:
            return
        head, site, exact = found
        there = field_where(article, "title")
        yield self.at_field(
            article,
            "title",
            f"site name in title: \"{site}\" after the headline",
            suggestion=f"drop \"{site}\" from the title ({there})",
            fix=Fix(f"set the title to \"{shorten(head, 80)}\"", (Edit("set_field", field="title", text=head),),
                    "safe" if exact else "unsafe"),
            excerpt=shorten(article.title or ""),
        )


RULES = [LongTitle, TitleAllCaps, TitleSiteName]
