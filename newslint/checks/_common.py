"""Helpers shared by the built-in rules."""

from __future__ import annotations

from newslint.article import Article


def where(article: Article, index: int) -> str:
    """How a message names body paragraph ``index``: its line for text files, its number for records."""
    p = article.paragraphs[index]
    if article.format in ("jsonl", "json"):
        return f"paragraph {index + 1}"
    return f"line {p.line}" if p.line == p.end_line else f"lines {p.line}-{p.end_line}"


def field_where(article: Article, name: str) -> str:
    """How a message names a metadata field: its line for text files, its key for records."""
    if article.format in ("jsonl", "json"):
        return f"field '{article.field_key(name)}'"
    return f"line {article.field_line(name)}"
