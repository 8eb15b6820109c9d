"""How well newslint's content rules see what real extractors get wrong, without hand labels.

    python bench/evaluate.py [--extractions bench/out/extractions] [--python PYTHON] [--markdown FILE]

Reads the extractor outputs ``bench/extractors.py`` wrote (``<extractor>.jsonl`` and the reference
texts ``reference.jsonl``), labels every output by word overlap with the reference text of the
same page, lints every file with the default rule set, and reports how often each label is flagged
by a content rule. ``--python`` lints with another installation of newslint (the interpreter of
another checkout's virtual environment); by default the newslint this script sits in.

Labels (see docs/evaluation.md): the words of a text are its lowercased word tokens (runs of letters
and digits; every CJK, kana, hangul or Thai character is a token of its own), counted as a
multiset. ``precision`` is the share of the output's words that the reference has (clipped counts),
``recall`` the share of the reference's words the output has. An output is *noisy* when precision
< 0.70, *lossy* when recall < 0.70 (an output can be both) and *faithful* when both are >= 0.95.

A content rule is a rule of the families NL1 (repetition), NL3 (boilerplate and debris), NL4
(encoding), NL5 (length, readability) or NL204 (short body). Metadata rules (NL2 but NL204) and
dataset rules (NL6) are left out: they do not judge the body.

Sites are split in two halves by a hash of the site name (``tune`` and ``held-out``): rules may be
tuned on the outputs of the tune half, and the held-out figures say whether the tuning generalises.

Writes ``bench/out/evaluation.json`` (every figure and every output's label and findings) and, with
``--markdown``, the tables as Markdown.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_EXTRACTIONS = HERE / "out" / "extractions"
CONTENT_PREFIXES = ("NL1", "NL3", "NL4", "NL5", "NL204")

NOISY_BELOW = 0.70
LOSSY_BELOW = 0.70
FAITHFUL_AT_LEAST = 0.95

_SCRIPT_CHARS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_TOKEN = re.compile(rf"[{_SCRIPT_CHARS}]|(?:(?![{_SCRIPT_CHARS}])[^\W_])+")


def tokens(text: str) -> list[str]:
    """Lowercased word tokens; each CJK, kana, hangul or Thai character is a token of its own."""
    return _TOKEN.findall(text.lower())


def overlap(output: str, reference: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the output's words against the reference's, as multisets."""
    out, ref = Counter(tokens(output)), Counter(tokens(reference))
    n_out, n_ref = sum(out.values()), sum(ref.values())
    common = sum((out & ref).values())
    precision = common / n_out if n_out else 0.0
    recall = common / n_ref if n_ref else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def on_added_text(output: str, reference: str, paragraph: int | None) -> bool:
    """Whether a finding's paragraph is text the extractor added: it occurs in the output more
    often than in the reference (a headline or caption the reference body lacks, a repeated paragraph)."""
    if paragraph is None:
        return False
    paras = _paragraphs(output)
    if not 0 <= paragraph < len(paras):
        return False
    para = paras[paragraph]
    ref = " ".join(reference.split())
    return paras.count(para) > ref.count(para)


def labels(precision: float, recall: float) -> list[str]:
    out = []
    if precision < NOISY_BELOW:
        out.append("noisy")
    if recall < LOSSY_BELOW:
        out.append("lossy")
    if precision >= FAITHFUL_AT_LEAST and recall >= FAITHFUL_AT_LEAST:
        out.append("faithful")
    return out


def site_of(record_id: str) -> str:
    """The site a page comes from: ``fundus:de/ZDF/V1`` -> ``fundus:de/ZDF``; ``newspaper:cnn.com3`` -> ``cnn.com``."""
    if record_id.startswith("fundus:"):
        return record_id.rsplit("/", 1)[0]
    name = record_id.split(":", 1)[-1]
    return re.sub(r"[-_]?\d+$", "", name)


def half_of(record_id: str) -> str:
    """``tune`` or ``held-out``, by a stable hash of the page's site."""
    digest = hashlib.sha1(site_of(record_id).encode("utf-8")).digest()
    return "tune" if digest[0] % 2 == 0 else "held-out"


def is_content(code: str) -> bool:
    return code.startswith(CONTENT_PREFIXES)


def spearman(xs: list[float], ys: list[float]) -> float:
    """Spearman's rank correlation (average ranks for ties)."""

    def ranks(values: list[float]) -> list[float]:
        order = sorted(range(len(values)), key=lambda i: values[i])
        r = [0.0] * len(values)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
                j += 1
            for k in range(i, j + 1):
                r[order[k]] = (i + j) / 2 + 1
            i = j + 1
        return r

    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return cov / (vx * vy) if vx and vy else 0.0


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def lint_file(path: Path, python: str, extra: tuple[str, ...] = ()) -> dict[int, list[dict[str, Any]]]:
    """Findings per record index, from ``python -m newslint`` run with the default rules (and ``extra`` options)."""
    cmd = [python, "-m", "newslint", "--isolated", "--no-cache", "--no-progress", "-j", "1",
           "--format", "jsonl", "--exit-zero", *extra, str(path.resolve())]
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    with tempfile.TemporaryDirectory() as cwd:  # so that ``-m`` imports the installed newslint
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, env=env)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"evaluate.py: newslint failed on {path}: {proc.stderr.strip()[:500]}")
    found: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for line in proc.stdout.splitlines():
        if line.strip():
            f = json.loads(line)
            index = f.get("record_index")
            if index is None and f.get("line") and f.get("record_id") is not None:
                index = f["line"] - 1  # dataset findings name the record by line (one record per line)
            if index is not None:
                found[index].append(f)
    return found


def newslint_version(python: str) -> str:
    with tempfile.TemporaryDirectory() as cwd:
        proc = subprocess.run([python, "-c", "import newslint, os; print(newslint.__version__, os.path.dirname(newslint.__file__))"],
                              capture_output=True, text=True, cwd=cwd)
    return proc.stdout.strip()


def evaluate(extractions: Path, python: str) -> dict[str, Any]:
    ref_path = extractions / "reference.jsonl"
    references = {r["id"]: r for r in read_jsonl(ref_path)}
    ref_found = lint_file(ref_path, python)
    names = sorted(p.stem for p in extractions.glob("*.jsonl") if p.stem != "reference")
    outputs: list[dict[str, Any]] = []
    for index, rec in enumerate(references.values()):
        codes = [f for f in ref_found.get(index, []) if is_content(f["code"])]
        outputs.append({"extractor": "reference", "id": rec["id"], "half": half_of(rec["id"]),
                        "precision": 1.0, "recall": 1.0, "f1": 1.0, "labels": ["reference"],
                        "findings": [(f["code"], f["message"], f.get("paragraph")) for f in codes]})
    for name in names:
        path = extractions / f"{name}.jsonl"
        records = read_jsonl(path)
        found = lint_file(path, python)
        for index, rec in enumerate(records):
            ref = references.get(rec["id"])
            if ref is None:
                continue
            p, r, f1 = overlap(rec.get("text") or "", ref.get("text") or "")
            codes = [f for f in found.get(index, []) if is_content(f["code"])]
            text = rec.get("text") or ""
            outputs.append({"extractor": name, "id": rec["id"], "half": half_of(rec["id"]),
                            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
                            "labels": labels(p, r), "error": rec.get("error"),
                            "findings": [(f["code"], f["message"], f.get("paragraph")) for f in codes],
                            "added": [on_added_text(text, ref.get("text") or "", f.get("paragraph")) for f in codes]})
    return {"names": names, "outputs": outputs, "summary": summarise(outputs, names)}


def _share(items: list[dict[str, Any]]) -> dict[str, Any]:
    n = len(items)
    k = sum(1 for o in items if o["findings"])
    return {"n": n, "flagged": k, "share": round(k / n, 4) if n else None}


def summarise(outputs: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for half in ("all", "tune", "held-out"):
        sel = [o for o in outputs if half == "all" or o["half"] == half]
        part: dict[str, Any] = {}
        for label in ("noisy", "lossy", "faithful", "reference"):
            part[label] = _share([o for o in sel if label in o["labels"]])
        # faithful outputs flagged only on text the reference has (not on a headline or repeat the extractor added)
        faithful = [o for o in sel if "faithful" in o["labels"]]
        k = sum(1 for o in faithful if o["findings"] and not all(o.get("added", [])))
        part["faithful_on_reference_text"] = {"n": len(faithful), "flagged": k,
                                              "share": round(k / len(faithful), 4) if faithful else None}
        # the same two shares leaving NL102 out: a headline the extractor put back into the body is
        # a real defect the faithful label tolerates (a dozen words in a few hundred), and it is the
        # largest single cause of flags on faithful outputs
        for label in ("faithful", "reference"):
            mine = [o for o in sel if label in o["labels"]]
            k = sum(1 for o in mine if any(code != "NL102" for code, *_ in o["findings"]))
            part[f"{label}_without_nl102"] = {"n": len(mine), "flagged": k,
                                              "share": round(k / len(mine), 4) if mine else None}
        per: dict[str, Any] = {}
        for name in names:
            mine = [o for o in sel if o["extractor"] == name]
            if not mine:
                continue
            per[name] = {
                "n": len(mine),
                "mean_f1": round(sum(o["f1"] for o in mine) / len(mine), 4),
                "flag_rate": _share(mine)["share"],
                "noisy": sum(1 for o in mine if "noisy" in o["labels"]),
                "lossy": sum(1 for o in mine if "lossy" in o["labels"]),
                "faithful": sum(1 for o in mine if "faithful" in o["labels"]),
                "failed": sum(1 for o in mine if o.get("error")),
            }
        part["extractors"] = per
        if len(per) >= 3:
            part["spearman_flag_rate_vs_f1"] = round(
                spearman([v["flag_rate"] for v in per.values()], [v["mean_f1"] for v in per.values()]), 4
            )
        # which rules flag which labels: a rule firing on faithful outputs is a false-alarm suspect
        by_rule: dict[str, Counter] = defaultdict(Counter)
        for o in sel:
            for code in {f[0] for f in o["findings"]}:
                for label in o["labels"]:
                    by_rule[code][label] += 1
        part["by_rule"] = {code: dict(c) for code, c in sorted(by_rule.items())}
        summary[half] = part
    return summary


GOALS = {"noisy": 0.97, "lossy": 0.85}


def markdown(result: dict[str, Any], title: str = "") -> str:
    s = result["summary"]
    lines: list[str] = []
    if title:
        lines += [title, ""]
    lines += ["| outputs | all: n | all: flagged | tune: flagged | held-out: flagged | goal |",
              "| --- | ---: | ---: | ---: | ---: | --- |"]
    ref_share = s["all"]["reference"]["share"] or 0.0
    goals = {"noisy": ">= 97%", "lossy": ">= 85%",
             "faithful": f"<= reference + 3 points ({100 * ref_share + 3:.1f}%)", "reference": ""}
    for label in ("noisy", "lossy", "faithful", "reference"):
        cells = [label if label != "reference" else "reference texts", str(s["all"][label]["n"])]
        for half in ("all", "tune", "held-out"):
            d = s[half][label]
            cells.append(f"{100 * d['share']:.1f}% ({d['flagged']}/{d['n']})" if d["n"] else "-")
        cells.append(goals[label])
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "| extractor | outputs | failed | mean F1 | noisy | lossy | faithful | flagged |",
              "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    per = s["all"]["extractors"]
    for name, v in sorted(per.items(), key=lambda kv: -kv[1]["mean_f1"]):
        lines.append(f"| {name} | {v['n']} | {v['failed']} | {v['mean_f1']:.3f} | {v['noisy']} | {v['lossy']} | "
                     f"{v['faithful']} | {100 * v['flag_rate']:.1f}% |")
    d = s["all"]["faithful_on_reference_text"]
    lines += ["", f"Faithful outputs flagged on text the reference also has (not only on a headline, caption or "
              f"repeat the extractor added): {100 * (d['share'] or 0):.1f}% ({d['flagged']}/{d['n']})."]
    f, r = s["all"].get("faithful_without_nl102"), s["all"].get("reference_without_nl102")
    if f and r:
        lines += ["", f"Leaving NL102 (the headline repeated in the body) out: faithful outputs flagged "
                  f"{100 * (f['share'] or 0):.1f}% ({f['flagged']}/{f['n']}), reference texts "
                  f"{100 * (r['share'] or 0):.1f}% ({r['flagged']}/{r['n']})."]
    rho = {h: s[h].get("spearman_flag_rate_vs_f1") for h in ("all", "tune", "held-out")}
    lines += ["", "Spearman rank correlation between an extractor's flag rate and its mean F1 "
              f"(goal: -0.9 or lower): all {rho['all']}, tune {rho['tune']}, held-out {rho['held-out']}."]
    return "\n".join(lines) + "\n"


def before_after(before: dict[str, Any], after: dict[str, Any]) -> str:
    """The goals' figures of two runs side by side (all pages; held-out sites in brackets)."""
    def filled(res: dict[str, Any]) -> dict[str, Any]:
        """The run's summary, with the figures of a run made before they existed worked out again."""
        summary = res["summary"]
        if all("faithful_without_nl102" in part for part in summary.values()):
            return summary
        fresh = summarise(res["outputs"], res.get("names") or [])
        return {half: {**fresh[half], **part} for half, part in summary.items()}

    filled_before, filled_after = filled(before), filled(after)

    def cell(summary: dict[str, Any], label: str) -> str:
        a, h = summary["all"][label], summary["held-out"][label]
        return f"{100 * a['share']:.1f}% ({100 * h['share']:.1f}%)"

    def rho(res: dict[str, Any]) -> str:
        s = res["summary"]
        return f"{s['all'].get('spearman_flag_rate_vs_f1')} ({s['held-out'].get('spearman_flag_rate_vs_f1')})"

    ref_after = after["summary"]["all"]["reference"]["share"]
    rows = [
        ("noisy outputs flagged", cell(filled_before, "noisy"), cell(filled_after, "noisy"), ">= 97%"),
        ("lossy outputs flagged", cell(filled_before, "lossy"), cell(filled_after, "lossy"), ">= 85%"),
        ("faithful outputs flagged", cell(filled_before, "faithful"), cell(filled_after, "faithful"),
         f"<= reference + 3 points ({100 * ref_after + 3:.1f}% after)"),
        ("reference texts flagged", cell(filled_before, "reference"), cell(filled_after, "reference"), ""),
        ("faithful, flagged on text the reference also has", cell(filled_before, "faithful_on_reference_text"),
         cell(filled_after, "faithful_on_reference_text"), ""),
        ("faithful, flagged by a rule other than NL102", cell(filled_before, "faithful_without_nl102"),
         cell(filled_after, "faithful_without_nl102"), ""),
        ("reference texts, flagged by a rule other than NL102", cell(filled_before, "reference_without_nl102"),
         cell(filled_after, "reference_without_nl102"), ""),
        ("Spearman: flag rate vs mean F1", rho(before), rho(after), "<= -0.9"),
    ]
    n = {k: before["summary"]["all"][k]["n"] for k in ("noisy", "lossy", "faithful", "reference")}
    lines = ["| measure (all pages; held-out sites) | before | after | goal |", "| --- | ---: | ---: | --- |"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines += ["", f"Outputs: {n['noisy']} noisy, {n['lossy']} lossy, {n['faithful']} faithful of "
              f"{len(before['names'])} extractors on {n['reference']} pages."]
    return "\n".join(lines) + "\n"


def _extra_paragraphs(output: str, reference: str, limit: int = 3) -> list[str]:
    """Paragraphs of the output that are mostly not in the reference (the noise), shortest first."""
    ref = Counter(tokens(reference))
    extra = []
    for para in output.split("\n\n"):
        words = tokens(para)
        if words and sum((Counter(words) & ref).values()) < 0.5 * len(words):
            extra.append(para)
    extra.sort(key=len)
    return [p if len(p) <= 110 else p[:107] + "..." for p in extra[:limit]]


def notes(result: dict[str, Any], extractions: Path, half: str = "tune") -> str:
    """What to look at when tuning rules: misses and false alarms of the ``tune`` half, in detail."""
    texts: dict[tuple[str, str], str] = {}
    for path in extractions.glob("*.jsonl"):
        for rec in read_jsonl(path):
            texts[(path.stem, rec["id"])] = rec.get("text") or ""
    sel = [o for o in result["outputs"] if o["half"] == half]
    out = [f"## Details ({half} half only; the held-out half is kept for checking)", ""]
    s = result["summary"][half]
    out += ["### Rules by label of the outputs they flag (outputs, not findings)", "",
            "| rule | faithful | reference | noisy | lossy |", "| --- | ---: | ---: | ---: | ---: |"]
    for code, c in s["by_rule"].items():
        out.append(f"| {code} | {c.get('faithful', 0)} | {c.get('reference', 0)} | {c.get('noisy', 0)} | {c.get('lossy', 0)} |")
    out += ["", "### Noisy outputs not flagged (extractor, id, precision, recall; extra paragraphs)", ""]
    for o in sorted((o for o in sel if "noisy" in o["labels"] and not o["findings"]), key=lambda o: (o["extractor"], o["id"])):
        ref = texts.get(("reference", o["id"]), "")
        extra = _extra_paragraphs(texts.get((o["extractor"], o["id"]), ""), ref)
        out.append(f"- {o['extractor']} `{o['id']}` P={o['precision']:.2f} R={o['recall']:.2f}")
        out += [f"    - {json.dumps(e, ensure_ascii=False)}" for e in extra]
    out += ["", "### Lossy outputs not flagged (extractor, id, precision, recall, words out/ref, ending)", ""]
    for o in sorted((o for o in sel if "lossy" in o["labels"] and not o["findings"]), key=lambda o: (o["extractor"], o["id"])):
        text = texts.get((o["extractor"], o["id"]), "")
        ref = texts.get(("reference", o["id"]), "")
        tail = text[-90:].replace("\n", " / ")
        out.append(f"- {o['extractor']} `{o['id']}` P={o['precision']:.2f} R={o['recall']:.2f} "
                   f"words {len(tokens(text))}/{len(tokens(ref))} ends: {json.dumps(tail, ensure_ascii=False)}")
    for label, title in (("faithful", "Faithful outputs flagged"), ("reference", "Reference texts flagged")):
        out += ["", f"### {title} (extractor, id: findings)", ""]
        for o in sorted((o for o in sel if label in o["labels"] and o["findings"]), key=lambda o: (o["findings"][0][0], o["extractor"], o["id"])):
            found = "; ".join(f"{c} {m[:100]}" for c, m, *_ in o["findings"][:4])
            out.append(f"- {o['extractor']} `{o['id']}`: {found}")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extractions", type=Path, default=DEFAULT_EXTRACTIONS)
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose newslint lints")
    ap.add_argument("--pythonpath", help="a newslint source checkout to lint with instead (put first on PYTHONPATH)")
    ap.add_argument("--json", type=Path, default=HERE / "out" / "evaluation.json")
    ap.add_argument("--markdown", type=Path, help="also write the tables as Markdown to this file")
    ap.add_argument("--before", type=Path, help="an earlier run's JSON: also print the goals' figures before and after")
    ap.add_argument("--notes", type=Path, help="also write the tables and the tune half's misses and false alarms")
    args = ap.parse_args(argv)
    if args.pythonpath:
        os.environ["PYTHONPATH"] = os.path.abspath(args.pythonpath)
    if not (args.extractions / "reference.jsonl").exists():
        print(f"evaluate.py: {args.extractions}/reference.jsonl not found: run bench/extractors.py first",
              file=sys.stderr)
        return 2
    if args.notes and args.json.exists() and os.environ.get("EVAL_REUSE"):
        result = json.loads(args.json.read_text(encoding="utf-8"))  # only re-render the notes
    else:
        result = evaluate(args.extractions, args.python)
    result["newslint"] = newslint_version(args.python)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    text = markdown(result)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    if args.notes:
        head = f"# Evaluation on real extractor outputs\n\nnewslint: {result['newslint']}\n\n"
        args.notes.write_text(head + text + "\n" + notes(result, args.extractions), encoding="utf-8")
    print(text)
    if args.before:
        print(before_after(json.loads(args.before.read_text(encoding="utf-8")), result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
