"""NL315 author-bio: the author's biography glued to the end of the body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import where
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix
from newslint.lazy import LazyPattern

_SPLIT = LazyPattern(r"\s*(?:[,;&/|]|\b(?:and|und|et|y|e|en|og|och)\b)\s*", re.IGNORECASE)
#: the verbs that open a note about a writer ("Anna Berg is ...", "... covers", "... schreibt"),
#: in the corpus's languages: a paragraph where the name is followed by any other word ("said",
#: "told", a list of names) is not a bio
_BIO_VERBS = frozenset("""
    is was has covers writes reports joined lives edits
    ist war schreibt berichtet arbeitet lebt
    est était écrit couvre travaille vit
    es era escribe cubre trabaja vive
    è era scrive lavora vive
    é era escreve cobre trabalha vive
    is was schrijft werkt woont
""".split())
_BY = LazyPattern(r"^(?:by|von|par|por|door|di)\s+", re.IGNORECASE)


def author_names(byline: str | None) -> list[str]:
    """The people a byline names, each of two to four capitalised words ("Anna Berg")."""
    if not byline:
        return []
    out = []
    for part in _SPLIT.split(_BY.sub("", byline.strip())):
        words = part.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words):
            out.append(" ".join(words))
    return out


def _name_line(text: str) -> str | None:
    """The name a line holds when it is nothing but a name (two to four capitalised words)."""
    if len(text) >= 80 or not 2 <= len(text.split(None, 4)) <= 4:
        return None
    name = " ".join(text.split())
    return name if author_names(name) == [name] else None


def _profiles(paragraphs) -> int:
    """How many times a line that is only a name is followed by a paragraph opening with it: more
    than once is a series of profiles ("Meet the candidates"), not one author box."""
    count = 0
    for a, b in zip(paragraphs, paragraphs[1:]):
        name = _name_line(a.text)
        if name is not None and b.text.startswith(name + " "):
            count += 1
    return count


class AuthorBio(Rule):
    """The author's biography glued to the end of the body.

    Many sites print a short note about the writer under the story ("Anna Berg is a transport
    reporter at the Daily Courier. She previously covered ..."), and extractors keep it as the last
    paragraph. The rule looks at the last ``edge`` paragraphs and flags one of at most ``max-words``
    words that starts with the full name of a person the byline field names, followed by a verb
    that opens a note about a writer ("is", "covers", "writes", "ist", "écrit", "escribe" and the
    like): "Anna Berg told the meeting ..." is the author's namesake quoted, not a bio. A quote or
    a sentence that names the author later in the paragraph passes. Without a byline field the
    name is taken from an author box: a line that is nothing but a name (two to four capitalised
    words) just before the note ("Anna Berg" / "Anna Berg is the transport reporter ..."), unless
    the body has several such pairs (a series of profiles); a body without either has no name to
    compare with and passes.

    Fails::

        {"title": "Council Approves New Cycle Lanes", "byline": "Anna Berg", "text": "The council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon.\\n\\nAnna Berg is the transport reporter of the Daily Courier. She lives in the city with her family."}

    Passes::

        {"title": "Council Approves New Cycle Lanes", "byline": "Anna Berg", "text": "The council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon.\\n\\nWork on the first lane starts in May, the transport office said."}

    Fix: deletes the paragraph. Unsafe: an article about its own author (an obituary, a farewell
    column) can start its last paragraph with the name.
    """

    code = "NL315"
    name = "author-bio"
    severity = "warning"
    fixable = True
    options = {"edge": 2, "max-words": 90}

    def check(self, article: Article) -> Iterator[Problem]:
        paragraphs = article.paragraphs
        if len(paragraphs) < 2:
            return
        names = author_names(article.byline)
        if not names:
            # an author box: the writer's name on a line of its own, just before the note
            start = max(0, len(paragraphs) - self.opts["edge"] - 1)
            names = [n for n in map(_name_line, (p.text for p in paragraphs[start:-1])) if n is not None]
            if not names or _profiles(paragraphs) > 1:
                return
        keys = [n.casefold() for n in names]
        for p in paragraphs[max(1, len(paragraphs) - self.opts["edge"]):]:
            text = " ".join(p.text.split())
            folded = text.casefold()
            n_words = len(text.split())
            for key, name in zip(keys, names):
                if folded.startswith(key) and n_words > len(name.split()) + 2 and n_words <= self.opts["max-words"]:
                    after = folded[len(key):len(key) + 1]
                    if after and after.isalnum():
                        continue  # "Anna Bergman", not "Anna Berg"
                    rest = folded[len(key):].split()
                    if not rest or rest[0].strip(".,:;") not in _BIO_VERBS:
                        continue  # "Anna Berg told the meeting ...": the author's namesake as a source
                    here = where(article, p.index)
                    yield self.at_paragraph(
                        article, p.index, f"author bio at the end of the body: '{text[:70]}'",
                        suggestion=f"delete {here}; a note about the writer is not article text",
                        fix=Fix(f"delete {here}, the author's bio", (Edit("delete_paragraph", paragraph=p.index),), "unsafe"),
                    )
                    break


RULES = [AuthorBio]
