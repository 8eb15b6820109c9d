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

#: how a script or a style sheet opens: a comment, a self-calling function, a condition, a
#: declaration, a dotted name (or a plain one) assigned or called, a call that is handed a
#: function, a list or an object, or a CSS selector list followed by a brace. Prose opens with a
#: word and a space; only with the code tokens below counted too is the paragraph taken for code.
_CODE_OPENING = LazyPattern(
    r"""(?:/\*|//\s?\S|<!--|&\s?lt;\s?!--|!function\s*\(|\(\s*function\b|['"]use strict['"]|"""
    r"(?:if|for|while|switch)\s*\(|(?:var|let|const)\s+[\w$]+\s*=|function\s*[\w$]*\s*\(|"
    r"[\w$]+(?:\(\))?(?:\.[\w$]+)+\s*[=(]|[\w$]+\s*=\s*[\"'{\[\d]|[A-Za-z_$][\w$]*\((?:function\b|[\"'{\[)])|"
    r"(?P<css>[.#]?[A-Za-z][\w-]*(?:\[[^\]]{0,40}\])?(?:\s?[\s,>+~]\s?[.#]?[\w-]+(?:\[[^\]]{0,40}\])?|[.#:][\w-]+){0,8}\s?\{))"
)
#: tokens of code: braces, semicolons, an assignment, a quoted key followed by a colon, a name
#: called without a space before the bracket, a string escape
_CODE_TOKEN = LazyPattern(r"""[{};]|[^=!<>]=[^=]|["']\s*:|[\w$]\(|\\[nrtu"/]""")
#: a CSS declaration right after the opening brace of a rule: ``{ display: none``
_CSS_DECLARATION = LazyPattern(r"\s?-{0,2}[a-z][\w-]*\s?:\s?[^\s;{}]")


def opens_like_code(text: str, min_tokens: int = 4) -> bool:
    """Whether ``text`` opens as a script statement or a CSS rule does and carries code tokens:
    ``min_tokens`` or more in its first 300 characters, or a CSS declaration right after the
    selector's brace."""
    head = text[:300]
    m = _CODE_OPENING.match(head)
    if m is None:
        return False
    if m.group("css") is not None and _CSS_DECLARATION.match(head, m.end()):
        return True
    return len(_CODE_TOKEN.findall(head)) >= min_tokens


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
    inline script leaves when an extractor keeps one line of it. A paragraph is also flagged when
    it opens the way a script or a style sheet does (a comment, a self-calling function, a
    condition or declaration, a name assigned or called with a function, object or list, a CSS
    selector and a brace) and carries at least ``min-code-tokens`` code tokens (braces,
    semicolons, assignments, quoted keys followed by a colon, calls without a space before the
    bracket, string escapes) in its first 300 characters, or a CSS declaration right after the
    selector's brace (``.promo { display: none; }``): the inline script or style of a page whose
    end the extractor cut off, or whose statements are not the usual ones. That test leaves out a
    paragraph right after one ending in a colon: a listing the article introduces. A warning: a
    programming article quotes code on purpose.

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
    options = {"min-signals": 2, "max-statement-chars": 300, "min-code-tokens": 4}

    def check(self, article: Article) -> Iterator[Problem]:
        need = self.opts["min-signals"]
        paragraphs = article.paragraphs
        for n, p in enumerate(paragraphs):
            text = p.text
            if "{" not in text and "=" not in text and ");" not in text:
                continue  # every signal but one needs a brace or an equals sign; trackers call "(...);"
            tracker = _TRACKERS.search(text)
            signals = len(_SIGNALS.findall(text))
            if tracker is None and signals < need and not (
                len(text) <= self.opts["max-statement-chars"] and _STATEMENT.match(text.strip())
            ) and not (
                # a listing the article introduces ("... the route looks like this:") is quoted on purpose
                not (n and paragraphs[n - 1].text.rstrip().endswith(":"))
                and opens_like_code(text.lstrip(), self.opts["min-code-tokens"])
            ):
                continue
            what = f"tracking or ad script ({tracker.group().rstrip('(.')})" if tracker else "script or style sheet"
            here = where(article, p.index)
            yield self.at_paragraph(
                article, p.index, f"{what} left in the text",
                fix=Fix(f"delete {here}, code extracted from the page", (Edit("delete_paragraph", paragraph=p.index),), "unsafe"),
            )


RULES = [CssJsResidue]
