"""JUnit XML: one test case per file, or per record for JSON Lines datasets; findings are failures.

Every article linted becomes a test case (passing ones too), so CI dashboards can show how many
files or records passed. Test cases are spooled to a temporary file while the run goes on, and only
the findings are kept in memory, so memory does not grow with the number of clean articles.
"""

from __future__ import annotations

import json
import tempfile

from newslint.engine import RunStats
from newslint.formatting import Formatter
from newslint.formatting.text import fix_line, format_line
from newslint.violation import SEVERITY_RANK, Violation, shown


def _key(path: str, record_id: str | None, record_index: int | None, per_record: bool) -> tuple:
    """(path, record as reports name it, record index): records are told apart by their index, as
    scraped datasets often hold several records with one id (and escaped ids can coincide)."""
    if not per_record:
        return (path, None, None)
    ref = shown(str(record_id)) if record_id is not None else (f"#{record_index}" if record_index is not None else None)
    return (path, ref, record_index)


def _per_record(path: str) -> bool:
    from newslint.readers.compression import uncompressed_name

    return uncompressed_name(path.lower()).endswith((".jsonl", ".ndjson", ".csv", ".tsv", ".tab", ".parquet", ".pq", ".arrow", ".feather", ".ipc"))


def escape(text: str) -> str:
    """``xml.sax.saxutils.escape``, imported on use: the module pulls in urllib.request."""
    from xml.sax.saxutils import escape as _escape

    return _escape(text)


def quoteattr(text: str) -> str:
    """``xml.sax.saxutils.quoteattr``, imported on use (see :func:`escape`)."""
    from xml.sax.saxutils import quoteattr as _quoteattr

    return _quoteattr(text)


def _xml_char(code: int) -> bool:
    """Whether XML 1.0 can carry the character at all (its ``Char`` production)."""
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def _xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids (most controls, surrogates, U+FFFE, U+FFFF)
    written as ``\\xNN`` or ``\\uNNNN``, the way :func:`shown` writes them."""
    if all(_xml_char(ord(ch)) for ch in text):
        return text
    return "".join(ch if _xml_char(ord(ch)) else f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" for ch in text)


def _xml_text(text: str) -> str:
    return escape(_xml_safe(text))


def _xml_attr(text: str) -> str:
    return quoteattr(_xml_safe(text))


class JunitFormatter(Formatter):
    name = "junit"
    needs_articles = True
    machine = True

    def start(self) -> None:
        #: keys of the articles linted, one JSON line each, in order
        self.seen = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.cases = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.failures: dict[tuple, list[Violation]] = {}

    def article(self, article, violations) -> None:
        key = _key(article.path, article.record_id, article.record_index, _per_record(article.path))
        self.seen.write(json.dumps(key) + "\n")

    def handle(self, v: Violation) -> None:
        key = _key(v.path, v.record_id, v.record_index, _per_record(v.path))
        self.failures.setdefault(key, []).append(v)

    def _keys(self):
        """Every test case key once: articles in order, then inputs that produced no article."""
        self.seen.seek(0)
        done: set[tuple] = set()
        previous = None
        for line in self.seen:
            key = tuple(json.loads(line))
            if key == previous:  # a JSON file with several records is one test case
                continue
            previous = key
            if key in self.failures:
                done.add(key)
            yield key
        for key in self.failures:
            if key not in done:
                yield key

    def finish(self, stats: RunStats) -> None:
        cases = 0
        failed = 0
        errors = 0
        for key in self._keys():
            path, ref, _index = key
            found = self.failures.get(key, [])
            cases += 1
            name = path if ref is None else f"{path} record {ref}"
            classname = path.replace("/", ".")
            if not found:
                self.cases.write(f"    <testcase classname={_xml_attr(classname)} name={_xml_attr(name)}/>\n")
                continue
            input_error = any(v.is_input_error for v in found)
            tag = "error" if input_error else "failure"
            if input_error:
                errors += 1
            else:
                failed += 1
            worst = max((v.severity for v in found), key=lambda s: SEVERITY_RANK.get(s, 1))
            codes = ", ".join(sorted({v.code for v in found}))
            lines = []
            for v in found:
                lines.append(format_line(v))
                hint = fix_line(v)
                if hint:
                    lines.append(hint)
            message = f"{len(found)} finding{'s' if len(found) != 1 else ''}: {codes}"
            self.cases.write(
                f"    <testcase classname={_xml_attr(classname)} name={_xml_attr(name)}>\n"
                f"      <{tag} message={_xml_attr(message)} type={_xml_attr(worst)}>"
                f"{_xml_text(chr(10).join(lines))}</{tag}>\n"
                f"    </testcase>\n"
            )
        budget_xml, budget_failed = _budget_suite(stats)
        all_cases, all_failed = cases + len(stats.budgets), failed + budget_failed
        self.stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        self.stream.write(
            f'<testsuites name="newslint" tests="{all_cases}" failures="{all_failed}" errors="{errors}">\n'
            f'  <testsuite name="newslint" tests="{cases}" failures="{failed}" errors="{errors}" skipped="0">\n'
        )
        self.seen.close()
        self.cases.seek(0)
        for chunk in iter(lambda: self.cases.read(1 << 16), ""):
            self.stream.write(chunk)
        self.cases.close()
        self.stream.write("  </testsuite>\n" + budget_xml + "</testsuites>\n")


def _budget_suite(stats: RunStats) -> tuple[str, int]:
    """A test suite with one test case per budget, failed when the budget is exceeded."""
    if not stats.budgets:
        return "", 0
    failed = sum(not b.held for b in stats.budgets)
    out = [f'  <testsuite name="newslint budgets" tests="{len(stats.budgets)}" failures="{failed}" errors="0" skipped="0">\n']
    for b in stats.budgets:
        name = _xml_attr(f"budget {b.title}")
        if b.held:
            out.append(f'    <testcase classname="newslint.budgets" name={name}/>\n')
        else:
            out.append(f'    <testcase classname="newslint.budgets" name={name}>\n'
                       f'      <failure message={_xml_attr(b.line())} type="budget">{_xml_text(b.line())}</failure>\n'
                       f'    </testcase>\n')
    out.append("  </testsuite>\n")
    return "".join(out), failed
