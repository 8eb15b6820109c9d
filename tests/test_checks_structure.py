"""Issue 11's structural rules: stamps, bios, rights lines, media furniture, error pages, lists of
headlines, a lede cut at its start, a body shorter than its summary; NL101 on short repeats and
NL325 on endings cut on a function word. Every example is written for these tests."""

from __future__ import annotations

from helpers import END, MIDDLE, PROSE, council_record, codes, lint, lint_record

rec = council_record


def messages(vs) -> list[str]:
    return [v.message for v in vs]


# ---------------------------------------------------------------------- NL311 byline-date-echo
def test_nl311_byline_stamp_and_reading_time_at_the_top():
    r = rec("By Anna Berg", "Updated: 14.03.2024, 09:12", "4 min read", PROSE, MIDDLE, END,
            byline="Anna Berg", date="2024-03-14")
    vs = lint_record(r, select="NL311")
    assert [v.paragraph for v in vs] == [0, 1, 2]
    assert vs[0].message.startswith("the byline echoed") and "date stamp" in vs[1].message
    assert "reading time" in vs[2].message and vs[0].fix.safe
    # the fix names what it deletes once, with its own article
    assert [v.fix.description for v in vs] == [
        "delete paragraph 1, the byline", "delete paragraph 2, a date stamp", "delete paragraph 3, a reading time"]


def test_nl311_byline_without_a_byline_field_and_a_stamp_at_the_end():
    vs = lint_record(rec(PROSE, MIDDLE, END, "Posted on Friday, March 15, 2024 at 6:40 pm"), select="NL311")
    assert [v.paragraph for v in vs] == [3]
    vs = lint_record(rec("Von Anna Berg und Tom Li", PROSE, MIDDLE, END), select="NL311")
    assert [v.paragraph for v in vs] == [0]


def test_nl311_sentences_with_dates_and_names_pass():
    r = rec("Anna Berg met the mayor on 14 March 2024.", PROSE, MIDDLE,
            "Friday, March 15: council meeting on the second phase", "By Tuesday the plan had passed.",
            byline="Anna Berg")
    assert lint_record(r, select="NL311") == []


def test_nl311_looks_only_at_the_edges_of_the_body():
    middle_stamp = ["March 14, 2024"]
    r = rec(PROSE, MIDDLE, END, *middle_stamp, PROSE + " Again.", MIDDLE + " Again.", END + " Again.")
    assert lint_record(r, select="NL311") == []


# ---------------------------------------------------------------------- NL312 rights-line
def test_nl312_copyright_and_syndication_lines():
    r = rec(PROSE, END, "© 2024 Daily Courier. All rights reserved.",
            "This story originally appeared in the Weekly Ledger and is republished with permission.")
    assert [v.paragraph for v in lint_record(r, select="NL312")] == [2, 3]


def test_nl312_reproduction_notice_in_several_languages_whatever_the_article_language():
    # a site prints one footer under articles in every language it publishes
    german = {"title": "Fähre wird teurer", "text": "Die Hafenfähre kostet ab Juni 40 Cent mehr, teilte die Verkehrsbehörde am Montag mit.\n\n"
              "Pendlerverbände kritisieren die Erhöhung, weil die Nachtboote die einzige Verbindung nach Mitternacht sind.\n\n"
              "Texts and pictures on these pages may not be republished without the publisher's consent."}
    assert [v.paragraph for v in lint_record(german, select="NL312")] == [2]
    for line in ("Nachdruck und Weitergabe nur mit schriftlicher Genehmigung der Redaktion",
                 "Le Courrier du Port – Reproduction interdite sans accord préalable",
                 "Prohibida su reproducción total o parcial", "Alle Rechte vorbehalten"):
        assert [v.paragraph for v in lint_record(rec(PROSE, END, line), select="NL312")] == [2], line


def test_nl312_reproduction_as_a_subject_passes():
    r = rec(PROSE, "The first reprint of the city's 1890 map sold out within a week, the library said.",
            "Der Nachdruck der Karte erschien im Mai und kostet zwölf Euro.",
            "The museum said the painting may not be moved again before the restoration is finished.")
    assert lint_record(r, select="NL312") == []


def test_nl312_copyright_as_a_subject_passes():
    r = rec(PROSE, "The copyright on the lane design belongs to the city, the lawyer said.",
            "She said copyright infringement claims were unlikely.")
    assert lint_record(r, select="NL312") == []


# ---------------------------------------------------------------------- NL313 app-prompt
def test_nl313_app_and_follow_prompts():
    r = rec(PROSE, END, "Get the Daily Courier app for breaking news.", "Follow us on Instagram.",
            "Available on the App Store and Google Play")
    assert [v.paragraph for v in lint_record(r, select="NL313")] == [2, 3, 4]


def test_nl313_a_sentence_about_an_app_passes():
    r = rec(PROSE, "Cyclists will be able to report potholes through an app, which the council "
                   "says 3,000 people downloaded in its first week.", "Fans follow the club on social media.")
    assert lint_record(r, select="NL313") == []


def test_nl313_store_badges_alone_are_a_prompt():
    r = rec(PROSE, END, "App Store | Google Play")
    assert [v.paragraph for v in lint_record(r, select="NL313")] == [2]


def test_nl313_a_news_sentence_naming_both_stores_passes():
    # the product story says where the app is sold: a sentence, not a pair of download badges
    r = rec(PROSE, "The transit office released its ticket app on Monday; it is sold through the App Store "
                   "and Google Play for 2 euros and replaces the paper passes used since 1998.", END)
    assert lint_record(r, select="NL313") == []
    r = rec("交通局は新しい乗車券アプリを発表した。", "アプリはApp StoreとGoogle Playで配信され、"
            "市内のバスと路面電車で使える定期券を購入できる。", "利用は無料だという。", language="ja")
    assert lint_record(r, select="NL313") == []


# ---------------------------------------------------------------------- NL314 media-furniture
def test_nl314_gallery_and_player_labels():
    r = rec(PROSE, "Photo 3 of 12", "1 / 24", "Watch video", "02:15", "Next image",
            "Watch: Cyclists ride the first lane", END)
    assert [v.paragraph for v in lint_record(r, select="NL314")] == [1, 2, 3, 4, 5, 6]


def test_nl314_sentences_about_videos_and_scores_pass():
    r = rec(PROSE, "The video of the debate was watched 3 of 12 times by councillors, a clerk joked.",
            "Turnout was 2 of 3 voters.", "The meeting ended at 10:45 pm.", END)
    assert lint_record(r, select="NL314") == []


# ---------------------------------------------------------------------- NL315 author-bio
def test_nl315_bio_of_the_byline_author_at_the_end():
    r = rec(PROSE, END, "Anna Berg covers transport for the Daily Courier. She has reported from the city hall since 2019.",
            byline="By Anna Berg and Tom Li")
    vs = lint_record(r, select="NL315")
    assert [v.paragraph for v in vs] == [2] and not vs[0].fix.safe


def test_nl315_author_named_in_a_sentence_or_a_longer_name_passes():
    r = rec(PROSE, "Anna Bergman, who chairs the committee, said the vote was fair.",
            "Asked about it, Anna Berg said she had cycled to work for ten years.", byline="Anna Berg")
    assert lint_record(r, select="NL315") == []
    assert lint_record(rec(PROSE, END, "Anna Berg is a reporter."), select="NL315") == []  # no byline field


def test_nl315_author_box_without_a_byline_field():
    box = ["Lena Okafor", "Lena Okafor is the city hall reporter of the Harbour Gazette. She joined the paper in 2018."]
    vs = lint_record(rec(PROSE, MIDDLE, END, *box), select="NL315")
    assert [v.paragraph for v in vs] == [4]
    # a body that is only the box (the extractor took the wrong block of the page)
    assert [v.paragraph for v in lint_record(rec(*box), select="NL315")] == [1]


def test_nl315_a_series_of_profiles_passes():
    profiles = ["Lena Okafor", "Lena Okafor is the Green candidate. She has run a bakery on Mill Street since 2010.",
                "Tom Reyes", "Tom Reyes is the Labour candidate. He has taught maths at the harbour school for 20 years."]
    assert lint_record(rec(PROSE, *profiles), select="NL315") == []


def test_nl315_the_authors_namesake_quoted_at_the_end_passes():
    r = rec(PROSE, "Anna Berg told the meeting that 180 residents had signed the petition for the lanes.",
            byline="Anna Berg")
    assert lint_record(r, select="NL315") == []
    r = rec(PROSE, "Anna Berg ist Verkehrsreporterin beim Stadtanzeiger und lebt in Köln.", byline="Anna Berg")
    assert [v.paragraph for v in lint_record(r, select="NL315")] == [1]


# ---------------------------------------------------------------------- NL325 unfinished-ending
def test_nl325_ending_on_a_function_word_is_cut_even_when_short():
    vs = lint_record(rec(PROSE, "The mayor said the second phase would start after the"), select="NL325")
    assert [v.paragraph for v in vs] == [1] and "'... the'" in vs[0].message


def test_nl325_short_ending_on_a_noun_passes():
    assert lint_record(rec(PROSE, END, "Additional reporting by Tom Li"), select="NL325") == []


def test_nl325_cut_inside_a_sentence_in_any_script():
    cut = [
        # a capitalised German noun, a number, a Czech word: the last sentence stops in the middle
        "Der Stadtrat hat den Plan am Dienstag gebilligt. Die Arbeiten am ersten Abschnitt beginnen nach den Ferien im",
        "Die Verwaltung rechnet mit Kosten von zwölf Millionen Euro. Der Bund übernimmt davon die Hälfte der Ausgaben",
        "The council approved the plan on Tuesday. The first lane will cost the city about 4.2 million in",
        "Rada města plán schválila v úterý. Stavba prvního pruhu začne po prázdninách a potrvá zhruba pět",
        "The council approved the plan on Tuesday. The cost of the first section alone comes to 2035",
    ]
    for last in cut:
        vs = lint_record(rec(PROSE, MIDDLE, last), select="NL325")
        assert [v.paragraph for v in vs] == [2], last


def test_nl325_short_fragment_or_lower_case_label_at_the_end():
    for last in ("Der Bürgermeister sagte, dass die", "The mayor was asked whether the second phase", "In response,",
                 "The editors recommend"):
        vs = lint_record(rec(PROSE, MIDDLE, END, last), select="NL325")
        assert [v.paragraph for v in vs] == [3], last


def test_nl325_credits_lists_names_and_headings_at_the_end_pass():
    for last in ("Reporting by Anna Berg; editing by Tom Li",
                 "Text: Anna Berg, photos: Tom Li, layout: Ana Ruiz, translation: Sam Berg and Kim Lee",
                 "Opening hours of the new bike stations: Monday to Friday 6 to 22, weekends 8 to 20",
                 "The talks went on late into the night, and at the end the motion was carried by the deputy mayor Anna Berg",
                 "Mehr zum Thema Radverkehr", "Fotos: Tom Li", "Contact the newsroom at desk@example.org",
                 "The plan was approved.", "Continue reading the main story",
                 "The council meets again on Monday. Watch the debate live from 7 p.m. ET",
                 "開通予定の区間：中央駅、市役所前、北公園、運動場、大学病院、旧市街、港、空港"):
        assert lint_record(rec(PROSE, MIDDLE, END, last), select="NL325") == [], last
    # too short a body to tell a cut line from a closing remark
    assert lint_record(rec(PROSE, "See more photos in the gallery"), select="NL325") == []


def test_nl325_next_sentence_begun_and_cut_after_one_or_two_words():
    for last in ("The talks went on late into the night and ended without a vote, the deputy mayor said. After",
                 "Die Gespräche dauerten bis in die Nacht und endeten ohne Abstimmung, sagte sie danach. Dann",
                 "The talks went on late into the night and ended without a vote. “We will meet again,” she said.” On Monday"):
        vs = lint_record(rec(PROSE, MIDDLE, last), select="NL325")
        assert [v.paragraph for v in vs] == [2] and "mid-sentence" in vs[0].message, last


def test_nl325_name_after_an_abbreviation_or_an_agency_code_after_the_last_sentence_passes():
    for last in ("The talks went on late into the night and ended without a vote, according to Dr. Berg",
                 "The talks went on late into the night and ended without a vote in the U.S. Senate",
                 "The talks went on late into the night and ended without a vote, officials said. AFP"):
        assert lint_record(rec(PROSE, MIDDLE, last), select="NL325") == [], last


def test_nl325_short_line_ending_on_an_article_and_a_capitalised_word():
    for last in ("Die Stadt klagt nun gegen das Urteil", "The council then voted for the Plan"):
        vs = lint_record(rec(PROSE, MIDDLE, END, last), select="NL325")
        assert [v.paragraph for v in vs] == [3], last


def test_nl325_short_line_ending_on_a_name_or_a_title_passes():
    for last in ("With files from The Canadian Press", "Additional reporting by Anna Berg", "Rathaus Nord",
                 "Mehr zum Thema Radverkehr", "Ein Kommentar von Anna Berg"):
        assert lint_record(rec(PROSE, MIDDLE, END, last), select="NL325") == [], last


# ---------------------------------------------------------------------- NL327 lede-mid-sentence
def test_nl327_lede_starting_lower_case_or_with_a_comma():
    vs = lint_record(rec("and the mayor said the work would start in May, once the contracts were signed.", END),
                     select="NL327")
    assert [v.paragraph for v in vs] == [0] and "'and'" in vs[0].message
    vs = lint_record(rec("Photo: Tom Li", ", which the council approved on Tuesday after a long debate on costs.", END),
                     select="NL327")
    assert [v.paragraph for v in vs] == [1]


def test_nl327_brand_names_and_capitalised_ledes_pass():
    assert lint_record(rec("iPhone owners can now pay bus fares with their phones, the council said on Tuesday.", END),
                       select="NL327") == []
    assert lint_record(rec(PROSE, "and then it rained, which nobody had planned for that afternoon at all."),
                       select="NL327") == []
    # German opens quotations with a right-pointing guillemet
    assert lint_record(rec("»Wir bauen die Radwege im Mai«, sagte die Bürgermeisterin am Dienstag im Rat.", END),
                       select="NL327") == []


# ---------------------------------------------------------------------- NL329 error-page
def test_nl329_error_and_bot_check_pages():
    for body in ("404\n\nSorry, the page you are looking for does not exist.",
                 "Access Denied\n\nYou don't have permission to access this page on this server.",
                 "Just a moment...\n\nChecking your browser before accessing the site.",
                 "Please log in to continue reading."):
        vs = lint_record({"title": "Council Approves New Cycle Lanes", "text": body}, select="NL329")
        assert codes(vs) == ["NL329"], body
        assert vs[0].severity == "error"


def test_nl329_long_article_about_errors_passes():
    text = " ".join([PROSE, "Residents who tried the council website saw a page not found message for most of "
                     "the evening, and some were asked to verify you are human before the page loaded.", MIDDLE] * 5)
    assert lint_record(rec(text), select="NL329") == []
    assert lint_record(rec(PROSE, "The 404 bus route will be moved to the new lane.", END), select="NL329") == []


# ---------------------------------------------------------------------- NL330 headline-list
HEADLINES = ["Bus Fares to Rise in January After Fuel Costs Climb", "Police Name Driver Who Died in Motorway Crash",
             "Schools Get Extra Funding for Heating Repairs", "Local Team Wins Cup Final on Penalties",
             "New Library Opens Its Doors After Two Years", "Flood Warnings Issued for Three Rivers",
             "Hospital Waiting Times Fall for Second Month", "Why the Harbour Wall Needs Rebuilding Now?"]


def test_nl330_a_listing_page():
    vs = lint_record(rec(*HEADLINES), select="NL330")
    assert len(vs) == 1 and "8 headlines" in vs[0].message and "whole body" in vs[0].message
    vs = lint_record(rec(PROSE, MIDDLE, END, *HEADLINES), select="NL330")
    assert [v.paragraph for v in vs] == [3]


def test_nl330_headings_between_paragraphs_and_short_lists_pass():
    paras = [p for h in HEADLINES[:4] for p in (h, PROSE)]
    assert lint_record(rec(*paras), select="NL330") == []
    assert lint_record(rec(PROSE, *HEADLINES[:5], END), select="NL330") == []


RAIL = ["Storm Warning", "Forecasters expect gusts of up to 90 km/h along the coast on Thursday night.",
        "Zoo Welcomes Twin Otters", "The pups were born in April and can be seen from the river enclosure.",
        "Bakery Wins National Prize", "Judges praised the rye loaf made with flour from a mill upstream.",
        "Ferry Timetable Changes", "From June the last boat to the island leaves half an hour earlier."]


def test_nl330_a_rail_of_teasers_for_other_stories_at_the_end():
    vs = lint_record(rec(PROSE, MIDDLE, END, *RAIL), select="NL330")
    assert [v.paragraph for v in vs] == [3]
    assert "rail of 4 teasers" in vs[0].message and "'Storm Warning'" in vs[0].message
    assert [e.paragraph for e in vs[0].fix.edits] == list(range(3, 11)) and not vs[0].fix.safe
    # one or two last lines after the rail (a footer label) do not hide it
    vs = lint_record(rec(PROSE, MIDDLE, END, *RAIL, "More from the region"), select="NL330")
    assert [v.paragraph for v in vs] == [3]


def test_nl330_sections_of_one_paragraph_on_the_article_subject_pass():
    sections = ["The Vote", "Councillors approved the cycle lanes plan by nine votes to four after a long debate.",
                "The Cost", "The cycle lanes plan will cost the council 4.2 million euros over two years.",
                "The Critics", "Shop owners said the cycle lanes plan would cost them parking spaces.",
                "What Comes Next", "Work on the first of the cycle lanes starts in May, the council said."]
    assert lint_record(rec(PROSE, MIDDLE, *sections), select="NL330") == []
    # two teasers are not a rail; a rail that is the whole body is a listing page, not an appendix
    assert lint_record(rec(PROSE, MIDDLE, END, *RAIL[:4]), select="NL330") == []
    assert lint_record(rec(*RAIL), select="NL330") == []


INTERVIEW = ["Q: Why did you start riding to work?",
             "A: My doctor told me to move more, and the bus took forty minutes each way in traffic.",
             "Q: What changed when the first lane opened?",
             "A: Mornings became calmer. Parents began letting older children pedal to school alone.",
             "Q: Which junction still frightens you?",
             "A: Where the ring road meets Mill Street, because lorries turn left across riders there.",
             "Q: Would you advise a beginner to try it?",
             "A: Yes, though I would suggest a Sunday practice ride before the first Monday commute."]
FAQ = ["Who pays for it?", "Most of the 4.2 million euros comes from a national grant; residents pay nothing extra.",
       "When does the work start?", "Crews begin in May on the northern section, closing one side of Mill Street.",
       "Will parking spaces go?", "About sixty spaces disappear, mostly outside shops that asked for loading bays.",
       "Can I object?", "Objections may be sent by post or email until the end of March, the planning office said."]


def test_nl330_an_interview_or_faq_closing_the_body_is_the_article_own_q_and_a():
    # questions each followed by its answer: the article's own Q&A, not a rail of other stories
    assert lint_record(rec(PROSE, MIDDLE, END, *INTERVIEW), select="NL330") == []
    assert lint_record(rec(PROSE, MIDDLE, END, *FAQ), select="NL330") == []
    # a question mark of another script: French spacing, the full-width mark, the Greek semicolon
    faq = [t.replace("?", " ?") if i == 0 else t.replace("?", "？") if i == 2 else t.replace("?", "\u037e")
           for i, t in enumerate(FAQ)]
    assert lint_record(rec(PROSE, MIDDLE, END, *faq), select="NL330") == []


def test_nl330_a_rail_with_a_question_among_its_headlines_is_still_a_rail():
    rail = ["Is the Ferry Worth It?", *RAIL[1:]]
    vs = lint_record(rec(PROSE, MIDDLE, END, *rail), select="NL330")
    assert [v.paragraph for v in vs] == [3] and "rail of 4 teasers" in vs[0].message


# ---------------------------------------------------------------------- NL504 body-shorter-than-summary
SUMMARY = ("The city council voted nine to four on Tuesday evening for a network of protected cycle lanes "
           "across the centre, ending two years of argument over cost, parking spaces and routes.")


def test_nl504_body_not_much_longer_than_its_summary():
    body = " ".join([PROSE, MIDDLE, END])
    vs = lint_record(rec(body, description=SUMMARY), select="NL504")
    assert len(vs) == 1 and "for a summary of 31" in vs[0].message


def test_nl504_full_body_or_short_summary_passes():
    body = " ".join([PROSE, MIDDLE, END])
    assert lint_record(rec(body, body.replace("Tuesday", "Monday"), description=SUMMARY), select="NL504") == []
    assert lint_record(rec(body, description="Cycle lanes approved."), select="NL504") == []


# ---------------------------------------------------------------------- NL101 short repeats
def test_nl101_short_line_repeated_within_a_block_is_a_repeat():
    # a block rendered twice: the short line comes back with its neighbour, or right after itself
    vs = lint_record(rec(PROSE, "Share this story", MIDDLE, END, "Share this story", MIDDLE), select="NL101")
    assert [v.paragraph for v in vs] == [4, 5]
    vs = lint(f"Council Approves New Cycle Lanes\n\n{PROSE}\n\nPhoto gallery\n\nPhoto gallery\n\n{END}\n",
              select="NL101")
    assert codes(vs) == ["NL101"]
    # one word is NL107's
    assert lint_record(rec(PROSE, "Photo", MIDDLE, "Photo", END), select="NL101") == []


def test_a_short_line_used_again_on_its_own_is_nl107s_warning_not_a_duplicate_paragraph():
    # a results page heads every ward with its verdict; a guide every candidate with "Key pledges"
    wards = ["Northgate ward", "Labour hold", "Turnout was 41 per cent, down four points on the last election.",
             "Riverside ward", "Labour hold", "The majority fell to 212 votes after a recount was requested.",
             "Castle ward", "Labour hold", "Two independent candidates shared almost a third of the vote."]
    r = rec(PROSE, *wards, END)
    assert lint_record(r, select="NL101") == []
    vs = lint_record(r, select="NL107")
    assert [(v.paragraph, v.severity) for v in vs] == [(5, "warning")] and v_fix_free(vs)
    assert "the short line 'Labour hold' appears 3 times" in vs[0].message
    # page furniture printed above and below the text is reported the same way
    vs = lint_record(rec(PROSE, "Share this story", MIDDLE, "Share this story", END), select="NL1")
    assert [(v.code, v.paragraph) for v in vs] == [("NL107", 3)]
    # a sentence, or a line of code, used twice is still a duplicate paragraph
    quote = "We will not back down."
    assert codes(lint_record(rec(PROSE, quote, MIDDLE, quote, END), select="NL1")) == ["NL101"]


def v_fix_free(vs) -> bool:
    return all(v.fix is None for v in vs)


def test_nl101_separators_are_not_repeats():
    vs = lint_record(rec(PROSE, "* * *", MIDDLE, "* * *", END, "—", "—", "1.", "1."), select="NL101")
    assert vs == []


def test_nl101_signature_of_two_posts_by_one_account_is_not_a_repeat():
    # a live page quotes two different posts of the same account on the same day
    sig = "— Harbour Watch (@harbourwatch) March 3, 2024"
    r = rec(PROSE, "Ferries to the islands are cancelled until noon because of the gale.", sig, MIDDLE,
            "The first ferry has left the harbour, an hour late but full.", sig, END)
    assert lint_record(r, select="NL101") == []
    # the post copied twice is still a repeat, signature or not
    post = "Ferries to the islands are cancelled until noon because of the gale."
    r = rec(PROSE, post, sig, MIDDLE, post, sig, END)
    assert [v.paragraph for v in lint_record(r, select="NL101")] == [4]


def test_nl101_lines_shared_by_two_code_listings_are_not_repeats():
    # a how-to article whose two listings were split into one paragraph per line
    listing = ["// read the settings file", "$config = load_settings($path);", "if ($config === null) {",
               "return default_settings();", "}"]
    r = rec(PROSE, *listing, "The second version also logs the path it read.", *listing, END)
    assert lint_record(r, select="NL101") == []
    assert lint_record(r, select="NL107") == []
    # prose repeated around the listings is still a repeat
    r = rec(PROSE, *listing, MIDDLE, *listing, MIDDLE, END)
    assert [v.paragraph for v in lint_record(r, select="NL101")] == [12]
    # so is a line of code quoted alone among prose and printed twice
    snippet = "settings = { retries: 3, timeout: [ 10, 20 ] }"
    r = rec(PROSE, snippet, MIDDLE, snippet, END)
    assert [v.paragraph for v in lint_record(r, select="NL101")] == [3]
    r = rec(PROSE, snippet, snippet, MIDDLE, END)
    assert [v.paragraph for v in lint_record(r, select="NL101")] == [2]


# ---------------------------------------------------------------------- NL107 repeated-label
def test_nl107_one_word_label_repeated():
    vs = lint_record(rec(PROSE, "Advertisement", MIDDLE, "ADVERTISEMENT", END, "Advertisement"), select="NL107")
    assert len(vs) == 1 and vs[0].paragraph == 3 and "3 times" in vs[0].message
    vs = lint_record(rec(PROSE, "写真", MIDDLE, "写真", END), select="NL107")
    assert [v.paragraph for v in vs] == [3]


def test_nl107_headings_with_colons_separators_and_single_use_pass():
    r = rec("Specs:", PROSE, "Specs:", MIDDLE, "* * *", END, "* * *", "Verdict", "It works well.")
    assert lint_record(r, select="NL107") == []
    # the closing lines of two code listings
    r = rec(PROSE, "<ul>", "</ul>", MIDDLE, "<ul>", "</ul>", END)
    assert lint_record(r, select="NL107") == []


# ---------------------------------------------------------------------- negatives met while tuning
def test_nl311_a_schedule_of_dates_is_not_a_stamp():
    r = rec(PROSE, "Saturday, May 4, 2024 at 8:00 PM", "Sunday, May 5, 2024 at 3:00 PM", END)
    r["text"] = "\n\n".join(["The film is shown twice at the town hall cinema this weekend.",
                             "Saturday, May 4, 2024 at 8:00 PM", "Sunday, May 5, 2024 at 3:00 PM", END])
    assert lint_record(r, select="NL311") == []


def test_nl313_call_for_tips_at_the_end():
    vs = lint_record(rec(PROSE, END, "Got a story? Get in touch with our newsroom by emailing us at desk@example.org."),
                     select="NL313")
    assert [v.paragraph for v in vs] == [2]


def test_nl330_ingredient_and_credit_lists_are_not_headlines():
    ingredients = ["Two Large Onions, Finely Chopped", "Half a Cup of Olive Oil", "Three Cloves of Garlic",
                   "A Pinch of Sea Salt", "One Tin of Chopped Tomatoes", "Fresh Basil to Serve",
                   "Grated Cheese for the Top", "A Loaf of Crusty Bread"]
    assert len(lint_record(rec(*ingredients), select="NL330")) == 1  # shaped like headlines: reported
    labelled = ["Prep Time: 15 minutes", "Cook Time: 40 minutes", "Serves: 4 people", "Oven: 200 degrees",
                "Difficulty: Easy", "Cost: Low", "Diet: Vegetarian", "Freezes: Yes"]
    credits = ["DIRECTOR Jane Doe", "PRODUCER Tom Li", "EDITOR Ana Ruiz", "CAMERA Sam Berg", "SOUND Kim Lee",
               "MUSIC Ola Nord", "WRITER Eva Stone", "GRAPHICS Max Wild"]
    assert lint_record(rec(*labelled), select="NL330") == []
    assert lint_record(rec(*credits), select="NL330") == []


def test_nl325_ending_on_a_colon_or_a_dangling_by():
    vs = lint_record(rec(PROSE, "Here is the full list of the streets that will lose parking spaces:"), select="NL325")
    assert [v.paragraph for v in vs] == [1] and "colon" in vs[0].message
    vs = lint_record(rec(PROSE, END, "The figures were updated on Wednesday evening / By"), select="NL325")
    assert [v.paragraph for v in vs] == [2]
    # a capital letter that is a name, not an article: "Group A", "vitamin A"
    assert lint_record(rec(PROSE, "The new lane will be built by the contractors of Group A"), select="NL325") == []


def test_nl323_menu_in_a_script_without_case():
    vs = lint_record(rec("首页", "新闻", "体育", "娱乐", "财经", "科技", PROSE), select="NL323")
    assert len(vs) == 1


def test_nl302_end_of_article_and_live_blog_notice():
    vs = lint_record(rec(PROSE, "THIS IS A LIVE BLOG. SCROLL DOWN FOR THE LATEST UPDATES.", END, "End of Article"),
                     select="NL302")
    assert [v.paragraph for v in vs] == [1, 3]


def test_nl314_loading_and_slideshow_controls():
    vs = lint_record(rec(PROSE, "Loading...", "More Videos", "Back 1 - 19 of 39 Next", END), select="NL314")
    assert [v.paragraph for v in vs] == [1, 2, 3]


# ---------------------------------------------------------------------- NL316 dangling-label
def test_nl316_short_label_closing_the_body():
    for label in ("More from Local News", "Mehr zum Thema", "Topics", "おすすめ情報", "Share"):
        vs = lint_record(rec(PROSE, MIDDLE, END, label), select="NL316")
        assert [v.paragraph for v in vs] == [3], label


def test_nl316_leaves_a_line_ending_in_lower_case_to_nl325():
    # "Related articles" ends on a lower-case word: NL325 (on by default) reports it as a fragment
    vs = lint_record(rec(PROSE, MIDDLE, END, "Related articles"), select=["NL316", "NL325"])
    assert [(v.code, v.paragraph) for v in vs] == [("NL325", 3)] and "fragment" in vs[0].message


def test_nl316_sentences_signatures_and_credits_pass():
    for last in ("— Anna Berg", "(ab)", "Work resumes on Monday.", "What happens next?",
                 "本日の会議で計画が承認されたと市当局が発表した", "* * *"):
        assert lint_record(rec(PROSE, MIDDLE, END, last), select="NL316") == [], last
    assert lint_record(rec(PROSE, "Related articles"), select="NL316") == []  # too short a body to judge


def test_nl327_first_paragraph_opening_with_a_comma():
    vs = lint_record(rec(", opens new tab", PROSE, END), select="NL327")
    assert [v.paragraph for v in vs] == [0]


def test_nl307_and_nl306_endings_of_cut_and_sign_up_boxes():
    vs = lint_record(rec(PROSE, "Subscribe now for the full story and unlimited access."), select="NL307")
    assert [v.paragraph for v in vs] == [1]
    vs = lint_record(rec(PROSE, END, "We use your sign-up to send you news. You can unsubscribe at any time."), select="NL306")
    assert [v.paragraph for v in vs] == [2]
    assert lint_record(rec(PROSE, "Readers who subscribe to the council's bulletin get the full agenda."),
                       select=["NL306", "NL307"]) == []
