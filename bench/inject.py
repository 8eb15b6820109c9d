"""A labelled injection set: reference texts with one defect each, and how many newslint finds.

    python bench/inject.py [--extractions bench/out/extractions] [--python PYTHON] [--seed 11]

Every reference text of ``reference.jsonl`` (see bench/extractors.py) is copied once per defect class,
with one defect inserted. A defect is *detected* when the defective copy has a content finding (NL1,
NL3, NL4, NL5, NL204; see bench/evaluate.py) that the untouched text does not have: a finding the
untouched text already had does not count, so texts that are flagged anyway do not inflate recall.
The near-copy class is judged by the dataset rules instead (NL601, NL604, turned on with
``--extend-select NL6`` as for any dataset linted as a whole). The script reports recall
per class and kind, and the share of untouched texts flagged.

Defect classes (kinds in brackets):

* ``boilerplate-line``: one paragraph an extractor really left in the output of another page.
  The pool is every output paragraph (bench/extractors.py) that is not in its page's reference text
  (at most 20% of its words are), that recurs on pages of at least two sites (so it is template
  text, not a related headline or a caption of that page alone), and that occurs only on sites of
  the held-out half (bench/evaluate.py half_of), so it cannot be a line rules were tuned on. Kinds
  by shape: [label] 2-3 words, [line] 4+ words, [code] script text. Placed at the start, the end
  or between two paragraphs.
* ``boilerplate-block``: a run of 3-8 consecutive such paragraphs as one output had them (a menu,
  a list of links, a footer), held-out sites only.
* ``repeated-paragraph``: a paragraph of 6+ words repeated [next] right after itself or [later]
  further down.
* ``headline``: the title inserted as the first paragraph.
* ``cut``: the text cut after a random word between 40% and 90% of its length, where that word
  does not end a sentence.
* ``mojibake``: the body's UTF-8 bytes decoded with a wrong codec: [cp1252], [latin-1],
  [mac_roman], [cp1251], [cp1252x2] (twice). Only texts with non-ASCII characters.
* ``html-residue``: [tags] a paragraph wrapped in a real element of the page's HTML (its opening
  tag with the page's own attributes) and a link of the page around some words; [entities] a
  paragraph with its special characters escaped as the page would (``&amp;``, ``&#8217;``,
  ``&nbsp;``); [script] the text of a real inline script or style element of the page.
* ``near-copy``: a second record holding another article's text with small edits (about 3% of
  the words replaced, one sentence dropped), under its own id, URL and title.

Writes ``bench/out/inject/injected.jsonl``, ``near_copies.jsonl`` and ``results.json``; with
``--markdown`` the table as Markdown; with ``--misses FILE`` every missed instance as a JSON line
(id, class, kind, where the defect went and what it was), for reading the misses.
"""

from __future__ import annotations

import argparse
import gzip
import html as htmlmod
import json
import os
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from evaluate import DEFAULT_EXTRACTIONS, half_of, is_content, lint_file, read_jsonl, site_of, tokens  # noqa: E402

DEFAULT_MANIFEST = Path("/work/shared/corpus/html/manifest.jsonl")
OUT = HERE / "out" / "inject"
CLASSES = ("boilerplate-line", "boilerplate-block", "repeated-paragraph", "headline", "cut", "mojibake",
           "html-residue", "near-copy")
CODECS = ("cp1252", "latin-1", "mac_roman", "cp1251", "cp1252x2")
DATASET_CODES = ("NL601", "NL604")
_SENTENCE_END = re.compile(r"""[.!?。！？…]["'”’»)\]]*$""")
_CODE_SHAPE = re.compile(r"[;{}=]|\w\(|\)\s*;|function\s*\(|var\s+\w")


def paragraphs(text: str) -> list[str]:
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def join(paras: list[str]) -> str:
    return "\n\n".join(paras)


# --- the pool of real leftovers --------------------------------------------------------------------


def leftover_pool(extractions: Path) -> tuple[list[str], list[list[str]]]:
    """(lines, blocks) that extractors left in outputs of held-out sites and no tune-site output has."""
    refs = {r["id"]: Counter(tokens(r.get("text") or "")) for r in read_jsonl(extractions / "reference.jsonl")}
    sites: dict[str, set[str]] = defaultdict(set)
    halves: dict[str, set[str]] = defaultdict(set)
    runs: list[list[str]] = []
    for path in sorted(extractions.glob("*.jsonl")):
        if path.stem == "reference":
            continue
        for rec in read_jsonl(path):
            ref = refs.get(rec["id"])
            if ref is None:
                continue
            run: list[str] = []
            for para in paragraphs(rec.get("text") or ""):
                words = tokens(para)
                extra = bool(words) and len(words) <= 40 and sum((Counter(words) & ref).values()) <= 0.2 * len(words)
                if extra:
                    sites[para].add(site_of(rec["id"]))
                    halves[para].add(half_of(rec["id"]))
                    run.append(para)
                else:
                    if len(run) >= 3 and half_of(rec["id"]) == "held-out":
                        runs.append(run[:8])
                    run = []
            if len(run) >= 3 and half_of(rec["id"]) == "held-out":
                runs.append(run[:8])
    # one lone word ("Sport", "Singapore") could be a dateline or a section label of the article itself
    lines = sorted(p for p, s in sites.items()
                   if len(s) >= 2 and halves[p] == {"held-out"} and len(p.split()) >= 2)
    blocks: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    for run in runs:
        # a block is boilerplate when its lines are template text: most of them recur on another site
        if all(halves[p] == {"held-out"} for p in run) and sum(len(sites[p]) >= 2 for p in run) * 2 >= len(run):
            key = tuple(run)
            if key not in seen:
                seen.add(key)
                blocks.append(run)
    blocks.sort()
    return lines, blocks


def line_kind(line: str) -> str:
    if _CODE_SHAPE.search(line) and len(re.findall(r"[^\w\s]", line)) >= 4:
        return "code"
    return "label" if len(line.split()) <= 3 else "line"


def insert_at(paras: list[str], new: list[str], rng: random.Random) -> list[str]:
    where = rng.random()
    if where < 0.4 or len(paras) < 2:
        pos = 0
    elif where < 0.8:
        pos = len(paras)
    else:
        pos = rng.randrange(1, len(paras))
    return paras[:pos] + new + paras[pos:]


# --- mojibake ---------------------------------------------------------------------------------


def sloppy_decode(data: bytes, codec: str) -> str:
    """Decode as a browser would: bytes the codec leaves undefined become the Latin-1 character."""
    out = []
    for i in range(len(data)):
        b = data[i : i + 1]
        try:
            out.append(b.decode(codec))
        except UnicodeDecodeError:
            out.append(b.decode("latin-1"))
    return "".join(out)


def mojibake(text: str, codec: str) -> str:
    if codec == "cp1252x2":
        return mojibake(mojibake(text, "cp1252"), "cp1252")
    if codec in ("latin-1", "mac_roman"):
        return text.encode("utf-8").decode(codec)
    return sloppy_decode(text.encode("utf-8"), codec)


# --- HTML residue -----------------------------------------------------------------------------

_OPEN_TAG = re.compile(r"<(p|div|span|section|figure|li|h2|strong|em)\b[^<>]{0,200}>", re.I)
_LINK = re.compile(r"<a\s[^<>]*href=[^<>]{1,300}>", re.I)
_SCRIPT = re.compile(r"<(script|style)\b[^>]*>(.*?)</\1>", re.I | re.S)


def html_residue(paras: list[str], page: str, kind: str, rng: random.Random) -> list[str] | None:
    out = list(paras)
    i = rng.randrange(len(out))
    if kind == "tags":
        opens = _OPEN_TAG.findall(page)
        tags = [m.group(0) for m in _OPEN_TAG.finditer(page)]
        links = [m.group(0) for m in _LINK.finditer(page)]
        if not tags or not opens:
            return None
        tag = rng.choice(tags)
        name = re.match(r"<(\w+)", tag).group(1).lower()
        words = out[i].split(" ")
        if links and len(words) > 6:
            a = rng.randrange(1, len(words) - 3)
            words[a] = rng.choice(links) + words[a]
            words[a + 2] = words[a + 2] + "</a>"
        out[i] = tag + " ".join(words) + f"</{name}>"
        return out
    if kind == "entities":
        escaped = htmlmod.escape(out[i], quote=False).encode("ascii", "xmlcharrefreplace").decode("ascii")
        if escaped == out[i]:
            words = out[i].split(" ")
            if len(words) < 3:
                return None
            k = rng.randrange(1, len(words))
            escaped = " ".join(words[:k]) + "&nbsp;" + " ".join(words[k:])
        out[i] = escaped
        return out
    if kind == "script":
        bodies = [" ".join(m.group(2).split()) for m in _SCRIPT.finditer(page)]
        bodies = [b for b in bodies if len(b) >= 40 and not b.startswith("{")]  # JSON-LD is data, not code
        if not bodies:
            return None
        body = rng.choice(bodies)
        return insert_at(out, [body[:400]], rng)
    raise ValueError(kind)


# --- near copies ------------------------------------------------------------------------------


def near_copy(text: str, rng: random.Random) -> str:
    paras = paragraphs(text)
    words_all = [w for p in paras for w in p.split(" ")]
    out = []
    dropped = False
    for p in paras:
        sentences = re.split(r"(?<=[.!?])\s+", p)
        if not dropped and len(sentences) > 2 and rng.random() < 0.3:
            del sentences[rng.randrange(len(sentences))]
            dropped = True
        words = " ".join(sentences).split(" ")
        for k in range(len(words)):
            if rng.random() < 0.03:
                words[k] = rng.choice(words_all)
        out.append(" ".join(words))
    return join(out)


# --- building the set -------------------------------------------------------------------------


def build(extractions: Path, manifest: Path, seed: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    refs = read_jsonl(extractions / "reference.jsonl")
    lines, blocks = leftover_pool(extractions)
    pages: dict[str, str] = {}
    if manifest.exists():
        for entry in read_jsonl(manifest):
            path = manifest.parent / entry["html"]
            if path.exists():
                pages[entry["id"]] = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    lines_by_kind: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        lines_by_kind[line_kind(line)].append(line)
    injected: list[dict[str, Any]] = []
    for n, ref in enumerate(refs):
        paras = paragraphs(ref.get("text") or "")
        if len(paras) < 2:
            continue

        def rng_for(cls: str) -> random.Random:
            return random.Random(f"{seed}:{cls}:{ref['id']}")

        def add(cls: str, kind: str, new: list[str] | str, title: str | None = None) -> None:
            text = new if isinstance(new, str) else join(new)
            injected.append({**{k: ref.get(k) for k in ("title", "byline", "date", "url")},
                             "id": f"{ref['id']}#{cls}", "base": ref["id"], "inject_class": cls,
                             "inject_kind": kind, "text": text, **({"title": title} if title else {})})

        kinds = sorted(k for k in lines_by_kind if lines_by_kind[k])
        if kinds:
            rng = rng_for("boilerplate-line")
            kind = kinds[n % len(kinds)]
            add("boilerplate-line", kind, insert_at(paras, [rng.choice(lines_by_kind[kind])], rng))
        if blocks:
            rng = rng_for("boilerplate-block")
            add("boilerplate-block", "block", insert_at(paras, list(rng.choice(blocks)), rng))
        rng = rng_for("repeated-paragraph")
        long_ones = [i for i, p in enumerate(paras) if len(p.split()) >= 6]
        if long_ones:
            i = rng.choice(long_ones)
            if n % 2 == 0 or i == len(paras) - 1:
                add("repeated-paragraph", "next", paras[: i + 1] + [paras[i]] + paras[i + 1 :])
            else:
                j = rng.randrange(i + 2, len(paras) + 1)
                add("repeated-paragraph", "later", paras[:j] + [paras[i]] + paras[j:])
        if ref.get("title") and ref["title"].strip():
            add("headline", "first", [" ".join(ref["title"].split())] + paras)
        rng = rng_for("cut")
        words = join(paras).split(" ")
        if len(words) >= 30:
            for _ in range(50):
                k = rng.randrange(int(len(words) * 0.4), int(len(words) * 0.9))
                if not _SENTENCE_END.search(words[k - 1].strip()) and "\n" not in words[k - 1]:
                    add("cut", "word", " ".join(words[:k]).rstrip())
                    break
        text = join(paras)
        if any(ord(c) > 127 for c in text):
            codec = CODECS[n % len(CODECS)]
            add("mojibake", codec, mojibake(text, codec))
        page = pages.get(ref["id"])
        if page:
            rng = rng_for("html-residue")
            order = ("tags", "entities", "script")
            for shift in range(3):
                kind = order[(n + shift) % 3]
                out = html_residue(paras, page, kind, rng)
                if out is not None:
                    add("html-residue", kind, out)
                    break
    # near copies: the references as they are, plus an edited copy of every other one
    dataset = [dict(r, inject_class=None, base=r["id"]) for r in refs]
    for n, ref in enumerate(refs):
        if n % 2 or len(tokens(ref.get("text") or "")) < 50:
            continue
        rng = random.Random(f"{seed}:near-copy:{ref['id']}")
        dataset.append({"id": f"{ref['id']}#near-copy", "base": ref["id"], "inject_class": "near-copy",
                        "inject_kind": "edited", "title": f"{ref.get('title') or ''} (copy)",
                        "byline": ref.get("byline"), "date": ref.get("date"),
                        "url": f"https://copies.example.org/{n}", "text": near_copy(ref.get("text") or "", rng)})
    return injected, dataset


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")


def score(extractions: Path, injected: list[dict[str, Any]], dataset: list[dict[str, Any]], python: str) -> dict[str, Any]:
    ref_path = extractions / "reference.jsonl"
    refs = read_jsonl(ref_path)
    ref_found = lint_file(ref_path, python)
    base_codes = {r["id"]: Counter(f["code"] for f in ref_found.get(i, []) if is_content(f["code"]))
                  for i, r in enumerate(refs)}
    untouched = sum(1 for c in base_codes.values() if c)
    inj_path = OUT / "injected.jsonl"
    found = lint_file(inj_path, python)
    per: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    rules: dict[str, Counter] = defaultdict(Counter)
    missed: dict[str, list[str]] = defaultdict(list)
    for i, rec in enumerate(injected):
        codes = Counter(f["code"] for f in found.get(i, []) if is_content(f["code"]))
        new = codes - base_codes.get(rec["base"], Counter())
        for key in ((rec["inject_class"], rec["inject_kind"]), (rec["inject_class"], "")):
            per[key][1] += 1
            per[key][0] += bool(new)
        for code in new:
            rules[rec["inject_class"]][code] += 1
        if not new:
            missed[rec["inject_class"]].append(rec["id"])
    ds_path = OUT / "near_copies.jsonl"
    # the dataset rules are off by default: a dataset linted as a whole turns them on
    ds_found = lint_file(ds_path, python, ("--extend-select", "NL6"))
    flagged_untouched_ds = 0
    for i, rec in enumerate(dataset):
        codes = {f["code"] for f in ds_found.get(i, []) if f["code"] in DATASET_CODES}
        if rec["inject_class"] == "near-copy":
            for key in (("near-copy", "edited"), ("near-copy", "")):
                per[key][1] += 1
                per[key][0] += bool(codes)
            for code in codes:
                rules["near-copy"][code] += 1
            if not codes:
                missed["near-copy"].append(rec["id"])
    # the same references alone: do the dataset rules pair texts that are not copies?
    alone = lint_file(ref_path, python, ("--extend-select", "NL6"))
    flagged_untouched_ds = sum(1 for i in range(len(refs)) if any(f["code"] in DATASET_CODES for f in alone.get(i, [])))
    return {
        "untouched": {"n": len(refs), "flagged": untouched, "share": round(untouched / len(refs), 4),
                      "flagged_by_dataset_rules": flagged_untouched_ds},
        "recall": {f"{c}/{k}" if k else c: {"n": v[1], "detected": v[0], "recall": round(v[0] / v[1], 4) if v[1] else None}
                   for (c, k), v in sorted(per.items())},
        "rules": {c: dict(r.most_common()) for c, r in rules.items()},
        "missed": {c: sorted(v) for c, v in missed.items()},
    }


def what_was_inserted(rec: dict[str, Any], ref_text: str) -> dict[str, Any]:
    """Where the defect of ``rec`` is and what it holds, read off against its reference text."""
    got, had = paragraphs(rec.get("text") or ""), paragraphs(ref_text)
    if rec["inject_class"] == "cut":
        return {"where": f"end of paragraph {len(got)} of {len(had)}", "defect": " ".join(got[-1].split(" ")[-12:]) if got else ""}
    if rec["inject_class"] == "near-copy":
        return {"where": "another record", "defect": rec.get("title") or ""}
    start = 0
    while start < min(len(got), len(had)) and got[start] == had[start]:
        start += 1
    end = 0
    while end < min(len(got), len(had)) - start and got[-1 - end] == had[-1 - end]:
        end += 1
    return {"where": f"paragraph {start + 1} of {len(got)}", "defect": got[start : len(got) - end]}


def write_misses(path: Path, res: dict[str, Any], injected: list[dict[str, Any]], dataset: list[dict[str, Any]],
                 extractions: Path) -> None:
    refs = {r["id"]: r.get("text") or "" for r in read_jsonl(extractions / "reference.jsonl")}
    by_id = {r["id"]: r for r in injected + [d for d in dataset if d.get("inject_class")]}
    with path.open("w", encoding="utf-8") as fh:
        for cls in CLASSES:
            for rid in res["missed"].get(cls, []):
                rec = by_id[rid]
                row = {"id": rid, "class": cls, "kind": rec["inject_kind"], **what_was_inserted(rec, refs.get(rec["base"], ""))}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def markdown(res: dict[str, Any]) -> str:
    lines = ["| class | kind | texts | detected | recall |", "| --- | --- | ---: | ---: | ---: |"]
    for cls in CLASSES:
        d = res["recall"].get(cls)
        if not d:
            continue
        lines.append(f"| **{cls}** | all | {d['n']} | {d['detected']} | **{d['recall']:.3f}** |")
        for key, v in res["recall"].items():
            if key.startswith(cls + "/") and key != f"{cls}/":
                kind = key.split("/", 1)[1]
                lines.append(f"| {cls} | {kind} | {v['n']} | {v['detected']} | {v['recall']:.3f} |")
    u = res["untouched"]
    lines += ["", f"Untouched reference texts flagged by a content rule: {100 * u['share']:.1f}% "
              f"({u['flagged']}/{u['n']}); paired by a dataset rule (NL601, NL604) when linted alone: "
              f"{u['flagged_by_dataset_rules']}."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--extractions", type=Path, default=DEFAULT_EXTRACTIONS)
    ap.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    ap.add_argument("--python", default=sys.executable, help="the interpreter whose newslint lints")
    ap.add_argument("--pythonpath", help="a newslint source checkout to lint with instead (put first on PYTHONPATH)")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--markdown", type=Path, help="also write the table as Markdown to this file")
    ap.add_argument("--misses", type=Path, help="write every missed instance (id, class, kind, the defect) as JSON lines")
    args = ap.parse_args(argv)
    if args.pythonpath:
        os.environ["PYTHONPATH"] = os.path.abspath(args.pythonpath)
    if not (args.extractions / "reference.jsonl").exists():
        print(f"inject.py: {args.extractions}/reference.jsonl not found: run bench/extractors.py first", file=sys.stderr)
        return 2
    injected, dataset = build(args.extractions, args.manifest, args.seed)
    write_jsonl(OUT / "injected.jsonl", injected)
    write_jsonl(OUT / "near_copies.jsonl", dataset)
    res = score(args.extractions, injected, dataset, args.python)
    (OUT / "results.json").write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.misses:
        write_misses(args.misses, res, injected, dataset, args.extractions)
    text = markdown(res)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
