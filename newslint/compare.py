"""``newslint compare A B ...``: the same articles from several extractors or scraper versions, side by side.

Each input (a file or a folder) is linted on its own, with the same rules. Its articles are joined
with the other inputs' by record id, or by URL (normalised: scheme, ``www.``, tracking parameters and
fragment do not matter) when the ids do not match; only articles present in every input are
compared, so that an input is not rewarded for dropping the pages it handles badly. For every input
the comparison gives the share of joined articles with a finding, per rule family and per rule, and
the share *cut short*: articles whose body has under 70% of the median word count of the same
article across the inputs (an extractor that loses half the article often leaves nothing a rule
can see). The cleanest input is the one with the smallest share of articles with a finding or cut
short (ties: fewer findings per article); inputs that tie on both are named as a tie, none of them
the cleanest (``"cleanest": null`` and ``"tied"`` in JSON).

Exit status: 0 when the comparison is printed (findings are its content), 2 for usage errors,
unreadable input or inputs with no article in common.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from newslint.article import Article
from newslint.violation import Violation

FAMILIES = {
    "NL0": "input problems", "NL1": "repetition", "NL2": "metadata", "NL3": "boilerplate and debris",
    "NL4": "encoding", "NL5": "length and readability", "NL6": "dataset (duplicates)",
}


def family_of(code: str) -> str:
    return code[:3] if code[:3] in FAMILIES else "other"


@dataclass
class InputResult:
    """One input's articles: join key -> the codes found on that article."""

    path: str
    articles: dict[str, Counter] = field(default_factory=dict)
    #: join key -> words in the body (by id, and by normalised URL)
    words: dict[str, int] = field(default_factory=dict)
    words_by_url: dict[str, int] = field(default_factory=dict)
    #: articles with neither an id nor a URL: not joinable (of articles sharing a key, the first is kept)
    unkeyed: int = 0
    #: articles read in all, and those whose key an earlier article of the input already had (not joined)
    read: int = 0
    repeated: int = 0
    input_errors: list[Violation] = field(default_factory=list)
    rule_names: dict[str, str] = field(default_factory=dict)


def _keys(article: Article) -> tuple[str | None, str | None]:
    from newslint.urlnorm import normalize_url

    rid = str(article.record_id).strip() if article.record_id not in (None, "") else None
    url = normalize_url(article.url) if isinstance(article.url, str) and article.url.strip() else None
    return rid, url


def lint_input(path: str, config: Any, registry: Any) -> tuple[InputResult, dict[str, Counter]]:
    """Lint one input; returns its articles keyed by id and, separately, keyed by URL.

    The body's word count is kept under both keys too (``result.words``, ``result.words_by_url``).
    """
    from newslint.engine import Linter, discover

    linter = Linter(config, registry)
    result = InputResult(path)
    by_id: dict[str, Counter] = {}
    by_url: dict[str, Counter] = {}
    where: dict[tuple[str, int, str | None], Counter] = {}

    def on_article(article: Article, violations: list[Violation]) -> None:
        codes = Counter(v.code for v in violations)
        rid, url = _keys(article)
        words = article.word_count
        result.read += 1
        if (rid is not None and rid in by_id) or (rid is None and url is not None and url in by_url):
            result.repeated += 1
        if rid is not None and rid not in by_id:
            by_id[rid] = codes
            result.words[rid] = words
        if url is not None and url not in by_url:
            by_url[url] = codes
            result.words_by_url[url] = words
        if rid is None and url is None:
            result.unkeyed += 1
        ref = None if article.record_id is None else str(article.record_id)
        where[(article.path, article.line, ref)] = codes
        for v in violations:
            result.rule_names[v.code] = v.name

    linter.on_article = on_article
    # the per-article findings were counted as each article was linted (on_article); the dataset
    # rules' come after every article and are attached here to the article they name
    dataset_codes = {code for code, rule in linter.registry.rules.items() if rule.scope == "dataset"}
    for v in linter.run(discover([path], linter.extensions, linter.config.exclude)):
        if v.is_input_error:
            result.input_errors.append(v)
            continue
        if v.code in dataset_codes:
            codes = where.get((v.path, v.line, v.record_id))
            if codes is not None:
                codes[v.code] += 1
                result.rule_names[v.code] = v.name
    result.articles = by_id
    return result, by_url


def join(results: list[tuple[InputResult, dict[str, Counter]]]) -> tuple[str, list[str]]:
    """The key the inputs are joined by (``id`` or ``url``) and the keys common to every input."""
    common_ids = set.intersection(*(set(r.articles) for r, _ in results)) if results else set()
    common_urls = set.intersection(*(set(u) for _, u in results)) if results else set()
    if len(common_ids) >= len(common_urls) and common_ids:
        return "id", sorted(common_ids)
    if common_urls:
        for r, urls in results:
            r.articles = urls
            r.words = r.words_by_url
        return "url", sorted(common_urls)
    return "id", []


SHORT_SHARE = 0.7


def summarise(results: list[InputResult], key: str, keys: list[str]) -> dict[str, Any]:
    """Per input: shares of the joined articles with findings, and with a body cut short.

    An article is *short* in an input when its body has fewer than 70% of the median word count of
    the same article over all inputs: a sign the extractor lost text, which no finding may show.
    """
    import statistics

    from newslint.engine import display_path

    n = len(keys)
    inputs = []
    medians = {k: statistics.median([r.words.get(k, 0) for r in results]) for k in keys}
    all_codes: set[str] = set()
    # inputs named as findings name files: one printable line of valid UTF-8 whatever the file is called
    for r, name in zip(results, display_names([display_path(r.path) for r in results]) if results else []):
        flagged = 0
        findings = 0
        rule_articles: Counter = Counter()
        family_articles: Counter = Counter()
        short = 0
        bad = 0
        for k in keys:
            codes = r.articles[k]
            is_short = r.words.get(k, 0) < SHORT_SHARE * medians[k]
            short += is_short
            bad += bool(codes) or is_short
            if codes:
                flagged += 1
            findings += sum(codes.values())
            rule_articles.update(set(codes))
            family_articles.update({family_of(c) for c in codes})
        all_codes |= set(rule_articles)
        inputs.append({
            "path": display_path(r.path),
            "name": name,
            "articles": r.read,
            "joined": n,
            "not_joined": r.read - n,
            "repeated_keys": r.repeated,
            "with_findings": flagged,
            "share_with_findings": round(flagged / n, 4) if n else 0.0,
            "findings_per_article": round(findings / n, 4) if n else 0.0,
            "median_words": statistics.median([r.words.get(k, 0) for k in keys]) if n else 0,
            "short": short,
            "share_short": round(short / n, 4) if n else 0.0,
            "share_with_findings_or_short": round(bad / n, 4) if n else 0.0,
            "families": {f: {"articles": family_articles[f], "share": round(family_articles[f] / n, 4) if n else 0.0}
                         for f in sorted(family_articles)},
            "rules": {c: {"name": r.rule_names.get(c, ""), "articles": rule_articles[c],
                          "share": round(rule_articles[c] / n, 4) if n else 0.0} for c in sorted(rule_articles)},
            "input_errors": len(r.input_errors),
        })
    cleanest, tied = None, []
    if inputs and n:
        def rank(d: dict[str, Any]) -> tuple[float, float]:
            return (d["share_with_findings_or_short"], d["findings_per_article"])

        best = min(rank(d) for d in inputs)
        tied = [d["name"] for d in inputs if rank(d) == best]
        if len(tied) == 1:  # inputs that tie on both measures: none is named the cleanest
            cleanest, tied = tied[0], []
    return {"key": key, "joined": n, "inputs": inputs, "cleanest": cleanest, "tied": tied}


def cleanest_phrase(summary: dict[str, Any]) -> str:
    """The cleanest input for a one-line message: its name, "none, a tie between ..." or "none"."""
    if summary["cleanest"] is not None:
        return summary["cleanest"]
    tied = summary.get("tied") or []
    return f"none, a tie between {', '.join(tied)}" if tied else "none"


def display_names(paths: list[str]) -> list[str]:
    """The shortest trailing parts of the paths that tell them apart (``a/goose3.jsonl`` -> ``goose3.jsonl``)."""
    import os

    parts = [os.path.normpath(p).split(os.sep) for p in paths]
    depth = 1
    while depth < max(len(p) for p in parts):
        names = ["/".join(p[-depth:]) for p in parts]
        if len(set(names)) == len(names):
            return names
        depth += 1
    return [os.path.normpath(p) for p in paths]


def _pct(x: float) -> str:
    return f"{100 * x:.1f}%"


def render_text(summary: dict[str, Any]) -> str:
    inputs = summary["inputs"]
    names = [d["name"] for d in inputs]
    label_w = 34
    col_w = max(9, *(len(n) for n in names)) + 2
    lines = [f"{summary['joined']} articles joined by {summary['key']} across {len(inputs)} inputs", ""]

    def row(label: str, cells: list[str]) -> str:
        return label[:label_w].ljust(label_w) + "".join(c.rjust(col_w) for c in cells)

    lines.append(row("", names))
    lines.append(row("articles read", [str(d["articles"]) for d in inputs]))
    lines.append(row("not joined", [str(d["not_joined"]) for d in inputs]))
    if any(d["repeated_keys"] for d in inputs):  # a second record under one id is read, never joined
        lines.append(row("  with an id already read", [str(d["repeated_keys"]) for d in inputs]))
    lines.append(row("articles with a finding", [_pct(d["share_with_findings"]) for d in inputs]))
    lines.append(row("findings per article", [f"{d['findings_per_article']:.2f}" for d in inputs]))
    lines.append(row("median words", [f"{d['median_words']:g}" for d in inputs]))
    lines.append(row("cut short (< 70% of the median)", [_pct(d["share_short"]) for d in inputs]))
    lines.append(row("with a finding or cut short", [_pct(d["share_with_findings_or_short"]) for d in inputs]))
    families = sorted({f for d in inputs for f in d["families"]})
    if families:
        lines += ["", "by family (share of articles)"]
        for f in families:
            label = f"  {f} {FAMILIES.get(f, '')}".rstrip()
            lines.append(row(label, [_pct(d["families"].get(f, {}).get("share", 0.0)) for d in inputs]))
    codes = sorted({c for d in inputs for c in d["rules"]})
    if codes:
        lines += ["", "by rule (share of articles)"]
        for c in codes:
            name = next((d["rules"][c]["name"] for d in inputs if c in d["rules"]), "")
            lines.append(row(f"  {c} {name}", [_pct(d["rules"].get(c, {}).get("share", 0.0)) for d in inputs]))
    lines.append("")
    if summary["cleanest"] is not None or summary.get("tied"):
        best = next(d for d in inputs if d["name"] == (summary["cleanest"] or summary["tied"][0]))
        lines.append(f"cleanest: {cleanest_phrase(summary)} ({_pct(best['share_with_findings_or_short'])} of articles "
                     "with a finding or cut short)")
    return "\n".join(lines) + "\n"


def render_json(summary: dict[str, Any]) -> str:
    from newslint._version import __version__

    return json.dumps({"tool": {"name": "newslint", "version": __version__}, **summary}, ensure_ascii=False, indent=2) + "\n"


def render_html(summary: dict[str, Any], title: str = "newslint comparison") -> str:
    """A self-contained page: the comparison table, each share drawn as a bar."""
    import html

    e = html.escape
    inputs = summary["inputs"]
    head = "".join(f"<th title=\"{e(d['path'])}\">{e(d['name'])}</th>" for d in inputs)

    def bar_cells(values: list[float]) -> str:
        best = min(values) if values else 0.0
        out = []
        for v in values:
            cls = ' class="best"' if v == best and len(values) > 1 else ""
            out.append(f'<td{cls}><div class="bar"><span style="width:{100 * v:.1f}%"></span></div>{_pct(v)}</td>')
        return "".join(out)

    def plain_cells(values: list[str]) -> str:
        return "".join(f"<td>{v}</td>" for v in values)

    rows = [f"<tr><th>articles read</th>{plain_cells([str(d['articles']) for d in inputs])}</tr>",
            f"<tr><th>not joined</th>{plain_cells([str(d['not_joined']) for d in inputs])}</tr>",
            f"<tr><th>articles with a finding</th>{bar_cells([d['share_with_findings'] for d in inputs])}</tr>",
            f"<tr><th>findings per article</th>{plain_cells([format(d['findings_per_article'], '.2f') for d in inputs])}</tr>",
            f"<tr><th>median words</th>{plain_cells([format(d['median_words'], 'g') for d in inputs])}</tr>",
            f"<tr><th>cut short (&lt; 70% of the median)</th>{bar_cells([d['share_short'] for d in inputs])}</tr>",
            f"<tr><th>with a finding or cut short</th>{bar_cells([d['share_with_findings_or_short'] for d in inputs])}</tr>"]
    for f in sorted({f for d in inputs for f in d["families"]}):
        rows.append(f'<tr class="fam"><th>{e(f)} {e(FAMILIES.get(f, ""))}</th>'
                    f"{bar_cells([d['families'].get(f, {}).get('share', 0.0) for d in inputs])}</tr>")
    for c in sorted({c for d in inputs for c in d["rules"]}):
        name = next((d["rules"][c]["name"] for d in inputs if c in d["rules"]), "")
        rows.append(f'<tr class="rule"><th><code>{e(c)}</code> {e(name)}</th>'
                    f"{bar_cells([d['rules'].get(c, {}).get('share', 0.0) for d in inputs])}</tr>")
    if summary["cleanest"] is not None:
        cleanest = (f"<p>Cleanest: <b>{e(summary['cleanest'])}</b> (the smallest share of articles with a finding or a "
                    "body cut short).</p>")
    elif summary.get("tied"):
        cleanest = (f"<p>No input is the cleanest: {e(', '.join(summary['tied']))} tie (the same share of articles with a "
                    "finding or a body cut short, and the same findings per article).</p>")
    else:
        cleanest = "<p>No article is in every input.</p>"
    css = ("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}"
           "th,td{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:right}th{text-align:left}"
           "thead th{text-align:right}tr.rule th{font-weight:normal;padding-left:2em}"
           ".bar{display:inline-block;width:6em;height:.7em;background:#eee;margin-right:.5em}"
           ".bar span{display:block;height:100%;background:#c62828}td.best{background:#e8f5e9}")
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{e(title)}</title>"
            f"<style>{css}</style></head><body><h1>{e(title)}</h1>"
            f"<p>{summary['joined']} articles joined by {e(summary['key'])} across {len(inputs)} inputs; "
            f"shares are of the joined articles.</p>{cleanest}"
            f"<table><thead><tr><th></th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "</body></html>\n")


def compare(paths: list[str], config: Any = None, registry: Any = None) -> tuple[dict[str, Any], list[Violation]]:
    """Lint and join ``paths``; returns the summary and the input errors met."""
    from newslint.plugins import build_registry

    registry = registry or build_registry()
    linted = [lint_input(p, config, registry) for p in paths]
    key, keys = join(linted)
    results = [r for r, _ in linted]
    errors = [v for r in results for v in r.input_errors]
    return summarise(results, key, keys), errors


def build_parser(registry: Any) -> Any:
    from newslint.cmdline import Parser as _Parser
    from newslint.cmdline import csv_list as _csv

    p = _Parser(prog="newslint compare",
                description="Compare datasets of the same articles (extractors, scraper versions): per input, the "
                            "share of articles with each kind of finding, and the cleanest input.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="two or more files or folders, one per extractor")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--html", metavar="FILE", help="also write the comparison as a self-contained HTML page")
    p.add_argument("--output-file", metavar="FILE", help="write the comparison to FILE instead of standard output")
    p.add_argument("--select", type=_csv, action="extend", metavar="CODES")
    p.add_argument("--ignore", type=_csv, action="extend", default=[], metavar="CODES")
    p.add_argument("--extend-select", type=_csv, action="extend", default=[], metavar="CODES")
    p.add_argument("--field", action="append", default=[], metavar="FIELD=KEY")
    p.add_argument("--exclude", type=_csv, action="extend", default=[], metavar="GLOBS")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: the one the lint finds for PATH)")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    return p


def _compare_args(args: Any, registry: Any, prog: str) -> tuple[dict, list] | None:
    """:func:`compare` on parsed command-line options; input problems are printed on stderr.
    None (after a one-line error) when the options are wrong."""
    from newslint.config import ConfigError
    from newslint.configfile import subcommand_config
    from newslint.readers import FieldMapError

    try:
        config = subcommand_config(args)
        summary, errors = compare(args.paths, config, registry)
    except (ConfigError, FieldMapError) as exc:
        print(f"{prog}: error: {exc}", file=sys.stderr)
        return None
    from newslint.formatting.text import format_line

    for v in errors:  # as the text format writes them: one line, whatever the input holds
        print(format_line(v), file=sys.stderr)
    return summary, errors


def _overwrites(args: Any, registry: Any, outputs: list[tuple[str | None, str]], prog: str) -> bool:
    """Whether an output file of the comparison is one of its inputs (said on standard error)."""
    from newslint.engine import overwritten_input

    clash = overwritten_input(args.paths, outputs, list(registry.readers), args.exclude)
    if clash is not None:
        print(f"{prog}: error: {clash}", file=sys.stderr)
    return clash is not None


def _nothing_joined(summary: dict[str, Any]) -> str:
    """Why no article was compared: an input that gave none (unreadable, missing, empty), or ids
    and URLs that match nowhere."""
    empty = [d["path"] for d in summary["inputs"] if not d["articles"]]
    if empty:
        return (f"nothing to compare: {', '.join(empty)} gave no article (see the errors above, if any); "
                "every input must hold the articles to join")
    return "the inputs have no article in common (by id or by URL)"


def cmd_compare(argv: list[str], registry: Any) -> int:
    from newslint.cmdline import EXIT_CLEAN, EXIT_ERROR

    args = build_parser(registry).parse_args(argv)
    if len(args.paths) < 2:
        print("newslint compare: error: give at least two inputs to compare", file=sys.stderr)
        return EXIT_ERROR
    if _overwrites(args, registry, [(args.output_file, "--output-file"), (args.html, "--html")], "newslint compare"):
        return EXIT_ERROR
    ran = _compare_args(args, registry, "newslint compare")
    if ran is None:
        return EXIT_ERROR
    summary, errors = ran
    text = render_json(summary) if args.format == "json" else render_text(summary)
    try:
        if args.output_file:
            with open(args.output_file, "w", encoding="utf-8") as fh:
                fh.write(text)
        else:
            sys.stdout.write(text)
        if args.html:
            with open(args.html, "w", encoding="utf-8") as fh:
                fh.write(render_html(summary))
    except OSError as exc:
        print(f"newslint compare: error: cannot write {exc.filename}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    if summary["joined"] == 0:
        print(f"newslint compare: error: {_nothing_joined(summary)}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_ERROR if errors else EXIT_CLEAN


def cmd_compare_html(args: Any, registry: Any) -> int:
    """``newslint report --compare PATHS --html FILE``: the comparison as an HTML page."""
    from newslint.cmdline import EXIT_CLEAN, EXIT_ERROR

    if len(args.paths) < 2:
        print("newslint report: error: --compare needs at least two inputs", file=sys.stderr)
        return EXIT_ERROR
    if _overwrites(args, registry, [(args.html, "--html")], "newslint report"):
        return EXIT_ERROR
    ran = _compare_args(args, registry, "newslint report")
    if ran is None:
        return EXIT_ERROR
    summary, errors = ran
    title = args.title if args.title != "newslint report" else "newslint comparison"
    try:
        with open(args.html, "w", encoding="utf-8") as fh:
            fh.write(render_html(summary, title))
    except OSError as exc:
        print(f"newslint report: error: cannot write {args.html}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    print(f"newslint: wrote {args.html}: {summary['joined']} articles joined by {summary['key']} across "
          f"{len(args.paths)} inputs; cleanest: {cleanest_phrase(summary)}", file=sys.stderr)
    if summary["joined"] == 0:
        print(f"newslint report: error: {_nothing_joined(summary)}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_ERROR if errors else EXIT_CLEAN
