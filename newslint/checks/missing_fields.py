"""NL201 missing-byline, NL202 missing-title, NL203 missing-date."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import RECORD_FORMATS, Article
from newslint.rule import Problem, Rule


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


def _add_hint(article: Article, canonical: str, text_hint: str) -> str:
    if article.format in RECORD_FORMATS:
        return f"set the '{article.field_key(canonical)}' field of the record"
    if article.has_metadata:
        return f"add '{canonical}:' to the front matter"
    return text_hint


class MissingByline(Rule):
    """The article has no byline.

    Attribution is what separates reporting from anonymous text: archive teams need it to credit
    authors, and dataset users to filter wire copy, opinion and staff writing. A missing byline
    usually means the extractor did not find the author element, not that the article had none.
    Plain-text articles carry the byline as a "By ..." line in the header; structured records in an
    author field (``byline``, ``author``, ``authors``; an authors list counts).

    Fails::

        Port Strike Enters Second Week

        Dockworkers in Rotterdam stayed off the job for an eighth day on Monday.

    Passes::

        Port Strike Enters Second Week
        By Anna de Vries

        Dockworkers in Rotterdam stayed off the job for an eighth day on Monday.

    Fix: none; the byline has to come from the source page.
    """

    code = "NL201"
    name = "missing-byline"
    severity = "warning"

    def check(self, article: Article) -> Iterator[Problem]:
        if _blank(article.byline) and not article.metadata_unreadable:
            hint = _add_hint(article, "byline", "add a 'By ...' line under the headline")
            line = article.title_line if article.title and not article.has_metadata else article.line
            yield Problem("missing byline: no author is named", line=line, field="byline", suggestion=hint)


class MissingTitle(Rule):
    """The article has no headline.

    Without a title an article cannot be deduplicated by headline, shown in a search result or
    checked for a headline repeated in the body. In records it is an empty or absent ``title``; in
    text files a file whose header is empty.

    Fails::

        {"text": "Dockworkers in Rotterdam stayed off the job ...", "title": ""}

    Passes::

        {"text": "Dockworkers in Rotterdam stayed off the job ...", "title": "Port Strike Enters Second Week"}

    Fix: none; the headline has to come from the source page.
    """

    code = "NL202"
    name = "missing-title"
    severity = "error"

    def check(self, article: Article) -> Iterator[Problem]:
        if _blank(article.title) and not article.metadata_unreadable:
            hint = _add_hint(article, "title", "put the headline on the first line, followed by a blank line")
            yield Problem("missing title: the article has no headline", line=article.line, field="title", suggestion=hint)


class MissingDate(Rule):
    """The article has no publication date.

    A news article without a date cannot be placed in time: it breaks recency filters, temporal
    train/test splits and archive ordering. The rule applies to articles with a metadata block (JSON
    and JSON Lines records, text and Markdown files with YAML front matter); a plain-text file
    without front matter has no place for a date, so it is not checked.

    Fails::

        {"title": "Port Strike Enters Second Week", "date": null, "text": "..."}

    Passes::

        {"title": "Port Strike Enters Second Week", "date": "2025-03-10T08:30:00+01:00", "text": "..."}

    Fix: none; the date has to come from the source page.
    """

    code = "NL203"
    name = "missing-date"
    severity = "warning"

    def check(self, article: Article) -> Iterator[Problem]:
        if article.has_metadata and _blank(article.date) and not article.metadata_unreadable:
            hint = _add_hint(article, "date", "add a date to the front matter")
            yield Problem("missing date: the article has no publication date", line=article.line, field="date", suggestion=hint)


RULES = [MissingByline, MissingTitle, MissingDate]
