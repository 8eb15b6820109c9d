"""Readers and the engine never raise on hostile input: they report it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.article import Article
from newslint.engine import Linter
from newslint.readers import InputProblem, Source

LINTER = Linter()

fragments = st.sampled_from(
    ["---\n", "title: x\n", "# Head\n", "\n", "\r\n", "By Ann Lee\n", '{"title": ', '"text": "a\\n\\nb"}', "[", "]",
     ",", "\xff", "\u202e", "{{name}}", "<p>", "* * *\n", "July 1, 2025\n", "null", "\t", " "]
)
texts = st.lists(st.one_of(fragments, st.text(max_size=30)), max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(texts, st.sampled_from(["a.txt", "a.md", "a.json", "a.jsonl"]))
def test_any_text_is_read_or_reported(text, name):
    source = Source(path=name, data=text.encode("utf-8", "surrogatepass"))
    for item in LINTER.registry.readers[name[name.rindex("."):]]().read(source, LINTER.field_map):
        assert isinstance(item, (Article, InputProblem))
        if isinstance(item, Article):
            # a built-in rule that raised would now be an NL004 finding instead of a crash
            assert not [v for v in LINTER.lint_article(item) if v.code in ("NL004", "NL006")]


@settings(max_examples=80, deadline=None)
@given(st.binary(max_size=200), st.sampled_from(["a.txt", "a.md", "a.json", "a.jsonl", "a.jsonl.gz"]))
def test_any_bytes_are_read_or_reported(data, name):
    violations = list(LINTER.lint_source(Source(path=name, data=data)))
    assert all(v.path == name for v in violations)
    assert not [v for v in violations if v.code in ("NL004", "NL005", "NL006")]
