"""The fast paths of the story-word test (newslint/checks/_story.py) and of the rules that use it
(NL323, NL333) and of NL104 give exactly what their plain definitions give."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.article import Article, Paragraph, tokenize_words
from newslint.checks._story import _StoryWords, _Vocabulary, _Words

#: words whose case folding lengthens them ("ß", "ﬁ", "İ") or changes them into other words of the
#: list, with apostrophes inside and outside them, prefixes of each other at four and five
#: letters, and scripts without case
WORDS = ["lane", "lanes", "Lane", "laner", "LANESIDE", "Straße", "strasse", "STRASS", "strass", "ﬁnal", "final",
         "finale", "İstanbul", "istanbul", "i̇sta", "don't", "don’t", "o'neill", "neill", "neil", "'neill",
         "ΣΊΣΥΦΟΣ", "σίσυφος", "東京都庁", "content", "conte", "cont", "the", "our", "a_b_c", "x2y2",
         "ßßßßßß", "ﬃﬃﬃ"]
SEPARATORS = [" ", "  ", ", ", "’", "'", "-", "\u00a0", " “", "” ", "\n", "…"]


@st.composite
def texts(draw, max_words=8):
    words = draw(st.lists(st.sampled_from(WORDS), max_size=max_words))
    return "".join(w + draw(st.sampled_from(SEPARATORS)) for w in words)


#: what a line's words may be asked: the case-folded words of the list and their prefixes
QUERIES = st.sampled_from(sorted({f[:n] for w in WORDS for f in [w.casefold()] for n in range(1, len(f) + 1)}))


@settings(max_examples=500, deadline=None)
@given(texts(), st.lists(QUERIES, min_size=1, max_size=6))
def test_words_answer_as_the_vocabulary(text, queries):
    """_Words.has is _Vocabulary.has on the case-folded words of the text, for any word."""
    words, vocabulary = _Words(text), _Vocabulary(w.casefold() for w in tokenize_words(text))
    for q in queries:
        assert words.has(q) == vocabulary.has(q), q


@settings(max_examples=400, deadline=None)
@given(st.lists(texts(), min_size=0, max_size=6), texts(), st.lists(QUERIES.filter(lambda q: len(q) >= 4), min_size=1, max_size=5),
       st.data())
def test_paragraphs_with_counts_the_paragraphs_whose_vocabulary_has_the_word(paragraphs, title, queries, data):
    """_StoryWords finds a word's paragraphs in the joined folded text (its paragraphs' starts
    from their lengths when no character folds to several) as one vocabulary per paragraph does."""
    article = Article(path="a.txt", format="txt", title=title,
                      paragraphs=[Paragraph(text=t, line=i + 1, end_line=i + 1, index=i) for i, t in enumerate(paragraphs)])
    story = _StoryWords(article)
    leaving_out = data.draw(st.sets(st.integers(0, max(len(paragraphs) - 1, 0))))
    title_vocabulary = _Vocabulary(w.casefold() for w in tokenize_words(title))
    for q in queries:
        expected = sum(_Vocabulary(w.casefold() for w in tokenize_words(p.text)).has(q)
                       for p in article.paragraphs if p.index not in leaving_out)
        assert story.paragraphs_with(q, leaving_out) == expected, q
        assert story.title.has(q) == title_vocabulary.has(q)
