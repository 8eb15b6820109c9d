"""The cross-article rules NL601-NL605 and the dataset index they share."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pytest
from dataset_fixtures import (
    FOOTBRIDGE,
    FOOTER,
    HARBOUR,
    HARBOUR_DAY_TWO,
    OPEN_AIR_PLAY,
    WIRE,
    full_page,
    generated_dataset,
    local_story,
)
from helpers import config

from newslint.api import finish_states, lint_partition, lint_records
from newslint.config import ConfigError
from newslint.dataset import (
    NUM_PERM,
    SKETCH_BINS,
    DatasetIndex,
    DatasetRuleBundle,
    IndexParams,
    MinHasher,
    band_keys,
    estimate_jaccard,
    shingle_hashes,
    similarity_sketch,
    word_hashes,
)
from newslint.engine import Linter
from newslint.urlnorm import normalize_url


def rec(i: str, text: str, **kw) -> dict:
    return {"id": i, "text": text, **kw}


def dataset_findings(records: list[dict], select="NL6", **opts) -> list[tuple[str, str, str]]:
    """(code, record id, message) of every finding."""
    return [(v.code, v.record_id, v.message) for v in lint_records(records, config(select, **opts))]


STORY_A = (
    "Firefighters contained a brush fire that burned about 40 acres near the reservoir on Sunday "
    "afternoon, the county fire district said.\n\nNo homes were damaged, but two hiking trails will "
    "stay closed until crews finish clearing fallen trees and checking for hot spots, officials said."
)
STORY_B = (
    "The county library will open two new branches next spring after voters approved a bond measure "
    "in November, the library board announced.\n\nThe branches will share a mobile service that "
    "delivers books to residents who cannot travel, a program that served 300 people last year."
)


# ---------------------------------------------------------------------------------------- NL601
def test_exact_duplicate_names_the_first_copy():
    got = dataset_findings(
        [rec("a1", STORY_A), rec("b1", STORY_B), rec("a2", STORY_A.replace("\n\n", "\n\n  ").upper())],
        "NL601",
    )
    assert got == [("NL601", "a2", "duplicate article: same body as <records>:1 (a1)")]


def test_different_bodies_are_not_duplicates():
    assert dataset_findings([rec("a1", STORY_A), rec("b1", STORY_B), rec("e", "")], "NL601") == []


def test_three_copies_report_two_later_ones():
    got = dataset_findings([rec("x", STORY_B), rec("y", STORY_B), rec("z", STORY_B)], "NL601")
    assert [(c, r) for c, r, _ in got] == [("NL601", "y"), ("NL601", "z")]
    assert all("<records>:1 (x)" in m for _, _, m in got)


def test_dataset_findings_name_the_record_key_as_per_article_findings_do():
    # news-please calls the body "maintext"; one record here calls it "content"
    recs = [
        {"id": "a1", "maintext": STORY_A, "link": "https://example.com/fire", "headline": "Brush fire contained"},
        {"id": "a2", "maintext": STORY_A, "link": "https://example.com/fire?utm_source=x", "headline": "Fire out"},
        {"id": "a3", "content": STORY_A, "link": "https://example.com/other", "headline": "Trails closed"},
        {"id": "b1", "maintext": STORY_B, "headline": "Brush fire contained"},
    ]
    cfg = config(["NL6", "NL201"])
    vs = lint_records(recs, cfg)
    assert sorted((v.code, v.record_id, v.field) for v in vs) == [
        ("NL201", "a1", "byline"), ("NL201", "a2", "byline"), ("NL201", "a3", "byline"), ("NL201", "b1", "byline"),
        ("NL601", "a2", "maintext"), ("NL601", "a3", "content"),
        ("NL602", "a2", "link"),
        ("NL603", "b1", "headline"),
    ]
    # the same from partitions linted apart, their states pickled and merged
    parts = [lint_partition(recs[:1], cfg), lint_partition(recs[1:], cfg, start=1)]
    states = [pickle.loads(pickle.dumps(s)) for _, s in parts]
    assert sorted(v for vs_, _ in parts for v in vs_) + finish_states(states, cfg) == vs


# ---------------------------------------------------------------------------------------- NL602
def test_same_url_after_normalisation():
    recs = [
        rec("u1", STORY_A, url="https://www.Example.com/news/fire-contained/"),
        rec("u2", STORY_B, url="http://example.com/news/fire-contained?utm_source=newsletter&utm_medium=email#top"),
        rec("u3", STORY_A, url="https://example.com/news/fire-contained?fbclid=IwAR0xyz"),
    ]
    got = dataset_findings(recs, "NL602")
    assert got == [
        ("NL602", "u2", "duplicate URL: same page as <records>:1 (u1) (different body)"),
        ("NL602", "u3", "duplicate URL: same page as <records>:1 (u1) (identical body)"),
    ]


def test_different_pages_are_not_duplicate_urls():
    recs = [
        rec("u1", STORY_A, url="https://example.com/news/fire-contained"),
        rec("u2", STORY_B, url="https://example.com/news/library-branches"),
        rec("u3", STORY_B, url="https://example.com/news/fire-contained?page=2"),
        rec("u4", STORY_B, url="https://other.example/news/fire-contained"),
    ]
    assert dataset_findings(recs, "NL602") == []


def test_extra_tracking_params():
    recs = [rec("u1", STORY_A, url="https://example.com/a?src=home"), rec("u2", STORY_B, url="https://example.com/a?src=feed")]
    assert dataset_findings(recs, "NL602") == []
    assert len(dataset_findings(recs, "NL602", NL602={"extra-tracking-params": ["src"]})) == 1


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://www.example.com/a/", "http://EXAMPLE.com/a"),
        ("https://example.com:443/a", "https://example.com/a"),
        ("https://example.com/a?b=2&a=1", "https://example.com/a?a=1&b=2&utm_campaign=x"),
        ("https://example.com/caf%C3%A9", "https://example.com/café"),
        ("https://www.theguardian.com/world/x?CMP=share_btn_tw", "https://theguardian.com/world/x"),
    ],
)
def test_url_normalisation_equal(a, b):
    assert normalize_url(a) == normalize_url(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("https://example.com/A", "https://example.com/a"),
        ("https://example.com/a?id=1", "https://example.com/a?id=2"),
        ("https://example.com:8080/a", "https://example.com/a"),
    ],
)
def test_url_normalisation_different(a, b):
    assert normalize_url(a) != normalize_url(b)


def test_url_normalisation_rejects_non_urls():
    assert normalize_url("not a url") is None
    assert normalize_url("mailto:desk@example.com") is None
    assert normalize_url("https://[bad") is None


# ---------------------------------------------------------------------------------------- NL603
def test_same_title_different_body_is_info():
    recs = [
        rec("t1", STORY_A, title="Brush fire contained near reservoir"),
        rec("t2", STORY_A + "\n\nThe trails reopened on Tuesday.", title="Brush  fire contained near reservoir"),
        rec("t3", STORY_A, title="Brush fire contained near reservoir"),
    ]
    vs = lint_records(recs, config("NL603"))
    assert [(v.code, v.record_id, v.severity) for v in vs] == [("NL603", "t2", "info")]
    assert "same title as <records>:1 (t1) over a different body" in vs[0].message


def test_different_titles_pass():
    recs = [rec("t1", STORY_A, title="Brush fire contained"), rec("t2", STORY_B, title="Library to open two branches")]
    assert dataset_findings(recs, "NL603") == []


# ---------------------------------------------------------------------------------------- NL604
def test_wire_reprint_with_new_intro_is_near_duplicate():
    wire = "\n\n".join(WIRE)
    reprint = "\n\n".join(["Homeowners across the region are bracing for higher monthly payments.", *WIRE[:5]])
    got = dataset_findings([rec("ap", wire), rec("site", reprint), rec("other", STORY_A)], "NL604")
    assert len(got) == 1
    code, rid, msg = got[0]
    assert (code, rid) == ("NL604", "site")
    assert msg.startswith("near-duplicate of <records>:1 (ap) (estimated Jaccard similarity 0.")


def test_stories_on_the_same_topic_are_not_near_duplicates():
    other = (
        "Mortgage lenders began passing on the central bank's rate increase within hours, with two of the "
        "largest banks lifting their variable rates by the full quarter point on Wednesday evening.\n\n"
        "Brokers said first-time buyers had already pulled back, and several reported that clients were "
        "rushing to lock in fixed rates before further increases. The central bank raised its benchmark "
        "interest rate for the third time this year, citing stubborn inflation in services and housing."
    )
    assert dataset_findings([rec("ap", "\n\n".join(WIRE)), rec("lenders", other)], "NL604") == []


def test_exact_copies_are_left_to_nl601():
    wire = "\n\n".join(WIRE)
    assert dataset_findings([rec("a", wire), rec("b", wire)], "NL604") == []


def test_short_bodies_are_not_compared():
    a = "Police closed Main Street for two hours after a water main broke on Tuesday morning."
    assert dataset_findings([rec("a", a), rec("b", a + " Traffic was diverted.")], "NL604") == []


def test_threshold_option():
    wire = "\n\n".join(WIRE)
    half = "\n\n".join([*WIRE[:3], STORY_A, STORY_B])
    assert dataset_findings([rec("a", wire), rec("b", half)], "NL604", NL604={"threshold": 0.95}) == []


def _shingles(text: str) -> np.ndarray:
    from newslint.readers import DEFAULT_FIELD_MAP, record_to_article

    art = record_to_article(rec("x", text), path="x", fmt="jsonl", line=1, index=0, field_map=DEFAULT_FIELD_MAP)
    return shingle_hashes(word_hashes(" ".join(art.normalized)), 5)


def _jaccard(a: str, b: str) -> float:
    sa, sb = set(_shingles(a).tolist()), set(_shingles(b).tolist())
    return len(sa & sb) / len(sa | sb)


def _shares_a_band_key(a: str, b: str, bands: int = 8, rows: int = 2) -> bool:
    va, vb = (MinHasher.get().values(_shingles(t), bands * rows) for t in (a, b))
    return bool((band_keys(va, bands, rows) == band_keys(vb, bands, rows)).any())


def test_syndicated_copy_missed_by_six_bands_of_three_is_found():
    # an American outlet's copy of the strike story: its own spelling and figures, a softer name
    # for the mediator, and the last sentence cut (Jaccard similarity of the five-word runs: 0.77)
    original = "\n\n".join(HARBOUR)
    copy = original.replace(" It was not clear on Thursday evening whether either party had accepted the invitation.", "")
    for old, new in (("lorries", "trucks"), ("kilometres", "kilometers"), ("per cent", "percent"),
                     ("a fifth", "20 percent"), ("the state conciliation service", "a state mediator")):
        copy = copy.replace(old, new)
    assert 0.75 < _jaccard(original, copy) < 0.8
    records = [rec("kelling-courier", original), rec("us-wire", copy)]
    got = dataset_findings(records, "NL604")
    assert [(code, rid) for code, rid, _ in got] == [("NL604", "us-wire")]
    assert "near-duplicate of <records>:1 (kelling-courier) (estimated Jaccard similarity 0.7" in got[0][2]
    # with the banding used before (6 bands of 3 rows) the pair never became a candidate
    assert not _shares_a_band_key(original, copy, 6, 3)
    assert dataset_findings(records, "NL604", NL604={"bands": 6, "rows": 3}) == []


def test_next_days_story_repeating_background_is_a_candidate_but_not_reported():
    # the follow-up repeats one paragraph of the first day's story word for word; they share a
    # band key, and only the similarity sketch keeps them apart
    day_one, day_two = "\n\n".join(HARBOUR), "\n\n".join(HARBOUR_DAY_TWO)
    assert 0.25 < _jaccard(day_one, day_two) < 0.4
    assert _shares_a_band_key(day_one, day_two)
    assert dataset_findings([rec("thursday", day_one), rec("friday", day_two)], "NL604") == []


def test_full_pages_of_two_stories_of_one_site_are_not_near_duplicates():
    # full-page extractions: the site's menus, teasers and footer are half of each text, the
    # stories themselves share nothing (two pages of one site were paired this way at a Jaccard
    # similarity of 0.56 by the 128-bit signature used before)
    bridge, play = full_page(FOOTBRIDGE), full_page(OPEN_AIR_PLAY)
    assert 0.5 < _jaccard(bridge, play) < 0.55
    assert _shares_a_band_key(bridge, play)
    assert dataset_findings([rec("footbridge", bridge), rec("castle-play", play)], "NL604") == []


def test_similarity_sketch_estimates_jaccard_without_bias():
    rng = np.random.default_rng(2024)
    for n, target in ((16, 0.6), (300, 0.6), (300, 0.3), (2000, 0.8)):
        errors = []
        for _ in range(60):
            m = round(2 * n * target / (1 + target))  # |A| = |B| = n, |A & B| = m
            u = rng.choice(2**32, size=2 * n - m, replace=False).astype(np.uint64)
            a, b = u[:n], np.concatenate([u[:m], u[n:]])
            est = estimate_jaccard(similarity_sketch(a)[None], similarity_sketch(b)[None])[0]
            errors.append(est - m / (2 * n - m))
        sd = np.sqrt((1 - target**2) / SKETCH_BINS)
        assert abs(np.mean(errors)) < 2.5 * sd / np.sqrt(60)
        assert 0.6 * sd < np.std(errors) < 1.4 * sd


def test_similarity_sketch_of_the_same_set_is_the_same():
    sh = _shingles("\n\n".join(HARBOUR))
    shuffled = np.random.default_rng(1).permutation(np.concatenate([sh, sh[:40]]))
    assert np.array_equal(similarity_sketch(sh), similarity_sketch(shuffled))
    assert estimate_jaccard(similarity_sketch(sh)[None], similarity_sketch(sh)[None])[0] == 1.0
    tiny = similarity_sketch(_shingles("Police closed Main Street for two hours after a water main broke on Tuesday morning near the school."))
    assert tiny.dtype == np.uint64 and len(tiny) == SKETCH_BINS // 64


def test_band_keys_are_24_bit_and_never_zero():
    keys = band_keys(MinHasher.get().values(_shingles("\n\n".join(HARBOUR)), 16), 8, 2)
    assert len(keys) == 8 and keys.max() < 2**24 and keys.min() > 0
    assert band_keys(np.zeros(16, dtype=np.uint32), 8, 2).min() > 0


def test_minhash_of_the_first_permutations_is_a_prefix():
    sh = _shingles("\n\n".join(HARBOUR))
    assert np.array_equal(MinHasher.get().values(sh, 16), MinHasher.get().values(sh)[:16])


def test_near_duplicate_options_are_validated():
    for bad in ({"threshold": 1.5}, {"bands": 20, "rows": 4}, {"shingle-size": 0}):
        with pytest.raises(ConfigError):
            Linter(config("NL604", NL604=bad))


def test_minhash_matches_datasketch():
    from datasketch import MinHash

    sh = shingle_hashes(word_hashes("the council approved a plan to resurface twelve miles of road on monday"), 3)
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme="affine32", hashfunc=int)
    m.update_batch(sh.tolist())
    assert np.array_equal(MinHasher.get().values(sh), m.hashvalues)


def test_word_hashes_ignore_case_and_typography():
    a = word_hashes("“it’s a deal,” she said — finally")
    b = word_hashes('"its a deal," she said - finally')
    assert np.array_equal(a, b)
    assert len(a) == 6


# ---------------------------------------------------------------------------------------- NL605
def boiler_site(n: int, footer: str | None = FOOTER, domain: str = "harlowherald.example", seed: int = 3) -> list[dict]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        title, paras = local_story(rng)
        if footer:
            paras.append(footer)
        out.append(rec(f"{domain}-{i}", "\n\n".join(paras), title=title, url=f"https://{domain}/story/{i}"))
    return out


def test_site_footer_is_boilerplate_at_every_occurrence():
    vs = lint_records(boiler_site(6), config("NL605"))
    assert [v.record_id for v in vs] == [f"harlowherald.example-{i}" for i in range(6)]
    assert all(v.paragraph == 3 and v.code == "NL605" for v in vs)
    assert "paragraph 4 repeats verbatim in 6 articles of harlowherald.example (6 different stories)" in vs[0].message
    assert "e.g. <records>:2 (harlowherald.example-1)" in vs[0].message
    assert "e.g. <records>:1 (harlowherald.example-0)" in vs[1].message
    assert vs[0].fix is not None and not vs[0].fix.safe and vs[0].fix.edits[0].paragraph == 3


def test_too_few_articles_or_other_sites_pass():
    assert dataset_findings(boiler_site(4), "NL605") == []
    mixed = boiler_site(3) + boiler_site(3, domain="valleypost.example", seed=4)
    assert dataset_findings(mixed, "NL605") == []


def test_versions_of_one_story_count_once():
    # six captures of one story with the same title: a shared paragraph is not boilerplate
    story = "\n\n".join(WIRE)
    recs = [rec(f"v{i}", story + f"\n\nUpdated at {9 + i}:00 with market reaction.", title="Central bank raises rates",
                url=f"https://daily.example/rates?v={i}") for i in range(6)]
    assert dataset_findings(recs, "NL605") == []


@pytest.mark.parametrize(
    "credit",
    [
        "WASHINGTON (AP) —",
        "(Reuters) -",
        "The Associated Press contributed to this report.",
        "Reporting by Jane Doe in London; Editing by John Smith",
        "(AP Photo/Evan Vucci)",
        "Photo: Getty Images",
    ],
)
def test_datelines_and_wire_credits_are_allowed(credit):
    assert dataset_findings(boiler_site(6, footer=credit), "NL605") == []


def test_copyright_notice_of_a_wire_is_boilerplate():
    notice = "Copyright 2024 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed."
    assert len(dataset_findings(boiler_site(5, footer=notice), "NL605")) == 5


def test_boilerplate_in_text_files_is_reported_at_its_line(tmp_path):
    from newslint.api import lint_paths

    rng = random.Random(5)
    for i in range(5):
        title, paras = local_story(rng)
        body = "\n\n".join(paras + [FOOTER])
        (tmp_path / f"a{i}.md").write_text(f"---\ntitle: {title}\nurl: https://harlowherald.example/{i}\n---\n{body}\n")
    vs = lint_paths([str(tmp_path)], config("NL605"))
    assert len(vs) == 5
    assert all(v.line == 11 and "line 11 repeats verbatim" in v.message for v in vs)


def test_extra_allow_option():
    assert dataset_findings(boiler_site(6), "NL605", NL605={"extra-allow": ["^Sign up for"]}) == []
    with pytest.raises(ConfigError):
        Linter(config("NL605", NL605={"extra-allow": ["(unclosed"]}))


# ---------------------------------------------------------------------------------------- merging
EXPECTED = {
    ("NL601", "copy-of-5"),
    ("NL602", "recrawl-10"),
    ("NL603", "recrawl-10"),
    ("NL604", "recrawl-10"),
    ("NL604", "wire-tribune"),
    ("NL604", "wire-gazette"),
}


@pytest.fixture(scope="module")
def generated():
    records = generated_dataset()
    single = lint_records(records, config("NL6"))
    return records, single


def test_generated_dataset_has_exactly_the_planted_findings(generated):
    records, single = generated
    got = {(v.code, v.record_id) for v in single if v.code != "NL605"}
    # the story whose title was reused is reported, or the copy, whichever comes later
    nl603 = {r for c, r in got if c == "NL603"}
    assert nl603 - {"recrawl-10"} <= {"story-0020", "same-title-20"} and len(nl603) == 2
    assert got - {(c, r) for c, r in got if c == "NL603"} == {e for e in EXPECTED if e[0] != "NL603"}
    footers = [v for v in single if v.code == "NL605"]
    assert len(footers) == sum(FOOTER in r["text"] for r in records) >= 5


@pytest.mark.parametrize("cuts", [[1], [63], [10, 20, 30, 90], list(range(7, 126, 7))])
def test_partitions_merge_to_the_single_process_result(generated, cuts):
    records, single = generated
    bounds = [0, *cuts, len(records)]
    cfg = config("NL6")
    parts = [lint_partition(records[a:b], cfg, start=a) for a, b in zip(bounds, bounds[1:])]
    states = [pickle.loads(pickle.dumps(s)) for _, s in parts]
    rnd = random.Random(len(cuts))
    rnd.shuffle(states)  # merge order must not matter
    merged = sorted(v for vs, _ in parts for v in vs) + finish_states(states, cfg)
    assert merged == sorted(single) == single


def test_candidates_verified_in_chunks_give_the_same_pairs(generated, monkeypatch):
    import newslint.dataset.index as index_module

    records, single = generated
    monkeypatch.setattr(index_module, "_VERIFY_CHUNK", 3)
    assert lint_records(records, config("NL6")) == single


def test_merge_refuses_different_settings():
    a = DatasetIndex(IndexParams(shingle_size=5))
    b = DatasetIndex(IndexParams(shingle_size=4))
    with pytest.raises(ValueError):
        a.merge(b)
    _, s1 = lint_partition([rec("a", STORY_A)], config("NL6"))
    _, s2 = lint_partition([rec("b", STORY_B)], config("NL6", NL604={"threshold": 0.8}))
    with pytest.raises(ValueError):
        s1.merge(s2)


def test_engine_keeps_one_index_for_all_dataset_rules():
    linter = Linter(config("NL6"))
    assert len(linter.dataset_rules) == 1 and isinstance(linter.dataset_rules[0], DatasetRuleBundle)
    assert [m.code for m in linter.dataset_rules[0].members] == ["NL601", "NL602", "NL603", "NL604", "NL605"]


def test_rule_alone_gives_the_same_findings_as_in_the_bundle(generated):
    records, single = generated
    for code in ("NL601", "NL602", "NL603", "NL604"):
        alone = lint_records(records, config(code))
        assert alone == [v for v in single if v.code == code]


# ---------------------------------------------------------------------------------------- size
def test_index_holds_100_bytes_per_article_plus_ids():
    records = generated_dataset(300, seed=11)
    index = DatasetIndex()
    from newslint.readers import record_to_article
    from newslint.readers import DEFAULT_FIELD_MAP

    for i, r in enumerate(records):
        index.add(record_to_article(r, path="big.jsonl", fmt="jsonl", line=i + 1, index=i, field_map=DEFAULT_FIELD_MAP))
    size = index.nbytes()
    # one run of (first article, path, record index, line offset) for the whole file
    assert size["fixed"] == 100 * len(records) + 4 * 8
    # fewer than a block of ids: kept as they are, with a 2-byte length each
    assert size["ids"] == sum(len(r["id"]) + 2 for r in records)
    view = index.view()
    assert [view.ref(i).record_id for i in range(len(records))] == [r["id"] for r in records]
    assert [view.ref(i).line for i in range(len(records))] == list(range(1, len(records) + 1))
    blob = pickle.dumps(index)
    assert len(blob) < (100 + 2 + 12) * len(records) + 4096


def test_record_ids_are_compressed_in_blocks_and_read_back_exactly():
    from newslint.dataset import IdColumn

    ids = [f"fundus:de/Spiegel/V{k % 7}~{k}".encode() if k % 13 else b"" for k in range(10_000)]
    col = IdColumn()
    for rid in ids[:6_000]:
        col.append(rid)
    rest = IdColumn()
    for rid in ids[6_000:]:
        rest.append(rid)
    col.extend(rest)  # 6,000 is not a multiple of the block size: the blocks are re-cut
    col = pickle.loads(pickle.dumps(col))
    assert col.n == len(ids) and len(col.blocks) == len(ids) // IdColumn.BLOCK
    assert [col.get(i) for i in range(len(ids))] == ids
    assert [col.get(i) for i in reversed(range(len(ids)))] == ids[::-1]
    raw = sum(len(r) + 2 for r in ids)
    assert col.nbytes() < raw / 3


def test_line_and_record_index_come_back_from_runs_across_gaps_and_merges():
    from newslint.readers import DEFAULT_FIELD_MAP, record_to_article

    def art(path, line, index):
        return record_to_article({"id": f"r{line}", "text": "Body text."}, path=path, fmt="jsonl", line=line, index=index,
                                 field_map=DEFAULT_FIELD_MAP)

    a = DatasetIndex()
    # a blank line after record 2, a malformed record 4 (no article), then another file
    seen = [("x.jsonl", 1, 0), ("x.jsonl", 2, 1), ("x.jsonl", 4, 2), ("x.jsonl", 5, 3), ("x.jsonl", 7, 5), ("y.jsonl", 1, 0)]
    for path, line, index in seen[:4]:
        a.add(art(path, line, index))
    b = DatasetIndex()
    for path, line, index in seen[4:]:
        b.add(art(path, line, index))
    a.merge(b)
    text = DatasetIndex()
    text.add(record_to_article({"text": "Body."}, path="c.txt", fmt="txt", line=3, index=None, field_map=DEFAULT_FIELD_MAP))
    a.merge(text)
    view = a.view()
    got = [(r.path, r.line, r.record_index) for r in map(view.ref, range(view.n))]
    assert got == [*seen, ("c.txt", 3, None)]
