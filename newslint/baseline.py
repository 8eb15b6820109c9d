"""Baselines: record today's findings, then report only new ones.

A finding's fingerprint is ``(code, record identity, digest of the text at fault)``:

* the record identity is the record's id, else its URL, else a digest of its normalised title and
  first paragraph; for plain-text and Markdown files it is the file's path (relative to the
  baseline file); for dataset-rule findings it is the id, else the URL, else path and position;
* the text at fault is the normalised text of the paragraph the finding is about, else of the
  metadata field it is about, else nothing (a finding about the record as a whole).

Line numbers, record order and the message are not part of it, so a fingerprint survives reordered
records, shifted lines and edits elsewhere in the record. Identical fingerprints (the same
paragraph repeated three times) are counted: the baseline stores how many times each occurs, and a
run may report that many before the next one counts as new.

The file is JSON, sorted, one entry per line, with the format version and the newslint version.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newslint._version import __version__
from newslint.article import RECORD_FORMATS, normalize_text
from newslint.config import ConfigError
from newslint.debugging import describe_exception
from newslint.rule import shorten
from newslint.violation import Violation

if TYPE_CHECKING:  # pragma: no cover
    from newslint.article import Article
    from newslint.rule import ArticleRef

FORMAT_VERSION = 1
_FIELDS = ("title", "summary", "byline", "date", "url", "domain")

#: (code, record identity, digest of the text at fault)
Key = tuple[str, str, str]


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


def _rel(path: str, base_dir: str) -> str:
    if path.startswith("<") or path == "-":
        return path
    try:
        return os.path.relpath(os.path.abspath(path), base_dir).replace(os.sep, "/")
    except ValueError:  # another drive
        return os.path.abspath(path).replace(os.sep, "/")


def record_identity(article: "Article", base_dir: str) -> str:
    """What names the record across runs: id, URL, content digest; the path for text files."""
    if article.format not in RECORD_FORMATS:
        return "path:" + _rel(article.path, base_dir)
    if article.record_id is not None:
        return f"id:{article.record_id}"
    if article.url:
        return f"url:{article.url.strip()}"
    first = article.normalized[0] if article.paragraphs else ""
    return "text:" + _digest(article.norm_title + "\n" + first)


def ref_identity(ref: "ArticleRef", base_dir: str) -> str:
    """The identity of a dataset finding's record (what an ArticleRef knows)."""
    if ref.record_id is not None:
        return f"id:{ref.record_id}"
    url = getattr(ref, "url", None)
    if url:
        return f"url:{url.strip()}"
    where = _rel(ref.path, base_dir)
    return f"path:{where}" if ref.record_index is None else f"path:{where}#{ref.record_index}"


def fault_text(v: Violation, article: "Article") -> str:
    """The full normalised text a finding is about (``Violation.excerpt`` is shortened)."""
    if v.paragraph is not None and 0 <= v.paragraph < len(article.paragraphs):
        return article.normalized[v.paragraph]
    if v.field:
        canonical = next((c for c, k in article.field_keys.items() if k == v.field), v.field)
        if canonical in _FIELDS:
            value = getattr(article, canonical, None)
            return normalize_text(value) if value else ""
    return ""


def fingerprint(v: Violation, source: "Article | ArticleRef | None", base_dir: str) -> Key:
    """The baseline key of a finding, from the article (or ArticleRef) it was found in."""
    from newslint.article import Article

    if isinstance(source, Article):
        identity = record_identity(source, base_dir)
        text = fault_text(v, source)
    elif source is not None:
        identity = ref_identity(source, base_dir)
        text = normalize_text(v.excerpt) if v.excerpt and not v.excerpt.endswith("…") else ""
    else:
        identity = "path:" + _rel(v.path, base_dir)
        text = ""
    return (v.code, identity, _digest(text))


@dataclass
class Entry:
    code: str
    record: str
    fingerprint: str
    count: int
    path: str
    excerpt: str = ""
    #: the field the finding is about, for readers of the file (not part of the fingerprint)
    field: str = ""

    def to_json(self) -> str:
        d = {"code": self.code, "record": self.record, "fingerprint": self.fingerprint,
             "count": self.count, "path": self.path}
        if self.excerpt:
            d["excerpt"] = self.excerpt
        if self.field:
            d["field"] = self.field
        return json.dumps(d, ensure_ascii=False, sort_keys=True)

    @property
    def key(self) -> Key:
        return (self.code, self.record, self.fingerprint)


def _sort_key(e: Entry) -> tuple:
    return (e.path, e.record, e.code, e.fingerprint)


def write_entries(path: str, entries: list[Entry]) -> None:
    """Write a baseline file atomically: sorted, one entry per line, stable across runs."""
    entries = sorted(entries, key=_sort_key)
    body = ",\n".join("    " + e.to_json() for e in entries)
    text = (
        "{\n"
        f'  "newslint_baseline": {FORMAT_VERSION},\n'
        f'  "newslint_version": {json.dumps(__version__)},\n'
        f'  "findings": {sum(e.count for e in entries)},\n'
        + ('  "entries": [\n' + body + "\n  ]\n}\n" if body else '  "entries": []\n}\n')
    )
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise ConfigError(f"{path}: cannot write baseline: Is a directory")
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".newslint-baseline-", dir=folder)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.chmod(tmp, _file_mode(path))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write baseline: {exc.strerror or exc}") from None
    finally:
        if tmp is not None:  # written but not put in place: never left behind
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _file_mode(path: str) -> int:
    """The mode the baseline file keeps (if it exists) or gets (rw for everyone, less the umask)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


@dataclass
class Baseline:
    """A loaded baseline: the findings it allows, consumed as the run meets them."""

    path: str
    entries: list[Entry]
    allowed: Counter = field(default_factory=Counter)
    consumed: Counter = field(default_factory=Counter)
    #: paths (relative to the baseline's folder) the run has linted
    linted: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        #: the folder paths in the baseline are relative to
        self.base_dir = os.path.dirname(os.path.abspath(self.path))
        for e in self.entries:
            self.allowed[e.key] += e.count

    @classmethod
    def load(cls, path: str, where: str = "--baseline") -> "Baseline":
        label = f"{where}: {path}" if where.startswith("--") else where
        try:
            with open(path, encoding="utf-8-sig") as fh:  # a byte-order mark, as Windows editors save it, is allowed
                doc = json.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"{label}: no such baseline file (create it with --write-baseline {path})") from None
        except OSError as exc:
            raise ConfigError(f"{label}: cannot read baseline: {exc.strerror or exc}") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{label}: not a newslint baseline: {exc}") from None
        except (RecursionError, OverflowError, ValueError) as exc:  # nested too deeply, 1e400, ...
            raise ConfigError(f"{label}: not a newslint baseline: {describe_exception(exc)}") from None
        if not isinstance(doc, dict) or "newslint_baseline" not in doc:
            raise ConfigError(f"{label}: not a newslint baseline (no 'newslint_baseline' version)")
        version = doc["newslint_baseline"]
        if type(version) is not int or version != FORMAT_VERSION:  # true == 1 in Python, not here
            raise ConfigError(
                f"{label}: baseline format {version!r} is not supported "
                f"(this newslint reads format {FORMAT_VERSION}); write it again with --write-baseline"
            )
        entries = []
        listed = doc.get("entries") or []
        if not isinstance(listed, list):
            raise ConfigError(f"{label}: not a newslint baseline ('entries' is not a list)")
        for n, raw in enumerate(listed, start=1):
            try:
                count = raw.get("count", 1)
                if type(count) is not int or count < 1:  # 1.5, "2", 1e400, true, 0, -5
                    raise ValueError(count)
                entries.append(Entry(str(raw["code"]), str(raw["record"]), str(raw["fingerprint"]),
                                     count, str(raw.get("path", "")), str(raw.get("excerpt", "")),
                                     str(raw.get("field", ""))))
            except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
                raise ConfigError(f"{label}: entry {n} is malformed (needs code, record, fingerprint, "
                                  "and a count of 1 or more)") from None
        return cls(path, entries)

    def consume(self, key: Key) -> bool:
        """True when the baseline still allows a finding with this key (and counts it)."""
        if self.consumed[key] < self.allowed.get(key, 0):
            self.consumed[key] += 1
            return True
        return False

    def merge_usage(self, other: Counter) -> None:
        """Add what another process consumed (parallel runs)."""
        self.consumed.update(other)

    def saw_path(self, path: str) -> None:
        self.linted.add(_rel(path, self.base_dir))

    def fixed(self) -> int:
        """Baselined findings in the linted files that no longer occur."""
        missing = 0
        seen: set[Key] = set()
        for e in self.entries:
            if e.key in seen or (self.linted and e.path not in self.linted):
                continue
            seen.add(e.key)
            missing += max(0, self.allowed[e.key] - self.consumed[e.key])
        return missing

    @property
    def total(self) -> int:
        return sum(self.allowed.values())

    def pruned_entries(self) -> list[Entry]:
        """The entries that still occur, plus those of files this run did not lint."""
        out = []
        left = Counter(self.consumed)
        for e in self.entries:
            if self.linted and e.path not in self.linted:
                out.append(e)
                continue
            n = min(e.count, left[e.key])
            if n:
                left[e.key] -= n
                out.append(Entry(e.code, e.record, e.fingerprint, n, e.path, e.excerpt, e.field))
        return out


@dataclass
class BaselineWriter:
    """Collects the fingerprints of a run's findings for ``--write-baseline``."""

    path: str
    counts: Counter = field(default_factory=Counter)
    info: dict[Key, tuple[str, str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.base_dir = os.path.dirname(os.path.abspath(self.path))

    def add(self, key: Key, v: Violation) -> None:
        self.counts[key] += 1
        if key not in self.info:
            self.info[key] = (_rel(v.path, self.base_dir), shorten(v.excerpt, 60) if v.excerpt else "", v.field or "")

    def entries(self) -> list[Entry]:
        return [Entry(k[0], k[1], k[2], n, *self.info[k]) for k, n in self.counts.items()]

    def write(self) -> int:
        write_entries(self.path, self.entries())
        return sum(self.counts.values())


def summary_line(baseline: Baseline) -> str:
    """The one stderr line of a run with a baseline."""
    fixed = baseline.fixed()
    text = f"baseline {baseline.path}: {baseline.total} recorded findings, {fixed} no longer occur (fixed since)"
    if fixed:
        text += "; drop them with --prune-baseline"
    return text
