"""Readers turn article files into :class:`newslint.Article` records.

One module per format. Every reader is registered through the ``newslint_readers`` hook, like a
third-party reader would be. A reader never raises for bad input: it yields an
:class:`InputProblem` (reported as an ``NL0xx`` finding) and goes on with the next record.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, ClassVar

from newslint.hookspecs import hookimpl
from newslint.readers.compression import codec_of, decompressing
from newslint.article import Article, Paragraph
from newslint.limits import clip_text
from newslint.lazy import LazyPattern

#: canonical field -> keys looked for in a record, in order of preference
DEFAULT_FIELD_MAP: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "body": ("maintext", "text", "body", "content", "article_text"),
    "byline": ("byline", "authors", "author"),
    "date": ("date_publish", "date", "date_published", "published", "publish_date"),
    "url": ("url", "link"),
    "summary": ("description", "excerpt", "summary", "dek", "subtitle"),
    "id": ("id", "_id", "uuid"),
    "domain": ("source_domain", "hostname", "domain", "sitename"),
    "language": ("language", "lang", "locale", "inLanguage"),
}
CANONICAL_FIELDS = tuple(DEFAULT_FIELD_MAP)


class FieldMapError(ValueError):
    """A --field mapping names an unknown canonical field or is not NAME=KEY."""


def build_field_map(overrides: dict[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """The default mapping with ``overrides`` (canonical -> source key) taking precedence."""
    fmap = dict(DEFAULT_FIELD_MAP)
    for canonical, key in (overrides or {}).items():
        if canonical not in fmap:
            raise FieldMapError(
                f"unknown field '{canonical}' in field mapping (fields: {', '.join(CANONICAL_FIELDS)})"
            )
        keys = (key,) if isinstance(key, str) else tuple(key)
        fmap[canonical] = keys
    return fmap


def parse_field_option(text: str) -> tuple[str, str]:
    """Parse ``--field body=article_text``."""
    name, sep, key = text.partition("=")
    if not sep or not name.strip() or not key.strip():
        raise FieldMapError(f"--field takes FIELD=KEY, e.g. body=article_text, not {text!r}")
    return name.strip(), key.strip()


@dataclass
class InputProblem:
    """Input a reader could not read: an undecodable file, a malformed JSON record, ..."""

    code: str
    message: str
    line: int = 1
    col: int = 1
    record_index: int | None = None
    #: the problem is this record's alone (a field that is not UTF-8): the rest of the file is read,
    #: and a fix may write the file back with this record as it is
    record_only: bool = False


@dataclass
class Source:
    """A file to read, or standard input under a display name."""

    path: str
    fs_path: Path | None = None
    data: bytes | None = None
    #: for the plain-text reader: read the body as hard-wrapped blocks (True) or one paragraph per
    #: line (False) instead of judging from the text. The fixer pins the layout of its first reading
    #: for its later rounds, so that a fix cannot change how the rest of the file is read.
    hard_wrap: bool | None = None
    #: the file object last opened by open_binary (before decompression), for progress reports
    _raw: IO[bytes] | None = field(default=None, init=False, repr=False, compare=False)

    def open_binary(self) -> IO[bytes]:
        if self.data is not None:
            raw: IO[bytes] = io.BytesIO(self.data)
        else:
            assert self.fs_path is not None
            raw = open(self.fs_path, "rb")
        self._raw = raw
        codec = codec_of(self.path)
        if codec is not None:
            return decompressing(raw, codec)
        return raw

    def bytes_read(self) -> int:
        """How far into the (compressed) input the reader is: bytes read so far, 0 before opening."""
        raw = self._raw
        if raw is None:
            return 0
        try:
            return raw.tell()
        except (ValueError, OSError):  # closed: the whole input was read
            return self.size()

    def size(self) -> int:
        """Size of the input in bytes (compressed size for a compressed file), 0 when unknown."""
        if self.data is not None:
            return len(self.data)
        try:
            return self.fs_path.stat().st_size if self.fs_path is not None else 0
        except OSError:
            return 0

    def read_bytes(self) -> bytes:
        with self.open_binary() as fh:
            return fh.read()

    @classmethod
    def stdin(cls, name: str) -> "Source":
        return cls(path=name, data=sys.stdin.buffer.read())


class Reader:
    """Base class of readers."""

    format: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    #: True when records come in line order and a file may be too large to hold its findings:
    #: the engine then streams findings article by article instead of sorting the whole file
    streaming: ClassVar[bool] = False

    def read(self, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        raise NotImplementedError


class WholeTextReader(Reader):
    """A reader of formats read whole as UTF-8 text: decoding errors become NL001 at their line."""

    def read(self, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        text, problem = decode_text(source.read_bytes())
        if problem is not None:
            yield problem
            return
        assert text is not None
        yield from self.parse(text, source, field_map)

    def parse(self, text: str, source: Source, field_map: dict[str, tuple[str, ...]]) -> Iterator[Article | InputProblem]:
        """Articles (and input problems) of the decoded ``text`` of ``source``."""
        raise NotImplementedError


def decode_text(data: bytes) -> tuple[str | None, InputProblem | None]:
    """Decode UTF-8 (with or without BOM); on failure an NL001 problem naming line and column."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, InputProblem(
            "NL001",
            f"cannot decode as UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} ({exc.reason})",
            line=line,
            col=col,
        )


def decode_bytes_values(record: dict[str, Any], index: int, keys: Collection[str] | None = None
                        ) -> tuple[dict[str, Any], InputProblem | None]:
    """``record`` with its bytes values decoded as UTF-8 (a copy when it has any: text stored as
    bytes, by a columnar file's binary column or a database driver), or the NL001 problem of the
    first value that is not UTF-8, naming its key. A str() of bytes would lint "b'...'" as text.
    With ``keys`` (the keys the field mapping reads), a value under another key that is not UTF-8
    (an image, a compressed page) is no text of the article: it is left as it is, not reported."""
    if not any(isinstance(v, bytes) for v in record.values()):
        return record, None
    out = dict(record)
    for key, value in record.items():
        if isinstance(value, bytes):
            try:
                out[key] = value.decode("utf-8")
            except UnicodeDecodeError as exc:
                if keys is not None and key not in keys:
                    continue
                return record, InputProblem(
                    "NL001",
                    f"cannot decode field '{key}' as UTF-8: byte 0x{value[exc.start]:02x} at offset {exc.start} ({exc.reason})",
                    line=index + 1, col=1, record_index=index, record_only=True)
    return out, None


def _missing(value: Any) -> bool:
    """A missing-value marker a record can hold besides None: float NaN, pandas' NaT and NA (a
    DataFrame's rows handed over as dicts). They stand for no value, not for the text "nan"."""
    if isinstance(value, float):
        return value != value
    if type(value).__name__ in ("NaTType", "NAType"):
        return True
    return False


def _scalar(value: Any) -> str | None:
    """A metadata value as text: lists (author lists) are joined, empty and missing values become None."""
    if type(value) is str:
        return value if value.strip() else None
    if value is None or _missing(value):
        return None
    if isinstance(value, (list, tuple)):
        parts = [_scalar(v) for v in value]
        joined = ", ".join(p for p in parts if p)
        return joined or None
    if isinstance(value, dict):
        for key in ("name", "text", "value"):
            if key in value:
                return _scalar(value[key])
        return None
    if isinstance(value, bool):
        return str(value).lower()
    text = str(value)
    return text if text.strip() else None


def id_text(value: Any) -> str | None:
    """A record id as text. A whole number stored as a float (an integer id column with a gap, which
    pandas and many CSV loaders turn into floats) is written as the integer: ``12``, not ``12.0``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        return str(int(value))
    return _scalar(value)


def _pick(record: dict[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        if key in record:
            return key, record[key]
    return None, None


_BLANK_LINE = LazyPattern(r"\n[ \t\r]*\n")
_NEWLINE = LazyPattern(r"\n")


def split_body_string(body: str, line: int) -> list[Paragraph]:
    """Paragraphs of a body held in one string: blank-line separated blocks, else one per line.

    ``start``/``end`` are offsets of each paragraph's stripped text in ``body``; a block's lines are
    joined with single spaces.
    """
    blocks = _BLANK_LINE.search(body) is not None
    splitter = _BLANK_LINE if blocks else _NEWLINE
    paragraphs: list[Paragraph] = []
    pos = 0
    bounds = [(m.start(), m.end()) for m in splitter.finditer(body)]
    bounds.append((len(body), len(body)))
    for cut, nxt in bounds:
        chunk = body[pos:cut]
        pos = nxt
        stripped = chunk.strip()
        if not stripped:
            continue
        start = cut - len(chunk) + (len(chunk) - len(chunk.lstrip()))
        text = " ".join(stripped.split()) if blocks and ("\n" in stripped or "  " in stripped) else stripped
        paragraphs.append(Paragraph(text, line, line, len(paragraphs), start, start + len(stripped)))
    return paragraphs


def record_to_article(
    record: dict[str, Any],
    *,
    path: str,
    fmt: str,
    line: int,
    index: int | None,
    field_map: dict[str, tuple[str, ...]],
) -> Article:
    """Map one JSON-like record onto an Article with the field mapping."""
    art = Article(path=path, format=fmt, line=line, record_index=index, raw=record, has_metadata=True)
    keys: dict[str, str] = {}
    for canonical in ("title", "summary", "byline", "date", "url", "domain", "id"):
        key, value = _pick(record, field_map[canonical])
        if key is not None:
            keys[canonical] = key
        if canonical == "id":
            art.record_id = id_text(value)
        else:
            setattr(art, canonical, _scalar(value))
    for canonical in ("title", "summary", "byline", "date", "url"):
        setattr(art, f"{canonical}_line", line)
    key, value = _pick(record, field_map.get("language", ()))
    if key is not None:
        keys["language"] = key
        art.declared_language = _scalar(value)
        art.declared_language_line = line
    key, body = _pick(record, field_map["body"])
    if key is not None:
        keys["body"] = key
    if isinstance(body, list):
        texts = [_scalar(b) or "" for b in body]
        body = "\n\n".join(texts)
    elif body is not None and not isinstance(body, str):
        body = _scalar(body)  # a number, or an object holding the text: read as what it says, not as no body
    if isinstance(body, str):
        body, art.clipped = clip_text(body)
        art.paragraphs = split_body_string(body, line)
    art.field_keys = keys
    return art


@hookimpl
def newslint_readers() -> list[type[Reader]]:
    from newslint.readers.jsonfile import JsonReader
    from newslint.readers.jsonl import JsonlReader
    from newslint.readers.markdown import MarkdownReader
    from newslint.readers.txt import TextReader
    from newslint.readers.csvfile import CsvReader, TsvReader
    from newslint.readers.parquet import ParquetReader
    from newslint.readers.arrow import ArrowReader

    return [TextReader, MarkdownReader, JsonReader, JsonlReader, CsvReader, TsvReader, ParquetReader, ArrowReader]


#: metadata files ``datasets.Dataset.save_to_disk`` writes beside its Arrow shards
_HF_METADATA = ("state.json", "dataset_info.json")


def folder_files(root: str, files: list[str]) -> list[str]:
    """The files of one folder that discovery should consider (sorted names).

    A Hugging Face ``save_to_disk`` folder (a ``state.json`` listing ``_data_files``) is read as
    its data shards: its metadata JSON files and any cache files ``datasets`` left beside them are
    not articles. A ``DatasetDict`` folder's ``dataset_dict.json`` is skipped likewise. A shard the
    ``state.json`` lists that is not in the folder (a copy cut short) is named all the same, so that
    discovery reports it as a file that cannot be read instead of linting the rest as the dataset.
    """
    names = set(files)
    if "dataset_dict.json" in names:
        names.discard("dataset_dict.json")
    if "state.json" in names:
        import json
        import os

        try:
            with open(os.path.join(root, "state.json"), encoding="utf-8") as fh:
                state = json.load(fh)
            shards = {d["filename"] for d in state["_data_files"]}
            listed = {s for s in shards if s.endswith(".arrow") and os.path.basename(s) == s and not s.startswith(".")}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return sorted(names)
        if listed or any(f.endswith(".arrow") for f in names):
            names = {n for n in names if n not in _HF_METADATA and (not n.endswith(".arrow") or n in shards)} | listed
    return sorted(names)
