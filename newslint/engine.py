"""The engine: discover files, read articles, run per-article rules, then dataset rules.

Rules only say where and what. The engine stamps each Problem with the rule's code, name and
effective severity, the path and the record, producing :class:`newslint.Violation` objects, and
keeps the run's statistics.
"""

from __future__ import annotations

import fnmatch
import os
import stat
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newslint.article import Article
from newslint.config import Config, ConfigError
from newslint.debugging import DEBUG_ENV, debug_enabled, describe_exception, print_debug_traceback  # noqa: F401
from newslint.limits import clip_article
from newslint.plugins import Registry, build_registry
from newslint.readers import FieldMapError, InputProblem, Reader, Source, build_field_map, folder_files
from newslint.rule import ArticleRef, DatasetRule, OptionError, Problem, Rule
from newslint.suppress import PostFilter
from newslint.violation import INPUT_CODES, Violation, shown  # noqa: F401 - INPUT_CODES re-exported


@dataclass
class RunStats:
    files: int = 0
    articles: int = 0
    #: code -> number of findings
    findings: Counter = field(default_factory=Counter)
    #: code -> number of distinct articles with at least one finding
    articles_affected: Counter = field(default_factory=Counter)
    input_errors: int = 0
    #: the budgets of the run and how they went (newslint.budgets.BudgetResult), set when the run ends
    budgets: list = field(default_factory=list)

    def merge(self, other: "RunStats") -> None:
        self.files += other.files
        self.articles += other.articles
        self.findings.update(other.findings)
        self.articles_affected.update(other.articles_affected)
        self.input_errors += other.input_errors


class Linter:
    """Runs the selected rules of a registry over sources and articles."""

    def __init__(self, config: Config | None = None, registry: Registry | None = None) -> None:
        if config is not None and not isinstance(config, Config):
            raise TypeError(f"config must be a newslint.Config, not {type(config).__name__}: "
                            f"Config(select=['NL1'], rule_options={{'NL204': {{'min-words': 80}}}})")
        self.config = config or Config()
        self.registry = registry or build_registry()
        if self.config.packs:
            self.registry.add_packs(self.config.pack_dirs())
        self.config.validate(self.registry.rules)
        try:
            self.field_map = build_field_map(self.config.field_map)
        except FieldMapError as exc:
            raise ConfigError(str(exc)) from None
        self.rules: list[Rule] = []
        self.severity: dict[str, str] = {}
        for code in sorted(self.registry.rules):
            cls = self.registry.rules[code]
            if code in INPUT_CODES or not self.config.is_selected(cls):
                continue
            try:
                rule = cls(self.config.options_for(cls))
            except OptionError as exc:
                raise ConfigError(str(exc)) from None
            if isinstance(rule, DatasetRule):
                rule.across_files = self.config.across_files(cls)
            self.rules.append(rule)
            self.severity[code] = self.config.severity_for(cls)
        for rule in self.rules:
            bind = getattr(rule, "bind_rules", None)
            if bind is not None:  # a rule that defers to others asks which run with it
                bind(self.rules)
        self.article_rules = [r for r in self.rules if not isinstance(r, DatasetRule)]
        from newslint.dataset import bundle_dataset_rules

        # the NL6xx rules share one dataset index: observed once per article, merged once
        self.dataset_rules = bundle_dataset_rules([r for r in self.rules if isinstance(r, DatasetRule)])
        self.dataset_state: dict[str, Any] = self.new_dataset_state()
        self.stats = RunStats()
        #: rule code (or "read:<format>") -> seconds, when profiling (``--profile-rules``)
        self.timings: Counter | None = None
        #: suppressions, per-file/per-record ignores and the baseline, applied after the rules
        self.post = PostFilter(self.config, self.registry.rules, self.rules, self.dataset_rules, self.severity)
        #: called as ``on_article(article, findings)`` after each article is linted (progress bars,
        #: reports); ``findings`` are that article's per-article findings, sorted
        self.on_article: Callable[[Article, list[Violation]], None] | None = None

    def new_dataset_state(self) -> dict[str, Any]:
        """A fresh state for every selected dataset rule (code -> state)."""
        return {r.code: r.new_state() for r in self.dataset_rules}

    def merge_dataset_state(self, other: dict[str, Any]) -> None:
        """Merge states observed elsewhere (another file, another process) into this run's states.

        ``other`` must come from articles later in discovery order than everything seen so far.
        """
        for rule in self.dataset_rules:
            if rule.code in other:
                self.dataset_state[rule.code] = rule.merge(self.dataset_state[rule.code], other[rule.code])

    # ------------------------------------------------------------------ readers
    def reader_for(self, path: str) -> Reader | None:
        name = path.lower()
        for ext in sorted(self.registry.readers, key=len, reverse=True):
            if name.endswith(ext):
                return self.registry.readers[ext]()
        return None

    @property
    def extensions(self) -> tuple[str, ...]:
        return tuple(self.registry.readers)

    # ------------------------------------------------------------------ linting
    def stamp(self, rule: Rule, article: Article | ArticleRef, problem: Problem) -> Violation:
        """Turn what a rule said into a Violation with code, severity, path and record."""
        fld = problem.field
        if fld is not None:
            fld = article.field_key(fld)
        return Violation(
            path=article.path,
            line=problem.line if problem.line is not None else article.line,
            col=problem.col,
            code=rule.code,
            name=rule.name,
            severity=self.severity.get(rule.code, rule.severity),
            message=problem.message,
            record_id=article.record_id,
            record_index=article.record_index,
            field=fld,
            suggestion=problem.suggestion,
            fix=problem.fix,
            end_line=problem.end_line,
            end_col=problem.end_col,
            excerpt=problem.excerpt,
            paragraph=problem.paragraph,
        )

    def check_article(self, article: Article) -> list[Violation]:
        """Run every per-article rule on one article, turning a rule's exception into a finding.

        This is the one place per-article rules run, in this process and in worker processes
        (through :meth:`lint_article`): a rule that raises (built-in, rule pack or plugin) gives an
        NL004 finding on the article naming the rule, its origin and the exception, keeps what it
        reported before raising, and the other rules still run. Dataset rules are not fed and
        statistics are not counted (the fixer checks an article again after each round of fixes).
        """
        out: list[Violation] = []
        if len(article.paragraphs) > 200 or article.clipped:  # bounded work on hostile records
            self._clip(article, out)
        if self.timings is not None:
            self._check_article_timed(article, out)
            return out
        for rule in self.article_rules:
            try:
                for problem in rule.check(article):
                    out.append(self.stamp(rule, article, problem))
            except Exception as exc:
                out.append(self.rule_failure(rule, article, exc))
        return out

    def _clip(self, article: Article, out: list[Violation]) -> None:
        """Clip an oversized article to newslint.limits' bounds and say so (NL007)."""
        clip_article(article)
        if article.clipped:
            out.append(Violation(path=article.path, line=article.line, col=1, code="NL007",
                                 name=INPUT_CODES["NL007"], severity="error", record_id=article.record_id,
                                 record_index=article.record_index,
                                 message=f"article too large to lint whole: {article.clipped}"))

    def rule_failure(self, rule: Rule, article: Article | ArticleRef | None, exc: Exception,
                     stage: str = "on this article") -> Violation:
        """The NL004 finding for a rule that raised on ``article`` (None: the dataset pass as a whole)."""
        origin = getattr(rule, "origin", "built-in")
        what = f"rule {rule.code} ({rule.name}, {origin})"
        print_debug_traceback(what, exc)
        message = (f"rule {rule.code} ({rule.name}, {origin}) failed {stage}: {describe_exception(exc)} "
                   "(--debug prints the traceback)")
        if article is None:
            return Violation(path="<dataset>", line=1, col=1, code="NL004", name=INPUT_CODES["NL004"],
                             severity="error", message=message)
        return Violation(path=article.path, line=article.line, col=1, code="NL004", name=INPUT_CODES["NL004"],
                         severity="error", message=message, record_id=article.record_id,
                         record_index=article.record_index)

    def lint_article(self, article: Article) -> list[Violation]:
        """Run every per-article rule on one article and feed the dataset rules."""
        return self.record_article(article, self.check_article(article))

    def record_article(self, article: Article, out: list[Violation]) -> list[Violation]:
        """Feed an article to the dataset rules and count its findings in the run's statistics."""
        clock = time.process_time
        for rule in self.dataset_rules:
            t0 = clock() if self.timings is not None else 0.0
            try:
                rule.observe(self.dataset_state[rule.code], article)
            except Exception as exc:
                out.append(self.rule_failure(_failing_rule(rule, exc), article, exc))
            if self.timings is not None:
                self.timings[rule.code] += clock() - t0
        out = self.post.article(article, out)
        self.stats.articles += 1
        for code in {v.code for v in out}:
            self.stats.articles_affected[code] += 1
        for v in out:
            self.stats.findings[v.code] += 1
        out.sort(key=Violation.sort_key)
        if self.on_article is not None:
            try:
                self.on_article(article, out)
            except Exception as exc:
                # the output format's per-article hook failed: say so on this article, go on
                print_debug_traceback("the output format's per-article hook", exc)
                v = Violation(path=article.path, line=article.line, col=1, code="NL006", name=INPUT_CODES["NL006"],
                              severity="error", record_id=article.record_id, record_index=article.record_index,
                              message=f"the output format failed on this article: {describe_exception(exc)} "
                                      "(--debug prints the traceback)")
                self.stats.findings["NL006"] += 1
                self.stats.articles_affected["NL006"] += 1
                out.append(v)
        return out

    def _check_article_timed(self, article: Article, out: list[Violation]) -> None:
        timings = self.timings
        assert timings is not None
        clock = time.process_time
        for rule in self.article_rules:
            t0 = clock()
            try:
                for problem in rule.check(article):
                    out.append(self.stamp(rule, article, problem))
            except Exception as exc:
                out.append(self.rule_failure(rule, article, exc))
            timings[rule.code] += clock() - t0

    def input_violation(self, path: str, problem: InputProblem) -> Violation:
        self.stats.input_errors += 1
        self.stats.findings[problem.code] += 1
        return Violation(
            path=path,
            line=problem.line,
            col=problem.col,
            code=problem.code,
            name=INPUT_CODES.get(problem.code, "input-error"),
            severity="error",
            message=problem.message,
            record_index=problem.record_index,
        )

    def lint_source(self, source: Source) -> Iterator[Violation]:
        """Read one source and lint every article in it (unsorted)."""
        for _line, batch in self._batches(source):
            yield from batch

    def _batches(
        self, source: Source, items: Iterable[Article | InputProblem] | None = None
    ) -> Iterator[tuple[int, list[Violation]]]:
        """(first line, findings) of each article or input problem of a source, in reading order.

        ``items`` replaces what the reader would read (a byte range of a JSON Lines file).
        """
        reader = self.reader_for(source.path)
        self.stats.files += 1
        if reader is None:
            problem = InputProblem("NL001", f"no reader for this file type (known: {', '.join(sorted(self.extensions))})")
            yield 1, [self.input_violation(source.path, problem)]
            return
        line = 1  # where the reader got to, for a reader that fails
        try:
            if items is None:
                items = reader.read(source, self.field_map)
            if self.timings is not None:
                items = _timed(items, self.timings, f"read:{reader.format}")
            for item in items:
                line = item.line
                if isinstance(item, InputProblem):
                    yield item.line, [self.input_violation(source.path, item)]
                else:
                    yield item.line, self.lint_article(item)
        except OSError as exc:
            yield line, [self.input_violation(source.path, InputProblem("NL001", f"cannot read: {exc.strerror or exc}"))]
        except (EOFError, zlib.error) as exc:  # a truncated or corrupt .gz
            yield line, [self.input_violation(source.path, InputProblem("NL001", f"cannot read: {exc}"))]
        except RecursionError:
            problem = InputProblem("NL002", "nested too deeply to read", line=line)
            yield line, [self.input_violation(source.path, problem)]
        except Exception as exc:
            # a reader (built-in or plugin) raised: the rest of this file is not read, the run goes on
            origin = getattr(type(reader), "origin", None) or type(reader).__module__
            print_debug_traceback(f"reader {reader.format} ({origin})", exc)
            problem = InputProblem("NL005", f"reader '{reader.format}' ({origin}) failed after line {line}; the rest "
                                   f"of the file was not read: {describe_exception(exc)} (--debug prints the traceback)",
                                   line=line)
            yield line, [self.input_violation(source.path, problem)]

    def lint_source_sorted(
        self, source: Source, items: Iterable[Article | InputProblem] | None = None
    ) -> Iterator[Violation]:
        """The findings of one source in output order, streamed.

        Readers yield articles in line order and a rule reports inside its own article, so when an
        article starting at line L is reached, the pending findings, all above line L, are final:
        they are sorted and yielded. Memory does not grow with the size of a JSON Lines dataset,
        and the output equals sorting the whole file's findings.
        """
        pending: list[Violation] = []
        top = 0  # highest line among pending findings
        for line, batch in self._batches(source, items):
            if pending and top < line:
                pending.sort(key=Violation.sort_key)
                yield from pending
                pending = []
                top = 0
            if batch:
                pending.extend(batch)
                top = max(top, max(v.line for v in batch))
        pending.sort(key=Violation.sort_key)
        yield from pending

    def finish(self) -> list[Violation]:
        """Findings of the dataset rules, once every article has been seen."""
        return list(self.finish_stream())

    def finish_stream(self) -> Iterator[Violation]:
        """:meth:`finish` as a stream: the findings sorted, at most :data:`SPILL_AFTER` of them held
        in memory (the rest in sorted runs on disk, :mod:`newslint.spill`), so that the peak memory
        of a run does not grow with the number of dataset findings. The run's statistics are
        complete once the stream is."""
        from newslint.spill import SortedSpill

        failed: list[Violation] = []
        held = SortedSpill(Violation.sort_key, SPILL_AFTER)
        for v in self.post.dataset_stream(self._dataset_pairs(failed)):
            held.add(v)
        for v in failed:
            held.add(v)
        stats = self.stats
        # the articles a code reaches: findings of one article are adjacent in sorted order (path,
        # line and record lead the sort key), so one article's codes are all that is kept
        here: tuple[str, int, int | None] | None = None
        codes: set[str] = set()
        for v in held.drain():
            stats.findings[v.code] += 1
            at = (v.path, v.line, v.record_index)
            if at != here:
                here, codes = at, set()
            if v.code not in codes:
                codes.add(v.code)
                stats.articles_affected[v.code] += 1
            yield v

    def _dataset_pairs(self, failed: list[Violation]) -> Iterator[tuple[ArticleRef, Violation]]:
        """Each dataset rule's findings, stamped, with the article each is about; a rule that
        raises adds its NL004 to ``failed`` and the next rule runs. Profiled time is the rules'
        own (and the stamping), not what the consumer does between two findings."""
        clock = time.process_time
        timings = self.timings
        for rule in self.dataset_rules:
            found = rule.findings(self.dataset_state[rule.code])
            spent = 0.0
            while True:
                t0 = clock()
                try:
                    owner, ref, problem = next(found)
                except StopIteration:
                    spent += clock() - t0
                    break
                except Exception as exc:
                    spent += clock() - t0
                    failed.append(self.rule_failure(_failing_rule(rule, exc), None, exc, "in the dataset pass"))
                    break
                v = self.stamp(owner, ref, problem)
                spent += clock() - t0
                yield ref, v
            if timings is not None:
                timings[rule.code] += spent

    def run(self, sources: Iterable[Source | Violation]) -> Iterator[Violation]:
        """Lint sources in order; findings sorted by line within each file, dataset findings last.

        Streaming formats (JSON Lines) yield records in line order, so their findings are passed on
        article by article and a file of any size is never held in memory.
        """
        for source in sources:
            if isinstance(source, Violation):
                self.stats.input_errors += 1
                self.stats.findings[source.code] += 1
                yield source
                continue
            yield from self.lint_source_sorted(source)
        yield from self.finish_stream()


#: dataset findings held in memory at the end of a run before sorted runs go to temporary files
#: (about a kilobyte each; None: never spill)
SPILL_AFTER: int | None = 10_000


def _failing_rule(rule: Rule, exc: BaseException) -> Rule:
    """The rule to blame for ``exc``: a bundle of dataset rules names the member that raised."""
    member = getattr(exc, "__newslint_rule__", None)
    return member if isinstance(member, Rule) else rule


def _timed(items: Iterable[Any], timings: Counter, key: str) -> Iterator[Any]:
    """Yield from ``items``, adding the time spent producing them to ``timings[key]``."""
    it = iter(items)
    clock = time.process_time
    while True:
        t0 = clock()
        try:
            item = next(it)
        except StopIteration:
            timings[key] += clock() - t0
            return
        timings[key] += clock() - t0
        yield item


#: compressions newslint does not read: a folder's ``x.jsonl.lz4`` is skipped, and named in a warning
UNREAD_COMPRESSIONS = (".zstd", ".lz4", ".br", ".lzma", ".zip", ".7z", ".sz", ".lzo")


def discover(
    paths: Iterable[str],
    extensions: Iterable[str],
    exclude: Iterable[str] = (),
    compressed: list[str] | None = None,
) -> Iterator[Source | Violation]:
    """Expand paths into sources: files as given, directories recursed in sorted order.

    Hidden folders and files (names starting with a dot) are skipped inside directories, and so is
    anything matching an ``exclude`` glob. A missing path yields an NL001 violation. The files of a
    folder that hold a readable format under a compression newslint does not read
    (``news.jsonl.zst``) are skipped too, and appended to ``compressed`` when it is given.
    """
    exts = tuple(e.lower() for e in extensions)
    excl = list(exclude)
    for raw in paths:
        path = Path(raw)
        if _excluded(raw, excl):
            continue
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(os.path.join(root, d), excl))
                for name in folder_files(root, files):
                    full = os.path.join(root, name)
                    if name.startswith("."):
                        continue
                    if not name.lower().endswith(exts):
                        stem, dot, codec = name.lower().rpartition(".")
                        if (compressed is not None and dot and "." + codec in UNREAD_COMPRESSIONS
                                and stem.endswith(exts) and not _excluded(full, excl)):
                            compressed.append(display_path(full))
                        continue
                    if _excluded(full, excl):
                        continue
                    if not os.path.isfile(full):  # a named pipe or device would block the run
                        yield Violation(display_path(full), 1, 1, "NL001", INPUT_CODES["NL001"], "error",
                                        f"cannot read: {_unreadable(full)}")
                        continue
                    yield Source(path=display_path(full), fs_path=Path(full))
        elif path.is_file():
            yield Source(path=display_path(raw), fs_path=path)
        else:
            yield Violation(display_path(raw), 1, 1, "NL001", INPUT_CODES["NL001"], "error",
                            f"cannot read: {_unreadable(raw)}")


def overwritten_input(paths: Iterable[str], outputs: Iterable[tuple[str | None, str]], extensions: Iterable[str],
                      exclude: Iterable[str] = ()) -> str | None:
    """Why a run must not start: one of its ``outputs`` (path, option) is an existing file that it
    would read as an input (named, or found in a named folder), and writing the output would
    destroy it. None when no output is."""
    hit = input_output(paths, outputs, extensions, exclude)
    return None if hit is None else f"{hit[1]} is both an input and the {hit[2]} file of this run; it would be overwritten"


def input_output(paths: Iterable[str], files: Iterable[tuple[str | None, str]], extensions: Iterable[str] | None,
                 exclude: Iterable[str] = ()) -> tuple[str, str, str] | None:
    """The first input that is one of ``files`` ((path, option), by device and inode): (the input
    as named or found, the file's path, its option), or None. With ``extensions`` None only the
    paths named are inputs; else the files discovered in named folders too."""
    wanted: dict[tuple[int, int], tuple[str, str]] = {}
    for path, option in files:
        key = file_id(path)
        if key is not None:
            wanted.setdefault(key, (path, option))  # type: ignore[arg-type]
    if not wanted:
        return None
    if extensions is None:
        found = [(p, file_id(p)) for p in paths if p != "-"]
    else:
        found = [(str(item.fs_path), file_id(str(item.fs_path))) for item in discover(list(paths), extensions, exclude)
                 if isinstance(item, Source) and item.fs_path is not None]
    for name, key in found:
        if key is not None and key in wanted:
            return (name, *wanted[key])
    return None


def file_id(path: str | None) -> tuple[int, int] | None:
    """(device, inode) of ``path`` if it is an existing regular file, else None."""
    if not path:
        return None
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def _unreadable(path: str) -> str:
    """Why ``path``, which is neither a folder nor a regular file, cannot be linted: what the system
    says (no such file, a dangling link, a symbolic link loop, no permission), or that it is not a
    regular file (a named pipe or a device would block the run)."""
    try:
        os.stat(path)
    except OSError as exc:
        return (exc.strerror or str(exc)).lower()
    except ValueError:  # a NUL byte in the name
        return "no such file or directory"
    return "not a regular file"


def display_path(path: str) -> str:
    """A path as findings show it: one printable line of valid UTF-8, whatever the file is called.

    Bytes of a file name that are not UTF-8 (decoded by Python as lone surrogates) are written as
    ``\\xNN`` escapes, and control and format characters such as a newline as record ids are
    (:func:`newslint.violation.shown`), so a finding is always one line and every output format can
    encode it. The file itself is read through its real name.
    """
    if path.isprintable():
        try:
            path.encode("utf-8")
            return path
        except UnicodeEncodeError:
            pass
    return shown(path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace"))


def _excluded(path: str, patterns: list[str]) -> bool:
    if not patterns:
        return False
    norm = os.path.normpath(path).replace(os.sep, "/")
    # not the empty parts of "/abs/path" or "a//b" (an empty glob excluded every absolute path),
    # nor "." and "..", which name no file or folder of their own: ".*", a glob for hidden files,
    # excluded everything under "." or "../data"
    parts = [part for part in norm.split("/") if part not in ("", ".", "..")]
    while norm.startswith("../"):
        norm = norm[3:]
    if norm in (".", ".."):
        norm = ""
    for pat in patterns:
        if (norm and fnmatch.fnmatch(norm, pat)) or any(fnmatch.fnmatch(p, pat) for p in parts):
            return True
    return False
