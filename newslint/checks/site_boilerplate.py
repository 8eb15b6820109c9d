"""NL605 site-boilerplate: paragraphs a site repeats on many of its articles, mined from the dataset."""

from __future__ import annotations

import re
from collections.abc import Iterator

from newslint.dataset import IndexedDatasetRule, IndexView, np
from newslint.rule import ArticleRef, OptionError, Problem
from newslint.violation import Edit, Fix

_AGENCY = (
    r"(?:AP|Reuters|AFP|UPI|dpa|DPA|EFE|ANSA|Kyodo|Xinhua|PA|PTI|IANS|ANI|CP|AAP|TASS|Bloomberg|"
    r"Yonhap|Anadolu|Belga|ANP|APA|SDA|KNA|epd|NTB|TT|Ritzau|Lusa|CNA|Associated Press)"
)

#: paragraphs that repeat across a site's articles by design and are never reported: datelines
#: ("WASHINGTON (AP) —", "(Reuters) -"), agency names standing alone, photo credits
#: ("AP Photo/Evan Vucci", "Getty Images") and contribution lines ("Reporting by ...")
DEFAULT_ALLOW: tuple[str, ...] = (
    rf"^\W{{0,3}}[^\W\d][^()\n]{{0,80}}?\(\s*{_AGENCY}\b[^)]{{0,40}}\)\s*[-—–:]",
    rf"^\W{{0,3}}\(\s*{_AGENCY}\s*\)\s*[-—–:]",
    rf"^\W*(?:(?:By|Von|Par|Por|Di)\s+)?(?:The\s+)?(?:{_AGENCY}|Agence France-Presse|Deutsche Presse-Agentur)\W*$",
    rf"\b{_AGENCY}\s+(?:Photo|Foto|Images?|Video)\b",
    r"(?i)^\W*(?:photo|foto|image|picture|video|credit|bild)s?\s*(?:by\b|:)",
    r"(?i)\b(?:Getty Images|Shutterstock|EPA-EFE|Imago|Keystone)\b",
    r"(?i)\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))",
    r"(?i)^\W*(?:additional |further )?(?:reporting|writing|editing|compiled|edited|written|research|"
    r"production|graphics) by\b",
)


class SiteBoilerplate(IndexedDatasetRule):
    """A paragraph that a site repeats verbatim on many different stories: boilerplate, not news.

    Site footers, newsletter and app promos, subscription pitches, copyright lines and comment
    policies get scraped along with the article and repeat word for word on every page of a site.
    No phrase list is used: the dataset itself shows them. Within one source domain (the record's
    domain field, else its URL host), a paragraph among the first ``head`` or last ``tail``
    paragraphs of the body, at least ``min-chars`` long, that appears in ``min-articles`` or
    more different stories is reported at every occurrence. Different stories, because versions
    of one story (exact copies, the same title, near duplicates) share paragraphs legitimately:
    they count once. Datelines, agency names, photo credits and contribution lines repeat by
    design and are allowed (the ``DEFAULT_ALLOW`` patterns, plus ``extra-allow`` regexes).

    Fails::

        {"id": "h1", "url": "https://herald.example/1", "title": "Story 1", "text": "The council approved a new bus route to the harbour on Monday.\\n\\nSign up for the Morning Herald newsletter to get our top stories in your inbox every day."}
        {"id": "h2", "url": "https://herald.example/2", "title": "Story 2", "text": "A bakery on Mill Street won the regional bread prize on Tuesday.\\n\\nSign up for the Morning Herald newsletter to get our top stories in your inbox every day."}
        {"id": "h3", "url": "https://herald.example/3", "title": "Story 3", "text": "Firefighters rescued two hikers from the cliffs near the lighthouse.\\n\\nSign up for the Morning Herald newsletter to get our top stories in your inbox every day."}
        {"id": "h4", "url": "https://herald.example/4", "title": "Story 4", "text": "The school board voted to extend the library's evening hours.\\n\\nSign up for the Morning Herald newsletter to get our top stories in your inbox every day."}
        {"id": "h5", "url": "https://herald.example/5", "title": "Story 5", "text": "Police closed the old bridge for repairs after an inspection.\\n\\nSign up for the Morning Herald newsletter to get our top stories in your inbox every day."}

    Passes::

        {"id": "h1", "url": "https://herald.example/1", "title": "Story 1", "text": "WASHINGTON (AP) —\\n\\nThe council approved a new bus route to the harbour on Monday.\\n\\n(AP Photo/Jane Doe)"}
        {"id": "h2", "url": "https://herald.example/2", "title": "Story 2", "text": "WASHINGTON (AP) —\\n\\nA bakery on Mill Street won the regional bread prize on Tuesday.\\n\\n(AP Photo/Jane Doe)"}
        {"id": "h3", "url": "https://herald.example/3", "title": "Story 3", "text": "WASHINGTON (AP) —\\n\\nFirefighters rescued two hikers from the cliffs near the lighthouse.\\n\\n(AP Photo/Jane Doe)"}
        {"id": "h4", "url": "https://herald.example/4", "title": "Story 4", "text": "WASHINGTON (AP) —\\n\\nThe school board voted to extend the library's evening hours.\\n\\n(AP Photo/Jane Doe)"}
        {"id": "h5", "url": "https://herald.example/5", "title": "Story 5", "text": "WASHINGTON (AP) —\\n\\nPolice closed the old bridge for repairs after an inspection.\\n\\n(AP Photo/Jane Doe)"}

    Fix: deletes the paragraph from the article. Unsafe: the evidence is statistical, review a
    sample before applying it to a dataset.
    """

    code = "NL605"
    name = "site-boilerplate"
    severity = "warning"
    fixable = True
    parts = frozenset({"boiler", "body", "title", "near"})
    options = {"min-articles": 5, "min-chars": 20, "head": 2, "tail": 2, "extra-allow": []}

    def __init__(self, options=None) -> None:
        super().__init__(options)
        for pat in self.opts["extra-allow"]:
            try:
                re.compile(pat)
            except re.error as exc:
                raise OptionError(f"{self.code} ({self.name}) option 'extra-allow': bad pattern {pat!r}: {exc}") from None
        if self.opts["min-articles"] < 2:
            raise OptionError(f"{self.code} ({self.name}) option 'min-articles' must be at least 2")
        self.index_params()

    def index_settings(self) -> dict:
        return {
            "head": self.opts["head"],
            "tail": self.opts["tail"],
            "min_chars": self.opts["min-chars"],
            "allow": DEFAULT_ALLOW + tuple(self.opts["extra-allow"]),
        }

    def report(self, view: IndexView) -> Iterator[tuple[ArticleRef, Problem]]:
        idx = view.index
        n, width = view.n, idx.slots_per
        if n == 0 or width == 0:
            return
        flat = np.frombuffer(idx.slots, dtype=np.uint32)
        # the filled slots only (article a's slot s at a * width + s): arrays of the dataset's
        # size times the slots, built for every slot, were the largest transient memory of a run
        sel = np.flatnonzero(flat)
        if len(sel) < 2:
            return
        art = sel // width
        slot = sel - art * width
        dom = np.frombuffer(idx.domain, dtype=np.uint16 if idx.domain.itemsize == 2 else np.uint32)
        key = (dom[art].astype(np.uint64) << np.uint64(32)) | flat[sel]
        if view.per_file:  # the same paragraph in two files is two groups
            fid = view.path_id[art]
            order = np.lexsort((slot, view.rank[art], key, fid))
            k, f = key[order], fid[order]
            starts = np.flatnonzero(np.concatenate(([True], (k[1:] != k[:-1]) | (f[1:] != f[:-1]))))
        else:
            order = np.lexsort((slot, view.rank[art], key))
            k = key[order]
            starts = np.flatnonzero(np.concatenate(([True], k[1:] != k[:-1])))
        ends = np.append(starts[1:], len(order))
        min_articles = self.opts["min-articles"]
        big = np.flatnonzero(ends - starts >= min_articles)
        if not len(big):
            return
        stories = _StoryGroups(view)
        npara = np.frombuffer(idx.npara, dtype=np.uint16)
        head, tail = idx.params.head, idx.params.tail
        for g in big:
            run = order[starts[g] : ends[g]]
            members = list(dict.fromkeys(int(a) for a in art[run]))
            if len(members) < min_articles:
                continue
            distinct = stories.count(members)
            if distinct < min_articles:
                continue
            domain = idx.domains[int(dom[members[0]])] or "this dataset"
            first, second = view.ref(members[0]), view.ref(members[1])
            for pos in run:
                a, s = int(art[pos]), int(slot[pos])
                para = s if s < head else int(npara[a]) - tail + (s - head)
                ref = view.ref(a)
                other = second if a == members[0] else first
                where = self._where(idx, a, s, para, ref)
                yield ref, Problem(
                    message=(
                        f"site boilerplate: {where} repeats verbatim in {len(members)} articles of {domain} "
                        f"({distinct} different stories), e.g. {other.label}"
                    ),
                    line=self._line(idx, a, s, ref),
                    field="body",
                    paragraph=para,
                    suggestion=f"strip this paragraph from {domain} articles (scraper template or post-processing)",
                    fix=Fix(f"delete {where}, repeated site boilerplate", (Edit("delete_paragraph", paragraph=para),), "unsafe"),
                )

    @staticmethod
    def _line(idx, a: int, s: int, ref: ArticleRef) -> int:
        lines = idx.slot_lines.get(a)
        return lines[s] if lines and lines[s] else ref.line

    def _where(self, idx, a: int, s: int, para: int, ref: ArticleRef) -> str:
        lines = idx.slot_lines.get(a)
        if lines and lines[s]:
            return f"line {lines[s]}"
        return f"paragraph {para + 1}"


class _StoryGroups:
    """Counts different stories among articles: copies, same-title articles and near duplicates count once."""

    def __init__(self, view: IndexView) -> None:
        self.view = view
        a, b, _ = view.near_pairs
        self.near: dict[int, list[int]] = {}
        for x, y in zip(a.tolist(), b.tolist()):
            self.near.setdefault(x, []).append(y)
            self.near.setdefault(y, []).append(x)

    def count(self, members: list[int]) -> int:
        parent = {m: m for m in members}

        def find(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        def union(x: int, y: int) -> None:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)

        for col in (self.view.body, self.view.title):
            if col is None:
                continue
            seen: dict[int, int] = {}
            for m in members:
                v = int(col[m])
                if v:
                    if v in seen:
                        union(seen[v], m)
                    else:
                        seen[v] = m
        for m in members:
            for o in self.near.get(m, ()):
                if o in parent:
                    union(m, o)
        return len({find(m) for m in members})


RULES = [SiteBoilerplate]
