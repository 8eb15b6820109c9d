"""Markdown code fences as CommonMark reads them, shared by the reader and the suppression comments.

A fence opens with three or more backticks or tildes (indented by at most three spaces) and closes
only with a line of the same character, at least as long, and nothing after it but spaces. So a
```` block can quote a ``` fence without closing, and the lines inside a code block are never
read as paragraphs (or directives), whatever they hold.
"""

from __future__ import annotations

from newslint.lazy import LazyPattern

_OPEN = LazyPattern(r"^ {0,3}(`{3,}|~{3,})")
_CLOSE = LazyPattern(r"^ {0,3}(`{3,}|~{3,})[ \t]*$")


class Fences:
    """Feed the lines of a Markdown body in order: :meth:`fence_line` says whether a line opens or
    closes a fence, :attr:`inside` whether the lines after it are code."""

    def __init__(self) -> None:
        self.marker = ""  # the opening run of backticks or tildes, "" outside a fence

    @property
    def inside(self) -> bool:
        return bool(self.marker)

    def fence_line(self, line: str) -> bool:
        if not self.marker:
            m = _OPEN.match(line)
            if m is None or (m.group(1)[0] == "`" and "`" in line[m.end():]):  # `` ```a`b `` is inline code
                return False
            self.marker = m.group(1)
            return True
        m = _CLOSE.match(line)
        if m is not None and m.group(1)[0] == self.marker[0] and len(m.group(1)) >= len(self.marker):
            self.marker = ""
            return True
        return False
