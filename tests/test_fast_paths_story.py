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


#: NL323's lines: labels of any length up to past the longest (40 characters), with and without
#: a colon, a figure or a credit mark; lines of prose; menus flattened into one line by
#: separators or joiners; a table row; a section break
_MENU_LINES = [
    "Home", "News", "Sport", "Weather:", "Culture", "Politics", "Home", "Cycle Lanes", "Opinion 24",
    "Text: Jane Roe", "【東京＝共同】", "◇", "ニュース",
    "The council voted 9 to 4 for the plan on Tuesday, after a debate on the cost of the lanes.",
    "Work starts in May and ends in October, the mayor told reporters at the town hall",
    "What happens next:", "Titles - - - - Home News", "- - -", "| 2019 | Budget passed | | |",
    "Home | News | Sport | Weather", "Home › World › Europe › France", "Radio 4 | 06.07.2026 | 19:00",
    "Home • News • Sport • Weather • Culture", "Photos / / / Home Archive",
] + [f"{a} {b} {c}"[:n] + colon for a, b, c in [("Abcdefghijklm", "Bcdefghijklmn", "Cdefghijklmno"),
                                               ("Wxyzabcdefghi", "Xyzabcdefghij", "Yzabcdefghijk")]
     for n in (39, 40, 41) for colon in ("", ":")]


def _nl323(lines: list[str], title: str) -> list[tuple]:
    from newslint.checks.navigation_menu import NavigationMenu

    article = Article(path="t.txt", format="txt", title=title,
                      paragraphs=[Paragraph(t, i + 3, i + 3, i) for i, t in enumerate(lines)])
    return [(p.paragraph, p.end_line, p.message, p.fix) for p in NavigationMenu().check(article)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_MENU_LINES), max_size=14), st.sampled_from(["Cycle Lanes Approved", "Home", ""]))
def test_navigation_menu_reports_what_asking_every_paragraph_reports(lines, title):
    """NL323 asks only paragraphs of 40 characters or fewer whether they are labels, and looks
    for separator pairs and joiners only when the body holds them: the findings are those of
    asking every paragraph about every pair and joiner."""
    from newslint.checks import navigation_menu

    fast = _nl323(lines, title)
    longest, held = navigation_menu._LONGEST_LABEL, navigation_menu._held
    navigation_menu._LONGEST_LABEL, navigation_menu._held = 10**9, lambda items, body: list(items)
    try:
        assert fast == _nl323(lines, title)
    finally:
        navigation_menu._LONGEST_LABEL, navigation_menu._held = longest, held
