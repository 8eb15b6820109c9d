"""NL331 stray-menu-item: a lone list entry of the page between paragraphs of prose."""

from __future__ import annotations

from helpers import END, MIDDLE, PROSE, council_record, lint_record

rec = council_record


def test_nl331_lone_menu_entries_at_the_start_middle_and_end():
    for entry, where in (("* Local Politics", 0), ("+ Klima & Umwelt", 1), ("o Eishockey", 1), ("• Newsletter", 3)):
        paragraphs = [PROSE, MIDDLE, END]
        paragraphs.insert(where, entry)
        vs = lint_record(rec(*paragraphs), select="NL331")
        assert [v.paragraph for v in vs] == [where], entry
        assert vs[0].fix is not None and not vs[0].fix.safe


def test_nl331_lists_sentences_dashes_and_short_bodies_pass():
    listed = rec(PROSE + " The plan has three parts:", "* a lane on the ring road", "* a bridge over the canal",
                 "* bike parking at the station", END)
    assert lint_record(listed, select="NL331") == []
    for line in ("* The vote was 9 to 4.", "- Angst vor den Baustellen", "o que dizem os moradores",
                 "* The transport office expects the first cyclists on the ring road lane in the second week of May"):
        assert lint_record(rec(PROSE, line, MIDDLE, END), select="NL331") == [], line
    assert lint_record(rec(PROSE, "* Local Politics"), select="NL331") == []  # too short a body to judge


def test_nl331_short_run_of_menu_entries():
    vs = lint_record(rec(PROSE, "* Wirtschaft", "* Sport", "+ Kultur & Medien", MIDDLE, END), select="NL331")
    assert [v.paragraph for v in vs] == [1] and vs[0].message.startswith("3 menu entries")
    assert len(vs[0].fix.edits) == 3


def test_nl331_list_of_quantities_or_sentences_passes():
    amounts = rec(PROSE, "* 2 kilometres of new lanes", "* 140 bike stands", "* 3 crossings", END)
    assert lint_record(amounts, select="NL331") == []
    mixed = rec(PROSE, "* Shop owners fear losing parking spaces", "* The works start in May.", END)
    assert lint_record(mixed, select="NL331") == []


def test_nl331_run_of_menu_entries_under_a_heading_with_a_colon():
    vs = lint_record(rec(PROSE, "* Follow us:", "* Newsletter", "* Podcasts", MIDDLE, END), select="NL331")
    assert [v.paragraph for v in vs] == [1] and vs[0].message.startswith("3 menu entries")


def test_nl331_list_of_fields_each_with_a_colon_passes():
    # a fact box whose entries end in colons, or a heading over entries with figures, is the article's own list
    facts = rec(PROSE, "* Length:", "* Cost:", MIDDLE, END)
    assert lint_record(facts, select="NL331") == []
    figures = rec(PROSE, "* Key figures:", "* 2 kilometres", "* 140 stands", MIDDLE, END)
    assert lint_record(figures, select="NL331") == []
