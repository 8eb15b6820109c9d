"""``rich``: the terminal report, the default when standard output is a terminal.

Findings are grouped by file and, inside datasets, by record; each shows its location, severity
in colour, code and name, the message, the offending text and the fix suggestion. A summary table
of counts per rule ends the report. ``--color auto|always|never`` and ``NO_COLOR`` are honoured:
``auto`` colours only a terminal and respects ``NO_COLOR``; ``always`` colours even a pipe (and
wins over ``NO_COLOR``, as an explicit flag should); ``never`` writes plain text.
"""

from __future__ import annotations

import time
from typing import IO, TYPE_CHECKING

from newslint.engine import RunStats
from newslint.budgets import format_percent
from newslint.formatting import Formatter, SeverityCounter, statistics_rows
from newslint.lazy import lazy_import
from newslint.violation import Violation, shown

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

# rich is imported when a rich report is written, not when the format is registered (every run)
_console = lazy_import("rich.console")
_table = lazy_import("rich.table")
_text = lazy_import("rich.text")

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def make_console(stream: IO[str], color: str = "auto") -> Console:
    """A Console on ``stream`` honouring ``--color`` (and, for ``auto``, NO_COLOR and TERM=dumb)."""
    kw: dict = {"file": stream, "highlight": False, "emoji": False, "soft_wrap": False}
    if color == "always":
        kw.update(force_terminal=True, no_color=False, color_system="standard" if not stream.isatty() else "auto")
    elif color == "never":
        kw.update(color_system=None, no_color=True)
    console = _console.Console(**kw)
    if color == "always":
        console.no_color = False  # an explicit --color always wins over NO_COLOR
    return console


class RichFormatter(Formatter):
    name = "rich"

    def start(self) -> None:
        self.console = make_console(self.stream, self.color)
        self.count = SeverityCounter()
        self.group: tuple | None = None
        self.record: tuple | None = None
        self.dataset_header = False
        self.files_with_findings = 0
        self.buffer: list[Text] = []
        self.next_flush = time.monotonic() + 0.2
        self.severities: dict[str, str] = {}
        self.fixable_by_rule: dict[str, int] = {}

    def _is_dataset(self, v: Violation) -> bool:
        rule = self.rules.get(v.code)
        return getattr(rule, "scope", "article") == "dataset"

    def _emit(self, text: Text) -> None:
        self.buffer.append(text)
        if len(self.buffer) >= 256 or time.monotonic() >= self.next_flush:
            self._flush()

    def _flush(self) -> None:
        """Print buffered lines in one call: one print per line would cost ten times more."""
        if self.buffer:
            self.console.print(_text.Text("\n").join(self.buffer), soft_wrap=True)
            self.buffer.clear()
        self.next_flush = time.monotonic() + 0.2

    def handle(self, v: Violation) -> None:
        self.count.add(v)
        self.severities.setdefault(v.code, v.severity)
        if v.fix is not None:
            self.fixable_by_rule[v.code] = self.fixable_by_rule.get(v.code, 0) + 1
        if self._is_dataset(v) and not self.dataset_header:
            self.dataset_header = True
            self.group = self.record = None
            self._flush()
            self.console.print()
            self.console.rule(_text.Text("across the dataset", style="bold"), align="left", style="dim")
        emit = self._emit
        if self.group != (v.path,):
            self.group = (v.path,)
            self.record = None
            self.files_with_findings += 1
            emit(_text.Text())
            emit(_text.Text(v.path, style="bold underline"))
        # by index too: scraped datasets often hold several records with one id, each its own group
        if v.record_ref is not None and self.record != (v.path, v.record_index, v.record_ref):
            self.record = (v.path, v.record_index, v.record_ref)
            emit(_text.Text.assemble("  ", ("record ", "dim"), (v.record_ref, "bold"), (f"  line {v.line}", "dim")))
        indent = "    " if v.record_ref is not None else "  "
        line = _text.Text(indent)
        line.append(f"{v.line}:{v.col}".ljust(8), style="dim")
        line.append(f"{v.severity:<8}", style=STYLE.get(v.severity, ""))
        line.append(v.code, style="bold")
        line.append(f" {shown(v.message)}")
        if v.field and v.record_ref is not None:
            line.append(f"  [{v.field}]", style="dim")
        emit(line)
        pad = indent + " " * 16
        if v.excerpt:
            emit(_text.Text.assemble(pad, ("│ ", "dim"), (shown(v.excerpt), "italic")))
        hint = v.fix.description if v.fix is not None else v.suggestion
        if hint:
            tag = f" [{v.fix.applicability} fix]" if v.fix is not None else ""
            emit(_text.Text.assemble(pad, ("fix: ", "green"), shown(hint), (tag, "dim")))

    def finish(self, stats: RunStats) -> None:
        self._flush()
        c = self.console
        n = self.count
        c.print()
        if not n.total:
            c.print(_text.Text.assemble(("✓ ", "bold green"), f"no findings in {_plural(stats.articles, 'article')} "
                                  f"({_plural(stats.files, 'file')})"))
            return
        table = _table.Table(title="Findings per rule", title_justify="left", header_style="bold", box=None, pad_edge=False)
        table.add_column("code")
        table.add_column("name")
        table.add_column("severity")
        table.add_column("findings", justify="right")
        table.add_column("fixable", justify="right")
        for code in sorted(n.by_rule):
            sev = self.severities[code]
            table.add_row(code, self.rule_name(code), _text.Text(sev, style=STYLE.get(sev, "")),
                          str(n.by_rule[code]), str(self.fixable_by_rule.get(code, 0)))
        c.print(table)
        c.print()
        parts = [_text.Text(_plural(n.by_severity[s], s if s != "info" else "info"), style=STYLE[s])
                 for s in ("error", "warning", "info") if n.by_severity.get(s)]
        summary = _text.Text.assemble(("✗ ", "bold red" if n.by_severity.get("error") else "yellow"),
                                _plural(n.total, "finding"), " (")
        summary.append_text(_text.Text(", ").join(parts))
        summary.append(f") in {_plural(self.files_with_findings, 'file')}; "
                       f"{_plural(stats.articles, 'article')} in {_plural(stats.files, 'file')} checked")
        c.print(summary)
        safe = n.fixable.get("safe", 0)
        unsafe = n.fixable.get("unsafe", 0)
        if safe or unsafe:
            c.print(_text.Text(f"  {safe} with a safe fix, {unsafe} with an unsafe fix", style="dim"))

    def statistics(self, stats: RunStats, stream: IO[str], severity: dict[str, str] | None = None) -> None:
        console = self.console if stream is self.stream else make_console(stream, self.color)
        table = _table.Table(title=f"Statistics: {_plural(stats.articles, 'article')} in {_plural(stats.files, 'file')}",
                      title_justify="left", header_style="bold", box=None, pad_edge=False)
        table.add_column("code")
        table.add_column("name")
        table.add_column("severity")
        table.add_column("findings", justify="right")
        table.add_column("articles", justify="right")
        table.add_column("share", justify="right")
        table.add_column("", no_wrap=True)
        for code, name, count, affected, share in statistics_rows(stats, self.rules):
            bar = "█" * round(share / 5) or ("▏" if affected else "")
            level = self.level(code, severity)
            table.add_row(code, name, _text.Text(level, style=STYLE.get(level, "")), str(count), str(affected),
                          f"{share:.1f}%", _text.Text(bar, style="magenta"))
        console.print()
        console.print(table)
        if stats.budgets:
            budgets = _table.Table(title="Budgets", title_justify="left", header_style="bold", box=None, pad_edge=False)
            for col, justify in (("budget", "left"), ("articles", "right"), ("rate", "right"),
                                 ("limit", "right"), ("", "left")):
                budgets.add_column(col, justify=justify)  # type: ignore[arg-type]
            for b in stats.budgets:
                budgets.add_row(b.title, str(b.articles), format_percent(b.rate), format_percent(b.limit),
                                _text.Text("held", style="green") if b.held else _text.Text("exceeded", style="bold red"))
            console.print()
            console.print(budgets)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"
