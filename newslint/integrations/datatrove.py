"""A datatrove pipeline step that lints each document (``pip install 'newslint[datatrove]'``).

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import ParquetReader
    from datatrove.pipeline.writers import JsonlWriter
    from newslint.integrations.datatrove import NewslintFilter

    LocalPipelineExecutor(pipeline=[
        ParquetReader("crawl/", text_key="maintext"),
        NewslintFilter(drop_errors=True, exclusion_writer=JsonlWriter("rejected/")),
        JsonlWriter("clean/"),
    ], tasks=8).run()

Each document is linted as an article: ``doc.text`` is the body, ``doc.id`` the record id, and the
metadata keys are mapped to fields like a JSON record's (``title``, ``authors``, ``date_publish``,
``url``, ...; ``Config(field_map=...)`` for other names). The step writes the findings into
``doc.metadata["newslint"]`` (a list of ``{"code", "name", "severity", "message", "field"}``;
empty for a clean document) and counts each code in the step's statistics. With
``drop_errors=True`` a document with an error-level finding is dropped (to the exclusion writer,
if one is given, with ``filter_reason`` set to the first error's code); every other document goes on.

Only per-article rules run here: a step sees one task's shard of documents, so cross-document
rules (NL6xx) would give a different answer for every sharding. Use
:func:`newslint.api.lint_partition` and :func:`newslint.api.finish_states` (or the Dask
integration) for those.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from newslint.config import Config

try:
    from datatrove.data import Document
    from datatrove.pipeline.filters.base_filter import BaseFilter
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError("newslint.integrations.datatrove needs datatrove: pip install 'newslint[datatrove]'") from exc


class NewslintFilter(BaseFilter):
    """Annotate each document with its newslint findings; optionally drop those with errors."""

    name = "📰 newslint"

    def __init__(
        self,
        config: Config | None = None,
        *,
        drop_errors: bool = False,
        metadata_key: str = "newslint",
        exclusion_writer: Any = None,
    ) -> None:
        super().__init__(exclusion_writer)
        self.config = config
        self.drop_errors = drop_errors
        self.metadata_key = metadata_key
        self._linter: Any = None

    def linter(self) -> Any:
        """Built on first use, in the process that runs the step (steps are pickled to workers)."""
        if self._linter is None:
            from newslint.engine import Linter

            config = self.config or Config()
            config = dataclasses.replace(config, field_map={**config.field_map, "body": "text", "id": "id"})
            lin = Linter(config)
            lin.dataset_rules = []  # one shard of documents: see the module docstring
            lin.dataset_state = {}
            self._linter = lin
        return self._linter

    def record(self, doc: Document) -> dict[str, Any]:
        lin = self.linter()
        body_keys = set(lin.field_map["body"]) | {"maintext", "text", "body", "content", "article_text"}
        record = {k: v for k, v in doc.metadata.items() if v is not None and k not in body_keys and k != self.metadata_key}
        record["text"] = doc.text
        record["id"] = doc.id
        return record

    def lint(self, doc: Document) -> list[Any]:
        """The findings on one document (Violations), after suppressions and ignores."""
        from newslint.readers import record_to_article

        lin = self.linter()
        article = record_to_article(self.record(doc), path="<datatrove>", fmt="jsonl", line=1, index=None,
                                    field_map=lin.field_map)
        return lin.lint_article(article)

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        found = self.lint(doc)
        doc.metadata[self.metadata_key] = [
            {"code": v.code, "name": v.name, "severity": v.severity, "message": v.message, "field": v.field}
            for v in found
        ]
        for v in found:
            self.stat_update(v.code)
        if self.drop_errors:
            errors = [v for v in found if v.severity == "error"]
            if errors:
                return False, errors[0].code
        return True
