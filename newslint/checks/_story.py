"""Whether a line speaks of the story: the word test that NL323, NL332 and NL333 share to tell a
page's labels and prompts from a kicker, a subheading or a line of the article."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate

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
    "Politik" and "politische"). The definition: :class:`_Words` answers the same at C speed."""

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


class _Words:
    """The words of a text, asked the question of :class:`_Vocabulary` (its definition) at C speed:
    the case-folded words joined by spaces, with a space at either end, so that a word starting
    with some letters is a search for a space and those letters. Case folding maps each character
    on its own and never to a space, so folding the joined words folds each of them; a word holds
    no space, so the letters found after a space are the start of one word. Building it is two
    calls on the whole text, where a vocabulary adds every word's prefixes in Python."""

    __slots__ = ("spaced",)

    def __init__(self, text: str) -> None:
        self.spaced = f" {' '.join(tokenize_words(text)).casefold()} "

    def has(self, word: str) -> bool:
        n = len(word)
        if n == _CONTENT_LETTERS:  # a word starting with it
            return " " + word in self.spaced
        # a word of five letters or more sharing its first five, or the four-letter word it starts with
        return n > _CONTENT_LETTERS and (" " + word[:_STEM] in self.spaced or f" {word[:_CONTENT_LETTERS]} " in self.spaced)


def prose(text: str) -> bool:
    """A paragraph of prose: a sentence, or a line too long for a list entry, not ending in a colon."""
    text = text.rstrip()
    return not text.endswith((":", "：")) and (text.endswith(_SENTENCE_END) or len(text.split()) >= 8)


class _StoryWords:
    """The title's words and the paragraphs' words, read once per article and only as far as the
    lines asked about need (NL323, NL332 and NL333 ask about many lines of a long page): for each
    word, the paragraphs that hold it, as a :class:`_Vocabulary` of one paragraph would answer.

    A paragraph holds a word only if its case-folded text holds the word's first four letters (a
    token is a piece of the text, and case folding maps each character on its own), so only the
    paragraphs where that substring occurs, found at C speed, are split into words."""

    def __init__(self, article: Article) -> None:
        self.title = _Words(article.title or "")
        self._texts = {p.index: p.text for p in article.paragraphs}
        # the case-folded paragraphs joined by line feeds (a word's four letters never span one),
        # and where each paragraph starts in the joined text
        texts = list(self._texts.values())
        joined = "\n".join(texts)
        self._folded = joined.casefold()  # a line feed folds to itself, each character on its own
        self._indices = list(self._texts)
        # a paragraph's folded text is as long as its text unless a character folded to several
        # ("ß" to "ss"); folding can only lengthen, so equal lengths in all mean none did
        lengths = map(len, texts[:-1]) if len(self._folded) == len(joined) else (len(t.casefold()) for t in texts[:-1])
        self._starts = list(accumulate((n + 1 for n in lengths), initial=0))
        self._words: dict[int, _Words] = {}
        self._holding: dict[str, list[int]] = {}

    def _words_of(self, index: int) -> _Words:
        found = self._words.get(index)
        if found is None:
            found = self._words[index] = _Words(self._texts[index])
        return found

    def paragraphs_with(self, word: str, leaving_out: set[int]) -> int:
        """How many paragraphs outside ``leaving_out`` hold ``word`` (four letters or more)."""
        holding = self._holding.get(word)
        if holding is None:
            holding = self._holding[word] = []
            start, folded, starts = word[:_CONTENT_LETTERS], self._folded, self._starts
            at = folded.find(start) if self._indices else -1
            while at >= 0:
                k = bisect_right(starts, at) - 1  # the paragraph holding the substring
                i = self._indices[k]
                if self._words_of(i).has(word):
                    holding.append(i)
                if k + 1 == len(starts):
                    break
                at = folded.find(start, starts[k + 1])  # the next paragraph's occurrences
        return sum(i not in leaving_out for i in holding)


def _story_words(article: Article) -> _StoryWords:
    found = article.__dict__.get("_story_words")
    if found is None:
        found = article.__dict__["_story_words"] = _StoryWords(article)
    return found


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
    story = _story_words(article)
    if any(story.title.has(w) for w in own):
        return True
    counts = {w: story.paragraphs_with(w, indices) for w in own}
    own_stems = {w[:_STEM] for w in own}
    shared_stems = {w[:_STEM] for w, n in counts.items() if n}
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
    strong = {w[:_STEM] for w, n in counts.items() if n >= 2}
    return len(strong) * 2 >= len(own_stems)
