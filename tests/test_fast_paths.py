"""The fast paths of shared views and rules give exactly what the plain definitions give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.article import Article, Paragraph, normalize_text, spaced_lines_utf8, word_pieces
from newslint.checks import near_duplicate
from newslint.checks.near_duplicate import NearDuplicateParagraph, may_match

ASCII = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=80)


@given(ASCII)
def test_word_pieces_are_the_word_runs_on_ascii(text):
    assert word_pieces(text) == re.findall(r"\w+", text)


def _near_duplicates_by_definition(paragraphs: list[str], threshold: float, min_chars: int = 10) -> list[tuple[int, int]]:
    """(copy, original) pairs: every earlier original compared with every later paragraph."""
    sets = {i: frozenset(re.findall(r"\w+", normalize_text(p))) for i, p in enumerate(paragraphs)}
    sets = {i: s for i, s in sets.items() if len(normalize_text(paragraphs[i])) >= min_chars and len(s) >= 5}
    seen_text: set[str] = set()
    originals: list[int] = []
    out = []
    for i, tokens in sets.items():
        norm = normalize_text(paragraphs[i])
        if norm in seen_text:
            continue
        seen_text.add(norm)
        best, best_sim = -1, 0.0
        for j in originals:
            other = sets[j]
            sim = len(tokens & other) / len(tokens | other)
            if sim > best_sim or (sim == best_sim and j < best):
                best, best_sim = j, sim
        if best >= 0 and best_sim >= threshold:
            out.append((i, best))
        else:
            originals.append(i)
    return out


WORDS = ["the", "council", "budget", "harbour", "vote", "said", "on", "tuesday", "mayor", "plan", "new", "port"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(WORDS), min_size=5, max_size=14), min_size=2, max_size=7),
    st.sampled_from([0.5, 0.7, 0.8, 0.9]),
)
def test_near_duplicate_paragraphs_match_the_pairwise_definition(word_lists, threshold):
    paragraphs = [" ".join(ws) for ws in word_lists]
    article = Article(path="t.txt", format="txt", title="Harbour Vote",
                      paragraphs=[Paragraph(t, i + 3, i + 3, i) for i, t in enumerate(paragraphs)])
    rule = NearDuplicateParagraph({"min-chars": 10, "threshold": threshold})
    found = [p.paragraph for p in rule.check(article)]
    assert found == [i for i, _ in _near_duplicates_by_definition(paragraphs, threshold)]


#: words for NL104's adversarial paragraphs: apostrophes inside words, letters that NFKC or case
#: folding change (and whose folded forms are other words of the list), combining accents,
#: several scripts, digits outside ASCII, the underscore, long words that share their length and
#: their first and last eight bytes (one key for several tokens)
ADVERSARIAL_WORDS = [
    "the", "council", "budget", "vote", "don't", "don’t", "o'neill", "neill", "l’équipe", "équipe",
    "Straße", "STRASSE", "strasse", "ﬁnal", "final", "ＦＵＬＬ", "full", "cafe\u0301", "café", "İstanbul",
    "istanbul", "ΣΊΣΥΦΟΣ", "σίσυφος", "москва", "МОСКВА", "東京都", "١٢٣", "123", "a_b", "x2",
    "aaaaaaaaXbbbbbbbb", "aaaaaaaaYbbbbbbbb", "aaaaaaaaZbbbbbbbb", "abcdefgh", "abcdefghi", "s",
]
#: what separates them: white space of several kinds, punctuation in and outside ASCII, an emoji
SEPARATORS = [" ", "  ", ", ", " — ", "’", "'", " “", "” ", "\u00a0", "-", "…", "\t", " \U0001f600 ", "«"]


@st.composite
def near_copies(draw, unicode=True):
    """Paragraphs of a few words, some of them an earlier paragraph with a few edits (words
    replaced, dropped, repeated or moved), so that many draws hold near duplicates."""
    word = st.sampled_from(ADVERSARIAL_WORDS if unicode else WORDS)
    paragraphs: list[list[str]] = []
    for _ in range(draw(st.integers(2, 7))):
        if paragraphs and draw(st.booleans()):
            words = list(draw(st.sampled_from(paragraphs)))
            for _ in range(draw(st.integers(0, 3))):
                k = draw(st.integers(0, len(words) - 1))
                edit = draw(st.sampled_from(["replace", "drop", "repeat", "move"]))
                if edit == "replace":
                    words[k] = draw(word)
                elif edit == "drop" and len(words) > 1:
                    del words[k]
                elif edit == "repeat":
                    words.insert(k, words[k])
                else:
                    words.append(words.pop(k))
        else:
            words = draw(st.lists(word, min_size=1, max_size=14))
        paragraphs.append(words)
    separators = st.sampled_from(SEPARATORS if unicode else [" "])
    return ["".join(w + draw(separators) for w in words).strip() or "x" for words in paragraphs]


def _nl104(paragraphs: list[str], threshold: float, numpy) -> list[tuple[int, str]]:
    article = Article(path="t.txt", format="txt", title="Title X9Q",
                      paragraphs=[Paragraph(t, i + 3, i + 3, i) for i, t in enumerate(paragraphs)])
    rule = NearDuplicateParagraph({"min-chars": 1, "threshold": threshold})
    plain = near_duplicate._loaded_numpy
    near_duplicate._loaded_numpy = lambda: numpy
    try:
        return [(p.paragraph, p.message) for p in rule.check(article)]
    finally:
        near_duplicate._loaded_numpy = plain


@settings(max_examples=400, deadline=None)
@given(near_copies(), st.sampled_from([0.0, 0.3, 0.5, 0.7, 0.8, 0.9, 1.0]))
def test_near_duplicates_with_and_without_numpy_are_the_pairwise_definition(paragraphs, threshold):
    """Both ways of NL104 (numpy ruling paragraphs out first, or not) find the same copies, with
    the same messages, as the plain definition, on paragraphs made to be hard."""
    import numpy

    found = _nl104(paragraphs, threshold, numpy)
    assert found == _nl104(paragraphs, threshold, None)
    assert [i for i, _ in found] == [i for i, _ in _near_duplicates_by_definition(paragraphs, threshold, min_chars=1)]


@settings(max_examples=400, deadline=None)
@given(st.one_of(near_copies(), near_copies(unicode=False)), st.floats(0.0, 1.0))
def test_may_match_keeps_every_paragraph_that_shares_enough_tokens(paragraphs, threshold):
    """may_match leaves out only lines whose tokens held by another line are fewer than
    ``threshold`` of their tokens (the filter NL104 applies exactly), whatever the threshold."""
    import numpy

    texts = [normalize_text(p) for p in paragraphs]
    spaced = spaced_lines_utf8(texts)
    sets = [frozenset(re.findall(r"\w+", t)) for t in texts]
    kept = may_match(numpy, spaced, len(texts), threshold)
    for k, tokens in enumerate(sets):
        others = frozenset().union(*(s for j, s in enumerate(sets) if j != k))
        if len(tokens & others) >= threshold * len(tokens) - 1e-6:
            assert k in kept


_LINES = ["Harbour Vote Delayed", "Harbour vote delayed.", "The council met on Tuesday.",
          "The council met on Tuesday", "  ", "", "Advertisement", "Mayor backs the new port plan."]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=12), st.sampled_from(["Harbour Vote Delayed", "", "Advertisement"]),
       st.sampled_from(["", "The council met on Tuesday.", "Mayor backs the new port plan"]))
def test_repeat_free_indices_match_the_paragraph_by_paragraph_definition(lines, title, summary):
    from newslint.checks._common import _repeat_free_indices, repeat_free_indices_plain

    article = Article(path="t.txt", format="txt", title=title, summary=summary,
                      paragraphs=[Paragraph(t, i + 3, i + 3, i) for i, t in enumerate(lines)])
    assert _repeat_free_indices(article) == repeat_free_indices_plain(article)
