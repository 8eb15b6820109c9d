"""NL327 lede-mid-sentence: the body starts in the middle of a sentence."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.rule import Problem, Rule

#: punctuation that continues a sentence: a body starting with it lost the sentence's beginning
_CONTINUATION = tuple(",;:)]}…")


def first_prose(article: Article, min_words: int) -> int | None:
    """Index of the first body paragraph of at least ``min_words`` words (the lede), or None."""
    for p in article.paragraphs[:6]:
        if len(p.text.split()) >= min_words:
            return p.index
    return None


def _lower_start(word: str) -> bool:
    """A word written in lower case in a script that has case, that is no brand (iPhone, eBay),
    handle, address or number."""
    core = word.lstrip("\"'“‘„«(-–—")
    if not core or not core[0].isalpha() or not core[0].islower():
        return False
    if any(c.isupper() for c in core[1:]) or any(c in core for c in "@/.#_") or any(c.isdigit() for c in core):
        return False
    return core[0].upper() != core[0]


class LedeMidSentence(Rule):
    """The body starts in the middle of a sentence: a lower-case word or continuing punctuation.

    An extractor that misses the first block of the story, or a page split in two, yields a body
    whose first paragraph starts with "and the minister said ...", ", which ..." or "… the rest".
    The text before it is lost. The rule looks at the lede (the first paragraph of at least
    ``min-words`` words) and flags it when its first word is written in lower case (in scripts
    that have case; brand names such as "iPhone" and handles pass) or when it opens with a comma,
    semicolon, colon, closing bracket or an ellipsis. A body that starts with a short
    stamp or caption is judged by its first paragraph of prose; a first paragraph of any length
    that opens with a comma or a semicolon is a torn sentence or link text whatever follows.

    Fails::

        Council Approves New Cycle Lanes
        (blank line)
        and the mayor said the work would start in May, once the contracts for the first two lanes had been signed.

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday, and the mayor said the work would start in May.

    Fix: none; the beginning of the article has to be scraped again.
    """

    code = "NL327"
    name = "lede-mid-sentence"
    severity = "warning"
    options = {"min-words": 8}

    def check(self, article: Article) -> Iterator[Problem]:
        if article.paragraphs and article.paragraphs[0].text.lstrip().startswith((",", ";")):
            first_text = article.paragraphs[0].text.lstrip()
            yield self.at_paragraph(
                article, 0, f"the body starts mid-sentence: it opens with '{first_text[0]}'",
                suggestion="the beginning of the article is missing: scrape it again",
            )
            return
        i = first_prose(article, self.opts["min-words"])
        if i is None:
            return
        text = article.paragraphs[i].text.lstrip()
        first = text.split()[0]
        if text.startswith(_CONTINUATION) or text.startswith("..."):
            what = f"opens with '{text[0] if not text.startswith('...') else '...'}'"
        elif _lower_start(first):
            what = f"opens with the lower-case word '{first}'"
        else:
            return
        yield self.at_paragraph(
            article, i, f"the body starts mid-sentence: the lede {what}",
            suggestion="the beginning of the article is missing: scrape it again",
        )


RULES = [LedeMidSentence]
