"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation a finding.

Escaping follows the runner's rules: in the message ``%``, CR and LF are percent-encoded; in
property values ``:`` and ``,`` are encoded as well.
"""

from __future__ import annotations

from newslint.formatting import Formatter
from newslint.formatting.text import location_suffix
from newslint.violation import Violation, shown

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(v: Violation) -> str:
    props = [f"file={escape_property(v.path)}", f"line={v.line}"]
    if v.end_line is not None and v.end_line != v.line:
        props.append(f"endLine={v.end_line}")
    props.append(f"col={v.col}")
    if v.end_col is not None and (v.end_line is None or v.end_line == v.line):
        props.append(f"endColumn={v.end_col}")
    props.append(f"title={escape_property(f'{v.code} {v.name}'.strip())}")
    message = f"{shown(v.message, keep=chr(10) + chr(13))}{location_suffix(v)}"  # escape_data takes line breaks
    hint = v.fix.description if v.fix is not None else v.suggestion
    if hint:
        message += f"\nfix: {shown(hint, keep=chr(10) + chr(13))}"
    return f"::{LEVEL.get(v.severity, 'warning')} {','.join(props)}::{escape_data(message)}"


class GithubFormatter(Formatter):
    name = "github"

    def handle(self, violation: Violation) -> None:
        self.stream.write(annotation(violation) + "\n")

    def finish(self, stats) -> None:
        # budgets: an error annotation for each one exceeded, a notice for each one held
        for b in stats.budgets:
            level = "notice" if b.held else "error"
            title = escape_property(f"newslint budget {b.title}")
            self.stream.write(f"::{level} title={title}::{escape_data(b.line())}\n")
