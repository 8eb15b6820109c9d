"""NL504 body-shorter-than-summary: a body much shorter than its own summary promises."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.rule import Problem, Rule


class BodyShorterThanSummary(Rule):
    """The body is not much longer than the article's own summary: most of the story is missing.

    A record's summary (description, dek, excerpt) condenses the article into a sentence or two;
    the body it summarises is many times longer. When the body has fewer than ``ratio`` times the
    summary's words, the extractor kept only the first paragraphs, a caption or a teaser. Only
    summaries of at least ``min-summary-words`` words are compared (a short tagline says nothing
    about length), and bodies under NL204's threshold are left to NL204.

    Fails::

        {"title": "Council Approves New Cycle Lanes", "description": "The city council voted nine to four on Tuesday evening for a network of protected cycle lanes across the centre, ending two years of argument over cost, parking spaces and routes, and the first lane on the ring road will open to cyclists in May.", "text": "Councillors approved the plan after a debate that lasted most of the afternoon. The transport office said contractors would start work on the ring road in March, with the first lane open in May. Opposition members said the money would be better spent on buses and asked for a review of the routes before the second phase, which covers the northern districts."}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "description": "The council voted for a network of protected cycle lanes.", "text": "Councillors approved the plan after a debate that lasted most of the afternoon. The transport office said contractors would start work on the ring road in March, with the first lane open in May. Opposition members said the money would be better spent on buses and asked for a review of the routes before the second phase, which covers the northern districts."}

    Fix: none; the full article has to be scraped again.
    """

    code = "NL504"
    name = "body-shorter-than-summary"
    severity = "warning"
    options = {"ratio": 2.0, "min-summary-words": 20, "min-body-words": 50}

    def check(self, article: Article) -> Iterator[Problem]:
        if not article.summary or not article.paragraphs:
            return
        summary_words = len(article.summary.split())
        if summary_words < self.opts["min-summary-words"]:
            return
        body_words = article.word_count
        if body_words < self.opts["min-body-words"]:
            return  # NL204
        if body_words < self.opts["ratio"] * summary_words:
            yield Problem(
                f"body of {body_words} words for a summary of {summary_words}: "
                f"fewer than {self.opts['ratio']:g} times the summary's length",
                line=article.paragraphs[0].line, field="body",
                suggestion="the body looks cut: compare with the source page and scrape it again",
            )


RULES = [BodyShorterThanSummary]
