"""NL505 brief-body, NL506 body-off-title: a short body that is probably not the whole article."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import NO_SPACE_SCRIPT
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule

#: a word of the title worth looking for in the body: four letters or more
_TITLE_WORD = LazyPattern(r"[^\W\d_]{4,}")
#: the separator before a site or section name appended to a title ("... | Sport | BILD.de")
_TITLE_TAIL = LazyPattern(r"\s[|–—•·-]\s")


class BriefBody(Rule):
    """The body has fewer than ``min-words`` words: a news brief, or only the lede of a story.

    A body under NL204's 50 words is a stub. Between that and ``min-words`` (100) words lie both
    genuine briefs and the outputs of extractors that kept only the first paragraph, a teaser or a
    caption block. On the extractor evaluation (docs/evaluation.md) a body of 50 to 99 words was
    about five times as common among outputs that lost most of the reference text as among
    faithful ones, and faithful outputs had it about as often as the reference texts themselves:
    weak evidence on its own, so a warning. Bodies under ``below`` words are left to NL204.
    Text in scripts written without spaces is counted as NL204 counts it.

    Off by default (``--extend-select NL505``): a collection of news briefs or short wire items
    would be flagged record by record. Turn it on to check an extractor's outputs on pages whose
    articles are known to be longer; on the evaluation it raised the share of lossy outputs
    flagged by about 6 points for about 1.5 points more faithful outputs and references.

    Fails::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 on Tuesday for a network of protected cycle lanes across the centre, ending two years of argument over cost, parking and routes. Work on the first lane, on the ring road, starts in May, and the transport office expects it to open to cyclists before the summer holidays, with the second lane to follow in the autumn."}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "text": "The council voted 9 to 4 on Tuesday for a network of protected cycle lanes across the centre, ending two years of argument over cost, parking and routes.\\n\\nWork on the first lane, on the ring road, starts in May. The transport office expects it to open to cyclists before the summer holidays, and the second lane, along the canal, to follow in the autumn.\\n\\nShop owners on the ring road said they feared losing customers during the works and asked the council for a parking plan. The mayor said delivery bays would stay and the council would review the plan after six months."}

    Fix: none; compare with the source page and scrape the full article if it was cut.
    """

    code = "NL505"
    name = "brief-body"
    severity = "warning"
    default_enabled = False
    options = {"min-words": 100, "below": 50}

    def check(self, article: Article) -> Iterator[Problem]:
        if not article.paragraphs:
            return
        n = article.word_count
        if self.opts["below"] <= n < self.opts["min-words"]:
            yield Problem(
                f"brief body: {n} words, fewer than {self.opts['min-words']}",
                line=article.paragraphs[0].line, field="body",
                suggestion="check the source page: the extractor may have kept only the lede or a teaser",
            )


def title_words(title: str) -> set[str]:
    """The words of four letters or more of a title, without a site or section name after a bar or dash."""
    parts = _TITLE_TAIL.split(title)
    head = parts[0] if len(parts[0].split()) >= 3 else title
    return {w.lower() for w in _TITLE_WORD.findall(head)}


class BodyOffTitle(Rule):
    """A short body that shares almost none of the title's words: another block of the page.

    A news text names what its headline names: most words of four letters or more of the title
    come back in the body, if only as the start of an inflected form. When an extractor takes
    the wrong block of the page (a cookie notice, the author's biography, a box of key figures, a
    list of other articles), the body is short and holds almost none of them. The rule compares
    bodies under ``max-words`` words with titles of at least ``min-title-words`` such words (a
    site or section name after a bar or dash is dropped) and flags a body in which fewer than
    ``min-share`` of them occur (a word counts when the body has a word with the same first five
    letters). Titles in scripts written without spaces are skipped, and so are bodies under
    ``below`` words (NL204 reports them).

    Fails::

        {"title": "Council Approves New Cycle Lanes After Long Debate", "text": "We use cookies to measure how visitors use this website and to show them relevant offers. You can change your choice at any time in the privacy settings at the bottom of each page. Some functions of the website may not work without these cookies, and we share the data with partners who help us run the site."}

    Passes::

        {"title": "Council Approves New Cycle Lanes After Long Debate", "text": "The council voted 9 to 4 on Tuesday for a network of protected cycle lanes across the centre, after a debate that went on for most of the afternoon. Work on the first lane, on the ring road, starts in May, and the transport office expects it to open to cyclists before the summer holidays."}

    Fix: none; extract the article again from the right block of the page.
    """

    code = "NL506"
    name = "body-off-title"
    severity = "warning"
    options = {"max-words": 300, "min-title-words": 3, "min-share": 0.2, "below": 50}

    def check(self, article: Article) -> Iterator[Problem]:
        title = article.title
        if not title or not article.paragraphs or (not title.isascii() and NO_SPACE_SCRIPT.search(title)):
            return
        if not self.opts["below"] <= article.word_count < self.opts["max-words"]:
            return  # a stub under ``below`` words is NL204's
        wanted = title_words(title)
        if len(wanted) < self.opts["min-title-words"]:
            return
        body = set(article.words_lower)
        stems = {w[:5] for w in body}
        found = sum(1 for w in wanted if w in body or w[:5] in stems)
        if found < self.opts["min-share"] * len(wanted):
            yield Problem(
                f"the body has {found} of the title's {len(wanted)} main words: it may be another block of the page",
                line=article.paragraphs[0].line, field="body",
                suggestion="compare with the source page: the extractor may have taken a notice, a bio or a list instead of the article",
            )


RULES = [BriefBody, BodyOffTitle]
