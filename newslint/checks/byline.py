"""NL208 byline-junk and NL209 long-byline."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.article import Article, compact
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule, shorten
from newslint.violation import Edit, Fix

#: Each of these starts only where a run of the characters it repeats starts (the look-behinds),
#: finding what ``\b[\w-]+...``, ``[\w.+-]+@...`` and ``[\s;,...]*...`` find: started at every
#: character of a long run ("a-a-a-...", a line of dashes), they scanned the rest of the run from
#: each one, and a hostile byline of 40 KB took minutes (tests/test_linear_patterns.py)
_URL = LazyPattern(r"https?://|www\.|(?<![\w-])-*\b[\w-]+\.(?:com|org|net|co\.uk|de|fr|at|ch|it|es|nl)\b(?:\.\w{2})?", re.I)
_EMAIL = LazyPattern(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
#: an e-mail address or domain whose punctuation the extractor turned into spaces ("lberry Com")
_MANGLED = LazyPattern(r"(?<![\w-])(?=[\w-]*?\b[a-z])[\w-]*\s+com\b", re.I)
_HANDLE = LazyPattern(r"(?<![\w.])@\w{2,}")
_LEADING_BY = LazyPattern(r"^\s*by\s+(?=\S)", re.I)
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: months whose names are not people's names too (May, June, April, August, March and short forms
#: such as "Jan" are): one of these ending a byline alone is a date cut short ("Laura Topolsky July")
_MONTH_NOT_NAME = r"(?:january|february|july|september|october|november|december)"
#: a date, time, weekday or "Posted"/"Updated" stamp glued to the end of the byline (a month name
#: next to a number, after a separator ("Malcolm Harris; January") or one that is no name: "Theresa
#: May" and "Brian May" are names)
_TRAILING_DATE = LazyPattern(
    rf"(?<![\s;,|·•–—-])(?:[\s;,|·•–—-]*(?:\b(?:posted|updated|published)\b.*|\b\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTH}\b.*"
    rf"|\b{_MONTH}\b\.?\s*\d.*|(?<=[;,|·•–—-])\s*{_MONTH}\b\.?|\b{_MONTH_NOT_NAME}\b\.?"
    rf"|\b{_WEEKDAY}\b.*"
    rf"|\d{{1,2}}:\d{{2}}.*|\d{{4,}}.*|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}.*))\s*$",
    re.I,
)
_NOISE = LazyPattern(
    r"\b(?:view (?:author|all|full) (?:archive|profile|posts|articles)|author archive|rss feed|get author"
    r"|follow(?: (?:me|us|on))?|e-?mail(?: me| the author)?|comments?|googletag|dfp|cmd push|read more|more from"
    r"|click here|twitter|facebook|linkedin|instagram)\b",
    re.I,
)
_LEADING_DATE = LazyPattern(rf"^\s*(?:{_MONTH}\b\.?\s+\d|\d{{1,2}}\s+{_MONTH}\b|\d{{4}}-\d\d-\d\d|{_WEEKDAY}\b)", re.I)
_SPLIT = LazyPattern(r"\s*(?:[,;&/()\n]|\b(?:and|und|et|y|e|avec|with|mit|con|og|och|en)\b)\s*", re.I)


def byline_problems(article: Article, byline: str) -> list[str]:
    """What is wrong with a byline, as short phrases; empty when it looks like names."""
    reasons: list[str] = []
    if _EMAIL.search(byline):
        reasons.append("an e-mail address")
    elif _URL.search(byline):
        reasons.append("a URL or domain")
    elif _MANGLED.search(byline):
        reasons.append("a mangled e-mail address or domain")
    if _HANDLE.search(byline) and not _EMAIL.search(byline):
        reasons.append("a social media handle")
    if "byline" in article.field_keys and _LEADING_BY.match(byline):
        reasons.append('a leading "By"')
    if _LEADING_DATE.match(byline):
        reasons.append("a date instead of a name")
    elif _TRAILING_DATE.search(byline) and _TRAILING_DATE.sub("", byline).strip():
        reasons.append("a trailing date or time")
    noise = _NOISE.search(byline)
    if noise:
        reasons.append(f'page furniture ("{noise.group(0)}")')
    if "\n" in byline.strip() or "\t" in byline:
        reasons.append("a line break")
    whole = compact(byline)
    keys = article.site_keys
    if whole and keys and any(whole == k or whole in (k + "news", k + "com", k + "online") for k in keys):
        reasons.append("the site's name")
    return reasons


def clean_byline(byline: str) -> tuple[str, bool]:
    """The byline without leading "By", trailing date stamp and extra white space, and whether only
    the safe parts (white space, "By") changed."""
    text = " ".join(byline.split())
    text = _LEADING_BY.sub("", text)
    safe = True
    stripped = _TRAILING_DATE.sub("", text).strip(" ;,|·•–—-")
    if stripped and stripped != text:
        text, safe = stripped, False
    return text, safe


class BylineJunk(Rule):
    """A byline holding something other than names: a URL, an e-mail address, a date, page text.

    Author extraction picks up whatever sits near the author element: "By" prefixes, e-mail
    addresses (or their remains, "lberry Com"), social handles, publication stamps ("Posted Feb",
    "22 Dec 2016"), link text ("View author archive", "Follow") and the site's own name standing in
    for a person. In a dataset that breaks author statistics and attribution. A leading "By" is
    only junk in a structured field (in a plain-text article the "By ..." line is how a byline is
    written). The site's name is recognised from the url host, the domain field or a ``site_name``
    field.

    Fails::

        {"title": "Council Approves Harbour Budget", "byline": "By Lena Morris 12 March 2025 10:41", "url": "https://www.harbourgazette.com/news/budget", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget", "byline": "Lena Morris, Piet de Wit", "url": "https://www.harbourgazette.com/news/budget", "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: sets the byline to the names without the leading "By", the trailing date stamp and extra
    white space (a byline line of a plain-text or Markdown article keeps its "By", which is what makes
    it the byline). Safe when only "By" and white space go; unsafe when a trailing date is cut. URLs,
    e-mail addresses, site names and page text have no automatic fix.
    """

    code = "NL208"
    name = "byline-junk"
    severity = "warning"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        byline = article.byline
        if not byline or not byline.strip():
            return
        reasons = byline_problems(article, byline)
        if not reasons:
            return
        fix = None
        cleanable = set(reasons) <= {'a leading "By"', "a trailing date or time", "a line break"}
        if cleanable:
            cleaned, safe = clean_byline(byline)
            by = _LEADING_BY.match(byline)
            if cleaned and by and "byline" not in article.field_keys:
                # a byline line of the text ("By Lena Morris, 12 March 2025"): its "By" is what makes it
                # the byline, and it stays
                cleaned = f"{by.group(0).strip()} {cleaned}"
            if cleaned and cleaned != byline:
                fix = Fix(f"set the byline to \"{shorten(cleaned, 60)}\"", (Edit("set_field", field="byline", text=cleaned),),
                          "safe" if safe else "unsafe")
        yield self.at_field(
            article,
            "byline",
            f"junk in byline: {', '.join(reasons)}",
            suggestion="keep only the authors' names in the byline",
            fix=fix,
            excerpt=shorten(byline),
        )


class LongByline(Rule):
    """A byline with a "name" longer than any name, or far too long overall.

    A byline lists names: even a long list of co-authors consists of short parts. A part (between
    commas, semicolons, "and", "und", "et" ...) of more than ``max-name-words`` words, or a byline
    of more than ``max-chars`` characters, means the extractor took an author biography, a
    paragraph or a block of page text for the byline.

    Fails::

        {"title": "Council Approves Harbour Budget", "byline": "Lena Morris is our local government reporter and has covered the council since 2019", "text": "The regional council approved the harbour budget on Tuesday."}

    Passes::

        {"title": "Council Approves Harbour Budget", "byline": "Lena Morris, Piet de Wit, Ana Sousa and Tom Hale", "text": "The regional council approved the harbour budget on Tuesday."}

    Fix: none; the names have to be picked out by hand or by a better extractor.
    """

    code = "NL209"
    name = "long-byline"
    severity = "warning"
    options = {"max-name-words": 6, "max-chars": 300}

    def check(self, article: Article) -> Iterator[Problem]:
        byline = " ".join((article.byline or "").split())
        if not byline:
            return
        if len(byline) > self.opts["max-chars"]:
            msg = f"byline too long: {len(byline)} characters, more than {self.opts['max-chars']}"
        else:
            longest = max((p for p in _SPLIT.split(byline) if p), key=lambda p: len(p.split()), default="")
            if len(longest.split()) <= self.opts["max-name-words"]:
                return
            msg = f"byline too long: \"{shorten(longest, 40)}\" has {len(longest.split())} words, not a name"
        yield self.at_field(article, "byline", msg, suggestion="keep only the authors' names in the byline",
                            excerpt=shorten(byline))


RULES = [BylineJunk, LongByline]
