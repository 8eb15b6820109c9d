"""Declarative rule packs: YAML files compiled into Rule classes through a few kinds.

A pack is a folder; each ``*.yaml`` file in it is one rule. A rule file names its ``code``,
``name``, ``message``, ``severity``, ``scope`` and ``kind``, the fields of that kind, and its
documentation (``description``, ``why``, ``fails``, ``passes``, ``fix``). Kinds:

* ``existence``: a phrase or regex that must not appear (``phrases``, ``patterns``, ``match``);
* ``substitution``: a pattern that should be replaced (``swap``: pattern -> replacement), the fix;
* ``occurrence``: a count of matches out of range in a scope (``phrases``/``patterns``, ``min``,
  ``max``);
* ``required``: a field that must be present and non-empty;
* ``pattern``: a field that must (``must-match``) or must not (``must-not-match``) match.

Patterns are compiled with RE2 (google-re2), a linear-time engine without backtracking, so no
pattern in a pack can hang a run; RE2 rejects backreferences and look-around, and such a pattern is
reported as a configuration error naming the file and the key. Files are read with
``yaml.safe_load``. The format is documented in docs/rule-packs.md.
"""

from __future__ import annotations

import importlib.resources
import os
import string
import weakref
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import re2
import yaml

from newslint import safeyaml
from newslint.hookspecs import hookimpl
from newslint.article import Article
from newslint.config import ConfigError
from newslint.rule import NAME_RE, Problem, Rule, shorten
from newslint.violation import SEVERITIES, Edit, Fix

import re as _re

#: codes of pack rules: two to five capital letters and three or four digits (NL301, ACME0042)
PACK_CODE_RE = _re.compile(r"^[A-Z]{2,5}\d{3,4}$")
FIELD_SCOPES = ("title", "summary", "byline", "date", "url")
BODY_SCOPES = ("paragraph", "line", "body")
SCOPES = FIELD_SCOPES + BODY_SCOPES
KINDS = ("existence", "substitution", "occurrence", "required", "pattern")
MATCH_MODES = ("anywhere", "start", "whole")
FIX_ACTIONS = ("none", "remove", "delete-paragraph")

COMMON_KEYS = {
    "code", "name", "message", "severity", "scope", "kind", "enabled", "languages", "max-chars",
    "ignore-case", "description", "why", "fails", "passes", "fix",
}
KIND_KEYS = {
    "existence": {"phrases", "patterns", "match"},
    "substitution": {"swap"},
    "occurrence": {"phrases", "patterns", "min", "max"},
    "required": {"field"},
    "pattern": {"must-match", "must-not-match", "field"},
}
REQUIRED_KEYS = ("code", "name", "message", "severity", "scope", "kind")
PLACEHOLDERS = {
    "existence": {"match", "where", "field"},
    "substitution": {"match", "replacement", "where", "field"},
    "occurrence": {"match", "count", "min", "max", "where", "field"},
    "required": {"field"},
    "pattern": {"match", "where", "field"},
}
_UNANCHORED = re2._Anchor.UNANCHORED
#: punctuation, symbols and white space that may surround a whole-paragraph marker
_EDGE = r"[\s\p{P}\p{S}]*"
_ANY_LANGUAGE = "any"


# ---------------------------------------------------------------------- safe regular expressions
def _re2_options(ignore_case: bool) -> re2.Options:
    opts = re2.Options()
    opts.log_errors = False  # RE2 would otherwise print parse errors on standard error
    opts.case_sensitive = not ignore_case
    return opts


def compile_pattern(pattern: str, *, ignore_case: bool = False, where: str = "pattern") -> "re2._Regexp":
    """Compile ``pattern`` with RE2, or raise ConfigError saying why RE2 refuses it."""
    if not isinstance(pattern, str) or not pattern:
        raise ConfigError(f"{where}: expected a non-empty string, not {pattern!r}")
    try:
        return re2.compile(pattern, _re2_options(ignore_case))
    except re2.error as exc:
        reason = exc.args[0] if exc.args else str(exc)
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        hint = ""
        if "\\1" in pattern or "(?=" in pattern or "(?!" in pattern or "(?<" in pattern:
            hint = " (RE2 has no backreferences or look-around; see docs/rule-packs.md)"
        raise ConfigError(f"{where}: RE2 cannot compile {pattern!r}: {reason}{hint}") from None


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex: escaped, with any run of white space matching any white space."""
    return r"\s+".join(re2.escape(part) for part in phrase.split())


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


# ---------------------------------------------------------------------- the compiled rule spec
@dataclass
class Matcher:
    """Phrases and patterns of one rule, compiled per language bucket.

    Each bucket holds (regex, is_phrase, group) triples: phrases and plain patterns are joined into
    one alternation each; a pattern with a group named ``match`` is compiled on its own, and that
    group's span is what it reports (RE2 has no look-behind; the group stands in for it).
    """

    #: language -> [(regex source, is_phrase)]; compiled on first use (an article in that language)
    sources: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    mode: str = "anywhere"
    ignore_case: bool = True
    _compiled: dict[str, list[tuple["re2._Regexp", bool, int]]] = field(default_factory=dict)

    def regexes(self, language: str) -> list[tuple["re2._Regexp", bool, int]]:
        """(regex, is_phrase, group to report) for an article in ``language``."""
        lang = language if language in self.sources else _ANY_LANGUAGE
        out = self._compiled.get(lang)
        if out is None:
            out = []
            for src, is_phrase in self.sources.get(lang, []):
                rx = compile_pattern(src, ignore_case=self.ignore_case)
                out.append((rx, is_phrase, rx.groupindex.get("match", 0)))
            self._compiled[lang] = out
        return out

    def finditer(self, text: str, language: str) -> Iterator[tuple[int, int]]:
        """Spans of matches in ``text``, in order, phrase matches on word boundaries only."""
        spans: list[tuple[int, int]] = []
        # one RE2 set search per text, shared by every pack rule, says which regexes can match
        candidates = PREFILTER.hits(text, language).get(id(self))
        if not candidates:
            return iter(spans)
        for i, (rx, is_phrase, group) in enumerate(self.regexes(language)):
            if i not in candidates:
                continue
            for m in rx.finditer(text):
                s, e = m.span(group)
                if e <= s:
                    continue
                if is_phrase and self.mode != "whole":
                    if s > 0 and _is_word(text[s - 1]) and _is_word(text[s]):
                        continue
                    if e < len(text) and _is_word(text[e]) and _is_word(text[e - 1]):
                        continue
                if self.mode == "whole":
                    s, e = 0, len(text)
                elif self.mode == "start":
                    s = 0  # the leading punctuation and white space are part of the marker
                spans.append((s, e))
                if self.mode != "anywhere":
                    break
        spans.sort()
        return iter(spans)


class Prefilter:
    """One RE2 set per language holding the regexes of every pack rule.

    Most paragraphs match no pack rule at all. Instead of each rule searching each paragraph with
    each of its regexes, one set search per paragraph finds which (rule, regex) pairs can match,
    and only those rules look closer. Results are cached per text for the article being linted.
    """

    _CACHE_LIMIT = 4096

    def __init__(self) -> None:
        self._matchers: list[weakref.ref[Matcher]] = []
        #: language (and bucket key, see _buckets) -> compiled set and its (matcher id, regex index)
        self._sets: dict[Any, tuple[Any, list[tuple[int, int]]]] = {}
        self._cache: dict[tuple[str, str], dict[int, set[int]]] = {}

    def register(self, matcher: "Matcher") -> None:
        self._matchers.append(weakref.ref(matcher))
        self._sets.clear()
        self._cache.clear()

    def _buckets(self, language: str) -> tuple[tuple[int, str], ...]:
        """(matcher id, language bucket) of every live matcher for ``language``: languages that no
        rule treats apart share one bucket key, and so one compiled set."""
        alive = []
        key = []
        for ref in self._matchers:
            matcher = ref()
            if matcher is None:
                continue
            alive.append(ref)
            key.append((id(matcher), language if language in matcher.sources else _ANY_LANGUAGE))
        self._matchers = alive
        return tuple(key)

    def _set_for(self, language: str) -> tuple[Any, list[tuple[int, int]]]:
        entry = self._sets.get(language)
        if entry is None:
            key = self._buckets(language)
            entry = self._sets.get(key)  # type: ignore[call-overload]
            if entry is None:
                entry = self._sets[key] = self._compile_set(language)  # type: ignore[index]
            self._sets[language] = entry
        return entry

    def _compile_set(self, language: str) -> tuple[Any, list[tuple[int, int]]]:
        rset = re2.Set.SearchSet(_re2_options(False))
        owners: list[tuple[int, int]] = []
        for ref in self._matchers:
            matcher = ref()
            if matcher is None:
                continue
            for i, (rx, _is_phrase, _group) in enumerate(matcher.regexes(language)):
                flags = "(?i)" if matcher.ignore_case else ""
                rset.Add(flags + rx.pattern)
                owners.append((id(matcher), i))
        if owners:
            rset.Compile()
        return (rset if owners else None, owners)

    def hits(self, text: str, language: str) -> dict[int, set[int]]:
        """matcher id -> indexes of its regexes (for ``language``) that match somewhere in ``text``."""
        key = (language, text)
        found = self._cache.get(key)
        if found is not None:
            return found
        rset, owners = self._set_for(language)
        found = {}
        if rset is not None:
            for n in rset.Match(text) or ():
                mid, i = owners[n]
                found.setdefault(mid, set()).add(i)
        if len(self._cache) >= self._CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = found
        return found


    def paragraph_hits(self, article: Article, language: str) -> dict[int, list[int]]:
        """matcher id -> indexes of the paragraphs where one of its regexes matches; once per article."""
        cache = article.__dict__.setdefault("_pack_paragraph_hits", {})
        found = cache.get(language)
        if found is None:
            found = {}
            rset, owners = self._set_for(language)
            if rset is not None:
                for p in article.paragraphs:
                    seen: set[int] = set()
                    for n in rset.Match(p.text) or ():
                        mid = owners[n][0]
                        if mid not in seen:
                            seen.add(mid)
                            found.setdefault(mid, []).append(p.index)
            cache[language] = found
        return found


PREFILTER = Prefilter()


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
    swaps: list[tuple["re2._Regexp", str]] = field(default_factory=list)
    count_min: int | None = None
    count_max: int | None = None
    raw_field: str | None = None
    must_match: "re2._Regexp | None" = None
    must_not_match: "re2._Regexp | None" = None
    fix_action: str = "none"
    #: True, False or "whole": safe only when the match is all the paragraph (or field) holds
    fix_safe: bool | str = False
    fix_description: str | None = None


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
                found = text[s:e]
                msg = self._message(match=shorten(found, 60), where=self._where(article, fld, idx), field=fld)
                fix = self._removal(article, fld, idx, text, start, start + (e - s))
                extra = {"excerpt": shorten(text)} if fld != "body" else {}
                yield self._problem(article, fld, idx, msg, fix=fix, suggestion=None if fix else self.spec.fix_description,
                                    **extra)
                if first_only and self.spec.scope != "body":
                    break

    def _check_substitution(self, article: Article) -> Iterator[Problem]:
        spec = self.spec
        for text, fld, index, offset in self._subjects(article):
            hits: list[tuple[int, int, str]] = []
            for rx, repl in spec.swaps:
                for m in rx.finditer(text):
                    if m.end() > m.start():
                        hits.append((m.start(), m.end(), m.expand(repl)))
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


# ---------------------------------------------------------------------- loading
class _File:
    """One rule file's mapping, with errors that name the file and the key."""

    def __init__(self, path: str, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.path}: key '{key}': {problem}")

    def get(self, key: str, types: type | tuple[type, ...], default: Any = None, required: bool = False) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                raise self.error(key, "missing (required)")
            return default
        value = self.data[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in _as_tuple(types)):
            names = " or ".join(t.__name__ for t in _as_tuple(types)).replace("str", "string").replace("dict", "mapping")
            raise self.error(key, f"must be a {names}, not {type(value).__name__} {value!r}")
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.get(key, str, required=required)
        if required and not value.strip():
            raise self.error(key, "must not be empty")
        return value


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _string_list(f: _File, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise f.error(key, "must be a non-empty list of strings")
    return value


def _language_table(f: _File, key: str) -> dict[str, list[str]]:
    """``phrases``/``patterns`` as {language or 'any': [items]}."""
    value = f.data.get(key)
    if value is None:
        return {}
    if isinstance(value, dict):
        table: dict[str, list[str]] = {}
        for lang, items in value.items():
            if not isinstance(lang, str) or not _re.fullmatch(r"[a-z]{2,3}|any", lang):
                raise f.error(key, f"language keys are ISO 639-1 codes or 'any', not {lang!r}")
            table[lang] = _string_list(f, f"{key}.{lang}", items)
        return table
    return {_ANY_LANGUAGE: _string_list(f, key, value)}


def _compile_matcher(f: _File, mode: str, ignore_case: bool) -> Matcher:
    phrases = _language_table(f, "phrases")
    patterns = _language_table(f, "patterns")
    if not phrases and not patterns:
        raise f.error("phrases", f"a {f.data['kind']} rule needs 'phrases' or 'patterns'")
    matcher = Matcher(mode=mode, ignore_case=ignore_case)
    languages = set(phrases) | set(patterns) | {_ANY_LANGUAGE, "und"}

    def bucket(source: dict[str, list[str]], lang: str) -> list[str]:
        if lang == "und":  # too short to tell: every list applies
            items = [x for group in source.values() for x in group]
        else:
            items = list(source.get(_ANY_LANGUAGE, []))
            if lang != _ANY_LANGUAGE:
                items += source.get(lang, [])
        return list(dict.fromkeys(items))

    def wrap(body: str) -> str:
        if mode == "whole":
            return f"^{_EDGE}(?:{body}){_EDGE}$"
        if mode == "start":
            return f"^{_EDGE}(?:{body})"
        return f"(?:{body})"

    for lang in sorted(languages):
        entries: list[tuple[str, bool]] = []
        words = bucket(phrases, lang)
        if words:
            entries.append((wrap("|".join(phrase_regex(x) for x in words)), True))
        pats = bucket(patterns, lang)
        plain = [x for x in pats if "(?P<match>" not in x]
        if plain:
            entries.append((wrap("|".join(f"(?:{x})" for x in plain)), False))
        entries.extend((wrap(x), False) for x in pats if "(?P<match>" in x)
        if entries:
            matcher.sources[lang] = entries
    # every pattern must compile on its own (joined with others, "a)|(b" would pass): a pattern RE2
    # refuses is a load error naming the file and the key, never a failure in the middle of a run.
    # The joined regexes are compiled on first use.
    for lang, items in patterns.items():
        key = "patterns" if not isinstance(f.data["patterns"], dict) else f"patterns.{lang}"
        for i, pat in enumerate(items):
            compile_pattern(pat, ignore_case=ignore_case, where=f"{f.path}: key '{key}[{i}]'")
    # only a matcher whose patterns all compile joins the shared set search
    PREFILTER.register(matcher)
    return matcher


def _doc(f: _File, message: str) -> str:
    """The rule's documentation in the layout of code rules (see newslint.rule)."""
    description = (f.text("description") or message).strip()
    parts = [description]
    why = f.text("why")
    if why and why.strip():
        parts.append(why.strip())
    for key, title in (("fails", "Fails::"), ("passes", "Passes::")):
        example = f.text(key)
        if example and example.strip():
            indented = "\n".join(("    " + line) if line.strip() else "" for line in example.strip("\n").splitlines())
            parts.append(f"{title}\n\n{indented}")
    fix = f.data.get("fix") or {}
    if isinstance(fix, dict) and fix.get("description"):
        parts.append(f"Fix: {str(fix['description']).strip()}")
    elif f.data.get("kind") == "substitution":
        parts.append("Fix: replaces the match with the replacement.")
    else:
        parts.append("Fix: none.")
    # cleandoc-compatible: the summary line, then the rest (inspect.cleandoc dedents from line 2)
    return "\n\n".join(parts)


#: the C implementation of yaml.safe_load's loader when PyYAML was built with libyaml (same
#: safe subset of YAML, ten times faster: shipped packs are parsed at every start)
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_COMPILED: dict[tuple[str, str, str], type["PackRule"]] = {}


def compile_rule_file(path: str, text: str, pack: str) -> type[PackRule]:
    """Compile the YAML text of one rule file into a PackRule subclass (cached per process)."""
    key = (path, text, pack)
    cached = _COMPILED.get(key)
    if cached is None:
        cached = _COMPILED[key] = _compile_rule_file(path, text, pack)
    return cached


def _compile_rule_file(path: str, text: str, pack: str) -> type[PackRule]:
    try:
        data = safeyaml.load(text)  # yaml.safe_load with bounds on aliases and depth
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: invalid YAML{where}: {problem}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a rule file must be a mapping of keys (code, name, message, ...)")
    f = _File(path, data)
    for key in REQUIRED_KEYS:
        f.get(key, str, required=True)
    kind = data["kind"]
    if kind not in KINDS:
        raise f.error("kind", f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    unknown = [k for k in data if k not in COMMON_KEYS | KIND_KEYS[kind]]
    if unknown:
        raise f.error(str(unknown[0]), f"unknown key for a {kind} rule (keys: {', '.join(sorted(COMMON_KEYS | KIND_KEYS[kind]))})")
    code, name, severity, scope = data["code"], data["name"], data["severity"], data["scope"]
    if not PACK_CODE_RE.match(code):
        raise f.error("code", f"{code!r} is not a rule code (two to five capitals and three or four digits, like NL301)")
    if not NAME_RE.match(name):
        raise f.error("name", f"{name!r} is not a kebab-case name (like advertisement-marker)")
    if severity not in SEVERITIES:
        raise f.error("severity", f"{severity!r} is not one of {', '.join(SEVERITIES)}")
    if scope not in SCOPES:
        raise f.error("scope", f"{scope!r} is not one of {', '.join(SCOPES)}")
    message = data["message"]
    try:
        used = {fname for _, fname, _, _ in string.Formatter().parse(message) if fname is not None}
    except ValueError as exc:
        raise f.error("message", f"bad placeholder: {exc}") from None
    bad = sorted(u for u in used if u not in PLACEHOLDERS[kind])
    if bad:
        raise f.error("message", f"unknown placeholder {{{bad[0]}}} (a {kind} message may use "
                                 f"{', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS[kind]))})")

    ignore_case = f.get("ignore-case", bool, default=True)
    max_chars = f.get("max-chars", int)
    if max_chars is not None and max_chars < 1:
        raise f.error("max-chars", "must be a positive whole number")
    languages = f.get("languages", (list, str))
    if languages is not None:
        languages = tuple(_string_list(f, "languages", languages))
    enabled = f.get("enabled", bool, default=True)
    spec = PackSpec(path=path, pack=pack, kind=kind, scope=scope, message=message, languages=languages,
                    max_chars=max_chars)

    fix = f.get("fix", dict, default={})
    fix_keys = {"action", "safe", "description"}
    for key in fix:
        if key not in fix_keys:
            raise f.error(f"fix.{key}", f"unknown key (keys: {', '.join(sorted(fix_keys))})")
    action = fix.get("action", "none")
    if action not in FIX_ACTIONS:
        raise f.error("fix.action", f"{action!r} is not one of {', '.join(FIX_ACTIONS)}")
    if fix.get("safe", False) not in (True, False, "whole"):
        raise f.error("fix.safe", "must be true, false or whole (safe only when the match is all the text)")
    if "description" in fix and not isinstance(fix["description"], str):
        raise f.error("fix.description", "must be a string")
    spec.fix_action, spec.fix_safe, spec.fix_description = action, fix.get("safe", False), fix.get("description")
    if action == "delete-paragraph" and scope in FIELD_SCOPES:
        raise f.error("fix.action", f"delete-paragraph needs a body scope (paragraph, line, body), not {scope!r}")
    if action != "none" and kind in ("occurrence", "required"):
        raise f.error("fix.action", f"a {kind} rule has no automatic fix; use action: none")

    if kind == "existence":
        mode = f.get("match", str, default="anywhere")
        if mode not in MATCH_MODES:
            raise f.error("match", f"{mode!r} is not one of {', '.join(MATCH_MODES)}")
        spec.matcher = _compile_matcher(f, mode, ignore_case)
    elif kind == "occurrence":
        spec.matcher = _compile_matcher(f, "anywhere", ignore_case)
        spec.count_min = f.get("min", int)
        spec.count_max = f.get("max", int)
        if spec.count_min is None and spec.count_max is None:
            raise f.error("max", "an occurrence rule needs 'min' or 'max'")
        for key, value in (("min", spec.count_min), ("max", spec.count_max)):
            if value is not None and value < 0:
                raise f.error(key, "must be zero or more")
        if spec.count_min is not None and spec.count_max is not None and spec.count_min > spec.count_max:
            raise f.error("min", f"min ({spec.count_min}) is greater than max ({spec.count_max})")
    elif kind == "substitution":
        swap = f.get("swap", dict, required=True)
        if not swap:
            raise f.error("swap", "must map at least one pattern to its replacement")
        for pat, repl in swap.items():
            if not isinstance(repl, str):
                raise f.error(f"swap.{pat}", f"the replacement must be a string, not {repl!r}")
            rx = compile_pattern(str(pat), ignore_case=ignore_case, where=f"{path}: key 'swap.{pat}'")
            spec.swaps.append((rx, repl))
    elif kind == "required":
        raw = f.get("field", str)
        spec.raw_field = raw
        if raw is None and scope not in FIELD_SCOPES + ("body",):
            raise f.error("scope", f"a required rule checks a field (title, summary, byline, date, url, body), not {scope!r}")
    elif kind == "pattern":
        spec.raw_field = f.get("field", str)
        for key in ("must-match", "must-not-match"):
            value = f.get(key, str)
            if value is not None:
                setattr(spec, key.replace("-", "_"), compile_pattern(value, ignore_case=ignore_case, where=f"{path}: key '{key}'"))
        if spec.must_match is None and spec.must_not_match is None:
            raise f.error("must-match", "a pattern rule needs 'must-match' or 'must-not-match'")

    fixable = kind == "substitution" or action != "none"
    attrs = {
        "__doc__": _doc(f, message),
        "__module__": __name__,
        "code": code,
        "name": name,
        "severity": severity,
        "fixable": fixable,
        "default_enabled": enabled,
        "origin": f"pack:{pack}",
        "spec": spec,
        "options": {},
    }
    cls_name = "Pack_" + name.replace("-", "_")
    return type(cls_name, (PackRule,), attrs)  # type: ignore[return-value]


def _display(entry: Any) -> str:
    text = str(entry)
    try:
        rel = os.path.relpath(text)
        return rel if not rel.startswith("..") else text
    except ValueError:  # another drive on Windows
        return text


def pack_folders(root: Any) -> list[tuple[str, Any]]:
    """(pack name, folder) for a pack folder, or for each pack folder inside a folder of packs."""
    if isinstance(root, (str, os.PathLike)):
        root = Path(root)
        if not root.is_dir():
            raise ConfigError(f"{root}: rule pack folder not found")
    entries = sorted(root.iterdir(), key=lambda e: e.name)
    if any(e.is_file() and e.name.endswith((".yaml", ".yml")) for e in entries):
        return [(root.name, root)]
    packs = []
    for e in entries:
        if e.is_dir() and not e.name.startswith((".", "_")):
            if any(x.is_file() and x.name.endswith((".yaml", ".yml")) for x in e.iterdir()):
                packs.append((e.name, e))
    if not packs:
        raise ConfigError(f"{_display(root)}: no rule files (*.yaml) in this folder or its subfolders")
    return packs


def load_pack(name: str, folder: Any) -> list[type[PackRule]]:
    """Compile every rule file of one pack; codes and names must be unique inside it."""
    rules: list[type[PackRule]] = []
    seen: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not (entry.is_file() and entry.name.endswith((".yaml", ".yml"))):
            continue
        path = _display(entry)
        try:
            text = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
        rule = compile_rule_file(path, text, name)
        for key in ("code", "name"):
            value = getattr(rule, key)
            if value in seen:
                raise ConfigError(f"{path}: key '{key}': {value} is already used by {seen[value]}")
            seen[value] = path
        rules.append(rule)
    return rules


def load_packs(roots: Iterable[Any]) -> list[type[PackRule]]:
    """Compile the packs under every root (a pack folder or a folder of packs)."""
    rules: list[type[PackRule]] = []
    for root in roots:
        for name, folder in pack_folders(root):
            rules.extend(load_pack(name, folder))
    return rules


def shipped_pack_root() -> Any:
    """The folder of the packs shipped with newslint.

    In an installed wheel the packs sit inside the package (``newslint/rules``, found with
    importlib.resources); in a source checkout or an editable install they are the ``rules/``
    folder at the repository root, next to ``newslint/``.
    """
    packaged = importlib.resources.files("newslint") / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "rules"


@hookimpl
def newslint_rule_packs() -> list[Any]:
    root = shipped_pack_root()
    return [folder for _name, folder in pack_folders(root)]
