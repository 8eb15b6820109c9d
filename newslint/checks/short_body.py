"""NL204 short-body."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.rule import Problem, Rule


class ShortBody(Rule):
    """The body is empty or shorter than ``min-words`` words.

    A scrape that kept only a teaser, a paywall stub or a caption yields a body of a few dozen words.
    Such records look like articles in a dataset but carry almost no text. The default of 50 words
    keeps genuine news briefs (usually 80 words or more) and flags stubs. Text in scripts written
    without spaces (Chinese, Japanese) is counted at two characters a word.

    Fails::

        Port Strike Enters Second Week

        Subscribe to read the full story.

    Passes::

        Port Strike Enters Second Week

        Dockworkers in Rotterdam stayed off the job for an eighth day on Monday, leaving more than forty
        container ships waiting at anchor outside the port. The union said its members would not return
        until the employers improved their offer on pay and shift patterns, while the port authority
        warned that supermarkets could see shortages of fresh produce within days.

    Fix: none; the full text has to be scraped again.
    """

    code = "NL204"
    name = "short-body"
    severity = "error"
    options = {"min-words": 50}

    def check(self, article: Article) -> Iterator[Problem]:
        n = article.word_count
        line = article.paragraphs[0].line if article.paragraphs else article.line
        if n == 0:
            yield Problem("empty body: the article has no text", line=line, field="body",
                          suggestion="scrape the article text again; the extractor found no body")
        elif n < self.opts["min-words"]:
            yield Problem(
                f"short body: {n} word{'s' * (n != 1)}, fewer than {self.opts['min-words']}",
                line=line,
                field="body",
                suggestion="check the extraction: the body looks like a teaser or a stub",
            )


RULES = [ShortBody]
