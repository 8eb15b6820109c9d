"""NL508 declared-language-mismatch."""

from __future__ import annotations

from collections.abc import Iterator

from newslint.article import Article
from newslint.lang import language_name, parse_declared, same_language
from newslint.rule import Problem, Rule


class DeclaredLanguageMismatch(Rule):
    """A record whose declared language (a ``language``, ``lang``, ``locale`` or ``inLanguage`` field) the body contradicts.

    Datasets filter and balance by the language field: a German record labelled ``en`` lands in
    the English split, and a body that is a consent wall or an error page in the site's language
    under an article labelled otherwise is not the article. The body's language is identified with
    CLD2 (newslint.lang) on its first 1,500 characters, and a mismatch is reported only when the
    identification is sure: CLD2 calls it reliable, the body has at least ``min-letters`` letters,
    at least ``min-percent`` per cent of them read as one language, and the declared language is
    not among the languages CLD2 found in the rest. Languages an identifier cannot reliably tell
    apart (Danish and Norwegian, Croatian and Serbian, Malay and Indonesian, Czech and Slovak,
    Galician and Portuguese, Zulu and Xhosa) count as one. A declared value naming no language
    newslint knows ("Deutsch", "xx") is left alone. Fields are mapped like the others (``--field
    language=KEY``); region and encoding suffixes (``de-AT``, ``pt_BR.UTF-8``), ISO 639-2 codes
    (``deu``) and English names (``German``) are understood.

    Fails::

        {"title": "Harbour budget approved", "lang": "en", "text": "Der Stadtrat hat am Dienstag den Haushalt für den Hafen beschlossen, nachdem die Debatte fast den ganzen Nachmittag gedauert hatte. Zwei Mitglieder stimmten dagegen, weil die Kosten für die neuen Liegeplätze noch nicht feststehen. Die Fischer im Zuschauerraum begrüßten die Entscheidung."}

    Passes::

        {"title": "Hafenhaushalt beschlossen", "lang": "de-DE", "text": "Der Stadtrat hat am Dienstag den Haushalt für den Hafen beschlossen, nachdem die Debatte fast den ganzen Nachmittag gedauert hatte. Zwei Mitglieder stimmten dagegen, weil die Kosten für die neuen Liegeplätze noch nicht feststehen. Die Fischer im Zuschauerraum begrüßten die Entscheidung."}

    Fix: none; correct the language field, or re-extract when the body is not the article.
    """

    code = "NL508"
    name = "declared-language-mismatch"
    severity = "error"
    options = {"min-letters": 200, "min-percent": 80}

    def check(self, article: Article) -> Iterator[Problem]:
        declared = parse_declared(article.declared_language)
        if declared is None or not article.paragraphs:
            return
        found = article.language_identification
        if (not found.reliable or found.letters < self.opts["min-letters"]
                or found.percent < self.opts["min-percent"] or same_language(declared, found.code)):
            return
        if any(same_language(declared, code) for code, _pc in found.languages):
            return  # the declared language is there too: a bilingual body or a quotation
        key = article.field_key("language")
        yield self.at_field(
            article, "language",
            f"declared language {article.declared_language!r} ({key}) but the body reads as "
            f"{language_name(found.code)} ({found.code}: {found.percent}% of {found.letters} letters identified)",
            suggestion="correct the language field, or check that the body is the article",
        )


RULES = [DeclaredLanguageMismatch]
