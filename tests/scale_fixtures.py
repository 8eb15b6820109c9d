"""Fixtures for the parallel and cache tests: a small dataset rule and realistic articles.

Worker processes import this module by name (the tests folder is on ``sys.path``), so the rule
and the registry factory below are what every worker rebuilds.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from newslint.article import Article
from newslint.plugins import Registry, build_registry
from newslint.rule import ArticleRef, DatasetRule, Problem


class SameBody(DatasetRule):
    """An article whose body is identical to an earlier article's body (test rule).

    Keeps one 12-byte digest and one reference per distinct body.

    Fails::

        two records with the same body

    Passes::

        two records with different bodies

    Fix: none.
    """

    code = "NL699"
    name = "test-same-body"
    severity = "warning"

    def new_state(self) -> dict[str, Any]:
        return {"first": {}, "dups": []}

    def observe(self, state: dict[str, Any], article: Article) -> None:
        if not article.paragraphs:
            return
        h = article.body_hash
        if h in state["first"]:
            state["dups"].append((ArticleRef.of(article), h))
        else:
            state["first"][h] = ArticleRef.of(article)

    def merge(self, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
        for h, ref in b["first"].items():
            if h in a["first"]:
                a["dups"].append((ref, h))
            else:
                a["first"][h] = ref
        a["dups"].extend(b["dups"])
        return a

    def finish(self, state: dict[str, Any]) -> Iterator[tuple[ArticleRef, Problem]]:
        for ref, h in state["dups"]:
            yield ref, Problem(f"same body as {state['first'][h].label}")


def make_registry() -> Registry:
    reg = build_registry(load_entry_points=False)
    reg.rules[SameBody.code] = SameBody
    reg.factory = ("scale_fixtures:make_registry", {})
    return reg


PARAGRAPHS = [
    "The city council voted on Tuesday to extend the night bus service to the northern suburbs.",
    "Councillor Ana Ruiz said the decision followed two years of complaints from shift workers.",
    "The extension will cost about 1.2 million euros a year, paid from the parking levy.",
    "Opposition members argued the money would be better spent on the tram line.",
    "Services start in March and run every thirty minutes between midnight and five.",
    "Residents of Oakfield, the district furthest from the centre, welcomed the change.",
    "Sign up for our newsletter to get the day's top stories in your inbox.",
    "A spokesperson for the transport authority declined to comment on the timetable.",
    "Bus drivers' union representatives said they had not been consulted on staffing.",
    "The vote passed by 31 to 12, with four abstentions.",
]


def body(i: int) -> list[str]:
    n = 3 + i % 5
    paras = [PARAGRAPHS[(i + k * 3) % len(PARAGRAPHS)] for k in range(n)]
    paras[0] = paras[0].replace("Tuesday", ["Monday", "Tuesday", "Friday"][i % 3]) + f" ({i})"
    if i % 11 == 5:
        paras.append(paras[1])  # a duplicated paragraph (NL101)
    return paras


def article_record(i: int) -> dict[str, Any]:
    """A news-please style record; every seventh body repeats the body of three records before."""
    paras = body(i - 3 if i % 7 == 3 and i >= 3 else i)
    rec: dict[str, Any] = {
        "id": f"rec-{i}",
        "title": f"Night buses to reach northern suburbs, council decides ({i})",
        "maintext": "\n\n".join(paras),
        "url": f"https://news.example.org/local/{i}",
        "date_publish": "2024-02-1%d 08:00:00" % (i % 10),
    }
    if i % 13 == 0:
        del rec["url"]
    if i % 17 == 2:
        rec["authors"] = ["Maria Keller"]
    return rec


def jsonl_lines(start: int, count: int, newline: str = "\n") -> list[str]:
    return [json.dumps(article_record(i)) + newline for i in range(start, start + count)]
