"""The Article record every reader produces and every rule reads.

An Article holds the metadata fields (title, summary, byline, date, url), the body as a list of
:class:`Paragraph` objects that remember where they came from, and lazily computed shared views
(normalised paragraphs, words, hashes) so that per-article work is done once, not once per rule.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from newslint.lazy import LazyPattern

if TYPE_CHECKING:
    from newslint.lang import Identification

_CJK = LazyPattern(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]")  # compiled on first use: seldom needed
_WORD = LazyPattern(r"\w+(?:[''’]\w+)*", re.UNICODE)
_SENT_END = LazyPattern(r"(?<=[.!?。！？])[\"'”’“»«)\]]*\s+(?=[\"'“‘«»„‚(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ0-9])")
#: the same breaks with the terminal punctuation consumed instead of looked behind at, so that the
#: engine scans for a literal character class first; group 1 is what _SENT_END matches
_SENT_BREAK = re.compile(r"[.!?。！？]([\"'”’“»«)\]]*\s+)(?=[\"'“‘«»„‚(\[]?[A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐ0-9])")

#: canonical field names an Article knows about
FIELDS = ("title", "summary", "byline", "date", "url", "body", "id", "domain")

#: formats whose articles are records of a dataset (fields by key, located by record), not text files
RECORD_FORMATS = frozenset({"json", "jsonl", "csv", "tsv", "parquet", "arrow"})


def normalize_text(text: str) -> str:
    """Whitespace-collapsed, case-folded, NFKC-normalised text: the key for "same text" checks."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    # printable text holds no white space but the space (tests/test_speed_paths.py checks every
    # code point): without a run of two or a space at either end, there is nothing to collapse
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.casefold()
    return " ".join(text.split()).casefold()


#: ASCII bytes that are not word characters (``\w``), mapped to a space
_ASCII_NON_WORD = bytes(b for b in range(128) if not (chr(b).isalnum() or chr(b) == "_"))
_ASCII_SPLIT = bytes.maketrans(_ASCII_NON_WORD, b" " * len(_ASCII_NON_WORD))


#: ASCII bytes that can be in no word token: neither word characters nor the apostrophe, mapped
#: to a space (bytes of non-ASCII characters are kept as they are)
_TOKEN_SPLIT = bytes.maketrans(
    bytes(b for b in _ASCII_NON_WORD if b != ord("'")), b" " * (len(_ASCII_NON_WORD) - 1)
)


#: every ASCII byte, deleted to leave the UTF-8 bytes of a text's non-ASCII characters
_ASCII_BYTES = bytes(range(128))


def non_ascii_part(data: bytes) -> str:
    """The non-ASCII characters of the UTF-8 ``data``, in order: its ASCII bytes deleted (UTF-8 is
    self-synchronising, so what is left is whole characters). Much shorter than the text in most
    languages: a cheap place to look for the characters a rule cares about."""
    return data.translate(None, _ASCII_BYTES).decode("utf-8")
_APOSTROPHES = "'\u2019"
#: what beside an apostrophe keeps it from joining two words, once the text holds only word
#: characters, apostrophes and spaces
_LOOSE = frozenset(" '\u2019")


def _spaced(text: str, table: bytes, keep: str) -> str | None:
    """``text`` with every character that is neither a word character nor one of ``keep`` turned
    into spaces, at C speed (None for text that UTF-8 cannot hold: a lone surrogate): the
    decoded :func:`_spaced_utf8`."""
    out = _spaced_utf8(text, table, keep)
    return None if out is None else out.decode("utf-8")


def _spaced_utf8(text: str, table: bytes, keep: str) -> bytes | None:
    """The UTF-8 encoding of ``text`` with every character that is neither a word character nor
    one of ``keep`` turned into spaces, one a byte (None for text that UTF-8 cannot hold: a lone
    surrogate).

    The work is done on the UTF-8 encoding. ASCII characters go through one byte translation
    (``table`` maps the ASCII non-word bytes to a space and leaves every other byte, so the
    encoding stays valid); the few distinct non-ASCII characters of the text are read from its
    bytes with the ASCII bytes deleted, and the encoding of each one that is not a word character
    is replaced (UTF-8 is self-synchronising: the bytes of one character never occur across the
    boundary of two others). Each is replaced by as many spaces as it has bytes: a replacement of
    the same length is copied in place, about twice as fast as a shorter one.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return None
    out = data.translate(table)
    if not text.isascii():
        for ch in set(non_ascii_part(data)):
            if not ch.isalnum() and ch not in keep:
                code = ch.encode("utf-8")
                out = out.replace(code, b"    "[: len(code)])
    return out


_WORD_PIECE = LazyPattern(r"\w+")


def word_pieces(text: str) -> list[str]:
    """``re.findall(r"\\w+", text)`` at C speed: every character that is not a word character
    becomes a space (:func:`_spaced`), and the rest splits on white space."""
    spaced = _spaced(text, _ASCII_SPLIT, "")
    return _WORD_PIECE.findall(text) if spaced is None else spaced.split()


#: ``_ASCII_SPLIT`` keeping the line feed, which separates the texts of word_pieces_each
_ASCII_SPLIT_LINES = bytes.maketrans(
    bytes(b for b in _ASCII_NON_WORD if b != 10), b" " * (len(_ASCII_NON_WORD) - 1)
)


def word_pieces_each(texts: list[str]) -> list[list[str]]:
    """``[word_pieces(t) for t in texts]``, with one pass over the texts joined by line feeds
    instead of one per text (texts without a line feed of their own, such as normalised ones)."""
    if not texts:
        return []
    joined = "\n".join(texts)
    spaced = _spaced(joined, _ASCII_SPLIT_LINES, "") if joined.count("\n") == len(texts) - 1 else None
    if spaced is None:
        return [word_pieces(t) for t in texts]
    return [line.split() for line in spaced.split("\n")]


def spaced_lines_utf8(texts: list[str]) -> bytes | None:
    """The UTF-8 encoding of ``texts`` joined by line feeds, every character that is not a word
    character turned into spaces (:func:`_spaced_utf8`); None when a text holds a lone surrogate
    or a line feed of its own.

    Its lines split into the UTF-8 encodings of ``word_pieces_each(texts)``: every byte of it is
    the space, the line feed, an ASCII word character or part of a non-ASCII word character, and
    of these ``bytes.split`` splits on the first two alone, as ``str.split`` does on the decoded
    text. Two pieces are equal exactly when their encodings are (UTF-8 is one-to-one), so sets of
    encodings compare as the sets of pieces do, without decoding the text or building a string
    for each piece.
    """
    joined = "\n".join(texts)
    if joined.count("\n") != len(texts) - 1:
        return None
    return _spaced_utf8(joined, _ASCII_SPLIT_LINES, "")


#: the white space characters outside ASCII (what ``str.split()`` splits on besides ASCII's)
#: (written out: the loop over 12,000 code points took a millisecond at import; tests/test_speed_paths.py
#: checks it against ``c.isspace()``)
_WIDE_SPACES = frozenset("\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                         "\u2028\u2029\u202f\u205f\u3000")
#: ASCII white space bytes to a space, every other byte to "x"
_SPACE_OR_X = bytes.maketrans(bytes(range(256)), bytes(32 if chr(b).isspace() and b < 128 else 120 for b in range(256)))


def count_split(text: str) -> int:
    """``len(text.split())`` without building the pieces: in the UTF-8 encoding, with the white
    space outside ASCII replaced by a space, every white space byte becomes a space and every other
    byte an "x"; the pieces are the runs of "x", counted by their starts."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return len(text.split())
    if not text.isascii():
        for ch in _WIDE_SPACES.intersection(non_ascii_part(data)):
            data = data.replace(ch.encode("utf-8"), b" ")
    marks = data.translate(_SPACE_OR_X)
    return marks.count(b" x") + marks.startswith(b"x")


#: the bytes that continue a UTF-8 sequence: deleted, every character leaves one byte
_CONTINUATION_BYTES = bytes(range(0x80, 0xC0))


def split_counts(text: str, longer_than: int) -> tuple[int, int]:
    """(``len(text.split())``, how many of the pieces are longer than ``longer_than`` characters),
    without building the pieces: :func:`count_split`'s marks with the continuation bytes deleted
    first, so that each character leaves one mark. A piece of ``longer_than`` + 1 characters or
    more is a space followed by that many "x" (the text is read with a space before it), once:
    two such runs cannot overlap, each starting with a space."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        pieces = text.split()
        return len(pieces), sum(len(p) > longer_than for p in pieces)
    if text.isascii():
        marks = b" " + data.translate(_SPACE_OR_X)
    else:
        for ch in _WIDE_SPACES.intersection(non_ascii_part(data)):
            data = data.replace(ch.encode("utf-8"), b" ")
        marks = b" " + data.translate(_SPACE_OR_X, _CONTINUATION_BYTES)
    return marks.count(b" x"), marks.count(b" " + b"x" * (longer_than + 1))


def tokenize_words(text: str) -> list[str]:
    """The matches of ``\\w+(?:['’]\\w+)*`` in ``text``, at C speed.

    No match holds a character that is neither a word character nor an apostrophe: those become
    spaces (:func:`_spaced`). An apostrophe joins two words only with a word character on both
    sides; the text then holds only word characters, apostrophes and spaces, so an apostrophe with
    a space, another apostrophe or an end of the text beside it becomes a space too. What remains splits on white space into the matches.
    """
    out = _spaced(text, _TOKEN_SPLIT, _APOSTROPHES)
    if out is None:
        return _WORD.findall(text)
    if "'" not in out and "\u2019" not in out:
        return out.split()
    last = len(out) - 1
    loose = []
    find = out.find
    for mark in _APOSTROPHES:
        i = find(mark)
        while i >= 0:
            if i == 0 or i == last or out[i - 1] in _LOOSE or out[i + 1] in _LOOSE:
                loose.append(i)
            i = find(mark, i + 1)
    if loose:
        parts = []
        start = 0
        for i in sorted(loose):
            parts.append(out[start:i])
            start = i + 1
        parts.append(out[start:])
        out = " ".join(parts)
    return out.split()


def text_hash(normalized: str) -> bytes:
    """A short, stable digest of already normalised text."""
    return hashlib.blake2b(normalized.encode("utf-8"), digest_size=12).digest()


def split_sentences(text: str) -> list[str]:
    """Split prose into sentences on terminal punctuation followed by a capital or digit."""
    return [s for s in (p.strip() for p in _SENT_END.split(text)) if s]


def sentence_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, splitting like :func:`split_sentences`.

    A break runs from just after the terminal punctuation to the character that starts the next
    sentence, which is no white space (the lookahead reads it), so only the first sentence can
    start with white space and only the last one end with it: those two are the text's own ends,
    stripped, and the others need no look.
    """
    lead = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    if end <= lead:
        return []
    out: list[tuple[int, int]] = []
    start = lead
    for m in _SENT_BREAK.finditer(text):
        out.append((start, m.start(1)))
        start = m.end()
    out.append((start, end))
    return out


#: a site's name reduced to letters and digits ("The Guardian" -> "theguardian")
def compact(text: str) -> str:
    return "".join(filter(str.isalnum, unicodedata.normalize("NFKC", text).casefold()))


_HOST_PREFIX = LazyPattern(r"^(?:www\d*|m|mobile|amp|edition|news|en|eu|uk|us)\.")
#: second-level labels under which the registrable name sits one label further left (bbc.co.uk)
_SLD = frozenset("co com net org gov ac edu ne or go".split())


@dataclass(slots=True)
class Paragraph:
    """One body paragraph.

    ``line``/``end_line`` are 1-based source lines (for JSON records: the record's line). ``start`` and
    ``end`` are character offsets of the paragraph inside the body field's string for structured
    records, or inside the file text for text formats; the fixer uses them.
    """

    text: str
    line: int
    end_line: int
    index: int
    start: int = 0
    end: int = 0


@dataclass
class Article:
    """A scraped article as newslint sees it, whatever format it was read from."""

    path: str
    format: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str | None = None
    title_line: int = 1
    summary: str | None = None
    summary_line: int = 1
    byline: str | None = None
    byline_line: int = 1
    date: str | None = None
    date_line: int = 1
    url: str | None = None
    url_line: int = 1
    domain: str | None = None
    #: the language the record declares (a ``language``, ``lang`` or ``locale`` field), as written
    declared_language: str | None = None
    declared_language_line: int = 1
    #: the record's id (JSON formats), or None
    record_id: str | None = None
    #: 0-based position of the record inside its file (JSON formats), or None
    record_index: int | None = None
    #: 1-based line where the article (record) starts
    line: int = 1
    #: canonical field name -> the key it was read from in the source record
    field_keys: dict[str, str] = field(default_factory=dict)
    #: the source record as parsed (JSON formats) or front matter (text formats)
    raw: dict[str, Any] | None = None
    #: True when the source has a metadata block (JSON record, YAML front matter), that is a place
    #: where a date or url is expected to live
    has_metadata: bool = False
    #: True when the article's front matter could not be read (reported as NL003): what fields it
    #: holds is unknown, so no field is reported missing
    metadata_unreadable: bool = False
    #: the body exactly as read, for readers that keep it (text formats)
    body_text: str | None = None
    #: set when the article was larger than newslint lints (newslint.limits): what was left out
    clipped: str | None = None
    #: plain text: True when the body was read as hard-wrapped blocks, False when one paragraph per
    #: line; None for other formats
    hard_wrapped: bool | None = None

    # ------------------------------------------------------------------ locations
    def field_line(self, name: str) -> int:
        """The source line of a metadata field (the record's line for JSON)."""
        return {
            "title": self.title_line,
            "summary": self.summary_line,
            "byline": self.byline_line,
            "date": self.date_line,
            "url": self.url_line,
            "language": self.declared_language_line,
        }.get(name, self.line)

    def field_key(self, name: str) -> str:
        """The name the source used for a canonical field (``maintext`` for ``body`` in news-please)."""
        return self.field_keys.get(name, name)

    @property
    def ref(self) -> str:
        """A short human reference to the record: its id, or ``#index``, or the path."""
        if self.record_id is not None:
            return str(self.record_id)
        if self.record_index is not None:
            return f"#{self.record_index}"
        return self.path

    # ------------------------------------------------------------------ shared views
    @cached_property
    def text(self) -> str:
        """The body as one string, paragraphs separated by a blank line."""
        return "\n\n".join(p.text for p in self.paragraphs)

    @cached_property
    def all_text(self) -> str:
        """Title, summary, byline and body in one string: for cheap "can this rule fire at all" checks."""
        return "\n".join(v for v in (self.title, self.summary, self.byline, self.text) if v)

    @cached_property
    def normalized(self) -> list[str]:
        """Normalised text of each paragraph (same order as ``paragraphs``)."""
        return [normalize_text(p.text) for p in self.paragraphs]

    @cached_property
    def paragraph_hashes(self) -> list[bytes]:
        """Digest of each normalised paragraph."""
        return [text_hash(n) for n in self.normalized]

    @cached_property
    def words(self) -> list[str]:
        """Word tokens of the body, in order."""
        return tokenize_words(self.text)

    @cached_property
    def words_lower(self) -> list[str]:
        """``words``, lower-cased (``list(map(str.lower, words))``).

        When lower-casing keeps the body's length, every character maps to one character of the
        same kind (word character, apostrophe, white space, punctuation: tests/test_tokens.py
        checks every code point), so the lower-cased body splits into the lower-cased words and is
        tokenised directly; otherwise (a rare letter such as "İ" grows) the words are lower-cased.
        The capital sigma is the one letter whose lower case depends on what follows it (final
        "ς" or "σ"), and a word ends where the body may go on: a body holding it takes the
        second way too.
        """
        if "words" not in self.__dict__:
            text = self.text
            lower = text.lower()
            if len(lower) == len(text) and "\u03a3" not in text:
                return tokenize_words(lower)
        return list(map(str.lower, self.words))

    @cached_property
    def word_count(self) -> int:
        """Number of white-space separated words in the body (characters / 2 for CJK text without spaces)."""
        text = self.text
        n = count_split(text)
        # Chinese and Japanese do not separate words by spaces: a "word" is a run between spaces
        # (a sentence or more); below one word per 10 characters, count two characters a word
        if text and n < len(text) / 10:
            cjk = len(_CJK.findall(text))
            if cjk:
                n = max(n, cjk // 2)
        return n

    @cached_property
    def norm_title(self) -> str:
        return normalize_text(self.title) if self.title else ""

    @cached_property
    def norm_summary(self) -> str:
        return normalize_text(self.summary) if self.summary else ""

    @cached_property
    def norm_url(self) -> str | None:
        """The URL's comparison key (see newslint.urlnorm.normalize_url), None without a usable URL."""
        from newslint.urlnorm import normalize_url

        return normalize_url(self.url)

    @cached_property
    def source_domain(self) -> str:
        """The site the article comes from: the domain field, else the URL's host ("" if neither)."""
        from newslint.urlnorm import url_host

        if self.domain:
            host = url_host(self.domain) or self.domain.strip().lower()
            return host
        return url_host(self.url) or ""

    @cached_property
    def body_hash(self) -> bytes:
        """Digest of the whole normalised body."""
        return text_hash("\n".join(self.normalized))

    @cached_property
    def language_identification(self) -> "Identification":
        """What newslint.lang found in the body: language code, CLD2's reliability, share, letters."""
        from newslint.lang import identify

        # identify() reads the first 1,500 characters of the first 20 paragraphs: join no more
        parts: list[str] = []
        size = 0
        for p in self.paragraphs[:20]:
            parts.append(p.text)
            size += len(p.text) + 1
            if size > 1500:
                break
        sample = " ".join(parts)
        return identify(sample or (self.title or ""))

    @cached_property
    def language(self) -> str:
        """ISO 639-1 code of the body's language (``"und"`` when too short to tell or unsure); see newslint.lang."""
        found = self.language_identification
        return found.code if found.reliable else "und"

    @property
    def is_english(self) -> bool:
        return self.language == "en"

    @cached_property
    def sentence_spans(self) -> list[tuple[int, int, int]]:
        """(paragraph index, start, end) of every body sentence; offsets inside the paragraph text."""
        return [(p.index, s, e) for p, offsets in zip(self.paragraphs, self.paragraph_sentence_offsets)
                for s, e in offsets]

    @cached_property
    def paragraph_sentence_offsets(self) -> list[list[tuple[int, int]]]:
        """(start, end) of every sentence of each paragraph (same order as ``paragraphs``), split
        once for ``sentence_spans`` and ``sentences``."""
        return [sentence_offsets(p.text) for p in self.paragraphs]

    @cached_property
    def host(self) -> str | None:
        """Lower-case host name of the article's url (or of its domain field), without ``www.``."""
        for value in (self.url, self.domain):
            if not value:
                continue
            text = value.strip()
            if "//" not in text:
                text = "//" + text
            try:
                host = urlsplit(text).hostname
            except ValueError:
                continue
            if host:
                return _HOST_PREFIX.sub("", host.rstrip("."))
        return None

    @cached_property
    def site_keys(self) -> frozenset[str]:
        """Compact forms of the site's name: the registrable label of the host ("nytimes" for
        www.nytimes.com, "bbc" for bbc.co.uk), the host itself, and a ``site_name``-like field of
        the record; used to recognise the site name in titles and bylines."""
        keys: set[str] = set()
        host = self.host
        if host:
            labels = [lab for lab in host.split(".") if lab]
            keys.add(compact(host))
            if len(labels) >= 2:
                label = labels[-3] if len(labels) >= 3 and labels[-2] in _SLD else labels[-2]
                keys.add(compact(label))
        raw = self.raw or {}
        for key in ("site_name", "sitename", "source_name", "publisher", "og:site_name"):
            value = raw.get(key)
            if isinstance(value, str) and value.strip():
                keys.add(compact(value))
        return frozenset(k for k in keys if len(k) >= 3)

    @cached_property
    def sentences(self) -> list[tuple[int, str]]:
        """(paragraph index, sentence) for every sentence of the body."""
        # sentence_offsets splits like split_sentences (faster: see _SENT_BREAK); the offsets are shared
        return [(p.index, p.text[s:e]) for p, offsets in zip(self.paragraphs, self.paragraph_sentence_offsets)
                for s, e in offsets]
