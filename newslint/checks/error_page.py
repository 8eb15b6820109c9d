"""NL329 error-page: the body is an error, bot-check or sign-in page, not an article."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule

#: a status code standing alone on a line ("404", "Error 403", "404 - Not Found"): any language
_STATUS = LazyPattern(r"(?:^|\n)[^\w\n]*(?:error\s*)?(?:403|404|410|429|500|502|503)(?:\s*error)?[^\w\n]*(?:\n|$|[-–—:|]\s*\w)",
                     re.IGNORECASE)
#: what servers, bot checks and sign-in walls say instead of the article
_NOTICE = LazyPattern(
    r"\b(?:403 forbidden|404 not found|error 404|error 403|http error \d{3}"
    r"|(?:page|article|story|content) (?:was )?not found"
    r"|the page you (?:are|were|'re|’re) looking for"
    r"|the (?:page|article|story) you requested"
    r"|access (?:denied|to this page has been denied)"
    r"|you (?:don't|don’t|do not) have permission to access"
    r"|checking (?:if the site connection is secure|your browser before accessing)"
    r"|(?:verify|confirm) (?:that )?you are (?:a )?human"
    r"|are you a robot"
    r"|(?:complete|solve) the (?:captcha|security check)"
    r"|enable (?:javascript and cookies|cookies and javascript) to continue"
    r"|unusual traffic from your (?:computer )?network"
    r"|(?:log|sign) in (?:or (?:register|sign up|create an account) )?to (?:continue|read|view|access)"
    r"|create (?:a free|an) account to (?:continue|read))\b"
    r"|^\W*just a moment\b",
    re.IGNORECASE,
)


class ErrorPage(Rule):
    """The body is an error, bot-check or sign-in page, not an article.

    A scraper that was blocked or sent to a dead link stores what the server answered: "404 Page
    not found", "Access Denied", "Just a moment... Checking your browser", "Please verify you are a
    human", "Log in to continue reading". Only short bodies (at most ``max-chars`` characters)
    are checked, so an article that reports on a 404 error or on captchas passes: the page that
    replaced the story is a few lines long. A status code counts only alone on its line ("404",
    "Error 403", "404 - Not Found"), whatever the page's language. One finding per article.

    Fails::

        Council Approves New Cycle Lanes
        (blank line)
        404
        (blank line)
        Sorry, the page you are looking for does not exist.

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon. The mayor said that the city's website, which showed a 404 page to many residents during the vote, would be repaired by Friday. Work on the first lane starts in May, and the contracts for the northern districts will be signed in the summer once the budget for next year has been approved.

    Fix: none; the article has to be fetched again (with access, or from a live URL).
    """

    code = "NL329"
    name = "error-page"
    severity = "error"
    options = {"max-chars": 1500}

    def check(self, article: Article) -> Iterator[Problem]:
        text = article.text
        if not text or len(text) > self.opts["max-chars"]:
            return
        m = _NOTICE.search(text) or _STATUS.search(text)
        if m is None:
            return
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        index = text.count("\n\n", 0, start)
        index = min(index, len(article.paragraphs) - 1)
        said = " ".join(m.group().split()).strip(" -–—:|")
        yield self.at_paragraph(
            article, index, f"not an article: the body is an error, bot-check or sign-in page ('{said}')",
            suggestion="fetch the page again; the server answered with an error or a wall instead of the story",
        )


RULES = [ErrorPage]
