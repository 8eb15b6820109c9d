"""NL324 truncated-body, NL325 unfinished-ending: a body that stops before the article does."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import NO_SPACE_SCRIPT
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
#: words no sentence ends on: articles, prepositions, conjunctions (a text cut at a length limit
#: stops on one of them as often as on any other word)
FUNCTION_WORDS = frozenset("""
a an the of to in on at for with from by and or but nor that which who whose whom than as if its his her their our
your my this these those is are was were be been has have had will would can could should into onto about over
der die das den dem des ein eine einen einem einer und oder aber mit von zu zum zur im auf für bei aus nach als wie
le la les un une des du de et ou au aux en pour par sur dans avec que qui
el los las una y o del con por para que en
il lo gli di da nel nella con per che
het een van en op met voor dat
""".split())


#: articles: a sentence does not end on one, and a lower-case one before a capitalised last word
#: ("... nach einem Urteil der Richter", "... voted for the Plan") is a noun phrase the cut left open
DETERMINERS = frozenset("""
the a an der die das den dem des ein eine einen einem einer le la les un une el los las una il lo gli het een
""".split())
_CLOSING_QUOTES = "\"'”’»“"


def _short_last_sentence(words: list[str]) -> list[str] | None:
    """The last one or two words of ``words`` when they follow a full sentence that ends after a
    lower-case word of three letters or more (not an abbreviation such as "Dr." or "U.S.") or
    with a closing quote: the first words of a new sentence and nothing else."""
    for k in (1, 2):
        if len(words) <= k:
            return None
        prev = words[-k - 1]
        core = prev.rstrip(_CLOSING_QUOTES)
        if core.endswith((".", "!", "?", "…")):
            word = core.rstrip(".!?…")
            if len(core) < len(prev) or (len(word) >= 3 and word.isalpha() and word.islower()):
                return words[-k:]
            return None
    return None


def _function_word(word: str, any_case: bool = False) -> bool:
    """A function word in lower case, or a dangling "By" / "Von" (a byline label without a name).
    With ``any_case`` a capitalised function word of two letters or more counts too ("... after
    The"); a lone capital ("Group A", "vitamin A") or a word in capitals ("9 p.m. ET") is a name."""
    if any_case and len(word) > 1 and word[0].isupper() and word[1:].islower():
        word = word.casefold()
    return word in FUNCTION_WORDS or word.casefold() in ("by", "von", "par", "por", "door")


#: where a sentence ends inside a paragraph (the text after the last one is the sentence the
#: paragraph stops in)
_SENTENCE_END = LazyPattern(r"[.!?。！？…।]")
#: characters no sentence ends on: a letter or digit of any script, a comma, a dash
_OPEN_PUNCT = frozenset(",-–—(")
#: what a list, credit, address or menu line holds; such a line ends without a full stop by design
_LIST_MARKS = (":", "：", "|", "｜", "@", "--", "/", "*", "#")


def _words(text: str) -> int:
    n = len(text.split())
    # in scripts written without spaces a word is counted at two characters
    return max(n, len(NO_SPACE_SCRIPT.findall(text)) // 2) if NO_SPACE_SCRIPT.search(text) else n


def open_ending(text: str, paragraphs: int, min_words: int, short: bool = True) -> bool:
    """Whether ``text``, the last paragraph of a body of ``paragraphs`` paragraphs, stops inside a
    sentence in a way no sentence, credit or label does.

    Either the paragraph has at least ``min_words`` words and ends on a letter, digit, comma or
    dash of any script, after a last sentence of at least three words that is not a list, credit
    or address (a colon, bar, "@" or slash in it) and does not end on two capitalised words (a
    name: "... said Anna Berg"), or after a full sentence that ends on a lower-case word (not an
    abbreviation: "Dr.", "U.S.") or a closing quote and is followed by only the first one or two
    capitalised words of the next ("... the mayor said. After"; a word in capitals, an agency
    code, is left alone); or it is a line (usually a short one) of two words or more, in a body
    of at least three paragraphs, with no list marks, whose last word is written in lower case
    in a script that has case ("The council said the", "Der chinesische") or is a capitalised
    word right after a lower-case article ("Die Stadt klagt gegen das Urteil", "... for the
    Plan"): a noun phrase no sentence ends on without a full stop. A heading or a name ends on a
    capital or a digit; a short line ending in lower case is a cut sentence or a page label
    ("The editors recommend"): either way not the end of the article. ``short=False`` asks only
    about the first case.
    """
    last = text[-1]
    if not (unicodedata.category(last)[0] in "LN" or last in _OPEN_PUNCT):
        return False
    words = text.split()
    if _words(text) >= min_words:
        tail = text
        for m in _SENTENCE_END.finditer(text):
            tail = text[m.end():]
        tail_words = tail.split()
        if _words(tail) >= 3 and not any(mark in tail for mark in _LIST_MARKS) and not (
            len(tail_words) >= 2 and tail_words[-1][:1].isupper() and tail_words[-2][:1].isupper()
        ):
            return True
        # a new sentence begun and cut after one or two words: "... sagte sie. Danach", "... open. The"
        begun = _short_last_sentence(words)
        if begun is not None and begun[0][:1].isupper() and not any(
            mark in w for w in begun for mark in _LIST_MARKS
        ) and not any(len(w) > 1 and w.isupper() for w in begun):
            return True
    if not short or paragraphs < 3 or len(words) < 2 or any(mark in text for mark in _LIST_MARKS):
        return False
    if last.isalpha() and last.islower() and words[-1][:1].islower():
        return True
    # an article and a capitalised word: a noun phrase left open ("... der Richter", "... a New")
    return len(words) >= 3 and words[-2] in DETERMINERS and words[-1][:1].isupper() and not words[-1].isupper()


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
    "... in order to") is cut whatever its length, from ``min-function-words`` words on: no
    sentence, heading or sign-off ends on "the" or "to". So is a last paragraph of at least
    ``min-colon-words`` words ending in a colon: the list, quote or gallery it announced was not extracted.
    From ``min-open-words`` words on, a last paragraph whose last sentence stops on a letter or
    digit is cut too (unless it is a list, credit or address line, or ends on a name), and so is
    one that ends on the first one or two capitalised words of a new sentence after a full one
    ("... the deputy mayor said. After"). A shorter last line, in a body of three paragraphs or
    more, that ends in lower case or on a lower-case article and a capitalised word ("... gegen
    das Urteil") is reported as a fragment: a sentence cut short or a label of the page.

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
            yield self.at_paragraph(article, i, "the body ends in an ellipsis: it may have been cut",
                                    suggestion="compare with the source page; scrape again if the text was cut")
        elif (_MID_SENTENCE.search(text) and len(text.split()) >= self.opts["min-words"]) or (
            (_function_word(text.split()[-1], any_case=True) or text.endswith(","))
            and len(text.split()) >= self.opts["min-function-words"]
        ) or open_ending(text, len(article.paragraphs), self.opts["min-open-words"], short=False):
            last = text.split()[-1]
            yield self.at_paragraph(article, i, f"the body ends mid-sentence ('... {last}'): it may have been cut",
                                    suggestion="compare with the source page; scrape again if the text was cut")
        elif open_ending(text, len(article.paragraphs), self.opts["min-open-words"]) and not _FURNITURE.match(text):
            yield self.at_paragraph(article, i, f"the body ends on a fragment ('{shorten(text, 40)}'): "
                                    "a sentence cut short or a label of the page",
                                    suggestion="compare with the source page: scrape again if the text was cut, "
                                    "delete the line if it is a page label")
        elif text.endswith(":") and len(text.split()) >= self.opts["min-colon-words"]:
            yield self.at_paragraph(article, i, f"the body ends on a colon ('... {text.split()[-1]}'): "
                                    "what it introduced (a list, a quote, a gallery) is missing",
                                    suggestion="compare with the source page; scrape again if the text was cut")


RULES = [TruncatedBody, UnfinishedEnding]
