"""NL326 template-placeholder: template variables and filler text published as article text."""

from __future__ import annotations

import re
from collections.abc import Iterator

import re2

from newslint.article import Article
from newslint.checks._text import problem_at, text_units
from newslint.checks.html_residue import has_markup
from newslint.checks.code_residue import _SIGNALS
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule

PLACEHOLDER_RE = LazyPattern(
    r"\{\{\s*[\w.|:'\" -]{1,60}?\s*\}\}"  # {{ headline }}, {{ author.name | upper }}
    r"|\{%\s*[^%{}]{1,60}?%\}"  # {% if premium %}
    r"|\$\{\s*[A-Za-z_][\w.]{0,40}\s*\}"  # ${author}
    r"|<%=?\s*[^%<>]{1,60}?%>"  # <%= title %>
    r"|%%[A-Z][A-Z0-9_]{2,30}%%"  # %%BYLINE%%
    r"|\[\[\s*[A-Z][A-Z0-9_ ]{2,30}\s*\]\]"  # [[PULL QUOTE]]
    r"|\b(?:INSERT|ADD) (?:[A-Z]+ ){0,3}HERE\b"
    r"|\bTK ?TK\b"  # newsroom shorthand for "to come"
    r"|\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipiscing elit\b",
    re.IGNORECASE,
)
#: every placeholder holds one of these: a cheap test before the regular expression
_TRIGGERS = ("{{", "{%", "${", "<%", "%%", "[[", "HERE", "TK", "orem ipsum", "OREM IPSUM", "dolor sit", "adipiscing")
#: the same test in one pass (RE2 searches literal alternatives with a DFA, not one scan each)
_ANY_TRIGGER = re2.compile("|".join(re2.escape(t) for t in _TRIGGERS))
_LITERAL_UPPER = LazyPattern(r"\b(?:INSERT|ADD) (?:[A-Z]+ ){0,3}HERE\b|\bTK ?TK\b")


class TemplatePlaceholder(Rule):
    """A template placeholder or filler text published as article text.

    Content systems and scraper templates leave their variables in the output when a field is
    missing (``{{ author }}``, ``${headline}``, ``%%BYLINE%%``), and page mock-ups carry "Lorem
    ipsum" filler or "INSERT QUOTE HERE" notes. Title, summary, byline and body are checked.
    "INSERT ... HERE" and the newsroom's "TK TK" count only in capitals; a bracketed "[insert your
    name here]" is left alone, as writers use it as a joke. A placeholder inside quoted HTML or
    code (a programming tutorial) is not flagged: NL320 and NL322 report that text.

    Fails::

        {{ headline }}
        (blank line)
        Lorem ipsum dolor sit amet, consectetur adipiscing elit.

    Passes::

        Council Approves New Cycle Lanes
        (blank line)
        The council voted 9 to 4 for the plan on Tuesday.

    Fix: none; the missing value has to come from the source.
    """

    code = "NL326"
    name = "template-placeholder"
    severity = "error"

    def check(self, article: Article) -> Iterator[Problem]:
        if not _ANY_TRIGGER.search(article.all_text):
            return
        for fld, index, text in text_units(article):
            if not any(t in text for t in _TRIGGERS) or not PLACEHOLDER_RE.search(text):
                continue
            if has_markup(text) or len(_SIGNALS.findall(text)) >= 2:
                continue  # quoted markup or code, as in a programming tutorial (NL320, NL322)
            for m in PLACEHOLDER_RE.finditer(text):
                found = m.group()
                if found[:1].isalpha() and found.upper().startswith(("INSERT", "ADD", "TK")) and not _LITERAL_UPPER.fullmatch(found):
                    continue
                yield problem_at(article, fld, index, f"template placeholder or filler text: '{found}'",
                                 suggestion="fill in the missing value from the source, or drop the record")
                break


RULES = [TemplatePlaceholder]
