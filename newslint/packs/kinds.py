"""The five kinds of pack rules: what a compiled rule file checks and how it reports.

* ``existence``: a phrase or regex that must not appear (``phrases``, ``patterns``, ``match``);
* ``substitution``: a pattern that should be replaced (``swap``: pattern -> replacement), the fix;
* ``occurrence``: a count of matches out of range in a scope (``phrases``/``patterns``, ``min``,
  ``max``);
* ``required``: a field that must be present and non-empty;
* ``pattern``: a field that must (``must-match``) or must not (``must-not-match``) match.

:class:`PackSpec` is a validated rule file (newslint.packs.loading builds it); :class:`PackRule` is
the base class of the Rule classes compiled from rule files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar

import re2

from newslint.article import Article
from newslint.packs.matching import PREFILTER, Matcher
from newslint.packs.quoting import quoted_mention
from newslint.rule import Problem, Rule, shorten
from newslint.violation import Edit, Fix

FIELD_SCOPES = ("title", "summary", "byline", "date", "url")
BODY_SCOPES = ("paragraph", "line", "body")
SCOPES = FIELD_SCOPES + BODY_SCOPES
KINDS = ("existence", "substitution", "occurrence", "required", "pattern")
FIX_ACTIONS = ("none", "remove", "delete-paragraph")


@dataclass
class PackSpec:
    """A rule file, validated and compiled."""

    path: str
    pack: str
    kind: str
    scope: str
    message: str
    languages: tuple[str, ...] | None = None
    max_chars: int | None = None
    matcher: Matcher | None = None
    #: each pattern with its replacement, parsed at load: literal text (str) and group numbers (int)
    swaps: list[tuple["re2._Regexp", tuple[str | int, ...]]] = field(default_factory=list)
    count_min: int | None = None
    count_max: int | None = None
    raw_field: str | None = None
    must_match: "re2._Regexp | None" = None
    must_not_match: "re2._Regexp | None" = None
    fix_action: str = "none"
    #: True, False or "whole": safe only when the match is all the paragraph (or field) holds
    fix_safe: bool | str = False
    fix_description: str | None = None
    #: existence: report a match quoted inside a sentence of prose too (newslint.packs.quoting)
    report_quoted: bool = False


def _expand(template: tuple[str | int, ...], m: Any) -> str:
    """A substitution's replacement for the match ``m``: its literal text joined with the groups it
    refers to (a group that took no part in the match is empty), as Python's re expands a template.

    Not re2's ``Match.expand``: it decodes the escapes of a str template with
    ``codecs.unicode_escape_decode``, which turns non-ASCII text into mojibake ("—" into
    "â\\x80\\x94"). newslint.packs.loading parses the template once, at load.
    """
    return "".join(piece if isinstance(piece, str) else (m.group(piece) or "") for piece in template)


class PackRule(Rule):
    """Base class of the rules compiled from pack files; ``spec`` says what to check."""

    spec: ClassVar[PackSpec]

    def check(self, article: Article) -> Iterator[Problem]:
        spec = self.spec
        if spec.languages is not None and article.language not in spec.languages and article.language != "und":
            return
        yield from getattr(self, f"_check_{spec.kind}")(article)

    # ------------------------------------------------------------------ subjects
    def _subjects(self, article: Article) -> Iterator[tuple[str, str, int | None, int]]:
        """(text, field, paragraph index, offset of text inside the paragraph) for the scope."""
        scope = self.spec.scope
        limit = self.spec.max_chars
        if scope in FIELD_SCOPES:
            value = getattr(article, scope)
            if value and (limit is None or len(value) <= limit):
                yield value, scope, None, 0
        elif scope == "paragraph":
            paragraphs = article.paragraphs
            if self.spec.matcher is not None:
                # only the paragraphs where the shared set search saw one of this rule's regexes
                hits = PREFILTER.paragraph_hits(article, article.language).get(id(self.spec.matcher), ())
                paragraphs = [article.paragraphs[i] for i in hits]
            for p in paragraphs:
                if limit is None or len(p.text) <= limit:
                    yield p.text, "body", p.index, 0
        elif scope == "line":
            for p in article.paragraphs:
                offset = 0
                for line in p.text.split("\n"):
                    if line.strip() and (limit is None or len(line) <= limit):
                        yield line, "body", p.index, offset
                    offset += len(line) + 1
        else:  # body
            text = article.text
            if text and (limit is None or len(text) <= limit):
                yield text, "body", None, 0

    def _locate(self, article: Article, fld: str, index: int | None, start: int) -> tuple[int | None, int]:
        """For body-scope offsets: (paragraph index, offset inside it)."""
        if fld != "body" or index is not None or self.spec.scope != "body":
            return index, start
        pos = 0
        for p in article.paragraphs:
            end = pos + len(p.text)
            if start <= end:
                return p.index, start - pos
            pos = end + 2  # the blank line between paragraphs in Article.text
        return (article.paragraphs[-1].index if article.paragraphs else None), 0

    def _problem(self, article: Article, fld: str, index: int | None, message: str, **kw: Any) -> Problem:
        if fld == "body" and index is not None:
            return self.at_paragraph(article, index, message, **kw)
        if fld == "body":
            line = article.paragraphs[0].line if article.paragraphs else article.line
            return Problem(message, line=line, field="body", **kw)
        return self.at_field(article, fld, message, **kw)

    def _where(self, article: Article, fld: str, index: int | None) -> str:
        from newslint.checks._common import field_where, where

        if fld == "body" and index is not None:
            return where(article, index)
        if fld == "body":
            return "the body"
        return field_where(article, fld)

    def _message(self, **values: Any) -> str:
        return self.spec.message.format_map(_Blank(values))

    # ------------------------------------------------------------------ fixes
    def _removal(self, article: Article, fld: str, index: int | None, text: str, s: int, e: int) -> Fix | None:
        """The fix of an existence or must-not-match finding at ``text[s:e]`` (offsets in the paragraph)."""
        spec = self.spec
        if spec.fix_action == "none" or (fld == "body" and index is None):
            return None
        description = spec.fix_description or "remove the boilerplate"
        target = article.paragraphs[index].text if fld == "body" else text
        s, e = _widen(target, s, e)
        rest = target[:s] + target[e:]
        whole = not any(ch.isalnum() for ch in rest)
        applicability = "safe" if spec.fix_safe is True or (spec.fix_safe == "whole" and whole) else "unsafe"
        if fld == "body":
            if spec.fix_action == "delete-paragraph" or whole:
                return Fix(description, (Edit("delete_paragraph", paragraph=index),), applicability)
            return Fix(description, (Edit("replace", field="body", paragraph=index, start=s, end=e, text=""),), applicability)
        if whole:
            return Fix(description, (Edit("set_field", field=fld, text=None),), applicability)
        return Fix(description, (Edit("replace", field=fld, start=s, end=e, text=""),), applicability)

    # ------------------------------------------------------------------ kinds
    def _check_existence(self, article: Article) -> Iterator[Problem]:
        matcher = self.spec.matcher
        assert matcher is not None
        lang = article.language
        first_only = self.spec.fix_action == "delete-paragraph"
        for text, fld, index, offset in self._subjects(article):
            last_end = -1
            for s, e in matcher.finditer(text, lang):
                if s < last_end:  # two patterns matching the same text: report it once
                    continue
                last_end = e
                idx, start = self._locate(article, fld, index, s + offset)
                if not self.spec.report_quoted and self._quoted(article, fld, idx, text, s, e, start):
                    continue  # the story quotes the phrase: a mention, not the boilerplate itself
                found = text[s:e]
                msg = self._message(match=shorten(found, 60), where=self._where(article, fld, idx), field=fld)
                fix = self._removal(article, fld, idx, text, start, start + (e - s))
                extra = {"excerpt": shorten(text)} if fld != "body" else {}
                yield self._problem(article, fld, idx, msg, fix=fix, suggestion=None if fix else self.spec.fix_description,
                                    **extra)
                if first_only and self.spec.scope != "body":
                    break

    def _quoted(self, article: Article, fld: str, idx: int | None, text: str, s: int, e: int, start: int) -> bool:
        """Whether the match ``text[s:e]`` (at ``start`` in paragraph ``idx`` for the body) lies
        inside a quotation within a sentence of prose of its paragraph, or of its field."""
        if fld == "body" and idx is not None:
            return quoted_mention(article.paragraphs[idx].text, start, start + (e - s))
        return quoted_mention(text, s, e)

    def _check_substitution(self, article: Article) -> Iterator[Problem]:
        spec = self.spec
        for text, fld, index, offset in self._subjects(article):
            hits: list[tuple[int, int, str]] = []
            for rx, template in spec.swaps:
                for m in rx.finditer(text):
                    if m.end() > m.start():
                        hits.append((m.start(), m.end(), _expand(template, m)))
            hits.sort()
            last = -1
            for s, e, replacement in hits:
                if s < last:  # overlapping matches of two swaps: the first wins
                    continue
                last = e
                idx, start = self._locate(article, fld, index, s + offset)
                found = text[s:e]
                msg = self._message(match=found, replacement=replacement, where=self._where(article, fld, idx), field=fld)
                fix = None
                if not (fld == "body" and idx is None):
                    desc = spec.fix_description or f"replace '{found}' with '{replacement}'"
                    edit = Edit("replace", field=fld, paragraph=idx if fld == "body" else None, start=start,
                                end=start + (e - s), text=replacement)
                    fix = Fix(desc, (edit,), _applicability(spec))
                yield self._problem(article, fld, idx, msg, fix=fix)

    def _check_occurrence(self, article: Article) -> Iterator[Problem]:
        spec = self.spec
        matcher = spec.matcher
        assert matcher is not None
        subjects = list(self._subjects(article))
        if not subjects and spec.count_min and spec.scope in FIELD_SCOPES + ("body",):
            subjects = [("", spec.scope if spec.scope != "body" else "body", None, 0)]
        for text, fld, index, offset in subjects:
            spans = list(matcher.finditer(text, article.language)) if text else []
            n = len(spans)
            too_many = spec.count_max is not None and n > spec.count_max
            too_few = spec.count_min is not None and n < spec.count_min
            if not (too_many or too_few):
                continue
            idx = index
            found = ""
            if too_many:
                s, e = spans[spec.count_max]
                idx, _ = self._locate(article, fld, index, s + offset)
                found = text[s:e]
            msg = self._message(count=n, min=spec.count_min, max=spec.count_max, match=shorten(found, 60),
                                where=self._where(article, fld, idx), field=fld)
            yield self._problem(article, fld, idx, msg, suggestion=spec.fix_description)

    def _check_required(self, article: Article) -> Iterator[Problem]:
        spec = self.spec
        if spec.raw_field is not None:
            raw = article.raw or {}
            value = raw.get(spec.raw_field)
            blank = value is None or (isinstance(value, (str, list, dict)) and not (value.strip() if isinstance(value, str) else value))
            if blank:
                yield Problem(self._message(field=spec.raw_field), line=article.line, field=spec.raw_field,
                              suggestion=spec.fix_description)
            return
        if spec.scope in FIELD_SCOPES:
            value = getattr(article, spec.scope)
            if value is None or not value.strip():
                yield self.at_field(article, spec.scope, self._message(field=article.field_key(spec.scope)),
                                    suggestion=spec.fix_description)
        elif not any(p.text.strip() for p in article.paragraphs):
            yield Problem(self._message(field=article.field_key("body")), line=article.line, field="body",
                          suggestion=spec.fix_description)

    def _check_pattern(self, article: Article) -> Iterator[Problem]:
        spec = self.spec
        subjects: Iterable[tuple[str, str, int | None, int]]
        if spec.raw_field is not None:
            value = (article.raw or {}).get(spec.raw_field)
            subjects = [(str(value), spec.raw_field, None, 0)] if value not in (None, "") else []
        else:
            subjects = self._subjects(article)
        for text, fld, index, offset in subjects:
            if spec.must_match is not None and spec.must_match.search(text) is None:
                msg = self._message(match=shorten(text, 60), where=self._where(article, fld, index) if spec.raw_field is None else fld, field=fld)
                yield self._pattern_problem(article, fld, index, msg)
            if spec.must_not_match is not None:
                m = spec.must_not_match.search(text)
                if m is not None and m.end() > m.start():
                    idx, start = self._locate(article, fld, index, m.start() + offset)
                    msg = self._message(match=shorten(m.group(), 60), where=self._where(article, fld, idx) if spec.raw_field is None else fld, field=fld)
                    fix = None if spec.raw_field is not None else self._removal(article, fld, idx, text, start, start + m.end() - m.start())
                    yield self._pattern_problem(article, fld, idx, msg, fix=fix)

    def _pattern_problem(self, article: Article, fld: str, index: int | None, msg: str, fix: Fix | None = None) -> Problem:
        if fld in FIELD_SCOPES or fld == "body":
            return self._problem(article, fld, index, msg, fix=fix, suggestion=None if fix else self.spec.fix_description)
        return Problem(msg, line=article.line, field=fld, suggestion=self.spec.fix_description)


class _Blank(dict):
    """format_map mapping: every placeholder was validated at load time; None shows as 'none'."""

    def __missing__(self, key: str) -> str:  # pragma: no cover - validated at load
        return ""

    def __getitem__(self, key: str) -> Any:
        value = dict.get(self, key)
        return "none" if value is None else value


def _applicability(spec: PackSpec) -> str:
    return "safe" if spec.fix_safe is True else "unsafe"


def _widen(text: str, s: int, e: int) -> tuple[int, int]:
    """Extend a removal over one neighbouring space so that no double space is left."""
    if e < len(text) and text[e] == " ":
        return s, e + 1
    if s > 0 and text[s - 1] == " ":
        return s - 1, e
    return s, e
