"""A small, dependency-free language guess for news text: script first, then function words.

Rules whose checks depend on English (phrase lists, readability formulas, capitalisation of
headlines) ask :func:`detect` (through ``Article.language``) and skip or adapt for other languages.
The guess looks at the first 1,500 characters only, so it costs little per article.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LETTERS = re.compile(r"[\W\d_]+")

#: the most frequent function words of each language (short, distinctive, lower case)
STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in {
        "en": "the and of to in is that for it with as was on be by are this from at have has not but they his her which said were will an",
        "de": "der die und das ist nicht mit den von sich des auf für ein eine dem im zu auch es als wird bei nach wie sind noch",
        "fr": "le la les et des est une un du que pour dans qui pas sur au aux avec ce il elle sont plus par mais ont été cette",
        "es": "el la los las y de que en un una es por con para del al no se su lo como más pero sus fue ha este está",
        "it": "il la che di e è un una per non con del della dei le gli si sono da nel alla anche come più ha ma questo",
        "pt": "o a os as e de que do da em um uma é para com não no na dos das por se ao mais foi pelo pela como",
        "nl": "de het een en van is dat niet op te in zijn met voor die er aan ook als bij door maar nog om dan",
        "sv": "och att det som en är på av för med inte den till har de om ett var jag men så kan från eller",
        "da": "og at det som en er på af for med ikke den til har de om et var jeg men så kan fra eller",
        "no": "og at det som en er på av for med ikke den til har de om et var jeg men så kan fra eller ble",
        "pl": "i w na z że się nie to do jest o jak po przez od za ale co dla tak jego już może",
        "tr": "ve bir bu da de için ile olarak çok daha en gibi ama ne var olan sonra kadar her ise",
        "id": "yang dan di dari ini itu dengan untuk tidak dalam akan pada juga ke karena oleh ada bisa",
        "ro": "și în de la cu pe din care este o un să nu se mai pentru fost sunt sau",
        "cs": "a v se na je že s z do to jako o ale by pro po jsou tak také už",
        "hu": "a az és hogy nem is egy meg de van volt már csak még mint ki el",
        "fi": "ja on ei se että oli hän kun mutta ovat tai myös kuin niin joka",
    }.items()
}
#: languages sharing most function words are told apart by these extra markers
_SCRIPTS = (
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("bn", re.compile(r"[\u0980-\u09ff]")),
    ("ta", re.compile(r"[\u0b80-\u0bff]")),
    ("ka", re.compile(r"[\u10a0-\u10ff]")),
)

UNDETERMINED = "und"

#: word -> the languages whose function-word list holds it
_WORD_LANGS: dict[str, tuple[str, ...]] = {}
for _lang, _words in STOPWORDS.items():
    for _w in _words:
        _WORD_LANGS[_w] = (*_WORD_LANGS.get(_w, ()), _lang)
#: the ASCII bytes that are not letters
_ASCII_NON_LETTERS = bytes(b for b in range(128) if not chr(b).isalpha())
_ASCII_NON_LETTER_TO_SPACE = bytes.maketrans(_ASCII_NON_LETTERS, b" " * len(_ASCII_NON_LETTERS))
#: letters outside the Latin blocks (Latin-1, Latin Extended A/B, IPA, Latin Extended Additional)
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _letters_and_non_ascii(text: str) -> tuple[int, str]:
    """The number of letters of ``text`` (matches of ``[^\\W\\d_]``) and its non-ASCII characters.

    ASCII characters are counted at C speed with ``bytes.translate``; only the non-ASCII ones (a few
    per cent of a Latin-script text) go through the regular expression.
    """
    if text.isascii():
        return len(text.encode("ascii").translate(None, _ASCII_NON_LETTERS)), ""
    ascii_letters = len(text.encode("ascii", "ignore").translate(None, _ASCII_NON_LETTERS))
    rest = "".join(_NON_ASCII.findall(text))
    return ascii_letters + len(_NON_LETTERS.sub("", rest)), rest


def _words(text: str) -> list[str]:
    """``_WORD.findall(text)``: runs of letters. ASCII characters that are not letters become
    spaces first (at C speed, on the UTF-8 bytes); then pieces made only of letters (most of them)
    are kept as they are, and the rest, which hold other non-ASCII characters, are searched."""
    pieces = text.encode("utf-8", "surrogatepass").translate(_ASCII_NON_LETTER_TO_SPACE).decode("utf-8", "surrogatepass").split()
    if text.isascii():
        return pieces
    out: list[str] = []
    append = out.append
    for tok in pieces:
        if tok.isalpha():
            append(tok)
        else:
            out.extend(_WORD.findall(tok))
    return out


def detect(text: str, sample: int = 1500) -> str:
    """ISO 639-1 code of the text's language, or ``"und"`` when there is too little to tell."""
    text = text[:sample]
    letters, non_ascii = _letters_and_non_ascii(text)
    if letters < 20:
        return UNDETERMINED
    # a non-Latin script covering a good share of the letters decides; every letter outside the
    # Latin blocks, and every script below, is a non-ASCII character
    if not non_ascii or len(_NON_LATIN.findall(non_ascii)) < 0.3 * letters:
        script_counts = []
    else:
        script_counts = [(lang, len(rx.findall(non_ascii))) for lang, rx in _SCRIPTS]
    lang, n = max(script_counts, key=lambda t: t[1]) if script_counts else ("", 0)
    if n >= 0.3 * letters:
        if lang == "zh" and script_counts[1][1] >= 0.05 * letters:
            return "ja"
        if lang == "ru" and re.search(r"[іїєґ]", text):
            return "uk"
        return lang
    words = _words(text.lower())
    if len(words) < 5:
        return UNDETERMINED
    scores = dict.fromkeys(STOPWORDS, 0)
    for w in filter(_WORD_LANGS.__contains__, words):
        for lang in _WORD_LANGS[w]:
            scores[lang] += 1
    best = max(scores, key=lambda k: scores[k])
    if scores[best] < max(2, 0.08 * len(words)):
        return UNDETERMINED
    if best in ("da", "no"):
        best = "no" if re.search(r"\b(ikke|ble|fra)\b", text) and not re.search(r"\b(af|blev)\b", text) else "da"
    return best


def is_english(text: str) -> bool:
    return detect(text) == "en"
