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


class _StoryWords:
    """The title's words and the paragraphs' words, read once per article and only as far as the
    lines asked about need (NL323, NL332 and NL333 ask about many lines of a long page): for each
    word, the paragraphs that hold it, as a :class:`_Vocabulary` of one paragraph would answer.

    A paragraph holds a word only if its case-folded text holds the word's first four letters (a
    token is a piece of the text, and case folding maps each character on its own), so only the
    paragraphs where that substring occurs, found at C speed, are split into words."""

    def __init__(self, article: Article) -> None:
        self.title = _Vocabulary(w.casefold() for w in tokenize_words(article.title or ""))
        self._texts = {p.index: p.text for p in article.paragraphs}
        # the case-folded paragraphs joined by line feeds (a word's four letters never span one),
        # and where each paragraph starts in the joined text
        folded = [text.casefold() for text in self._texts.values()]
        self._indices = list(self._texts)
        self._starts = list(accumulate((len(f) + 1 for f in folded[:-1]), initial=0))
        self._folded = "\n".join(folded)
        self._vocabularies: dict[int, _Vocabulary] = {}
        self._holding: dict[str, list[int]] = {}

    def _vocabulary(self, index: int) -> _Vocabulary:
        found = self._vocabularies.get(index)
        if found is None:
            found = self._vocabularies[index] = _Vocabulary(w.casefold() for w in tokenize_words(self._texts[index]))
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
                if self._vocabulary(i).has(word):
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
