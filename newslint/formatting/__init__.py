"""Output formats, one module each, registered by name through the ``newslint_formatters`` hook.

A format is a :class:`Formatter` subclass. The CLI builds one per run with the output stream and
options (``show_fixes``, ``color``, ``rules``: code -> Rule class, for rule metadata), calls
:meth:`Formatter.start` once, :meth:`Formatter.article` for every article linted (when the engine
reports them), :meth:`Formatter.handle` for every finding in output order, then
:meth:`Formatter.finish` with the run's statistics.
"""

from __future__ import annotations

from collections import Counter
from typing import IO, Any

from newslint.hookspecs import hookimpl
from newslint.engine import INPUT_CODES, RunStats
from newslint.violation import Violation

#: where a rule's documentation lives, relative to the project root; ``newslint rule CODE`` prints
#: the same text. Plugins may give their rules a ``doc_url`` attribute to point elsewhere.
DOCS_PATH = "docs/rules.md"


def rule_doc_url(code: str, rule: type | None = None) -> str:
    """The documentation link of a rule: the rule's own ``doc_url`` or ``docs/rules.md#nl101``."""
    url = getattr(rule, "doc_url", None) if rule is not None else None
    return url or f"{DOCS_PATH}#{code.lower()}"


class Formatter:
    """Base class of output formats."""

    #: the name used with ``--format``
    name = ""
    #: machine-readable formats: the CLI never mixes plain-text extras (``--statistics``,
    #: ``--count``) into their stream, it writes those to standard error instead
    machine = False
    #: formats that report on every article, with or without findings, through :meth:`article`:
    #: the CLI then lints in this process and without the cache, so that every article is seen
    needs_articles = False

    def __init__(
        self,
        stream: IO[str],
        *,
        show_fixes: bool = False,
        color: str = "auto",
        rules: dict[str, type] | None = None,
        **options: Any,
    ) -> None:
        self.stream = stream
        self.show_fixes = show_fixes
        self.color = color
        self.rules = rules or {}
        self.options = options

    def start(self) -> None:
        pass

    def article(self, article: Any, violations: list[Violation]) -> None:
        """Called once per linted article (with its per-article findings) before they are handled."""

    def handle(self, violation: Violation) -> None:
        raise NotImplementedError

    def finish(self, stats: RunStats) -> None:
        pass

    def statistics(self, stats: RunStats, stream: IO[str], severity: dict[str, str] | None = None) -> None:
        """``--statistics``: per-rule counts, effective severity and the share of articles affected."""
        for row in statistics_rows(stats, self.rules):
            code, name, count, affected, share = row
            level = self.level(code, severity)
            stream.write(f"{count:<6} {code} {name} [{level}] ({affected} of {stats.articles} articles, {share:.1f}%)\n")
        for budget in stats.budgets:
            stream.write(budget.line() + "\n")

    def level(self, code: str, severity: dict[str, str] | None = None) -> str:
        """The effective severity of a rule: as configured for the run, else the rule's default."""
        rule = self.rules.get(code)
        return (severity or {}).get(code) or (rule.severity if rule is not None else "error")

    # ------------------------------------------------------------------ helpers for subclasses
    def rule_name(self, code: str) -> str:
        rule = self.rules.get(code)
        return rule.name if rule is not None else INPUT_CODES.get(code, "")

    def doc_url(self, code: str) -> str:
        return rule_doc_url(code, self.rules.get(code))


class FanOut(Formatter):
    """Several formats from one run: the main one and, say, a Markdown summary to a file."""

    def __init__(self, formatters: list[Formatter]) -> None:
        main = formatters[0]
        super().__init__(main.stream, show_fixes=main.show_fixes, color=main.color, rules=main.rules)
        self.formatters = formatters
        self.name = main.name
        self.machine = main.machine
        self.needs_articles = any(f.needs_articles for f in formatters)

    def start(self) -> None:
        for f in self.formatters:
            f.start()

    def article(self, article: Any, violations: list[Violation]) -> None:
        for f in self.formatters:
            f.article(article, violations)

    def handle(self, violation: Violation) -> None:
        for f in self.formatters:
            f.handle(violation)

    def finish(self, stats: RunStats) -> None:
        for f in self.formatters:
            f.finish(stats)

    def statistics(self, stats: RunStats, stream: IO[str], severity: dict[str, str] | None = None) -> None:
        self.formatters[0].statistics(stats, stream, severity)


def statistics_rows(stats: RunStats, rules: dict[str, type]) -> list[tuple[str, str, int, int, float]]:
    """(code, name, findings, articles affected, percent of articles) per rule, by code."""
    articles = max(stats.articles, 1)
    rows = []
    for code in sorted(stats.findings):
        rule = rules.get(code)
        name = rule.name if rule is not None else INPUT_CODES.get(code, "")
        affected = stats.articles_affected.get(code, 0)
        rows.append((code, name, stats.findings[code], affected, 100 * affected / articles))
    return rows


def fix_dict(v: Violation) -> dict[str, Any] | None:
    """The fix of a finding as plain data: description, applicability and edits."""
    if v.fix is None:
        return None
    return {
        "description": v.fix.description,
        "applicability": v.fix.applicability,
        "edits": [
            {
                "kind": e.kind,
                "field": e.field,
                "paragraph": e.paragraph,
                "start": e.start,
                "end": e.end,
                "text": e.text,
            }
            for e in v.fix.edits
        ],
    }


class SeverityCounter:
    """Counts of findings per severity and per rule, for summaries."""

    def __init__(self) -> None:
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.fixable: Counter = Counter()

    def add(self, v: Violation) -> None:
        self.by_severity[v.severity] += 1
        self.by_rule[v.code] += 1
        if v.fix is not None:
            self.fixable[v.fix.applicability] += 1

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    from newslint.formatting.github import GithubFormatter
    from newslint.formatting.jsonfmt import JsonFormatter, JsonLinesFormatter
    from newslint.formatting.junit import JunitFormatter
    from newslint.formatting.markdown import MarkdownFormatter
    from newslint.formatting.richfmt import RichFormatter
    from newslint.formatting.sarif import SarifFormatter
    from newslint.formatting.text import TextFormatter

    return {
        "text": TextFormatter,
        "rich": RichFormatter,
        "json": JsonFormatter,
        "jsonl": JsonLinesFormatter,
        "sarif": SarifFormatter,
        "github": GithubFormatter,
        "junit": JunitFormatter,
        "markdown": MarkdownFormatter,
    }
