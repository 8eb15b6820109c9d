"""NL508 declared-language-mismatch: the language field against the language of the body."""

from __future__ import annotations

from helpers import codes, lint, lint_record

GERMAN = ("Der Stadtrat hat am Dienstag den Haushalt für den Hafen beschlossen, nachdem die Debatte fast "
          "den ganzen Nachmittag gedauert hatte. Zwei Mitglieder stimmten dagegen, weil die Kosten für die "
          "neuen Liegeplätze noch nicht feststehen. Die Fischer im Zuschauerraum begrüßten die Entscheidung.")
ENGLISH = ("The harbour board agreed on Thursday to lengthen the north quay by forty metres, a project the "
           "ferry operators have asked for since the new ships arrived. Work is due to begin in the spring "
           "and should take about eighteen months, the board's chairman said after the vote.")
SPANISH = ("El ayuntamiento aprobó el martes el presupuesto del puerto después de un debate que ocupó casi "
           "toda la tarde. Dos concejales votaron en contra porque todavía no se conocen los costes de los "
           "nuevos amarres, y los pescadores que siguieron la sesión celebraron la decisión.")


def rec(text, **meta):
    return {"title": "Harbour", "url": "https://port.example/a", "text": text, **meta}


def test_declared_english_german_body():
    got = lint_record(rec(GERMAN, lang="en"), select="NL508")
    assert codes(got) == ["NL508"]
    assert "'en' (lang)" in got[0].message and "German" in got[0].message


def test_each_field_name_and_value_form():
    for key in ("language", "lang", "locale", "inLanguage"):
        assert codes(lint_record(rec(SPANISH, **{key: "de_DE"}), select="NL508")) == ["NL508"], key
    for value in ("es", "es-MX", "es_ES.UTF-8", "spa", "Spanish", "SPANISH"):
        assert codes(lint_record(rec(SPANISH, language=value), select="NL508")) == [], value


def test_no_finding_without_a_usable_declaration():
    assert codes(lint_record(rec(GERMAN), select="NL508")) == []
    for value in ("", "Deutsch", "xx", "zz-ZZ", None):
        assert codes(lint_record(rec(GERMAN, language=value), select="NL508")) == [], value


def test_short_or_mixed_bodies_are_not_judged():
    # a one-line body: too few letters to be sure
    assert codes(lint_record(rec("Der Stadtrat hat den Haushalt beschlossen.", lang="en"), select="NL508")) == []
    # an English article quoting a long German passage: English is among the languages found
    mixed = ENGLISH + "\n\n" + GERMAN[:160] + "\n\n" + ENGLISH
    assert codes(lint_record(rec(mixed, lang="en"), select="NL508")) == []


def test_close_languages_count_as_one():
    danish = ("Byrådet vedtog tirsdag budgettet for havnen efter en debat, der varede det meste af eftermiddagen. "
              "To medlemmer stemte imod, fordi udgifterne til de nye fortøjningspladser endnu ikke er kendt. "
              "Fiskerne på tilhørerpladserne glædede sig over beslutningen.")
    assert codes(lint_record(rec(danish, language="nb"), select="NL508")) == []
    assert codes(lint_record(rec(danish, language="en"), select="NL508")) == ["NL508"]


def test_front_matter_language_is_read_at_its_line():
    got = lint(f"""
        ---
        title: Harbour
        lang: fr
        ---
        {ENGLISH}
        """, fmt="md", select="NL508")
    assert [(v.code, v.line) for v in got] == [("NL508", 3)]


def test_options_raise_the_bar():
    assert codes(lint_record(rec(GERMAN, lang="en"), select="NL508", NL508={"min-letters": 5000})) == []
