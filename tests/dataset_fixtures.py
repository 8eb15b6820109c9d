"""Realistic article records for the dataset-rule tests, written for newslint.

``wire_story()`` is a wire report; ``generated_dataset()`` builds a seeded dataset of distinct local
news stories with planted exact copies, URL duplicates, a reused title, reprints of the wire story
with new intros (near duplicates) and a site footer repeated on one site's stories.
"""

from __future__ import annotations

import random

WIRE = [
    "The central bank raised its benchmark interest rate by a quarter of a percentage point on "
    "Wednesday, its third increase this year, saying inflation in services and housing had proved "
    "more stubborn than policymakers expected in the spring.",
    "The decision, which was approved by seven of the nine members of the rate-setting committee, "
    "lifts the main lending rate to its highest level in more than a decade and was widely "
    "anticipated by economists surveyed last week.",
    "In a statement released after the meeting, the committee said that wage growth remained "
    "strong and that the labour market showed few signs of cooling despite a slowdown in "
    "manufacturing orders over the summer months.",
    "Two members voted to keep rates unchanged, arguing that the full effect of earlier increases "
    "had not yet reached households, many of whom are still on fixed-rate mortgages that will "
    "reset over the next two years.",
    "The governor told reporters that the bank was prepared to act again if price pressures did "
    "not ease, but added that the committee would look closely at the data before its next "
    "meeting in six weeks.",
    "Retail groups warned that higher borrowing costs would weigh on spending in the run-up to "
    "the holiday season, while homebuilders said applications for new mortgages had already "
    "fallen for four consecutive months.",
]

TOWNS = ["Millbrook", "Ashford", "Crane Valley", "Eastwick", "Harlow Bay", "Northgate", "Pine Ridge", "Riverton"]
PEOPLE = ["Maria Okafor", "James Lindqvist", "Priya Raman", "Tomasz Nowak", "Helen Achebe", "Daniel Ferreira"]
SUBJECTS = [
    ("council", "approved a plan to resurface {n} miles of road", "residents had complained about potholes for years"),
    ("school board", "voted to hire {n} new teachers", "class sizes had grown beyond the state average"),
    ("fire department", "responded to {n} calls over the weekend", "dry weather raised the risk of brush fires"),
    ("library", "extended its opening hours by {n} hours a week", "demand for evening study space had doubled"),
    ("hospital", "opened a clinic with {n} beds for children", "families had driven to the city for care"),
    ("transit agency", "added {n} buses to the morning routes", "commuters reported overcrowding since spring"),
    ("parks department", "planted {n} trees along the river path", "a storm had felled dozens of old oaks"),
    ("police", "reported {n} fewer burglaries than last year", "neighbourhood patrols had been expanded"),
]
FOOTER = (
    "Sign up for the Harlow Herald morning newsletter to get the day's top local stories delivered "
    "to your inbox before breakfast."
)


def local_story(rng: random.Random) -> tuple[str, list[str]]:
    """A distinct short local news story (title, paragraphs)."""
    town = rng.choice(TOWNS)
    body, action, reason = rng.choice(SUBJECTS)
    n = rng.randint(3, 400)
    person = rng.choice(PEOPLE)
    day = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"])
    action = action.format(n=n)
    title = f"{town} {body} {action.split(' ', 1)[0]} {n} {rng.choice(['plan', 'measure', 'update', 'report'])}"
    quote = rng.choice(
        [
            "We listened to what people told us at every meeting",
            "This is the result of months of careful work by our staff",
            "Nobody expected the numbers to move this quickly",
            "It is a start, but there is a lot more to do",
        ]
    )
    paras = [
        f"The {town} {body} {action} on {day}, officials said, after {reason}.",
        f"\"{quote},\" said {person}, who has worked with the {body} for {rng.randint(2, 30)} years. "
        f"The figure of {n} was {rng.choice(['higher', 'lower'])} than the estimate published in "
        f"{rng.choice(['January', 'March', 'June', 'September'])}.",
        f"Ref {rng.randint(100000, 999999)}: the next public meeting of the {town} {body} is scheduled "
        f"for {rng.choice(['early', 'late'])} {rng.choice(['October', 'November', 'December'])}, "
        f"when members expect to review a budget of {rng.randint(2, 90)} million dollars.",
    ]
    return title, paras


def wire_story() -> list[str]:
    return list(WIRE)


def generated_dataset(n: int = 120, seed: int = 7) -> list[dict]:
    """``n`` distinct stories plus planted defects; every record has an id, url and domain."""
    rng = random.Random(seed)
    records: list[dict] = []
    for i in range(n):
        title, paras = local_story(rng)
        domain = ["harlowherald.example", "valleypost.example", "northgate-news.example"][i % 3]
        rec = {
            "id": f"story-{i:04d}",
            "title": title,
            "url": f"https://www.{domain}/local/{i}-{title.lower().replace(' ', '-')}",
            "source_domain": domain,
            "text": "\n\n".join(paras),
        }
        if domain == "harlowherald.example" and i % 9 == 0:
            rec["text"] += "\n\n" + FOOTER
        records.append(rec)
    # planted: an exact copy, a URL re-crawl, a reused title, three reprints of a wire story
    records.append({**records[5], "id": "copy-of-5", "url": records[5]["url"] + "?page=print"})
    recrawl = dict(records[10], id="recrawl-10", url=records[10]["url"].replace("https://www.", "http://") + "/?utm_source=rss")
    recrawl["text"] = records[10]["text"] + "\n\nThis story was updated to add the date of the next meeting."
    records.append(recrawl)
    records.append({**records[20], "id": "same-title-20", "url": "https://valleypost.example/x/1", "text": "\n\n".join(local_story(rng)[1])})
    wire = wire_story()
    records.append({"id": "wire-daily", "title": "Central bank raises rates again", "url": "https://dailytimes.example/biz/rates",
                    "source_domain": "dailytimes.example", "text": "\n\n".join(wire)})
    records.append({"id": "wire-tribune", "title": "Rates up for the third time this year", "url": "https://tribune.example/economy/rates",
                    "source_domain": "tribune.example",
                    "text": "\n\n".join(["Local shoppers and homeowners are bracing for another squeeze on their budgets.", *wire[:5]])})
    records.append({"id": "wire-gazette", "title": "Bank lifts rates, signals more to come", "url": "https://gazette.example/rates",
                    "source_domain": "gazette.example",
                    "text": "\n\n".join(["Markets slipped in early trading after the announcement.", *wire[1:]])})
    rng.shuffle(records)
    return records
