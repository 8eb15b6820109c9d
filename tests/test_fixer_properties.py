"""Property tests: fixing twice gives the bytes of fixing once, and a fix only removes what it reports."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.engine import Linter, discover
from newslint.fixer import Fixer
from newslint.plugins import build_registry

REGISTRY = build_registry()

TITLES = ["Ferry Service Resumes After Storm", "Council Approves New Cycle Lanes", "Hospital Strike Called Off"]
SUMMARIES = ["Operators say timetables will be back to normal by Friday.", "The vote passed by a narrow margin."]
SENTENCES = [
    "The first crossing left the harbour at seven o'clock on Wednesday morning with forty passengers aboard.",
    "Engineers spent two days checking the mooring lines and the loading ramp for storm damage.",
    "Several councillors said the plan would make the town centre safer for children walking to school.",
    "Union representatives confirmed that the dispute over night-shift pay had been settled late on Tuesday.",
    "Local businesses welcomed the news, although some said the closure had cost them a week of trade.",
    "A spokesperson declined to say how much the repairs had cost or who would pay for them.",
    "Residents have until the end of the month to comment on the proposals at the town hall.",
]

article = st.fixed_dictionaries(
    {
        "title": st.sampled_from(TITLES),
        "summary": st.one_of(st.none(), st.sampled_from(SUMMARIES)),
        "byline": st.booleans(),
        # paragraphs drawn from a small pool, so repeats are frequent; -1 is the title, -2 the summary
        "body": st.lists(st.integers(min_value=-2, max_value=len(SENTENCES) - 1), min_size=1, max_size=9),
        "blank_separated": st.booleans(),
        "crlf": st.booleans(),
        "final_newline": st.booleans(),
        "unsafe": st.booleans(),
    }
)


def paragraphs(a) -> list[str]:
    out = []
    for k in a["body"]:
        if k == -1:
            out.append(a["title"])
        elif k == -2:
            out.append(a["summary"] or SENTENCES[0])
        else:
            out.append(SENTENCES[k])
    return out


def as_txt(a) -> str:
    nl = "\r\n" if a["crlf"] else "\n"
    header = ([a["summary"]] if a["summary"] else []) + [a["title"]] + (["By Jonas Berg"] if a["byline"] else [])
    sep = nl + nl if a["blank_separated"] else nl
    text = nl.join(header) + nl + nl + sep.join(paragraphs(a))
    return text + nl if a["final_newline"] else text


def as_md(a) -> str:
    nl = "\r\n" if a["crlf"] else "\n"
    front = ["---", f"title: {a['title']}"] + ([f"description: {a['summary']}"] if a["summary"] else []) + ["---", ""]
    if a["byline"]:
        front += ["**By Jonas Berg**", ""]
    sep = nl + nl if a["blank_separated"] else nl + "<!-- -->" + nl
    text = nl.join(front) + sep.join(paragraphs(a))
    return text + nl if a["final_newline"] else text


def as_record(a, i: int) -> dict:
    rec = {"id": f"a{i}", "title": a["title"], "maintext": "\n\n".join(paragraphs(a))}
    if a["summary"]:
        rec["description"] = a["summary"]
    return rec


def fix_file(path: Path, unsafe: bool) -> Fixer:
    linter = Linter(Config(select=["NL1"]), REGISTRY)
    fixer = Fixer(linter, unsafe=unsafe)
    list(fixer.run(discover([str(path)], linter.extensions)))
    return fixer


def lines_subsequence(small: list[bytes], big: list[bytes]) -> bool:
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


SETTINGS = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def no_fsync(monkeypatch):
    """fsync is about durability after a power cut, not about these properties: skip it for speed."""
    import newslint.fixer.atomic as atomic

    monkeypatch.setattr(atomic.os, "fsync", lambda fd: None)


@SETTINGS
@given(a=article, fmt=st.sampled_from(["txt", "md"]))
def test_text_fix_is_idempotent_and_only_deletes_lines(no_fsync, a, fmt):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"article.{fmt}"
        original = (as_txt(a) if fmt == "txt" else as_md(a)).encode()
        path.write_bytes(original)
        fix_file(path, a["unsafe"])
        once = path.read_bytes()
        second = fix_file(path, a["unsafe"])
        assert path.read_bytes() == once
        assert second.summary.total_fixed == 0
        # deleting paragraphs only removes whole lines: what is left is a subsequence of the original
        # (a line that becomes the last one loses its line ending when the original had no final newline)
        assert lines_subsequence(once.splitlines(), original.splitlines())
        assert once.endswith(b"\n") == original.endswith(b"\n") or not once
        assert (b"\r\n" in once) == (b"\r\n" in original) or b"\n" not in once


@SETTINGS
@given(articles=st.lists(article, min_size=1, max_size=5), ascii_escapes=st.booleans())
def test_jsonl_fix_is_idempotent_and_touches_only_fixed_records(no_fsync, articles, ascii_escapes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.jsonl"
        records = [as_record(a, i) for i, a in enumerate(articles)]
        original = "".join(json.dumps(r, ensure_ascii=ascii_escapes) + "\n" for r in records).encode()
        path.write_bytes(original)
        unsafe = articles[0]["unsafe"]
        fixer = fix_file(path, unsafe)
        once = path.read_bytes()
        assert fix_file(path, unsafe).summary.total_fixed == 0
        assert path.read_bytes() == once
        before, after = original.splitlines(), once.splitlines()
        assert len(before) == len(after)
        changed = 0
        for old, new in zip(before, after):
            if old == new:
                continue
            changed += 1
            o, n = json.loads(old), json.loads(new)
            assert list(o) == list(n) and {k: v for k, v in o.items() if k != "maintext"} == {
                k: v for k, v in n.items() if k != "maintext"
            }
            old_paras = [p for p in o["maintext"].split("\n\n") if p]
            new_paras = [p for p in n["maintext"].split("\n\n") if p]
            assert len(new_paras) < len(old_paras)
            assert lines_subsequence([p.encode() for p in new_paras], [p.encode() for p in old_paras])
        assert (changed > 0) == (fixer.summary.total_fixed > 0)
