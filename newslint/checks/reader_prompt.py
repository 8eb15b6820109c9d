"""NL333 reader-prompt: a short line where the page speaks to its reader, unrelated to the story."""

from __future__ import annotations

import string
from collections.abc import Iterator

from newslint.article import Article
from newslint.checks._common import repeat_free_indices, where
from newslint.checks._endings import function_word, open_ending
from newslint.checks._story import speaks_of_story
from newslint.checks.edge_label import EdgeLabel
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule
from newslint.violation import Edit, Fix

#: the words by which a page speaks as itself: first-person plural possessives and "please", in
#: English, French, German, Spanish, Italian, Portuguese and Dutch
_SITE = frozenset("""
our ours please notre nos veuillez unser unsere unseren unserem unserer unseres bitte
nuestro nuestra nuestros nuestras nostro nostra nostri nostre nosso nossa nossos nossas onze
""".split())
#: the words by which it addresses its reader: second-person possessives. Only words that mean
#: nothing else: Spanish "su" and Portuguese "seu" are also "his" and "her", German "ihr" is also
#: "her" and "their" (its capitalised forms are below)
_READER = frozenset("""
your yours vous votre vos dein deine deinen deinem deiner usted ustedes tuo tua tuoi tue
vostro vostra vostri vostre você vocês uw jouw
""".split())
#: German's formal "you" and "your" are capitalised; inside a sentence "Sie" cannot be "she"
_FORMAL = frozenset("Sie Ihr Ihre Ihren Ihrem Ihrer Ihres".split())
#: what is stripped from either end of a piece of the line to read it as a word: ASCII and
#: typographic punctuation ("your,", "(please", "«notre")
_STRIP = "".join(sorted(set(string.punctuation) | set("“”„‟‘’‚‛«»‹›…–—¿¡·•‐‑")))
#: the punctuation of _STRIP to spaces, for :func:`may_speak`
_PUNCTUATION_TO_SPACE = str.maketrans(dict.fromkeys(_STRIP, " "))
#: every word of _SITE and _READER
_VOICES = _SITE | _READER
#: how a sentence ends
_SENTENCE_END = tuple(".!?。！？…")
#: what a quotation, a credit, an address, a figure or a list item holds: quote marks (an
#: apostrophe between two letters is not one: "you'll", "l'article"), brackets, figures, "@", a
#: slash, a bar, "©", a colon inside (a trailing colon is a heading's)
_NOT_A_PROMPT = LazyPattern(r"[\d\"“”„«»‹›「」『』\[\]【】()@/|｜©:：]|(?<!\w)['’‘‚]|['’‘‚](?!\w)")


def voice(words: list[str]) -> str | None:
    """How a line of these pieces (split on white space) speaks: "site" when the page speaks as
    itself (a word of _SITE), "reader" when it only addresses its reader (a word of _READER, or
    German's formal "Sie"/"Ihr..." after the first piece), else None. A piece is read as a word
    with the punctuation at either end stripped, in lower case."""
    reader = False
    for k, piece in enumerate(words):
        word = piece.strip(_STRIP)
        low = word.lower()
        if low in _SITE:
            return "site"
        reader = reader or low in _READER or (k > 0 and word in _FORMAL)
    return "reader" if reader else None


def may_speak(text: str) -> bool:
    """A necessary condition of :func:`voice` on ``text.split()``, at C speed: with every
    punctuation character of _STRIP made a space, the lower-cased text holds a word of the two
    sets, or the text holds "Sie" or "Ihr" (a piece :func:`voice` reads as a word is such a word
    of the lower-cased text, with its punctuation at the ends made spaces)."""
    return not _VOICES.isdisjoint(text.lower().translate(_PUNCTUATION_TO_SPACE).split()) or "Sie" in text or "Ihr" in text


class ReaderPrompt(Rule):
    """A short line where the page speaks to its reader about the page, not about the story.

    Pages talk to their readers around the article: a newsletter box ("Get our newsletter"), a
    form's field or its error ("Enter your email address", "Please try again"), a sharing
    widget's message, a prompt to install an app or to follow the site, a link to the site's
    other titles ("Visit our sister sites"), a notice that a video is not available in "your"
    region. Extractors leave these lines in the body, anywhere. News text itself rarely addresses
    its reader in a line of its own that shares nothing with the story: when it does, it is in a
    quotation, or its words are the story's.

    The rule flags a paragraph of two to ``max-words`` words (at most ``max-chars`` characters)
    that

    * speaks as the site, with a first-person plural possessive ("our", "notre", "unsere") or
      "please" ("bitte", "veuillez"), or addresses the reader, with a second-person possessive
      ("your", "votre", "Ihre"), in English, French, German, Spanish, Italian, Portuguese or
      Dutch; German's capitalised "Sie" inside the line counts, since it is "you" there. Between
      other paragraphs, a sentence that only addresses the reader ("Choose your words wisely.",
      "Check your tyres.") may be the article's own advice and passes: there the page's voice
      ("our", "please") or a line without a sentence's end ("Enter your email address") is
      needed;
    * is not a quotation, a credit, an address or a figure: no quote marks, brackets, figures,
      "@", slash, bar, "©" or colon inside it, and it does not start in lower case (what a cut
      left of a sentence does);
    * between other paragraphs, is not written in title case: a subheading may address the reader
      ("How to Protect Your Home"), a page's prompt seldom capitalises every word;
    * does not speak of the story: it shares no word (four letters or more, not a function word,
      compared by their first five letters) with the title, fewer than two of its words with the
      other paragraphs, and fewer than half of them with two other paragraphs or more (NL332's
      test).

    A line holding a phrase of a rule pack is left to that pack's rule ("Sign up for our
    newsletter" is NL306's); a first or last line that NL332 reports as a label of the page, to
    NL332; a last line stopping on a function word or a comma, or ending on a lower-case word
    without speaking as the site, to NL325 (it may be what a cut left of a paragraph); exact
    repeats, to NL101. Scripts written without spaces between words (Chinese, Japanese, Thai)
    have no words to count and are not looked at.

    Fails::

        {"title": "Harbour Ferry Fares Rise", "text": "Passengers on the harbour ferry will pay 40 cents more for a single crossing from June.\\n\\nSorry, your message could not be sent. Please try again later.\\n\\nCommuter groups said the increase would hit shift workers hardest."}

    Passes::

        {"title": "Harbour Ferry Fares Rise", "text": "Passengers on the harbour ferry will pay 40 cents more for a single crossing from June.\\n\\nCheck your ferry pass before boarding.\\n\\nCommuter groups said the increase would hit shift workers hardest."}

    Fix: deletes the line. Unsafe: a note to readers in words of its own can be part of the
    article (a call for witnesses, a correction): read it first.
    """

    code = "NL333"
    name = "reader-prompt"
    severity = "warning"
    fixable = True
    options = {"max-words": 12, "max-chars": 90}
    #: the pack rules of the run this rule is in (ids of their matchers); None: every pack this
    #: process has loaded. A line is left only to a pack rule that runs: the packs another run
    #: in the same process loaded (the Python API, tests) or a pack rule left out by the selection
    #: would otherwise silence it.
    pack_matchers: frozenset[int] | None = None

    def bind_rules(self, rules: list[Rule]) -> None:
        """Called by the engine with the rules of the run."""
        self.pack_matchers = frozenset(id(r.spec.matcher) for r in rules
                                       if getattr(type(r), "spec", None) is not None and r.spec.matcher is not None)

    def check(self, article: Article) -> Iterator[Problem]:
        if len(article.paragraphs) < 2:
            return
        longest = 2 * self.opts["max-chars"]  # prompt()'s first test, before any work on the text
        for p in article.paragraphs:
            if len(p.text) > longest:
                continue
            text = self.prompt(article, p.index)
            if text is None:
                continue
            here = where(article, p.index)
            yield self.at_paragraph(
                article, p.index,
                f"a line of the page speaking to the reader, not of the story (a form, prompt or message): '{text}'",
                suggestion=f"delete {here} if it is not part of the article",
                fix=Fix(f"delete {here}, a prompt of the page", (Edit("delete_paragraph", paragraph=p.index),), "unsafe"),
            )

    def prompt(self, article: Article, i: int, voices: tuple[str, ...] = ("site", "reader")) -> str | None:
        """The text of paragraph ``i`` (white space collapsed) when the rule reports it as a prompt
        in one of ``voices``, else None."""
        raw = article.paragraphs[i].text
        max_words, max_chars = self.opts["max-words"], self.opts["max-chars"]
        if len(raw) > 2 * max_chars:
            return None
        words = raw.split()
        if not 2 <= len(words) <= max_words:
            return None
        text = " ".join(words)
        if len(text) > max_chars or not text[0].isupper() and text[0].lower() != text[0].upper():
            return None
        if not may_speak(text):
            return None
        said = voice(words)
        if said not in voices or _NOT_A_PROMPT.search(text.rstrip(":：")):
            return None
        last = len(article.paragraphs) - 1
        if 0 < i < last and (all(w[:1].isupper() for w in words if len(w) >= 4)
                             or said == "reader" and text.endswith(_SENTENCE_END)):
            return None  # a subheading in title case, or the article's own advice to its reader
        if i not in repeat_free_indices(article) or speaks_of_story(article, {i}, text):
            return None
        if (i == 0 or i == last) and last >= 2 and _EDGE_LABEL.reports(article, i, text, i == 0):
            return None  # NL332's edge label
        from newslint.packs import PREFILTER

        active = self.pack_matchers
        if any(i in found for mid, found in PREFILTER.paragraph_hits(article, article.language).items()
               if active is None or mid in active):
            return None  # a phrase of a rule pack: that rule names it (NL306's newsletter prompt)
        if i == last and (text.endswith(",") or function_word(words[-1], any_case=True)
                          or said == "reader" and open_ending(text, last + 1, min_words=1 << 30)):
            return None  # NL325's: a sentence stopping on a function word, or a fragment in lower case
        return text


#: NL332 with its default options, asked whether it reports an edge line
_EDGE_LABEL = EdgeLabel()


def site_prompt(article: Article, index: int) -> bool:
    """Whether NL333 with its default options reports paragraph ``index`` as a prompt in the site's
    voice ("Visit our sister sites"): NL325 leaves such a last line to it."""
    return _DEFAULT.prompt(article, index, ("site",)) is not None


_DEFAULT = ReaderPrompt()

RULES = [ReaderPrompt]
