"""Realistic local-news records, each a story of its own (no two are near duplicates), for the
budget, Action and dataset-default tests."""

from __future__ import annotations

TOWNS = ["Harbourside", "Eastvale", "Millbrook", "Northfield", "Kingsport", "Ashby", "Wrenford", "Calder Bay",
         "Oakridge", "Stonegate", "Fernhill", "Brackwater", "Linton"]
PROJECTS = ["late ferry sailing", "library extension", "school timetable", "bridge repair", "cycle lane",
            "market hall roof", "flood barrier", "bus depot", "skate park", "museum annex", "swimming pool"]
PEOPLE = ["Dana Whitfield", "Omar Haddad", "Grace Okafor", "Tomasz Nowak", "Ines Duarte", "Liam Brennan",
          "Priya Raman", "Henrik Dahl", "Chloe Martin", "Samuel Adeyemi", "Aiko Tanaka", "Marta Ruiz",
          "Felix Wagner", "Nora Lindqvist", "Yusuf Demir", "Rosa Bianchi", "Elliot Grey"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "April", "June", "August", "September", "October", "November", "December"]


def story(i: int) -> tuple[str, list[str]]:
    """A short local-news story of its own: every sentence carries details that change with ``i``."""
    town, project = TOWNS[i % 13], PROJECTS[i % 11]
    person, other = PEOPLE[i % 17], PEOPLE[(i * 7 + 3) % 17]
    title = f"{town} council backs the {project} after {DAYS[i % 7]} vote"
    lead = (f"{town} councillors approved the {project} on {DAYS[i % 7]} by {20 + i % 19} votes to {3 + i % 23}, "
            f"ending {2 + i % 29} years of argument over its cost of {120 + i} thousand pounds.")
    if i % 2:
        second = (f"{person}, who chairs the {TOWNS[(i * 5 + 1) % 13]} residents' group, said {i % 31 + 2} local "
                  f"firms would bid for the work, which should start in {MONTHS[i % 9]} and take {i % 37 + 4} months.")
    else:
        second = (f"Building is due to begin in {MONTHS[i % 9]}, and {person} of the planning office expects "
                  f"{i % 31 + 2} contractors to compete for a job lasting roughly {i % 37 + 4} months.")
    third = [
        f"{other} told the meeting that {150 + 3 * i} people had signed a petition, and that the "
        f"{PROJECTS[(i * 3 + 5) % 11]} in {TOWNS[(i * 4 + 2) % 13]} showed the plan could work.",
        f"A petition with {150 + 3 * i} signatures was handed in by {other}, who pointed to the "
        f"{PROJECTS[(i * 3 + 5) % 11]} built in {TOWNS[(i * 4 + 2) % 13]} as proof it pays off.",
        f"Opponents led by {other} warned that the {PROJECTS[(i * 3 + 5) % 11]} next door in "
        f"{TOWNS[(i * 4 + 2) % 13]} ran late, but {150 + 3 * i} residents backed the scheme.",
    ][i % 3]
    return title, [lead, second, third]


def records(n: int, no_byline: set[int], repeat: set[int] = frozenset(), start: int = 0) -> list[dict]:
    """``n`` realistic records; those in ``no_byline`` lack an author, those in ``repeat`` repeat a paragraph."""
    out = []
    for i in range(start, start + n):
        title, body = story(i)
        if i in repeat:
            body.append(body[0])
        out.append({
            "id": f"story-{i:04d}", "title": title, "authors": [] if i in no_byline else [PEOPLE[(i + 5) % 17]],
            "date_publish": "2024-05-14", "url": f"https://harbour-times.example/local/story-{i}",
            "maintext": "\n\n".join(body),
        })
    return out
