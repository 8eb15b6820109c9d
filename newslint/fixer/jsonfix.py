"""Applying edits to one JSON record by splicing: only the changed characters of a value are rewritten.

A record's text is scanned (not re-serialised): the fixer finds the span of the edited member's value
and changes only the characters an edit touches. Text inserted into a string is escaped in the style
the record already uses: ``\\uXXXX`` escapes for non-ASCII characters only when the record has them and
no raw non-ASCII character, upper-case hex digits when the record uses them, ``\\/`` when the record
escapes slashes. Every other byte of the record (key order, spacing, escapes of untouched text) stays.

Bodies held as a list of strings (one paragraph per item) lose whole items when every paragraph of an
item is deleted, and are edited inside the item otherwise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from newslint.article import Article, Paragraph
from newslint.fixer.plan import FixError, align
from newslint.violation import Edit

_WS = " \t\r\n"
_U_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\u([0-9a-fA-F]{4})")
_SIMPLE_ESC = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


class ScanError(FixError):
    pass


def _ws(s: str, i: int) -> int:
    n = len(s)
    while i < n and s[i] in _WS:
        i += 1
    return i


def scan_string(s: str, i: int) -> int:
    """End (exclusive) of the JSON string token starting at ``s[i] == '"'``."""
    if i >= len(s) or s[i] != '"':
        raise ScanError("expected a string")
    i += 1
    n = len(s)
    while i < n:
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == '"':
            return i + 1
        i += 1
    raise ScanError("unterminated string")


def scan_value(s: str, i: int) -> int:
    """End (exclusive) of the JSON value starting at ``s[i]``."""
    if i >= len(s):
        raise ScanError("expected a value")
    c = s[i]
    if c == '"':
        return scan_string(s, i)
    if c in "[{":
        depth = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c == '"':
                i = scan_string(s, i)
                continue
            if c in "[{":
                depth += 1
            elif c in "]}":
                depth -= 1
                if depth == 0:
                    return i + 1
            i += 1
        raise ScanError("unterminated container")
    j = i
    while j < len(s) and s[j] not in _WS + ",]}":
        j += 1
    if j == i:
        raise ScanError("expected a value")
    return j


@dataclass
class Member:
    key: str
    key_start: int
    value_start: int
    value_end: int


def scan_object(s: str, i: int = 0) -> tuple[list[Member], int, int]:
    """Members of the object starting at ``s[i]`` (after white space): (members, '{' index, '}' index)."""
    i = _ws(s, i)
    if i >= len(s) or s[i] != "{":
        raise ScanError("expected an object")
    open_at = i
    members: list[Member] = []
    i = _ws(s, i + 1)
    if i < len(s) and s[i] == "}":
        return members, open_at, i
    while True:
        k0 = i
        k1 = scan_string(s, i)
        key = json.loads(s[k0:k1])
        i = _ws(s, k1)
        if i >= len(s) or s[i] != ":":
            raise ScanError("expected ':'")
        v0 = _ws(s, i + 1)
        v1 = scan_value(s, v0)
        members.append(Member(key, k0, v0, v1))
        i = _ws(s, v1)
        if i < len(s) and s[i] == ",":
            i = _ws(s, i + 1)
            continue
        if i < len(s) and s[i] == "}":
            return members, open_at, i
        raise ScanError("expected ',' or '}'")


def scan_array(s: str, i: int) -> list[tuple[int, int]]:
    """(start, end) of each item of the array starting at ``s[i] == '['``."""
    items: list[tuple[int, int]] = []
    i = _ws(s, i + 1)
    if i < len(s) and s[i] == "]":
        return items
    while True:
        v1 = scan_value(s, i)
        items.append((i, v1))
        i = _ws(s, v1)
        if i < len(s) and s[i] == ",":
            i = _ws(s, i + 1)
            continue
        if i < len(s) and s[i] == "]":
            return items
        raise ScanError("expected ',' or ']'")


def string_map(token: str) -> tuple[str, list[int]]:
    """Decode a JSON string token; map each offset of the decoded text to an offset in the token.

    A surrogate pair escape decodes to one character and maps to its twelve source characters.
    """
    out: list[str] = []
    pos: list[int] = []
    i, n = 1, len(token) - 1
    while i < n:
        pos.append(i)
        c = token[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        e = token[i + 1]
        if e == "u":
            code = int(token[i + 2 : i + 6], 16)
            i += 6
            if 0xD800 <= code < 0xDC00 and token[i : i + 2] == "\\u":
                low = int(token[i + 2 : i + 6], 16)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
            out.append(chr(code))
        else:
            out.append(_SIMPLE_ESC[e])
            i += 2
    pos.append(n)
    return "".join(out), pos


@dataclass(frozen=True)
class Style:
    """How a record escapes strings."""

    ascii: bool = False
    upper_hex: bool = False
    slash: bool = False

    @classmethod
    def of(cls, record: str) -> "Style":
        escapes = [m.group(1) for m in _U_ESCAPE.finditer(record)]
        non_ascii_escapes = [h for h in escapes if int(h, 16) >= 0x80]
        ascii_only = bool(non_ascii_escapes) and record.isascii()
        upper = any(any(ch in "ABCDEF" for ch in h) for h in escapes) and not any(
            any(ch in "abcdef" for ch in h) for h in escapes
        )
        return cls(ascii=ascii_only, upper_hex=upper, slash="\\/" in record)

    def escape(self, text: str) -> str:
        """``text`` as the inside of a JSON string token (no quotes)."""
        out = json.dumps(text, ensure_ascii=self.ascii)[1:-1]
        if self.upper_hex:
            out = re.sub(r"\\u([0-9a-f]{4})", lambda m: "\\u" + m.group(1).upper(), out)
        if self.slash:
            out = out.replace("/", "\\/")
        return out

    def dumps(self, value: str | None) -> str:
        return "null" if value is None else '"' + self.escape(value) + '"'


def _canonical_key(article: Article, name: str) -> str:
    return article.field_keys.get(name, name)


def body_string_ranges(body: str, paragraphs: list[Paragraph], edits: list[Edit], base: int = 0) -> list[tuple[int, int, str, Edit]]:
    """Character ranges of a body string to replace: deleted paragraphs with one separator, replaced spans.

    ``paragraphs`` are those held in this string; their offsets are ``base`` + offset in ``body``.
    A run of deleted paragraphs takes the separator after it, or before it when it ends the string.
    """
    out: list[tuple[int, int, str, Edit]] = []
    by_index = {p.index: k for k, p in enumerate(paragraphs)}
    deleted = sorted({by_index[e.paragraph] for e in edits if e.kind == "delete_paragraph"})
    del_edit = {by_index[e.paragraph]: e for e in edits if e.kind == "delete_paragraph"}
    runs: list[list[int]] = []
    for k in deleted:
        if runs and runs[-1][1] == k - 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    for a, b in runs:
        if b + 1 < len(paragraphs):
            start, end = paragraphs[a].start, paragraphs[b + 1].start
        elif a > 0:
            start, end = paragraphs[a - 1].end, paragraphs[b].end
        else:
            start, end = paragraphs[a].start, paragraphs[b].end
        out.append((start - base, end - base, "", del_edit[a]))
    for e in edits:
        if e.kind != "replace":
            continue
        p = paragraphs[by_index[e.paragraph]]
        assert e.start is not None and e.end is not None and e.text is not None
        if e.end > len(p.text):
            raise FixError("replace beyond the end of the paragraph", e)
        pos = align(p.text, body[p.start - base : p.end - base])
        out.append((p.start - base + pos[e.start], p.start - base + pos[e.end], e.text, e))
    return out


def _splice_string_token(token: str, ranges: list[tuple[int, int, str, Edit]], style: Style) -> str:
    """Apply decoded-text ranges to a string token, re-escaping only the inserted text."""
    _, pos = string_map(token)
    ranges = sorted(ranges, key=lambda r: (r[0], r[1]))
    for (s1, e1, _, _), (s2, e2, _, ed) in zip(ranges, ranges[1:]):
        if s2 < e1:
            raise FixError("edits overlap in the record", ed)
    out = token
    for start, end, new, _ in reversed(ranges):
        out = out[: pos[start]] + style.escape(new) + out[pos[end] :]
    return out


def apply_record_edits(record: str, article: Article, edits: list[Edit]) -> str:
    """The record's text with ``edits`` applied by splicing; raises FixError when one cannot be."""
    try:
        members, _open_at, close_at = scan_object(record)
    except (ScanError, ValueError) as exc:
        raise FixError(f"cannot locate fields in the record: {exc}") from None
    by_key = {m.key: m for m in members}  # a repeated key: the last one is the value readers see
    style = Style.of(record)
    splices: list[tuple[int, int, str, Edit]] = []
    body_edits = [e for e in edits if e.field == "body" or e.kind == "delete_paragraph"]
    if body_edits:
        key = article.field_keys.get("body")
        if key is None or key not in by_key:
            raise FixError("the record has no body field", body_edits[0])
        m = by_key[key]
        splices.extend(_body_splices(record, m, article, body_edits, style))
    appended: list[tuple[str, str, Edit]] = []
    replaces: dict[str, list[Edit]] = {}  # several replaces in one field: one splice of its token
    for e in edits:
        if e in body_edits:
            continue
        key = _canonical_key(article, e.field)
        m = by_key.get(key)
        if m is None:
            if e.kind == "set_field":
                appended.append((key, style.dumps(e.text), e))
                continue
            raise FixError(f"the record has no field '{key}'", e)
        token = record[m.value_start : m.value_end]
        if e.kind == "set_field":
            if token[:1] not in ('"', "n"):
                raise FixError(f"field '{key}' holds a {_json_type(token)}, not text", e)
            splices.append((m.value_start, m.value_end, style.dumps(e.text), e))
            continue
        if token[:1] != '"':
            raise FixError(f"field '{key}' holds a {_json_type(token)}, not text", e)
        value, _ = string_map(token)
        assert e.start is not None and e.end is not None and e.text is not None
        if e.end > len(value):
            raise FixError("replace beyond the end of the field", e)
        replaces.setdefault(key, []).append(e)
    for key, field_edits in replaces.items():
        m = by_key[key]
        token = record[m.value_start : m.value_end]
        ranges = [(e.start, e.end, e.text, e) for e in field_edits]
        splices.append((m.value_start, m.value_end, _splice_string_token(token, ranges, style), field_edits[0]))
    if appended:
        at = members[-1].value_end if members else close_at
        splices.append((at, at, _appendix(record, members, appended), appended[0][2]))
    splices.sort(key=lambda s: (s[0], s[1]))
    for (s1, e1, _, _), (s2, e2, _, ed) in zip(splices, splices[1:]):
        if s2 < e1:
            raise FixError("edits overlap in the record", ed)
    out = record
    for start, end, new, _ in reversed(splices):
        out = out[:start] + new + out[end:]
    _verify(record, out, {e.field for e in edits}, article)
    return out


def _json_type(token: str) -> str:
    return {"{": "object", "[": "list", "t": "boolean", "f": "boolean"}.get(token[:1], "number")


def _appendix(record: str, members: list[Member], appended) -> str:
    """`, "key": value` text for new members, in the record's own spacing."""
    colon, sep = ": ", ", "
    if members:
        last = members[-1]
        colon = record[scan_string(record, last.key_start) : last.value_start]
        if len(members) > 1:
            sep = record[members[-2].value_end : last.key_start]
    parts = [json.dumps(key, ensure_ascii=False) + colon + value for key, value, _ in appended]
    return (sep if members else "") + sep.join(parts)


def _body_splices(record: str, m: Member, article: Article, edits: list[Edit], style: Style):
    token = record[m.value_start : m.value_end]
    for e in edits:
        if e.paragraph is None or not 0 <= e.paragraph < len(article.paragraphs):
            raise FixError(f"no paragraph {e.paragraph}", e)
    if token[:1] == '"':
        body, _ = string_map(token)
        ranges = body_string_ranges(body, article.paragraphs, edits)
        return [(m.value_start, m.value_end, _splice_string_token(token, ranges, style), edits[0])]
    if token[:1] != "[":
        raise FixError("the body field is neither text nor a list of texts", edits[0])
    items = scan_array(record, m.value_start)
    texts: list[str | None] = []
    for s, e in items:
        tok = record[s:e]
        texts.append(string_map(tok)[0] if tok[:1] == '"' else None)
    # offsets of each item inside the joined body the reader split ("\n\n".join)
    starts, off = [], 0
    from newslint.readers import _scalar

    for (s, e), text in zip(items, texts):
        joined = text if text is not None else (_scalar(json.loads(record[s:e])) or "")
        if text is not None and not text.strip():
            joined = ""
        starts.append(off)
        off += len(joined) + 2
    owner: dict[int, int] = {}
    for p in article.paragraphs:
        k = max(i for i, st in enumerate(starts) if st <= p.start)
        owner[p.index] = k
    per_item: dict[int, list[Edit]] = {}
    for e in edits:
        per_item.setdefault(owner[e.paragraph], []).append(e)
    out = []
    drop: list[int] = []
    for k, item_edits in sorted(per_item.items()):
        if texts[k] is None:
            raise FixError("a body list item is not text", item_edits[0])
        paras = [p for p in article.paragraphs if owner[p.index] == k]
        deleted = {e.paragraph for e in item_edits if e.kind == "delete_paragraph"}
        if deleted and all(p.index in deleted for p in paras):
            drop.append(k)
            continue
        s, e = items[k]
        ranges = body_string_ranges(texts[k], paras, item_edits, base=starts[k])
        out.append((s, e, _splice_string_token(record[s:e], ranges, style), item_edits[0]))
    runs: list[list[int]] = []
    for k in sorted(drop):
        if runs and runs[-1][1] == k - 1:
            runs[-1][1] = k
        else:
            runs.append([k, k])
    for a, b in runs:
        if b + 1 < len(items):
            span = (items[a][0], items[b + 1][0])
        elif a > 0:
            span = (items[a - 1][1], items[b][1])
        else:
            span = (items[a][0], items[b][1])
        out.append((span[0], span[1], "", per_item[a][0]))
    return out


def _verify(before: str, after: str, fields: set[str], article: Article) -> None:
    """The spliced record still parses, with the same keys in the same order (plus new ones at the end)."""
    try:
        old, new = json.loads(before), json.loads(after)
    except ValueError as exc:
        raise FixError(f"the fixed record would not be valid JSON ({exc})") from None
    if not isinstance(new, dict) or list(new)[: len(old)] != list(old):
        raise FixError("the fixed record would change its keys")
    touched = {_canonical_key(article, f) for f in fields}
    for key in old:
        if key not in touched and old[key] != new[key] and not _same_json(old[key], new[key]):
            raise FixError(f"the fix would change field '{key}'")


def _same_json(a, b) -> bool:
    """Whether two parsed values are the same JSON, NaN included (NaN != NaN, but a ``NaN`` the fix
    did not touch is still the same value: a pandas export's missing float)."""
    try:
        return json.dumps(a, sort_keys=False) == json.dumps(b, sort_keys=False)
    except (TypeError, ValueError):
        return False
