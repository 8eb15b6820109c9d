"""How much of one article newslint lints: bounds that keep hostile records cheap.

A scraped record can be anything: a whole book in one field, a file of two million one-word
paragraphs, one paragraph pasted a hundred thousand times. Rules are linear in the size of an
article, but the per-paragraph views they share (normalised text, hashes, sentences) cost memory
and time per paragraph, so one such record could hold a run for minutes and take gigabytes.

An article is therefore linted up to :data:`MAX_BODY_CHARS` characters of text and
:data:`MAX_PARAGRAPHS` paragraphs (far beyond any real news article: the longest long-reads run to
a few hundred paragraphs and 100,000 characters). Readers clip the text before splitting it
(:func:`clip_text`), the engine clips what any reader produced (:func:`clip_article`), and the
article gets an NL007 finding that says how much was left out. A clipped article is never fixed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newslint.article import Article

#: characters of an article's text (body paragraphs, or the whole file for text formats) linted
MAX_BODY_CHARS = 1_000_000
#: body paragraphs of an article linted
MAX_PARAGRAPHS = 10_000


def clip_text(text: str, limit: int | None = None) -> tuple[str, str | None]:
    """``text`` cut at the last line break before ``limit`` characters (at the limit when there is
    none in the last tenth), and a note saying so, or ``(text, None)`` when it fits."""
    limit = MAX_BODY_CHARS if limit is None else limit
    if len(text) <= limit:
        return text, None
    cut = text.rfind("\n", 0, limit + 1)
    if cut < limit * 0.9:  # no line break near the limit: cut inside the line
        cut = limit
    return text[:cut], f"only the first {cut:,} of {len(text):,} characters were linted"


def clip_article(article: "Article") -> None:
    """Clip an article's paragraphs to the bounds; record why in ``article.clipped``."""
    paragraphs = article.paragraphs
    notes = [article.clipped] if article.clipped else []
    if len(paragraphs) > MAX_PARAGRAPHS:
        notes.append(f"only the first {MAX_PARAGRAPHS:,} of {len(paragraphs):,} paragraphs were linted")
        paragraphs = paragraphs[:MAX_PARAGRAPHS]
    total = 0
    for i, p in enumerate(paragraphs):
        total += len(p.text)
        if total > MAX_BODY_CHARS:
            notes.append(f"only the first {i:,} paragraphs ({total - len(p.text):,} characters) were linted")
            paragraphs = paragraphs[:i]
            break
    if len(notes) > (1 if article.clipped else 0):
        article.paragraphs = paragraphs
        article.clipped = "; ".join(notes)
