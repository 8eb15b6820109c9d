"""NL320 html-tag, NL321 html-entity: markup the extractor left in the text."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import text_where
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
#: an HTML tag naming one of _ELEMENTS, bare or with attributes; bounded, so that a search costs at
#: most a few hundred steps a position. HTML comments are found apart (:func:`markup_spans`): as
#: ``<!--.*?-->``, each "<!--" of a text holding many and no "-->" scanned the rest of the text
#: again (a 120 KB paragraph of them took 30 seconds)
TAG_RE = LazyPattern(rf"</?(?:{_ELEMENTS})(?:\s+[^<>=]{{1,100}}=[^<>]{{0,400}}?)?\s*/?>", re.IGNORECASE)


def markup_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the HTML comments (``<!-- ... -->``) and tags (TAG_RE) of ``text``, leftmost
    first and not overlapping: what ``<!--.*?-->|TAG_RE`` (DOTALL) finds, in linear time. A comment
    ends at the first "-->" after its "<!--"; once no "-->" follows a "<!--", no later one closes
    either, and only tags are looked for."""
    spans: list[tuple[int, int]] = []
    search = TAG_RE.search
    tag = search(text)
    start = text.find("<!--")  # the next comment's start and end (-1: no more comments)
    end = text.find("-->", start + 4) + 3 if start != -1 else -1
    if end == 2:
        start = -1
    while start != -1 or tag is not None:
        if start != -1 and (tag is None or start < tag.start()):
            spans.append((start, end))
            pos = end
        else:
            spans.append(tag.span())  # type: ignore[union-attr]
            pos = tag.end()  # type: ignore[union-attr]
        if tag is not None and tag.start() < pos:
            tag = search(text, pos)
        if start != -1 and start < pos:
            start = text.find("<!--", pos)
            if start != -1:
                end = text.find("-->", start + 4) + 3
                if end == 2:
                    start = -1
    return spans


def has_markup(text: str) -> bool:
    """Whether :func:`markup_spans` finds anything in ``text``, without listing it."""
    if TAG_RE.search(text) is not None:
        return True
    start = text.find("<!--")
    return start != -1 and text.find("-->", start + 4) != -1
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
            located = markup_spans(text)
            found = [text[a:b] for a, b in located]
            if not found:
                continue
            spans = []
            for (a, b), tag in zip(located, found):
                block = tag.lower().lstrip("</").startswith(("br", "p", "div", "li", "h", "tr"))
                spans.append((a, b, " " if block else ""))
            tags = ", ".join(dict.fromkeys(shorten(tag, 30) for tag in found[:3]))
            more = f" and {len(found) - 3} more" if len(found) > 3 else ""
            yield problem_at(
                article, fld, index,
                f"HTML markup left in {text_where(article, fld, index)}: {tags}{more}",
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
    reference and the character mean the same text. In plain text and Markdown, where a line break
    ends a header field or a paragraph, a reference to a line or paragraph break (``&#10;``,
    ``&#13;``, ``&#8232;``, a vertical tab, a form feed) becomes one space. A reference whose
    character would start another reference (``&amp;lt;``) is left, and so, in a Markdown body or
    heading, is one whose character is Markdown or HTML syntax where it stands (``&lt;``, ``&gt;``,
    a backtick, ``*``, ``_``, ``[``, ``]``, ``\\``, ``~``; ``#``, ``-``, ``+``, ``=`` or a list
    number at the start of a line): decoded, it would make markup of text. Those are reported in
    a finding of their own, without a fix.
    """

    code = "NL321"
    name = "html-entity"
    severity = "error"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        text_format = article.format in ("txt", "md")
        for fld, index, text in text_units(article):
            if "&" not in text:
                continue
            spans: list[tuple[int, int, str]] = []
            kept: list[tuple[int, int]] = []
            reasons: set[str] = set()
            for m in ENTITY_RE.finditer(text):
                decoded = html.unescape(m.group())
                if decoded == m.group():
                    continue
                if decoded == "\xa0":
                    decoded = " "
                elif text_format and (decoded in _BREAKS or (decoded == "" and _code_point(m.group()) in _BREAK_CODES)):
                    decoded = " "  # a line break would end the header line or split the paragraph
                reason = _left_alone(article, fld, index, text, m.start(), m.end(), decoded) if text_format else None
                if reason is not None:
                    kept.append((m.start(), m.end()))
                    reasons.add(reason)
                    continue
                spans.append((m.start(), m.end(), decoded))
            if spans:
                yield problem_at(
                    article, fld, index,
                    f"undecoded HTML entity in {text_where(article, fld, index)}: {_names(text, spans)}",
                    fix=replace_fix("decode the HTML entities", fld, index, spans, safe=True),
                )
            if kept:
                yield problem_at(
                    article, fld, index,
                    f"undecoded HTML entity in {text_where(article, fld, index)}: {_names(text, kept)}"
                    f" (not fixed: decoded, {', or '.join(sorted(reasons))}; decode or escape it by hand)",
                )


#: characters that end a line for the text readers or for an editor (str.splitlines)
_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
_BREAK_CODES = frozenset(ord(c) for c in _BREAKS)
#: Markdown and HTML syntax wherever it stands
_MD_ANYWHERE = frozenset("<>`*_[]\\~")
#: Markdown syntax at the start of a line: headings, block quotes, list items, setext underlines
_MD_LINE_START = frozenset("#>-+*=")
_LIST_NUMBER = LazyPattern(r"\s*[0-9]{0,9}")


def _names(text: str, spans) -> str:
    names = ", ".join(dict.fromkeys(text[sp[0]:sp[1]] for sp in spans[:3]))
    return names + (f" and {len(spans) - 3} more" if len(spans) > 3 else "")


def _code_point(ref: str) -> int | None:
    if not ref.startswith("&#"):
        return None
    digits = ref[2:-1]
    try:
        return int(digits[1:], 16) if digits[:1] in ("x", "X") else int(digits)
    except ValueError:
        return None


def _left_alone(article: Article, fld: str, index: int | None, text: str, start: int, end: int, decoded: str) -> str | None:
    """Why the reference at ``text[start:end]`` must stay as it is in a plain-text or Markdown
    article: its character would start another reference (decoded again on the next run), or, in
    Markdown outside the front matter, it is syntax where it stands. None: it may be decoded."""
    if decoded == "&":
        m = ENTITY_RE.match("&" + text[end:end + 40])
        if m is not None and html.unescape(m.group()) != m.group():
            return "it would start another reference"
    if article.format != "md" or len(decoded) != 1 or (fld != "body" and fld in article.field_keys):
        return None  # (a front-matter value is YAML, not Markdown)
    markup = "it would be read as Markdown or HTML"
    if decoded in _MD_ANYWHERE:
        return markup
    if decoded not in _MD_LINE_START and not decoded.isdigit() and decoded not in ".)":
        return None
    before = html.unescape(_line_before(article, fld, index, text, start))
    if decoded in _MD_LINE_START:
        at_start = not before.strip()
    elif decoded.isdigit():
        at_start = bool(_LIST_NUMBER.fullmatch(before))
    else:
        at_start = bool(_LIST_NUMBER.fullmatch(before)) and any(c.isdigit() for c in before)
    return markup if at_start else None


def _line_before(article: Article, fld: str, index: int | None, text: str, start: int) -> str:
    """The source text of the line before ``text[start]``: found through the paragraph's span of the
    file for the body; a header field's text is taken as starting its line (the safe guess)."""
    if fld != "body" or index is None or article.body_text is None:
        return text[:start]
    p = article.paragraphs[index]
    src = article.body_text
    # the paragraph's text is its source with white space collapsed: the n-th other character of
    # one is the n-th of the other
    n = sum(1 for c in text[:start] if not c.isspace())
    j = p.start
    while j < p.end:
        if not src[j].isspace():
            if n == 0:
                break
            n -= 1
        j += 1
    else:
        return text[:start]
    return src[src.rfind("\n", 0, j) + 1 : j]


RULES = [HtmlTag, HtmlEntity]
