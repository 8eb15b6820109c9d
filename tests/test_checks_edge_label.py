"""NL332 edge-label: a short line of the page, unrelated to the story, opening or closing the body."""

from __future__ import annotations

from helpers import lint_record

TITLE = "Harbour Ferry Fares Rise for the First Time in a Decade"
LEDE = ("Passengers on the harbour ferry will pay 40 cents more for a single crossing from June, the "
        "transport authority announced on Monday.")
MIDDLE = "Commuter groups said the increase would hit shift workers hardest, since the night boats are the only service after midnight."
END = "The authority will review the fares again next spring, a spokeswoman said."


def rec(*paragraphs: str, byline: str | None = "Maria Lindqvist") -> dict:
    record = {"title": TITLE, "text": "\n\n".join(paragraphs)}
    if byline is not None:
        record["byline"] = byline
    return record


def flagged(*paragraphs: str, byline: str | None = "Maria Lindqvist") -> list[int]:
    return [v.paragraph for v in lint_record(rec(*paragraphs, byline=byline), select="NL332")]


def test_nl332_page_labels_and_form_lines_opening_the_body():
    for line in ("Jump to navigation", "Weekend Supplement", "Zur Übersicht", "Type your postcode here",
                 "Lifestyle & Travel"):
        assert flagged(line, LEDE, MIDDLE, END) == [0], line
    vs = lint_record(rec("Jump to navigation", LEDE, MIDDLE, END), select="NL332")
    assert vs[0].fix is not None and not vs[0].fix.safe and "opens the body" in vs[0].message


def test_nl332_page_labels_closing_the_body():
    for line in ("Privacy Settings", "Browse our partner magazines:", "Alle Meldungen", "Newsletter Archive"):
        assert flagged(LEDE, MIDDLE, END, line) == [3], line
    # what a cut left of a paragraph has the same shape: the message names both
    vs = lint_record(rec(LEDE, MIDDLE, END, "The operator Nordlink"), select="NL332")
    assert [v.paragraph for v in vs] == [3] and "cut paragraph" in vs[0].message and "scrape again" in vs[0].suggestion


def test_nl332_form_message_sharing_one_common_word_with_the_story():
    # "again" is in the story too: one common word does not make a line part of it
    story = ("Passengers will pay again for the night boats, which were free during the trial, the "
             "transport authority announced on Monday.")
    assert flagged("Upload failed, please try again", story, MIDDLE, END) == [0]


def test_nl332_label_whose_one_word_the_story_mentions_once():
    # "content" occurs once in the story: one word of two, mentioned in passing, is chance
    story = ("Passengers on the harbour ferry will pay 40 cents more from June, and the timetable "
             "content will not change, the transport authority announced on Monday.")
    assert flagged("Skip to content", story, MIDDLE, END) == [0]
    assert flagged(story, MIDDLE, END, "Content Partnerships") == [3]
    # a kicker whose word the story uses in two paragraphs or more speaks of the story
    one = "The summer schedule is printed on the back of every ticket."
    two = "Printed schedules will be on board from May."
    assert flagged("Sailing schedules", LEDE, one, MIDDLE, two, END) == []
    assert flagged("Sailing schedules", LEDE, one, MIDDLE, END) == [0]
    # a name the story mentions once is the story's (here the author's, the byline field naming the site)
    bio = "Berglund has covered the harbour for the paper since 2019."
    assert flagged("Tomas Berglund", LEDE, MIDDLE, END, bio, byline="Harbour Post") == []


def test_nl332_without_byline_a_capitalised_label_with_a_noun_ending_is_no_name():
    # no byline: "Tomas Berglund" may be the author, "Reader Communities" cannot be anyone's name
    assert flagged(LEDE, MIDDLE, END, "Tomas Berglund", byline=None) == []
    for label in ("Reader Communities", "Cookie Einstellungen", "Membership Options", "Site Accessibility"):
        assert flagged(LEDE, MIDDLE, END, label, byline=None) == [3], label
        assert flagged(label, LEDE, MIDDLE, END, byline=None) == [0], label


def test_nl332_a_line_of_figures_alone_at_an_edge():
    for line in ("3 / 12", "4. 4", "17"):
        assert flagged(line, LEDE, MIDDLE, END) == [0], line
        assert flagged(LEDE, MIDDLE, END, line) == [3], line
    vs = lint_record(rec("2 / 9", LEDE, MIDDLE, END), select="NL332")
    assert "figures alone opens the body" in vs[0].message
    # a time or a date is a stamp, a figure with words is a sentence or a label, and between
    # paragraphs a number may be a list's or a table's
    for line in ("14:05", "13.01.2026", "2025-03-14", "12/16/14", "40 cents more"):
        assert flagged(line, LEDE, MIDDLE, END) == [], line
    # a press release or wire copy closes on the newsroom's end mark: part of the copy, no counter
    for line in ("-30-", "- 30 -", "\u201430\u2014"):
        assert flagged(LEDE, MIDDLE, END, line) == [], line
    assert flagged(LEDE, "3.", MIDDLE, END) == []


def test_nl332_leaves_a_menu_run_to_nl323():
    record = rec("Sign in", "Newsletters", "Puzzles and Games", LEDE, MIDDLE, END)
    found = [(v.code, v.paragraph) for v in lint_record(record, select=["NL323", "NL332"])]
    assert found == [("NL323", 0)]
    # alone, the same first line is NL332's
    assert flagged("Sign in", LEDE, MIDDLE, END) == [0]


def test_nl332_labels_of_the_story_pass():
    # a kicker, a subheading or a dek that speaks of the story repeats its words
    for line in ("Ferry Fares", "Night boats", "Harbour transport in numbers", "Neue Tarife für die Harbour-Fähre"):
        assert flagged(line, LEDE, MIDDLE, END) == [], line
        assert flagged(LEDE, MIDDLE, END, line) == [], line
    # a box heading that names the story's subject with the title, though few of its words recur
    assert flagged("The ferry changes at a glance", LEDE, MIDDLE, END) == []
    assert flagged("Key facts about the ferry changes", LEDE, MIDDLE, END) == []


def test_nl332_author_lines_datelines_and_credits_pass():
    cases = [
        ("By Tomas Berglund", LEDE, MIDDLE, END),        # a byline, whatever the byline field says
        ("von Tomas Berglund", LEDE, MIDDLE, END),
        ("Maria Lindqvist", LEDE, MIDDLE, END),          # the byline field's name
        ("OSLO HARBOUR", LEDE, MIDDLE, END),              # a dateline in capitals
        ("Edited by H. J. Moss", LEDE, MIDDLE, END),      # initials: a credit
        ("Photo: Lena Roth/Reuters", LEDE, MIDDLE, END),  # a credit
        ("14 March 2025", LEDE, MIDDLE, END),             # a stamp
        (LEDE, MIDDLE, END, "— Tomas Berglund"),          # a signature
        (LEDE, MIDDLE, END, "Additional reporting by Lena Roth"),  # a credit
        (LEDE, MIDDLE, END, "With reports from Nordic Wire and Kystposten"),
        (LEDE, MIDDLE, END, "TOMAS BERGLUND IS OUR TRANSPORT EDITOR"),  # an author's note in capitals
    ]
    for paragraphs in cases:
        assert flagged(*paragraphs) == [], paragraphs
    # without a byline field, a name alone opening or closing the body may be the author's
    assert flagged("Tomas Berglund", LEDE, MIDDLE, END, byline=None) == []
    assert flagged(LEDE, MIDDLE, END, "Tomas Berglund", byline=None) == []
    # (and so may be a label of capitalised words); with one, such a label is still a label
    assert flagged("Weekend Magazine", LEDE, MIDDLE, END, byline=None) == []
    assert flagged("Weekend Magazine", LEDE, MIDDLE, END) == [0]


def test_nl332_sentences_repeats_fragments_and_short_bodies_pass():
    assert flagged("Fares are going up.", LEDE, MIDDLE, END) == []
    assert flagged(LEDE, MIDDLE, END, "What do you think?") == []
    assert flagged(TITLE, LEDE, MIDDLE, END) == []               # the headline is NL102's
    assert flagged(LEDE, MIDDLE, END, "Sign up for our daily") == []  # ends in lower case: NL325's fragment
    assert flagged("Jump to navigation", LEDE, END) == [0]
    assert flagged("Jump to navigation", LEDE) == []             # too short a body to judge
    # a lone label between paragraphs has the shape of a subheading
    assert flagged(LEDE, "Weekend Supplement", MIDDLE, END) == []


def test_nl332_section_name_with_an_ampersand_between_paragraphs():
    assert flagged(LEDE, "Home & Garden", MIDDLE, END) == [1]
    assert flagged(LEDE, MIDDLE, "Kunst & Kultur", END) == [2]
    # a subheading of the story names its subject; a sentence with an ampersand is not a label
    assert flagged(LEDE, "Fares & night boats", MIDDLE, END) == []
    assert flagged(LEDE, "Smith & Sons said nothing.", MIDDLE, END) == []
    assert flagged(LEDE, "Q&A", MIDDLE, END) == []
