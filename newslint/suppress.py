"""The filter stage after the rules: suppressions, per-file and per-record ignores, the baseline.

The engine calls :meth:`PostFilter.article` once per article with what its rules found, and
:meth:`PostFilter.dataset` once with the findings of the dataset rules. In order, a finding is:

1. dropped when the file's ``per-file-ignores`` cover it (longest matching selector decides, as for
   ``select``/``ignore``);
2. dropped when a suppression in the data covers it: a Markdown comment
   (``<!-- newslint: disable=NL101 -->``, ``disable-next-line``, ``enable``), the record's
   suppression field (``newslint_ignore`` by default), or a ``per-record-ignores`` entry matching
   the record's id or URL;
3. fingerprinted and dropped when the baseline in use records it (:mod:`newslint.baseline`).

When NL009 (unused-suppression) is selected, suppressions in the data that suppressed nothing, name
an unknown rule or cannot be read are reported.
"""

from __future__ import annotations

import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import TYPE_CHECKING, Any

from newslint.article import RECORD_FORMATS
from newslint.baseline import fingerprint
from newslint.config import selector_matches
from newslint.violation import Violation
from newslint.lazy import LazyPattern

if TYPE_CHECKING:  # pragma: no cover
    from newslint.article import Article
    from newslint.baseline import Baseline, BaselineWriter
    from newslint.config import Config
    from newslint.rule import ArticleRef, Rule

UNUSED_CODE = "NL009"
UNUSED_NAME = "unused-suppression"

#: the text of one HTML comment (between "<!--" and "-->") that is a directive, matched whole
_DIRECTIVE = LazyPattern(r"\s*newslint\s*:\s*([A-Za-z-]+)\s*(?:=(.*))?")
_DIRECTIVES = ("disable", "enable", "disable-next-line")


@dataclass(eq=False)
class Suppression:
    """One suppression written in the data: a Markdown comment or a record's suppression field."""

    #: selectors (codes, prefixes, names); None suppresses every rule
    selectors: list[str] | None
    #: where it is written (a line of the file, or the record's line)
    line: int
    #: how a message names it: "'disable' comment", "field 'newslint_ignore'"
    label: str
    field: str | None = None
    #: codes it suppressed
    used: set[str] = dc_field(default_factory=set)

    def covers(self, code: str, name: str) -> bool:
        return self.selectors is None or any(selector_matches(s, code, name) for s in self.selectors)


@dataclass(eq=False)
class Region:
    """Lines ``start`` to ``end`` (inclusive; 0 = from the top, front matter included) of a suppression."""

    suppression: Suppression
    start: int
    end: float
    #: selectors re-enabled inside an all-rules region
    excluded: frozenset[str] = frozenset()

    def covers(self, v: Violation) -> bool:
        if not (self.start <= v.line <= self.end):
            return False
        if any(selector_matches(s, v.code, v.name) for s in self.excluded):
            return False
        return self.suppression.covers(v.code, v.name)


@dataclass
class ArticleSuppressions:
    """Everything that can suppress findings of one article."""

    regions: list[Region] = dc_field(default_factory=list)
    #: whole-record suppressions (record field, per-record-ignores)
    record: list[Suppression] = dc_field(default_factory=list)
    #: problems with suppressions themselves (unknown directive, unreadable field): (line, message, field)
    problems: list[tuple[int, str, str | None]] = dc_field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.regions or self.record or self.problems)

    def suppressions(self) -> list[Suppression]:
        seen: dict[int, Suppression] = {}
        for r in self.regions:
            seen.setdefault(id(r.suppression), r.suppression)
        for s in self.record:
            seen.setdefault(id(s), s)
        return list(seen.values())

    def match(self, v: Violation) -> Suppression | None:
        for s in self.record:
            if s.covers(v.code, v.name):
                return s
        for r in self.regions:
            if r.covers(v):
                return r.suppression
        return None


def _glob_form(path: str) -> str:
    """``path`` as per-file-ignores globs are matched against: with "/" separators and without
    leading "./" or "../" parts, which name no folder of their own (".*", a glob for hidden files,
    matched "./data/story.txt", so that linting "." ignored the rules in every file)."""
    norm = os.path.normpath(path).replace(os.sep, "/")
    while norm.startswith("../"):
        norm = norm[3:]
    return "" if norm in (".", "..") else norm


def _is_glob(pattern: str) -> bool:
    return any(ch in pattern for ch in "*?[")


# ---------------------------------------------------------------------- parsing
def _comments(line: str) -> tuple[list[tuple[str, str | None]], str]:
    """The HTML comments of one line, as (directive, codes text or None) for each that is a
    newslint directive, and the line's text outside every comment.

    Comments are found with ``str.find``, in one pass: the regular expressions that did this,
    ``<!--\\s*newslint ...(.*?)\\s*-->`` and ``<!--.*?-->``, took cubic and quadratic time on
    a long line with no "-->" (4,000 spaces after ``disable=`` took over a minute).
    """
    directives: list[tuple[str, str | None]] = []
    text: list[str] = []
    pos = 0
    while (start := line.find("<!--", pos)) != -1:
        end = line.find("-->", start + 4)
        if end == -1:  # never closed: text
            break
        text.append(line[pos:start])
        body = line[start + 4:end]
        m = _DIRECTIVE.fullmatch(body) if "newslint" in body else None
        if m is not None:
            directives.append((m.group(1), m.group(2)))
        pos = end + 3
    text.append(line[pos:])
    return directives, "".join(text)


def _split_codes(text: str) -> list[str]:
    return [c.strip() for c in re.split(r"[,\s]+", text) if c.strip()]


def markdown_suppressions(text: str, first_paragraph_line: int | None) -> ArticleSuppressions:
    """Suppression comments of a Markdown file.

    ``disable`` holds until a matching ``enable`` or the end of the file; one written above the first
    body paragraph covers the whole file, front matter and headline included.
    ``disable-next-line`` covers the next line holding text (not blank, not a comment).
    """
    out = ArticleSuppressions()
    if "newslint" not in text:
        return out
    lines = text.split("\n")
    open_regions: list[Region] = []
    pending_next: list[Suppression] = []
    from newslint.readers.fences import Fences

    fences = Fences()
    top = first_paragraph_line if first_paragraph_line is not None else float("inf")
    # the front matter is data, not the file's author speaking: a directive there is text
    front_end = 0
    if lines and lines[0].strip() in ("---", "+++"):
        closing = ("---", "...") if lines[0].strip() == "---" else ("+++",)
        front_end = next((k + 1 for k in range(1, len(lines)) if lines[k].strip() in closing), 0)
    for no, line in enumerate(lines, start=1):
        if no <= front_end:
            continue
        if fences.fence_line(line):
            continue
        if fences.inside:
            continue
        if "<!--" in line:
            matches, rest = _comments(line)
            rest = rest.strip()
        else:
            matches, rest = [], line.strip()
        if matches and rest:
            # a directive inside a line of text (in backticks, in a quoted sentence) is scraped
            # text that mentions one: only a comment on a line of its own is obeyed
            matches = []
            rest = line.strip()
        if rest and pending_next:
            for s in pending_next:
                out.regions.append(Region(s, no, no))
            pending_next = []
        for written, codes_text in matches:
            directive = written.lower()
            codes = _split_codes(codes_text) if codes_text is not None else None
            if directive not in _DIRECTIVES:
                close = [d for d in _DIRECTIVES if d.startswith(directive[:3])]
                hint = f" (did you mean '{close[0]}'?)" if close else ""
                out.problems.append((no, f"unknown newslint directive '{written}'{hint}", None))
                continue
            if codes == []:
                # "disable=" with its codes left out (an empty template variable) disabled every
                # rule, as "disable" alone does; like a record field naming no rule, it does nothing
                out.problems.append((no, f"'{directive}' comment names no rule after '=' (list rule codes, "
                                         f"or write '{directive}' alone for every rule)", None))
                continue
            if directive == "disable-next-line":
                pending_next.append(Suppression(codes, no, "'disable-next-line' comment"))
            elif directive == "disable":
                s = Suppression(codes, no, "'disable' comment")
                region = Region(s, 0 if no < top else no, float("inf"))
                open_regions.append(region)
                out.regions.append(region)
            else:  # enable
                for region in list(open_regions):
                    sup = region.suppression
                    if codes is None:
                        region.end = no
                        open_regions.remove(region)
                    elif sup.selectors is None:
                        # re-enable some rules inside an all-rules region: close it, reopen with exclusions
                        region.end = no
                        open_regions.remove(region)
                        again = Region(sup, no + 1, float("inf"), region.excluded | {c for c in codes})
                        open_regions.append(again)
                        out.regions.append(again)
                    else:
                        remaining = [c for c in sup.selectors if c.upper() not in {x.upper() for x in codes}]
                        if len(remaining) != len(sup.selectors):
                            region.end = no
                            open_regions.remove(region)
                            if remaining:
                                part = Suppression(remaining, sup.line, sup.label)
                                part.used = sup.used  # one comment, one usage record
                                again = Region(part, no + 1, float("inf"))
                                open_regions.append(again)
                                out.regions.append(again)
    return out


def record_field_suppression(raw: dict[str, Any], key: str, line: int) -> tuple[Suppression | None, str | None]:
    """The record's suppression field: a list of codes, a comma-separated string, or true (all)."""
    value = raw.get(key)
    if value is None or value is False or value == [] or value == "":
        return None, None
    label = f"field '{key}'"
    # "true" as text too: a CSV cell cannot hold a boolean
    if value is True or (isinstance(value, str) and value.strip().upper() in ("ALL", "TRUE")):
        return Suppression(None, line, label, field=key), None
    codes: list[str] | None = None
    if isinstance(value, str):
        codes = _split_codes(value)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        codes = [v.strip() for v in value if v.strip()]
    if codes is None:
        return None, f"cannot read suppression field '{key}': expected a list of rule codes, true or \"all\""
    if not codes:  # [""] or " , ": it looks like a suppression and suppresses nothing
        return None, f"suppression field '{key}' names no rule (list rule codes, or write true or \"all\")"
    return Suppression(codes, line, label, field=key), None


# ---------------------------------------------------------------------- the filter stage
class PostFilter:
    """Suppressions, per-file and per-record ignores and the baseline, applied after the rules."""

    def __init__(
        self,
        config: "Config",
        rules: dict[str, type["Rule"]],
        selected: Iterable["Rule"],
        dataset_rules: Iterable["Rule"],
        severity: dict[str, str],
    ) -> None:
        """``rules``: every known rule (code -> class); ``selected`` and ``dataset_rules``: the rules
        of this run; ``severity``: their effective severities. The stage knows nothing of the
        engine: findings come in, fewer findings go out."""
        cfg = config
        self.config = cfg
        self.rules = rules
        self.names = {r.name: code for code, r in self.rules.items()}
        self.selected = {r.code for r in selected}
        self.dataset_codes = {r.code for r in dataset_rules}
        self.report_unused = UNUSED_CODE in self.selected
        self.unused_severity = severity.get(UNUSED_CODE, "warning")
        self.field_name = cfg.record_ignore_field
        self.per_file = dict(cfg.per_file_ignores)
        self.per_record = dict(cfg.per_record_ignores)
        # exact keys are looked up (a list of thousands of record ids stays cheap); globs are matched
        self._record_exact = {k: v for k, v in self.per_record.items() if not _is_glob(k)}
        self._record_globs = [(k, v) for k, v in self.per_record.items() if _is_glob(k)]
        self.base = cfg.config_dir or os.getcwd()
        self._file_ignores: dict[str, list[str]] = {}
        #: (path, record index, line) -> suppressions of an article, kept for dataset findings
        self._kept: dict[tuple, tuple[ArticleSuppressions, str | None]] = {}
        self.baseline: Baseline | None = None
        self.writer: BaselineWriter | None = None
        self._last_path: str | None = None

    # ------------------------------------------------------------------ configuration
    def use_baseline(self, baseline: "Baseline | None", writer: "BaselineWriter | None" = None) -> None:
        """Filter findings through ``baseline``, or record every finding with ``writer`` (and report none)."""
        self.baseline = baseline
        self.writer = writer

    # ------------------------------------------------------------------ parallel runs
    def export_state(self) -> dict[str, Any]:
        """What this filter learnt from the articles it saw, for :meth:`merge_state` in another process.

        A run that lints articles in worker processes merges each worker's state into the main
        process's filter before calling :meth:`dataset` (suppressions kept for dataset findings, the
        baseline findings consumed, the paths seen, the findings recorded for ``--write-baseline``).
        """
        return {
            "kept": dict(self._kept),
            "consumed": self.baseline.consumed.copy() if self.baseline is not None else None,
            "linted": set(self.baseline.linted) if self.baseline is not None else None,
            "written": (self.writer.counts.copy(), dict(self.writer.info)) if self.writer is not None else None,
        }

    def merge_state(self, state: dict[str, Any]) -> None:
        self._kept.update(state["kept"])
        if self.baseline is not None and state["consumed"] is not None:
            self.baseline.merge_usage(state["consumed"])
            self.baseline.linted |= state["linted"]
        if self.writer is not None and state["written"] is not None:
            counts, info = state["written"]
            self.writer.counts.update(counts)
            for key, value in info.items():
                self.writer.info.setdefault(key, value)

    # ------------------------------------------------------------------ per-file ignores
    def file_ignores(self, path: str) -> list[str]:
        """Selectors ``per-file-ignores`` adds for ``path`` (globs relative to the config's folder)."""
        got = self._file_ignores.get(path)
        if got is None:
            got = []
            norm = _glob_form(path)
            try:
                rel = _glob_form(os.path.relpath(os.path.abspath(path), self.base))
            except ValueError:
                rel = norm
            base = norm.rsplit("/", 1)[-1]
            for pattern, sels in self.per_file.items():
                pat = pattern.replace(os.sep, "/")
                if pat.startswith("./"):
                    pat = pat[2:]
                if (fnmatch.fnmatchcase(rel, pat) or fnmatch.fnmatchcase(norm, pat)
                        or ("/" not in pat and fnmatch.fnmatchcase(base, pat))
                        or fnmatch.fnmatchcase(rel, pat.rstrip("/") + "/*")):
                    got.extend(sels)
            self._file_ignores[path] = got
        return got

    def _file_ignored(self, v: Violation) -> bool:
        extra = self.file_ignores(v.path)
        if not extra:
            return False
        rule = self.rules.get(v.code)
        return rule is not None and not self.config.is_selected_with(rule, extra)

    # ------------------------------------------------------------------ per-article
    def suppressions_of(self, article: "Article") -> ArticleSuppressions:
        if article.format == "md" and article.body_text and "newslint" in article.body_text:
            first = article.paragraphs[0].line if article.paragraphs else None
            sup = markdown_suppressions(article.body_text, first)
        else:
            sup = ArticleSuppressions()
        raw = article.raw
        if raw is not None and article.format in RECORD_FORMATS and self.field_name in raw:
            s, problem = record_field_suppression(raw, self.field_name, article.line)
            if s is not None:
                sup.record.append(s)
            if problem is not None:
                sup.problems.append((article.line, problem, self.field_name))
        if self.per_record and (article.record_id is not None or article.url):
            rid = str(article.record_id) if article.record_id is not None else None
            url = article.url.strip() if article.url else None
            hits = [k for k in (rid, url) if k is not None and k in self._record_exact]
            hits += [k for k, _ in self._record_globs
                     if (rid is not None and fnmatch.fnmatchcase(rid, k)) or (url and fnmatch.fnmatchcase(url, k))]
            for key in dict.fromkeys(hits):
                s = Suppression(self.per_record[key], article.line, f"per-record-ignores entry '{key}'")
                s.field = "config"  # not written in the data: never reported as unused
                sup.record.append(s)
        return sup

    def article(self, article: "Article", violations: list[Violation]) -> list[Violation]:
        """Filter what the rules found in one article; adds NL009 findings when selected."""
        if self.baseline is not None and article.path != self._last_path:
            self._last_path = article.path
            self.baseline.saw_path(article.path)
        sup = self.suppressions_of(article)
        if not violations and not sup:
            return violations
        kept: list[Violation] = []
        for v in violations:
            if self.per_file and self._file_ignored(v):
                continue
            if sup:
                s = sup.match(v)
                if s is not None:
                    s.used.add(v.code)
                    continue
            kept.append(v)
        if sup and self.dataset_codes:
            self._kept[(article.path, article.record_index, article.line)] = (sup, article.record_id)
        if sup and self.report_unused:
            unused = self._unused(article, sup, final=not self.dataset_codes)
            kept.extend(u for u in unused if not (self.per_file and self._file_ignored(u)))
        if self.baseline is not None or self.writer is not None:
            kept = self._baseline(kept, lambda v: article)
        return kept

    def dataset(self, pairs: Iterable[tuple["ArticleRef", Violation]]) -> list[Violation]:
        """Filter the dataset rules' findings; then report suppressions left unused by every rule."""
        return list(self.dataset_stream(pairs))

    def dataset_stream(self, pairs: Iterable[tuple["ArticleRef", Violation]]) -> Iterator[Violation]:
        """:meth:`dataset` one finding at a time: what the suppressions, the per-file ignores and
        the baseline let through, then the suppressions no rule used (known only at the end)."""
        baseline, writer = self.baseline, self.writer
        base_dir = self.baseline_dir if baseline is not None or writer is not None else ""
        for ref, v in pairs:
            if self.per_file and self._file_ignored(v):
                continue
            sup, _ = self._kept.get((ref.path, ref.record_index, ref.line), (None, None))
            if sup:
                s = sup.match(v)
                if s is not None:
                    s.used.add(v.code)
                    continue
            if (baseline is not None or writer is not None) and v.code != UNUSED_CODE:
                key = fingerprint(v, ref, base_dir)
                if writer is not None:
                    writer.add(key, v)  # recording every finding: nothing is reported
                    continue
                if baseline is not None and baseline.consume(key):
                    continue
            yield v
        if self.report_unused:
            for (path, index, line), (sup, record_id) in self._kept.items():
                unused = self._unused_at(path, index, line, sup, final=True, dataset_only=True, record_id=record_id)
                yield from (u for u in unused if not (self.per_file and self._file_ignored(u)))
        self._kept.clear()

    # ------------------------------------------------------------------ NL009
    def _unused(self, article: "Article", sup: ArticleSuppressions, final: bool) -> list[Violation]:
        return self._unused_at(article.path, article.record_index, article.line, sup, final,
                               dataset_only=False, record_id=article.record_id)

    def _unused_at(self, path: str, index: int | None, line: int, sup: ArticleSuppressions, final: bool,
                   dataset_only: bool, record_id: str | None = None) -> list[Violation]:
        """NL009 findings of one article.

        Per-article rules are judged right away (``dataset_only=False``); a selector that can only be
        used by a dataset rule waits for the dataset findings (``final``).
        """
        out: list[Violation] = []

        def report(at: int, message: str, fld: str | None) -> None:
            out.append(Violation(
                path=path, line=at, col=1, code=UNUSED_CODE, name=UNUSED_NAME, severity=self.unused_severity,
                message=message, record_id=record_id, record_index=index, field=fld,
                suggestion="remove the suppression, or the codes in it that suppress nothing",
            ))

        if not dataset_only:
            for at, message, fld in sup.problems:
                report(at, message, fld)
        for s in sup.suppressions():
            if s.field == "config":
                continue
            if s.selectors is None:
                could = self.selected - {UNUSED_CODE}
                can_wait = bool(could & self.dataset_codes)
                if s.used or (can_wait and not final) or (dataset_only and not can_wait):
                    continue
                report(s.line, f"unused suppression: {s.label} suppressed nothing", s.field)
                continue
            for sel in s.selectors:
                matching = {c for c, r in self.rules.items() if selector_matches(sel, c, r.name)}
                if not matching:
                    if not dataset_only:
                        report(s.line, f"{s.label} names unknown rule '{sel}'", s.field)
                    continue
                live = matching & self.selected
                if not live or live & s.used:
                    continue  # a rule not run here may still use it
                can_wait = bool(live & self.dataset_codes)
                if (can_wait and not final) or (dataset_only and not can_wait):
                    continue
                report(s.line, f"unused suppression: {s.label} suppresses {sel}, which reported nothing", s.field)
        return out

    # ------------------------------------------------------------------ baseline
    def _baseline(self, violations: list[Violation], source) -> list[Violation]:
        out: list[Violation] = []
        base_dir = self.baseline_dir
        for v in violations:
            if v.code == UNUSED_CODE:
                out.append(v)
                continue
            key = fingerprint(v, source(v), base_dir)
            if self.writer is not None:
                self.writer.add(key, v)  # recording every finding: nothing is reported
                continue
            if self.baseline is not None and self.baseline.consume(key):
                continue
            out.append(v)
        return out

    @property
    def baseline_dir(self) -> str:
        target = self.baseline or self.writer
        return target.base_dir if target is not None else os.getcwd()
