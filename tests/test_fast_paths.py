"""The fast paths of shared views and rules give exactly what the plain definitions give."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import lang
from newslint.article import Article, Paragraph, ascii_word_pieces
from newslint.checks.near_duplicate import NearDuplicateParagraph

ASCII = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=80)
#: letters of several scripts, digits, punctuation, white space, combining marks and odd numerics
MIXED = st.text(alphabet=list("abcXYZ éßøİı²½Ⅻ_19٣ 'аб中あ한\u0301\u00a0\t\n.,-’“\ud800"), max_size=120)


@given(ASCII)
def test_ascii_word_pieces_are_the_word_runs(text):
    assert ascii_word_pieces(text) == re.findall(r"\w+", text)


def _detect_by_definition(text: str, sample: int = 1500) -> str:
    """The language guess written plainly: regular expressions over the whole sample."""
    text = text[:sample]
    letters = len(re.sub(r"[\W\d_]+", "", text))
    if letters < 20:
        return "und"
    counts = [(code, len(rx.findall(text))) for code, rx in lang._SCRIPTS]
    code, n = max(counts, key=lambda t: t[1])
    if len(lang._NON_LATIN.findall(text)) >= 0.3 * letters and n >= 0.3 * letters:
        if code == "zh" and counts[1][1] >= 0.05 * letters:
            return "ja"
        if code == "ru" and re.search(r"[іїєґ]", text):
            return "uk"
        return code
    words = lang._WORD.findall(text.lower())
    if len(words) < 5:
        return "und"
    scores = dict.fromkeys(lang.STOPWORDS, 0)
    for w in words:
        for code in lang._WORD_LANGS.get(w, ()):
            scores[code] += 1
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < max(2, 0.08 * len(words)):
        return "und"
    if best in ("da", "no"):
        best = "no" if re.search(r"\b(ikke|ble|fra)\b", text) and not re.search(r"\b(af|blev)\b", text) else "da"
    return best


@given(MIXED)
def test_language_guess_matches_its_plain_definition(text):
    assert lang._words(text.lower()) == lang._WORD.findall(text.lower())
    assert lang.detect(text) == _detect_by_definition(text)


def test_language_guess_on_news_sentences():
    samples = {
        "en": "The council approved the budget on Tuesday after a debate that lasted most of the afternoon, and it was not easy.",
        "de": "Der Stadtrat hat am Dienstag den Haushalt beschlossen, nachdem die Debatte für den ganzen Nachmittag gedauert hat und es nicht leicht war.",
        "ru": "Городской совет во вторник утвердил бюджет после долгих дебатов, которые продолжались весь день.",
        "ja": "市議会は火曜日に予算を承認した。議論は午後のほとんどの時間続いた。",
    }
    for code, text in samples.items():
        assert lang.detect(text) == code == _detect_by_definition(text)


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
