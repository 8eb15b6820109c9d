"""Whether a line speaks of the story: the word test that NL323, NL332 and NL333 share to tell a
page's labels and prompts from a kicker, a subheading or a line of the article."""

from __future__ import annotations

import re

from newslint.article import Article, tokenize_words
from newslint.checks._endings import FUNCTION_WORDS
from newslint.lazy import LazyPattern

#: how a sentence ends
_SENTENCE_END = tuple(".!?。！？…\"'”’»")
#: endings of abstract nouns and plurals in the languages of Western Europe and Turkish, that a
#: person's name does not have ("Politics", "Einstellungen", "Fiyatları", "Actualités"): a line of
#: capitalised words holding one is a label, not an author's name
NOUN_ENDING = LazyPattern(
    r"(?:ics|tions?|ments?|ness|ships?|ity|ities|ung|ungen|keit|heit|schaft|ismus|ción|ciones|dad|dades"
    r"|ités?|zione|zioni|ità|ção|ções|dade|dades|heid|ları|leri)$", re.IGNORECASE)
#: words of this length or more say what a line is about; shorter ones are mostly function words
_CONTENT_LETTERS = 4
#: words are compared by their first letters, so that inflected forms meet ("Politik", "politische")
_STEM = 5


class _Vocabulary:
    """The words of a text, for asking whether a word of four letters or more occurs in it: words
    meet when the shorter is a prefix of the longer up to five letters ("lane" and "lanes",
    "Politik" and "politische")."""

    def __init__(self, words) -> None:
        self.five: set[str] = set()  # the first five letters of each word
        self.starts: set[str] = set()  # the first four
        self.short: set[str] = set()  # the words of four letters
        for w in words:
            if len(w) >= _CONTENT_LETTERS:
                self.five.add(w[:_STEM])
                self.starts.add(w[:_CONTENT_LETTERS])
                if len(w) == _CONTENT_LETTERS:
                    self.short.add(w)

    def has(self, word: str) -> bool:
        if len(word) == _CONTENT_LETTERS:
            return word in self.starts
        return word[:_STEM] in self.five or word[:_CONTENT_LETTERS] in self.short


def prose(text: str) -> bool:
    """A paragraph of prose: a sentence, or a line too long for a list entry, not ending in a colon."""
    text = text.rstrip()
    return not text.endswith((":", "：")) and (text.endswith(_SENTENCE_END) or len(text.split()) >= 8)


def speaks_of_story(article: Article, indices: set[int], text: str) -> bool:
    """Whether ``text``, the text of the paragraphs ``indices``, speaks of the story: it shares a
    word (four letters or more, not a function word, compared by their first five letters) with
    the title, or two of its words with the other paragraphs, or half of its words with two other
    paragraphs or more (with one, when the text may be a name). One common word ("again",
    "check", "content") that a long text happens to hold once proves nothing. A text without
    such words cannot be told from a part of the story and counts as speaking of it."""
    own = {w for w in (w.casefold() for w in tokenize_words(text)) if len(w) >= _CONTENT_LETTERS and w not in FUNCTION_WORDS}
    if not own:
        return True
    title = _Vocabulary(w.casefold() for w in tokenize_words(article.title or ""))
    if any(title.has(w) for w in own):
        return True
    rest = [p for p in article.paragraphs if p.index not in indices]
    others = _Vocabulary(w.casefold() for p in rest for w in tokenize_words(p.text))
    own_stems = {w[:_STEM] for w in own}
    shared = [w for w in own if others.has(w)]
    shared_stems = {w[:_STEM] for w in shared}
    if len(shared_stems) >= 2:
        return True
    if len(shared_stems) * 2 < len(own_stems):
        return False
    # one word shared: it speaks of the story when the story uses it in two paragraphs or more
    # ("lanes" under "Cycle lanes"); a word the story mentions once ("content") is chance, unless
    # the line may be a name (capitalised words without a noun's ending): a name mentioned once,
    # the author's or a person's of the story, is the story's
    words = text.split()
    if all(w[:1].isupper() for w in words) and not any(map(NOUN_ENDING.search, words)):
        return True
    vocabularies = [_Vocabulary(w.casefold() for w in tokenize_words(p.text)) for p in rest]
    strong = {w[:_STEM] for w in shared if sum(v.has(w) for v in vocabularies) >= 2}
    return len(strong) * 2 >= len(own_stems)
