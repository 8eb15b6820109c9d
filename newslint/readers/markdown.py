"""Markdown articles: YAML front matter (title, author/byline, date, url, ...) and a Markdown body.

A leading ``# Heading`` is the title when the front matter has none (it is never a body paragraph).
Body paragraphs are blank-line-separated blocks; a heading line is a paragraph of its own; lines
holding only an HTML comment (such as newslint suppressions) are not paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article, Paragraph
from newslint.limits import clip_text
from newslint.readers import InputProblem, Source, WholeTextReader
from newslint.readers.fences import Fences
from newslint.readers.text import Line, apply_metadata, looks_like_byline, read_front_matter, split_lines
from newslint.lazy import LazyPattern

_HEADING = LazyPattern(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


def _heading(text: str) -> tuple[str, str] | None:
    """(its #s, its text) when ``text`` is an ATX heading line: what _HEADING matches, in linear
    time (the lazy text followed by two runs of optional white space took cubic time on a run of
    spaces inside a heading: 10,000 of them stopped a run for minutes)."""
    if "\n" in text:  # not a line of the reader's; "." and "$" treat a line feed apart
        m = _HEADING.match(text)
        return (m.group(1), m.group(2)) if m else None
    body = text.lstrip()
    if len(text) - len(body) > 3 or not body.startswith("#"):
        return None
    rest = body.lstrip("#")
    hashes = len(body) - len(rest)
    if hashes > 6 or not rest[:1].isspace():
        return None
    return body[:hashes], rest.strip().rstrip("#").rstrip()
_COMMENT_LINE = LazyPattern(r"^\s*<!--.*-->\s*$")
_SETEXT = LazyPattern(r"^ {0,3}(?:=+|-+)[ \t]*$")
_SETEXT_H1 = LazyPattern(r"^ {0,3}=+[ \t]*$")
_BREAK = LazyPattern(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


class MarkdownReader(WholeTextReader):
    format = "md"
    extensions = (".md", ".markdown")

    def parse(self, text: str, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        text, clipped = clip_text(text)
        lines = split_lines(text)
        art = Article(path=source.path, format=self.format, body_text=text, clipped=clipped)
        meta, start, fm_problem = read_front_matter(lines)
        if fm_problem is not None:
            yield fm_problem
            art.metadata_unreadable = True
        if meta is not None:
            apply_metadata(art, meta, field_map, lines[0].no + 1, lines[1 : start - 1])
        body = lines[start:]
        k = 0
        while k < len(body) and (body[k].blank or _COMMENT_LINE.match(body[k].text)):
            k += 1
        if k < len(body):
            m = _heading(body[k].text)
            if m and len(m[0]) == 1:
                if art.title is None:
                    art.title, art.title_line = m[1], body[k].no
                body = body[k + 1 :]
            elif k + 1 < len(body) and not body[k].blank and _SETEXT_H1.match(body[k + 1].text):
                # "Title" over "=====": the same level-1 heading, as pandoc and older converters write it
                if art.title is None:
                    art.title, art.title_line = body[k].text.strip(), body[k].no
                body = body[k + 2 :]
        art.paragraphs = markdown_paragraphs(body)
        if art.byline is None and art.paragraphs and looks_like_byline(art.paragraphs[0].text):
            first = art.paragraphs.pop(0)
            art.byline, art.byline_line = first.text.strip("*_ "), first.line
            for i, p in enumerate(art.paragraphs):
                p.index = i
        yield art


def markdown_paragraphs(lines: list[Line]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    block: list[Line] = []
    fences = Fences()

    def flush() -> None:
        if block:
            text = " ".join(" ".join(b.text.split()) for b in block)
            lead = len(block[0].text) - len(block[0].text.lstrip())
            paragraphs.append(
                Paragraph(text, block[0].no, block[-1].no, len(paragraphs), block[0].offset + lead, block[-1].offset + len(block[-1].text.rstrip()))
            )
            block.clear()

    for line in lines:
        if fences.fence_line(line.text):
            flush()
            continue
        if fences.inside:
            continue
        if line.blank or _COMMENT_LINE.match(line.text):
            flush()
            continue
        if (block and _SETEXT.match(line.text)) or _BREAK.match(line.text):
            # an underline makes the lines above it a heading (a paragraph of its own); a thematic
            # break (---, ***, * * *) between paragraphs is no text
            flush()
            continue
        m = _heading(line.text)
        if m:
            flush()
            text = m[1]
            lead = line.text.find(text) if text else 0
            paragraphs.append(Paragraph(text, line.no, line.no, len(paragraphs), line.offset + lead, line.offset + lead + len(text)))
            continue
        block.append(line)
    flush()
    return paragraphs
