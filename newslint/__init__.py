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
    "lint_dataframe",
]


def lint_dataframe(df, config=None, **kwargs):
    """Lint a pandas DataFrame of articles; the findings as a DataFrame (one row a finding).

    See :func:`newslint.integrations.pandas.lint_dataframe`. pandas is imported only when this is
    called (``pip install 'newslint[pandas]'``).
    """
    from newslint.integrations.pandas import lint_dataframe as _lint_dataframe

    return _lint_dataframe(df, config, **kwargs)
