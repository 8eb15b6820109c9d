"""``json`` (one document) and ``jsonl`` (one finding per line, streamed).

Both write the same finding objects. ``json`` streams its ``findings`` array as findings arrive, so
memory does not grow with their number, and ends with a ``summary``.
"""

from __future__ import annotations

import json
from typing import Any

from newslint._version import __version__
from newslint.engine import RunStats
from newslint.formatting import Formatter, SeverityCounter, fix_dict, statistics_rows
from newslint.violation import Violation


def finding_dict(v: Violation, docs: str) -> dict[str, Any]:
    """A finding as plain data, with stable keys (documented in docs/output-formats.md)."""
    return {
        "code": v.code,
        "name": v.name,
        "severity": v.severity,
        "message": v.message,
        "path": v.path,
        "line": v.line,
        "column": v.col,
        "end_line": v.end_line,
        "end_column": v.end_col,
        "record_id": v.record_id,
        "record_index": v.record_index,
        "field": v.field,
        "paragraph": v.paragraph,
        "excerpt": v.excerpt,
        "suggestion": v.suggestion,
        "fix": fix_dict(v),
        "docs": docs,
    }


def _dumps(obj: Any, **kw: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, **kw)


class JsonLinesFormatter(Formatter):
    name = "jsonl"
    machine = True

    def handle(self, violation: Violation) -> None:
        self.stream.write(_dumps(finding_dict(violation, self.doc_url(violation.code))) + "\n")

    def finish(self, stats: RunStats) -> None:
        # with budgets, one line per budget after the findings (objects with a "budget" key)
        for b in stats.budgets:
            self.stream.write(_dumps(b.to_dict()) + "\n")


class JsonFormatter(Formatter):
    name = "json"
    machine = True

    def start(self) -> None:
        self.count = SeverityCounter()
        head = _dumps({"tool": {"name": "newslint", "version": __version__}}, indent=2)
        self.stream.write(head[:-2] + ',\n  "findings": [')
        self.first = True

    def handle(self, violation: Violation) -> None:
        self.count.add(violation)
        item = _dumps(finding_dict(violation, self.doc_url(violation.code)), indent=2).replace("\n", "\n    ")
        self.stream.write(("\n    " if self.first else ",\n    ") + item)
        self.first = False

    def finish(self, stats: RunStats) -> None:
        summary = {
            "files": stats.files,
            "articles": stats.articles,
            "findings": self.count.total,
            "by_severity": {s: self.count.by_severity.get(s, 0) for s in ("error", "warning", "info")},
            "fixable": dict(sorted(self.count.fixable.items())),
            "rules": {
                code: {"name": name, "findings": n, "articles_affected": affected, "docs": self.doc_url(code)}
                for code, name, n, affected, _share in statistics_rows(stats, self.rules)
            },
            "budgets": [b.to_dict() for b in stats.budgets],
        }
        body = _dumps(summary, indent=2).replace("\n", "\n  ")
        self.stream.write(("\n  ]" if not self.first else "]") + f',\n  "summary": {body}\n}}\n')
