"""Every error-level NL3xx/NL4xx finding on the real corpus has a verdict in docs/precision-verdicts-nl3-nl4.yaml."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from newslint.api import lint_paths
from newslint.config import Config

VERDICTS = Path(__file__).resolve().parent.parent / "docs" / "precision-verdicts-nl3-nl4.yaml"


def test_every_error_on_the_corpus_was_judged_a_real_defect(corpus_files):
    judged = Counter((e["record"], e["code"]) for e in yaml.safe_load(VERDICTS.read_text(encoding="utf-8")))
    assert all(e["verdict"].startswith("true:") for e in yaml.safe_load(VERDICTS.read_text(encoding="utf-8")))
    findings = lint_paths([str(p) for p in corpus_files], Config(select=["NL3", "NL4"]))
    errors = Counter((v.record_id, v.code) for v in findings if v.severity == "error")
    assert errors == judged, "new or vanished error-level findings: inspect them and update the verdicts file"
