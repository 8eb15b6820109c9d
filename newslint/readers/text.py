"""Shared parsing for the text formats (plain text and Markdown): lines, front matter, paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newslint.lazy import LazyPattern, lazy_import

#: PyYAML is imported when a YAML document is read, not by every run
yaml = lazy_import("yaml")
safeyaml = lazy_import("newslint.safeyaml")

from newslint.article import Article, Paragraph
from newslint.dates import parse_date
from newslint.readers import InputProblem, _pick, _scalar, id_text

BYLINE_RE = re.compile(
    r"^\s*[*_]*\s*(?:by|von|par|por|di|door|av|af|przez|от|автор)\s*[:\-]?\s+\S",
    re.IGNORECASE,
)
_AUTHOR_LABEL_RE = re.compile(r"^\s*(?:author|authors|written by|reporter|reporting by)\s*[:\-]\s*\S", re.I)
_TERMINAL = ".。:;"
#: how a line that ends a sentence (or a paragraph) ends
_CLOSERS = tuple(".!?。！？:;\"'”’»)")


@dataclass(slots=True)
class Line:
    """One source line: 1-based number, text without its line ending, offset of its first character."""

    no: int
    text: str
    offset: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()

    @property
    def end(self) -> int:
        return self.offset + len(self.text)


def split_lines(text: str) -> list[Line]:
    """Lines split on ``\\n`` only (a trailing ``\\r`` is dropped from the text)."""
    lines: list[Line] = []
    offset = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        body = raw[:-1] if raw.endswith("\r") else raw
        lines.append(Line(no, body, offset))
        offset += len(raw) + 1
    if lines and lines[-1].text == "" and text.endswith("\n"):
        lines.pop()
    return lines


def read_front_matter(lines: list[Line]) -> tuple[dict[str, Any] | None, int, InputProblem | None]:
    """YAML front matter between ``---`` lines at the top, loaded safely.

    Returns (mapping or None, index of the first line after it, problem or None).
    """
    if lines and lines[0].text.strip() == "+++":
        return _toml_front_matter(lines)
    if not lines or lines[0].text.strip() != "---":
        return None, 0, None
    for i in range(1, len(lines)):
        if lines[i].text.strip() in ("---", "..."):
            block = "\n".join(line.text for line in lines[1:i])
            try:
                data = safeyaml.load(block) if block.strip() else {}
            except yaml.YAMLError as exc:
                mark = getattr(exc, "problem_mark", None)
                line = lines[0].no + 1 + (mark.line if mark else 0)
                col = (mark.column + 1) if mark else 1
                problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
                return None, i + 1, InputProblem("NL003", f"malformed YAML front matter: {problem}", line, col)
            if data is None:
                data = {}
            if not isinstance(data, dict):
                return None, i + 1, InputProblem(
                    "NL003", "malformed YAML front matter: expected a mapping of fields", lines[1].no if len(lines) > 1 else 1
                )
            return data, i + 1, None
    return None, 0, InputProblem("NL003", "front matter opened with '---' is never closed", lines[0].no)


def _toml_front_matter(lines: list[Line]) -> tuple[dict[str, Any] | None, int, InputProblem | None]:
    """TOML front matter between ``+++`` lines (Hugo's), as :func:`read_front_matter` returns YAML's."""
    for i in range(1, len(lines)):
        if lines[i].text.strip() == "+++":
            from newslint.configfile import tomllib  # the TOML parser of the configuration files

            try:
                data = tomllib.loads("\n".join(line.text for line in lines[1:i]))
            except (tomllib.TOMLDecodeError, RecursionError) as exc:
                detail = " ".join(str(exc).split())[:200]
                return None, i + 1, InputProblem("NL003", f"malformed TOML front matter: {detail}", lines[0].no + 1)
            return data, i + 1, None
    return None, 0, InputProblem("NL003", "front matter opened with '+++' is never closed", lines[0].no)


def apply_metadata(art: Article, meta: dict[str, Any], field_map: dict[str, tuple[str, ...]], line: int,
                   front: list[Line] | None = None) -> None:
    """Copy front-matter fields onto the article through the field mapping. ``front`` are the
    front matter's lines (between the ``---``): a field's line is where its key is written."""
    at = _key_lines(front) if front else {}

    def _meta_line(meta: dict[str, Any], key: str, first_line: int) -> int:
        return at[key] if key in at else _position_line(meta, key, first_line)

    art.has_metadata = True
    art.raw = meta
    for canonical in ("title", "summary", "byline", "date", "url", "domain", "id"):
        key, value = _pick(meta, field_map[canonical])
        if key is None:
            continue
        art.field_keys[canonical] = key
        if canonical == "id":
            art.record_id = id_text(value)
            continue
        if canonical == "date" and value is not None and not isinstance(value, str):
            value = value.isoformat() if hasattr(value, "isoformat") else value
        setattr(art, canonical, _scalar(value))
        if canonical != "domain":
            setattr(art, f"{canonical}_line", _meta_line(meta, key, line))
    key, value = _pick(meta, field_map.get("language", ()))
    if key is not None:
        art.field_keys["language"] = key
        art.declared_language = _scalar(value)
        art.declared_language_line = _meta_line(meta, key, line)


def _position_line(meta: dict[str, Any], key: str, first_line: int) -> int:
    """Line of ``key:`` inside the front matter by its position among the keys (first_line is the
    line after the opening ---): right when every value takes one line."""
    return first_line + list(meta).index(key) if key in meta else first_line


_TOP_KEY = LazyPattern(r"""^(?:"([^"]+)"|'([^']+)'|([^\s#:'"\-?\[][^:=]*?))\s*(?::(?:\s|$)|=)""")
_QUOTED_KEY = LazyPattern(r"""^(?:"([^"]+)"|'([^']+)')\s*(?::(?:\s|$)|=)""")


def _top_key(text: str) -> str | None:
    """The key _TOP_KEY finds at the start of ``text``, or None, in linear time: an unquoted key
    runs to the first ":" or "=" (it holds neither), less the white space before it (the lazy
    regex tried the white space again at every character: a front-matter line of 100,000 spaces
    took a minute)."""
    if "\n" in text:  # not a line of the reader's
        m = _TOP_KEY.match(text)
        return (m.group(1) or m.group(2) or m.group(3)) if m else None
    if text[:1] in ("'", '"'):
        m = _QUOTED_KEY.match(text)
        return (m.group(1) or m.group(2)) if m else None
    if not text or text[0].isspace() or text[0] in "#:-?[":
        return None
    ends = [i for i in (text.find(":", 1), text.find("=", 1)) if i != -1]
    if not ends:
        return None
    end = min(ends)
    if text[end] == ":" and end + 1 < len(text) and not text[end + 1].isspace():
        return None
    return text[:end].rstrip()


def _key_lines(front: list[Line]) -> dict[str, int]:
    """The line of each top-level key of a YAML (``key:``) or TOML (``key =``) front matter, as
    written: a value over several lines (a list, a folded block) moves the keys after it, which
    the keys' order cannot tell. (A TOML table's keys come after its ``[header]``, which is no key.)"""
    out: dict[str, int] = {}
    for line in front:
        key = _top_key(line.text)
        if key is not None:
            out.setdefault(key, line.no)
    return out


def paragraphs_from_lines(lines: list[Line], *, hard_wrap: bool | None = None) -> list[Paragraph]:
    """Body paragraphs: one per non-empty line, or one per blank-line-separated block when wrapped."""
    if hard_wrap is None:
        hard_wrap = is_hard_wrapped(lines)
    paragraphs: list[Paragraph] = []
    if not hard_wrap:
        for line in lines:
            if line.blank:
                continue
            stripped = line.text.strip()
            lead = len(line.text) - len(line.text.lstrip())
            paragraphs.append(
                Paragraph(stripped, line.no, line.no, len(paragraphs), line.offset + lead, line.offset + lead + len(stripped))
            )
        return paragraphs
    block: list[Line] = []
    for line in [*lines, None]:
        if line is None or line.blank:
            if block:
                text = " ".join(" ".join(b.text.split()) for b in block)
                lead = len(block[0].text) - len(block[0].text.lstrip())
                paragraphs.append(
                    Paragraph(text, block[0].no, block[-1].no, len(paragraphs), block[0].offset + lead, block[-1].offset + len(block[-1].text.rstrip()))
                )
                block = []
        else:
            block.append(line)
    return paragraphs


def is_hard_wrapped(lines: list[Line]) -> bool:
    """True when the body is wrapped at a fixed width with paragraphs separated by blank lines.

    Signs: blank lines separate blocks, most text lines sit inside multi-line blocks, nearly every
    line is at most 100 characters long, and most lines inside a block stop mid-sentence.
    """
    text_lines = [line for line in lines if not line.blank]
    if len(text_lines) < 3 or len(text_lines) == len(lines):
        return False
    in_multi = 0
    run = 0
    for line in [*lines, None]:
        if line is None or line.blank:
            if run >= 2:
                in_multi += run
            run = 0
        else:
            run += 1
    short = sum(1 for line in text_lines if len(line.text) <= 100)
    if in_multi < 0.5 * len(text_lines) or short < 0.95 * len(text_lines):
        return False
    # wrapped prose breaks lines between words: most lines that continue a block end mid-sentence,
    # while one paragraph per line ends nearly every line with closing punctuation
    inner = [a for a, b in zip(lines, lines[1:]) if not a.blank and not b.blank]
    closed = sum(1 for line in inner if line.text.rstrip().endswith(_CLOSERS))
    return closed < 0.5 * len(inner)


def looks_like_byline(text: str) -> bool:
    return bool(BYLINE_RE.match(text) or _AUTHOR_LABEL_RE.match(text)) and len(text) <= 200


def looks_like_date_line(text: str) -> bool:
    stripped = text.strip().strip("*_")
    for prefix in ("published:", "published", "updated:", "updated", "date:"):
        if stripped.lower().startswith(prefix):
            stripped = stripped[len(prefix):].strip()
            break
    return len(stripped) <= 60 and parse_date(stripped) is not None


def headline_score(text: str) -> int:
    """How much a header line looks like a headline rather than a summary sentence."""
    s = text.strip()
    score = 0
    if s and s[-1] not in _TERMINAL:
        score += 2
    if len(s) <= 150:
        score += 1
    words = [w for w in s.split() if w[:1].isalpha()]
    if words and sum(1 for w in words if w[:1].isupper()) >= 0.5 * len(words):
        score += 1
    return score
