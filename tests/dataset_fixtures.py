"""Realistic article records for the dataset-rule tests, written for newslint.

``wire_story()`` is a wire report; ``generated_dataset()`` builds a seeded dataset of distinct local
news stories with planted exact copies, URL duplicates, a reused title, reprints of the wire story
with new intros (near duplicates) and a site footer repeated on one site's stories. ``HARBOUR`` and
``HARBOUR_DAY_TWO`` are two days' reports of one strike; ``full_page()`` wraps a story in a local
site's menus, teasers and footer, as a full-page extractor returns it.
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


# a port strike on its first day, the next day's story (which repeats one background paragraph of
# the first verbatim), and the page chrome of a local news site: its menus, teasers and footer
HARBOUR = [
    "Dock workers at the Port of Kelling walked off the job at dawn on Thursday, halting the loading "
    "of grain ships for the first time in eleven years after talks over night-shift pay broke down "
    "late on Wednesday.",
    "The union representing about 1,400 crane operators, lashers and checkers said the strike would "
    "last 48 hours unless the port authority returned to the table with a better offer. Pickets "
    "gathered at the main gate before sunrise, and a line of lorries waiting to collect containers "
    "stretched back almost two kilometres along the coast road by mid-morning.",
    "At the centre of the dispute is a plan to replace the fixed night allowance with a bonus tied "
    "to the number of containers moved per shift. Union officials say the change would cut the "
    "take-home pay of older workers, who tend to operate the slower cranes on the north quay, by as "
    "much as a fifth.",
    "The port authority said its offer included a four per cent rise in basic pay over two years and "
    "that the productivity bonus would reward crews who had modernised their working practices. A "
    "spokeswoman said the authority regretted the disruption and remained open to mediation.",
    "Farmers' groups warned that a prolonged stoppage would leave harvested wheat sitting in silos "
    "just as prices on export markets had begun to recover. Two bulk carriers due to sail for North "
    "Africa on Friday are now expected to be delayed by at least three days.",
    "Shipping agents said several lines had already begun diverting vessels to the smaller terminal "
    "at Brenmouth, some ninety kilometres to the south, although it lacks the deep berths needed by "
    "the largest container ships.",
    "The regional transport minister urged both sides to settle quickly and said she had asked the "
    "state conciliation service to contact them. It was not clear on Thursday evening whether either "
    "party had accepted the invitation.",
]

_HARBOUR_DAY_TWO = [
    "The strike at the Port of Kelling entered its second day on Friday with no talks scheduled, and "
    "the first grain ship turned away from the north quay left for Brenmouth half loaded.",
    "Union organisers said turnout on the picket line had grown overnight, with retired dockers and "
    "several farmers joining the crowd at the main gate. Police reported no arrests.",
    "At the centre of the dispute is a plan to replace the fixed night allowance with a bonus tied "
    "to the number of containers moved per shift. Union officials say the change would cut the "
    "take-home pay of older workers, who tend to operate the slower cranes on the north quay, by as "
    "much as a fifth.",
    "The port authority said its offer included a four per cent rise in basic pay over two years and "
    "that the productivity bonus would reward crews who had modernised their working practices.",
    "In a letter to members published on Friday afternoon, the union's regional secretary said the "
    "authority had refused to put its bonus figures in writing and that no worker would accept a pay "
    "formula he could not check for himself.",
    "Exporters estimated that each day of the stoppage was holding back about 30,000 tonnes of cargo, "
    "most of it wheat and barley bound for ports in North Africa and the eastern Mediterranean.",
]

#: what a full-page extraction of the Valley Courier keeps around every story
CHROME_TOP = [
    "Skip to main content", "Subscribe for 1 dollar a week", "Sign in",
    "Home News Sport Business Opinion Lifestyle Puzzles Obituaries",
    "Trending: School bus routes for the new term, Where to watch the regatta, Road closures this weekend",
]
CHROME_BOTTOM = [
    "Most read this week",
    "Letters: readers on the bypass plan, bin collections and the lost art of the thank-you note",
    "Council confirms date for the riverside market to return after two years away",
    "Missing retriever found safe after three nights on the moor, owners say",
    "Five cafes in the old town that serve breakfast all day",
    "Drivers warned of delays as bridge repairs move into their final phase",
    "Get the morning briefing: the stories that matter to the valley, in your inbox before seven every weekday.",
    "Enter your email address to sign up. You can unsubscribe at any time, and we will never share your details.",
    "About us Contact the newsroom Advertise with us Careers Terms of use Privacy policy Cookie settings",
    "Copyright 2024 Valley Courier Media Ltd. All rights reserved. Registered in England and Wales, company number 04412907.",
]
FOOTBRIDGE = [
    "A new footbridge over the River Lune at Haverley will open to walkers and cyclists next month, "
    "the county council said on Tuesday, eight months later than planned because of flooding last winter.",
    "The bridge replaces a wooden crossing that was swept away in the storms of 2021 and links the "
    "village to the old railway path.",
    "The council said the final cost was 1.2 million pounds, most of it met by a government flood grant.",
]
OPEN_AIR_PLAY = [
    "The Haverley Players will stage their first open-air production in the castle grounds this summer, "
    "a version of The Tempest with a cast of forty drawn from three local schools.",
    "Tickets go on sale at the library on Saturday and the director said half of every performance's "
    "takings would go to the repair fund for the castle's north wall.",
    "Audiences are asked to bring their own blankets and chairs, as the castle has no seating.",
]


def full_page(story: list[str]) -> str:
    """A story as a full-page extractor returns it: inside the site's menus, teasers and footer."""
    return "\n\n".join([*CHROME_TOP, *story, *CHROME_BOTTOM])


#: the day-two story with the first day's paragraph on the union and the pickets as background
HARBOUR_DAY_TWO = [*_HARBOUR_DAY_TWO[:5], HARBOUR[1], *_HARBOUR_DAY_TWO[5:]]
