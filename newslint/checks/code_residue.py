"""NL322 css-js-residue: style sheets and scripts extracted as text."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import where
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix

#: signs of JavaScript or CSS source; a paragraph needs several (or one that only trackers and ad
#: loaders write) to count as residue
_SIGNALS = LazyPattern(
    r"\bfunction\s*\w*\s*\([^)]*\)\s*\{"
    r"|\b(?:var|let|const)\s+[\w$]+\s*="
    r"|\b(?:document|window)\.[\w$]+"
    r"|\}\s*\)\s*\(?[^)]{0,40}\)?\s*;"
    r"|\b[\w$.]+\.push\s*\("
    r"|\btypeof\s+[\w$]+"
    r"|=>\s*\{"
    r"|@media\s*[\w(]"
    r"|@font-face\b|@import\s+url"
    r"|!important\b"
    r"|(?:^|[\s}])[.#]?[A-Za-z][\w-]*(?:\s*[,>]\s*[.#]?[\w-]+)*\s*\{\s*[a-z-]+\s*:\s*[^;{}]{1,80};"
)
_TRACKERS = LazyPattern(
    r"\b(?:googletag\.|dataLayer\.push|adsbygoogle|fbq\(|_gaq\.push|ga\('(?:create|send)'|"
    r"__tcfapi|window\._taboola|twttr\.widgets|document\.write\()"
)

#: one statement of a script on a paragraph of its own: ``if (...) {``, ``var x = ...;``,
#: ``js.src = '...';``, ``loader.require('...', function(){``; prose does not start with a
#: condition in brackets, a declaration or a dotted name followed by "=" or "(" and end in ";", "{" or ")"
_STATEMENT = LazyPattern(
    r"(?:(?:if|for|while|switch)\s*\(|(?:var|let|const)\s+[\w$]+\s*=|function\s*[\w$]*\s*\(|"
    r"[\w$]+(?:\.[\w$]+)+\s*(?:=[^=]|\())[^\n]*[;{)]$"
)


class CssJsResidue(Rule):
    """A paragraph that is a style sheet or script rather than prose.

    When an extractor keeps ``<style>`` or ``<script>`` contents, paragraphs such as
    ``googletag.cmd.push(function() { ... });`` or ``.caption { font-size: 12px; }`` end up in the
    body. A paragraph is flagged when it shows at least ``min-signals`` signs of code (function
    definitions, ``var x =``, ``document.``, CSS rules, ``@media``), or one call that only ad and
    tracking scripts make (``googletag``, ``dataLayer.push``, ``adsbygoogle``), or when it is one
    statement of script on its own (at most ``max-statement-chars`` characters that open with a
    condition, a declaration or a dotted name assigned or called, and end in ``;``, ``{`` or
    ``)``: ``if (window.innerWidth >= 600) {``, ``js.src = '/embed.js';``), the line a page's
    inline script leaves when an extractor keeps one line of it. A warning: a programming article
    quotes code on purpose.

    Fails::

        Council Approves New Cycle Lanes
        (blank line)
        var adSlot = googletag.defineSlot('/1234/news', [300, 250]); googletag.cmd.push(function() { googletag.display(adSlot); });

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan; work starts in May {weather permitting}.

    Fix: deletes the paragraph. Unsafe: in an article about programming the code may be content.
    """

    code = "NL322"
    name = "css-js-residue"
    severity = "warning"
    fixable = True
    options = {"min-signals": 2, "max-statement-chars": 300}

    def check(self, article: Article) -> Iterator[Problem]:
        need = self.opts["min-signals"]
        for p in article.paragraphs:
            text = p.text
            if "{" not in text and "=" not in text and ");" not in text:
                continue  # every signal but one needs a brace or an equals sign; trackers call "(...);"
            tracker = _TRACKERS.search(text)
            signals = len(_SIGNALS.findall(text))
            if tracker is None and signals < need and not (
                len(text) <= self.opts["max-statement-chars"] and _STATEMENT.match(text.strip())
            ):
                continue
            what = f"tracking or ad script ({tracker.group().rstrip('(.')})" if tracker else "script or style sheet"
            here = where(article, p.index)
            yield self.at_paragraph(
                article, p.index, f"{what} left in the text",
                fix=Fix(f"delete {here}, code extracted from the page", (Edit("delete_paragraph", paragraph=p.index),), "unsafe"),
            )


RULES = [CssJsResidue]
