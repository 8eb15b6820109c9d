"""NL320 html-tag, NL321 html-entity: markup the extractor left in the text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._text import problem_at, replace_fix, text_units
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule, shorten

#: element names of HTML that appear in article pages; a tag must name one of them, so that
#: "x < y > z" or "<3" is not taken for markup
_ELEMENTS = (
    "a|abbr|article|aside|audio|b|blockquote|body|br|button|caption|center|cite|code|dd|del|div|dl|dt|em|"
    "embed|figcaption|figure|font|footer|form|h[1-6]|head|header|hr|html|i|iframe|img|input|ins|label|li|"
    "link|main|mark|meta|nav|noscript|object|ol|option|p|param|picture|pre|q|s|script|section|select|"
    "small|source|span|strike|strong|style|sub|sup|svg|table|tbody|td|textarea|tfoot|th|thead|time|title|"
    "tr|u|ul|video|wbr"
)
TAG_RE = LazyPattern(
    rf"<!--.*?-->|</?(?:{_ELEMENTS})(?:\s+[^<>=]{{1,100}}=[^<>]{{0,400}}?)?\s*/?>",
    re.IGNORECASE | re.DOTALL,
)
ENTITY_RE = LazyPattern(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


class HtmlTag(Rule):
    """An HTML tag or comment left in the text (``<p>``, ``<br/>``, ``<a href="...">``, ``<!-- -->``).

    Extractors that fall back to the raw page, or feeds that carry HTML in a text field, leave
    markup in titles and paragraphs. Only tags naming a real HTML element, bare or with
    ``name=value`` attributes, are flagged, so that "x < y > z" or "<em dash>" is not mistaken for
    markup. A warning: an article about web development may quote
    a tag on purpose.

    Fails::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday.<br/>Work starts in May.

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday. Work starts in May.

    Fix: removes the tags (a ``<br>`` or ``<p>`` becomes a space), keeping the text between them.
    Unsafe: a tag may be quoted on purpose in an article about HTML, and a removed ``<script>``
    tag leaves its code behind.
    """

    code = "NL320"
    name = "html-tag"
    severity = "warning"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        for fld, index, text in text_units(article):
            if "<" not in text:
                continue
            found = list(TAG_RE.finditer(text))
            if not found:
                continue
            spans = []
            for m in found:
                block = m.group().lower().lstrip("</").startswith(("br", "p", "div", "li", "h", "tr"))
                spans.append((m.start(), m.end(), " " if block else ""))
            tags = ", ".join(dict.fromkeys(shorten(m.group(), 30) for m in found[:3]))
            more = f" and {len(found) - 3} more" if len(found) > 3 else ""
            yield problem_at(
                article, fld, index,
                f"HTML markup left in the text: {tags}{more}",
                fix=replace_fix("remove the HTML tags, keeping the text", fld, index, spans, safe=False),
            )


class HtmlEntity(Rule):
    """An HTML character reference left unescaped in the text (``&amp;``, ``&#8217;``, ``&nbsp;``).

    Text taken from HTML without decoding its character references shows ``AT&amp;T``,
    ``it&#8217;s`` or ``&nbsp;`` to readers and to models. Only references that HTML defines are
    flagged: ``AT&T;`` or ``R&D;`` are left alone.

    Fails::

        Shares in AT&amp;T Rise After Earnings
        (blank line)
        The company said it&#8217;s on track to meet its targets.

    Passes::

        Shares in AT&T Rise After Earnings
        (blank line)
        The company said it’s on track to meet its targets.

    Fix: decodes each reference to its character (``&nbsp;`` becomes a plain space). Safe: the
    reference and the character mean the same text.
    """

    code = "NL321"
    name = "html-entity"
    severity = "error"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        for fld, index, text in text_units(article):
            if "&" not in text:
                continue
            spans = []
            for m in ENTITY_RE.finditer(text):
                decoded = html.unescape(m.group())
                if decoded == m.group():
                    continue
                spans.append((m.start(), m.end(), " " if decoded == "\xa0" else decoded))
            if not spans:
                continue
            names = ", ".join(dict.fromkeys(text[s:e] for s, e, _ in spans[:3]))
            more = f" and {len(spans) - 3} more" if len(spans) > 3 else ""
            yield problem_at(
                article, fld, index,
                f"undecoded HTML entity in the text: {names}{more}",
                fix=replace_fix("decode the HTML entities", fld, index, spans, safe=True),
            )


RULES = [HtmlTag, HtmlEntity]
