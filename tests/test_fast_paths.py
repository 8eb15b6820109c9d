"""The fast paths of shared views and rules give exactly what the plain definitions give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.article import Article, Paragraph, word_pieces
from newslint.checks.near_duplicate import NearDuplicateParagraph

ASCII = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=80)


@given(ASCII)
def test_word_pieces_are_the_word_runs_on_ascii(text):
    assert word_pieces(text) == re.findall(r"\w+", text)


def _near_duplicates_by_definition(paragraphs: list[str], threshold: float) -> list[tuple[int, int]]:
    """(copy, original) pairs: every earlier original compared with every later paragraph."""
    sets = {i: frozenset(re.findall(r"\w+", " ".join(p.split()).casefold())) for i, p in enumerate(paragraphs)}
    sets = {i: s for i, s in sets.items() if len(" ".join(paragraphs[i].split())) >= 10 and len(s) >= 5}
    seen_text: set[str] = set()
    originals: list[int] = []
    out = []
    for i, tokens in sets.items():
        norm = " ".join(paragraphs[i].split()).casefold()
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
