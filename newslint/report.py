"""``newslint report PATHS --html report.html``: one self-contained HTML page about a dataset.

The page has no network assets (inline CSS, inline SVG charts, no scripts). It shows:

* the health figure: the share of articles with no error-level finding from the per-article rules
  (dataset-level findings, such as duplicates across files, are counted in the charts and tables);
* findings per rule and per source domain (``Article.domain``, else the URL's host);
* distributions of article length (words) and of Flesch reading ease (English articles only; the
  languages seen are listed);
* the paragraphs most repeated across the dataset, counted in articles, in bounded memory;
* the worst articles, with their file, line and record;
* the documentation of every rule that fired, which the rules table links to inside the page, so
  the links work wherever the file is opened (a rule with its own absolute ``doc_url`` is linked
  there as well).

Memory stays bounded on large datasets: paragraph counts live in a capped table that drops
paragraphs seen only once when it fills up (so counts of paragraphs first seen after a pruning can
be low by the number of pruned sightings: the page says so when it happened), and only the top
articles are kept.
"""

from __future__ import annotations

import argparse
import heapq
import html
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from newslint._version import __version__
from newslint.article import Article
from newslint.rule import shorten
from newslint.violation import SEVERITY_RANK, Violation, shown

LENGTH_BINS = (0, 50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000)
EASE_BINS = (-1e9, 0, 30, 50, 60, 70, 80, 90, 100)
EASE_LABELS = ("< 0", "0–30", "30–50", "50–60", "60–70", "70–80", "80–90", "90–100", "> 100")
SCORE = {"error": 10, "warning": 3, "info": 1}
COLOURS = {"error": "#c62828", "warning": "#ef8f00", "info": "#1f77b4"}
MIN_REPEAT_CHARS = 12


def domain_of(article: Article) -> str:
    if article.domain:
        host = article.domain.strip().lower()
    elif article.url:
        try:
            host = (urlsplit(article.url.strip()).hostname or "").lower()
        except ValueError:
            host = ""
    else:
        host = ""
    host = host[4:] if host.startswith("www.") else host
    # a host name has at most 253 characters: a longer "domain" field is page text, shown cut
    return shorten(host, 253) if len(host) > 253 else host or "(no domain)"


def histogram(bins: Sequence[float], values_counter: Counter) -> list[int]:
    return [values_counter.get(i, 0) for i in range(len(bins))]


def bin_index(bins: Sequence[float], value: float) -> int:
    idx = 0
    for i, edge in enumerate(bins):
        if value >= edge:
            idx = i
    return idx


@dataclass(order=True)
class WorstArticle:
    score: int
    seq: int
    path: str = field(compare=False)
    line: int = field(compare=False)
    record: str | None = field(compare=False)
    title: str | None = field(compare=False)
    url: str | None = field(compare=False)
    domain: str = field(compare=False)
    words: int = field(compare=False)
    findings: list[tuple[str, str, str]] = field(compare=False)  # severity, code, message


class ReportData:
    """Everything the page shows, gathered article by article in bounded memory."""

    def __init__(self, top: int = 20, paragraph_cap: int = 200_000) -> None:
        self.top = top
        self.paragraph_cap = paragraph_cap
        self.articles = 0
        self.healthy = 0
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.rule_severity: dict[str, str] = {}
        self.rule_name: dict[str, str] = {}
        self.rule_articles: Counter = Counter()
        self.domain_articles: Counter = Counter()
        self.domain_findings: Counter = Counter()
        self.domain_unhealthy: Counter = Counter()
        self.lengths: Counter = Counter()
        self.ease: Counter = Counter()
        self.ease_values = 0
        self.ease_sum = 0.0
        self.languages: Counter = Counter()
        self.paragraphs: Counter = Counter()
        self.paragraph_text: dict[bytes, tuple[str, str]] = {}
        self.pruned = False
        self.worst: list[WorstArticle] = []
        self.dataset_findings: Counter = Counter()
        #: the first 50 input problems, for examples; ``input_error_count`` counts them all
        self.input_errors: list[Violation] = []
        self.input_error_count = 0
        self.files: set[str] = set()

    # ------------------------------------------------------------------ collection
    def add_article(self, article: Article, violations: list[Violation]) -> None:
        from newslint.readability import flesch_reading_ease

        self.articles += 1
        self.files.add(article.path)
        dom = domain_of(article)
        self.domain_articles[dom] += 1
        errors = 0
        for v in violations:
            self.add_finding(v)
            self.domain_findings[dom] += 1
            errors += v.severity == "error"
        for code in {v.code for v in violations}:
            self.rule_articles[code] += 1
        if errors:
            self.domain_unhealthy[dom] += 1
        else:
            self.healthy += 1
        words = article.word_count
        self.lengths[bin_index(LENGTH_BINS, words)] += 1
        lang = article.language
        self.languages[lang] += 1
        if lang == "en" and words >= 30:
            ease = flesch_reading_ease(article.text)
            if ease is not None:
                self.ease[bin_index(EASE_BINS, ease)] += 1
                self.ease_values += 1
                self.ease_sum += ease
        self.count_paragraphs(article)
        if violations:
            score = sum(SCORE.get(v.severity, 1) for v in violations)
            ordered = sorted(violations, key=lambda v: (-SEVERITY_RANK.get(v.severity, 0), v.line, v.code))
            item = WorstArticle(
                score, -self.articles, article.path, article.line,
                article.record_id if article.record_id is not None else (
                    f"#{article.record_index}" if article.record_index is not None else None),
                # a scraped title or url can be a whole page: the report shows a line of each
                shorten(article.title, 300) if article.title else article.title,
                shorten(article.url, 300) if article.url else article.url, dom, words,
                [(v.severity, v.code, v.message) for v in ordered[:6]] + (
                    [("info", "", f"… and {len(ordered) - 6} more")] if len(ordered) > 6 else []),
            )
            if len(self.worst) < self.top:
                heapq.heappush(self.worst, item)
            elif item > self.worst[0]:
                heapq.heapreplace(self.worst, item)

    def add_finding(self, v: Violation) -> None:
        self.by_severity[v.severity] += 1
        self.by_rule[v.code] += 1
        self.rule_severity.setdefault(v.code, v.severity)
        self.rule_name.setdefault(v.code, v.name)

    def add_other(self, v: Violation) -> None:
        """A finding not tied to one linted article: dataset rules and unreadable input."""
        self.add_finding(v)
        if v.is_input_error:
            self.input_error_count += 1
            if len(self.input_errors) < 50:
                self.input_errors.append(v)
        else:
            self.dataset_findings[v.code] += 1

    def count_paragraphs(self, article: Article) -> None:
        """Count each distinct paragraph once per article."""
        counts = self.paragraphs
        firsts: dict[bytes, int] = {}
        for i, (h, norm) in enumerate(zip(article.paragraph_hashes, article.normalized)):
            if h not in firsts and len(norm) >= MIN_REPEAT_CHARS:
                firsts[h] = i
        for h, i in firsts.items():
            n = counts[h] + 1
            counts[h] = n
            if n == 2 and h not in self.paragraph_text:
                p = article.paragraphs[i]
                self.paragraph_text[h] = (shorten(p.text, 220), f"{article.path}:{p.line}")
        if len(counts) > self.paragraph_cap:
            self.pruned = True
            for h in [h for h, n in counts.items() if n <= 1]:
                del counts[h]
            if len(counts) > self.paragraph_cap // 2:  # still full: keep the most frequent half
                keep = dict(counts.most_common(self.paragraph_cap // 2))
                counts.clear()
                counts.update(keep)
            for h in [h for h in self.paragraph_text if h not in counts]:
                del self.paragraph_text[h]

    # ------------------------------------------------------------------ results
    def repeated(self, n: int = 15) -> list[tuple[int, str, str]]:
        out = []
        for h, count in self.paragraphs.most_common():
            if count < 2 or len(out) >= n:
                break
            text, where = self.paragraph_text.get(h, ("", ""))
            out.append((count, text, where))
        return out

    @property
    def health(self) -> float:
        return 100.0 * self.healthy / self.articles if self.articles else 100.0


# ---------------------------------------------------------------------- SVG charts
#: characters a page must not carry as they are: C0 controls but tab and line breaks, DEL and the C1
#: controls, the noncharacters (U+FFFE, U+FDD0...) and lone surrogates (a --title argument that is
#: not UTF-8; no encoder takes them): all are HTML parse errors, NUL among them; and the
#: bidirectional embeddings, overrides and isolates (a title's U+202E would reverse the rest of its
#: line on screen)
_UNSHOWN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufdd0-\ufdef"
                      + "".join(f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17)) + "]")


def _e(text: Any) -> str:
    """``text`` escaped for HTML, with the characters of :data:`_UNSHOWN` written as ``<U+202E>``."""
    return _UNSHOWN.sub(lambda m: f"&lt;U+{ord(m.group()):04X}&gt;", html.escape(str(text), quote=True))


def hbar_chart(title: str, rows: list[tuple[str, float, str, str]], width: int = 560, unit: str = "") -> str:
    """Horizontal bars: rows of (label, value, colour, tooltip)."""
    if not rows:
        return f'<p class="empty">No data for “{_e(title)}”.</p>'
    label_w, bar_h, gap, right = 190, 20, 8, 60
    height = len(rows) * (bar_h + gap) + gap
    top = max(v for _, v, _, _ in rows) or 1
    span = width - label_w - right
    parts = [
        f'<svg class="chart hbar" role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>'
    ]
    for i, (label, value, colour, tip) in enumerate(rows):
        y = gap + i * (bar_h + gap)
        w = max(span * value / top, 1.5 if value else 0)
        short = label if len(label) <= 26 else label[:25] + "…"
        parts.append(
            f'<g><title>{_e(tip)}</title>'
            f'<text x="{label_w - 8}" y="{y + bar_h * 0.72:.1f}" text-anchor="end" class="lbl">{_e(short)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="3" fill="{colour}"/>'
            f'<text x="{label_w + w + 6:.1f}" y="{y + bar_h * 0.72:.1f}" class="val">{_e(_num(value))}{_e(unit)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(title: str, labels: Sequence[str], values: Sequence[int], colour: str, width: int = 560,
                 x_title: str = "") -> str:
    """A histogram: one column per bin."""
    if not any(values):
        return f'<p class="empty">No data for “{_e(title)}”.</p>'
    height, bottom, left, topm = 230, 46, 40, 18
    plot_h = height - bottom - topm
    n = len(values)
    slot = (width - left - 10) / n
    top = max(values) or 1
    parts = [
        f'<svg class="chart hist" role="img" aria-label="{_e(title)}" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><title>{_e(title)}</title>',
        f'<line x1="{left}" y1="{topm + plot_h}" x2="{width - 10}" y2="{topm + plot_h}" class="axis"/>',
    ]
    for i, (label, value) in enumerate(zip(labels, values)):
        h = plot_h * value / top
        x = left + i * slot
        parts.append(
            f'<g><title>{_e(label)}: {value}</title>'
            f'<rect x="{x + 3:.1f}" y="{topm + plot_h - h:.1f}" width="{slot - 6:.1f}" height="{h:.1f}" rx="2" fill="{colour}"/>'
            + (f'<text x="{x + slot / 2:.1f}" y="{topm + plot_h - h - 4:.1f}" text-anchor="middle" class="val">{value}</text>' if value else "")
            + f'<text x="{x + slot / 2:.1f}" y="{topm + plot_h + 15}" text-anchor="middle" class="tick">{_e(label)}</text></g>'
        )
    if x_title:
        parts.append(f'<text x="{(left + width) / 2:.1f}" y="{height - 6}" text-anchor="middle" class="axis-title">{_e(x_title)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def donut(percent: float, colour: str, size: int = 150) -> str:
    r, c = 58, size / 2
    circ = 2 * 3.14159265 * r
    dash = circ * percent / 100
    return (
        f'<svg class="chart donut" role="img" aria-label="health {percent:.1f}%" viewBox="0 0 {size} {size}" width="{size}" '
        f'height="{size}" xmlns="http://www.w3.org/2000/svg"><title>Articles without errors: {percent:.1f}%</title>'
        f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="#e6e8ee" stroke-width="16"/>'
        f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="{colour}" stroke-width="16" stroke-linecap="round" '
        f'stroke-dasharray="{dash:.2f} {circ:.2f}" transform="rotate(-90 {c} {c})"/>'
        f'<text x="{c}" y="{c + 9}" text-anchor="middle" class="donut-val">{percent:.0f}%</text></svg>'
    )


def _num(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _health_colour(p: float) -> str:
    return "#2e7d32" if p >= 90 else "#ef8f00" if p >= 70 else "#c62828"


CSS = """
:root{--ink:#1d2330;--mute:#5f6b7a;--line:#e3e6ec;--bg:#f6f7f9;--card:#fff}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#1d2330;color:#fff;padding:22px 40px}header h1{margin:0;font-size:24px;font-weight:650}
header p{margin:4px 0 0;color:#c3cad6;font-size:13px}main{max-width:1200px;margin:0 auto;padding:24px 40px 60px}
h2{font-size:18px;margin:0 0 12px}section{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:20px 24px;margin:0 0 20px}
.grid{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:20px}svg.chart{max-width:100%;height:auto;display:block}.grid section{margin:0}.row{margin-bottom:20px}
.health{display:flex;gap:32px;align-items:center}.cards{display:grid;grid-template-columns:repeat(4,minmax(120px,1fr));gap:14px;flex:1}
.card{border:1px solid var(--line);border-radius:8px;padding:12px 14px}.card b{display:block;font-size:24px;font-weight:650}
.card span{color:var(--mute);font-size:13px}.err{color:#c62828}.warn{color:#b86e00}.inf{color:#1f77b4}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;fill:var(--ink)}svg .val{fill:var(--mute)}svg .tick{fill:var(--mute);font-size:11px}
svg .axis{stroke:#b9c0cc}svg .axis-title{fill:var(--mute)}svg .donut-val{font-size:30px;font-weight:700}
table{border-collapse:collapse;width:100%;font-size:14px}th{text-align:left;font-weight:600;color:var(--mute);border-bottom:2px solid var(--line);padding:6px 8px}
td{border-bottom:1px solid var(--line);padding:6px 8px;vertical-align:top}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
code{font:13px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f0f2f5;padding:1px 4px;border-radius:4px}
.sev{display:inline-block;min-width:62px;font-size:12px;font-weight:600;border-radius:10px;padding:0 8px;text-align:center;color:#fff}
.sev.error{background:#c62828}.sev.warning{background:#ef8f00}.sev.info{background:#1f77b4}
.quote{font-style:italic;color:#333}.where{color:var(--mute);font-size:12px}.empty{color:var(--mute)}
ul.f{margin:0;padding-left:18px}ul.f li{margin:1px 0}.note{color:var(--mute);font-size:13px;margin:8px 0 0}
.ruledoc{border-top:1px solid var(--line);padding:10px 0 4px}.ruledoc h3{font-size:15px;margin:0 0 4px}.ruledoc:target{background:#fff8e1}
.ruledoc pre{white-space:pre-wrap;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:6px 0 0;color:#333}
.legend span{display:inline-block;margin-right:14px;font-size:13px;color:var(--mute)}.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px}
"""


def doc_anchor(code: str) -> str:
    """The id of a rule's documentation in the page: ``nl101``."""
    return code.lower()


def _doc_links(code: str, rule: type | None) -> str:
    """A link to the rule's documentation in this page, and to its own page when it has one."""
    links = [f'<a href="#{_e(doc_anchor(code))}">{_e(code)} docs</a>']
    url = getattr(rule, "doc_url", None) if rule is not None else None
    if url and "://" in url:
        links.append(f'<a href="{_e(url)}">{_e(url)}</a>')
    return " · ".join(links)


def _rule_doc(code: str, name: str, rule: type | None) -> str:
    """A rule's documentation as a section of the page, the target of the rules table's links."""
    doc = rule.doc() if rule is not None else ""
    body = f"<pre>{_e(doc)}</pre>" if doc else '<p class="empty">This rule is not installed here: no documentation.</p>'
    where = f'<p class="where">origin: {_e(getattr(rule, "origin", "unknown"))}</p>' if rule is not None else ""
    return f'<article class="ruledoc" id="{_e(doc_anchor(code))}"><h3><code>{_e(code)}</code> {_e(name)}</h3>{where}{body}</article>'


def render_html(data: ReportData, inputs: Sequence[str], rules: dict[str, type], title: str = "newslint report") -> str:
    health = data.health
    sev = data.by_severity
    total = sum(sev.values())
    lang_text = ", ".join(f"{lang} {n}" for lang, n in data.languages.most_common(6)) or "none"
    cards = "".join(
        f'<div class="card"><b class="{cls}">{_e(value)}</b><span>{_e(label)}</span></div>'
        for value, label, cls in (
            (f"{data.articles:,}", "articles", ""),
            (f"{len(data.files):,}", "files", ""),
            (f"{total:,}", "findings", ""),
            (f"{data.articles - data.healthy:,}", "articles with errors", "err"),
            (f"{sev.get('error', 0):,}", "errors", "err"),
            (f"{sev.get('warning', 0):,}", "warnings", "warn"),
            (f"{sev.get('info', 0):,}", "info", "inf"),
            (f"{data.ease_sum / data.ease_values:.0f}" if data.ease_values else "–", "mean reading ease (en)", ""),
        )
    )
    rule_rows = [
        (f"{code} {data.rule_name.get(code, '')}", n, COLOURS.get(data.rule_severity.get(code, "warning"), "#888"),
         f"{code} {data.rule_name.get(code, '')}: {n} findings")
        for code, n in sorted(data.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
    ][:20]
    domains = sorted(data.domain_articles, key=lambda d: (-data.domain_findings[d], -data.domain_articles[d], d))[:15]
    domain_rows = [
        (d, data.domain_findings[d], "#6a51a3",
         f"{d}: {data.domain_findings[d]} findings in {data.domain_articles[d]} articles, "
         f"{data.domain_unhealthy[d]} with errors")
        for d in domains
    ]
    length_labels = [f"<{b:,}" for b in LENGTH_BINS[1:]] + [f"≥{LENGTH_BINS[-1]:,}"]
    length_chart = column_chart("Article length in words", length_labels, histogram(LENGTH_BINS, data.lengths),
                                "#2a9d8f", x_title="words in the body")
    ease_chart = column_chart("Flesch reading ease (English articles)", EASE_LABELS, histogram(EASE_BINS, data.ease),
                              "#e76f51", x_title="Flesch reading ease: higher is easier")

    rule_table = "".join(
        f"<tr><td><code>{_e(code)}</code></td><td>{_e(data.rule_name.get(code, ''))}</td>"
        f'<td><span class="sev {_e(data.rule_severity.get(code, "warning"))}">{_e(data.rule_severity.get(code, ""))}</span></td>'
        f'<td class="num">{n:,}</td><td class="num">{data.rule_articles.get(code, 0):,}</td>'
        f'<td class="num">{100 * data.rule_articles.get(code, 0) / max(data.articles, 1):.1f}%</td>'
        f"<td>{_doc_links(code, rules.get(code))}</td></tr>"
        for code, n in sorted(data.by_rule.items())
    )
    rule_docs = "".join(_rule_doc(code, data.rule_name.get(code, ""), rules.get(code)) for code in sorted(data.by_rule))
    domain_table = "".join(
        f"<tr><td>{_e(d)}</td><td class=\"num\">{data.domain_articles[d]:,}</td>"
        f'<td class="num">{data.domain_findings[d]:,}</td>'
        f'<td class="num">{100 * (data.domain_articles[d] - data.domain_unhealthy[d]) / data.domain_articles[d]:.0f}%</td></tr>'
        for d in domains
    )
    repeated = data.repeated()
    rep_table = "".join(
        f'<tr><td class="num">{n:,}</td><td><span class="quote">{_e(text)}</span>'
        f'<div class="where">first repeated at {_e(where)}</div></td></tr>'
        for n, text, where in repeated
    )
    worst = sorted(data.worst, reverse=True)
    worst_table = "".join(
        f'<tr><td class="num">{w.score}</td><td><b>{_e(w.title or "(no title)")}</b>'
        f'<div class="where">{_e(w.path)}:{w.line}{_e(" · record " + w.record if w.record else "")}'
        f'{_e(" · " + w.domain)} · {w.words:,} words</div></td><td><ul class="f">'
        + "".join(
            f'<li><span class="sev {_e(s)}">{_e(s)}</span> <code>{_e(c)}</code> {_e(m)}</li>' if c else f"<li>{_e(m)}</li>"
            for s, c, m in w.findings
        )
        + "</ul></td></tr>"
        for w in worst
    )
    notes = []
    if data.dataset_findings:
        notes.append("Dataset-level findings (across articles): " + ", ".join(
            f"{c} × {n}" for c, n in sorted(data.dataset_findings.items())) + "; they are in the rule chart, not in the health figure.")
    if data.input_errors:
        notes.append(f"{data.input_error_count:,} input problem(s) could not be read, e.g. "
                     + "; ".join(f"{v.path}:{v.line}: {v.code} {v.message}" for v in data.input_errors[:3]))
    if data.pruned:
        notes.append("The dataset has more distinct paragraphs than the counting table holds: counts of "
                     "repeated paragraphs are lower bounds.")
    notes_html = "".join(f'<p class="note">{_e(n)}</p>' for n in notes)
    legend = '<div class="legend">' + "".join(
        f'<span><i style="background:{c}"></i>{s}</span>' for s, c in COLOURS.items()) + "</div>"
    from newslint.engine import display_path

    inputs_text = ", ".join(display_path(p) for p in inputs)  # as findings name them
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newslint {_e(__version__)}"><title>{_e(title)}</title><style>{CSS}</style></head>
<body><header><h1>{_e(title)}</h1><p>newslint {_e(__version__)} · {_e(inputs_text)}</p></header><main>
<section id="health"><h2>Health</h2><div class="health">{donut(health, _health_colour(health))}
<div><div class="cards">{cards}</div><p class="note"><b>{health:.1f}%</b> of articles have no error-level finding.
Languages: {_e(lang_text)}.</p>{notes_html}</div></div></section>
<div class="grid row"><section id="rules-chart"><h2>Findings per rule</h2>{legend}{hbar_chart("Findings per rule", rule_rows)}</section>
<section id="domains-chart"><h2>Findings per source domain</h2>{hbar_chart("Findings per source domain", domain_rows)}</section></div>
<div class="grid row"><section id="length"><h2>Article length</h2>{length_chart}</section>
<section id="readability"><h2>Readability</h2>{ease_chart}<p class="note">Flesch reading ease of {data.ease_values:,} English articles of 30 words or more; other languages are not scored.</p></section></div>
<section id="rules"><h2>Rules</h2><table class="rules"><thead><tr><th>code</th><th>name</th><th>severity</th><th class="num">findings</th><th class="num">articles</th><th class="num">share</th><th>docs</th></tr></thead>
<tbody>{rule_table or '<tr><td colspan="7" class="empty">No findings.</td></tr>'}</tbody></table></section>
<section id="rule-docs"><h2>Rule documentation</h2><p class="note">What each rule that fired flags, why it matters and what its fix does (also printed by <code>newslint rule CODE</code>).</p>
{rule_docs or '<p class="empty">No findings.</p>'}</section>
<section id="domains"><h2>Source domains</h2><table class="domains"><thead><tr><th>domain</th><th class="num">articles</th><th class="num">findings</th><th class="num">without errors</th></tr></thead>
<tbody>{domain_table}</tbody></table></section>
<section id="repeated"><h2>Most repeated paragraphs</h2><table class="repeated"><thead><tr><th class="num">articles</th><th>paragraph</th></tr></thead>
<tbody>{rep_table or '<tr><td colspan="2" class="empty">No paragraph appears in more than one article.</td></tr>'}</tbody></table></section>
<section id="worst"><h2>Worst articles</h2><table class="worst"><thead><tr><th class="num">score</th><th>article</th><th>findings</th></tr></thead>
<tbody>{worst_table or '<tr><td colspan="3" class="empty">No findings.</td></tr>'}</tbody></table>
<p class="note">Score: 10 per error, 3 per warning, 1 per info finding.</p></section>
</main></body></html>
"""


# ---------------------------------------------------------------------- command
def build_parser(registry) -> argparse.ArgumentParser:
    from newslint.cmdline import Parser as _Parser
    from newslint.cmdline import csv_list as _csv

    p = _Parser(prog="newslint report", description="Write a self-contained HTML report on a dataset.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or directories to lint")
    p.add_argument("--html", required=True, metavar="FILE", help="write the HTML page to FILE")
    p.add_argument("--title", default="newslint report", help="the page's title")
    p.add_argument("--top", type=int, default=20, metavar="N", help="how many worst articles to list (default 20)")
    p.add_argument("--select", type=_csv, action="extend", metavar="CODES")
    p.add_argument("--ignore", type=_csv, action="extend", default=[], metavar="CODES")
    p.add_argument("--extend-select", type=_csv, action="extend", default=[], metavar="CODES")
    p.add_argument("--field", action="append", default=[], metavar="FIELD=KEY")
    p.add_argument("--exclude", type=_csv, action="extend", default=[], metavar="GLOBS")
    p.add_argument("--config", metavar="FILE", help="configuration file (default: the one the lint finds for PATH)")
    p.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    p.add_argument("--no-progress", action="store_true")
    p.add_argument("--compare", action="store_true",
                   help="one column per PATH: the same articles from several extractors side by side (as newslint compare)")
    return p


def cmd_report(argv: list[str], registry) -> int:
    """``newslint report``: exit 0 when written (findings are the report's content), 2 on errors."""
    from newslint.cmdline import EXIT_CLEAN, EXIT_ERROR, show_progress
    from newslint.config import ConfigError
    from newslint.engine import Linter, discover, overwritten_input
    from newslint.readers import FieldMapError

    args = build_parser(registry).parse_args(argv)
    if args.compare:
        from newslint.compare import cmd_compare_html

        return cmd_compare_html(args, registry)
    try:
        from newslint.configfile import subcommand_config

        config = subcommand_config(args)
        linter = Linter(config, registry)
    except (ConfigError, FieldMapError) as exc:
        print(f"newslint: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    clash = overwritten_input(args.paths, [(args.html, "--html")], linter.extensions, linter.config.exclude)
    if clash is not None:
        print(f"newslint: error: {shown(clash)}", file=sys.stderr)
        return EXIT_ERROR
    data = ReportData(top=max(args.top, 1))
    sources: Any = discover(args.paths, linter.extensions, linter.config.exclude)
    progress = None
    if show_progress(args):
        from rich.console import Console

        from newslint.progress import RunProgress, total_size

        sources = list(sources)
        progress = RunProgress(Console(file=sys.stderr), total_size(sources))
        sources = progress.wrap_sources(sources)
    # the findings counted with their article, by identity; the objects are kept until the run
    # yields them, so that no later finding can be given a freed one's id
    seen: dict[int, Violation] = {}

    def on_article(article: Article, violations: list[Violation]) -> None:
        data.add_article(article, violations)
        seen.update((id(v), v) for v in violations)
        if progress is not None:
            progress.on_article(article, violations)

    linter.on_article = on_article
    try:
        for v in linter.run(sources):
            if seen.get(id(v)) is v:
                del seen[id(v)]
            else:
                data.add_other(v)
    finally:
        if progress is not None:
            progress.stop()
    page = render_html(data, args.paths, registry.rules, args.title)
    try:
        with open(args.html, "w", encoding="utf-8") as fh:
            fh.write(page)
    except OSError as exc:
        print(f"newslint: error: cannot write {shown(args.html)}: {exc.strerror}", file=sys.stderr)
        return EXIT_ERROR
    health = f"{data.health:.1f}% without errors" if data.articles else "no article was read"
    print(f"newslint: wrote {args.html}: {data.articles} articles, {sum(data.by_severity.values())} findings, "
          f"{health}", file=sys.stderr)
    return EXIT_ERROR if data.input_errors else EXIT_CLEAN
