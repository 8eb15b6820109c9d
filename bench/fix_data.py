"""Generated JSON Lines datasets with a handful of fixable records, for the fixer's test and benchmark.

Every record is a plausible short local-news article built from templates; records listed in
``fixable`` get a repeated paragraph (NL101) or their headline repeated as the first paragraph (NL102).
Every third record is written with ``\\u`` escapes, the others with raw UTF-8, so a fixer that
re-serialises records instead of splicing them shows up in a byte comparison.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

TOWNS = ["Ålesund", "Bergen", "Tromsø", "Kraków", "Gdańsk", "Łódź", "Zürich", "Genève", "Málaga", "Cádiz"]
TOPICS = [
    ("Bridge Repairs", "the repairs to the old road bridge"),
    ("School Budget", "next year's school budget"),
    ("Harbour Expansion", "the plan to expand the harbour"),
    ("Bus Timetable", "the new winter bus timetable"),
    ("Library Hours", "longer opening hours at the central library"),
]
SENTENCES = [
    "Councillors in {town} voted {n} to {m} on Tuesday evening to approve {topic}.",
    "The decision follows {n} months of consultation, during which residents sent more than {k} letters.",
    "Officials said work would begin in the spring and should be finished before the end of {year}.",
    "Opposition members argued that the cost, estimated at {k} thousand euros, had been underestimated.",
    "Local shop owners told reporters they hoped the change would bring more visitors to {town}.",
    "A public meeting on {topic} is planned for the first week of next month at the town hall.",
]


def record(i: int, fixable: str | None = None) -> dict:
    rnd = random.Random(i)
    town = TOWNS[i % len(TOWNS)]
    head, topic = TOPICS[(i // len(TOWNS)) % len(TOPICS)]
    title = f"{town} Approves {head} ({i})"
    values = dict(town=town, topic=topic, n=rnd.randint(12, 30), m=rnd.randint(1, 11), k=rnd.randint(40, 900), year=2020 + i % 6)
    paras = [s.format(**values) for s in rnd.sample(SENTENCES, 4)]
    if fixable == "NL101":
        paras.insert(3, paras[1])
    elif fixable == "NL102":
        paras.insert(0, title)
    return {
        "id": f"rec-{i:06d}",
        "title": title,
        "authors": [f"Reporter {i % 37}"],
        "date_publish": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} 08:30:00",
        "url": f"https://news.example/{town.lower()}/{i}",
        "source_domain": "news.example",
        "maintext": "\n\n".join(paras),
    }


def fixable_indexes(n: int, count: int = 8) -> dict[int, str]:
    """``count`` record indexes spread over the file, alternating NL101 and NL102."""
    step = max(n // count, 1)
    return {min(k * step + step // 3, n - 1): ("NL101" if k % 2 == 0 else "NL102") for k in range(count)}


def lines(n: int, fixable: dict[int, str]) -> Iterator[str]:
    for i in range(n):
        rec = record(i, fixable.get(i))
        yield json.dumps(rec, ensure_ascii=(i % 3 == 0)) + "\n"


def fixed_line(i: int, fixable: dict[int, str]) -> str:
    """What the fixer must write for record ``i``: the clean record, in the same escaping style."""
    return json.dumps(record(i, None), ensure_ascii=(i % 3 == 0)) + "\n"
