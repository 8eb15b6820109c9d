"""NL601 duplicate-article, NL602 duplicate-url, NL603 duplicate-title: exact repeats across a dataset.

The first copy is the earliest in (path, line) order, the order findings are printed in; each
later copy is reported and names it.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.dataset import IndexedDatasetRule, IndexView
from newslint.rule import ArticleRef, Problem


class DuplicateArticle(IndexedDatasetRule):
    """An article whose body is identical to an earlier article's body.

    Crawls fetch the same page twice (under two URLs, in two crawl runs, from a syndication
    partner), and a dataset that keeps both copies over-weights that text in training and
    double-counts it in statistics. Bodies are compared after collapsing white space and case
    (the article's normalised body hash), so copies that differ only in line breaks count. Each
    later copy is reported once and names the first copy (path, line and record id); empty bodies
    are left to the length rules.

    Fails::

        {"id": "a1", "url": "https://example.com/a", "text": "The council approved the budget on Tuesday."}
        {"id": "a2", "url": "https://example.com/b", "text": "The council approved  the budget on Tuesday."}

    Passes::

        {"id": "a1", "url": "https://example.com/a", "text": "The council approved the budget on Tuesday."}
        {"id": "a2", "url": "https://example.com/b", "text": "The mayor vetoed the budget on Friday."}

    Fix: none automatic; drop the later copy from the dataset (keep the first).
    """

    code = "NL601"
    #: on by default, comparing the articles of each file; across files with ``--extend-select NL6``
    default_enabled = True
    name = "duplicate-article"
    severity = "warning"
    parts = frozenset({"body"})

    def report(self, view: IndexView) -> Iterator[tuple[ArticleRef, Problem]]:
        for group in view.groups(view.body):
            first = view.ref(group[0])
            for j in group[1:]:
                yield view.ref(j), Problem(
                    message=f"duplicate article: same body as {first.label}",
                    field="body",
                    suggestion=f"drop this record and keep the first copy, {first.label}",
                )


class DuplicateUrl(IndexedDatasetRule):
    """An article whose URL is the same page as an earlier article's URL.

    One URL should give one record. Two records for it are a re-crawl (often with a different,
    updated body) or a mapping bug. URLs are compared as pages, not strings: ``http`` and
    ``https``, upper-case host names, a leading ``www.``, default ports, a trailing slash, a
    ``#fragment``, the order of query parameters and tracking parameters (``utm_*``, ``fbclid``,
    ``gclid``, ``CMP`` and others; add your own with ``extra-tracking-params``, an entry ending
    in ``*`` being a prefix) do not make two URLs different. The
    message says whether the bodies are identical (then NL601 reports it too) or differ (a
    re-crawl: keep the newer version).

    Fails::

        {"id": "b1", "url": "https://www.example.com/news/rates-rise/", "text": "..."}
        {"id": "b2", "url": "http://example.com/news/rates-rise?utm_source=newsletter", "text": "..."}

    Passes::

        {"id": "b1", "url": "https://example.com/news/rates-rise", "text": "..."}
        {"id": "b2", "url": "https://example.com/news/rates-fall", "text": "..."}

    Fix: none automatic; keep one record per URL.
    """

    code = "NL602"
    #: on by default, comparing the articles of each file; across files with ``--extend-select NL6``
    default_enabled = True
    name = "duplicate-url"
    severity = "warning"
    parts = frozenset({"url", "body"})
    options = {"extra-tracking-params": []}

    def index_settings(self) -> dict:
        extra = self.opts["extra-tracking-params"]
        return {"tracking": tuple(p.lower() for p in extra)} if extra else {}

    def report(self, view: IndexView) -> Iterator[tuple[ArticleRef, Problem]]:
        body = view.body
        for group in view.groups(view.url):
            first = group[0]
            label = view.ref(first).label
            for j in group[1:]:
                same = body is not None and body[j] != 0 and body[j] == body[first]
                how = "identical body" if same else "different body"
                yield view.ref(j), Problem(
                    message=f"duplicate URL: same page as {label} ({how})",
                    field="url",
                    suggestion=f"keep one record per URL ({label} has the same one)",
                )


class DuplicateTitle(IndexedDatasetRule):
    """An article that has the same title as an earlier article but a different body.

    Informational. Two different texts under one headline are usually two versions of a story
    (an update, a correction, a live blog captured twice), sometimes a title extraction that
    returns the section or site name for every page ("World news", "Home"). Either way a reader
    of the dataset wants to know. Titles are compared after collapsing white space and case;
    articles whose body is identical to the first's are NL601's business and are not repeated here.

    Fails::

        {"id": "c1", "title": "Storm closes schools", "text": "Schools in three counties closed on Monday."}
        {"id": "c2", "title": "Storm closes schools", "text": "Schools reopened on Wednesday after the storm."}

    Passes::

        {"id": "c1", "title": "Storm closes schools", "text": "Schools in three counties closed on Monday."}
        {"id": "c2", "title": "Schools reopen after storm", "text": "Schools reopened on Wednesday after the storm."}

    Fix: none automatic; keep the latest version of the story, or fix the title extraction.
    """

    code = "NL603"
    name = "duplicate-title"
    severity = "info"
    parts = frozenset({"title", "body"})

    def report(self, view: IndexView) -> Iterator[tuple[ArticleRef, Problem]]:
        body = view.body
        valid = body != 0
        for group in view.groups(view.title, valid):
            first = group[0]
            label = view.ref(first).label
            for j in group[1:]:
                if body[j] == body[first]:
                    continue
                yield view.ref(j), Problem(
                    message=f"same title as {label} over a different body",
                    field="title",
                    suggestion="keep one version of the story, or check the title extraction",
                )


RULES = [DuplicateArticle, DuplicateUrl, DuplicateTitle]
