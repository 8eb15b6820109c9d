"""The fixer: apply the fixes findings carry, per format, atomically, touching nothing else.

For each file the fixer reads the articles, checks them, picks the fixes to apply (safe ones, plus
unsafe ones with ``--unsafe-fixes``; overlaps resolved by :func:`newslint.fixer.plan.plan_fixes`),
applies them with the format's writer, then checks the fixed article again and repeats until nothing
more applies (at most ``MAX_ROUNDS`` rounds). What remains is reported like a normal run. A file is
written only when its bytes change, through :class:`newslint.fixer.atomic.AtomicFile`.

Writers: :mod:`newslint.fixer.textfix` (txt, md: only affected lines change) and
:mod:`newslint.fixer.jsonfix` (json, jsonl: only changed records, spliced), :mod:`newslint.fixer.csvfix`
(csv, tsv: only changed cells) and :mod:`newslint.fixer.parquetfix` (parquet: a copy with the same
schema, row groups and metadata). JSON Lines files are
streamed: records are fixed one at a time and written to the temporary file only from the first
changed record on (the unchanged prefix is copied), so memory stays bounded and a file with nothing
to fix is only read.
"""

from __future__ import annotations

import codecs
import difflib
import gzip
import io
import os
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from newslint.article import Article
from newslint.fixer.atomic import AtomicFile, replace_bytes
from newslint.fixer.jsonfix import ScanError, apply_record_edits, scan_array, scan_value, _ws
from newslint.fixer.plan import MAX_ROUNDS, FixError, plan_fixes
from newslint.fixer.textfix import apply_text_edits, split_keep
from newslint.readers import InputProblem, Source, decode_text
from newslint.readers.compression import CorruptStream, codec_of
from newslint.violation import Edit, Fix, Violation

__all__ = ["Fixer", "FixError", "FixSummary", "MAX_ROUNDS"]

_COPY_CHUNK = 1 << 20


class _Memory(Source):
    """Already decompressed bytes under the file's own name."""

    def open_binary(self):  # type: ignore[override]
        assert self.data is not None
        return io.BytesIO(self.data)


@dataclass
class FixSummary:
    """What a fix run did."""

    #: code -> number of findings fixed
    fixed: Counter = field(default_factory=Counter)
    #: path -> code -> number fixed, for files that changed (or would, with --diff)
    by_file: dict[str, Counter] = field(default_factory=dict)
    #: warnings: fixes that could not be applied and why, rounds that did not settle
    notes: list[str] = field(default_factory=list)
    remaining: int = 0

    @property
    def total_fixed(self) -> int:
        return sum(self.fixed.values())

    @property
    def files_changed(self) -> int:
        return len(self.by_file)


@dataclass
class _Outcome:
    text: str
    articles: list[Article]
    violations: list[list[Violation]]
    problems: list[InputProblem]
    fixed: list[Violation]


class Fixer:
    """Fix sources with a :class:`newslint.engine.Linter`'s rules and report what remains.

    ``mode`` is ``"fix"`` (write files; standard input is written fixed to ``stdout``) or ``"diff"``
    (write a unified diff to ``stdout``, change nothing).
    """

    def __init__(self, linter, *, unsafe: bool = False, mode: str = "fix", stdout: IO[str] | None = None) -> None:
        self.linter = linter
        self.unsafe = unsafe
        self.mode = mode
        self.stdout = stdout if stdout is not None else sys.stdout
        self.summary = FixSummary()
        self._stdout_used = False

    # ------------------------------------------------------------------ driver
    def run(self, sources: Iterable[Source | Violation]) -> Iterator[Violation]:
        for source in sources:
            if isinstance(source, Violation):
                self.linter.stats.input_errors += 1
                self.linter.stats.findings[source.code] += 1
                yield source
                continue
            for v in self.fix_source(source):
                self.summary.remaining += 1
                yield v
        unapplied: Counter = Counter()
        for v in self.linter.finish_stream():
            self.summary.remaining += 1
            if v.fix is not None and v.fix.edits and (v.fix.safe or self.unsafe):
                unapplied[v.code] += 1
            yield v
        # a dataset rule (NL605) reports once every file has been read, and written: its fixes are
        # reported, never applied; say so rather than leave them looking fixable
        for code, n in sorted(unapplied.items()):
            self.summary.notes.append(
                f"{code}: {n} fix{'es' if n != 1 else ''} not applied: --fix does not apply the fixes of dataset "
                "rules, whose findings come once the files are written; --show-fixes lists them"
            )

    def fix_source(self, source: Source) -> Iterator[Violation]:
        if source.fs_path is not None or self.mode != "fix":
            yield from self._fix_source(source)
            return
        # standard input: its fixed text goes to standard output, and a text that cannot be fixed
        # (not UTF-8, a CSV row that cannot be read, a format without a writer) goes out as it came
        # in: an editor piping its buffer through newslint must never get back an empty one
        self._stdout_used = False
        yield from self._fix_source(source)
        if not self._stdout_used:
            self._write_stdout(source.data or b"")

    def _fix_source(self, source: Source) -> Iterator[Violation]:
        linter = self.linter
        reader = linter.reader_for(source.path)
        if reader is None or reader.format not in ("txt", "md", "json", "jsonl", "csv", "tsv", "parquet"):
            # a format without a writer (a third-party reader, Arrow files): report, do not touch
            found = sorted(linter.lint_source(source), key=Violation.sort_key)
            if reader is not None and any(v.fix is not None for v in found):
                self.summary.notes.append(f"{source.path}: {reader.format} files are not fixed; fixable findings are reported only")
            yield from found
            return
        linter.stats.files += 1
        try:
            if reader.format == "jsonl":
                yield from self._fix_jsonl(source, reader)
            elif reader.format in ("csv", "tsv"):
                from newslint.fixer.csvfix import fix_csv

                yield from fix_csv(self, source, reader)
            elif reader.format == "parquet":
                from newslint.fixer.parquetfix import fix_parquet

                yield from fix_parquet(self, source, reader)
            else:
                yield from sorted(self._fix_whole(source, reader), key=Violation.sort_key)
        except (EOFError, zlib.error, gzip.BadGzipFile, CorruptStream) as exc:  # a truncated or corrupt compressed file
            yield linter.input_violation(source.path, InputProblem("NL001", f"cannot read: {exc}"))
        except OSError as exc:  # reading the file, or writing its replacement (which is then discarded)
            yield linter.input_violation(source.path, InputProblem("NL001", f"cannot fix: {exc.strerror or exc}"))
            yield from self._as_it_is(source, reader)
        except Exception as exc:  # noqa: BLE001 - a writer's own failure (pyarrow's): this file stays as it was
            from newslint.debugging import describe_exception, print_debug_traceback

            print_debug_traceback(f"fixing {source.path}", exc)
            yield linter.input_violation(source.path, InputProblem("NL001", f"cannot fix: {describe_exception(exc)}"))
            yield from self._as_it_is(source, reader)

    def _as_it_is(self, source: Source, reader: Any) -> Iterator[Violation]:
        """After a failed fix of a whole file (text, Markdown, JSON), which reported nothing yet:
        its findings as the lint reports them, so that the report says what is still wrong. (A
        streamed format has reported its records as it went.)"""
        if reader.format not in ("txt", "md", "json") or source.fs_path is None:
            return
        try:
            found = list(self.unfixed(source))
        except OSError:  # the file cannot be read either: its NL001 says so
            return
        yield from (v for v in found if not v.is_input_error)

    def unfixed(self, source: Source) -> Iterator[Violation]:
        """The findings of a file left as it is (it cannot be fixed safely), as the lint reports
        them; the file is counted once, by the fixer."""
        self.linter.stats.files -= 1
        yield from self.linter.lint_source_sorted(source)

    # ------------------------------------------------------------------ what may be fixed
    def fixable(self, article: Article, violations: list[Violation]) -> list[Violation]:
        """The findings whose fix may be applied: fixable, safe (or unsafe allowed), and reported.

        A finding the report would hide is never fixed: one covered by ``per-file-ignores``, by a
        suppression in the data (Markdown comment, record field, ``per-record-ignores``) or recorded
        in the baseline in use. (With ``--write-baseline`` nothing is hidden: fixes apply, and what
        remains is recorded.)
        """
        if article.clipped:  # only its beginning was linted (newslint.limits): never rewritten
            return []
        out = [v for v in violations if v.fix is not None and v.fix.edits and (v.fix.safe or self.unsafe)]
        post = getattr(self.linter, "post", None)
        if not out or post is None:
            return out
        sup = post.suppressions_of(article)
        # what the report shows: not ignored for the file, not suppressed in the data ...
        shown = [v for v in violations
                 if not ((post.per_file and post._file_ignored(v)) or (sup and sup.match(v) is not None))]
        # ... nor hidden by the baseline, which allows a fingerprint as many times as it recorded
        # it: the findings it hides are the first ones the report will take, in the rules' order
        hidden: set[int] = set()
        baseline = post.baseline if post.writer is None else None
        if baseline is not None:
            from newslint.baseline import fingerprint

            used: Counter = Counter()
            for v in shown:
                key = fingerprint(v, article, post.baseline_dir)
                if baseline.consumed[key] + used[key] < baseline.allowed.get(key, 0):
                    used[key] += 1
                    hidden.add(id(v))
        reported = {id(v) for v in shown} - hidden
        return [v for v in out if id(v) in reported]

    # ------------------------------------------------------------------ rounds
    def _converge(
        self,
        text: str,
        path: str,
        parse: Callable[[str], list[Article | InputProblem]],
        apply: Callable[[str, list[tuple[Article, list[Edit]]]], str],
    ) -> _Outcome:
        refused: set[Fix] = set()
        fixed: list[Violation] = []
        rounds = 0
        ahead: list[Article | InputProblem] | None = None  # the reading of ``text`` made to check it
        while True:
            items = ahead if ahead is not None else parse(text)
            ahead = None
            problems = [i for i in items if isinstance(i, InputProblem)]
            articles = [i for i in items if isinstance(i, Article)]
            found = [self.linter.check_article(a) for a in articles]
            if problems or rounds >= MAX_ROUNDS:
                if rounds >= MAX_ROUNDS and not problems:
                    self.summary.notes.append(f"{path}: fixes did not settle after {MAX_ROUNDS} rounds")
                break
            plans = [(a, plan_fixes(self.fixable(a, vs), self.unsafe, refused)) for a, vs in zip(articles, found)]
            plans = [(a, p) for a, p in plans if p.edits]
            if not plans:
                break
            try:
                new = apply(text, [(a, p.edits) for a, p in plans])
            except FixError as exc:
                culprits = [v for _, p in plans for v in p.fixed if exc.edit is None or exc.edit in v.fix.edits]
                for v in culprits or [v for _, p in plans for v in p.fixed]:
                    assert v.fix is not None
                    refused.add(v.fix)
                    self.summary.notes.append(
                        f"{v.path}:{v.line}:{v.col}: {v.code} fix not applied: {exc}"
                    )
                continue
            if new == text:
                break
            # a fix must not leave the file unreadable: a Markdown paragraph deleted above a thematic
            # break that then opens a "front matter", a YAML anchor dropped under its alias
            ahead = parse(new)
            broken = next((i for i in ahead if isinstance(i, InputProblem)), None)
            if broken is not None:
                ahead = None
                culprits = [v for a, p in plans for v in p.fixed if self._breaks(text, a, v, parse, apply)]
                for v in culprits or [v for _, p in plans for v in p.fixed]:
                    assert v.fix is not None
                    refused.add(v.fix)
                    self.summary.notes.append(
                        f"{v.path}:{v.line}:{v.col}: {v.code} fix not applied: the fixed file could not be read "
                        f"({broken.code} {broken.message})"
                    )
                continue
            fixed.extend(v for _, p in plans for v in p.fixed)
            text = new
            rounds += 1
        return _Outcome(text, articles, found, problems, fixed)

    @staticmethod
    def _breaks(text: str, article: Article, v: Violation, parse, apply) -> bool:
        """Whether ``v``'s fix alone makes ``text`` unreadable (or cannot be applied alone)."""
        assert v.fix is not None
        try:
            alone = apply(text, [(article, list(v.fix.edits))])
        except FixError:
            return True
        return any(isinstance(i, InputProblem) for i in parse(alone))

    def _count(self, path: str, fixed: list[Violation]) -> None:
        if not fixed:
            return
        per = self.summary.by_file.setdefault(path, Counter())
        for v in fixed:
            per[v.code] += 1
            self.summary.fixed[v.code] += 1

    def _finish_articles(self, path: str, out: _Outcome) -> list[Violation]:
        result: list[Violation] = [self.linter.input_violation(path, p) for p in out.problems]
        for article, vs in zip(out.articles, out.violations):
            result.extend(self.linter.record_article(article, vs))
        return result

    # ------------------------------------------------------------------ txt, md, json
    def _fix_whole(self, source: Source, reader) -> list[Violation]:
        read = os.stat(source.fs_path) if source.fs_path is not None else None
        data = source.read_bytes()
        bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
        text, problem = decode_text(data)
        if problem is not None:
            return [self.linter.input_violation(source.path, problem)]
        assert text is not None
        field_map = self.linter.field_map

        # later rounds read the body with the paragraph layout of the first reading: deleting a block
        # from a hard-wrapped file can tip the reader's guess, and a file read one paragraph per line
        # instead would offer fixes on lines the report never named
        layout: list[bool | None] = []

        def parse(t: str) -> list[Article | InputProblem]:
            hint = layout[0] if layout else None
            items = list(reader.read(_Memory(path=source.path, data=bom + t.encode("utf-8"), hard_wrap=hint), field_map))
            if not layout:
                layout.extend(i.hard_wrapped for i in items if isinstance(i, Article))
            return items

        def apply_txt(t: str, plans: list[tuple[Article, list[Edit]]]) -> str:
            new = _apply_text(t, plans)
            # the next run reads the fixed file afresh: it must see the paragraphs this run saw, or the
            # fix changes more than it names (and a second run finds lines to "fix" it never reported)
            fresh = [i.hard_wrapped for i in reader.read(_Memory(path=source.path, data=bom + new.encode("utf-8")), field_map)
                     if isinstance(i, Article)]
            if layout and fresh and fresh[0] != layout[0]:
                (_, edits), = plans
                deletions = [e for e in edits if e.kind == "delete_paragraph"]
                was = "hard-wrapped blocks" if layout[0] else "one paragraph per line"
                raise FixError(f"the fixed file would no longer be read as {was}", (deletions or edits)[-1])
            return new

        if reader.format == "txt":
            apply = apply_txt
        else:
            apply = _apply_text if reader.format == "md" else _apply_json_file
        out = self._converge(text, source.path, parse, apply)
        if out.text != text:
            self._emit(source, data, bom + out.text.encode("utf-8"), read)
            self._count(source.path, out.fixed)  # once written: a write that fails fixed nothing
        elif source.fs_path is None and self.mode == "fix":
            self._write_stdout(data)
        return self._finish_articles(source.path, out)

    def _emit(self, source: Source, old: bytes, new: bytes, read: os.stat_result | None = None) -> None:
        if self.mode == "diff":
            self._write_diff(source.path, old.decode("utf-8-sig"), new.decode("utf-8-sig"))
        elif source.fs_path is None:
            self._write_stdout(new)
        else:
            replace_bytes(str(source.fs_path), new, codec=codec_of(source.path), read=read)

    def _write_stdout(self, data: bytes) -> None:
        self._stdout_used = True
        self.stdout.flush()
        buf = getattr(self.stdout, "buffer", None)
        if buf is not None:
            buf.write(data)
            buf.flush()
        else:
            self.stdout.write(data.decode("utf-8", errors="surrogateescape"))

    def _write_diff(self, path: str, old: str, new: str) -> None:
        lines = difflib.unified_diff(split_keep(old), split_keep(new), fromfile=path, tofile=path)
        for line in lines:
            if line.endswith("\n"):
                self.stdout.write(line)
            else:
                self.stdout.write(line + "\n\\ No newline at end of file\n")

    # ------------------------------------------------------------------ jsonl, streamed
    def _fix_jsonl(self, source: Source, reader) -> Iterator[Violation]:
        linter = self.linter
        field_map = linter.field_map
        writer: AtomicFile | None = None
        offset = 0
        index = 0
        header_done = False
        codec = codec_of(source.path)
        stdin_buf: list[bytes] | None = [] if (source.fs_path is None and self.mode == "fix") else None
        fixed_here: list[Violation] = []
        unwritable: OSError | None = None
        read = os.stat(source.fs_path) if source.fs_path is not None else None
        ok = False
        try:
            with source.open_binary() as fh:
                for lineno, raw in enumerate(fh, start=1):
                    if not raw.strip():
                        if writer is not None:
                            writer.write(raw)
                        if stdin_buf is not None:
                            stdin_buf.append(raw)
                        offset += len(raw)
                        continue
                    this_index = index
                    index += 1

                    def parse(t: str, _l=lineno, _i=this_index) -> list[Article | InputProblem]:
                        return list(reader.read_lines([t.encode("utf-8")], source.path, field_map, first_line=_l, first_index=_i))

                    first = list(reader.read_lines([raw], source.path, field_map, first_line=lineno, first_index=this_index))
                    new_raw = raw
                    item = first[0] if first else None
                    if isinstance(item, Article):
                        vs = linter.check_article(item)
                        if unwritable is None and self.fixable(item, vs):
                            body = raw.rstrip(b"\r\n")
                            term = raw[len(body):]
                            # a file saved with a UTF-8 BOM: the record after it is fixed, the BOM kept
                            bom = codecs.BOM_UTF8 if lineno == 1 and body.startswith(codecs.BOM_UTF8) else b""
                            out = self._converge(body[len(bom):].decode("utf-8"), source.path, parse, _apply_record)
                            if out.fixed:
                                new_raw = bom + out.text.encode("utf-8") + term
                            if new_raw != raw and self.mode == "fix" and stdin_buf is None and writer is None:
                                # the first change: start the replacement file. When it cannot be
                                # written (a read-only folder), say so once and lint the rest as it is
                                try:
                                    assert source.fs_path is not None
                                    writer = AtomicFile(str(source.fs_path), codec=codec, read=read)
                                    _copy_prefix(source, writer, offset)
                                except OSError as exc:
                                    if writer is not None:
                                        writer.abort()
                                        writer = None
                                    unwritable = exc
                                    new_raw = raw
                                    yield linter.input_violation(
                                        source.path, InputProblem("NL001", f"cannot fix: {exc.strerror or exc}"))
                            if unwritable is None:
                                fixed_here.extend(out.fixed)
                                result = self._finish_articles(source.path, out)
                            else:  # not fixed after all: its findings as they are
                                result = linter.record_article(item, vs)
                        else:
                            result = linter.record_article(item, vs)
                    else:
                        result = [linter.input_violation(source.path, p) for p in first if isinstance(p, InputProblem)]
                    if new_raw != raw and self.mode == "diff":
                        if not header_done:
                            self.stdout.write(f"--- {source.path}\n+++ {source.path}\n")
                            header_done = True
                        self._jsonl_hunk(lineno, raw, new_raw)
                    if writer is not None:
                        writer.write(new_raw)
                    if stdin_buf is not None:
                        stdin_buf.append(new_raw)
                    offset += len(raw)
                    yield from sorted(result, key=Violation.sort_key)
            ok = True
        except (EOFError, gzip.BadGzipFile, zlib.error, CorruptStream) as exc:  # a truncated or corrupt compressed stream
            yield linter.input_violation(source.path, InputProblem("NL001", f"cannot read: {exc}", 1, 1))
        finally:
            if writer is not None:
                if ok:
                    writer.commit()
                else:
                    writer.abort()
        if ok:
            self._count(source.path, fixed_here)
            if stdin_buf is not None:
                self._write_stdout(b"".join(stdin_buf))

    def _jsonl_hunk(self, lineno: int, old: bytes, new: bytes) -> None:
        self.stdout.write(f"@@ -{lineno} +{lineno} @@\n")
        for sign, raw in (("-", old), ("+", new)):
            text = raw.decode("utf-8", errors="replace")
            if text.endswith("\n"):
                self.stdout.write(sign + text)
            else:
                self.stdout.write(sign + text + "\n\\ No newline at end of file\n")


def _copy_prefix(source: Source, writer: AtomicFile, length: int) -> None:
    """Copy the first ``length`` (decompressed) bytes of the source: the records before the first change."""
    with source.open_binary() as fh:
        left = length
        while left:
            chunk = fh.read(min(_COPY_CHUNK, left))
            if not chunk:
                raise OSError("the file shrank while it was being fixed")
            writer.write(chunk)
            left -= len(chunk)


def _apply_text(text: str, plans: list[tuple[Article, list[Edit]]]) -> str:
    (article, edits), = plans
    return apply_text_edits(text, article, edits)


def _apply_record(text: str, plans: list[tuple[Article, list[Edit]]]) -> str:
    (article, edits), = plans
    return apply_record_edits(text, article, edits)


def json_record_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each top-level record of a .json file: the object, or each array item."""
    pos = _ws(text, 0)
    if pos < len(text) and text[pos] == "[":
        return scan_array(text, pos)
    return [(pos, scan_value(text, pos))]


def _apply_json_file(text: str, plans: list[tuple[Article, list[Edit]]]) -> str:
    try:
        spans = json_record_spans(text)
    except ScanError as exc:
        raise FixError(f"cannot locate records: {exc}") from None
    changes: list[tuple[int, int, str]] = []
    for article, edits in plans:
        k = article.record_index or 0
        start, end = spans[k]
        changes.append((start, end, apply_record_edits(text[start:end], article, edits)))
    pieces, at = [], 0
    for start, end, new in sorted(changes):
        pieces += [text[at:start], new]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


def format_summary(summary: FixSummary, mode: str) -> str:
    """The closing line: ``Found N findings (M fixed, K remaining).`` or ``Would fix M findings.``"""
    fixed = summary.total_fixed

    def n(k: int) -> str:
        return f"{k} finding" + ("" if k == 1 else "s")

    if mode == "diff":
        return f"Would fix {n(fixed)}." if fixed else "No fixes to apply."
    total = fixed + summary.remaining
    if not total:
        return "All clean: nothing to fix."
    return f"Found {n(total)} ({fixed} fixed, {summary.remaining} remaining)."


def format_fixed(summary: FixSummary, registry: Any, mode: str = "fix") -> str:
    """Per file, what was fixed: ``- path:`` then ``    2 × NL101 (duplicate-paragraph)``."""
    verb = "Would fix" if mode == "diff" else "Fixed"
    lines = [f"{verb} {summary.total_fixed} finding{'s' if summary.total_fixed != 1 else ''}:"]
    for path, codes in summary.by_file.items():
        lines.append(f"- {path}:")
        for code in sorted(codes):
            rule = registry.rules.get(code)
            name = f" ({rule.name})" if rule else ""
            lines.append(f"    {codes[code]} × {code}{name}")
    return "\n".join(lines)
