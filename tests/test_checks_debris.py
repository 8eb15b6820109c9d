"""NL320-NL326: markup, code, menus, truncation and placeholders left in the text."""

from __future__ import annotations

import pytest

from helpers import codes, found, lint, lint_record


def article(*paragraphs: str, title: str = "Council Approves New Cycle Lanes") -> str:
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


PROSE = "The council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon."
END = "Work on the first lane starts in May, the transport office said."


# ---------------------------------------------------------------------- NL320 html-tag
def test_nl320_tags_in_body_and_title():
    rec = {"id": "r1", "title": "<b>Council</b> Approves New Cycle Lanes",
           "text": "The council voted on Tuesday.<br/>Work starts in May.\n\nNothing else."}
    vs = lint_record(rec, select="NL320")
    assert [(v.code, v.field, v.paragraph) for v in vs] == [("NL320", "title", None), ("NL320", "text", 0)]
    body_fix = vs[1].fix
    text = "The council voted on Tuesday.<br/>Work starts in May."
    e = body_fix.edits[0]
    assert text[:e.start] + e.text + text[e.end:] == "The council voted on Tuesday. Work starts in May."
    assert not body_fix.safe


def test_nl320_and_nl321_name_the_paragraph_of_a_record_and_the_line_of_a_text_file():
    rec = {"id": "r2", "title": "Harbour Ferry Fares Rise",
           "text": "Passengers will pay 40 cents more from June.\n\nCommuter groups said the <i>increase</i> would hit shift workers &amp; students."}
    vs = lint_record(rec, select=["NL320", "NL321"])
    assert [(v.code, v.paragraph, v.message) for v in vs] == [
        ("NL320", 1, "HTML markup left in paragraph 2: <i>, </i>"),
        ("NL321", 1, "undecoded HTML entity in paragraph 2: &amp;"),
    ]
    # a text file's finding is at the paragraph's own line: the message need not name it
    vs = lint(article("Passengers will pay 40 cents more from June.",
                      "Commuter groups said the <i>increase</i> would hit shift workers &amp; students."), select=["NL320", "NL321"])
    assert [v.message for v in vs] == ["HTML markup left in the text: <i>, </i>", "undecoded HTML entity in the text: &amp;"]


def test_nl320_comparisons_and_arrows_are_not_tags():
    vs = lint(article("Turnout was < 40 % in the north and > 60 % in the south <3 said one voter.",
                      "Neither is <Reuters>, nor <em dash>, nor a <p class> without a value."), select="NL320")
    assert vs == []


# ---------------------------------------------------------------------- NL321 html-entity
def test_nl321_entities_decoded():
    rec = {"title": "Shares in AT&amp;T Rise", "text": "The company said it&#8217;s on&nbsp;track."}
    vs = lint_record(rec, select="NL321")
    assert [(v.field, v.message) for v in vs] == [
        ("title", "undecoded HTML entity in the text: &amp;"),
        ("text", "undecoded HTML entity in paragraph 1: &#8217;, &nbsp;"),
    ]
    edits = vs[1].fix.edits
    text = "The company said it&#8217;s on&nbsp;track."
    for e in reversed(edits):
        text = text[:e.start] + e.text + text[e.end:]
    assert text == "The company said it’s on track." and vs[1].fix.safe


def test_nl321_ampersands_that_are_not_entities_pass():
    vs = lint(article("AT&T; and R&D; spending rose; Q&A sessions & more were held.", title="Shares in AT&T Rise"), select="NL321")
    assert vs == []


def _fix_twice(tmp_path, name: str, content: str) -> str:
    """The file after one --fix of NL321 (a second --fix must leave it as it is)."""
    from newslint.cli import main

    target = tmp_path / name
    target.write_bytes(content.encode("utf-8"))
    main(["--isolated", "--no-cache", "--select", "NL321", "--fix", str(target)])
    once = target.read_bytes()
    main(["--isolated", "--no-cache", "--select", "NL321", "--fix", "--show-fixes", str(target)])
    assert target.read_bytes() == once
    return once.decode("utf-8")


@pytest.mark.parametrize("ref", ["&#10;", "&#x0A;", "&#x0a;", "&#13;", "&#8232;", "&#8233;", "&#11;", "&#12;", "&NewLine;"])
def test_nl321_line_break_references_become_a_space_in_text_formats(tmp_path, ref):
    txt = _fix_twice(tmp_path, "a.txt", f"Council Approves{ref}New Lanes\n\n{PROSE}{ref}{ref}{END}\nA second{ref}line.\n")
    assert txt == f"Council Approves New Lanes\n\n{PROSE}  {END}\nA second line.\n"
    md = _fix_twice(tmp_path, "a.md", f"# Council Approves{ref}New Lanes\n\n{PROSE}{ref}{END}\n")
    assert md == f"# Council Approves New Lanes\n\n{PROSE} {END}\n"


def test_nl321_line_break_references_still_decode_in_json(tmp_path):
    import json

    out = _fix_twice(tmp_path, "a.jsonl", json.dumps({"title": "Council Approves", "text": f"{PROSE}&#10;{END}"}) + "\n")
    assert json.loads(out)["text"] == f"{PROSE}\n{END}"


@pytest.mark.parametrize("line", [
    "&#35; not a heading", "&#62; not a quote", "&#45; not a list item", "&#43; not a list item",
    "&#49;. not a numbered item", "1&#46; not a numbered item", "&lt;script&gt;alert(1)&lt;/script&gt;",
    "a &#96;tick&#96; here", "some &#42;stars&#42; here", "some &#95;lines&#95; here", "a &#91;link&#93; here",
    "a &#92; backslash", "a &amp;lt; that stays a reference",
])
def test_nl321_markdown_syntax_is_reported_not_decoded(tmp_path, line):
    content = f"# Council Approves New Lanes\n\n{PROSE}\n\n{line}\n"
    md = _fix_twice(tmp_path, "a.md", content)
    assert md == content
    vs = lint(content, "md", select="NL321")
    assert len(vs) == 1 and vs[0].fix is None and "(not fixed: decoded, it would" in vs[0].message


def test_nl321_markdown_decodes_what_is_not_syntax_where_it_stands(tmp_path):
    content = (f"# Council Approves New Lanes\n\n{PROSE}\nwrapped &#35;5 and a &#45; dash, 2&#46; and AT&amp;T\n\n"
               "&#35; a heading it is not\n")
    md = _fix_twice(tmp_path, "a.md", content)
    assert md == (f"# Council Approves New Lanes\n\n{PROSE}\nwrapped #5 and a - dash, 2. and AT&T\n\n"
                  "&#35; a heading it is not\n")


def test_nl321_plain_text_leaves_a_reference_that_would_make_another(tmp_path):
    content = f"Council Approves New Lanes\n\n{PROSE} &amp;lt; and AT&amp;T &#35;5.\n"
    txt = _fix_twice(tmp_path, "a.txt", content)
    assert txt == f"Council Approves New Lanes\n\n{PROSE} &amp;lt; and AT&T #5.\n"


# ---------------------------------------------------------------------- NL322 css-js-residue
def test_nl322_tracker_script():
    code = "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });"
    assert found(lint(article(PROSE, code, END), select="NL322")) == [("NL322", 5)]


def test_nl322_style_sheet():
    css = ".caption { font-size: 12px; color: #333; } @media (max-width: 600px) { .caption { display: none; } }"
    assert codes(lint(article(PROSE, css), select="NL322")) == ["NL322"]


def test_nl322_prose_with_braces_and_semicolons_passes():
    text = "The plan (approved 9 to 4; two abstained) sets a budget {in euros} = 4 million; work starts in May."
    assert lint(article(text, "The function of the new lanes, the mayor said, is to keep cyclists safe."), select="NL322") == []


@pytest.mark.parametrize("line", ["if (window.innerWidth >= 700) {", "player.src = '/static/video/embed.js';",
                                  "var top_stories_count = parseInt(4);",
                                  "Loader.require('/static/js/gallery/slides.js', function(){"])
def test_nl322_one_statement_of_script_on_its_own(line):
    assert found(lint(article(PROSE, line, END), select="NL322")) == [("NL322", 5)]


def test_nl322_prose_opening_like_a_statement_passes():
    for text in ("If (as the mayor hopes) the lanes open in May, cyclists will save ten minutes = a third of the trip.",
                 "Council.gov lists the votes of each member (9 for, 4 against); the minutes follow next week.",
                 "For (almost) every street on the ring road, the plan keeps one lane for cars {see the map}."):
        assert lint(article(PROSE, text, END), select="NL322") == [], text


@pytest.mark.parametrize("code", [
    "if (typeof page_kind === 'undefined') { var page_kind = 'story'; }",
    ".promo-box .promo-title { display: none; }",
    "nav.top,nav.bottom{display:flex}",
    "window.siteSettings = {\"theme\":\"dark\",\"paywall\":{\"enabled\":false,\"limit\":3},\"ads\":",
    "/* <![CDATA[ */ var shareCfg = {\"url\":\"https:\\/\\/example.org\\/share\",\"count\":\"1\"}; /* ]]> */",
    "setTimeout(function(){ comments.load(); }, 5000);",
    "Site.ready(function () { Site.track({\"section\":\"local\",\"kind\":\"article\",\"words\":",
])
def test_nl322_script_or_style_by_its_opening_and_code_tokens(code):
    # an inline script or style cut at a length limit: no closing ";", one statement, one CSS rule
    assert found(lint(article(PROSE, code, END), select="NL322")) == [("NL322", 5)]


def test_nl322_prose_with_a_few_code_like_tokens_passes():
    for text in ("Bikes.com (a shop on Main Street) sold 40 e-bikes this year; it expects 60 next year.",
                 "Budget {in euros}: the plan costs 4 million = 2 million less than last year's plan.",
                 "while (for now) the lanes are painted, kerbs follow in June; the mayor called it a start."):
        assert lint(article(PROSE, text, END), select="NL322") == [], text


def test_nl322_a_listing_the_article_introduces_is_not_residue():
    intro = "To show the route on a map, the council's open-data page runs this snippet:"
    listing = "map.setView([52.52, 13.40], 12); map.addLayer(bikeLanes); map.on('zoom', redraw); // layers for buses follow"
    assert lint(article(PROSE, intro, listing, END), select="NL322") == []
    assert found(lint(article(PROSE, listing, END), select="NL322")) == [("NL322", 5)]


# ---------------------------------------------------------------------- NL323 navigation-menu
def test_nl323_menu_run():
    menu = ["Home", "News", "Politics", "Business", "Sport", "Culture"]
    vs = lint(article(*menu, PROSE), select="NL323")
    assert found(vs) == [("NL323", 3)]
    assert vs[0].end_line == 13 and len(vs[0].fix.edits) == 6 and not vs[0].fix.safe


def test_nl323_labels_joined_into_one_line_by_bars_or_arrows():
    footer = "About the Paper | Privacy Notice | Terms of Use | Site Map | Contact"
    vs = lint(article(PROSE, END, footer), select="NL323")
    assert found(vs) == [("NL323", 7)] and "joined into one line" in vs[0].message
    assert [e.paragraph for e in vs[0].fix.edits] == [2] and not vs[0].fix.safe
    crumbs = "Startseite › Regional › Hamburg › Verkehr"
    assert found(lint(article(crumbs, PROSE, END), select="NL323")) == [("NL323", 3)]


def test_nl323_programme_lines_quotes_and_table_rows_with_bars_pass():
    lines = ["Radio North | Evening News | 06.07.2026 | 19:00",
             "»Wir bauen die Radwege«, sagte die Bürgermeisterin. »Und zwar bald«",
             "| Lane | Length | Cost | Opening |",
             "The results were close: Ward A | Ward B | Ward C each backed the plan by a few votes."]
    assert lint(article(PROSE, *lines, END), select="NL323") == []


def test_nl323_caption_debris_repeating_is_not_a_menu():
    # alternating photo labels and credits look like short labels but repeat: not a menu
    debris = ["Highlights", "Photo", "Credit Jane Roe", "Photo", "Credit Ann Lee", "Photo", "Credit Tom Poe"]
    assert lint(article(PROSE, *debris, END), select="NL323") == []


def test_nl323_lists_with_figures_or_sentences_pass():
    items = ["2 eggs", "100g flour", "1 cup milk", "A pinch of salt.", "Butter, for frying", "Maple syrup, to serve"]
    assert lint(article(PROSE, *items, END), select="NL323") == []


def test_nl323_short_run_of_labels_at_the_start_or_end_of_the_body():
    crumbs = ["Startpage", "Local News", "Transport"]
    vs = lint(article(*crumbs, PROSE, END), select="NL323")
    assert found(vs) == [("NL323", 3)] and "at the start of the body" in vs[0].message and len(vs[0].fix.edits) == 3
    footer = ["More on this:", "Cycling", "City Council", "Reuse this content"]
    vs = lint(article(PROSE, END, *footer), select="NL323")
    assert found(vs) == [("NL323", 7)] and "at the end of the body" in vs[0].message


def test_nl323_short_runs_inside_the_body_credits_and_repeats_at_the_edges_pass():
    # a book list inside the text, credit lines with a colon in them, a repeated caption label
    books = ["Picture Books", "The Lost Lane", "Mara Quill"]
    assert lint(article(PROSE, *books, END), select="NL323") == []
    credits = ["Text: Jane Roe", "Photos: Ann Lee", "Editing: Tom Poe"]
    assert lint(article(PROSE, END, *credits), select="NL323") == []
    captions = ["Photo", "Credit Jane Roe", "Photo"]
    assert lint(article(*captions, PROSE, END), select="NL323") == []
    two_headings = ["Pros:", "Cons:", "Verdict"]
    assert lint(article(PROSE, END, *two_headings), select="NL323") == []
    assert lint(article("Startpage", "Local News", "Transport"), select="NL323") == []  # nothing but labels
    # a Japanese lede broken at its links, under a dateline in brackets, is not a menu
    lede = ["保存しました", "【札幌＝田中花子】市内の", "鈴木一郎"]
    assert lint(article(*lede, "市議会は新しい自転車道の計画を承認した。", "工事は五月に始まる。"), select="NL323") == []


def test_nl323_short_run_of_labels_unrelated_to_the_story_between_paragraphs():
    menu = ["Log out", "Trending now", "Weather Radar"]
    vs = lint(article(PROSE, *menu, END), select="NL323")
    assert found(vs) == [("NL323", 5)] and "unrelated to the story" in vs[0].message and len(vs[0].fix.edits) == 3
    sections = ["WORLD", "SCIENCE", "TV:", "Podcasts"]  # a group heading with a colon among the labels
    assert found(lint(article(PROSE, *sections, END), select="NL323")) == [("NL323", 5)]


def test_nl323_the_article_own_short_lists_between_paragraphs_pass():
    # a list that names what the story is about
    books = ["Picture Books", "The Night Ferry", "Lena Holm"]
    review = "Our reviewer picked three new picture books for the holidays; the first is a quiet story about a ferry at night."
    assert lint(article(review, *books, END, title="Holiday Reading for Children"), select="NL323") == []
    # a list under its heading, and the tail of a longer list broken by an entry with a bracket
    stops = ["Harbour Gate", "Mill Street", "Old Market"]
    assert lint(article(PROSE, "The three new stops on the route are:", *stops, END), select="NL323") == []
    market = ["Rye bread", "Apple cider (hot)", "Smoked trout", "Pickled beets", "Honey cake"]
    assert lint(article(PROSE, *market, END), select="NL323") == []


def test_nl323_menu_flattened_into_one_paragraph_with_empty_entries():
    flat = "Our magazines - - - - - - Garden Weekly Home & Table Kids Today City Cycling"
    vs = lint(article(PROSE, flat, END), select="NL323")
    assert found(vs) == [("NL323", 5)] and "empty entries" in vs[0].message


def test_nl323_a_divider_line_or_a_score_is_not_a_flattened_menu():
    assert lint(article(PROSE, "- - -", END), select="NL323") == []
    assert lint(article(PROSE, "| 2019 | * The council passed the first cycling budget. | | |", END), select="NL323") == []
    assert lint(article(PROSE, "The group stage ended 3 - 1 - 0 for the home side, with one draw / two wins.", END),
                select="NL323") == []


# ---------------------------------------------------------------------- NL324 truncated-body / NL325 unfinished-ending
@pytest.mark.parametrize("last", ["Ministers failed to agree on the reform, leaving ... Continue reading",
                                  "Ministers failed to agree on the reform late on Monday. Read more »",
                                  "Die Minister konnten sich nicht einigen. [...]"])
def test_nl324_truncated(last):
    assert found(lint(article(PROSE, last), select="NL324")) == [("NL324", 5)]


def test_nl324_furniture_and_mid_body_links_pass():
    # "Continue reading the main story" as a paragraph of its own is page furniture (NL302), not a cut
    assert lint(article(PROSE, "Continue reading the main story"), select="NL324") == []
    assert lint(article("Read more about the plan below.", PROSE, END), select="NL324") == []


def test_nl325_ellipsis_and_mid_sentence():
    vs = lint(article(PROSE, "The finance minister said the coalition would need to find savings of at least four "
                             "billion euros before the budget vote, and that the"), select="NL325")
    assert codes(vs) == ["NL325"] and "mid-sentence" in vs[0].message
    vs = lint(article(PROSE, "The minister said the plan would be ready by…"), select="NL325")
    assert codes(vs) == ["NL325"] and "ellipsis" in vs[0].message


def test_nl325_sign_offs_and_names_pass():
    # false positives seen on real articles: a proper name ending a quote, a bio ending in an e-mail
    # address, initials of an agency, and a short line ending in a lower-case word
    for last in ["The talks will continue on Friday in the capital, and the outcome is open, said the union leader Jane Roe",
                 "Jane Roe is a reporter covering technology and free speech. Follow her on Twitter or email her at jroe@example.com",
                 "See more photos in the gallery, images by staff"]:
        assert lint(article(PROSE, last), select="NL325") == [], last


# ---------------------------------------------------------------------- NL326 template-placeholder
@pytest.mark.parametrize("text", ["By {{ author.name }}", "Lorem ipsum dolor sit amet, consectetur adipiscing elit.",
                                  "The minister said ${quote} on Tuesday.", "INSERT QUOTE HERE", "Turnout was TK TK percent."])
def test_nl326_placeholders(text):
    assert codes(lint(article(PROSE, text), select="NL326")) == ["NL326"]


def test_nl326_placeholder_in_title():
    vs = lint_record({"title": "{{ headline }}", "text": PROSE}, select="NL326")
    assert [(v.field, v.message) for v in vs] == [("title", "template placeholder or filler text: '{{ headline }}'")]


def test_nl326_jokes_and_code_samples_pass():
    # a humorous sign-off, and a template quoted in a programming tutorial (both seen in real articles)
    assert lint(article(PROSE, "Love always, [insert your name here]"), select="NL326") == []
    tutorial = '<title>{{ username }}</title> <div class="badge">{{ badge }}</div>'
    assert lint(article(PROSE, tutorial), select="NL326") == []
