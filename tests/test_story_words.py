"""The story-word test NL323, NL332 and NL333 share (newslint/checks/_story.py): its counters per
article give the answers of the plain definition, one vocabulary of the other paragraphs per line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.article import Article, Paragraph, tokenize_words
from newslint.checks._endings import FUNCTION_WORDS
from newslint.checks._story import NOUN_ENDING, _Vocabulary, speaks_of_story


def plain(article: Article, indices: set[int], text: str) -> bool:
    """The definition, word for word: the other paragraphs' words read again for every line."""
    own = {w for w in (w.casefold() for w in tokenize_words(text)) if len(w) >= 4 and w not in FUNCTION_WORDS}
    if not own:
        return True
    if any(_Vocabulary(w.casefold() for w in tokenize_words(article.title or "")).has(w) for w in own):
        return True
    rest = [p for p in article.paragraphs if p.index not in indices]
    others = _Vocabulary(w.casefold() for p in rest for w in tokenize_words(p.text))
    own_stems = {w[:5] for w in own}
    shared = [w for w in own if others.has(w)]
    if len({w[:5] for w in shared}) >= 2:
        return True
    if len({w[:5] for w in shared}) * 2 < len(own_stems):
        return False
    words = text.split()
    if all(w[:1].isupper() for w in words) and not any(map(NOUN_ENDING.search, words)):
        return True
    vocabularies = [_Vocabulary(w.casefold() for w in tokenize_words(p.text)) for p in rest]
    return len({w[:5] for w in shared if sum(v.has(w) for v in vocabularies) >= 2}) * 2 >= len(own_stems)


# few distinct stems and four-letter words, so that lines and paragraphs share them often
WORDS = ["lane", "lanes", "laner", "Lane", "ferry", "ferries", "fare", "fares", "Content", "content",
         "contents", "port", "Portal", "harbour", "the", "our", "Politics", "Straße", "STRASSE", "cycle"]
TEXT = st.lists(st.sampled_from(WORDS), min_size=0, max_size=7).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6), TEXT, st.data())
def test_speaks_of_story_is_the_plain_definition(paragraphs, title, data):
    article = Article(path="a.txt", format="txt", title=title,
                      paragraphs=[Paragraph(text=t, line=i + 1, end_line=i + 1, index=i) for i, t in enumerate(paragraphs)])
    indices = data.draw(st.sets(st.integers(0, len(paragraphs) - 1), min_size=1, max_size=len(paragraphs)))
    text = " ".join(paragraphs[i] for i in sorted(indices))
    assert speaks_of_story(article, indices, text) == plain(article, indices, text)
    line = data.draw(TEXT)  # a line that is not one of the paragraphs
    assert speaks_of_story(article, set(), line) == plain(article, set(), line)
