"""The Python API: lint paths, records or a string without the command line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newslint.config import Config
from newslint.readers import InputProblem, Source, record_to_article


def lint_paths(paths: Iterable[str], config: Config | None = None) -> list[Any]:
    """Lint files and directories; returns the findings in output order."""
    from newslint.engine import Linter, discover

    linter = Linter(config)
    return list(linter.run(discover(paths, linter.extensions, linter.config.exclude)))


def lint_text(text: str, path: str = "<string>.txt", config: Config | None = None) -> list[Any]:
    """Lint one article given as text; ``path``'s extension picks the format."""
    from newslint.engine import Linter

    linter = Linter(config)
    source = Source(path=path, data=text.encode("utf-8"))
    return sorted(linter.lint_source(source), key=lambda v: v.sort_key()) + linter.finish()


def lint_records(
    records: Iterable[dict[str, Any]], config: Config | None = None, path: str = "<records>"
) -> list[Any]:
    """Lint an iterable of article dicts (news-please, trafilatura or plain field names)."""
    from newslint.engine import Linter

    linter = Linter(config)
    out = []
    for index, record in enumerate(records):
        if not isinstance(record, dict):
            out.append(linter.input_violation(path, InputProblem("NL002", "record is not a mapping", 1, 1, index)))
            continue
        article = record_to_article(record, path=path, fmt="jsonl", line=index + 1, index=index, field_map=linter.field_map)
        out.extend(linter.lint_article(article))
    return out + linter.finish()
