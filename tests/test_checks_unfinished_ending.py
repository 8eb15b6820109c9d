"""NL325 unfinished-ending: what a finished last paragraph ends on, in any language, and the
sign-offs, credits, headings and list lines that end without a full stop by design. Every
example is written for these tests."""

from __future__ import annotations

from helpers import END, MIDDLE, PROSE, council_record, lint_record

rec = council_record


def flagged(*paragraphs: str) -> list[tuple[int, str]]:
    vs = lint_record(rec(*paragraphs), select="NL325")
    return [(v.paragraph, "fragment" if "fragment" in v.message else "cut") for v in vs]


# ---------------------------------------------------------------------- a long paragraph that stops on a name
def test_long_paragraph_stopping_on_a_name_after_lower_case_words_is_cut():
    for last in (
        "The talks dragged on for weeks because the smaller parties refused to back the budget. "
        "In the end, the coalition sent its deputy leader Anna Berg",
        "Die Stadt hat die Kosten für den Umbau lange unterschätzt, und nun verlangt der "
        "Bauunternehmer für weitere Arbeiten 20 Millionen Euro",
    ):
        assert flagged(PROSE, MIDDLE, last) == [(2, "cut")], last


def test_long_paragraph_ending_on_a_credit_an_attribution_or_a_list_of_names_passes():
    for last in (
        "The council will publish the full results of the survey next week. "
        "Reporting by Anna Berg; editing by Sam Ruiz",
        "Thanks to everyone who sent in their photos of the new lanes this week. "
        "Anna Berg, Tom Li, Sam Ruiz, Kim Lee, and Ola Nord",
        "Die Gespräche dauerten bis tief in die Nacht, am Ende stimmte der Rat zu. "
        "Ein Bericht von Anna Berg und Tom Li",
    ):
        assert flagged(PROSE, MIDDLE, last) == [], last


def test_a_point_inside_a_number_code_or_address_does_not_end_the_sentence():
    # "3.4", "VELO.DE": the last sentence runs to the end of the paragraph and stops on a number
    last = "Shares of the bike maker fell sharply on Tuesday. The company (VELO.DE) closed down 3.4"
    assert flagged(PROSE, MIDDLE, last) == [(2, "cut")]
    # a sign-off after a full sentence, and an address that only looks like one
    assert flagged(PROSE, MIDDLE, "Work on the first lane starts in May, the office said. Photos: example.org") == []


# ---------------------------------------------------------------------- punctuation no sentence ends on
def test_semicolon_and_a_comma_or_letter_inside_a_closing_quote():
    for last in (
        "Residents spoke for three hours at the hearing; most of them opposed the plan, and several asked for a vote;",
        "\u201cWe will keep the lanes open for as long as the money lasts, and then we will see,\u201d",
        'The mayor described the new lanes as the first step of a plan she likes to call "a city for everyone"',
    ):
        assert flagged(PROSE, MIDDLE, last) == [(2, "cut")], last


def test_a_short_quoted_title_or_a_quotation_ending_in_a_full_stop_passes():
    for last in ("Mehr zum Thema: \u201eRadwege in der Stadt\u201c",
                 'She said: "The lanes will be finished by May."',
                 "\u201eWir sind froh, dass es endlich losgeht. Das hat lange gedauert.\u201c"):
        assert flagged(PROSE, MIDDLE, END, last) == [], last


def test_a_quotation_in_a_script_without_full_stops_passes():
    # Thai separates sentences by spaces, not by a full stop: a quoted ending there says nothing
    last = "สภาเมืองอนุมัติแผนเลนจักรยานใหม่หลังการประชุมที่ยาวนานตลอดบ่ายวันอังคาร 'เส้นทางสายใหม่ของเมือง'"
    assert flagged(PROSE, MIDDLE, END, last) == []


def test_a_quotation_opened_and_never_closed():
    for last in ('The mayor said the new lanes would be painted in three colours: "Ocean',
                 "Die Leiterin des Bauamts sagte am Abend: \u201eDie Arbeiten am ersten Abschnitt liegen im Zeitplan"):
        assert flagged(PROSE, MIDDLE, END, last) == [(3, "cut")], last


# ---------------------------------------------------------------------- a new sentence begun and cut
def test_a_new_sentence_begun_after_a_word_in_capitals_or_a_long_name():
    for last in ("The banner over the town hall read NOT AGAIN. We",
                 "Den Plan verteidigte vor allem Bürgermeisterin Lehmann. Sie"):
        assert flagged(PROSE, MIDDLE, END, last) == [(3, "cut")], last


def test_an_abbreviation_or_an_ordinal_before_a_capitalised_word_passes():
    for last in ("The work was approved by the state of Calif. Transport",
                 "Die Arbeiten am ersten Abschnitt der neuen Radwege an der Ringstraße beginnen am 15. Mai"):
        assert flagged(PROSE, MIDDLE, END, last) == [], last


# ---------------------------------------------------------------------- a function word behind a quote or bracket
def test_function_word_after_an_opening_bracket_or_quote_and_a_negated_auxiliary():
    for last in ("The second phase starts in May (at",
                 'The mayor then turned to the council and said:"If',
                 "Not that the council hasn't"):
        assert flagged(PROSE, last) == [(1, "cut")], last


# ---------------------------------------------------------------------- short last lines
def test_short_line_in_sentence_form_is_a_fragment():
    for last in ("Evening Courier /", "But Brussels", "Dutch cyclist and teacher Anna Berg",
                 "Die Stadt hatte ihre Pläne 2019", "Ridership on the new lanes grew by 12%",
                 "The mayor called the plan 'too", "Anna: My first week on the job",
                 "नगर परिषद ने मंगलवार को नई योजना पर चर्चा की थी"):
        assert flagged(PROSE, MIDDLE, END, last) == [(3, "fragment")], last


def test_headings_credits_lists_and_sign_offs_pass():
    for last in (
        "5 Ways to Make Your Commute Greener",             # a heading in title case
        "Follow us on Twitter and Instagram",              # a call to action
        "Read our coverage on Facebook",                   # one word in lower case
        "With files from The Canadian Press and Anna Berg",  # a credit
        "• What the new lanes mean for Main Street",      # an entry of a list of links
        "The council votes again in May. DM",              # an agency code
        "| | |",                                           # an empty table row
        "Complaints: example.org/complaints/",             # an address
        "Related story: City Council Approves Cycle Lanes After Long Debate",
        "Source: example.de",
        "यह भी पढ़ें",                                       # a short label in a script without case
    ):
        assert flagged(PROSE, MIDDLE, END, last) == [], last
