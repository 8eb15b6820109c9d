"""SARIF 2.1.0: one run, rule metadata with the rules' documentation as help text, fixes as SARIF fixes.

Paths are written as relative URIs against ``%SRCROOT%`` (the directory newslint ran in), so code
scanning tools can match them to the repository. A paragraph deletion in a text or Markdown file
becomes a SARIF fix that deletes those lines; edits inside JSON records (which SARIF cannot express
as text replacements without the file at hand) are described in the result's ``properties.fix``.
Results are streamed; the ``tool`` object, which lists the rules that fired, is written last.
"""

from __future__ import annotations

import json
import os
from typing import Any
from urllib.parse import quote

from newslint._version import __version__
from newslint.engine import RunStats
from newslint.formatting import Formatter, fix_dict
from newslint.violation import Violation

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
TEXT_FORMATS = (".txt", ".text", ".md", ".markdown")


def artifact_uri(path: str) -> dict[str, str]:
    norm = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return {"uri": "file://" + quote(norm)}
    if norm.startswith("./"):
        norm = norm[2:]
    return {"uri": quote(norm), "uriBaseId": "%SRCROOT%"}


def region(v: Violation) -> dict[str, int]:
    r = {"startLine": max(v.line, 1), "startColumn": max(v.col, 1)}
    if v.end_line is not None and v.end_line >= v.line:
        r["endLine"] = v.end_line
    if v.end_col is not None and v.end_col >= 1 and (v.end_line is None or v.end_line > v.line or v.end_col >= v.col):
        r["endColumn"] = v.end_col
    return r


def sarif_fixes(v: Violation) -> list[dict[str, Any]]:
    """Paragraph deletions in text files as line deletions; other edits have no text region here."""
    if v.fix is None or not v.path.lower().endswith(TEXT_FORMATS):
        return []
    replacements = []
    for edit in v.fix.edits:
        if edit.kind != "delete_paragraph" or edit.paragraph != v.paragraph:
            return []
        end = v.end_line if v.end_line is not None else v.line
        replacements.append(
            {
                "deletedRegion": {"startLine": v.line, "startColumn": 1, "endLine": end + 1, "endColumn": 1},
                "insertedContent": {"text": ""},
            }
        )
    if not replacements:
        return []
    return [
        {
            "description": {"text": v.fix.description},
            "artifactChanges": [{"artifactLocation": artifact_uri(v.path), "replacements": replacements}],
        }
    ]


class SarifFormatter(Formatter):
    name = "sarif"
    machine = True

    def start(self) -> None:
        self.rule_index: dict[str, int] = {}
        self.rule_order: list[tuple[str, str, str]] = []  # code, name, severity
        self.first = True
        self.stream.write(
            '{\n  "$schema": ' + json.dumps(SCHEMA_URI) + ',\n  "version": "2.1.0",\n  "runs": [\n    {\n      "results": ['
        )

    def handle(self, v: Violation) -> None:
        index = self.rule_index.get(v.code)
        if index is None:
            index = self.rule_index[v.code] = len(self.rule_order)
            self.rule_order.append((v.code, v.name, v.severity))
        location: dict[str, Any] = {
            "physicalLocation": {"artifactLocation": artifact_uri(v.path), "region": region(v)}
        }
        if v.record_ref is not None:
            name = f"record {v.record_ref}" + (f", field {v.field}" if v.field else "")
            location["logicalLocations"] = [{"name": name, "kind": "object"}]
        result: dict[str, Any] = {
            "ruleId": v.code,
            "ruleIndex": index,
            "level": LEVEL.get(v.severity, "warning"),
            "message": {"text": v.message},
            "locations": [location],
        }
        fixes = sarif_fixes(v)
        if fixes:
            result["fixes"] = fixes
        props = {
            k: val
            for k, val in (
                ("name", v.name),
                ("recordId", v.record_id),
                ("recordIndex", v.record_index),
                ("field", v.field),
                ("paragraph", v.paragraph),
                ("excerpt", v.excerpt),
                ("suggestion", v.suggestion),
                ("fix", fix_dict(v)),
                ("docs", self.doc_url(v.code)),
            )
            if val is not None
        }
        result["properties"] = props
        text = json.dumps(result, ensure_ascii=False, indent=2).replace("\n", "\n        ")
        self.stream.write(("\n        " if self.first else ",\n        ") + text)
        self.first = False

    def rule_descriptor(self, code: str, name: str, severity: str) -> dict[str, Any]:
        rule = self.rules.get(code)
        doc = rule.doc() if rule is not None else ""
        summary = doc.splitlines()[0] if doc else name
        default_severity = getattr(rule, "severity", severity)
        desc: dict[str, Any] = {
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": doc or summary},
            "help": {"text": doc or summary, "markdown": _markdown_help(code, doc or summary)},
            "defaultConfiguration": {"level": LEVEL.get(default_severity, "warning")},
            "properties": {
                "docs": self.doc_url(code),
                "fixable": bool(getattr(rule, "fixable", False)),
                "tags": [getattr(rule, "scope", "article"), getattr(rule, "origin", "built-in")],
            },
        }
        url = getattr(rule, "doc_url", None)
        if url and "://" in url:
            desc["helpUri"] = url
        return desc

    def finish(self, stats: RunStats) -> None:
        driver = {
            "name": "newslint",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": [self.rule_descriptor(*r) for r in self.rule_order],
        }
        tool = json.dumps({"driver": driver}, ensure_ascii=False, indent=2).replace("\n", "\n      ")
        end = "\n      ]" if not self.first else "]"
        run_props: dict[str, Any] = {"files": stats.files, "articles": stats.articles}
        if stats.budgets:
            run_props["budgets"] = [b.to_dict() for b in stats.budgets]
        props = json.dumps(run_props, ensure_ascii=False)
        self.stream.write(
            f'{end},\n      "columnKind": "unicodeCodePoints",\n      "properties": {props},\n      "tool": {tool}\n    }}\n  ]\n}}\n'
        )


def _markdown_help(code: str, doc: str) -> str:
    """The rule docs as Markdown: ``Fails::``/``Passes::`` blocks become fenced code."""
    out: list[str] = []
    lines = doc.splitlines()
    in_block = False
    for line in lines:
        if line.endswith("::"):
            if in_block:
                out.append("```")
            out.append(f"**{line[:-2]}**")
            out.append("")
            out.append("```text")
            in_block = True
            continue
        if in_block and line and not line.startswith(" "):
            out.append("```")
            in_block = False
        out.append(line[4:] if in_block and line.startswith("    ") else line)
    if in_block:
        out.append("```")
    return f"See `newslint rule {code}`.\n\n" + "\n".join(out).strip()
