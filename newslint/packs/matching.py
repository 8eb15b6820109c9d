"""Matching phrases and patterns for the rule packs: RE2 compilation and the shared set search.

Patterns are compiled with RE2 (google-re2), a linear-time engine without backtracking, so no
pattern in a pack can hang a run; RE2 rejects backreferences and look-around, and such a pattern is
reported as a configuration error naming the file and the key (:func:`compile_pattern`).

A :class:`Matcher` holds one rule's phrases and patterns per language; :data:`PREFILTER` holds every
matcher's regexes in one RE2 set per language, so one search per text says which rules can match.
A regex with a loose form (newslint.packs.loose) is compiled only once its loose form, cheaper to
compile, matches some text (:class:`_Guarded`).
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import re2

from newslint.article import Article
from newslint.config import ConfigError

MATCH_MODES = ("anywhere", "start", "whole")
_UNANCHORED = re2._Anchor.UNANCHORED
#: punctuation, symbols and white space that may surround a whole-paragraph marker
_EDGE = r"[\s\p{P}\p{S}]*"
_ANY_LANGUAGE = "any"
#: regex source -> its loose form (newslint.packs.loose): the shipped packs' forms, worked out ahead
#: of time (newslint.packs.prebuilt) and added as the packs load; a source not in it is compiled as is
LOOSE: dict[str, str] = {}


# ---------------------------------------------------------------------- safe regular expressions
#: RE2's memory budget for a set: the compiled program and the cache of DFA states its searches
#: build as they go. With RE2's default (8 MiB) the cache of the shipped packs' set fills and is
#: thrown away over and over, and a search of a paragraph costs several times what it costs
#: once the states are cached (the pack search took 260-290 us an article on the corpus, about
#: 170 with 32 MiB). The cache stops growing at its budget: a run over 20,000 articles peaked 16 MiB
#: higher than with 8 MiB, and that does not grow with the dataset. The answers are the same: the
#: budget only decides how often states are rebuilt.
SET_MAX_MEM = 32 << 20


def _re2_options(ignore_case: bool, max_mem: int | None = None) -> re2.Options:
    opts = re2.Options()
    opts.log_errors = False  # RE2 would otherwise print parse errors on standard error
    opts.case_sensitive = not ignore_case
    if max_mem is not None:
        opts.max_mem = max_mem
    return opts


def _reason(exc: Exception) -> str:
    """What RE2 says is wrong with a pattern."""
    reason = exc.args[0] if exc.args else str(exc)
    return reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)


def compile_pattern(pattern: str, *, ignore_case: bool = False, where: str = "pattern") -> "re2._Regexp":
    """Compile ``pattern`` with RE2, or raise ConfigError saying why RE2 refuses it."""
    if not isinstance(pattern, str) or not pattern:
        raise ConfigError(f"{where}: expected a non-empty string, not {pattern!r}")
    try:
        return re2.compile(pattern, _re2_options(ignore_case))
    except re2.error as exc:
        reason = _reason(exc)
        hint = ""
        if "\\1" in pattern or "(?=" in pattern or "(?!" in pattern or "(?<" in pattern:
            hint = " (RE2 has no backreferences or look-around; see docs/rule-packs.md)"
        raise ConfigError(f"{where}: RE2 cannot compile {pattern!r}: {reason}{hint}") from None


def built_regex_refusal(sources: dict[str, list[tuple[str, bool]]], ignore_case: bool) -> tuple[bool, str] | None:
    """Whether RE2 refuses one of the regexes a :class:`Matcher` builds from ``sources`` (its
    phrases or patterns joined into one alternation, wrapped for ``match: start`` or ``whole``):
    (is_phrase, RE2's reason) for the first it refuses, None when all compile. Each pattern may
    compile on its own while the regex built from them is too large for RE2."""
    seen: set[str] = set()
    for entries in sources.values():
        for src, is_phrase in entries:
            if src in seen:
                continue
            seen.add(src)
            try:
                re2.compile(src, _re2_options(ignore_case))
            except re2.error as exc:
                return is_phrase, _reason(exc)
    return None


def phrase_regex(phrase: str) -> str:
    """A literal phrase as a regex: escaped, with any run of white space matching any white space."""
    return r"\s+".join(re2.escape(part) for part in phrase.split())


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def matcher_sources(phrases: dict[str, list[str]], patterns: dict[str, list[str]],
                    mode: str) -> dict[str, list[tuple[str, bool]]]:
    """language -> [(regex source, is_phrase)] of a rule's ``phrases`` and ``patterns`` (each
    {language or 'any': [items]}): what its :class:`Matcher` compiles (newslint.packs.prebuilt works
    out the loose forms of these for the shipped packs)."""
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

    sources: dict[str, list[tuple[str, bool]]] = {}
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
            sources[lang] = entries
    return sources


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
    _compiled: dict[str, list[tuple[Any, bool, int]]] = field(default_factory=dict)

    def regexes(self, language: str) -> list[tuple[Any, bool, int]]:
        """(regex, is_phrase, group to report) for an article in ``language``; a regex with a loose
        form (:data:`LOOSE`) is a :class:`_Guarded`, compiled once its loose form matches."""
        lang = language if language in self.sources else _ANY_LANGUAGE
        out = self._compiled.get(lang)
        if out is None:
            out = []
            for src, is_phrase in self.sources.get(lang, []):
                loose = LOOSE.get(src)
                if loose is None or loose == src:
                    rx = compile_pattern(src, ignore_case=self.ignore_case)
                    out.append((rx, is_phrase, rx.groupindex.get("match", 0)))
                else:
                    guarded = _Guarded(src, loose, self.ignore_case)
                    out.append((guarded, is_phrase, guarded.group("match")))
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


class _Guarded:
    """A regex compiled only once its loose form (newslint.packs.loose) matches some text.

    The loose form matches wherever the regex does and costs RE2 a fraction of the compile, so a
    run whose texts never match it never compiles the regex. Once the loose form has matched, the
    regex is compiled and used from then on; the answers are the regex's either way. ``pattern`` is
    the regex's own source (what the set search of :class:`Prefilter` adds).
    """

    __slots__ = ("pattern", "_loose_source", "_ignore_case", "_loose", "_real")

    def __init__(self, pattern: str, loose: str, ignore_case: bool) -> None:
        self.pattern = pattern
        self._loose_source = loose
        self._ignore_case = ignore_case
        self._loose: Any = None
        self._real: Any = None

    def _loose_regex(self) -> Any:
        if self._loose is None:
            self._loose = compile_pattern(self._loose_source, ignore_case=self._ignore_case)
        return self._loose

    def regex(self) -> "re2._Regexp":
        """The regex itself, compiled now if it was not."""
        if self._real is None:
            self._real = compile_pattern(self.pattern, ignore_case=self._ignore_case)
            self._loose = None
        return self._real

    def group(self, name: str) -> int:
        """The number of the group ``name`` (0 when there is none): the loose form numbers its
        groups as the regex does."""
        if name + ">" not in self.pattern:
            return 0
        rx = self._real if self._real is not None else self._loose_regex()
        return rx.groupindex.get(name, 0)

    def search(self, text: str) -> Any:
        if self._real is None and self._loose_regex().search(text) is None:
            return None
        return self.regex().search(text)

    def finditer(self, text: str) -> Iterator[Any]:
        # asked only of texts the regex matches (the prefilter said so): no use trying the loose form
        return self.regex().finditer(text)


class Prefilter:
    """One RE2 set per language holding the regexes of every pack rule.

    Most paragraphs match no pack rule at all. Instead of each rule searching each paragraph with
    each of its regexes, one set search per paragraph finds which (rule, regex) pairs can match,
    and only those rules look closer. Results are cached per text for the article being linted.
    """

    _CACHE_LIMIT = 4096
    #: articles searched regex by regex before the set of their language bucket is compiled:
    #: compiling a set costs about as much as searching a few articles without it, and a run on
    #: one file (pre-commit) never needs it. The answers are the same either way. Languages that
    #: no rule treats apart share one bucket, one count and one set: a run over many languages with
    #: a few articles each does not search them all regex by regex.
    DIRECT_ARTICLES = 8

    def __init__(self) -> None:
        self._matchers: list[weakref.ref[Matcher]] = []
        #: language (and bucket key, see _buckets) -> compiled set and its (matcher id, regex index)
        self._sets: dict[Any, tuple[Any, list[tuple[int, int]]]] = {}
        self._cache: dict[tuple[str, str], dict[int, set[int]]] = {}
        #: bucket key (see _buckets) -> articles searched regex by regex so far
        self._direct: dict[Any, int] = {}
        #: language -> its bucket key
        self._keys: dict[str, tuple[tuple[int, str], ...]] = {}

    def register(self, matcher: "Matcher") -> None:
        self._matchers.append(weakref.ref(matcher))
        self._sets.clear()
        self._cache.clear()
        self._keys.clear()

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

    def _key(self, language: str) -> tuple[tuple[int, str], ...]:
        """The bucket key of ``language``, worked out once per language."""
        key = self._keys.get(language)
        if key is None:
            key = self._keys[language] = self._buckets(language)
        return key

    def _set_for(self, language: str) -> tuple[Any, list[tuple[int, int]]]:
        entry = self._sets.get(language)
        if entry is None:
            key = self._key(language)
            entry = self._sets.get(key)  # type: ignore[call-overload]
            if entry is None:
                entry = self._sets[key] = self._compile_set(language)  # type: ignore[index]
            self._sets[language] = entry
        return entry

    def _compile_set(self, language: str) -> tuple[Any, list[tuple[int, int]]]:
        patterns: list[str] = []
        owners: list[tuple[int, int]] = []
        for ref in self._matchers:
            matcher = ref()
            if matcher is None:
                continue
            for i, (rx, _is_phrase, _group) in enumerate(matcher.regexes(language)):
                flags = "(?i)" if matcher.ignore_case else ""
                patterns.append(flags + rx.pattern)
                owners.append((id(matcher), i))
        return (_search_set(patterns) if owners else None, owners)

    def _direct_search(self, language: str) -> bool:
        """Whether to search regex by regex: the set of ``language``'s bucket is not compiled yet
        and few articles of the bucket were searched."""
        if language in self._sets:
            return False
        key = self._key(language)
        return key not in self._sets and self._direct.get(key, 0) < self.DIRECT_ARTICLES

    def _direct_matches(self, text: str, language: str) -> Iterator[tuple[int, int]]:
        """(matcher id, regex index) of every regex for ``language`` that matches in ``text``: what
        the set search answers, one regex at a time."""
        for ref in self._matchers:
            matcher = ref()
            if matcher is None:
                continue
            for i, (rx, _is_phrase, _group) in enumerate(matcher.regexes(language)):
                if rx.search(text) is not None:
                    yield id(matcher), i

    def hits(self, text: str, language: str) -> dict[int, set[int]]:
        """matcher id -> indexes of its regexes (for ``language``) that match somewhere in ``text``."""
        key = (language, text)
        found = self._cache.get(key)
        if found is not None:
            return found
        found = {}
        if self._direct_search(language):
            for mid, i in self._direct_matches(text, language):
                found.setdefault(mid, set()).add(i)
        else:
            rset, owners = self._set_for(language)
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
            if self._direct_search(language):
                key = self._key(language)
                self._direct[key] = self._direct.get(key, 0) + 1
                for p in article.paragraphs:
                    for mid in dict.fromkeys(mid for mid, _i in self._direct_matches(p.text, language)):
                        found.setdefault(mid, []).append(p.index)
                cache[language] = found
                return found
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


def _search_set(patterns: list[str]) -> Any:
    """One RE2 set searching for every pattern; its ``Match(text)`` gives the indexes of those found.

    RE2 compiles a set within a memory budget (``max_mem``, SET_MAX_MEM): a run with many packs of
    its own (``--packs``) could exceed it. The patterns are
    then split into halves, each compiled as a set of its own, as often as it takes; the answers
    are the same.
    """
    rset = re2.Set.SearchSet(_re2_options(False, SET_MAX_MEM))
    for pattern in patterns:
        rset.Add(pattern)
    try:
        rset.Compile()
        return rset
    except re2.error:
        if len(patterns) == 1:
            return _OneRegex(compile_pattern(patterns[0]))
    half = len(patterns) // 2
    return _SetGroup([(_search_set(patterns[:half]), 0), (_search_set(patterns[half:]), half)])


class _SetGroup:
    """Several sets standing in for one too large for RE2's budget (see :func:`_search_set`)."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[tuple[Any, int]]) -> None:
        self.parts = parts

    def Match(self, text: str) -> list[int] | None:  # noqa: N802 - the name RE2's sets use
        found: list[int] = []
        for rset, offset in self.parts:
            for n in rset.Match(text) or ():
                found.append(offset + n)
        return found or None


class _OneRegex:
    """A single pattern too large for a set of its own: searched as a plain regex."""

    __slots__ = ("rx",)

    def __init__(self, rx: Any) -> None:
        self.rx = rx

    def Match(self, text: str) -> list[int] | None:  # noqa: N802 - the name RE2's sets use
        return [0] if self.rx.search(text) is not None else None


PREFILTER = Prefilter()
