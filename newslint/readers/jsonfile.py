"""``.json`` files: one article object, or an array of them.

A record's line is the line where its object starts, found while decoding.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.readers import InputProblem, Source, WholeTextReader, record_to_article
from newslint.readers.compression import with_codecs
from newslint.lazy import LazyPattern


class JsonReader(WholeTextReader):
    format = "json"
    extensions = with_codecs((".json",))

    def parse(self, text: str, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        decoder = json.JSONDecoder()
        pos = _skip_ws(text, 0)
        if pos >= len(text):
            yield InputProblem("NL002", "empty JSON file", 1, 1)
            return
        if text[pos] != "[":
            yield from self._one(decoder, text, pos, None, source.path, field_map, whole=True)
            return
        pos = _skip_ws(text, pos + 1)
        index = 0
        if pos < len(text) and text[pos] == "]":
            return
        locate = _Locator(text)
        while pos < len(text):
            start = pos
            try:
                obj, pos = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                yield InputProblem("NL002", f"malformed JSON: {exc.msg}", exc.lineno, exc.colno, index)
                return
            except RecursionError:
                yield _too_deep(text, start, index)
                return
            yield from self._emit(obj, text, start, index, source.path, field_map, locate)
            index += 1
            pos = _skip_ws(text, pos)
            if pos < len(text) and text[pos] == ",":
                pos = _skip_ws(text, pos + 1)
                continue
            if pos < len(text) and text[pos] == "]":
                if _skip_ws(text, pos + 1) < len(text):
                    line, col = _loc(text, _skip_ws(text, pos + 1))
                    yield InputProblem("NL002", "malformed JSON: extra data after the array", line, col)
                return
            line, col = _loc(text, pos)
            yield InputProblem("NL002", "malformed JSON: expected ',' or ']' between records", line, col, index)
            return
        line, col = _loc(text, len(text))
        yield InputProblem("NL002", "malformed JSON: array is never closed", line, col)

    def _one(self, decoder, text, pos, index, path, field_map, whole=False):
        try:
            obj, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            yield InputProblem("NL002", f"malformed JSON: {exc.msg}", exc.lineno, exc.colno)
            return
        except RecursionError:
            yield _too_deep(text, pos, index)
            return
        if whole and _skip_ws(text, end) < len(text):
            line, col = _loc(text, _skip_ws(text, end))
            yield InputProblem("NL002", "malformed JSON: extra data after the article object", line, col)
            return
        yield from self._emit(obj, text, pos, index, path, field_map)

    def _emit(self, obj, text, start, index, path, field_map, locate=None):
        line, col = locate(start) if locate is not None else _loc(text, start)
        if not isinstance(obj, dict):
            yield InputProblem("NL002", f"record is a JSON {type(obj).__name__}, not an object", line, col, index)
            return
        bad = _lone_surrogate(obj)
        if bad is not None:
            # "\ud800" without its pair decodes to a code point no UTF-8 text can hold
            yield InputProblem("NL002", f"malformed JSON record: lone surrogate \\u{ord(bad):04x} in a string", line, col, index)
            return
        yield record_to_article(obj, path=path, fmt=self.format, line=line, index=index, field_map=field_map)


def _too_deep(text: str, start: int, index: int | None) -> InputProblem:
    """NL002 for a value nested deeper than the decoder can follow (arrays in arrays in ...)."""
    line, col = _loc(text, start)
    return InputProblem("NL002", "malformed JSON: nested too deeply (more than about 1,000 levels of arrays "
                        "or objects)", line, col, index)


_SURROGATE = LazyPattern("[\ud800-\udfff]")


def _lone_surrogate(obj: object) -> str | None:
    """The first unpaired surrogate in any key or string of ``obj``, or None (JSON Lines records
    are parsed by orjson, which refuses them itself)."""
    stack = [obj]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            m = _SURROGATE.search(value)
            if m:
                return m.group()
        elif isinstance(value, dict):
            stack.extend(value)
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return None


_WS = re.compile(r"[ \t\r\n]*")


def _skip_ws(text: str, pos: int) -> int:
    """The first offset from ``pos`` that is not JSON white space (at C speed)."""
    return _WS.match(text, pos).end()  # type: ignore[union-attr]


class _Locator:
    """Line and column of offsets into one text asked in increasing order (the records of an
    array): the line feeds are counted from the offset asked before, not from the start of the
    text each time, which made an array of 50,000 records take a minute (quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 1
        self.line_start = 0

    def __call__(self, pos: int) -> tuple[int, int]:
        if pos < self.pos:
            return _loc(self.text, pos)
        found = self.text.count("\n", self.pos, pos)
        if found:
            self.line += found
            self.line_start = self.text.rfind("\n", self.pos, pos) + 1
        self.pos = pos
        return self.line, pos - self.line_start + 1


def _loc(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    col = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return line, col
