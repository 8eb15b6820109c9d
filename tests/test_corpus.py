"""The real scraped articles of ../shared/corpus: every repetition finding must be a true repeat."""

from __future__ import annotations

import json
import re
import unicodedata

from newslint.api import lint_paths
from newslint.config import Config


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split()).casefold()


def _paragraphs(text: str) -> list[str]:
    parts = re.split(r"\n[ \t\r]*\n", text) if re.search(r"\n[ \t\r]*\n", text) else text.split("\n")
    return [p for p in (p.strip() for p in parts) if p]


def test_repetition_findings_are_true_repeats(corpus_files):
    records = {}
    for path in corpus_files:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                records[rec["id"]] = rec
    findings = lint_paths([str(p) for p in corpus_files], Config(select=["NL101", "NL102"]))
    assert findings, "the corpus is known to hold repeated paragraphs"
    for v in findings:
        rec = records[v.record_id]
        paras = _paragraphs(rec["text"])
        here = _norm(paras[v.paragraph])
        if v.code == "NL101":
            earlier = int(v.message.rsplit(" ", 1)[1]) - 1
            assert earlier < v.paragraph and _norm(paras[earlier]) == here, (v.record_id, v.message)
        else:
            assert here.strip(".!?:; ") == _norm(rec["title"]).strip(".!?:; "), (v.record_id, v.message)
