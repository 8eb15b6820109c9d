"""How the end of a paragraph looks: the shape tests that NL325 (a body that stops mid-sentence)
and the rules about the lines around the body (NL316, NL332, NL333) share: function words, and
whether a line ends the way a cut sentence does (:func:`open_ending`)."""

from __future__ import annotations

import re
import unicodedata

from newslint.checks._common import NO_SPACE_SCRIPT
from newslint.lazy import LazyPattern


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
    """The last one or two words of ``words`` when they follow a full sentence and are the first
    words of a new one and nothing else. The full sentence ends after a closing quote, a lower-case
    word of three letters or more, a word in capitals of four letters or more ("... NOT AGAIN.
    We") or a capitalised word of six letters or more ("... sagte Bürgermeisterin Lehmann. Sie"):
    not after an abbreviation ("Dr.", "U.S.", "Calif.", "AFP.") or a number ("am 15. Mai")."""
    for k in (1, 2):
        if len(words) <= k:
            return None
        prev = words[-k - 1]
        core = prev.rstrip(_CLOSING_QUOTES)
        if core.endswith((".", "!", "?", "…")):
            word = core.rstrip(".!?…")
            if len(core) < len(prev) or (word.isalpha() and (
                (len(word) >= 3 and word.islower()) or (len(word) >= 4 and word.isupper())
                or (len(word) >= 6 and word[0].isupper() and word[1:].islower())
            )):
                return words[-k:]
            return None
    return None


def function_word(word: str, any_case: bool = False) -> bool:
    """A function word in lower case, or a dangling "By" / "Von" (a byline label without a name).
    With ``any_case`` a capitalised function word of two letters or more counts too ("... after
    The"); a lone capital ("Group A", "vitamin A") or a word in capitals ("9 p.m. ET") is a name.
    A negated auxiliary ("isn't", "won't") is a function word too. An opening quote or bracket glued
    to the word is not part of it ("(at", 'said:"If')."""
    word = _opened(word)
    if any_case and len(word) > 1 and word[0].isupper() and word[1:].islower():
        word = word.casefold()
    return (word in FUNCTION_WORDS or word.casefold() in ("by", "von", "par", "por", "door")
            or (word.islower() and word.endswith(("n't", "n’t"))))


#: an opening quote or bracket and what comes before it in the same word (a quote or an
#: aside opened and never closed)
_OPENED = re.compile(r"^.*[\"“„«‹(\[]")


def _opened(word: str) -> str:
    """``word`` without an opening quote or bracket glued to its start ("(at", "'fit", 'said:"If')."""
    return _OPENED.sub("", word).lstrip("'‘")


#: a credit or an attribution before a name: "Reporting by Anna Berg", "Ein Kommentar von Anna
#: Berg", "With files from The Canadian Press", "... said the union leader Jane Roe"
CREDIT_WORDS = frozenset("""
by von par por door from with via courtesy reporting editing said says told wrote sagte sagt dit dijo
""".split())


def _credit(words: list[str], last: int = 6) -> bool:
    """Whether one of the ``last`` words is a credit word ("by", "von", "from", "said") followed
    by a capitalised word: the line or sentence ends on a credit, a sign-off or an attribution,
    which may end on a name."""
    for i in range(max(len(words) - last, 0), len(words) - 1):
        if words[i].casefold().strip(",;") in CREDIT_WORDS and any(x[:1].isupper() for x in words[i + 1:]):
            return True
    return False


#: a double quotation mark of any language
_QUOTE_MARK = re.compile(r"[\"“”„«»]")


def _open_quote(text: str) -> bool:
    """Whether the last quotation mark of ``text`` opens a quote (it stands after a space, a
    bracket, a colon or a dash, or at the start, and before a letter or digit): a quotation that
    is never closed."""
    for m in reversed(list(_QUOTE_MARK.finditer(text))):
        before = text[m.start() - 1] if m.start() else " "
        after = text[m.end()] if m.end() < len(text) else " "
        return (before.isspace() or before in "([:—–-") and after.isalnum()
    return False


#: where a sentence ends inside a paragraph (the text after the last one is the sentence the
#: paragraph stops in): a full stop, question or exclamation mark before a space, a closing quote
#: or bracket (not the point of "1.9", "RELI.NS" or "www.example.com"), or the stops of scripts
#: that need no space after them
_SENTENCE_END = LazyPattern(r"[.!?…](?=[\s\"'“”‘’»«)\]]|$)|[。！？।]")
#: characters no sentence ends on: a letter or digit of any script, a comma, a semicolon, a dash,
#: a percent sign
_OPEN_PUNCT = frozenset(",;-–—(%")
#: personal pronouns, which a heading or a call to action in title case writes in lower case
#: ("Follow us on Twitter", "Meet the Team Behind It")
PRONOUNS = frozenset("i me you he him she it we us they them sie es wir uns ihr".split())
#: coordinating conjunctions that open a sentence, capitalised: no heading, credit or name starts so
CONJUNCTIONS = frozenset("But And Yet Aber Und Doch Mais Pero Ma Maar Men".split())
#: a word, a space and a lone separator at the very end: a credit line cut after it
_CUT_AT_SEPARATOR = re.compile(r"\w\s+[/|]$")


def _lower_words(words: list[str]) -> int:
    """How many of ``words`` are written in lower case and are not function words or pronouns:
    a sentence has them ("teacher", "hatte"), a heading in title case, a list of names or a
    call to action does not ("How to Fix Them", "Anna Berg and Tom Li", "Follow us on Twitter")."""
    return sum(1 for w in words if w[:1].islower() and not function_word(w.strip(",;"))
               and w.strip(",;") not in PRONOUNS)


#: how an entry of a list of links starts
_BULLETS = tuple("•·-–—*►▸›>")
#: a short line: the longest a heading or a caption line runs, in words
_SHORT_LINE = 12
#: what a list, credit, address or menu line holds; such a line ends without a full stop by design
_LIST_MARKS = (":", "：", "|", "｜", "@", "--", "/", "*", "#")


def _words(text: str) -> int:
    n = len(text.split())
    # in scripts written without spaces a word is counted at two characters
    return max(n, len(NO_SPACE_SCRIPT.findall(text)) // 2) if NO_SPACE_SCRIPT.search(text) else n


def open_ending(text: str, paragraphs: int, min_words: int, short: bool = True) -> bool:
    """Whether ``text``, the last paragraph of a body of ``paragraphs`` paragraphs, stops inside a
    sentence in a way no sentence, credit or label does.

    A finished paragraph ends on the punctuation of a sentence, maybe with a closing quote or
    bracket after it, or it is a line of another kind: a list, credit, address or heading line. So
    the paragraph is cut when it ends on a letter, digit, percent sign, comma, semicolon or dash
    of any script (a closing quote after a comma or a letter counts as the same: '... it was over,"')
    and either:

    * it has at least ``min_words`` words, after a last sentence of at least three words that is
      not a list, credit or address (a colon, bar, "@" or slash in it) and does not end on two
      capitalised words after a credit or an attribution ("... by Anna Berg", "... said the union
      leader Jane Roe"), or on capitalised words only; a sentence with lower-case words that
      simply stops on a name ("Instead, the party leader Anna", "... für weitere 20 Millionen Euro")
      is cut;
    * or it ends, from ``min_words // 2`` words on, after a full sentence (ending on a lower-case
      word, a closing quote, a word in capitals or a long capitalised word, not on an
      abbreviation such as "Dr.", "U.S." or a number) followed by only the first one or two
      capitalised words of the next ("... the mayor said. After"; a word in capitals, an agency
      code, is left alone);
    * or it has three words or more and its last quotation mark opens a quote that is never
      closed ('... in three colours: "Ocean').

    Otherwise (``short``), a line, usually a short one, in a body of at least three paragraphs
    is a fragment when it ends on a lone separator ("Evening Courier /"), opens with a
    capitalised conjunction ("But Brussels"), or, with no list marks, when its last word is
    written in lower case in a script that has case ("The council said the", "Der chinesische",
    "... 'too"), when it is a capitalised word right after a lower-case article ("Die Stadt
    klagt gegen das Urteil", "... for the Plan"), when a line of four to eleven words with at
    least two words in lower case that are not function words, and no credit, bullet or agency
    code, stops on a capitalised word or a number ("Dutch cyclist and teacher Anna Berg", "Die
    Stadt hatte ihre Pläne 2019"), or when a line of five words or more in a script with spaces
    but without case (Devanagari, Arabic) ends on a letter. A line with a single colon is a
    fragment only when a sentence in lower case of four words or more follows the colon ("Anna:
    My first week on the job"). These are sentence forms no heading or name has: a heading or
    a name ends on a capital or a digit and has at most one word in lower case besides function
    words ("Mehr zum Thema Radverkehr", "How to Fix Them"); a short line ending in lower case is
    a cut sentence or a page label ("The editors recommend"): either way not the end of the
    article. ``short=False`` asks only about the first cases.
    """
    if short and paragraphs >= 3 and _CUT_AT_SEPARATOR.search(text) and sum(text.count(c) for c in "/|") == 1:
        return True  # a credit line cut after its separator: "Evening Courier /"
    inner = text.rstrip(_CLOSING_QUOTES) or text
    quoted = len(inner) < len(text)
    if quoted and inner[-1] == ",":
        return True  # a quotation whose attribution was cut: '... it was over,"'
    last = inner[-1]
    # a letter or digit of any script; a combining mark (a Devanagari vowel sign) belongs to the
    # letter before it
    if not (unicodedata.category(last)[0] in "LNM" or last in _OPEN_PUNCT):
        return False
    if quoted and not (last.isupper() or last.islower() or last.isdigit()):
        return False  # a quotation in a script without case (Thai writes no full stop)
    words = inner.split()
    n = _words(inner)
    if n >= min_words:
        end = 0  # where the last sentence end is (sliced once: slicing at each copied the rest each time)
        for m in _SENTENCE_END.finditer(inner):
            end = m.end()
        tail = inner[end:]
        tail_words = tail.split()
        if _words(tail) >= 3 and not any(mark in tail for mark in _LIST_MARKS) and not (
            len(tail_words) >= 2 and tail_words[-1][:1].isupper() and tail_words[-2][:1].isupper()
            and (_credit(tail_words) or _lower_words(tail_words) == 0)
        ):
            return True
    if quoted:
        return False  # a quoted title or a quotation closed without a full stop: only long ones
    if n >= max(min_words // 2, 2):
        # a new sentence begun and cut after one or two words: "... sagte sie. Danach", "... open. The"
        begun = _short_last_sentence(words)
        if begun is not None and begun[0][:1].isupper() and not any(
            mark in w for w in begun for mark in _LIST_MARKS
        ) and not any(len(w) > 1 and w.isupper() for w in begun):
            return True
    if len(words) >= 3 and _open_quote(inner):
        return True
    if not short or paragraphs < 3 or len(words) < 2:
        return False
    if words[0] in CONJUNCTIONS and words[-1][:1].isalnum():
        return True  # a sentence begun with "But" or "Aber", which no heading or credit is
    if any(mark in inner for mark in _LIST_MARKS):
        # a label and a sentence in lower case after it, stopped without a full stop: "Anna: My
        # first week on the job" (a list, credit or headline line has names, numbers or a full
        # stop there)
        after = inner.rsplit(":", 1)[-1].split() if inner.count(":") == 1 and not any(
            mark in inner for mark in _LIST_MARKS if mark != ":") else []
        return (len(after) >= 4 and after[-1].isalpha() and after[-1].islower()
                and _lower_words(after) >= 2 and sum(1 for w in after[1:] if w[:1].isupper()) <= 1
                and not any(c in inner for c in ".,;"))
    end = _opened(words[-1])
    if last.isalpha() and last.islower() and end[:1].islower():
        return True
    # in a script with spaces but without case (Devanagari, Arabic, Hebrew) every word is written
    # like a lower-case one: a line of five words or more ending on a letter is a sentence
    if len(words) >= 5 and unicodedata.category(last) in ("Lo", "Mc", "Mn") and not NO_SPACE_SCRIPT.search(inner):
        return True
    # an article and a capitalised word: a noun phrase left open ("... der Richter", "... a New")
    if len(words) >= 3 and words[-2] in DETERMINERS and words[-1][:1].isupper() and not words[-1].isupper():
        return True
    # a sentence stopped on a name or a number: two words in lower case that are not function
    # words (a heading in title case has only those: "How to Fix Them", "Follow us on Twitter"),
    # no credit, no list bullet, no agency code at the end
    return (4 <= len(words) < _SHORT_LINE and (words[-1][:1].isupper() or words[-1][:1].isdigit())
            and not words[-1].isupper() and not text.startswith(_BULLETS)
            and _lower_words(words) >= 2 and not _credit(words, len(words)))
