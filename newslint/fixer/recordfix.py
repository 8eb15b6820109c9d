"""Fixing one record of a table (a CSV row, a Parquet row): the JSON record splicer on the row's image.

A row is held as a dict of column -> value. Its JSON-representable values are written as a JSON
object (its *image*) and fixed exactly like a JSON Lines record (:mod:`newslint.fixer.jsonfix`),
round after round until nothing more applies; the values the image could not hold (timestamps,
binary) are handed back to every re-read unchanged. What comes out is the set of columns whose
value changed, each with its new value: the table writers put those, and only those, back.
"""

from __future__ import annotations

import json
from typing import Any

from newslint.fixer.jsonfix import _same_json, apply_record_edits
from newslint.fixer.plan import FixError
from newslint.readers import record_to_article


def jsonable(value: Any) -> bool:
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(jsonable(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and jsonable(v) for k, v in value.items())
    return False


def fix_record(
    fixer: Any,
    record: dict[str, Any],
    *,
    path: str,
    fmt: str,
    line: int,
    index: int | None,
    columns: set[str] | None = None,
    field_map: dict[str, tuple[str, ...]] | None = None,
) -> tuple[dict[str, Any], Any]:
    """Fix one record with ``fixer``'s rules: ``(changed columns -> new value, outcome)``.

    ``columns`` are the columns the table has: a fix that would need another one (a field the
    table lacks) is refused and noted, as a fix that cannot be spliced is. ``field_map`` replaces
    the linter's (a CSV header's own spellings of the fields).
    """
    image = {k: v for k, v in record.items() if isinstance(k, str) and jsonable(v)}
    others = {k: v for k, v in record.items() if k not in image}
    field_map = field_map or fixer.linter.field_map

    def parse(text: str) -> list[Any]:
        obj = json.loads(text)
        rec = {k: (obj[k] if k in obj else others[k]) for k in record if k in obj or k in others}
        rec.update((k, v) for k, v in obj.items() if k not in rec)
        return [record_to_article(rec, path=path, fmt=fmt, line=line, index=index, field_map=field_map)]

    def apply(text: str, plans: list) -> str:
        (article, edits), = plans
        new = apply_record_edits(text, article, edits)
        if columns is not None:
            missing = sorted(set(json.loads(new)) - columns)
            if missing:
                raise FixError(f"the file has no column '{missing[0]}' to hold the fix", edits[0])
        return new

    text = json.dumps(image, ensure_ascii=False)
    out = fixer._converge(text, path, parse, apply)
    if not out.fixed or out.text == text:
        return {}, out
    new = json.loads(out.text)
    changes = {k: v for k, v in new.items() if k not in image or (image[k] != v and not _same_json(image[k], v))}
    return changes, out
