"""``markdown``: a summary of the run for a CI job summary or a pull-request comment.

The page says whether the budgets held (when there are any), then gives the budgets table (limit,
articles, rate, verdict), the findings per rule (findings, articles affected and their share) and
the worst records (most findings, errors weighing most), each with its file, line and record.
Individual findings are not listed: that is what the annotations, SARIF or the text format are for.

Memory stays bounded: the findings of an article arrive together, so they are summed as they come
and only the :attr:`MarkdownFormatter.top` worst records are kept.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from newslint.budgets import format_percent
from newslint.engine import RunStats
from newslint.formatting import Formatter, SeverityCounter, statistics_rows
from newslint.violation import Violation

WEIGHT = {"error": 10, "warning": 3, "info": 1}
ICON = {"held": "✅", "exceeded": "❌", "clean": "✅", "findings": "⚠️", "input": "❌"}


#: ASCII punctuation that means something inside a line of CommonMark or GitHub's Markdown:
#: escapes, code spans, emphasis, links and images, raw HTML and autolinks, entities,
#: strikethrough, table cells and math. CommonMark lets a backslash escape any of them.
_MD_SPECIAL = frozenset("\\`*_[]<>&~|!$")


def md_text(text: str) -> str:
    """Text shown as it is inside a Markdown table cell, whatever a scraped record id or file
    name holds: line breaks flattened, the punctuation of :data:`_MD_SPECIAL` backslash-escaped,
    so ``![x](https://...)`` is never an image nor ``[click](...)`` a link."""
    flat = " ".join(str(text).split())
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in flat)


def md_code(text: str) -> str:
    """``text`` as a code span: fenced by one backtick more than its longest run of backticks
    (CommonMark), and padded with a space when it starts or ends with a backtick."""
    text = " ".join(str(text).split()).replace("|", "\\|")
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


@dataclass
class Record:
    """The findings reported for one article (or unreadable input)."""

    path: str
    line: int
    ref: str | None
    severities: Counter = field(default_factory=Counter)
    codes: Counter = field(default_factory=Counter)

    @property
    def score(self) -> int:
        return sum(WEIGHT.get(s, 1) * n for s, n in self.severities.items())

    def add(self, v: Violation) -> None:
        self.severities[v.severity] += 1
        self.codes[v.code] += 1

    def absorb(self, other: "Record") -> None:
        self.severities.update(other.severities)
        self.codes.update(other.codes)


class MarkdownFormatter(Formatter):
    name = "markdown"
    machine = True
    #: worst records listed
    top = 10

    def start(self) -> None:
        self.count = SeverityCounter()
        self.severity_of: dict[str, str] = {}
        self.current: Record | None = None
        self.current_key: tuple | None = None
        self.worst: dict[tuple, Record] = {}
        self.input_problems = 0

    def handle(self, v: Violation) -> None:
        self.count.add(v)
        self.severity_of.setdefault(v.code, v.severity)
        if v.is_input_error:
            self.input_problems += 1
        key = (v.path, v.record_index)
        if key != self.current_key:
            self._flush()
            self.current_key = key
            self.current = Record(v.path, v.line, v.record_ref)
        assert self.current is not None
        self.current.add(v)

    def _flush(self) -> None:
        rec, key = self.current, self.current_key
        self.current = self.current_key = None
        if rec is None or key is None:
            return
        known = self.worst.get(key)
        if known is not None:  # the same article again (its dataset-wide findings come last)
            known.absorb(rec)
            return
        if len(self.worst) < self.top:
            self.worst[key] = rec
            return
        low_key = min(self.worst, key=lambda k: (self.worst[k].score, _order(self.worst[k])))
        if (rec.score, _order(rec)) > (self.worst[low_key].score, _order(self.worst[low_key])):
            del self.worst[low_key]
            self.worst[key] = rec

    def finish(self, stats: RunStats) -> None:
        self._flush()
        self.stream.write("\n".join(self.lines(stats)) + "\n")

    # ------------------------------------------------------------------ the page
    def lines(self, stats: RunStats) -> list[str]:
        n = self.count
        out = ["## newslint", ""]
        scanned = f"{stats.articles:,} articles in {stats.files:,} files"
        sev = ", ".join(f"{n.by_severity[s]:,} {s if s == 'info' or n.by_severity[s] == 1 else s + 's'}"
                        for s in ("error", "warning", "info") if n.by_severity.get(s))
        found = f"{n.total:,} findings ({sev})" if n.total else "no findings"
        if stats.budgets:
            exceeded = [b for b in stats.budgets if not b.held]
            many = len(stats.budgets)
            if exceeded:
                head = f"{ICON['exceeded']} **{len(exceeded)} of {many} budget{'s' if many > 1 else ''} exceeded**"
            else:
                head = f"{ICON['held']} **{'the budget' if many == 1 else f'all {many} budgets'} held**"
        elif n.total:
            head = f"{ICON['findings']} **{n.total:,} findings**"
        else:
            head = f"{ICON['clean']} **no findings**"
        out.append(f"{head} · {scanned} · {found}")
        if self.input_problems:
            out.append("")
            out.append(f"{ICON['input']} {self.input_problems:,} input problems (NL0xx): files or records "
                       "newslint could not read.")
        if stats.budgets:
            out += ["", "### Budgets", "", "| budget | articles | rate | limit | |", "| --- | ---: | ---: | ---: | --- |"]
            for b in stats.budgets:
                label = f"{md_code(b.selector)} {md_text(b.label)}".rstrip()
                verdict = f"{ICON['held']} held" if b.held else f"{ICON['exceeded']} exceeded"
                out.append(f"| {label} | {b.articles:,} | {format_percent(b.rate)} | {format_percent(b.limit)} | {verdict} |")
            out.append("")
            out.append("Rate: articles with at least one reported finding of the rules named / articles linted.")
        rows = statistics_rows(stats, self.rules)
        if rows:
            out += ["", "### Findings per rule", "",
                    "| code | name | severity | findings | articles | rate |",
                    "| --- | --- | --- | ---: | ---: | ---: |"]
            for code, name, count, affected, share in rows:
                url = self.doc_url(code)
                shown = f"[{md_code(code)}]({url})" if "://" in url else md_code(code)
                level = self.severity_of.get(code) or self.level(code)
                out.append(f"| {shown} | {md_text(name)} | {level} | {count:,} | {affected:,} | {share:.1f}% |")
        if self.worst:
            out += ["", "### Worst records", "", "| score | record | findings |", "| ---: | --- | --- |"]
            ranked = sorted(self.worst.values(), key=lambda r: (-r.score, r.path, r.line))
            for rec in ranked:
                where = md_code(f"{rec.path}:{rec.line}") + (f" record {md_text(rec.ref)}" if rec.ref else "")
                codes = ", ".join(f"{c} ×{k}" if k > 1 else c for c, k in sorted(rec.codes.items()))
                out.append(f"| {rec.score} | {where} | {md_text(codes)} |")
            out.append("")
            out.append("Score: 10 per error, 3 per warning, 1 per info finding.")
        return out


def _order(rec: Record) -> tuple:
    """Ties: the earlier record ranks first (a larger value here)."""
    return (*(-ord(c) for c in rec.path), 1), -rec.line
