"""NL505 brief-body and NL506 body-off-title: short bodies that are probably not the whole article."""

from __future__ import annotations

from helpers import lint_record

TITLE = "Council Approves New Cycle Lanes After Long Debate"
LEDE = ("The council voted 9 to 4 on Tuesday for a network of protected cycle lanes across the centre, after a "
        "debate that went on for most of the afternoon.")
MORE = ("Work on the first lane, on the ring road, starts in May. The transport office expects it to open to "
        "cyclists before the summer holidays, and the second lane, along the canal, to follow in the autumn.")
REST = ("Shop owners on the ring road said they feared losing customers during the works and asked the council "
        "for a parking plan. The mayor said delivery bays would stay and that the plan would be reviewed after "
        "six months, once the first figures on traffic and trade were in.")
NOTICE = ("We use cookies to measure how visitors use this website and to show them relevant offers. You can "
          "change your choice at any time in the privacy settings at the bottom of each page. Some functions "
          "of the website may not work without these cookies, and we share the data with partners who help "
          "us run the site.")


def rec(*paragraphs: str, title: str = TITLE) -> dict:
    return {"title": title, "text": "\n\n".join(paragraphs)}


def test_nl505_lede_only_body():
    vs = lint_record(rec(LEDE, MORE), select="NL505")
    assert len(vs) == 1 and vs[0].field == "text" and "brief body" in vs[0].message


def test_nl505_full_story_and_stub_pass():
    assert lint_record(rec(LEDE, MORE, REST), select="NL505") == []
    assert lint_record(rec("Subscribe to read the full story."), select="NL505") == []  # NL204's
    vs = lint_record(rec(LEDE, MORE), select="NL505", NL505={"min-words": 60})
    assert vs == []


def test_nl506_body_from_another_block_of_the_page():
    vs = lint_record(rec(NOTICE, title=TITLE + " | City News"), select="NL506")
    assert len(vs) == 1 and "title's" in vs[0].message


def test_nl506_body_about_the_title_long_body_and_short_title_pass():
    # inflected forms count: "approved", "debated" match "approves", "debate" by their first five letters
    assert lint_record(rec(LEDE, MORE), select="NL506") == []
    assert lint_record(rec(NOTICE, NOTICE.replace("website", "site"), NOTICE.upper(), NOTICE.lower(), LEDE, MORE, REST,
                           REST.upper(), NOTICE + " " + REST), select="NL506") == []  # 300 words or more
    assert lint_record(rec(NOTICE, title="Lanes Approved"), select="NL506") == []  # too few title words
    assert lint_record(rec("Accept all cookies to read on."), select="NL506") == []  # a stub is NL204's
    assert lint_record(rec(NOTICE, title="市議会が自転車道を承認"), select="NL506") == []  # no spaces to match words by


def test_nl506_headline_in_other_words_passes():
    # one title word of five in the body ("council"): a headline may paraphrase the story
    body = ("The city council voted on Tuesday to close the old swimming hall at the end of the year. Repairs to "
            "the roof and the heating would have cost more than a new building, the treasurer said, and the "
            "schools that use the pool will be offered lanes in the sports centre across the river instead.")
    assert lint_record(rec(body, title="Council Shuts Ageing Baths Downtown"), select="NL506") == []
