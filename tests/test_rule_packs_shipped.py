"""The rule packs shipped in rules/: each rule fires on boilerplate and not on prose."""

from __future__ import annotations

import re
import textwrap

import pytest

from helpers import codes, found, lint, lint_record
from newslint.packs import PackRule
from newslint.plugins import build_registry

REGISTRY = build_registry(load_entry_points=False)
PACK_RULES = sorted((r for r in REGISTRY.rules.values() if issubclass(r, PackRule)), key=lambda r: r.code)


def article(*paragraphs: str, title: str = "Council Approves New Cycle Lanes") -> str:
    """A plain-text article: headline, blank line, paragraphs separated by blank lines (paragraph k is on line 3 + 2k)."""
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


PROSE = "The council voted 9 to 4 for the plan on Tuesday, after a debate that lasted most of the afternoon."


def test_shipped_packs_are_registered_with_their_origin():
    origins = {r.code: r.origin for r in PACK_RULES}
    assert {f"NL3{n:02d}" for n in range(1, 11)} <= set(origins)
    assert origins["NL301"] == "pack:boilerplate"
    assert origins["NL306"] == "pack:subscription"
    assert origins["NL310"] == "pack:teasers"


@pytest.mark.parametrize("rule", PACK_RULES, ids=lambda r: r.code)
def test_documentation_layout(rule):
    doc = rule.doc()
    summary = doc.splitlines()[0]
    assert summary and len(summary) <= 110, summary
    assert "\n\nFails::\n\n    " in doc and "\n\nPasses::\n\n    " in doc
    assert re.search(r"\n\nFix: \S", doc)


@pytest.mark.parametrize("rule", PACK_RULES, ids=lambda r: r.code)
def test_documented_examples_behave(rule):
    """The failing example of each pack rule fails, its passing example passes."""
    doc = rule.doc()
    fails = textwrap.dedent(doc.split("Fails::\n\n", 1)[1].split("\n\nPasses::", 1)[0])
    passes = textwrap.dedent(doc.split("Passes::\n\n", 1)[1].split("\n\nFix:", 1)[0])
    assert rule.code in codes(lint(fails, select=rule.code))
    assert codes(lint(passes, select=rule.code)) == []


# ---------------------------------------------------------------------- NL301 advertisement-marker
@pytest.mark.parametrize("marker", ["Advertisement", "ADVERTISEMENT", "— Advertisement —", "Anzeige", "Publicité", "Sponsored content"])
def test_nl301_marker_paragraph(marker):
    vs = lint(article(PROSE, marker, PROSE.replace("Tuesday", "Monday")), select="NL301")
    assert found(vs) == [("NL301", 5)]
    assert vs[0].fix.safe and vs[0].fix.edits[0].kind == "delete_paragraph"


def test_nl301_capitals_inside_a_paragraph_are_removed_not_the_paragraph():
    text = "Woman charged over plot, police say Share More Galleries ADVERTISEMENT Jane Roe, 20, was charged on Friday."
    vs = lint(article(text), select="NL301")
    assert codes(vs) == ["NL301"]
    edit = vs[0].fix.edits[0]
    assert edit.kind == "replace" and text[edit.start:edit.end].strip() == "ADVERTISEMENT" and edit.text == ""


def test_nl301_prose_about_advertising_passes():
    vs = lint(article("Advertisement spending fell by a tenth, and the advertisement market may not recover this year.",
                      "Anzeigen in Zeitungen werden seltener."), select="NL301")
    assert vs == []


# ---------------------------------------------------------------------- NL302 continues-below
def test_nl302_continues_below():
    vs = lint(article(PROSE, "Story continues below advertisement", PROSE), select="NL302")
    assert found(vs) == [("NL302", 5)]
    vs = lint(article(PROSE, "Continue reading the main story", PROSE), select="NL302")
    assert found(vs) == [("NL302", 5)]


def test_nl302_sentence_with_the_words_passes():
    assert lint(article("The story continues below the surface, investigators said, in files not yet released."), select="NL302") == []


# ---------------------------------------------------------------------- NL303 javascript-notice
def test_nl303_javascript_notice():
    vs = lint(article(PROSE, "Please enable JavaScript to watch this video."), select="NL303")
    assert found(vs) == [("NL303", 5)]


def test_nl303_article_about_javascript_passes():
    text = "Developers rewrote the site in JavaScript last year, and the new version loads twice as fast on phones."
    assert lint(article(text), select="NL303") == []


# ---------------------------------------------------------------------- NL304 photo-credit
@pytest.mark.parametrize("line", ["Photo", "Photo: Getty Images", "Image credit: NASA", "(Bild: Hersteller)",
                                  "JANE DOE/AFP/Getty Images", "CreditKevin Frayer/Getty Images", "Credit Harry Campbell"])
def test_nl304_credit_lines(line):
    assert found(lint(article(PROSE, line), select="NL304")) == [("NL304", 5)]


def test_nl304_caption_with_glued_credit_reports_the_credit():
    text = "Workers learning how to fix water mains at a training centre.CreditJane Roe/The Daily Courier"
    vs = lint(article(PROSE, text), select="NL304")
    assert codes(vs) == ["NL304"] and "CreditJane Roe" in vs[0].message
    assert not vs[0].fix.safe  # the caption stays; only the credit would go


def test_nl304_prose_about_photos_passes():
    text = "Photographers waited outside the court, and a photo of the verdict was shared widely. Credit card debt rose."
    assert lint(article(text, "Credit card debt hit a record in March."), select="NL304") == []


# ---------------------------------------------------------------------- NL305 comment-section
def test_nl305_comment_labels():
    vs = lint(article(PROSE, "Leave a comment", "Have something to add to this story? Share it in the comments."), select="NL305")
    assert found(vs) == [("NL305", 5), ("NL305", 7)]


@pytest.mark.parametrize("line", [
    "There are 13 comments",
    "Your email address will not be published. Required fields are marked *",
    "You can follow any responses to this entry through the RSS 2.0 feed.",
    "You can leave a response, or trackback from your own site.",
])
def test_nl305_comment_form_and_responses_footer(line):
    vs = lint(article(PROSE, "The mayor is expected to sign the measure this week.", line), select="NL305")
    assert found(vs) == [("NL305", 7)]


@pytest.mark.parametrize("line", [
    "Ihre E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert.",
    "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
])
def test_nl305_comment_form_in_other_languages(line):
    body = {"I": ("Der Stadtrat hat am Dienstag nach einer langen Debatte den neuen Haushalt für das kommende Jahr "
                  "beschlossen. Die Ausgaben für Straßen und Parks steigen, die Grundsteuer bleibt gleich."),
            "V": ("Le conseil municipal a adopté mardi soir le budget de l'année prochaine, après un long débat. "
                  "Les dépenses pour les routes et les parcs augmentent, mais la taxe foncière ne change pas.")}
    vs = lint(article(body[line[0]], line, title="Haushalt"), select="NL305")
    assert found(vs) == [("NL305", 5)]


def test_nl305_sentences_about_email_and_responses_pass():
    text = ("The council said the names and email addresses of residents who responded will not be published, "
            "and there are 13 responses still to be reviewed before the vote.")
    reply = "There are no comments from the mayor's office on the audit, a spokesman said on Friday."
    assert lint(article(PROSE, text, reply), select="NL305") == []


def test_nl305_news_about_comments_passes():
    text = "Residents left more than 300 comments during the consultation, most of them in favour."
    assert lint(article(text), select="NL305") == []


# ---------------------------------------------------------------------- NL306 newsletter-prompt
@pytest.mark.parametrize("line", ["Sign up for our newsletter to get the week's best local stories.",
                                  "SIGN UP FOR OUR NEWSLETTER", "From our editors to your inbox.",
                                  "Keep up with the Metro Daily newsletter."])
def test_nl306_prompts(line):
    assert found(lint(article(PROSE, line), select="NL306")) == [("NL306", 5)]


def test_nl306_prose_about_a_newsletter_passes():
    text = "The mayor announced the openings in the city's weekly newsletter, which goes to 40,000 residents."
    assert lint(article(text), select="NL306") == []


def test_nl306_german_prompt_in_a_german_article():
    body = ("Die Stadt eröffnet am Samstag drei neue Bibliotheken, die auch am Abend geöffnet sind. "
            "Der Bürgermeister sagte, das sei ein wichtiger Schritt für die Stadt und für die Schulen.")
    vs = lint(article(body, "Jetzt für unseren Newsletter anmelden!", title="Drei neue Bibliotheken"), select="NL306")
    assert found(vs) == [("NL306", 5)]


def test_nl306_english_phrases_do_not_apply_to_a_french_article():
    # "join our newsletter" is on the English list; a French article is checked with the French list
    body = ("La mairie a ouvert trois bibliothèques samedi et elles sont ouvertes le soir pour les élèves. "
            "Le maire a dit que cette ouverture est une étape pour la ville et pour les écoles du quartier.")
    vs = lint(article(body, "Join our newsletter community, il dit en riant.", title="Trois bibliothèques"), select="NL306")
    assert vs == []


# ---------------------------------------------------------------------- NL307 paywall-notice
@pytest.mark.parametrize("line", ["Subscribe to continue reading.", "This article is only available to subscribers.",
                                  "For the full story and more photos, subscribe now and get the digital edition.",
                                  "Already a subscriber? Log in."])
def test_nl307_paywall(line):
    assert found(lint(article(PROSE, line), select="NL307")) == [("NL307", 5)]


def test_nl307_prose_about_subscribers_passes():
    text = "Newspapers that rely on subscribers have covered the talks closely, and readership rose in May."
    assert lint(article(text), select="NL307") == []


def test_nl307_notice_quoted_in_a_sentence_of_the_story_passes():
    text = ('Readers who reach the limit of three free articles a month will see a message reading "Subscribe to '
            'continue reading" and an offer of a digital subscription at £1 for the first three months.')
    assert lint(article(PROSE, text), select="NL307") == []
    # the notice on its own, quoted or not, is still the notice
    for line in ('"Subscribe to continue reading"', "“Subscribe to continue reading.”", "Subscribe to continue reading."):
        assert found(lint(article(PROSE, line), select="NL307")) == [("NL307", 5)], line
    # a short line around the quotation is not a sentence about it
    assert found(lint(article(PROSE, 'Notice: "Subscribe to continue reading"'), select="NL307")) == [("NL307", 5)]


# ---------------------------------------------------------------------- NL308 cookie-consent
def test_nl308_cookie_banner():
    banner = "We use cookies to improve your experience. By continuing to use this site, you agree to our use of cookies."
    vs = lint(article(PROSE, banner), select="NL308")
    assert found(vs) == [("NL308", 5)]  # one finding for the paragraph, not one per phrase


def test_nl308_german_consent_placeholder_repeated():
    body = ("Die Exporte in den Iran sind im vergangenen Jahr um ein Fünftel gesunken, wie das Statistische "
            "Bundesamt mitteilte. Die Zahlen für das erste Quartal liegen noch nicht vor.")
    placeholder = ("Für die Darstellung der Grafiken nutzen wir einen externen Dienst. Erst wenn Sie hier klicken, "
                   "werden die Grafiken nachgeladen. Ihre IP-Adresse wird dabei an externe Server übertragen.")
    vs = lint(article(body, placeholder, body.replace("Fünftel", "Viertel"), placeholder, title="Exporte sinken"), select="NL308")
    assert found(vs) == [("NL308", 5), ("NL308", 9)]


@pytest.mark.parametrize("placeholder", [
    "Hier steht ein Video von Vimeo. Ich bin damit einverstanden, dass mir Inhalte von Vimeo angezeigt werden.",
    "Externer Inhalt. Personenbezogene Daten können dabei an Drittplattformen übermittelt werden.",
    "A post from Instagram appears here. I agree to third-party content being displayed.",
    "Showing this map means personal data may be transferred to third-party providers."])
def test_nl308_embed_consent_placeholders(placeholder):
    assert found(lint(article(PROSE, placeholder), select="NL308")) == [("NL308", 5)]


def test_nl308_reporting_on_consent_and_data_transfers_passes():
    texts = ["Die Verbraucherzentrale kritisiert, dass personenbezogene Daten an Werbefirmen gehen.",
             "The regulator said personal data may be transferred to the tax office only with a court order."]
    for text in texts:
        assert lint(article(text), select="NL308") == []


def test_nl308_article_about_cookies_passes():
    text = "Regulators are examining how news sites ask readers to accept cookies, the privacy office said."
    assert lint(article(text), select="NL308") == []


def test_nl308_button_label_quoted_in_a_story_about_banners_passes():
    text = ('The Court of Justice said a banner that offers a single "Accept all cookies" button on its first screen, '
            'while hiding the option to refuse behind a second menu, does not obtain free consent.')
    assert lint(article(PROSE, text), select="NL308") == []
    assert found(lint(article(PROSE, "« Accept all cookies »"), select="NL308")) == [("NL308", 5)]


def test_nl308_banner_that_quotes_its_own_button_is_still_a_banner():
    # the banner's instruction quotes its button: the rule's pattern takes in the words around it
    for banner in ("By clicking “Accept All Cookies”, you agree to the storing of cookies on your device to enhance "
                   "site navigation, analyze site usage, and assist in our marketing efforts.",
                   "By clicking “Accept All”, you consent to the use of ALL the cookies. However, you may visit "
                   "Cookie Settings to provide a controlled consent."):
        assert found(lint(article(PROSE, banner), select="NL308")) == [("NL308", 5)], banner


# ---------------------------------------------------------------------- NL312 rights-line
def test_nl312_notice_quoted_in_a_story_about_it_passes():
    text = ('Maria Lindqvist took the photograph in 2019 and published it on her own website with the notice '
            '"© 2019 Maria Lindqvist. All rights reserved." The tourist board downloaded it and used it on posters.')
    assert lint(article(PROSE, text), select="NL312") == []
    for line in ('"© 2019 Maria Lindqvist. All rights reserved."', "© 2019 Maria Lindqvist. All rights reserved."):
        assert found(lint(article(PROSE, line), select="NL312")) == [("NL312", 5)], line


# ---------------------------------------------------------------------- NL317 support-appeal
@pytest.mark.parametrize("appeal", [
    "Our reporting is funded by readers like you. Please support our independent journalism today.",
    "If you buy a product through a link on this page we may earn a fee, which helps support our newsroom.",
    "Unterstützen Sie unseren Journalismus mit einem Abo oder einer Spende.",
    "Wir sind unabhängig: Unsere Arbeit finanziert sich fast ganz aus den Spenden unserer Leserinnen."])
def test_nl317_reader_support_appeals(appeal):
    assert found(lint(article(PROSE, appeal), select="NL317")) == [("NL317", 5)]


def test_nl317_french_appeal_in_a_french_article():
    body = ("Le conseil municipal a voté mardi soir la création de trois nouvelles pistes cyclables dans le centre, "
            "après un long débat sur le coût des travaux et le stationnement.")
    vs = lint(article(body, "Soutenez notre journalisme indépendant : faites un don dès aujourd'hui.",
                      title="Trois nouvelles pistes cyclables"), select="NL317")
    assert found(vs) == [("NL317", 5)]


def test_nl317_news_about_funding_journalism_passes():
    texts = ["A new foundation will support local journalism in three rural counties, its director said.",
             "The nonprofit newsroom said its reporting is funded by a mix of grants and advertising.",
             "Die Stiftung will unabhängigen Journalismus in Osteuropa mit zwei Millionen Euro fördern."]
    for text in texts:
        assert lint(article(text), select="NL317") == []


# ---------------------------------------------------------------------- NL309 share-follow-line
@pytest.mark.parametrize("line", ["Share this story", "Facebook", "Follow us on Twitter & Instagram",
                                  "Follow Jane Roe on Twitter @janeroe", "1.7K shares Share on Facebook"])
def test_nl309_share_lines(line):
    assert found(lint(article(PROSE, line), select="NL309")) == [("NL309", 5)]


def test_nl309_sentence_about_social_networks_passes():
    text = "The utility said on Twitter that crews would follow the storm north, and shared a map on Facebook."
    assert lint(article(text, "Shares in the utility fell 4 percent."), select="NL309") == []


def test_nl309_author_bio_is_not_a_follow_line():
    text = "Jane Roe is a reporter covering city hall. Follow her on Twitter @janeroe or email her."
    assert lint(article(PROSE, text), select="NL309") == []


# ---------------------------------------------------------------------- NL310 related-teaser
@pytest.mark.parametrize("line", ["Read more: Bus fares to rise in January", "ALSO READ: Five cities where rents fell",
                                  "Related", "Related Articles:", "Lire aussi : Les critiques du projet de loi",
                                  "More from the Daily Courier:"])
def test_nl310_teasers(line):
    vs = lint(article(PROSE, line), select="NL310")
    assert found(vs) == [("NL310", 5)]
    assert vs[0].fix.safe


def test_nl310_sentences_starting_with_the_words_pass():
    vs = lint(article("Related plans for bus lanes will be debated next month.",
                      "Read more carefully, the report says the opposite.",
                      "See also how the vote split along party lines."), select="NL310")
    assert vs == []


def test_pack_rules_check_json_records_too():
    rec = {"id": "a1", "title": "Council Approves New Cycle Lanes", "text": PROSE + "\n\nADVERTISEMENT\n\n" + PROSE}
    vs = lint_record(rec, select="NL301")
    assert [(v.code, v.paragraph, v.record_id) for v in vs] == [("NL301", 1, "a1")]
