"""Helpers for the character-level rules: walk the text fields of an article, build fixes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from newslint.article import Article, non_ascii_part
from newslint.rule import Problem, Rule, shorten
from newslint.violation import Edit, Fix

#: metadata fields checked by the character and markup rules, besides the body
TEXT_FIELDS = ("title", "summary", "byline")


def text_units(article: Article, fields: tuple[str, ...] = TEXT_FIELDS) -> Iterator[tuple[str, int | None, str]]:
    """(field, paragraph index or None, text) for the metadata text fields and every paragraph."""
    for name in fields:
        value = getattr(article, name)
        if value:
            yield name, None, value
    for p in article.paragraphs:
        yield "body", p.index, p.text


#: every character NL402 and NL404-NL406 look for (controls, invisible characters, bidi controls,
#: U+FFFD): one search of the article finds which of them it holds at all
_RARE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060\u2066-\u2069\ufeff\ufffd]"
)


def rare_characters(article: Article) -> str:
    """The distinct control, invisible, bidi and replacement characters of the article's title,
    summary, byline and body (usually none), found once and shared by the rules that need them."""
    found = article.__dict__.get("_rare_characters")
    if found is None:
        found = article.__dict__["_rare_characters"] = "".join(sorted(_rare_set(article.all_text)))
    return found


#: every byte but the ASCII ones _RARE looks for, deleted to leave those
_NOT_RARE_ASCII = bytes(b for b in range(256) if not (b < 128 and _RARE.match(chr(b))))


def _rare_set(text: str) -> set[str]:
    """``set(_RARE.findall(text))`` without a scan of the text by the regex engine: the ASCII ones
    are the bytes of the UTF-8 encoding left when every other byte is deleted, the others are
    among the distinct non-ASCII characters (the encoding with the ASCII bytes deleted)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return set(_RARE.findall(text))
    found = set(data.translate(None, _NOT_RARE_ASCII).decode("ascii"))
    if not text.isascii():
        found.update(filter(_RARE.match, set(non_ascii_part(data))))
    return found


def problem_at(article: Article, fld: str, index: int | None, message: str, **kw: Any) -> Problem:
    """A Problem at a paragraph (body) or at a metadata field."""
    if fld == "body" and index is not None:
        return Rule.at_paragraph(article, index, message, **kw)
    kw.setdefault("excerpt", shorten(getattr(article, fld) or ""))
    return Rule.at_field(article, fld, message, **kw)


def replace_edit(fld: str, index: int | None, start: int, end: int, text: str) -> Edit:
    """A replace edit of ``text[start:end]`` in paragraph ``index`` or in metadata field ``fld``."""
    if fld == "body":
        return Edit("replace", field="body", paragraph=index, start=start, end=end, text=text)
    return Edit("replace", field=fld, start=start, end=end, text=text)


def replace_fix(description: str, fld: str, index: int | None, spans: list[tuple[int, int, str]], safe: bool) -> Fix:
    """A Fix replacing each (start, end, text) span of one text unit."""
    edits = tuple(replace_edit(fld, index, s, e, t) for s, e, t in spans)
    return Fix(description, edits, "safe" if safe else "unsafe")


def minimal_change(old: str, new: str) -> tuple[int, int, str]:
    """The smallest (start, end, replacement) that turns ``old`` into ``new``."""
    start = 0
    limit = min(len(old), len(new))
    while start < limit and old[start] == new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] == new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return start, end_old, new[start:end_new]


def label(fld: str, article: Article, index: int | None) -> str:
    """How a message names the place: 'line 7' / 'paragraph 3' / "field 'title'"."""
    from newslint.checks._common import field_where, where

    if fld == "body" and index is not None:
        return where(article, index)
    return field_where(article, fld)
