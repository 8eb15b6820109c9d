"""Applying edits to plain-text and Markdown articles: only the affected lines change.

* ``delete_paragraph`` deletes the paragraph's lines. When the paragraph sat between blank lines (a
  blank-line-separated layout), one of the two blank lines goes with it, so the layout stays as it
  was; a paragraph at the end of the file takes the blank line before it. Paragraphs deleted next to
  each other are treated as one block.
* ``replace`` in the body maps offsets of the paragraph's (white-space collapsed) text back to the
  file through :func:`newslint.fixer.plan.align`; in a metadata field it edits the header line or the
  front-matter value in place.
* ``set_field`` rewrites a header line's value or a front-matter value (``None`` deletes a header line
  and empties a front-matter value); a field that is absent is added to the front matter when there
  is one, and refused otherwise.

Line endings (LF or CRLF, per line) and the presence or absence of a final newline are kept.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

from newslint import safeyaml

from newslint.article import Article
from newslint.fixer.plan import FixError, align
from newslint.readers.markdown import _SETEXT
from newslint.violation import Edit

_LINE = re.compile(r"[^\n]*\n|[^\n]+$")
_METADATA = ("title", "summary", "byline", "date", "url")


def split_keep(text: str) -> list[str]:
    """Lines with their terminators (``\\n`` or ``\\r\\n``), as the readers number them."""
    return _LINE.findall(text)


def _blank(line: str) -> bool:
    return not line.strip()


def apply_text_edits(text: str, article: Article, edits: list[Edit]) -> str:
    """The article's text with ``edits`` applied; raises FixError naming the edit that cannot be."""
    lines = split_keep(text)
    offsets = [0]
    for ln in lines:
        offsets.append(offsets[-1] + len(ln))
    spans: list[tuple[int, int, str, Edit]] = []
    deleted: set[int] = set()  # 1-based line numbers
    delete_edits: dict[int, Edit] = {}
    for edit in edits:
        if edit.kind == "delete_paragraph":
            p = _paragraph(article, edit)
            last = p.end_line
            if article.format == "md" and last < len(lines) and _SETEXT.match(lines[last].rstrip("\r\n")):
                last += 1  # a heading's underline goes with it, or it would stay as a rule or as text
            for no in range(p.line, last + 1):
                deleted.add(no)
                delete_edits[no] = edit
        elif edit.field == "body":
            p = _paragraph(article, edit)
            assert edit.start is not None and edit.end is not None and edit.text is not None
            if edit.end > len(p.text):
                raise FixError("replace beyond the end of the paragraph", edit)
            pos = align(p.text, text[p.start : p.end])
            spans.append((p.start + pos[edit.start], p.start + pos[edit.end], edit.text, edit))
        else:
            spans.append(_metadata_span(text, lines, offsets, article, edit))
    if deleted:
        for a, b in _runs(sorted(deleted), lines):
            edit = delete_edits.get(a) or next(iter(delete_edits.values()))
            spans.append((offsets[a - 1], offsets[b], "", edit))
    spans.sort(key=lambda s: (s[0], s[1]))
    for (s1, e1, _, ed1), (s2, e2, _, ed2) in zip(spans, spans[1:]):
        if s2 < e1 or (s1 == e1 == s2 == e2):
            raise FixError("edits overlap in the source", ed2)
    out = text
    for start, end, new, _ in reversed(spans):
        out = out[:start] + new + out[end:]
    if out and not text.endswith("\n") and out.endswith("\n"):
        # the old last line went away: the new last line must not gain a final newline
        out = out[:-2] if out.endswith("\r\n") else out[:-1]
    return out


def _paragraph(article: Article, edit: Edit):
    if edit.paragraph is None or not 0 <= edit.paragraph < len(article.paragraphs):
        raise FixError(f"no paragraph {edit.paragraph}", edit)
    return article.paragraphs[edit.paragraph]


def _runs(deleted: list[int], lines: list[str]) -> list[tuple[int, int]]:
    """Deleted lines as (first, last) runs, with the blank separator that goes with each run."""
    runs: list[list[int]] = []
    for no in deleted:
        if runs and all(_blank(lines[k - 1]) for k in range(runs[-1][1] + 1, no)):
            runs[-1][1] = no  # only blank lines between two deleted blocks: one block
        else:
            runs.append([no, no])
    n = len(lines)
    out: list[tuple[int, int]] = []
    for a, b in runs:
        prev_blank = a > 1 and _blank(lines[a - 2])
        next_exists = b < n
        next_blank = next_exists and _blank(lines[b])
        if next_blank and (prev_blank or a == 1):
            b += 1
        elif prev_blank and not next_exists:
            a -= 1
        out.append((a, b))
    # a widened run may now touch the next one; merge so spans never overlap
    merged: list[tuple[int, int]] = []
    for a, b in out:
        if merged and a <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


# ---------------------------------------------------------------------- metadata
def _front_matter_bounds(lines: list[str]) -> tuple[int, int] | None:
    """(index of the opening ---, index of the closing line), 0-based, or None."""
    if not lines or lines[0].strip() != "---":
        return None
    for i in range(1, len(lines)):
        if lines[i].strip() in ("---", "..."):
            return 0, i
    return None


def _metadata_span(text: str, lines: list[str], offsets: list[int], article: Article, edit: Edit):
    canonical = edit.field
    if canonical not in _METADATA:
        raise FixError(f"field {canonical!r} cannot be edited in a text article", edit)
    old = getattr(article, canonical)
    if edit.kind == "replace":
        if old is None:
            raise FixError(f"field {canonical!r} is empty", edit)
        assert edit.start is not None and edit.end is not None and edit.text is not None
        if edit.end > len(old):
            raise FixError("replace beyond the end of the field", edit)
        new: str | None = old[: edit.start] + edit.text + old[edit.end :]
    else:
        new = edit.text
    key = article.field_keys.get(canonical)
    bounds = _front_matter_bounds(lines)
    if key is not None and article.raw is not None and bounds is not None:
        return _front_matter_span(lines, offsets, bounds, key, article.raw.get(key), new, edit)
    if old is None:
        if bounds is not None and edit.kind == "set_field" and new is not None:
            close = bounds[1]
            eol = "\r\n" if lines[close].endswith("\r\n") else "\n"
            at = offsets[close]
            return (at, at, f"{canonical}: {_yaml_scalar(new, '')}{eol}", edit)
        raise FixError(f"no place for field {canonical!r} in this article", edit)
    no = article.field_line(canonical)
    if not 1 <= no <= len(lines):
        raise FixError(f"field {canonical!r} line not found", edit)
    line = lines[no - 1]
    idx = line.find(old)
    if idx < 0:
        raise FixError(f"field {canonical!r} not found on its line", edit)
    base = offsets[no - 1]
    if new is None:  # clearing a header field deletes its line
        return (base, offsets[no], "", edit)
    if edit.kind == "replace":
        return (base + idx + edit.start, base + idx + edit.end, edit.text, edit)
    return (base + idx, base + idx + len(old), new, edit)


def _front_matter_span(lines, offsets, bounds, key: str, raw_value: Any, new: str | None, edit: Edit):
    if isinstance(raw_value, (list, dict)):
        raise FixError(f"front-matter field '{key}' is a {type(raw_value).__name__}, not text", edit)
    pattern = re.compile(r"^(" + re.escape(key) + r")(\s*:)([ \t]*)(.*?)(\r?\n?)$", re.S)
    for k in range(bounds[0] + 1, bounds[1]):
        m = pattern.match(lines[k])
        if not m:
            continue
        value = m.group(4)
        nxt = lines[k + 1] if k + 1 < bounds[1] else ""
        if value.strip() in ("|", ">", "|-", ">-", "|+", ">+") or (nxt[:1] in (" ", "\t") and nxt.strip()):
            raise FixError(f"front-matter field '{key}' spans several lines", edit)
        if value[:1] not in ("'", '"') and re.search(r"\s#", value):
            raise FixError(f"front-matter field '{key}' has a comment", edit)
        # the value is its scalar only: white space and a comment after a quoted scalar, and white
        # space after a plain one, are no part of it and stay as they are
        close = _quoted_end(value) if value[:1] in ("'", '"') else len(value.rstrip(" \t"))
        if close is None:
            raise FixError(f"front-matter field '{key}' is not on one line", edit)
        if value[close:].strip() and not re.match(r"[ \t]+#", value[close:]):
            raise FixError(f"front-matter field '{key}' cannot be read back", edit)
        value = value[:close]
        try:
            if safeyaml.load(value) != raw_value:
                raise FixError(f"front-matter field '{key}' is not on one line", edit)
        except yaml.YAMLError:
            raise FixError(f"front-matter field '{key}' cannot be read back", edit) from None
        start = offsets[k] + m.end(3)
        end = start + len(value)
        if new is None:
            return (offsets[k] + m.end(2), end, "", edit)
        rendered = _yaml_scalar(new, value[:1])
        if not m.group(3):
            rendered = " " + rendered
        return (start, end, rendered, edit)
    raise FixError(f"front-matter field '{key}' not found", edit)


def _quoted_end(value: str) -> int | None:
    """End (exclusive) of the quoted YAML scalar that starts ``value``, or None when it is not
    closed on this line."""
    quote = value[0]
    i = 1
    while i < len(value):
        c = value[i]
        if quote == '"' and c == "\\":
            i += 2
            continue
        if c == quote:
            if quote == "'" and value[i + 1 : i + 2] == "'":
                i += 2
                continue
            return i + 1
        i += 1
    return None


def _yaml_scalar(text: str, quote: str) -> str:
    """``text`` as a one-line YAML scalar in the quoting style the source used, when it reads back."""
    if quote == "'" and "\n" not in text:
        return "'" + text.replace("'", "''") + "'"
    if quote != '"' and "\n" not in text and text == text.strip() and text:
        try:
            if yaml.safe_load(text) == text and not re.search(r"(:\s)|(\s#)|^[-?:,\[\]{}#&*!|>'\"%@`]", text):
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)
