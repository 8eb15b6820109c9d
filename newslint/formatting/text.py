"""The flake8 line: ``path:line:col: CODE message``, one finding a line."""

from __future__ import annotations

from newslint.formatting import Formatter
from newslint.violation import Violation, shown


def location_suffix(v: Violation) -> str:
    """`` (record ID, field KEY)`` for findings inside JSON records, else empty."""
    parts = []
    if v.record_ref is not None:
        parts.append(f"record {v.record_ref}")
        if v.field:
            parts.append(f"field {v.field}")
    return f" ({', '.join(parts)})" if parts else ""


def format_line(v: Violation) -> str:
    return f"{v.path}:{v.line}:{v.col}: {v.code} {shown(v.message)}{location_suffix(v)}"


def fix_line(v: Violation) -> str | None:
    text = v.fix.description if v.fix is not None else v.suggestion
    if not text:
        return None
    tag = f" [{v.fix.applicability} fix]" if v.fix is not None else ""
    return f"    fix: {shown(text)}{tag}"


class TextFormatter(Formatter):
    name = "text"

    def handle(self, violation: Violation) -> None:
        self.stream.write(format_line(violation) + "\n")
        if self.show_fixes:
            line = fix_line(violation)
            if line:
                self.stream.write(line + "\n")
