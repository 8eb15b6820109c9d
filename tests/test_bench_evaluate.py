"""The extractor evaluation's measuring pieces (bench/evaluate.py, bench/inject.py, bench/extractors.py).

Only the pure functions: the labels, the overlap, the rank correlation and the injected defects. The
extractors themselves live in their own environment and are not needed here.
"""

from __future__ import annotations

import random
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import evaluate  # noqa: E402
import extractors  # noqa: E402
import inject  # noqa: E402

STORY = ("The council approved the new bus lanes on Tuesday after a long debate.\n\n"
         "Cyclists said the plan left them with nowhere to ride at rush hour.")


def test_tokens_are_lowercased_words_and_single_cjk_characters():
    assert evaluate.tokens("The Council's 2024 plan") == ["the", "council", "s", "2024", "plan"]
    assert evaluate.tokens("東京都の知事") == ["東", "京", "都", "の", "知", "事"]
    assert evaluate.tokens("abc東京") == ["abc", "東", "京"]


def test_overlap_counts_words_as_a_multiset():
    p, r, f1 = evaluate.overlap(STORY, STORY)
    assert (p, r, f1) == (1.0, 1.0, 1.0)
    # the same story with its first paragraph twice: every reference word is there, a third is extra
    doubled = STORY.split("\n\n")[0] + "\n\n" + STORY
    p, r, _ = evaluate.overlap(doubled, STORY)
    assert r == 1.0 and 0.5 < p < 0.8
    p, r, f1 = evaluate.overlap("", STORY)
    assert (p, r, f1) == (0.0, 0.0, 0.0)


def test_labels_follow_the_thresholds():
    assert evaluate.labels(0.69, 1.0) == ["noisy"]
    assert evaluate.labels(1.0, 0.69) == ["lossy"]
    assert evaluate.labels(0.5, 0.5) == ["noisy", "lossy"]
    assert evaluate.labels(0.95, 0.95) == ["faithful"]
    assert evaluate.labels(0.94, 0.99) == []


def test_spearman():
    assert round(evaluate.spearman([1, 2, 3, 4], [10, 20, 30, 40]), 9) == 1.0
    assert round(evaluate.spearman([1, 2, 3, 4], [4, 3, 2, 1]), 9) == -1.0
    assert round(evaluate.spearman([1, 2, 2, 3], [1, 3, 2, 4]), 4) == 0.9487  # ties get average ranks


def test_sites_and_halves_are_stable():
    assert evaluate.site_of("fundus:de/ZDF/V1") == "fundus:de/ZDF"
    assert evaluate.site_of("newspaper_tests:cnn.com3") == "cnn.com"
    assert evaluate.half_of("fundus:de/ZDF/V1") == evaluate.half_of("fundus:de/ZDF/V2")


def test_findings_on_added_text():
    reference = STORY
    output = "Bus lanes approved\n\n" + STORY
    assert evaluate.on_added_text(output, reference, 0)  # the headline the reference body lacks
    assert not evaluate.on_added_text(output, reference, 1)
    assert not evaluate.on_added_text(output, reference, None)
    repeated = STORY + "\n\n" + STORY.split("\n\n")[1]
    assert evaluate.on_added_text(repeated, reference, 2)


def test_mojibake_by_several_codecs():
    text = "It’s a café — “quoted”"
    assert inject.mojibake(text, "cp1252") == "Itâ€™s a cafÃ© â€” â€œquotedâ€\x9d"
    assert inject.mojibake(text, "mac_roman").startswith("It‚Äôs a caf√©")
    assert inject.mojibake(text, "cp1251").startswith("ItвЂ™s a cafГ©")
    assert inject.mojibake("café", "cp1252x2") == "cafÃƒÂ©"
    assert "\x80" in inject.mojibake(text, "latin-1")


def test_near_copy_is_small_and_deterministic():
    text = "\n\n".join(
        f"Paragraph {i} says the council met on Tuesday. It voted on the plan. Residents were asked." for i in range(8))
    a = inject.near_copy(text, random.Random(1))
    assert a == inject.near_copy(text, random.Random(1))
    assert a != text
    _, _, f1 = evaluate.overlap(a, text)
    assert f1 > 0.85


def test_html_residue_uses_the_page_markup():
    page = ('<html><body><div class="story-body" data-id="7"><p>x</p></div>'
            '<a href="/news/other-story" class="teaser">x</a>'
            "<script>window.dataLayer = window.dataLayer || []; dataLayer.push({'section': 'local'});</script>"
            "</body></html>")
    paras = ["The mayor opened the new library on Saturday morning with a short speech to the crowd.",
             "Children queued for the first library cards & the staff handed out bookmarks."]
    tagged = inject.html_residue(paras, page, "tags", random.Random(3))
    assert any("<" in p and "</" in p for p in tagged)
    escaped = inject.html_residue(paras, page, "entities", random.Random(4))
    assert any("&amp;" in p or "&nbsp;" in p for p in escaped)
    script = inject.html_residue(paras, page, "script", random.Random(5))
    assert any(p.startswith("window.dataLayer") for p in script)


def test_decode_page_falls_back_to_the_declared_charset():
    assert extractors.decode_page("café".encode()) == "café"
    latin = '<meta charset="iso-8859-1"><p>café</p>'.encode("latin-1")
    assert "café" in extractors.decode_page(latin)
    assert extractors.lines_to_text("one\n\n two \nthree") == "one\n\ntwo\n\nthree"
