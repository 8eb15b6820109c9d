"""Plain-text articles as scrapers save them.

Layout: an optional YAML front-matter block; then a header (the lines before the first blank line)
holding the headline, and optionally a summary line, a byline line ("By ...") and a date line; then
the body. The body has one paragraph per non-empty line, or one per blank-line-separated block when
the text is hard-wrapped. When the header has two candidate lines, the one that looks most like a
headline (no closing full stop, short, mostly capitalised words) is the title and the other is the
summary line.
"""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.limits import clip_text
from newslint.readers import InputProblem, Source, WholeTextReader
from newslint.readers.text import (
    Line,
    apply_metadata,
    headline_score,
    is_hard_wrapped,
    looks_like_byline,
    looks_like_date_line,
    paragraphs_from_lines,
    read_front_matter,
    split_lines,
)

#: more header lines than this means the "header" is really body text
MAX_HEADER_LINES = 4


class TextReader(WholeTextReader):
    format = "txt"
    extensions = (".txt", ".text")

    def parse(self, text: str, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        yield from parse_text_article(text, source.path, field_map, fmt=self.format, hard_wrap=source.hard_wrap)


def parse_text_article(
    text: str, path: str, field_map: dict[str, tuple[str, ...]], fmt: str = "txt", hard_wrap: bool | None = None
) -> Iterator[Article | InputProblem]:
    """The article of ``text``; ``hard_wrap`` forces the body layout (see :attr:`Source.hard_wrap`)."""
    text, clipped = clip_text(text)
    lines = split_lines(text)
    art = Article(path=path, format=fmt, body_text=text, clipped=clipped)
    meta, start, problem = read_front_matter(lines)
    if problem is not None:
        yield problem
        art.metadata_unreadable = True
    if meta is not None:
        apply_metadata(art, meta, field_map, lines[0].no + 1, lines[1 : start - 1])
    rest = lines[start:]
    if art.title is None and not (problem is not None and start > 0):
        # (after front matter that could not be read, the headline was in it: the rest is body)
        rest = _take_header(art, rest)
    if hard_wrap is None:
        hard_wrap = is_hard_wrapped(rest)
    art.hard_wrapped = hard_wrap
    art.paragraphs = paragraphs_from_lines(rest, hard_wrap=hard_wrap)
    yield art


def _take_header(art: Article, lines: list[Line]) -> list[Line]:
    """Read headline, summary, byline and date from the header; return the body lines."""
    i = 0
    while i < len(lines) and lines[i].blank:
        i += 1
    j = i
    while j < len(lines) and not lines[j].blank:
        j += 1
    header = lines[i:j]
    if not header:
        return lines[j:]
    if j >= len(lines) or len(header) > MAX_HEADER_LINES:
        # no blank line after it, or too long to be a header: the first line is the headline
        art.title, art.title_line = header[0].text.strip(), header[0].no
        return lines[i + 1 :]
    candidates: list[Line] = []
    for line in header:
        stripped = line.text.strip()
        if art.byline is None and looks_like_byline(stripped):
            art.byline, art.byline_line = stripped, line.no
        elif art.date is None and looks_like_date_line(stripped) and candidates:
            art.date, art.date_line = stripped, line.no
        else:
            candidates.append(line)
    if not candidates:
        return lines[j:]
    best = max(candidates, key=lambda ln: (headline_score(ln.text), -candidates.index(ln)))
    art.title, art.title_line = best.text.strip(), best.no
    others = [c for c in candidates if c is not best]
    if others:
        art.summary, art.summary_line = others[0].text.strip(), others[0].no
    # any further candidate lines belong to the body
    return others[1:] + lines[j:]
