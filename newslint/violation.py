"""Findings and the fixes they carry."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from dataclasses import field as dc_field
from typing import Any, Literal

#: names of the input-problem codes (documented as rules in newslint.checks.input_errors)
INPUT_CODES = {
    "NL001": "unreadable-file",
    "NL002": "malformed-record",
    "NL003": "malformed-front-matter",
    "NL004": "rule-failed",
    "NL005": "reader-failed",
    "NL006": "formatter-failed",
    "NL007": "oversized-article",
}

#: Unicode categories a line of a report never carries as they are: controls (a newline, an
#: escape sequence that recolours the terminal), format characters (bidi overrides, zero-width
#: characters), surrogates no encoder takes, and the line and paragraph separators
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Zl", "Zp"))


def _noncharacter(code: int) -> bool:
    """U+FDD0..U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE...):
    Unicode keeps them out of text for good, so in scraped data they are debris (U+FFFE is a byte
    order mark read the wrong way round), and XML 1.0 cannot carry U+FFFE and U+FFFF at all"""
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def shown(text: str, keep: str = "") -> str:
    """``text`` with the characters of :data:`_HIDDEN` and the noncharacters written as ``\\xNN``
    or ``\\uNNNN``, so that a record id, a message quoting scraped text or an excerpt stays one
    honest line in a terminal, a CI log or an XML report, whatever the data holds. Machine formats
    (JSON, SARIF) keep the values as they are: their encoders escape them. Characters of ``keep``
    pass (a format that escapes line breaks its own way keeps them)."""
    if text.isprintable():
        return text
    from unicodedata import category

    out = []
    for ch in text:
        if (category(ch) in _HIDDEN or _noncharacter(ord(ch))) and ch not in keep:
            code = ord(ch)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")
        else:
            out.append(ch)
    return "".join(out)


Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[str, ...] = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}


@dataclass(frozen=True, slots=True)
class Edit:
    """One change to an article.

    kinds:
      * ``delete_paragraph``: remove body paragraph ``paragraph`` (0-based index).
      * ``replace``: replace ``text[start:end]`` of field ``field`` (for ``body``: of paragraph
        ``paragraph``) with ``text``.
      * ``set_field``: set metadata field ``field`` to ``text`` (``None`` clears it).
    """

    kind: Literal["delete_paragraph", "replace", "set_field"]
    field: str = "body"
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Fix:
    """A fix: what it does in words, the edits, and whether it is safe to apply unattended."""

    description: str
    edits: tuple[Edit, ...] = ()
    applicability: Literal["safe", "unsafe"] = "safe"

    @property
    def safe(self) -> bool:
        return self.applicability == "safe"


@dataclass(frozen=True, slots=True)
class Violation:
    """A finding, stamped by the engine with its code, severity and location."""

    path: str
    line: int
    col: int
    code: str
    name: str
    severity: str
    message: str
    record_id: str | None = None
    record_index: int | None = None
    field: str | None = None
    suggestion: str | None = None
    fix: Fix | None = None
    end_line: int | None = None
    end_col: int | None = None
    #: the offending text, shortened, for reports
    excerpt: str | None = None
    #: the article-level paragraph index the finding is about, if any
    paragraph: int | None = None
    extra: dict[str, Any] = dc_field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple:
        return (
            self.path,
            self.line,
            self.record_index if self.record_index is not None else -1,
            self.col,
            self.paragraph if self.paragraph is not None else -1,
            self.code,
            self.message,
        )

    def __lt__(self, other: "Violation") -> bool:
        return self.sort_key() < other.sort_key()

    @property
    def record_ref(self) -> str | None:
        """The record as reports name it: its id (control characters escaped, see :func:`shown`),
        or ``#index``."""
        if self.record_id is not None:
            return shown(str(self.record_id))
        if self.record_index is not None:
            return f"#{self.record_index}"
        return None

    @property
    def is_input_error(self) -> bool:
        # NL001-NL008 are input problems; NL009 (unused-suppression) is a finding like any other
        return "NL001" <= self.code <= "NL008"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if self.fix is not None:
            d["fix"]["edits"] = [asdict(e) for e in self.fix.edits]
        return d
