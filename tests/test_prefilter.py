"""The pack prefilter answers the same whether it searches regex by regex (the first articles of a
language, and every run on a few files) or through the compiled set of all regexes."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.packs.matching import PREFILTER
from newslint.plugins import build_registry

# pieces of scraped text: lines the shipped packs look for, in several languages, and plain prose
PIECES = [
    "Advertisement", "ANZEIGE", "Publicité", "Subscribe to continue reading", "Jetzt abonnieren",
    "Accept all cookies", "Nous utilisons des cookies", "Share on Facebook", "Follow us on Twitter",
    "Sign up for our newsletter", "Read more:", "Related articles", "Photo: Anna Berg/Reuters",
    "Please enable JavaScript to view the comments", "Story continues below", "広告",
    "The council voted nine to four for the plan on Tuesday.", "Work on the first lane starts in May.",
    "Los vecinos firmaron la petición en marzo.", "Die Arbeiten beginnen im Mai.", "\n", " ", "—",
]


def _set_answer(text: str, language: str) -> dict[int, set[int]]:
    rset, owners = PREFILTER._set_for(language)  # noqa: SLF001 - the two paths side by side
    found: dict[int, set[int]] = {}
    for n in (rset.Match(text) or ()) if rset is not None else ():
        mid, i = owners[n]
        found.setdefault(mid, set()).add(i)
    return found


def _direct_answer(text: str, language: str) -> dict[int, set[int]]:
    found: dict[int, set[int]] = {}
    for mid, i in PREFILTER._direct_matches(text, language):  # noqa: SLF001
        found.setdefault(mid, set()).add(i)
    return found


REGISTRY = build_registry()  # registers the shipped packs' matchers with the prefilter


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), st.sampled_from(["en", "de", "fr", "es", "ja", "und"]))
def test_direct_search_and_set_search_agree(pieces, language):
    text = " ".join(pieces)
    assert _direct_answer(text, language) == _set_answer(text, language)


def test_the_pieces_do_match_something():
    """The check above compares non-empty answers, not only two empty ones."""
    assert _direct_answer("Subscribe to continue reading", "en")
    assert _direct_answer("Accept all cookies", "en")
