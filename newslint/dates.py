"""Date parsing for the formats scrapers emit, without guessing beyond what the text says."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from newslint.lazy import LazyPattern

_MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d{2}:?\d{2})?)?"
_MDY = LazyPattern(rf"^{_WEEKDAY}(?P<mon>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}}){_TIME}\s*$", re.I)
_DMY = LazyPattern(rf"^{_WEEKDAY}(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<mon>{_MONTH_RE})\.?,?\s+(?P<year>\d{{4}}){_TIME}\s*$", re.I)
_NUMERIC = LazyPattern(r"^(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?P<year>\d{4})" + _TIME + r"\s*$", re.I)
_ISO_DAY = LazyPattern(r"^\d{4}-\d{2}-\d{2}")
_EPOCH = LazyPattern(r"^\d{9,13}(?:\.\d+)?$")


_MONTH_NAME = LazyPattern(r"(?i)jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec")


#: the clock after an ISO date: "T10:30" or "T10:30:15"
_ISO_CLOCK = re.compile(r"T(\d\d):(\d\d)(?::(\d\d))?")


def parse_date(text: str | None) -> datetime | None:
    """Parse a publication date; ``None`` when the text is not a date.

    Accepts ISO 8601 (with ``T`` or a space, fractional seconds, ``Z`` or an offset), RFC 2822,
    English month-name dates with an optional weekday and time ("Tuesday, July 1, 2025",
    "1 July 2025 10:30 GMT"), d/m/Y and m/d/Y numerals, and Unix epoch seconds or milliseconds.
    Returned datetimes are timezone-aware when the text names a zone, naive otherwise.
    """
    if text is None:
        return None
    s = " ".join(str(text).split())
    if not s or len(s) > 80:
        return None
    if _ISO_DAY.match(s):
        iso = s.replace("Z", "+00:00").replace("z", "+00:00")
        if len(iso) > 10 and iso[10] == " ":
            iso = iso[:10] + "T" + iso[11:]
        try:
            return datetime.fromisoformat(iso)
        except ValueError:
            # trailing zone names and odd fractions: fall back to the calendar date, unless the
            # clock itself is impossible ("25:61:61" is not a time, so not a date to trust)
            clock = _ISO_CLOCK.match(iso, 10)
            if clock and (int(clock[1]) > 24 or int(clock[2]) > 59 or int(clock[3] or 0) > 60):
                return None
            try:
                return datetime.fromisoformat(iso[:10])
            except ValueError:
                return None
    if _EPOCH.match(s):
        value = float(s)
        if value > 1e11:
            value /= 1000.0
        try:
            return datetime.fromtimestamp(value, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    for rx in (_MDY, _DMY):
        m = rx.match(s)
        if m:
            return _make(int(m["year"]), _MONTHS[m["mon"].lower().rstrip(".")], int(m["day"]))
    m = _NUMERIC.match(s)
    if m:
        a, b = int(m["a"]), int(m["b"])
        day, month = (a, b) if a > 12 else (b, a) if b > 12 else (a, b)
        return _make(int(m["year"]), month, day)
    # RFC 2822 dates ("Tue, 01 Dec 2026 08:00:00 GMT") last, and only for text naming a month (the
    # parser refuses anything else): email.utils pulls in socket and friends, which a run on
    # articles without such dates never needs to import
    if not _MONTH_NAME.search(s):
        return None
    from email.utils import parsedate_to_datetime

    try:
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    return dt


def _make(year: int, month: int, day: int) -> datetime | None:
    try:
        return datetime(year, month, day)
    except ValueError:
        return None
