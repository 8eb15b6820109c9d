"""Rate budgets: a CI gate on the share of articles with a finding, not on zero findings.

A budget names rules the way ``select`` does (a code, a prefix such as ``NL2``, a rule name or
``ALL``) and the largest share of linted articles allowed to have at least one reported finding
of those rules::

    [tool.newslint.budgets]
    NL201 = "2%"              # at most 2% of articles without a byline
    NL1 = "0.5%"
    duplicate-article = "1%"

or ``--budget NL201=2%`` on the command line (repeatable; it overrides the file's budget for the
same selector). With budgets, the exit status is 1 only when a budget is exceeded (2 still means
unreadable input or a usage error).

The rate of a budget is *articles with at least one matching finding / articles linted*. Findings
are counted as reported: after suppressions, per-file and per-record ignores and the baseline.
Input problems (NL0xx) are not articles and never count. Rates are computed from the stream of
reported findings, which is the same whatever ``-j`` is, so parallel runs give the same figures.
An article is counted once per budget however many matching findings it has, also when they come
from both a per-article rule and a dataset rule: the tracker keeps a 64-bit digest per article that
has a matching finding (8 bytes per such article and budget) and counts distinct digests at the end.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from typing import Any

from newslint.config import ConfigError, selector_matches
from newslint.violation import INPUT_CODES, Violation
from newslint.lazy import LazyPattern

_PERCENT = LazyPattern(r"^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$")


def parse_percent(value: Any, where: str) -> float:
    """``"2%"`` -> 2.0; anything else is a one-line ConfigError naming ``where``."""
    if isinstance(value, str):
        m = _PERCENT.match(value)
        if m:
            pct = float(m.group(1))
            if pct > 100:
                raise ConfigError(f"{where}: a share of articles cannot exceed 100%, not {value.strip()!r}")
            return pct
    shown = repr(value) if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
    raise ConfigError(f"{where}: expected a percentage of articles such as \"2%\", got {shown}")


def parse_budget_option(text: str) -> tuple[str, float]:
    """``--budget NL201=2%`` -> ("NL201", 2.0)."""
    sel, sep, value = text.partition("=")
    sel = sel.strip()
    if not sep or not sel:
        raise ConfigError(f"--budget {text}: expected RULE=PERCENT, e.g. --budget NL201=2%")
    return sel, parse_percent(value, f"--budget {text}")


def format_percent(value: float) -> str:
    """2.0 -> "2%", 0.5 -> "0.5%", 1.234 -> "1.23%"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text}%"


@dataclass(frozen=True)
class BudgetResult:
    """One budget after a run: its selector and limit, the articles measured and whether it held."""

    selector: str
    #: the rule's name when the selector is one rule's code (or its code when it is a name), else ""
    label: str
    #: the limit, in percent of articles
    limit: float
    #: articles with at least one matching finding
    articles: int
    #: articles linted
    total: int

    @property
    def rate(self) -> float:
        """Percent of articles with a matching finding (0 when nothing was linted)."""
        return 100.0 * self.articles / self.total if self.total else 0.0

    @property
    def held(self) -> bool:
        # exactly, in fractions: the limit as written ("33.3%" is 333/10, not the float nearest to
        # it), so 333,000 of 1,000,000 articles hold a 33.3% budget however large the dataset
        from fractions import Fraction

        return self.articles * 100 <= Fraction(repr(float(self.limit))) * self.total

    @property
    def title(self) -> str:
        return f"{self.selector} {self.label}".rstrip() if self.label else self.selector

    def to_dict(self) -> dict[str, Any]:
        return {
            "budget": self.selector,
            "name": self.label or None,
            "limit_percent": self.limit,
            "articles": self.articles,
            "articles_linted": self.total,
            "rate_percent": round(self.rate, 4),
            "held": self.held,
        }

    def line(self) -> str:
        """``NL201 missing-byline: 31 of 1000 articles (3.1%), limit 2%: exceeded``."""
        held = self.held
        verdict = "held" if held else "exceeded"
        rate = format_percent(self.rate)
        if not held and rate == format_percent(self.limit):
            # 1 of 3 articles is 33.333...%: over a 33.33% limit, which two decimals would hide
            rate = f"{self.rate:.6f}".rstrip("0") + "%"
        return (f"budget {self.title}: {self.articles} of {self.total} articles ({rate}), "
                f"limit {format_percent(self.limit)}: {verdict}")


class BudgetTracker:
    """Counts, per budget, the distinct articles with a matching finding in a stream of findings."""

    def __init__(self, budgets: dict[str, float], rules: dict[str, type]) -> None:
        names = {r.name: code for code, r in rules.items()}
        self.budgets = dict(budgets)
        self.labels: dict[str, str] = {}
        #: code -> indexes of the budgets it counts for
        self.codes: dict[str, list[int]] = {}
        for i, sel in enumerate(self.budgets):
            exact = sel.upper() if sel.upper() in rules else names.get(sel)
            if exact is not None:
                self.labels[sel] = rules[exact].name if exact == sel.upper() else exact
            for code, rule in rules.items():
                if code not in INPUT_CODES and selector_matches(sel, code, rule.name):
                    self.codes.setdefault(code, []).append(i)
        self.seen = [array("q") for _ in self.budgets]
        self.last: list[Any] = [None] * len(self.budgets)

    def __bool__(self) -> bool:
        return bool(self.budgets)

    @staticmethod
    def article_key(v: Violation) -> tuple[str, int | None]:
        """The article a finding belongs to: its record in a dataset file, else the file."""
        return (v.path, v.record_index)

    def add(self, v: Violation) -> None:
        hits = self.codes.get(v.code)
        if not hits:
            return
        key = self.article_key(v)
        for i in hits:
            if self.last[i] != key:  # an article's findings mostly come together: skip the repeats
                self.last[i] = key
                self.seen[i].append(hash(key))

    def results(self, articles: int) -> list[BudgetResult]:
        import numpy as np

        out = []
        for i, (sel, limit) in enumerate(self.budgets.items()):
            seen = self.seen[i]
            count = len(np.unique(np.frombuffer(seen, dtype=np.int64))) if len(seen) else 0
            out.append(BudgetResult(sel, self.labels.get(sel, ""), limit, count, articles))
        return out
