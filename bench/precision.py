"""Precision of the default rule set on the real articles in ../shared/corpus.

Runs every default rule over the corpus, lists every error-level finding with the verdict recorded
for it in docs/precision-verdicts*.yaml (a list of {record, code, verdict, note}), counts findings
per rule and severity, times the run, and writes docs/precision.md.

    python bench/precision.py                 # write docs/precision.md
    python bench/precision.py --check         # also exit 1 if an error-level finding has no
                                              # verdict or is judged a false positive
    python bench/precision.py --extractions DIR   # also: every rule over real extractors' outputs

With ``--extractions`` (a folder of ``<extractor>.jsonl`` files and ``reference.jsonl``, as
bench/evaluate.py reads them), the page gains a table of the outputs each content rule flags, by
label: noisy (less than 70% of the output's words are in the reference), lossy (less than 70% of
the reference's words are in the output), faithful (both at least 95%), and the reference texts
themselves. A rule that flags faithful outputs much more often than references, on text the
reference also holds, is a rule to look at.

verdicts: "defect" (a real defect of the record) or "false-positive"; "true" and "false" are
accepted too, and either may be followed by ": note".
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newslint.config import Config  # noqa: E402
from newslint.engine import Linter, discover  # noqa: E402

VERDICTS = ("defect", "false-positive")
#: accepted spellings: "defect" or "true" (a real defect), "false-positive" or "false"
ALIASES = {"defect": "defect", "true": "defect", "false-positive": "false-positive", "false": "false-positive"}


def find_corpus() -> Path | None:
    for d in ROOT.parents:
        if (d / "shared" / "corpus").is_dir():
            return d / "shared" / "corpus"
    return None


def load_verdicts(docs: Path) -> dict[tuple[str, str], dict]:
    out: dict[tuple[str, str], dict] = {}
    for path in sorted(docs.glob("precision-verdicts*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if not isinstance(data, list):
            raise SystemExit(f"{path}: expected a list of {{record, code, verdict}}")
        for i, item in enumerate(data):
            if not isinstance(item, dict) or not {"record", "code", "verdict"} <= set(item):
                raise SystemExit(f"{path}: entry {i + 1} needs record, code and verdict")
            head, _, note = str(item["verdict"]).partition(":")
            verdict = ALIASES.get(head.strip().lower())
            if verdict is None:
                raise SystemExit(f"{path}: entry {i + 1}: verdict must be one of {', '.join(VERDICTS)} "
                                 "(or true/false), optionally followed by ': note'")
            note = item.get("note") or note.strip()
            out[(str(item["record"]), str(item["code"]))] = {**item, "verdict": verdict, "note": note, "file": path.name}
    return out


LABELS = ("noisy", "lossy", "faithful", "reference")


def extraction_table(folder: Path) -> list[str]:
    """Markdown lines: outputs flagged per content rule and label over extractor outputs."""
    from newslint.api import lint_records

    sys.path.insert(0, str(ROOT / "bench"))
    from evaluate import is_content, labels, overlap
    from evaluate import read_jsonl as read

    refs = {r["id"]: r for r in read(folder / "reference.jsonl")}
    totals: Counter = Counter()
    flagged: Counter = Counter()
    by_rule: dict[str, Counter] = {}
    sources = [("reference", list(refs.values()))] + [
        (p.stem, read(p)) for p in sorted(folder.glob("*.jsonl")) if p.stem != "reference"]
    for name, records in sources:
        codes: dict[int, set[str]] = {}
        for v in lint_records(records, Config()):
            if v.record_index is not None and is_content(v.code):
                codes.setdefault(v.record_index, set()).add(v.code)
        for i, rec in enumerate(records):
            ref = refs.get(rec.get("id"))
            if ref is None:
                continue
            labs = ["reference"] if name == "reference" else labels(*overlap(rec.get("text") or "", ref.get("text") or "")[:2])
            for lab in labs:
                totals[lab] += 1
                flagged[lab] += bool(codes.get(i))
                for code in codes.get(i, ()):
                    by_rule.setdefault(code, Counter())[lab] += 1
    out = ["", "## Content rules over real extractors' outputs", "",
           f"Outputs in `{folder.name}/`, labelled by word overlap with the reference text (see "
           "bench/evaluate.py); each cell counts the outputs a rule flags.", "",
           "| rule | " + " | ".join(LABELS) + " |", "| --- |" + " ---: |" * len(LABELS)]
    for code in sorted(by_rule):
        out.append(f"| {code} | " + " | ".join(str(by_rule[code][lab]) for lab in LABELS) + " |")
    out.append("| **any content rule** | " + " | ".join(
        f"{flagged[lab]}/{totals[lab]} ({flagged[lab] / totals[lab]:.1%})" if totals[lab] else "0/0"
        for lab in LABELS) + " |")
    return out + [""]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 on unreviewed or false-positive errors")
    ap.add_argument("--corpus", type=Path, default=None, help="folder of *.jsonl files (default: ../shared/corpus)")
    ap.add_argument("--output", type=Path, default=ROOT / "docs" / "precision.md")
    ap.add_argument("--extractions", type=Path, default=None,
                    help="folder of extractor outputs and reference.jsonl: add per-rule figures by label")
    args = ap.parse_args(argv)
    corpus = args.corpus or find_corpus()
    if corpus is None or not any(corpus.glob("*.jsonl")):
        print("precision: no corpus found (../shared/corpus)", file=sys.stderr)
        return 2
    files = [str(p) for p in sorted(corpus.glob("*.jsonl"))]
    linter = Linter(Config())
    start = time.perf_counter()
    findings = list(linter.run(discover(files, linter.extensions)))
    elapsed = time.perf_counter() - start
    verdicts = load_verdicts(ROOT / "docs")
    by_rule: Counter = Counter()
    severity: dict[str, str] = {}
    for v in findings:
        by_rule[v.code] += 1
        severity[v.code] = v.severity
    errors = [v for v in findings if v.severity == "error"]
    lines = [
        "# Precision on the real corpus",
        "",
        "Generated by `python bench/precision.py`: every default rule over "
        f"{len(files)} files, {linter.stats.articles} articles of `shared/corpus` "
        f"({linter.stats.articles / elapsed:.0f} articles/s in-process on this run).",
        "Verdicts come from `docs/precision-verdicts*.yaml`.",
        "",
        "## Findings per rule",
        "",
        "| code | name | severity | findings | articles |",
        "| --- | --- | --- | --- | --- |",
    ]
    # every selected rule, those without a finding on the corpus too (their precision is untested here)
    for rule in linter.rules:
        severity.setdefault(rule.code, linter.config.severity_for(type(rule)))
    for code in sorted(set(by_rule) | {r.code for r in linter.rules}):
        rule = linter.registry.rules.get(code)
        lines.append(f"| {code} | {rule.name if rule else ''} | {severity[code]} | {by_rule[code]} "
                     f"| {linter.stats.articles_affected.get(code, 0)} |")
    silent = sorted(code for code, rule in linter.registry.rules.items()
                    if code not in by_rule and linter.config.is_selected(rule) and not code.startswith("NL0"))
    if silent:
        lines += ["", f"Default rules with no finding on the corpus (no false alarm to review): {', '.join(silent)}."]
    lines += ["", "## Error-level findings", "", "| record | code | message | verdict |", "| --- | --- | --- | --- |"]
    unreviewed = false_pos = 0
    for v in errors:
        record = v.record_ref or v.path
        verdict = verdicts.get((record, v.code))
        if verdict is None:
            unreviewed += 1
            text = "**unreviewed**"
        else:
            text = verdict["verdict"] + (f": {verdict['note']}" if verdict.get("note") else "")
            false_pos += verdict["verdict"] == "false-positive"
        msg = v.message.replace("|", "\\|")
        text = " ".join(text.split()).replace("|", "\\|")
        lines.append(f"| {record} | {v.code} | {msg} | {text} |")
    lines += ["", f"{len(errors)} error-level findings: {len(errors) - unreviewed - false_pos} real defects, "
              f"{false_pos} false positives, {unreviewed} unreviewed.", ""]
    if args.extractions is not None:
        lines += extraction_table(args.extractions)
    args.output.write_text("\n".join(lines), encoding="utf-8")
    print(f"{linter.stats.articles} articles, {len(findings)} findings, {len(errors)} errors "
          f"({unreviewed} unreviewed, {false_pos} false positives), {linter.stats.articles / elapsed:.0f} articles/s")
    if args.check and (unreviewed or false_pos):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
