"""Command line: argument parsing and exit codes only.

Exit status: 0 clean, 1 findings reported, 2 usage, configuration or input errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import IO

from newslint._version import __version__
from newslint.cmdline import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, show_progress
from newslint.cmdline import Parser as _Parser
from newslint.cmdline import csv_list as _csv
from newslint.config import Config, ConfigError
from newslint.engine import INPUT_CODES, Linter, RunStats
from newslint.plugins import Registry, build_registry
from newslint.readers import FieldMapError, parse_field_option
from newslint.runfiles import Found, output_clash, sources_from_args
from newslint.violation import SEVERITIES, SEVERITY_RANK, shown

DESCRIPTION = """\
Lint scraped news articles: plain text, Markdown with front matter, JSON, JSON Lines, CSV and TSV,
Parquet and Arrow datasets.
Reports path:line:col: CODE message for each finding.

subcommands:
  newslint rule CODE                       print the documentation of a rule (code or name)
  newslint config [PATH]                   print the effective configuration and where each value came from
  newslint report PATHS --html FILE.html   write a self-contained HTML report on a dataset
  newslint compare A B ...                 compare the same articles from several extractors
"""

EPILOG = """\
exit status: 0 clean, 1 findings reported, 2 usage, configuration or input errors.
examples:
  newslint examples/
  newslint --select NL1 --show-fixes data/articles.jsonl
  cat article.md | newslint - --stdin-filename article.md
  newslint --write-baseline newslint-baseline.json data/   (then: newslint --baseline newslint-baseline.json data/)
"""


#: worker processes per core at most, whatever -j asks
MAX_JOBS_PER_CORE = 4


def _jobs(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, not {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError("the number of jobs cannot be negative")
    return n


def build_parser(registry: Registry) -> argparse.ArgumentParser:
    p = _Parser(
        prog="newslint",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories to lint; '-' reads standard input")
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    sel = p.add_argument_group("rule selection")
    sel.add_argument("--select", type=_csv, action="extend", metavar="CODES",
                     help="only these rules: codes, prefixes (NL2), names or ALL, comma-separated")
    sel.add_argument("--ignore", type=_csv, action="extend", metavar="CODES",
                     help="skip these rules (replaces the configuration's ignore; --ignore= clears it)")
    sel.add_argument("--extend-select", type=_csv, action="extend", metavar="CODES",
                     help="add rules to the selection (for rules off by default)")
    sel.add_argument("--extend-ignore", type=_csv, action="extend", metavar="CODES",
                     help="skip these rules as well")
    sel.add_argument("--list-rules", action="store_true", help="list every rule and exit")
    sel.add_argument("--packs", action="append", default=[], metavar="DIR",
                     help="load the YAML rule packs in DIR (a pack folder or a folder of packs); repeatable")
    inp = p.add_argument_group("input")
    inp.add_argument("--stdin-filename", metavar="NAME",
                     help="with '-': the name to report for standard input; its extension picks the format")
    inp.add_argument("--field", action="append", default=[], metavar="FIELD=KEY",
                     help="read canonical FIELD (title, body, byline, date, url, summary, id, domain, language) from KEY; repeatable")
    inp.add_argument("--exclude", type=_csv, action="extend", metavar="GLOBS",
                     help="skip files and folders matching these globs")
    cfg = p.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="FILE",
                     help="read settings from FILE (pyproject.toml, .newslint.yaml or any .toml/.yaml file) "
                          "instead of looking for one from the linted path upward")
    cfg.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    cfg.add_argument("--baseline", metavar="FILE",
                     help="report only findings not recorded in this baseline file; say how many are fixed")
    cfg.add_argument("--write-baseline", metavar="FILE",
                     help="record every finding in FILE (a new baseline) and report none; "
                          "a baseline from --baseline or the configuration is not applied")
    cfg.add_argument("--prune-baseline", action="store_true",
                     help="rewrite the baseline in use without the findings that no longer occur "
                          "(never adds new ones; they are reported as usual)")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=sorted(registry.formatters), default=None,
                     help="output format (default: rich on a terminal, text otherwise)")
    out.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                     help="colour the rich format: auto (terminals, unless NO_COLOR is set), always, never")
    out.add_argument("--no-progress", action="store_true",
                     help="no progress bar (it is shown on standard error only when that is a terminal)")
    out.add_argument("--output-file", metavar="FILE", help="write the report to FILE instead of standard output")
    out.add_argument("--show-fixes", action="store_true",
                     help="print the fix suggestion under each finding; with --fix/--diff, list what was fixed")
    fix = p.add_argument_group("fixing")
    fix.add_argument("--fix", action="store_true",
                     help="apply safe fixes in place (atomically) and report what remains")
    fix.add_argument("--unsafe-fixes", action="store_true",
                     help="with --fix or --diff: apply unsafe fixes too")
    fix.add_argument("--diff", action="store_true",
                     help="print a unified diff of what --fix would change, write nothing; exit 1 if anything would")
    out.add_argument("--count", action="store_true", help="print the number of findings at the end")
    out.add_argument("--statistics", action="store_true",
                     help="print per-rule counts and the share of articles affected at the end")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings are reported")
    out.add_argument("--budget", action="append", default=[], metavar="RULE=PCT",
                     help="the largest share of articles allowed a finding of RULE (code, prefix or name), "
                          "e.g. NL201=2%%; repeatable. With budgets, exit 1 only when one is exceeded")
    out.add_argument("--summary", metavar="FILE",
                     help="also write a Markdown summary (as --format markdown) to FILE, e.g. $GITHUB_STEP_SUMMARY")
    run = p.add_argument_group("performance")
    run.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                     help="worker processes (default: all cores, at most four per core; 1 = in this process). "
                          "Inputs under 1 MiB in total are linted in this process whatever N is")
    run.add_argument("--cache-dir", metavar="DIR", default=None,
                     help="where to keep results of unchanged files (default: .newslint_cache)")
    run.add_argument("--no-cache", action="store_true", help="neither read nor write the result cache")
    run.add_argument("--profile-rules", action="store_true",
                     help="print the time spent in each rule (and in reading) to standard error at the end")
    run.add_argument("--debug", action="store_true",
                     help="print the traceback of a rule, reader or format that fails (also: NEWSLINT_DEBUG=1)")
    out.add_argument("--fail-on", choices=SEVERITIES, default=None,
                     help="exit 1 only for findings of this severity or worse (default: info, any finding)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """The ``newslint`` command; interrupts and unexpected errors end it as newslint.guard says."""
    from newslint.guard import run_guarded

    return run_guarded(_main, list(sys.argv[1:] if argv is None else argv))


def _main(argv: list[str]) -> int:
    try:
        registry = build_registry()
    except Exception as exc:  # pragma: no cover - a broken install
        print(f"newslint: error: cannot load plugins: {exc}", file=sys.stderr)
        return EXIT_ERROR
    for warning in registry.warnings:
        print(f"newslint: warning: {warning}", file=sys.stderr)
    if argv and argv[0] == "rule":
        return cmd_rule(argv[1:], registry)
    if argv and argv[0] == "report":
        from newslint.report import cmd_report

        return cmd_report(argv[1:], registry)
    if argv and argv[0] == "compare":
        from newslint.compare import cmd_compare

        return cmd_compare(argv[1:], registry)
    show_config = bool(argv) and argv[0] == "config"
    parser = build_parser(registry)
    if show_config:
        parser.prog = "newslint config"
        argv = argv[1:]
    args = parser.parse_args(argv)
    if args.list_rules:
        try:  # rule packs named on the command line or in the configuration are listed too
            registry.add_packs(config_from_args(args, registry).pack_dirs())
        except (ConfigError, FieldMapError) as exc:
            print(f"newslint: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        return cmd_list_rules(registry)
    try:
        config = config_from_args(args, registry)
        linter = Linter(config, registry)
        if show_config:
            from newslint.configfile import describe

            missing = [p for p in args.paths if p != "-" and not os.path.exists(p)]
            if missing:  # the configuration shown would be the one found from the current folder
                raise ConfigError(f"{missing[0]}: no such file or directory")

            unchecked = unchecked_budget(linter)  # a budget on rules the run does not check stops it
            if unchecked is not None:
                raise ConfigError(unchecked)
            if config.baseline and not args.write_baseline:  # a missing or broken baseline stops a run
                from newslint.baseline import Baseline

                Baseline.load(config.baseline, config.where("baseline"))
            print("\n".join(describe(linter.config, registry)))
            return EXIT_CLEAN
        if args.write_baseline:
            from newslint.baseline import BaselineWriter

            linter.post.use_baseline(None, BaselineWriter(args.write_baseline))
        elif config.baseline:
            from newslint.baseline import Baseline

            linter.post.use_baseline(Baseline.load(config.baseline, config.where("baseline")))
        elif args.prune_baseline:
            raise ConfigError("--prune-baseline needs a baseline: --baseline FILE or 'baseline' in the configuration")
    except (ConfigError, FieldMapError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    # Ctrl-C and SIGTERM are newslint.guard's: workers stopped, nothing half-written, exit 130 / 143
    return run_lint(args, linter)


def config_from_args(args: argparse.Namespace, registry: Registry | None = None) -> Config:
    """Defaults, then the configuration file (unless --isolated), then the command line."""
    from newslint.configfile import load_config

    field_map = dict(parse_field_option(f) for f in args.field)
    budgets = None
    if getattr(args, "budget", None):
        from newslint.budgets import parse_budget_option

        budgets = {}
        for given in args.budget:
            selector, limit = parse_budget_option(given)
            if selector in budgets and budgets[selector] != limit:  # which one was meant?
                raise ConfigError(f"--budget: {selector} is given twice ({budgets[selector]:g}% and {limit:g}%)")
            budgets[selector] = limit
    warnings: list[str] = []
    config = load_config(
        args.paths,
        {
            "select": args.select,
            "ignore": args.ignore,
            "extend_select": args.extend_select,
            "extend_ignore": args.extend_ignore,
            "field_map": field_map or None,
            "exclude": args.exclude,
            "format": args.format,
            "fail_on": args.fail_on,
            "baseline": args.baseline,
            "packs": args.packs or None,
            "budgets": budgets,
        },
        config_file=args.config,
        isolated=args.isolated,
        stdin_filename=args.stdin_filename,
        warnings=warnings,
    )
    for warning in warnings:
        print(f"newslint: warning: {shown(warning)}", file=sys.stderr)  # file names: one line
    if registry is not None and config.format is not None and config.format not in registry.formatters:
        from newslint.config import _closest

        raise ConfigError(
            f"{config.where('format')}: unknown format '{config.format}'{_closest(config.format, list(registry.formatters))}"
            f" (formats: {', '.join(sorted(registry.formatters))})"
        )
    return config


def unchecked_budget(linter: Linter) -> str | None:
    """Why the run's budgets would mislead: one names no rule the run checks (not selected, or
    ignored), so the gate it is meant to be could never fail."""
    from newslint.config import selector_matches

    for selector in linter.config.budgets or {}:
        if not any(selector_matches(selector, r.code, r.name) for r in linter.rules):
            return (f"{linter.config.where('budgets')}: the budget on {selector} names no rule this run checks "
                    "(not selected, or ignored)")
    return None


SUBCOMMANDS = ("rule", "config", "report", "compare")


def misplaced_subcommand(args: argparse.Namespace) -> str | None:
    """``newslint --packs DIR rule ACME101`` would lint files named "rule" and "ACME101"."""
    paths = args.paths or []
    if paths and paths[0] in SUBCOMMANDS and not os.path.exists(paths[0]):
        return f"'{paths[0]}' is a subcommand: write it first (newslint {paths[0]} ... followed by its options)"
    return None


def stdin_unnamed(args: argparse.Namespace) -> str | None:
    """Standard input is read without a name to pick its format: said before the report starts
    (found while reading, it left a JSON report cut after its header)."""
    if "-" in (args.paths or []) and not args.stdin_filename:
        return "reading standard input ('-') needs --stdin-filename NAME to pick the format"
    return None


def default_format(args: argparse.Namespace) -> str:
    """rich on a terminal, the flake8 text line otherwise (pipes, files, CI logs)."""
    if args.output_file:
        return "text"
    isatty = getattr(sys.stdout, "isatty", None)
    return "rich" if isatty is not None and isatty() else "text"


def run_lint(args: argparse.Namespace, linter: Linter) -> int:
    fmt_name = linter.config.format or default_format(args)
    formatter_cls = linter.registry.formatters.get(fmt_name)
    if formatter_cls is None:
        print(f"newslint: error: unknown format '{fmt_name}'", file=sys.stderr)
        return EXIT_ERROR
    fix_mode = "diff" if args.diff else "fix" if args.fix else None
    clash = misplaced_subcommand(args) or output_clash(args, linter) or unchecked_budget(linter) or stdin_unnamed(args)
    if clash is not None:
        print(f"newslint: error: {shown(clash)}", file=sys.stderr)
        return EXIT_ERROR
    stream: IO[str]
    if args.output_file:
        try:
            from newslint.interrupts import ReportFile

            stream = ReportFile(args.output_file)  # type: ignore[assignment]  # appears whole or not at all
        except OSError as exc:
            print(f"newslint: error: cannot write {shown(args.output_file)}: {exc.strerror}", file=sys.stderr)
            return EXIT_ERROR
    elif fix_mode == "diff" or (fix_mode == "fix" and "-" in (args.paths or [])):
        # standard output carries the diff, or the fixed article read from standard input
        stream = sys.stderr
    else:
        stream = sys.stdout
    progress = None
    found = Found()
    sources = sources_from_args(args, linter, found)
    try:
        if show_progress(args):
            from rich.console import Console

            from newslint.progress import RunProgress, total_size

            sources = list(sources)
            progress = RunProgress(Console(file=sys.stderr), total_size(sources))
            sources = progress.wrap_sources(sources)
            if not args.output_file and stream.isatty():
                stream = progress.stdout_proxy(stream)
    except ConfigError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    fixer = None
    if fix_mode is not None:
        from newslint.fixer import Fixer

        fixer = Fixer(linter, unsafe=args.unsafe_fixes, mode=fix_mode, stdout=sys.stdout)
    formatter = formatter_cls(stream, show_fixes=args.show_fixes, color=args.color, rules=linter.registry.rules)
    summary_stream = None
    if args.summary:
        from newslint.formatting import FanOut

        try:
            summary_stream = open(args.summary, "a", encoding="utf-8")  # a job summary is appended to
        except OSError as exc:
            print(f"newslint: error: cannot write {shown(args.summary)}: {exc.strerror}", file=sys.stderr)
            return EXIT_ERROR
        summary = linter.registry.formatters["markdown"](summary_stream, rules=linter.registry.rules)
        formatter = FanOut([formatter, summary])
    budgets = None
    if linter.config.budgets:
        from newslint.budgets import BudgetTracker

        budgets = BudgetTracker(linter.config.budgets, linter.registry.rules)

    def on_article(article, violations) -> None:
        formatter.article(article, violations)
        if progress is not None:
            progress.on_article(article, violations)

    linter.on_article = on_article
    runner = make_runner(args, linter, needs_articles=formatter.needs_articles)
    total = 0
    worst = 0
    threshold = SEVERITY_RANK[linter.config.fail_on or "info"]
    try:
        formatter.start()
        findings = fixer.run(sources) if fixer else runner.run(sources)
        for violation in findings:
            formatter.handle(violation)
            total += 1
            if budgets is not None:
                budgets.add(violation)
            if violation.code in INPUT_CODES:
                worst = EXIT_ERROR
            elif budgets is None and SEVERITY_RANK.get(violation.severity, 2) >= threshold:
                worst = max(worst, EXIT_FINDINGS)
        if progress is not None:
            progress.stop()
        if budgets is not None:  # with budgets, only an exceeded budget fails the run
            linter.stats.budgets = budgets.results(linter.stats.articles)
            if worst != EXIT_ERROR and not all(b.held for b in linter.stats.budgets):
                worst = EXIT_FINDINGS
        formatter.finish(linter.stats)
        finish_baseline(args, linter)
        for warning in found.warnings(linter):
            print(f"newslint: warning: {warning}", file=sys.stderr)
        # extras go to standard output, but never into a machine-readable report
        extras = sys.stdout if args.output_file else stream
        if formatter.machine and not args.output_file:
            extras = sys.stderr
        if args.statistics:
            formatter.statistics(linter.stats, extras, linter.severity)
        elif formatter.name not in ("github", "markdown"):  # those show budgets themselves
            for b in linter.stats.budgets:
                if not b.held:
                    print(f"newslint: {b.line()}", file=sys.stderr)
        if args.count:
            print(total, file=extras)
        if fixer is not None:
            report_fixes(fixer, args, linter.registry)
        if linter.timings is not None:
            print_profile(linter, runner, sys.stderr)
    except ConfigError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:  # no partial report file
        if args.output_file:
            stream.discard()  # type: ignore[attr-defined]
        raise
    except BrokenPipeError:  # `newslint data | head`
        sys.stderr.close()
        return worst or EXIT_FINDINGS
    finally:
        if progress is not None:
            progress.stop()
        if args.output_file:
            stream.close()
        if summary_stream is not None:
            summary_stream.close()
    if worst == EXIT_ERROR or args.exit_zero:  # --exit-zero: 0 unless an error (README)
        return worst if worst == EXIT_ERROR else EXIT_CLEAN
    if fix_mode == "diff":
        # like ruff --diff: the status says whether anything would change
        return EXIT_FINDINGS if fixer and fixer.summary.total_fixed else EXIT_CLEAN
    return worst


def make_runner(args: argparse.Namespace, linter: Linter, needs_articles: bool = False):
    """The runner for this run: parallel and cached, unless the output format needs every article.

    A format that reports on every article (JUnit's passing test cases) must see each one in this
    process, so it runs in-process and uncached.
    """
    from newslint.cache import DEFAULT_DIR, Cache
    from newslint.parallel import Runner, default_jobs

    jobs = 1 if needs_articles else (args.jobs or default_jobs())
    most = MAX_JOBS_PER_CORE * default_jobs()
    if jobs > most:  # workers beyond the cores only cost memory and start-up: -j 64 on two cores
        print(f"newslint: warning: -j {jobs} lowered to {most} ({MAX_JOBS_PER_CORE} per core)", file=sys.stderr)
        jobs = most
    cache = None if (args.no_cache or needs_articles) else Cache(args.cache_dir or DEFAULT_DIR, linter)
    if args.profile_rules:
        from collections import Counter

        linter.timings = Counter()
    return Runner(linter, jobs, cache)


def print_profile(linter: Linter, runner, stream: IO[str]) -> None:
    """Seconds per rule (summed over workers), slowest first, with the share of the total."""
    timings = linter.timings or {}
    total = sum(timings.values()) or 1e-9
    articles = max(linter.stats.articles, 1)
    names = {code: cls.name for code, cls in linter.registry.rules.items()}
    stream.write(f"rule profile ({runner.mode}; {linter.stats.articles} articles; cached files are not timed)\n")
    stream.write(f"{'seconds':>9} {'share':>6} {'us/article':>10}  rule\n")
    for key, secs in sorted(timings.items(), key=lambda kv: (-kv[1], kv[0])):
        label = f"{key} {names.get(key, '')}".rstrip() if not key.startswith("read:") else f"{key} (reader, parsing)"
        stream.write(f"{secs:9.3f} {100 * secs / total:5.1f}% {1e6 * secs / articles:10.1f}  {label}\n")
    stream.write(f"{total:9.3f} 100.0% {1e6 * total / articles:10.1f}  total\n")


def report_fixes(fixer, args: argparse.Namespace, registry: Registry) -> None:
    """Warnings about fixes not applied, what was fixed (--show-fixes) and the closing summary, on stderr."""
    from newslint.fixer import format_fixed, format_summary

    mode = "diff" if args.diff else "fix"
    for note in fixer.summary.notes:
        print(f"newslint: warning: {note}", file=sys.stderr)
    if args.show_fixes and fixer.summary.total_fixed:
        print(format_fixed(fixer.summary, registry, mode), file=sys.stderr)
    print(format_summary(fixer.summary, mode), file=sys.stderr)


def finish_baseline(args: argparse.Namespace, linter: Linter) -> None:
    """Write or prune the baseline, and say how it went (one line on standard error)."""
    from newslint.baseline import summary_line, write_entries

    post = linter.post
    if post.writer is not None:
        n = post.writer.write()
        print(f"newslint: wrote {n} findings ({len(post.writer.counts)} entries) to baseline {post.writer.path}",
              file=sys.stderr)
    elif post.baseline is not None:
        print(f"newslint: {summary_line(post.baseline)}", file=sys.stderr)
        if args.prune_baseline:
            before = post.baseline.total
            kept = post.baseline.pruned_entries()
            write_entries(post.baseline.path, kept)
            print(f"newslint: pruned {before - sum(e.count for e in kept)} findings from baseline "
                  f"{post.baseline.path}", file=sys.stderr)


def print_statistics(stats: RunStats, registry: Registry, stream: IO[str], severity: dict[str, str] | None = None) -> None:
    """Per-rule counts: number, code, name, [effective severity], share of articles affected."""
    from newslint.formatting import Formatter

    Formatter(stream, rules=registry.rules).statistics(stats, stream, severity)


def cmd_list_rules(registry: Registry) -> int:
    # a pack's summary (the first line of its description) and its folder's name are third-party
    # text: their control characters are escaped as in finding messages, so that no pack can send
    # the terminal an escape sequence (clear the screen, set the window title)
    rows = [("CODE", "NAME", "SEVERITY", "FIXABLE", "ORIGIN", "SUMMARY")]
    for code in sorted(registry.rules):
        r = registry.rules[code]
        rows.append((shown(code), shown(r.name), r.severity, "yes" if r.fixable else "no", shown(r.origin),
                     shown(r.summary())))
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:5])) + "  " + row[5])
    # where the YAML rules live, on stderr so that standard output stays one row per rule
    from newslint.packs import shipped_pack_root

    print(f"newslint: rules of origin pack:NAME are YAML files; the packs shipped with newslint are in "
          f"{shipped_pack_root()} (rules/ in the source repository); add yours with --packs DIR",
          file=sys.stderr)
    return EXIT_CLEAN


def cmd_rule(argv: list[str], registry: Registry) -> int:
    packs: list[str] = []
    while "--packs" in argv:  # newslint rule --packs DIR CODE
        i = argv.index("--packs")
        if i + 1 >= len(argv):
            print("newslint: error: --packs needs a folder", file=sys.stderr)
            return EXIT_ERROR
        packs.append(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    try:
        registry.add_packs(packs)
    except ConfigError as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print("usage: newslint rule CODE_OR_NAME", file=sys.stderr if len(argv) != 1 else sys.stdout)
        return EXIT_ERROR if len(argv) != 1 else EXIT_CLEAN
    from newslint.config import _closest, resolve_rule

    rule = resolve_rule(argv[0], registry.rules)
    if rule is None:
        # a rule of the packs the configuration names (as --list-rules lists them), found from here
        try:
            from newslint.configfile import load_config

            registry.add_packs(load_config(["."]).pack_dirs())
        except ConfigError as exc:
            print(f"newslint: error: {exc}", file=sys.stderr)
            return EXIT_ERROR
        rule = resolve_rule(argv[0], registry.rules)
    if rule is None:
        names = [*registry.rules, *(r.name for r in registry.rules.values())]
        print(f"newslint: error: unknown rule '{shown(argv[0])}'{_closest(argv[0], names)}", file=sys.stderr)
        return EXIT_ERROR
    options = ", ".join(f"{k}={v!r}" for k, v in rule.options.items()) or "none"
    # a pack's documentation (description, why, examples, fix) is third-party text: escaped as
    # finding messages are, keeping its line breaks
    print(shown(f"{rule.code} {rule.name}"))
    print(shown(f"severity: {rule.severity}    fixable: {'yes' if rule.fixable else 'no'}    origin: {rule.origin}"))
    print(shown(f"options: {options}"))
    if getattr(rule, "source", None):
        print(shown(f"source: {rule.source}"))
    print()
    print(shown(rule.doc(), keep="\n"))
    return EXIT_CLEAN
