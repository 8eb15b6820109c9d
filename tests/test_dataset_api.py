"""The Python API for datasets: lint_records, lint_partition, finish_states, DatasetState."""

from __future__ import annotations

import pickle

import pytest
from dataset_fixtures import generated_dataset
from helpers import config

import newslint
from newslint.api import DatasetState, finish_states, lint_partition, lint_records, merge_states


def test_lint_records_takes_a_generator_and_reports_bad_records():
    records = generated_dataset(30, seed=4)

    def gen():
        yield from records[:3]
        yield ["not", "a", "record"]
        yield from records[3:]

    vs = newslint.lint_records(gen(), config(["NL0", "NL6"]), path="crawl.jsonl")
    bad = [v for v in vs if v.code == "NL002"]
    assert [(v.path, v.line, v.record_index) for v in bad] == [("crawl.jsonl", 4, 3)]
    pos = {r["id"]: i for i, r in enumerate(records)}
    first, later = sorted(["copy-of-5", "story-0005"], key=pos.get)
    dup = next(v for v in vs if v.code == "NL601")
    assert dup.record_id == later and dup.path == "crawl.jsonl"
    # lines count the bad record too
    line = lambda rid: pos[rid] + 1 + (pos[rid] >= 3)  # noqa: E731
    assert dup.line == line(later)
    assert dup.message == f"duplicate article: same body as crawl.jsonl:{line(first)} ({first})"


def test_partition_state_is_small_and_picklable():
    records = generated_dataset(200, seed=9)
    violations, state = lint_partition(records, config("NL6"))
    assert violations == [] and state.articles == len(records)
    blob = pickle.dumps(state)
    ids = sum(len(r["id"]) for r in records)
    assert len(blob) < 120 * len(records) + ids + 8192
    again = pickle.loads(blob)
    assert finish_states([again]) == lint_records(records, config("NL6"))


def test_finish_states_uses_the_states_configuration_and_checks_it():
    records = generated_dataset(30, seed=4)
    _, a = lint_partition(records[:20], config("NL6", NL604={"threshold": 0.7}))
    _, b = lint_partition(records[20:], config("NL6", NL604={"threshold": 0.7}), start=20)
    assert finish_states([a, b]) == lint_records(records, config("NL6", NL604={"threshold": 0.7}))
    with pytest.raises(ValueError, match="different rules or options"):
        finish_states([a], config("NL6"))


def test_merge_states_and_empty_input():
    records = generated_dataset(30, seed=4)
    parts = [lint_partition(records[i : i + 10], config("NL6"), start=i)[1] for i in range(0, len(records), 10)]
    merged = merge_states(parts)
    assert isinstance(merged, DatasetState) and merged.articles == len(records)
    assert finish_states([merged], config("NL6")) == lint_records(records, config("NL6"))
    assert merge_states([]) is None
    assert finish_states([], config("NL6")) == []


def test_lint_paths_takes_one_path_alone_as_a_string_or_a_path(tmp_path):
    from pathlib import Path

    from newslint.api import lint_paths

    story = tmp_path / "story.txt"
    story.write_text("Ferry Service Resumes\n\nThe island ferry sailed again on Monday after repairs.\n\n"
                     "The island ferry sailed again on Monday after repairs.\n", encoding="utf-8")
    cfg = config("NL101")
    want = lint_paths([str(story)], cfg)
    assert [v.code for v in want] == ["NL101"]
    # a string was iterated letter by letter: "/", "t", "m", "p"... and "/" linted the whole machine
    assert lint_paths(str(story), cfg) == want
    assert lint_paths(Path(story), cfg) == want
    assert lint_paths(str(tmp_path), cfg) == want


def test_one_record_or_a_string_given_for_records_is_a_type_error_not_findings():
    from newslint.api import lint_text

    record = {"id": "a", "title": "Ferry Service Resumes", "text": "The island ferry sailed again on Monday."}
    for wrong in (record, "abc", b"abc"):
        with pytest.raises(TypeError, match="takes an iterable of records"):
            lint_records(wrong)
        with pytest.raises(TypeError, match="takes an iterable of records"):
            lint_partition(wrong)
    assert lint_records([record]) == lint_records(iter([record]))
    # a file's bytes are read as the reader reads them
    data = "Ferry Service Resumes\n\nThe island ferry sailed again on Monday after repairs.\n"
    assert lint_text(data.encode("utf-8"), path="story.txt") == lint_text(data, path="story.txt")


def test_a_body_that_is_a_number_or_an_object_is_read_as_what_it_says():
    # a number was reported as "empty body: the article has no text"
    said = {repr(text): [v.message for v in lint_records([{"id": "a", "title": "Fares", "text": text}], config("NL204"))]
            for text in (12345, {"text": "Bus fares rise in May."}, None)}
    assert said == {"12345": ["short body: 1 word, fewer than 50"],
                    "{'text': 'Bus fares rise in May.'}": ["short body: 5 words, fewer than 50"],
                    "None": ["empty body: the article has no text"]}
