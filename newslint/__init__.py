"""newslint: a plugin-based linter for scraped news articles and news datasets."""

from __future__ import annotations

from newslint._version import __version__
from newslint.hookspecs import hookimpl
from newslint.article import Article, Paragraph
from newslint.rule import DatasetRule, Problem, Rule
from newslint.violation import Edit, Fix, Violation
from newslint.api import lint_records, lint_paths, lint_text

__all__ = [
    "__version__",
    "hookimpl",
    "Article",
    "Paragraph",
    "Rule",
    "DatasetRule",
    "Problem",
    "Violation",
    "Fix",
    "Edit",
    "lint_paths",
    "lint_records",
    "lint_text",
]
