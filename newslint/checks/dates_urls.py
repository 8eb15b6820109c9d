"""NL210 unparseable-date, NL211 placeholder-value, NL212 future-date, NL213 old-date,
NL214 missing-url, NL215 malformed-url."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

from newslint.article import RECORD_FORMATS, Article
from newslint.checks._common import field_where
from newslint.dates import parse_date
from newslint.rule import Problem, Rule, shorten
from newslint.lazy import LazyPattern

#: what serialisers write for a missing value
PLACEHOLDERS = frozenset({"none", "null", "nil", "undefined", "nan", "[object object]", "n/a", "#n/a"})
_HOST = LazyPattern(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$|^\d{1,3}(?:\.\d{1,3}){3}$")


def is_placeholder(value: str | None) -> bool:
    return value is not None and value.strip().casefold() in PLACEHOLDERS


def _blank(value: str | None) -> bool:
    return value is None or not value.strip()


class UnparseableDate(Rule):
    """A publication date that is not a date newslint can read.

    Accepted: ISO 8601, RFC 2822, English month-name dates with optional weekday and time, d/m/Y and
    m/d/Y numerals, Unix epoch seconds or milliseconds. Anything else ("vor 3 Stunden", "Updated
    yesterday", a byline in the date field) cannot be sorted or filtered on; dataset users expect a
    normalised timestamp. Placeholders such as "None" are NL211's finding.

    Fails::

        {"title": "Council Approves Harbour Budget", "date": "3 hours ago", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget", "date": "2025-03-11T18:40:00+01:00", "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: none; normalise dates to ISO 8601 when scraping (the page's ``datePublished`` metadata).
    """

    code = "NL210"
    name = "unparseable-date"
    severity = "warning"

    def check(self, article: Article) -> Iterator[Problem]:
        value = article.date
        if _blank(value) or is_placeholder(value) or parse_date(value) is not None:
            return
        yield self.at_field(article, "date", f"unparseable date: \"{shorten(value, 40)}\"",
                            suggestion="store the publication date as ISO 8601 (2025-03-11T18:40:00+01:00)")


class PlaceholderValue(Rule):
    """A metadata field holding a serialiser's placeholder: "None", "null", "undefined", "NaN".

    When a scraper writes a missing value through ``str()`` or a template, the field is not empty
    but holds the word for nothing: "None" as a date, "null" as a byline, "undefined" as a url.
    Filters for missing values do not see it, and it ends up as an author called "None". Checked
    fields: title, summary, byline, date and url.

    Fails::

        {"title": "Council Approves Harbour Budget", "byline": "Lena Morris", "date": "None", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget", "byline": "Lena Morris", "date": null, "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: none offered; clearing the field is right, but do it in the scraper so the value is
    missing, not a string.
    """

    code = "NL211"
    name = "placeholder-value"
    severity = "error"

    def check(self, article: Article) -> Iterator[Problem]:
        for fld in ("title", "summary", "byline", "date", "url"):
            value = getattr(article, fld)
            if is_placeholder(value):
                yield self.at_field(
                    article, fld, f"placeholder in {fld}: \"{value.strip()}\" stands for a missing value",
                    suggestion=f"leave {field_where(article, fld)} empty instead of writing \"{value.strip()}\"",
                )


class _DateRule(Rule):
    def parsed(self, article: Article) -> datetime | None:
        if _blank(article.date) or is_placeholder(article.date):
            return None
        return parse_date(article.date)


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=timezone.utc)


class FutureDate(_DateRule):
    """A publication date in the future.

    A date more than ``tolerance-days`` ahead of today is a parsing error (day and month swapped,
    a two-digit year read as 20xx), an event date taken for the publication date, or a clock
    problem. ``today`` (ISO date) fixes the reference day for reproducible runs; by default it is
    the day of the run. The tolerance covers time zones and stories scheduled a day ahead.

    Fails::

        {"title": "Council Approves Harbour Budget", "date": "2099-03-11", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget", "date": "2025-03-11", "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: none; check the date format the scraper assumes.
    """

    code = "NL212"
    name = "future-date"
    severity = "warning"
    options = {"tolerance-days": 2, "today": ""}

    def __init__(self, options=None) -> None:
        super().__init__(options)
        today = self.opts["today"]
        ref = parse_date(today) if today else datetime.now(timezone.utc)
        if ref is None:
            from newslint.rule import OptionError

            raise OptionError(f"{self.code} ({self.name}) option 'today' must be a date, not {today!r}")
        try:
            self.limit = _aware(ref) + timedelta(days=self.opts["tolerance-days"])
        except OverflowError:  # past the year 9999: no date can be later
            self.limit = datetime.max.replace(tzinfo=timezone.utc)

    def cache_key(self) -> str | None:
        # "the future" moves with the clock: cached findings are kept for the day of the limit
        return None if self.opts["today"] else self.limit.date().isoformat()

    def check(self, article: Article) -> Iterator[Problem]:
        dt = self.parsed(article)
        if dt is not None and _aware(dt) > self.limit:
            yield self.at_field(article, "date", f"date in the future: {dt.date().isoformat()}",
                                suggestion="check the date: day and month swapped, or an event date?")


class OldDate(_DateRule):
    """A publication date before ``min-year``.

    The web news era starts in the mid-1990s; dates such as 1970-01-01 (Unix time zero),
    0001-01-01 or 1900-01-01 are defaults written when no date was found. The default year of 1980
    leaves room for digitised archives; archive teams with older material lower it.

    Fails::

        {"title": "Council Approves Harbour Budget", "date": "1970-01-01T00:00:00Z", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget", "date": "2025-03-11", "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: none; the date has to come from the page.
    """

    code = "NL213"
    name = "old-date"
    severity = "warning"
    options = {"min-year": 1980}

    def check(self, article: Article) -> Iterator[Problem]:
        dt = self.parsed(article)
        if dt is not None and dt.year < self.opts["min-year"]:
            yield self.at_field(article, "date", f"implausibly old date: {dt.date().isoformat()}, before {self.opts['min-year']}",
                                suggestion="a default value stands in for a missing date; find the real one")


class MissingUrl(Rule):
    """A record without a url.

    The url is an article's provenance: it identifies the record across datasets, lets a user
    fetch the page again and carries the site for per-source statistics. Checked for JSON and JSON
    Lines records, the form scraped datasets take; text and Markdown articles (with or without
    front matter) are often written or archived rather than crawled, so they are not required to
    carry one.

    Fails::

        {"title": "Council Approves Harbour Budget", "url": "", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget", "url": "https://www.harbourgazette.com/news/budget", "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: none; the url has to come from the crawl.
    """

    code = "NL214"
    name = "missing-url"
    severity = "warning"

    def check(self, article: Article) -> Iterator[Problem]:
        if article.format in RECORD_FORMATS and _blank(article.url):
            yield Problem("missing url: the article has no source address", line=article.line, field="url",
                          suggestion="keep the page's canonical url with the record")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an absolute http(s) address, or None when it is one."""
    if url != url.strip():
        return "white space around it"
    if re.search(r"\s", url):
        return "white space inside it"
    if url.startswith("//"):
        return "no scheme (protocol-relative)"
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as exc:
        return f"not a valid address ({exc})"
    if not parts.scheme:
        return "not absolute (no scheme and host)"
    if parts.scheme.lower() not in ("http", "https"):
        return f"scheme '{shorten(parts.scheme, 30)}' is not http or https"
    if not host:
        return "no host"
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number from 0 to 65535
    except ValueError:
        return f"invalid port '{parts.netloc.rpartition(':')[2]}'"
    if ":" in host:  # an IPv6 literal ([::1]): the brackets made it one
        import ipaddress

        try:
            ipaddress.IPv6Address(host.split("%", 1)[0])
        except ValueError:
            return f"invalid host '{shorten(host, 60)}'"
        return None
    try:
        host.encode("idna")
    except UnicodeError:
        return f"invalid host '{shorten(host, 60)}'"
    if host != "localhost" and not _HOST.match(host.encode("idna").decode("ascii").lower()):
        return f"invalid host '{shorten(host, 60)}'"
    return None


class MalformedUrl(Rule):
    """A url that is not an absolute http or https address.

    Relative paths ("/news/budget"), protocol-relative urls ("//example.com/..."), other schemes,
    white space, and hosts that are not host names break deduplication by url, per-site
    statistics and refetching. Placeholders ("None") are NL211's finding.

    Fails::

        {"title": "Council Approves Harbour Budget", "url": "/news/2025/03/budget", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget", "url": "https://www.harbourgazette.com/news/2025/03/budget", "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: none offered: the scheme and host have to come from the crawl (for white space around the
    url, trimming it is enough).
    """

    code = "NL215"
    name = "malformed-url"
    severity = "error"

    def check(self, article: Article) -> Iterator[Problem]:
        url = article.url
        if _blank(url) or is_placeholder(url):
            return
        key = article.field_keys.get("url")
        raw = article.raw.get(key) if isinstance(article.raw, dict) and key else None
        if isinstance(raw, (list, tuple)) and len(raw) > 1:  # joined with ", " by the reader
            why: str | None = f"a list of {len(raw)} values, not one address"
        else:
            why = url_problem(url)
        if why is not None:
            yield self.at_field(article, "url", f"malformed url: {why}", excerpt=shorten(url),
                                suggestion="store the absolute canonical url (https://host/path)")


RULES = [UnparseableDate, PlaceholderValue, FutureDate, OldDate, MissingUrl, MalformedUrl]
