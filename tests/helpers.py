"""Test helpers: one-line lint checks in the style of yamllint's ``self.check``."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from newslint.api import lint_records, lint_text
from newslint.config import Config


def config(select: str | list[str] | None = None, **rule_options: dict[str, Any]) -> Config:
    """A Config selecting ``select`` (a code, prefix or list), with options per rule code."""
    if isinstance(select, str):
        select = [select]
    return Config(select=select, rule_options=dict(rule_options))


def lint(text: str, fmt: str = "txt", select: str | list[str] | None = None, **rule_options) -> list:
    """Lint an article given as text (dedented) in format ``fmt`` with the given selection."""
    return lint_text(textwrap.dedent(text).lstrip("\n"), path=f"article.{fmt}", config=config(select, **rule_options))


def lint_record(record: dict, select: str | list[str] | None = None, **rule_options) -> list:
    return lint_records([record], config=config(select, **rule_options))


def found(violations: list) -> list[tuple[str, int]]:
    """(code, line) of each finding, in output order."""
    return [(v.code, v.line) for v in violations]


def codes(violations: list) -> list[str]:
    return [v.code for v in violations]


def jsonl(*records: dict) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# a council story the rule tests build records from (written for these tests)
PROSE = ("The council voted 9 to 4 for the plan on Tuesday, after a debate on the cost of the lanes "
         "that lasted most of the afternoon.")
MIDDLE = "Shop owners on the ring road said they feared losing parking spaces during the works."
END = "Work on the first lane starts in May, the transport office said."


def council_record(*paragraphs: str, **fields) -> dict:
    """A record titled "Council Approves New Cycle Lanes" whose body is ``paragraphs``."""
    return {"title": "Council Approves New Cycle Lanes", "text": "\n\n".join(paragraphs), **fields}
