"""Choosing which fixes to apply to one article, and mapping paragraph offsets to source offsets.

Overlap resolution (documented in docs/fixing.md): the fixes of an article are sorted by the position
of their first edit (field, paragraph, start offset; at one position the wider edit first, so deleting a
paragraph comes before replacing text inside it), then by rule code and message, so the order never
depends on the order rules ran in. Fixes are accepted one by one in that order; a fix is dropped when
one of its edits overlaps an edit already accepted. A fix is all or nothing: its edits are applied
together or not at all. A fix whose edits are all identical to already accepted edits counts as fixed
(two rules asking to delete the same paragraph). Dropped fixes are not lost: the fixer checks the
article again after applying a round of fixes and applies what still applies, up to ``MAX_ROUNDS``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newslint.violation import Edit, Fix, Violation

#: fix rounds per article before the fixer gives up (each round re-checks the fixed article)
MAX_ROUNDS = 10

_WHOLE = 1 << 62


class FixError(Exception):
    """An edit that cannot be applied faithfully to the source; its fix is skipped, never forced."""

    def __init__(self, message: str, edit: Edit | None = None) -> None:
        super().__init__(message)
        self.edit = edit


def edit_region(edit: Edit) -> tuple[str, int, int, int]:
    """(field, paragraph or -1, start, end) of the text an edit touches; whole-unit edits span all."""
    if edit.kind == "delete_paragraph":
        return ("body", edit.paragraph if edit.paragraph is not None else -1, 0, _WHOLE)
    if edit.kind == "set_field":
        return (edit.field, -1, 0, _WHOLE)
    para = edit.paragraph if edit.paragraph is not None else -1
    start = edit.start if edit.start is not None else 0
    end = edit.end if edit.end is not None else start
    return (edit.field, para, start, end)


def regions_overlap(a: tuple[str, int, int, int], b: tuple[str, int, int, int]) -> bool:
    if a[0] != b[0]:
        return False
    if a[1] != b[1]:
        # a whole-field edit of a metadata field, or an edit on different paragraphs
        return False
    (s1, e1), (s2, e2) = a[2:], b[2:]
    if s1 == e1 and s2 == e2:  # two insertions at one point: their order would be arbitrary
        return s1 == s2
    if s1 == e1:
        return s2 < s1 < e2 or (e2 == _WHOLE)
    if s2 == e2:
        return s1 < s2 < e1 or (e1 == _WHOLE)
    return s1 < e2 and s2 < e1


def fix_key(v: Violation) -> tuple:
    """Sort key of a fix: where its first edit starts, wider edits first (a paragraph deletion before
    a replacement inside that paragraph), then rule code and message."""
    regions = [(f, p, s, -e) for f, p, s, e in (edit_region(e) for e in v.fix.edits)] if v.fix else []
    first = min(regions) if regions else ("", -1, 0, 0)
    return (first, v.code, v.message)


def validate_edit(edit: Edit) -> None:
    if edit.kind not in ("delete_paragraph", "replace", "set_field"):
        raise FixError(f"unknown edit kind {edit.kind!r}", edit)
    if edit.kind == "delete_paragraph" and edit.paragraph is None:
        raise FixError("delete_paragraph without a paragraph", edit)
    if edit.kind == "replace":
        if edit.start is None or edit.end is None or edit.start < 0 or edit.end < edit.start:
            raise FixError("replace without a valid start/end", edit)
        if edit.field == "body" and edit.paragraph is None:
            raise FixError("replace in the body without a paragraph", edit)
        if edit.text is None:
            raise FixError("replace without replacement text", edit)


@dataclass
class Plan:
    """The fixes accepted for one article: their edits and the findings they fix."""

    edits: list[Edit] = field(default_factory=list)
    fixed: list[Violation] = field(default_factory=list)
    #: findings whose fix was set aside for this round (overlap), or refused (cannot apply)
    deferred: list[Violation] = field(default_factory=list)


def plan_fixes(violations: Iterable[Violation], unsafe: bool, refused: set[Fix] | None = None) -> Plan:
    """Pick the fixes to apply to one article, resolving overlaps deterministically."""
    refused = refused or set()
    candidates = [
        v for v in violations
        if v.fix is not None and v.fix.edits and (v.fix.safe or unsafe) and v.fix not in refused
    ]
    candidates.sort(key=fix_key)
    plan = Plan()
    accepted: list[tuple[tuple, Edit]] = []
    for v in candidates:
        assert v.fix is not None
        try:
            for e in v.fix.edits:
                validate_edit(e)
        except FixError:
            plan.deferred.append(v)
            continue
        regions = [edit_region(e) for e in v.fix.edits]
        if all(any(e == a for _, a in accepted) for e in v.fix.edits):
            plan.fixed.append(v)  # the same change is already planned
            continue
        own_conflict = any(
            regions_overlap(regions[i], regions[j]) for i in range(len(regions)) for j in range(i + 1, len(regions))
        )
        if own_conflict or any(regions_overlap(r, a) for r in regions for a, _ in accepted):
            plan.deferred.append(v)
            continue
        accepted.extend(zip(regions, v.fix.edits))
        plan.edits.extend(v.fix.edits)
        plan.fixed.append(v)
    return plan


def align(ptext: str, source: str) -> list[int]:
    """Map each offset 0..len(ptext) of a paragraph's text to an offset in its source span.

    Readers collapse the white space of a paragraph (a hard-wrapped block becomes one line). Runs of
    non-space characters map one to one; a white-space run maps one to one when it has the same length
    in both, and a single space maps to the whole run it stands for. Anything else is a mismatch and
    raises FixError: the fixer never guesses where text came from.
    """
    pos = [0] * (len(ptext) + 1)
    i = j = 0
    n, m = len(ptext), len(source)
    while i < n:
        if ptext[i].isspace():
            i2 = i
            while i2 < n and ptext[i2].isspace():
                i2 += 1
            j2 = j
            while j2 < m and source[j2].isspace():
                j2 += 1
            if j2 == j:
                raise FixError("paragraph text does not match its source")
            if i2 - i == j2 - j:
                for k in range(i2 - i):
                    pos[i + k] = j + k
            elif i2 - i == 1:
                pos[i] = j
            else:
                raise FixError("paragraph text does not match its source")
            i, j = i2, j2
            pos[i] = j
            continue
        if j >= m or ptext[i] != source[j]:
            raise FixError("paragraph text does not match its source")
        pos[i] = j
        i += 1
        j += 1
        pos[i] = j
    pos[n] = j
    return pos
