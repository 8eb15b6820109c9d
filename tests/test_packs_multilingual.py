"""The boilerplate packs in the languages of the corpus: a prompt line between paragraphs is
flagged, the same words inside a sentence of the article are not (examples written for these tests)."""

from __future__ import annotations

import pytest
from test_lang import NEWS

from helpers import codes, lint

#: (rule, language, a boilerplate line, a sentence of news that uses the same words)
CASES = [
    ("NL306", "it", "Iscriviti alla nostra newsletter", "Il comune ha spiegato la decisione in una lettera inviata ai residenti, non con una newsletter."),
    ("NL306", "pt", "Assine a nossa newsletter", "A prefeitura explicou a decisão numa carta aos moradores, e não por meio de boletim."),
    ("NL306", "nl", "Meld je aan voor onze nieuwsbrief", "De gemeente legde het besluit uit in een brief aan de bewoners."),
    ("NL306", "ja", "メールマガジンの登録はこちら", "市はこの決定を住民への手紙で説明した。"),
    ("NL306", "fr", "Recevez notre newsletter quotidienne", "La mairie a expliqué sa décision dans une lettre aux habitants."),
    ("NL306", "es", "Recibe nuestro boletín", "El ayuntamiento explicó la decisión en una carta a los vecinos."),
    ("NL307", "it", "Questo articolo è riservato agli abbonati", "Gli abbonati del trasporto pubblico pagheranno meno da gennaio."),
    ("NL307", "pt", "Este conteúdo é exclusivo para assinantes", "Os assinantes do transporte público vão pagar menos a partir de janeiro."),
    ("NL307", "nl", "Dit artikel is alleen voor abonnees", "Abonnees van het openbaar vervoer betalen vanaf januari minder."),
    ("NL307", "ja", "この記事は有料会員限定です", "市は一月から定期券の料金を下げる。"),
    ("NL308", "it", "Questo sito utilizza cookie tecnici e di profilazione", "Il forno del paese vende biscotti alle mandorle da cento anni."),
    ("NL308", "pt", "Este site utiliza cookies para melhorar a experiência", "A padaria da vila vende biscoitos de amêndoa há cem anos."),
    ("NL308", "nl", "Deze website gebruikt cookies", "De bakkerij in het dorp verkoopt al honderd jaar amandelkoekjes."),
    ("NL308", "ja", "当サイトではクッキーを使用しています", "村のパン屋は百年前からアーモンドのクッキーを売っている。"),
    ("NL309", "es", "Síguenos en Twitter", "El alcalde respondió en Twitter a las críticas de los vecinos."),
    ("NL309", "it", "Seguici su Facebook", "Il sindaco ha risposto su Facebook alle critiche dei residenti."),
    ("NL309", "pt", "Siga-nos no Instagram", "O prefeito respondeu no Instagram às críticas dos moradores."),
    ("NL309", "nl", "Volg ons op Facebook", "De burgemeester reageerde op Facebook op de kritiek van bewoners."),
    ("NL309", "pt", "Compartilhar", "A câmara vai compartilhar os dados do orçamento com os moradores."),
    ("NL301", "pt", "Publicidade", "A câmara proibiu a publicidade luminosa no centro histórico."),
    ("NL301", "ja", "広告", "市は歴史地区での電光広告を禁止した。"),
]


def article(lang: str, middle: str) -> str:
    body = NEWS[lang] if lang in NEWS else NEWS["en"]
    return f"Headline of the day\n\n{body}\n\n{middle}\n\n{body.split('.')[0]} (continued).\n"


@pytest.mark.parametrize("code,lang,line,sentence", CASES)
def test_boilerplate_line_is_flagged(code, lang, line, sentence):
    assert code in codes(lint(article(lang, line), select=code)), (code, lang, line)


@pytest.mark.parametrize("code,lang,line,sentence", CASES)
def test_same_words_in_a_sentence_are_not(code, lang, line, sentence):
    assert code not in codes(lint(article(lang, sentence), select=code)), (code, lang, sentence)


def test_photo_credit_to_a_press_office_is_not_an_ad_label():
    # "PR" marks press images in credits; only whole-word ad labels count
    assert "NL301" not in codes(lint(article("de", "© PR"), select="NL301"))
