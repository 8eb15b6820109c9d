r"""Rule documentation: the parts of a rule docstring, runnable examples, and docs/rules.md.

A rule's docstring has a summary line, an explanation, a ``Fails::`` and a ``Passes::`` literal
block and a ``Fix:`` paragraph. An example block is *runnable* when it is a complete article: a
JSON record (one object per line) or a plain-text / Markdown article (Markdown when it starts
with front matter ``---`` or holds an HTML comment). Inside a text example a line ``(blank line)`` stands for an empty line and
``\xNN`` / ``\uNNNN`` escapes for characters that cannot be seen (control, zero-width, bidi). A
block starting with ``(`` describes an input in words ("a body of more than 10,000 words") and is
not run. The meta-tests run every runnable example through the rule.
"""

from __future__ import annotations

import json
import re
import textwrap
from dataclasses import dataclass

_SECTION = re.compile(r"^(Fails|Passes)::\s*$", re.M)


@dataclass
class RuleDoc:
    summary: str
    body: str
    fails: str | None
    passes: str | None
    fix: str | None


def parse_doc(doc: str) -> RuleDoc:
    """Split a cleaned docstring into its sections (missing sections are None)."""
    lines = doc.splitlines()
    summary = lines[0].strip() if lines else ""
    blocks: dict[str, str] = {}
    for m in _SECTION.finditer(doc):
        rest = doc[m.end():].split("\n")
        block: list[str] = []
        for line in rest[1:]:
            if line.strip() and not line.startswith((" ", "\t")):
                break
            block.append(line)
        blocks[m.group(1)] = textwrap.dedent("\n".join(block)).strip("\n")
    fix = re.search(r"^Fix:\s*(.+?)(?:\n\s*\n|\Z)", doc, re.M | re.S)
    first_section = _SECTION.search(doc)
    body = doc[len(lines[0]) if lines else 0 : first_section.start() if first_section else len(doc)].strip()
    return RuleDoc(summary, body, blocks.get("Fails"), blocks.get("Passes"),
                   " ".join(fix.group(1).split()) if fix else None)


def example_kind(block: str | None) -> str | None:
    """'jsonl', 'md' or 'txt' for a runnable example, None for a description in words."""
    if not block or block.lstrip().startswith("("):
        return None
    if block.lstrip().startswith('{"'):
        return "jsonl"
    if block.startswith("---") or "<!--" in block:
        return "md"
    return "txt"


def run_example(code: str, block: str) -> list:
    """Lint an example as a user would, with the default rules and rule ``code`` enabled (rules
    such as NL009 unused-suppression need the others); returns the findings."""
    from newslint.api import lint_records, lint_text
    from newslint.config import Config

    kind = example_kind(block)
    config = Config(extend_select=[code])
    if kind == "jsonl":
        records = [json.loads(line) for line in block.splitlines() if line.strip()]
        return lint_records(records, config=config, path="example.jsonl")
    return lint_text(example_text(block) + "\n", path=f"example.{kind}", config=config)


_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")


def example_text(block: str) -> str:
    """A text example as the file it stands for: ``(blank line)`` lines emptied, escapes decoded."""
    lines = ["" if line.strip() == "(blank line)" else line for line in block.splitlines()]
    return _ESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16)), "\n".join(lines))


def render_markdown(rules: dict[str, type]) -> str:
    """docs/rules.md: every rule's documentation, grouped by family, generated from the docstrings."""
    families = {
        "NL0": "Input problems", "NL1": "Repetition and duplication", "NL2": "Metadata",
        "NL3": "Boilerplate and extraction debris", "NL4": "Encoding and characters",
        "NL5": "Length, readability and language", "NL6": "Dataset-level",
    }
    out = [
        "# Rules",
        "",
        "Generated from the rule docstrings by `python -m newslint.ruledocs > docs/rules.md`;",
        "`newslint rule CODE` prints the same text. Do not edit by hand.",
        "",
        "| code | name | severity | fixable | origin | summary |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for code in sorted(rules):
        r = rules[code]
        summary = r.summary().replace("|", "\\|")
        out.append(f"| [{code}](#{code.lower()}-{r.name}) | {r.name} | {r.severity} | {'yes' if r.fixable else 'no'} "
                   f"| {r.origin} | {summary} |")
    current = None
    for code in sorted(rules):
        r = rules[code]
        fam = code[:3]
        if fam != current:
            current = fam
            out += ["", f"## {families.get(fam, fam)}"]
        opts = ", ".join(f"`{k}` = `{v!r}`" for k, v in r.options.items()) or "none"
        out += ["", f"### {code} {r.name}", "",
                f"Severity: {r.severity} · fixable: {'yes' if r.fixable else 'no'} · origin: {r.origin} · options: {opts}",
                "", _md(r.doc())]
    return "\n".join(out) + "\n"


def _md(doc: str) -> str:
    """The docstring as Markdown: literal blocks become fenced code."""
    out: list[str] = []
    in_block = False
    for line in doc.splitlines():
        if in_block and line.strip() and not line.startswith((" ", "\t")):
            out.append("```")
            in_block = False
        if line.rstrip().endswith("::") and line.strip() in ("Fails::", "Passes::"):
            out += [f"**{line.strip()[:-2]}**", "", "```text"]
            in_block = True
            continue
        out.append(line[4:] if in_block and line.startswith("    ") else line)
    if in_block:
        out.append("```")
    text = "\n".join(out)
    return re.sub(r"```text\n\n", "```text\n", text).replace("\n\n```\n", "\n```\n")


if __name__ == "__main__":  # pragma: no cover - exercised by the docs test
    from newslint.plugins import build_registry

    print(render_markdown(build_registry().rules), end="")
