"""newslint: a plugin-based linter for scraped news articles and news datasets.

The names below are imported from their modules when first asked for (PEP 562), so that
``import newslint`` costs next to nothing: the command line's entry point (newslint.__main__)
then takes Ctrl-C as an interrupt from its first instant, imports included.
"""

from __future__ import annotations

from newslint._version import __version__

#: public name -> the module it lives in
_EXPORTS = {
    "hookimpl": "newslint.hookspecs",
    "Article": "newslint.article",
    "Paragraph": "newslint.article",
    "Rule": "newslint.rule",
    "DatasetRule": "newslint.rule",
    "Problem": "newslint.rule",
    "Violation": "newslint.violation",
    "Fix": "newslint.violation",
    "Edit": "newslint.violation",
    "lint_paths": "newslint.api",
    "lint_records": "newslint.api",
    "lint_text": "newslint.api",
}

#: typing.TYPE_CHECKING without importing typing (a few milliseconds of start-up)
TYPE_CHECKING = False
if TYPE_CHECKING:  # pragma: no cover - for type checkers and editors
    from newslint.api import lint_paths, lint_records, lint_text
    from newslint.article import Article, Paragraph
    from newslint.hookspecs import hookimpl
    from newslint.rule import DatasetRule, Problem, Rule
    from newslint.violation import Edit, Fix, Violation

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


def __getattr__(name: str) -> object:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'newslint' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


def lint_dataframe(df, config=None, **kwargs):
    """Lint a pandas DataFrame of articles; the findings as a DataFrame (one row a finding).

    See :func:`newslint.integrations.pandas.lint_dataframe`. pandas is imported only when this is
    called (``pip install 'newslint[pandas]'``).
    """
    from newslint.integrations.pandas import lint_dataframe as _lint_dataframe

    return _lint_dataframe(df, config, **kwargs)
