"""JSON Lines datasets (``.jsonl``, ``.ndjson``, optionally gzipped): one article per line, streamed.

The file is read line by line, so memory does not grow with its size. A finding's line is the
record's line; the record is named by its id (or its index in the file).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from newslint.article import Article
from newslint.lazy import lazy_import
from newslint.readers import InputProblem, Reader, Source, record_to_article
from newslint.readers.compression import with_codecs
from newslint.readers.jsonfile import _lone_surrogate

#: imported when a JSON Lines file is read, not when the reader is registered (every run)
orjson = lazy_import("orjson")


class JsonlReader(Reader):
    format = "jsonl"
    extensions = with_codecs((".jsonl", ".ndjson"))
    streaming = True

    def read(self, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        def lines() -> Iterator[bytes]:
            with source.open_binary() as fh:
                yield from fh

        yield from self.read_guarded(lines(), source.path, field_map)

    def read_guarded(self, lines, path: str, field_map, first_line: int = 1, first_index: int = 0
                     ) -> Iterator[Article | InputProblem]:
        """:meth:`read_lines`, with a file that cannot be opened or read on (deleted during the run,
        a truncated or corrupt gzip stream) one NL001 where the reading stopped."""
        last: Article | InputProblem | None = None
        try:
            for last in self.read_lines(lines, path, field_map, first_line=first_line, first_index=first_index):  # noqa: B007
                yield last
        except (OSError, EOFError) as exc:
            why = exc.strerror.lower() if isinstance(exc, OSError) and exc.strerror else str(exc)
            line = last.line + 1 if last is not None else first_line
            if last is not None and last.record_index is not None:
                index = last.record_index + 1
            elif last is not None or first_line > 1:
                index = first_index
            else:
                index = None  # nothing was read: no record to name
            yield InputProblem("NL001", f"cannot read past line {line - 1}: {why}" if line > 1
                               else f"cannot read: {why}", line, 1, index)

    def read_lines(self, lines, path: str, field_map, first_line: int = 1, first_index: int = 0):
        """Parse an iterable of byte lines; shared with the byte-range splitter of parallel runs."""
        index = first_index
        id_keys = field_map["id"]
        for lineno, raw in enumerate(lines, start=first_line):
            if not raw.strip() or (lineno == 1 and raw.startswith(b"\xef\xbb\xbf") and not raw[3:].strip()):
                continue  # a blank line (the first one may hold only a byte-order mark)
            try:
                obj = _loads(raw)
                if type(obj) is dict and _float_id(obj, id_keys):
                    obj = _loads_exact(raw, obj)
            except orjson.JSONDecodeError as exc:
                if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):  # a file saved with a UTF-8 BOM
                    try:
                        obj = _loads(raw[3:])
                    except orjson.JSONDecodeError as again:
                        exc = again
                    else:
                        if isinstance(obj, dict):
                            yield record_to_article(obj, path=path, fmt=self.format, line=lineno, index=index,
                                                    field_map=field_map)
                            index += 1
                            continue
                msg = str(exc).split(":", 1)[0]
                yield InputProblem("NL002", f"malformed JSON record: {msg}", lineno, (getattr(exc, "colno", 0) or 1), index)
                index += 1
                continue
            if not isinstance(obj, dict):
                yield InputProblem("NL002", f"record is a JSON {type(obj).__name__}, not an object", lineno, 1, index)
                index += 1
                continue
            yield record_to_article(obj, path=path, fmt=self.format, line=lineno, index=index, field_map=field_map)
            index += 1


def _loads(raw: bytes):
    """One JSON value by orjson, or by the standard library where orjson refuses a valid number
    (one too large for a double, such as ``1e400``); orjson's error otherwise."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if not str(exc).startswith("number"):
            raise
        obj = _stdlib_loads(raw)
        if obj is None:
            raise exc from None
        return obj


def _float_id(obj: dict, keys: tuple[str, ...]) -> bool:
    """Whether the record's id is a float: orjson reads an integer beyond 64 bits as one."""
    for key in keys:
        if key in obj:
            return type(obj[key]) is float
    return False


def _loads_exact(raw: bytes, obj: dict) -> dict:
    """``obj`` parsed again by the standard library, whose integers have no size limit, so that a
    long numeric id is named as written (123456789012345678901234567890, not 1.2345678901234568e+29)."""
    again = _stdlib_loads(raw)
    return again if type(again) is dict else obj


def _stdlib_loads(raw: bytes):
    """``raw`` parsed by the standard library as strictly as orjson would (no NaN or Infinity, no
    lone surrogate), or None where it is not JSON to it either."""
    try:
        obj = json.loads(raw, parse_constant=_not_json)
    except (ValueError, RecursionError):
        return None
    return None if _lone_surrogate(obj) is not None else obj


def _not_json(name: str):
    raise ValueError(f"{name} is not JSON")
