"""Language identification (newslint.lang): news sentences in many languages, abstention on too
little text, and no crash on any string."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import lang
from newslint.article import Article, Paragraph

#: letters of several scripts, digits, punctuation, white space, combining marks and odd numerics
MIXED = st.text(alphabet=list("abcXYZ éßøİı²½Ⅻ_19٣ 'аб中あ한\u0301\u00a0\t\n.,-’“\ud800\x85\x00\ufffe"), max_size=120)

#: two or three sentences of invented local news per language, written for these tests
NEWS = {
    "en": "The council approved the budget on Tuesday after a debate that lasted most of the afternoon. Two members voted against it.",
    "de": "Der Stadtrat hat am Dienstag den Haushalt beschlossen, nachdem die Debatte fast den ganzen Nachmittag gedauert hatte. Zwei Mitglieder stimmten dagegen.",
    "fr": "Le conseil municipal a adopté le budget mardi après un débat qui a duré presque tout l'après-midi. Deux élus ont voté contre.",
    "es": "El ayuntamiento aprobó el presupuesto el martes tras un debate que duró casi toda la tarde. Dos concejales votaron en contra.",
    "it": "Il consiglio comunale ha approvato il bilancio martedì dopo un dibattito durato quasi tutto il pomeriggio. Due consiglieri hanno votato contro.",
    "pt": "A câmara municipal aprovou o orçamento na terça-feira depois de um debate que durou quase toda a tarde. Dois vereadores votaram contra.",
    "nl": "De gemeenteraad heeft dinsdag de begroting goedgekeurd na een debat dat bijna de hele middag duurde. Twee raadsleden stemden tegen.",
    "sv": "Kommunfullmäktige godkände budgeten på tisdagen efter en debatt som pågick nästan hela eftermiddagen. Två ledamöter röstade emot.",
    "pl": "Rada miasta przyjęła we wtorek budżet po debacie, która trwała prawie całe popołudnie. Dwóch radnych głosowało przeciw.",
    "cs": "Městské zastupitelstvo v úterý schválilo rozpočet po debatě, která trvala téměř celé odpoledne. Dva zastupitelé hlasovali proti.",
    "tr": "Belediye meclisi salı günü, neredeyse bütün öğleden sonra süren bir tartışmanın ardından bütçeyi onayladı. İki üye karşı oy kullandı.",
    "vi": "Hội đồng thành phố đã thông qua ngân sách vào thứ Ba sau một cuộc tranh luận kéo dài gần hết buổi chiều. Hai thành viên bỏ phiếu chống.",
    "ru": "Городской совет во вторник утвердил бюджет после дебатов, которые продолжались почти весь день. Два депутата голосовали против.",
    "ja": "市議会は火曜日、午後のほとんどを費やした議論の末に予算案を可決した。二人の議員が反対票を投じた。",
    "ko": "시의회는 화요일 오후 내내 이어진 토론 끝에 예산안을 승인했다. 두 명의 의원이 반대표를 던졌다.",
    "el": "Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον προϋπολογισμό μετά από συζήτηση που κράτησε σχεδόν όλο το απόγευμα.",
}


@pytest.mark.parametrize("code", sorted(NEWS))
def test_news_sentences(code):
    found = lang.identify(NEWS[code])
    assert found.code == code and found.reliable
    assert lang.detect(NEWS[code]) == code


def test_too_little_text_is_undetermined():
    assert lang.detect("Updated 10:42") == "und"
    assert lang.detect("") == "und"
    assert lang.identify("Photo: AP").reliable is False


def test_codes_are_iso_639_1():
    assert lang.normalize_code("iw") == "he"
    assert lang.normalize_code("zh-Hant") == "zh"
    assert lang.normalize_code("un") == "und"
    he = "מועצת העיר אישרה ביום שלישי את התקציב לאחר ויכוח שנמשך כמעט כל אחר הצהריים."
    assert lang.detect(he) == "he"


@given(MIXED)
def test_letter_count_matches_its_definition(text):
    assert lang.count_letters(text) == len(re.sub(r"[\W\d_]+", "", text))


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_any_string_gets_an_answer(text):
    found = lang.identify(text)
    assert isinstance(found.code, str) and found.code
    assert lang.detect(text) in (found.code, "und")


def test_control_and_noncharacters_do_not_stop_identification():
    text = NEWS["de"].replace(" ", " \x85\x00\ufffe\U0001fffe", 3)
    assert lang.detect(text) == "de"


def test_article_language_reads_the_body():
    art = Article(path="x.txt", format="txt", title="Haushalt beschlossen")
    art.paragraphs = [Paragraph(NEWS["fr"], 3, 3, 0)]
    assert art.language == "fr"
    assert art.language_identification.reliable
