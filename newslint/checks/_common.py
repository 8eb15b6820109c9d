"""Helpers shared by the built-in rules."""

from __future__ import annotations

from newslint.article import RECORD_FORMATS, Article
from newslint.lazy import LazyPattern

#: a character of the scripts that NL325 and NL506 treat as written without spaces between words
#: (kana, ideographs, hangul, Thai): their words cannot be split off or matched one by one
NO_SPACE_SCRIPT = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u0e00-\u0e7f]")


def where(article: Article, index: int) -> str:
    """How a message names body paragraph ``index``: its line for text files, its number for records."""
    p = article.paragraphs[index]
    if article.format in RECORD_FORMATS:
        return f"paragraph {index + 1}"
    return f"line {p.line}" if p.line == p.end_line else f"lines {p.line}-{p.end_line}"


def text_where(article: Article, fld: str, index: int | None) -> str:
    """Where a finding in a text unit is, for its message: "the text", or for a paragraph of a
    record, whose line does not tell one paragraph from another, "paragraph N" (as NL101 and NL502
    name it)."""
    if fld == "body" and index is not None and article.format in RECORD_FORMATS:
        return where(article, index)
    return "the text"


def repeat_phrase(article: Article, index: int, original: int) -> tuple[str, str, str]:
    """(here, there, "... repeats ...") naming paragraph ``index`` and the earlier ``original``.

    Text files locate the finding by its line already, so the phrase names only the original.
    """
    here, there = where(article, index), where(article, original)
    said = f"repeats {there}" if here.startswith("line") else f"{here} repeats {there}"
    return here, there, said


def field_where(article: Article, name: str) -> str:
    """How a message names a metadata field: its line for text files, its key for records."""
    if article.format in RECORD_FORMATS:
        return f"field '{article.field_key(name)}'"
    return f"line {article.field_line(name)}"


_TRIM = ".!?:;,-–— \"'“”‘’"


def repeat_free_indices(article: Article) -> list[int]:
    """Indices of the body paragraphs that are not an exact repeat of an earlier paragraph, of the
    headline or of the summary line (those are NL101, NL102 and NL103's findings). Rules looking for
    subtler repetition start from these, so that one defect is not reported twice.

    Computed once per article (several rules ask); callers get their own copy of the list."""
    cached = article.__dict__.get("_repeat_free_indices")
    if cached is None:
        cached = article.__dict__["_repeat_free_indices"] = _repeat_free_indices(article)
    return list(cached)


def _repeat_free_indices(article: Article) -> tuple[int, ...]:
    """The plain definition: paragraph by paragraph, the first of each digest, unless its text is
    the headline's or the summary's (see :func:`repeat_free_indices_plain`); the first index of each
    digest is found at C speed (a dict built from the last paragraph back keeps the first), and
    only those paragraphs are compared with the headline and the summary."""
    hashes = article.paragraph_hashes
    n = len(hashes)
    firsts = dict(zip(reversed(hashes), range(n - 1, -1, -1)))
    keep = range(n) if len(firsts) == n else sorted(firsts.values())
    skip = {k for k in (article.norm_title.strip(_TRIM), article.norm_summary.strip(_TRIM)) if k}
    if not skip:
        return tuple(keep)
    normalized = article.normalized
    return tuple(i for i in keep if normalized[i].strip(_TRIM) not in skip)


def repeat_free_indices_plain(article: Article) -> tuple[int, ...]:
    """:func:`repeat_free_indices` by its definition, one paragraph at a time (tests hold the fast
    path to it)."""
    skip = {k for k in (article.norm_title.strip(_TRIM), article.norm_summary.strip(_TRIM)) if k}
    seen: set[bytes] = set()
    out: list[int] = []
    for i, (norm, digest) in enumerate(zip(article.normalized, article.paragraph_hashes)):
        if digest in seen or norm.strip(_TRIM) in skip:
            continue
        seen.add(digest)
        out.append(i)
    return tuple(out)
