"""NL407 wrong-codec: UTF-8 text decoded with a legacy code page that ftfy's quick test misses."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from newslint.article import _ASCII_BYTES, Article
from newslint.checks._text import problem_at, replace_fix, text_units
from newslint.lazy import LazyPattern
from newslint.rule import Problem, Rule

#: code pages a UTF-8 page is misread with: Western, Central European, Cyrillic, Greek, Turkish,
#: Hebrew, Arabic and Baltic Windows and ISO pages, Mac Roman, DOS pages, KOI8 (in order of
#: preference when two explain the same bytes)
SINGLE_BYTE = (
    "cp1252", "latin-1", "iso-8859-15", "mac_roman", "cp1250", "iso-8859-2", "cp1251", "koi8-r",
    "koi8-u", "iso-8859-5", "cp866", "cp1253", "iso-8859-7", "cp1254", "cp1255", "cp1256", "cp1257",
    "cp437", "cp850",
)
#: East Asian multi-byte pages: UTF-8 read as GBK or Shift JIS turns into plausible-looking ideographs
MULTI_BYTE = ("gbk", "big5", "shift_jis", "euc-jp", "euc-kr")
#: a misread multi-byte page yields ideographs, kana, hangul or half-width forms: only text holding
#: some is tried with the East Asian pages
_EAST_ASIAN = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uff61-\uff9f]")  # compiled on first use: seldom needed
_RUN = LazyPattern(r"[^\x00-\x7f]+")
#: characters of a decoded sequence: a real one (non-ASCII) or an undecodable byte (surrogate escape)
_VALID = LazyPattern(r"[^\x00-\x7f\udc80-\udcff]")


def _plausible(ch: str) -> bool:
    """A character text is made of: a letter, mark, digit, punctuation, symbol, space or format
    character such as a soft hyphen (not a control, private-use, unassigned or surrogate code point)."""
    cat = unicodedata.category(ch)
    return cat[0] in "LMNPS" or cat in ("Zs", "Cf")


class _Plausible(dict):
    """:func:`_plausible` of each character met, computed once: ``_PLAUSIBLE[ch]`` is then a
    dictionary look-up, which ``map`` makes at C speed. At most 65,536 characters are kept (text
    going through all of Unicode would otherwise hold a megabyte for each 10,000)."""

    def __missing__(self, ch: str) -> bool:
        value = _plausible(ch)
        if len(self) < 65536:
            self[ch] = value
        return value


_PLAUSIBLE = _Plausible()


class Redecoded(NamedTuple):
    """One text unit read again as UTF-8 through ``codec``."""

    codec: str
    #: (start, end, replacement) of each run of characters that re-decodes
    spans: list[tuple[int, int, str]]
    #: UTF-8 sequences recovered (first reading), the code-page bytes they came from, and the
    #: code-page bytes of every non-ASCII character of the unit
    sequences: int
    valid_bytes: int
    high_bytes: int


def _redecode_run(run: str, codec: str) -> tuple[str, int, int] | None:
    """``run`` (non-ASCII characters) re-encoded with ``codec`` and decoded as UTF-8, with the
    bytes that do not form UTF-8 kept as the characters they were; (text, sequences recovered,
    bytes of the run that belong to them), or None when nothing decodes."""
    try:
        data = run.encode(codec)
    except UnicodeEncodeError:
        return None
    if codec in MULTI_BYTE:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        valid = _VALID.findall(text)
        if not valid or text == run:
            return None
        used = len(data)
    else:
        text = data.decode("utf-8", "surrogateescape")
        valid = _VALID.findall(text)
        if not valid:
            return None
        used = len(data) - (len(text) - len(valid) - sum(ch < "\x80" for ch in text))
        if len(valid) != len(text):  # put back the bytes that are not UTF-8 as the characters they were
            text = "".join(
                bytes([ord(ch) - 0xDC00]).decode(codec, "replace") if "\udc80" <= ch <= "\udcff" else ch for ch in text
            )
    if not all(map(_PLAUSIBLE.__getitem__, valid)):
        return None
    return text, len(valid), used


def _encodable_runs(text: str, codec: str) -> Iterator[tuple]:
    """(start, run) of each run of non-ASCII characters that ``codec`` can encode, and
    (characters, None) for the characters it cannot (U+FFFD, another script)."""
    for m in _RUN.finditer(text):
        run = m.group()
        try:
            run.encode(codec)
        except UnicodeEncodeError:
            pass
        else:
            yield m.start(), run
            continue
        pos = m.start()
        piece = ""
        for ch in run:
            try:
                ch.encode(codec)
            except UnicodeEncodeError:
                if piece:
                    yield pos - len(piece), piece
                    piece = ""
                yield ch, None
            else:
                piece += ch
            pos += 1
        if piece:
            yield pos - len(piece), piece


def redecode(text: str, codec: str, rounds: int = 3) -> Redecoded | None:
    """Every run of non-ASCII characters of ``text`` read again through ``codec``, repeated while
    a run still re-decodes (text encoded twice); None when no run does."""
    spans: list[tuple[int, int, str]] = []
    sequences = valid_bytes = high = 0
    for start, run in _encodable_runs(text, codec):
        if run is None:  # characters the code page has no byte for: not part of a misreading
            high += len(start.encode("utf-8"))
            continue
        high += len(run.encode(codec))
        fixed = run
        for _ in range(rounds):
            got = _redecode_run(fixed, codec)
            if got is None:
                break
            new, n, used = got
            if fixed == run:  # the first reading measures the run
                sequences += n
                valid_bytes += used
            fixed = new
            if fixed.isascii():
                break
        if fixed != run:
            spans.append((start, start + len(run), fixed))
    if not spans:
        return None
    return Redecoded(codec, spans, sequences, valid_bytes, high)


#: two or more non-ASCII characters in a row: where a single-byte misreading shows
_PAIRS = LazyPattern(r"[^\x00-\x7f]{2,}")
#: how much text of the runs the East Asian pages are tried on
_EAST_ASIAN_SAMPLE = 4000
_TELLTALE = None
_HIGH_BYTES = bytes(range(128, 256))
#: clean East Asian text read back through an East Asian page yields UTF-8 sequences by chance
#: (a tenth to a third of its bytes); a misreading, most of them
_EAST_ASIAN_SHARE = 0.5


def _telltale_search(text: str) -> bool:
    """Whether runs of non-ASCII text show a sign of a misreading: a symbol or control glued to a
    letter, a lower-case letter followed by a capital, or Latin, Cyrillic and Greek letters side
    by side. Clean Cyrillic, Greek, Arabic or Hebrew text rarely does; every single-byte
    misreading of UTF-8 into one of these scripts does (one RE2 pass)."""
    global _TELLTALE
    if _TELLTALE is None:
        import re2

        _TELLTALE = re2.compile(
            r"\pL[\p{S}\p{Cc}]|[\p{S}\p{Cc}]\pL|\p{Ll}\p{Lu}|\p{Latin}[\p{Cyrillic}\p{Greek}]"
            r"|[\p{Cyrillic}\p{Greek}]\p{Latin}|\p{Cyrillic}\p{Greek}|\p{Greek}\p{Cyrillic}"
        )
    return _TELLTALE.search(text) is not None


def _utf8_sequences(data: bytes) -> bytes:
    """The well-formed UTF-8 sequences of two bytes or more in ``data``, joined: the encoding of
    ``_VALID.findall(data.decode("utf-8", "surrogateescape"))``, at C speed. Decoding with
    "ignore" drops the same bytes that "surrogateescape" escapes (the decoder finds each invalid
    stretch the same way and goes on after it), and what is left of the re-encoded text once its
    ASCII bytes are deleted is the non-ASCII characters."""
    return data.decode("utf-8", "ignore").encode("utf-8").translate(None, _ASCII_BYTES)


def _score(text: str, codecs: tuple[str, ...], start: int, scored: list, min_share: float = 0.0) -> None:
    """Append (-bytes explained, order, codec) for each of ``codecs`` under which ``text`` holds
    well-formed UTF-8 sequences, mostly of plausible characters, covering at least ``min_share``
    of its non-ASCII bytes."""
    for i, codec in enumerate(codecs, start):
        data = text.encode(codec, "replace")
        if data.isascii():
            continue
        sequences = _utf8_sequences(data)
        if not sequences:
            continue
        valid = sequences.decode("utf-8")
        if sum(map(_PLAUSIBLE.__getitem__, valid)) < 0.9 * len(valid):
            continue
        explained = len(sequences)
        if min_share and explained < min_share * (len(data) - len(data.translate(None, _HIGH_BYTES))):
            continue
        scored.append((-explained, i, codec))


#: every ASCII byte mapped to a space: what is left of UTF-8 text are its runs of non-ASCII characters
_ASCII_TO_SPACE = bytes.maketrans(bytes(range(128)), b" " * 128)


#: every byte but the lead bytes of the characters _EAST_ASIAN matches (U+3040 to U+30FF, U+3400
#: to U+4DBF, U+4E00 to U+9FFF and U+AC00 to U+D7AF start with 0xE3 to 0xED, U+FF61 to U+FF9F
#: with 0xEF)
_NOT_EAST_ASIAN_LEAD = bytes(b for b in range(256) if not (0xE3 <= b <= 0xED or b == 0xEF))


def _non_ascii_runs(text: str) -> tuple[str, str, bool]:
    """(``" ".join(_PAIRS.findall(text))``, the runs of non-ASCII characters of ``text`` joined
    together, False when these hold no character _EAST_ASIAN matches), at C speed: in the UTF-8
    encoding with every ASCII byte turned into a space, the runs are what splits on white space.
    A character takes two to four bytes, so a run of more than four bytes holds two characters or
    more, and a run of four bytes does unless it is one four-byte character (lead byte 0xF0 or
    above). The characters _EAST_ASIAN matches have lead bytes of their own: without any, a
    search for them is not needed (the third value is True when it may be)."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return " ".join(_PAIRS.findall(text)), "".join(_RUN.findall(text)), True
    runs = data.translate(_ASCII_TO_SPACE).split()
    # most runs are one of a few characters: the test is made once per distinct run, and the runs
    # passing it are picked out in order at C speed
    long = {r for r in set(runs) if len(r) > 4 or (len(r) == 4 and r[0] < 0xF0)}
    pairs = b" ".join(filter(long.__contains__, runs)) if long else b""
    rest = data.translate(None, _ASCII_BYTES)
    return pairs.decode("utf-8"), rest.decode("utf-8"), bool(rest.translate(None, _NOT_EAST_ASIAN_LEAD))


def candidate_codecs(text: str) -> list[str]:
    """The code pages under which ``text`` holds a well-formed UTF-8 sequence made of plausible
    characters, best first (most bytes explained).

    Only runs of non-ASCII characters are read back. Single-byte pages are tried on runs of two
    or more (a misread sequence is never shorter); when those runs are long (text in another
    script) only if they show a telltale (:func:`_telltale_search`). East Asian pages are tried
    when the text holds ideographs, kana, hangul or half-width forms, on a sample of it, and kept
    when they explain at least half of its non-ASCII bytes.
    """
    if text.isascii():
        return []
    scored: list = []
    pairs, non_ascii, east_asian = _non_ascii_runs(text)
    if pairs and (len(pairs) <= 300 or _telltale_search(pairs)):
        _score(pairs, SINGLE_BYTE, 0, scored)
    if east_asian and _EAST_ASIAN.search(non_ascii):
        # the runs holding one, joined, as far as the sample goes
        runs: list[str] = []
        size = 0
        for m in _RUN.finditer(text):
            if _EAST_ASIAN.search(m.group()):
                runs.append(m.group())
                size += len(runs[-1]) + 1
                if size > _EAST_ASIAN_SAMPLE:
                    break
        _score(" ".join(runs)[:_EAST_ASIAN_SAMPLE], MULTI_BYTE, len(SINGLE_BYTE), scored, _EAST_ASIAN_SHARE)
    return [codec for _s, _i, codec in sorted(scored)]


def find(text: str, codecs: list[str], min_share: float) -> Redecoded | None:
    """The first of ``codecs`` under which most non-ASCII bytes of ``text`` (``min_share``) form
    UTF-8 sequences, with at least two of them and half of the misread runs showing a telltale
    (see :func:`_telltale`), or under which every non-ASCII byte does and every run shows one.
    Runs read back through an East Asian page need no telltale: they decode whole or not at all."""
    for codec in codecs:
        # redecode finds a run only where the run's bytes hold a UTF-8 sequence; the runs are
        # apart in the encoding of the whole text (by ASCII bytes, and by "?" where a character
        # has no byte), so a text whose encoding holds none has no run to find
        if not _utf8_sequences(text.encode(codec, "replace")):
            continue
        got = redecode(text, codec)
        if got is None or got.high_bytes == 0:
            continue
        share = got.valid_bytes / got.high_bytes
        if share < min_share:
            continue
        odd = len(got.spans) if codec in MULTI_BYTE else sum(_telltale(text, s, e) for s, e, _new in got.spans)
        if (got.sequences >= 2 and 2 * odd >= len(got.spans)) or (share == 1.0 and odd == len(got.spans)):
            return got
    return None


def _script(ch: str) -> str:
    """The first word of a character's name: LATIN, CYRILLIC, GREEK, CJK, BOX, ..."""
    return unicodedata.name(ch, "?").split(" ", 1)[0]


def _telltale(text: str, start: int, end: int) -> bool:
    """True when the run ``text[start:end]`` cannot be ordinary text: it holds a symbol, a
    control character or a superscript or fraction ("Г¤", "├ñ", "ֳ³"), a lower-case letter followed by a capital within the run or
    across its edges ("вЂ”", "terroristsÔÇÖ"), letters of two scripts, or a letter of another
    script than the ASCII letters it is glued to, or a mark of one ("revampВ", "caf茅", "aprobֳ"). A lone misread sequence
    must show one of these to be reported: "’é" (Mac Roman for an Armenian letter) is French as
    written."""
    run = text[start:end]
    cats = [unicodedata.category(ch) for ch in run]
    if any(c[0] in "SC" or c == "No" for c in cats):
        return True
    around = text[max(0, start - 1):end + 1]
    if any(a.islower() and b.isupper() for a, b in zip(around, around[1:])):
        return True
    scripts = {_script(ch) for ch, c in zip(run, cats) if c[0] in "LM"} - {"COMBINING"}
    if len(scripts) > 1:
        return True
    glued = (start > 0 and text[start - 1].isascii() and text[start - 1].isalpha()) or (
        end < len(text) and text[end].isascii() and text[end].isalpha())
    return glued and bool(scripts - {"LATIN"})


class WrongCodec(Rule):
    """UTF-8 text read with a legacy code page that ftfy's quick test does not catch ("РїСЂРёРІРµС‚", "–ì–æ—Ä–æ–¥", "臋艂").

    NL401 asks ftfy, whose quick test looks for the signs of UTF-8 read as Windows-1252, Latin-1
    and a few others in Latin text. A page misread as Windows-1251 (Cyrillic), KOI8-R, Mac Roman,
    Greek, Baltic or DOS code pages, or as GBK or Shift JIS, gives text it lets through. This rule
    tests the structure every such misreading leaves: encode the characters back with the code
    page, and the bytes are well-formed UTF-8 again. Clean text almost never does that: its
    accented letters, read back, are lone bytes that UTF-8 rejects. The rule reports a title,
    summary, byline or paragraph when at least ``min-share`` of its non-ASCII bytes (in that code
    page) form UTF-8 sequences of ordinary characters (letters, marks, digits, punctuation), with
    at least two sequences or all of its bytes; the message names the code page and shows the
    text before and after. Text encoded twice is read back twice. Units that NL401 already repairs
    are left to it.

    Fails::

        Р“РѕСЂРѕРґСЃРєРѕР№ СЃРѕРІРµС‚ СѓС‚РІРµСЂРґРёР» Р±СЋРґР¶РµС‚
        (blank line)
        Депутаты утвердили бюджет после долгих дебатов во вторник.

    Passes::

        Городской совет утвердил бюджет
        (blank line)
        Депутаты утвердили бюджет после долгих дебатов во вторник.

    Fix: replaces each misread run with the characters its bytes spell in UTF-8. Safe when every
    non-ASCII byte of the unit re-decodes (the repair is then exactly the text the page meant);
    unsafe when some runs stay as they were.
    """

    code = "NL407"
    name = "wrong-codec"
    severity = "error"
    fixable = True
    options = {"min-share": 0.8}

    def check(self, article: Article) -> Iterator[Problem]:
        codecs = candidate_codecs(article.all_text)
        if not codecs:
            return
        from newslint.checks.encoding import repair

        for fld, index, text in text_units(article):
            if text.isascii():
                continue
            got = find(text, codecs, self.opts["min-share"])
            if got is None or repair(text) is not None:
                continue
            s, e, new = got.spans[0]
            before = text[max(0, s - 10):e + 10]
            after = text[max(0, s - 10):s] + new + text[e:e + 10]
            complete = got.valid_bytes == got.high_bytes
            yield problem_at(
                article, fld, index,
                f"UTF-8 text read as {got.codec}: {shorten_q(before)} should read {shorten_q(after)}",
                fix=replace_fix(f"read the text again as UTF-8 (it was decoded as {got.codec})", fld, index,
                                got.spans, safe=complete),
            )


def shorten_q(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


RULES = [WrongCodec]
