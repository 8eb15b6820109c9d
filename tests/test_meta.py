"""Meta-tests: every registered rule has a unique code and name, documentation in the fixed layout,
and examples that really fail and really pass."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newslint.plugins import build_registry
from newslint.rule import CODE_RE, NAME_RE
from newslint.ruledocs import example_kind, parse_doc, render_markdown, run_example

REGISTRY = build_registry()
RULES = dict(sorted(REGISTRY.rules.items()))
#: input problems are raised by readers, not rules: their examples describe files in words
INPUT_CODES = {"NL001", "NL002", "NL003", "NL004", "NL005", "NL006", "NL007"}
FAMILY = {"NL0": "input", "NL1": "repetition", "NL2": "metadata", "NL3": "boilerplate", "NL4": "encoding",
          "NL5": "length", "NL6": "dataset"}
ROOT = Path(__file__).resolve().parent.parent


def test_codes_and_names_are_unique_and_well_formed():
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    for code, rule in RULES.items():
        assert rule.code == code and CODE_RE.match(code), code
        assert code[:3] in FAMILY, f"{code}: no such family"
        assert NAME_RE.match(rule.name), f"{code}: name {rule.name!r} is not kebab-case"
        assert rule.severity in ("error", "warning", "info"), code


@pytest.mark.parametrize("code", list(RULES))
def test_docstring_layout(code):
    rule = RULES[code]
    doc = parse_doc(rule.doc())
    assert doc.summary and doc.summary.endswith("."), f"{code}: summary line"
    assert len(doc.body) > 40, f"{code}: explanation of what it flags and why"
    assert doc.fails, f"{code}: Fails:: example"
    assert doc.passes, f"{code}: Passes:: example"
    assert doc.fix, f"{code}: Fix: line"
    if rule.fixable:
        assert "safe" in doc.fix.lower() or "unsafe" in doc.fix.lower(), f"{code}: say whether the fix is safe"


RUNNABLE = [(code, which) for code in RULES if code not in INPUT_CODES for which in ("fails", "passes")
            if example_kind(getattr(parse_doc(RULES[code].doc()), which))]


def test_most_examples_are_runnable():
    article_rules = [c for c in RULES if c not in INPUT_CODES]
    # every rule runs at least its passing or its failing example
    for code in article_rules:
        assert any(c == code for c, _ in RUNNABLE), f"{code}: no runnable example"


@pytest.mark.parametrize("code,which", RUNNABLE)
def test_examples_fail_and_pass(code, which):
    block = getattr(parse_doc(RULES[code].doc()), which)
    got = [v.code for v in run_example(code, block)]
    if which == "fails":
        assert code in got, f"{code}: the Fails example does not fail"
    else:
        assert code not in got, f"{code}: the Passes example fails"


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True, text=True)


def test_rule_command_prints_the_docs():
    proc = run_cli("rule", "NL104")
    assert proc.returncode == 0
    assert proc.stdout.startswith("NL104 near-duplicate-paragraph\nseverity: warning")
    assert "Fails::" in proc.stdout and "Passes::" in proc.stdout and "Fix:" in proc.stdout
    assert run_cli("rule", "byline-junk").stdout.startswith("NL208 byline-junk")


def test_list_rules_table():
    proc = run_cli("--list-rules")
    assert proc.returncode == 0
    header, *rows = proc.stdout.splitlines()
    assert header.split()[:5] == ["CODE", "NAME", "SEVERITY", "FIXABLE", "ORIGIN"]
    by_code = {row.split()[0]: row.split() for row in rows}
    assert set(by_code) == set(RULES)
    assert by_code["NL207"][1:5] == ["title-site-name", "warning", "yes", "built-in"]


def test_docs_rules_md_is_current():
    current = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == render_markdown(RULES), "docs/rules.md is stale: run python -m newslint.ruledocs > docs/rules.md"
