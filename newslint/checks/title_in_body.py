"""NL102 title-in-body and NL103 summary-in-body."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import field_where, where
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix

_TRIM = ".!?:;,-–— \"'“”‘’"


def _repeats(article: Article, target: str) -> Iterator[int]:
    key = target.strip(_TRIM)
    if not key:
        return
    for i, norm in enumerate(article.normalized):
        if norm.strip(_TRIM) == key:
            yield i


class TitleInBody(Rule):
    """The headline repeated as a paragraph of the body.

    Extractors often keep the page's ``<h1>`` in the body text while also storing it as the title,
    so the headline appears twice: once as metadata and once as the first body paragraph. In a
    training corpus or a search index that duplicates the most heavily weighted text of the
    article. Comparison ignores white space, case and surrounding punctuation.

    Fails::

        Port Strike Enters Second Week

        Port Strike Enters Second Week
        Dockworkers in Rotterdam stayed off the job for an eighth day on Monday.

    Passes::

        Port Strike Enters Second Week

        Dockworkers in Rotterdam stayed off the job for an eighth day on Monday.

    Fix: deletes the body paragraph that repeats the headline. Safe: the headline stays in the
    title.
    """

    code = "NL102"
    name = "title-in-body"
    severity = "error"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        if not article.norm_title:
            return
        for i in _repeats(article, article.norm_title):
            here, there = where(article, i), field_where(article, "title")
            yield self.at_paragraph(
                article,
                i,
                f"title repeated in body: the headline ({there}) repeated as a paragraph",
                suggestion=f"delete {here}, a repeat of the headline",
                fix=Fix(f"delete {here}, a repeat of the headline", (Edit("delete_paragraph", paragraph=i),), "safe"),
            )


class SummaryInBody(Rule):
    """The summary line (dek, description) repeated word for word as a body paragraph.

    A summary line sits above the body as the article's standfirst. When the extractor also keeps
    it as a body paragraph, the text is in the article twice. Many sites reuse their lede as the
    meta description, so for records with a ``description`` field this is a warning, not an error.

    Fails::

        Dockworkers stay out as talks stall.
        Port Strike Enters Second Week

        Dockworkers stay out as talks stall.
        Unions and employers have not met since Thursday.

    Passes::

        Dockworkers stay out as talks stall.
        Port Strike Enters Second Week

        Unions and employers have not met since Thursday.

    Fix: deletes the body paragraph that repeats the summary. Unsafe: when the summary is the
    site's lede, the paragraph is real body text.
    """

    code = "NL103"
    name = "summary-in-body"
    severity = "warning"
    fixable = True

    def check(self, article: Article) -> Iterator[Problem]:
        if not article.norm_summary or article.norm_summary == article.norm_title:
            return
        for i in _repeats(article, article.norm_summary):
            here, there = where(article, i), field_where(article, "summary")
            yield self.at_paragraph(
                article,
                i,
                f"summary repeated in body: the summary line ({there}) repeated as a paragraph",
                suggestion=f"delete {here}, a repeat of the summary line",
                fix=Fix(f"delete {here}, a repeat of the summary line", (Edit("delete_paragraph", paragraph=i),), "unsafe"),
            )


RULES = [TitleInBody, SummaryInBody]
