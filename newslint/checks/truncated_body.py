"""NL324 truncated-body, NL325 unfinished-ending: a body that stops before the article does."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._endings import function_word, open_ending
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule, shorten

#: a "read on" link or an editorial cut marker at the very end of the body
_READ_ON = re.compile(
    r"(?:\b(?:continue reading|keep reading|read more|read the (?:full|whole|rest of the) (?:story|article)|"
    r"click here to (?:read|continue)|weiterlesen|mehr lesen|lire la suite|leer más|sigue leyendo|"
    r"continua a leggere|leggi tutto|lees verder|les mer|läs mer)\b|\[\s*(?:…|\.\.\.)\s*\]|\(\s*(?:…|\.\.\.)\s*\))"
    r"[\s.…:»>›→)\]]*$",
    re.IGNORECASE,
)
#: whole-paragraph page furniture that NL302 reports; it does not mean the body was cut
_FURNITURE = LazyPattern(r"^\W*continue reading (?:the main story|below|the article)\W*$", re.IGNORECASE)
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
#: the end of a sentence cut off in the middle: a lower-case Latin word, or a comma
_MID_SENTENCE = re.compile(r"(?:(?<![\w@./-])[a-zà-öø-ÿ][a-zà-öø-ÿ'’-]*|,)$")
#: the characters of _MID_SENTENCE's word: a match lies in the run of them that ends the text
_WORD_CHARS = "".join(map(chr, [*range(0x61, 0x7B), *range(0xE0, 0xF7), *range(0xF8, 0x100)])) + "'’-"


def _ends_mid_sentence(text: str) -> bool:
    """``_MID_SENTENCE.search(text)``, searched from where the run of word characters ending the text
    starts (one character before, for the comma): searched from every character of a long run of
    them, the pattern scanned the rest of the run again from each (a 100 KB paragraph took 27 s)."""
    body = text[:-1] if text.endswith("\n") else text  # "$" matches before a final line feed too
    start = len(body.rstrip(_WORD_CHARS))
    return _MID_SENTENCE.search(text, max(0, start - 1)) is not None
def _last(article: Article) -> int | None:
    return article.paragraphs[-1].index if article.paragraphs else None


class TruncatedBody(Rule):
    """The body ends with a "Continue reading" / "Read more" link or an editorial cut marker.

    A scrape of a teaser page, a feed item or a paywalled article stops where the page offered a
    link to the rest of the story: the last paragraph ends in "Continue reading", "Read more",
    "Weiterlesen", "Lire la suite", or in a "[…]" cut marker. The record holds only the start of
    the article. A paragraph that is nothing but "Continue reading the main story" is page
    furniture in the middle of a complete article (NL302), not a cut.

    Fails::

        Budget Talks Stall Over Pension Plan
        (blank line)
        Ministers failed to agree on the pension reform late on Monday, leaving ... Continue reading

    Passes::

        Budget Talks Stall Over Pension Plan
        (blank line)
        Ministers failed to agree on the pension reform late on Monday. Talks resume on Friday.

    Fix: none; the full article has to be scraped again.
    """

    code = "NL324"
    name = "truncated-body"
    severity = "error"

    def check(self, article: Article) -> Iterator[Problem]:
        i = _last(article)
        if i is None:
            return
        text = article.paragraphs[i].text
        m = _READ_ON.search(text)
        if m is None or _FURNITURE.match(text):
            return
        yield self.at_paragraph(
            article, i, f"truncated body: the text ends with '{m.group().strip()}'",
            suggestion="scrape the full article again; the record holds only its start",
        )


class UnfinishedEnding(Rule):
    """The body ends in an ellipsis or in the middle of a sentence.

    A body cut at a character limit ends in "…" or "...", or stops in the middle of a sentence
    with a lower-case word or a comma. Writers sometimes end on an ellipsis, and sign-offs or
    bios end without a full stop, so this is a warning and the mid-sentence test needs a last
    paragraph of at least ``min-words`` words that ends in a lower-case Latin letter or a comma.
    A last paragraph that stops on a function word with no punctuation after it ("... said the",
    "... in order to", "... (at", "... isn't") is cut whatever its length, from
    ``min-function-words`` words on: no sentence, heading or sign-off ends on "the" or "to". So
    is a last paragraph of at least ``min-colon-words`` words ending in a colon: the list, quote or
    gallery it announced was not extracted.

    What the rule sees beyond that is the shape of the end. A finished paragraph, in any
    language, ends on the punctuation of a sentence (maybe with a closing quote or bracket after
    it) or is a line of another kind: a list, credit, address, heading or caption line. From
    ``min-open-words`` words on, a last paragraph whose last sentence stops on a letter, digit,
    percent sign, semicolon or a comma inside a closing quote is cut, unless that sentence is a
    list, credit or address line (a colon, bar, "@" or slash in it) or ends on a name after a
    credit or an attribution ("... by Anna Berg", "... said the union leader Jane Roe") or holds
    capitalised words only; a sentence with lower-case words that simply stops on a name
    ("Instead, the party leader Anna") is cut. So is a paragraph of half that length that
    ends on the first one or two capitalised words of a new sentence after a full one ("... the
    deputy mayor said. After"), and one whose last quotation mark opens a quote that is never
    closed ('... in three colours: "Ocean').

    A shorter last line, in a body of three paragraphs or more, is reported as a fragment (a
    sentence cut short or a label of the page) when it ends in lower case, on a lower-case
    article and a capitalised word ("... gegen das Urteil"), on a lone separator ("Evening Courier
    /"), when it opens with a capitalised conjunction ("But Brussels"), when it has two words
    or more in lower case that are not function words and stops on a capitalised word or a
    number with no credit in it ("Dutch cyclist and teacher Anna Berg"), or when, in a
    script with spaces but without case (Devanagari, Arabic), it has five words or more and ends
    on a letter. A heading in title case, a list of names, a list entry with a bullet, a credit
    line and an agency code ("DM", "AFP") pass, and so does a short last line in which the page
    speaks as itself ("Visit our sister sites", "Loading... Please wait..."): NL333 reports it.

    Fails::

        Budget Talks Stall Over Pension Plan
        (blank line)
        Ministers failed to agree on the pension reform late on Monday, and the finance minister said the coalition would need to find savings of at least four billion euros before the

    Passes::

        Budget Talks Stall Over Pension Plan
        (blank line)
        Ministers failed to agree on the pension reform late on Monday, and the finance minister said the coalition would need to find savings of at least four billion euros.

    Fix: none; check the source and scrape the article again if it was cut.
    """

    code = "NL325"
    name = "unfinished-ending"
    severity = "warning"
    options = {"min-words": 20, "min-function-words": 2, "min-open-words": 12, "min-colon-words": 5}

    def check(self, article: Article) -> Iterator[Problem]:
        i = _last(article)
        if i is None:
            return
        text = article.paragraphs[i].text.rstrip()
        if _READ_ON.search(text):
            return  # NL324
        if _ELLIPSIS.search(text):
            if not _site_prompt(article, i):  # "Loading... Please wait..." is NL333's
                yield self.at_paragraph(article, i, "the body ends in an ellipsis: it may have been cut",
                                        suggestion="compare with the source page; scrape again if the text was cut")
        elif (_ends_mid_sentence(text) and len(text.split()) >= self.opts["min-words"]) or (
            (function_word(text.split()[-1], any_case=True) or text.endswith(","))
            and len(text.split()) >= self.opts["min-function-words"]
        ) or open_ending(text, len(article.paragraphs), self.opts["min-open-words"], short=False):
            last = text.split()[-1]
            yield self.at_paragraph(article, i, f"the body ends mid-sentence ('... {last}'): it may have been cut",
                                    suggestion="compare with the source page; scrape again if the text was cut")
        elif (open_ending(text, len(article.paragraphs), self.opts["min-open-words"]) and not _FURNITURE.match(text)
              and not _site_prompt(article, i)):
            yield self.at_paragraph(article, i, f"the body ends on a fragment ('{shorten(text, 40)}'): "
                                    "a sentence cut short or a label of the page",
                                    suggestion="compare with the source page: scrape again if the text was cut, "
                                    "delete the line if it is a page label")
        elif text.endswith(":") and len(text.split()) >= self.opts["min-colon-words"]:
            yield self.at_paragraph(article, i, f"the body ends on a colon ('... {text.split()[-1]}'): "
                                    "what it introduced (a list, a quote, a gallery) is missing",
                                    suggestion="compare with the source page; scrape again if the text was cut")


def _site_prompt(article: Article, index: int) -> bool:
    """NL333's prompt in the site's voice ("Visit our sister sites"): not a cut paragraph."""
    from newslint.checks.reader_prompt import site_prompt

    return site_prompt(article, index)


RULES = [TruncatedBody, UnfinishedEnding]
