"""Rule base classes.

A rule declares its metadata as class attributes (code, name, default severity, options with
defaults) and does one thing: say where and what. The engine stamps code, severity and path onto
what a rule yields, and applies selection, suppressions and baselines.

The class docstring is the rule's documentation (``newslint rule CODE`` prints it). It follows one
layout, checked by a meta-test::

    One-line summary.

    What it flags ... / Why it matters ...

    Fails::

        ...

    Passes::

        ...

    Fix: what the fix does and whether it is safe.
"""

from __future__ import annotations

import inspect
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from newslint.article import Article
from newslint.violation import Fix

CODE_RE = re.compile(r"^[A-Z]{2,5}\d{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


class OptionError(ValueError):
    """A rule option has an unknown name or a value of the wrong type."""


@dataclass(slots=True)
class Problem:
    """What a rule reports: where (line, column, field, paragraph) and what (message, suggestion, fix)."""

    message: str
    line: int | None = None
    col: int = 1
    field: str | None = None
    paragraph: int | None = None
    suggestion: str | None = None
    fix: Fix | None = None
    end_line: int | None = None
    end_col: int | None = None
    excerpt: str | None = None


def shorten(text: str, width: int = 60) -> str:
    """One-line excerpt of ``text`` no longer than ``width`` characters.

    Only as much of ``text`` is read as the excerpt needs: a rule reporting thousands of findings
    inside one huge paragraph must not collapse the whole paragraph for each of them.
    """
    size = 4 * width + 64
    while True:
        head = text[:size]
        flat = " ".join(head.split())
        if len(flat) > width or len(head) == len(text):
            break
        size *= 4  # mostly white space so far: read further
    if len(head) == len(text) and len(flat) <= width:
        return flat
    return flat[: width - 1].rstrip() + "…"


class Rule:
    """Base class of per-article rules."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    severity: ClassVar[str] = "warning"
    #: option name (kebab-case) -> default value; the default's type is the option's type
    options: ClassVar[dict[str, Any]] = {}
    #: whether the rule can carry a Fix
    fixable: ClassVar[bool] = False
    #: rules off by default are enabled with ``--select`` / ``extend-select``
    default_enabled: ClassVar[bool] = True
    #: "built-in", "pack:<name>" or "plugin:<dist>"; set by the plugin manager for third parties
    origin: ClassVar[str] = "built-in"
    #: "article" or "dataset"
    scope: ClassVar[str] = "article"

    def __init__(self, options: dict[str, Any] | None = None) -> None:
        self.opts = self.validate_options(options or {})

    def cache_key(self) -> Any:
        """What, besides the options and the file's content, decides this rule's findings and
        changes from run to run (JSON-able; None for nothing): the result cache keys on it, so a
        rule that reads the clock does not have its findings replayed once they are stale."""
        return None

    # ------------------------------------------------------------------ metadata
    @classmethod
    def validate_options(cls, given: dict[str, Any]) -> dict[str, Any]:
        """Merge ``given`` over the defaults, checking names and types (one generic validator)."""
        merged = dict(cls.options)
        for key, value in given.items():
            key = str(key)  # a YAML or API key may be a number: `{1: 2}` is an unknown option
            norm = key.replace("_", "-")
            if norm not in cls.options:
                known = ", ".join(sorted(cls.options)) or "none"
                import difflib

                close = difflib.get_close_matches(norm, list(cls.options), n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'? " if close else ""
                raise OptionError(f"{cls.code} ({cls.name}) has no option '{key}' ({hint}options: {known})")
            default = cls.options[norm]
            merged[norm] = _coerce(cls, norm, default, value)
        return merged

    @classmethod
    def doc(cls) -> str:
        """The rule's documentation: its class docstring, dedented."""
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        doc = cls.doc()
        return doc.splitlines()[0] if doc else ""

    # ------------------------------------------------------------------ checking
    def check(self, article: Article) -> Iterable[Problem]:  # pragma: no cover - abstract
        """Yield the problems found in one article."""
        raise NotImplementedError

    # ------------------------------------------------------------------ helpers for subclasses
    @staticmethod
    def at_paragraph(article: Article, index: int, message: str, **kw: Any) -> Problem:
        """A Problem located at body paragraph ``index``."""
        p = article.paragraphs[index]
        kw.setdefault("excerpt", shorten(p.text))
        return Problem(
            message=message,
            line=p.line,
            field="body",
            paragraph=index,
            end_line=p.end_line,
            **kw,
        )

    @staticmethod
    def at_field(article: Article, field: str, message: str, **kw: Any) -> Problem:
        """A Problem about metadata field ``field``."""
        return Problem(message=message, line=article.field_line(field), field=field, **kw)


class DatasetRule(Rule):
    """Base class of cross-article rules.

    The engine calls :meth:`new_state` once, :meth:`observe` for every article (the rule keeps only
    what it needs, bounded per article), :meth:`merge` to combine states computed in parallel, and
    :meth:`finish` once at the end, which yields ``(ArticleRef, Problem)`` pairs (through
    :meth:`findings`). ``merge(a, b)`` may reuse ``a``; its result must not depend on how the
    articles were split between states, and states must pickle (workers send them back).
    """

    scope: ClassVar[str] = "dataset"

    def check(self, article: Article) -> Iterable[Problem]:
        return ()

    def new_state(self) -> Any:
        raise NotImplementedError

    def observe(self, state: Any, article: Article) -> None:
        raise NotImplementedError

    def merge(self, a: Any, b: Any) -> Any:
        raise NotImplementedError

    def finish(self, state: Any) -> Iterator[tuple["ArticleRef", Problem]]:
        raise NotImplementedError

    def findings(self, state: Any) -> Iterator[tuple["Rule", "ArticleRef", Problem]]:
        """``(rule, ref, problem)`` for every finding; the engine stamps each with its ``rule``.

        The default wraps :meth:`finish`. A bundle of rules sharing one state (see
        newslint.dataset.DatasetRuleBundle) overrides it to report for each of its members.
        """
        for ref, problem in self.finish(state):
            yield self, ref, problem


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """Enough of an article to report a dataset finding against it."""

    path: str
    line: int
    record_id: str | None
    record_index: int | None
    #: the record's URL: with the id, what names a record across runs (baselines)
    url: str | None = None
    #: (canonical field, the record's key) pairs, as :attr:`Article.field_keys` holds them
    field_keys: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, article: Article) -> "ArticleRef":
        return cls(article.path, article.line, article.record_id, article.record_index, article.url)

    def field_key(self, name: str) -> str:
        """The record's key for canonical field ``name`` (``body`` -> ``text``), as
        :meth:`Article.field_key` gives it."""
        return next((key for canonical, key in self.field_keys if canonical == name), name)

    @property
    def label(self) -> str:
        if self.record_id is not None:
            return f"{self.path}:{self.line} ({self.record_id})"
        return f"{self.path}:{self.line}"


def _coerce(rule: type[Rule], key: str, default: Any, value: Any) -> Any:
    where = f"{rule.code} ({rule.name}) option '{key}'"
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false", "yes", "no", "1", "0"):
            return value.lower() in ("true", "yes", "1")
        raise OptionError(f"{where} must be true or false, not {value!r}")
    if isinstance(default, int):
        if isinstance(value, bool):
            raise OptionError(f"{where} must be a whole number, not {value!r}")
        try:
            number = int(value) if not isinstance(value, float) or value.is_integer() else _bad()
        except (TypeError, ValueError, OverflowError):
            raise OptionError(f"{where} must be a whole number, not {value!r}") from None
        return _in_range(where, key, default, number, f"{number:,}")
    if isinstance(default, float):
        try:
            if isinstance(value, bool):
                raise ValueError
            number = float(value)
        except (TypeError, ValueError):
            raise OptionError(f"{where} must be a number, not {value!r}") from None
        if not math.isfinite(number):
            raise OptionError(f"{where} must be a finite number, not {value!r}")
        return _in_range(where, key, default, number, repr(value))
    if isinstance(default, (list, tuple)):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise OptionError(f"{where} must be a list of strings, not {value!r}")
        return list(value)
    if isinstance(default, str):
        if not isinstance(value, str):
            raise OptionError(f"{where} must be a string, not {value!r}")
        return value
    return value


def _bad() -> int:
    raise ValueError


#: the largest size a numeric option takes: counts of words, characters, days and articles, all
#: far below it; beyond it, date arithmetic and array sizes overflow
OPTION_LIMIT = 1_000_000_000


def _in_range(where: str, key: str, default: float, number: float, shown: str) -> Any:
    """``number`` if it is a value the option can take: no larger than OPTION_LIMIT either way; not
    negative when the default is not (sizes, counts, shares); and, for a whole-number ``min-``
    option whose default is 1 or more, 1 or more (a minimum of none would make every line a run,
    every label repeated)."""
    if abs(number) > OPTION_LIMIT:
        raise OptionError(f"{where} must be at most {OPTION_LIMIT:,} either way, not {shown}")
    if default >= 0 and number < 0:
        raise OptionError(f"{where} must be 0 or more, not {shown}")
    if isinstance(default, int) and key.startswith("min-") and default >= 1 and number < 1:
        raise OptionError(f"{where} must be 1 or more, not {shown}")
    return number
