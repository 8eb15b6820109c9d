"""Every numeric rule option, at the edges of what it accepts, runs without a rule failure; what it
does not accept is a one-line configuration error naming the rule and the option."""

from __future__ import annotations

import pytest
from dataset_fixtures import generated_dataset, full_page, HARBOUR

from newslint.api import lint_records
from newslint.config import Config, ConfigError
from newslint.plugins import build_registry
from newslint.rule import OPTION_LIMIT, OptionError

RULES = build_registry().rules
RECORDS = generated_dataset(24, seed=11) + [
    {"id": "page", "title": "Port strike ends", "url": "https://harbour.example/strike", "date": "2024-03-05",
     "text": full_page(HARBOUR)},
]
NUMERIC = sorted((code, key, default) for code, rule in RULES.items() for key, default in rule.options.items()
                 if isinstance(default, (int, float)) and not isinstance(default, bool))


def edges(key: str, default: float) -> list[float]:
    low = 1 if isinstance(default, int) and key.startswith("min-") and default >= 1 else 0
    return [low, low + 1, OPTION_LIMIT] if isinstance(default, int) else [0.0, 0.5, 1.0, float(OPTION_LIMIT)]


@pytest.mark.parametrize("code, key, default", NUMERIC, ids=[f"{c}-{k}" for c, k, _ in NUMERIC])
def test_every_accepted_value_runs_without_a_rule_failure(code, key, default):
    for value in edges(key, default):
        try:
            config = Config(select=[code], rule_options={code: {key: value}})
            found = lint_records(RECORDS, config, path="edges.jsonl")
        except (OptionError, ConfigError):  # a rule's own check of how its options fit together
            continue
        failures = [v.message for v in found if v.code == "NL004"]
        assert not failures, (value, failures[:1])


@pytest.mark.parametrize("value, said", [
    (-1, "must be 0 or more, not -1"),
    (OPTION_LIMIT + 1, "must be at most 1,000,000,000 either way"),
    (1e300, "must be at most 1,000,000,000 either way"),
])
def test_values_out_of_range_are_refused_by_name(value, said):
    with pytest.raises(OptionError, match=f"NL212 \\(future-date\\) option 'tolerance-days' {said}"):
        RULES["NL212"]({"tolerance-days": value})


def test_a_minimum_count_of_none_and_a_threshold_of_infinity_are_refused():
    with pytest.raises(OptionError, match="NL107 .* option 'min-count' must be 1 or more, not 0"):
        RULES["NL107"]({"min-count": 0})
    with pytest.raises(OptionError, match="NL104 .* option 'threshold' must be a finite number, not -inf"):
        RULES["NL104"]({"threshold": float("-inf")})


def test_index_options_are_checked_and_named_by_their_rule():
    with pytest.raises(OptionError, match=r"NL604 \(near-duplicate-article\) options: bands must be at least 1, not 0"):
        RULES["NL604"]({"bands": 0})
    # each article keeps head + tail paragraph digests: a billion of them would exhaust memory
    with pytest.raises(OptionError, match=r"NL605 \(site-boilerplate\) options: head and tail must be at most 64"):
        RULES["NL605"]({"head": 1_000_000, "tail": 2})


def test_a_tolerance_past_the_last_date_means_no_date_is_in_the_future():
    rule = RULES["NL212"]({"tolerance-days": OPTION_LIMIT, "today": "9999-12-30"})
    found = lint_records([{"id": "a", "title": "Harbour Opens", "date": "9999-12-31", "text": "The harbour opened."}],
                         Config(select=["NL212"], rule_options={"NL212": {"tolerance-days": OPTION_LIMIT,
                                                                          "today": "9999-12-30"}}))
    assert rule.limit.year == 9999 and not [v for v in found if v.code in ("NL004", "NL212")]
