"""NL333 reader-prompt: a short line where the page speaks to its reader, unrelated to the story."""

from __future__ import annotations

import pytest
from helpers import lint_record

TITLE = "Town Library Reopens After Two-Year Renovation"
LEDE = ("The town library reopened on Saturday after a renovation that took two years and cost "
        "far more than the council had planned.")
MIDDLE = ("Visitors queued before the doors opened, and the children's floor, with its new reading "
          "garden, was full within the hour.")
END = "The library will keep longer opening hours on weekdays until the end of the summer, the head librarian said."


def flagged(*paragraphs: str, byline: str | None = "Ines Kowalczyk", title: str = TITLE) -> list[int]:
    record = {"title": title, "text": "\n\n".join(paragraphs)}
    if byline is not None:
        record["byline"] = byline
    return [v.paragraph for v in lint_record(record, select="NL333")]


@pytest.mark.parametrize("line", [
    "Sorry, your comment could not be posted. Please try again later.",
    "Type your email address",
    "Browse our other titles",
    "Cookies help us deliver our services.",
    "Bitte melden Sie sich erneut an.",                 # German: please log in again
    "Entdecken Sie unsere Podcasts",                    # German: discover our podcasts
    "Abonnez-vous à notre lettre d’information",        # French: subscribe to our newsletter
    "Scarica la nostra app gratuita",                   # Italian: download our free app
    "Descarga nuestra aplicación gratuita",             # Spanish: the same
    "Schrijf je in voor onze nieuwsbrief",              # Dutch: sign up for our newsletter
])
def test_nl333_page_prompts_anywhere_in_the_body(line):
    assert flagged(LEDE, line, MIDDLE, END) == [1], line
    # at the edges, a line of label shape is NL332's and one ending on a lower-case word NL325's:
    # one finding for one line, whichever rule sees it
    for paragraphs, at in (((line, LEDE, MIDDLE, END), 0), ((LEDE, MIDDLE, END, line), 3)):
        record = {"title": TITLE, "byline": "Ines Kowalczyk", "text": "\n\n".join(paragraphs)}
        found = [(v.code, v.paragraph) for v in lint_record(record, select=["NL325", "NL332", "NL333"])]
        assert len(found) == 1 and found[0][1] == at, (line, found)
    sentence = line.endswith((".", "!", "?"))
    if sentence:
        assert flagged(line, LEDE, MIDDLE, END) == [0] and flagged(LEDE, MIDDLE, END, line) == [3], line


def test_nl333_finding_says_what_it_saw_and_offers_an_unsafe_fix():
    record = {"title": TITLE, "byline": "Ines Kowalczyk",
              "text": "\n\n".join((LEDE, "Please share this story with your friends!", MIDDLE, END))}
    (v,) = lint_record(record, select="NL333")
    assert "speaking to the reader" in v.message and "Please share this story with your friends!" in v.message
    assert v.fix is not None and not v.fix.safe and v.suggestion.startswith("delete paragraph 2")


def test_nl333_lines_about_the_story_pass():
    # the reader is addressed, but about the story: its words are the story's
    # between paragraphs, a sentence that only addresses the reader may be the article's advice
    for line in ("Bring your own bags.", "Check your loan dates online!", "At home? With your children?"):
        assert flagged(LEDE, line, MIDDLE, END) == [], line
    for line in ("Tell us about your favourite library memories.",
                 "Please return borrowed books to the library before the summer.",
                 "Our reading garden is open to children every weekday."):
        assert flagged(LEDE, line, MIDDLE, END) == [], line


def test_nl333_quotations_credits_and_figures_pass():
    for line in ("“Please be patient with us,” she told the crowd.",
                 "‘Our doors are open again’",
                 "Photos: Our staff photographer",
                 "Call our help desk on 0800 123 456",
                 "Send your memories to letters@example.org",
                 "(Additional reporting by our correspondent)"):
        assert flagged(LEDE, line, MIDDLE, END) == [], line


def test_nl333_subheadings_fragments_and_plain_text_pass():
    # a subheading in title case, a fragment starting in lower case, a line without any address
    for line in ("Protecting Your Books From Damp",
                 "and our volunteers, who",
                 "Opening hours in the summer",
                 "She thanked the volunteers for their work."):
        assert flagged(LEDE, line, MIDDLE, END) == [], line
    # German "sie" in lower case is "she" or "they", and "ihre" is "her" or "their"
    assert flagged(LEDE, "Dann kamen sie mit ihre Kinder", MIDDLE, END) == []


def test_nl333_leaves_nl332_edge_labels_nl325_fragments_and_exact_repeats_alone():
    def codes(*paragraphs):
        record = {"title": TITLE, "byline": "Ines Kowalczyk", "text": "\n\n".join(paragraphs)}
        return [v.code for v in lint_record(record, select=["NL325", "NL332", "NL333"])]

    assert codes("Visit our partner sites", LEDE, MIDDLE, END) == ["NL332"]
    # a last line in the site's own voice is a prompt, not a cut paragraph; one that only
    # addresses the reader and ends in lower case may be either, and NL325 names both
    assert codes(LEDE, MIDDLE, END, "Visit our partner sites") == ["NL333"]
    assert codes(LEDE, MIDDLE, END, "Visit our partner sites.") == ["NL333"]
    assert codes(LEDE, MIDDLE, END, "Type your email address") == ["NL325"]
    assert codes(LEDE, MIDDLE, END, "Loading... Please wait...") == ["NL333"]
    assert codes(LEDE, MIDDLE, END, "The council will decide in May whether the library...") == ["NL325"]
    # one stopping on a function word was cut: NL325's
    assert codes(LEDE, MIDDLE, END, "Visit our partner sites and the") == ["NL325"]
    # an exact repeat of an earlier paragraph is NL101's
    record = {"title": TITLE, "byline": "Ines Kowalczyk",
              "text": "\n\n".join((LEDE, "Sign up for our weekly digest", MIDDLE, "Sign up for our weekly digest", END))}
    assert [(v.code, v.paragraph) for v in lint_record(record, select=["NL101", "NL333"])] == [("NL101", 3)]


def test_nl333_long_paragraphs_and_scripts_without_spaces_pass():
    long_line = "Please note that our opening hours change " + "during the holidays " * 6
    assert flagged(LEDE, long_line.strip(), MIDDLE, END) == []
    assert flagged("図書館が改装を終えて再開した。", "ニュースレターに登録してください", "来館者は多かった。",
                   title="図書館が再開") == []


def test_nl333_leaves_a_rule_packs_phrase_to_its_rule():
    record = {"title": TITLE, "byline": "Ines Kowalczyk",
              "text": "\n\n".join((LEDE, "Sign up for our newsletter to hear about new events.", MIDDLE, END))}
    found = [(v.code, v.paragraph) for v in lint_record(record) if v.paragraph == 1]
    assert found == [("NL306", 1)]
    # only to a pack rule of this run: with NL306 left out the prompt is NL333's, not nobody's
    found = [(v.code, v.paragraph) for v in lint_record(record, select=["NL333"]) if v.paragraph == 1]
    assert found == [("NL333", 1)]


def test_nl333_words_are_read_with_their_punctuation_stripped():
    from newslint.checks.reader_prompt import voice

    assert voice("Sorry, (your message failed".split()) == "reader"
    assert voice("«Notre» offre".split()) == "site"
    assert voice("Bitte warten".split()) == "site"
    assert voice("Lesen Sie mehr".split()) == "reader"
    assert voice("Sie kam spät".split()) is None  # "Sie" first: "she"
    assert voice("Yourself and hours".split()) is None


def test_nl333_quick_word_test_lets_through_every_line_the_word_test_accepts():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newslint.checks.reader_prompt import _FORMAL, _READER, _SITE, may_speak, voice

    words = sorted(_SITE | _READER | _FORMAL) + ["the", "you", "l'our", "yourself", "OUR", "VOCÊ", "İs", "ΣΑΣ"]
    piece = st.tuples(st.text("(«“¿-,.", max_size=2), st.one_of(st.sampled_from(words), st.text(min_size=1, max_size=5)),
                      st.text(")»”!?:;,.…", max_size=2)).map("".join)

    @settings(max_examples=500, deadline=None)
    @given(st.lists(piece, min_size=1, max_size=8), st.sampled_from([" ", "  ", "\u00a0", "\t"]))
    def check(pieces, sep):
        text = sep.join(pieces)
        if text.split() and voice(text.split()) is not None:
            assert may_speak(text), text

    check()
