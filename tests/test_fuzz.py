"""Fuzzing the readers, the fixer and the configuration loader (fuzz/targets.py holds the checks).

Every test run tries a few dozen generated inputs per target, a few seconds in all;
``NEWSLINT_FUZZ_EXAMPLES=5000 python -m pytest tests/test_fuzz.py`` (or ``python fuzz/run.py``,
coverage-guided with atheris) runs longer. What a longer run finds is pinned here as an
``@example``, so it stays fixed.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))

import targets  # noqa: E402

EXAMPLES = int(os.environ.get("NEWSLINT_FUZZ_EXAMPLES", "0")) or None
FUZZ = settings(max_examples=EXAMPLES or 40, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# pieces of real article files, so that generated inputs get past the first byte of each parser
FRAGMENTS = ["---\n", "...\n", "title: Ferry Resumes\n", "date: 2024-03-02\n", "tags: [a, b]\n", "&a x\n", "*a\n",
             "# Head\n", "## Sub\n", "\n", "\r\n", "\r", "By Ann Lee\n", "July 1, 2025\n", "<p>", "</p>", "{{name}}",
             "* * *\n", "Advertisement\n", "\ufeff", "\u2028", "\x85", "\x0c", "\x00", "\u202e", "\xad", "\t", "  ",
             "The ferry left at seven with forty passengers aboard.", "It left at seven.", "<!-- newslint: ignore -->",
             "```\n", "> quote\n", "- item\n", "\\", '"', "'", ":", "#", "|\n", ">\n"]
text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=30).map("".join)

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), text)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(["title", "maintext", "text", "date", "url", "id",
                                                                  "authors", "description", "x"]), inner, max_size=5)),
    max_leaves=12)
records = st.dictionaries(st.sampled_from(["title", "maintext", "text", "date", "date_publish", "url", "id",
                                            "authors", "author", "description", "source_domain", "newslint_ignore"]),
                          json_values, max_size=8)


def _encode(name: str, raw: bytes) -> bytes:
    """``raw`` compressed as the name says (newslint.readers.compression)."""
    import bz2
    import lzma

    import zstandard

    for suffix, compress in ((".gz", gzip.compress), (".xz", lzma.compress), (".bz2", bz2.compress),
                             (".zst", zstandard.ZstdCompressor().compress)):
        if name.endswith(suffix):
            return compress(raw)
    return raw


@st.composite
def article_files(draw):
    name = draw(st.sampled_from(targets.NAMES))
    if name.startswith("a.jsonl"):
        lines = draw(st.lists(st.one_of(records.map(json.dumps), text), max_size=6))
        raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    elif name.startswith("a.json"):
        raw = draw(st.one_of(records.map(json.dumps), st.lists(records, max_size=4).map(json.dumps), text)).encode(
            "utf-8", "surrogatepass")
    else:
        raw = draw(text).encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        raw = draw(st.binary(max_size=8)) + raw  # stray bytes: BOMs, invalid UTF-8
    return name, _encode(name, raw)


def _bomb(key: str) -> str:
    doc = 'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]\n'
    for prev, name in zip("abcdefgh", "bcdefghi"):
        doc += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    return doc + f"{key}: *i\n"


@FUZZ
@given(article_files())
# regressions: inputs that once crashed or hung a run
@example(("a.json", ("[" * 100_000 + "]" * 100_000).encode()))  # RecursionError in the decoder
@example(("a.jsonl", b'{"title": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"))
@example(("a.md", ("---\n" + _bomb("title") + "---\n\nBody.\n").encode()))  # alias expansion
@example(("a.txt", b"---\ntitle: &t [*t]\n---\n\nBody.\n"))  # a recursive alias
@example(("a.jsonl", b'\xef\xbb\xbf{"title": "T", "maintext": "Body."}\n'))  # BOM before JSON Lines
@example(("a.json.gz", gzip.compress(b'{"title": "T"}')[:-8]))  # truncated gzip
@example(("a.json", json.dumps({"title": "T", "maintext": "Same sentence here. " * 3000}).encode()))
def test_readers_and_rules_never_fail(case):
    name, data = case
    targets.read_any(name, data)


@FUZZ
@given(st.sampled_from(targets.NAMES), st.binary(max_size=300))
def test_any_bytes_are_read_or_reported(name, data):
    targets.read_any(name, data)


@settings(FUZZ, max_examples=(EXAMPLES or 40) // 2)
@given(article_files())
@example(("a.txt", b"Title\n\nSame paragraph.\n\nSame paragraph.\n\x0cSame paragraph.\n"))
@example(("a.md", b"---\ntitle: T\n---\n\n# T\n\nBody one.\r\n\r\nBody one.\r\n"))
@example(("a.jsonl", b'{"title": "T", "maintext": "A.\\n\\nA.\\u2028B."}\n'))
def test_fix_is_safe_and_converges(case):
    name, data = case
    targets.fix_any(name, data)


CONFIG_KEYS = ["select", "ignore", "extend-select", "fail-on", "format", "exclude", "packs", "baseline", "fields",
               "per-file-ignores", "severity", "rules", "tool", "newslint", "NL101", "duplicate-paragraph"]
config_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.sampled_from(
    ["NL1", "NL101", "ALL", "warning", "error", "text", "json", "*.md", "nonsense"]), st.text(max_size=10)),
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.sampled_from(CONFIG_KEYS), inner,
                                                                         max_size=4)), max_leaves=10)


@st.composite
def config_files(draw):
    name = draw(st.sampled_from([".newslint.yaml", "pyproject.toml", "settings.toml"]))
    doc = draw(st.dictionaries(st.sampled_from(CONFIG_KEYS), config_values, max_size=6))
    if name.endswith(".yaml"):
        import yaml

        raw = yaml.safe_dump(doc) if draw(st.booleans()) else draw(text)
    else:
        body = "".join(f"{k} = {json.dumps(v)}\n" for k, v in doc.items() if v is not None and not isinstance(v, dict))
        raw = ("[tool.newslint]\n" if name == "pyproject.toml" else "") + body if draw(st.booleans()) else draw(text)
    return name, raw.encode("utf-8", "surrogatepass")


@FUZZ
@given(config_files())
@example((".newslint.yaml", _bomb("select").encode()))
@example((".newslint.yaml", b"select: &s [*s]\n"))
@example((".newslint.yaml", b"select: " + b"[" * 5000 + b"]" * 5000 + b"\n"))
@example(("pyproject.toml", b"[tool.newslint]\nselect = " + b"[" * 5000 + b"]" * 5000 + b"\n"))
@example(("settings.toml", b"\xff\xfe"))
def test_configuration_loader_gives_a_config_or_one_line_error(case):
    name, data = case
    targets.config_any(name, data)
