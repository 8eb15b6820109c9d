"""Output formats, one module each, registered by name through the ``newslint_formatters`` hook."""

from __future__ import annotations

from typing import IO, Any

from newslint import hookimpl
from newslint.engine import RunStats
from newslint.violation import Violation


class Formatter:
    """Base class of output formats.

    The CLI calls :meth:`start` once, :meth:`handle` for every finding in output order, then
    :meth:`finish` with the run's statistics.
    """

    #: whether the format writes the flake8-style line and so can show fixes under it
    name = ""

    def __init__(self, stream: IO[str], *, show_fixes: bool = False, **options: Any) -> None:
        self.stream = stream
        self.show_fixes = show_fixes
        self.options = options

    def start(self) -> None:
        pass

    def handle(self, violation: Violation) -> None:
        raise NotImplementedError

    def finish(self, stats: RunStats) -> None:
        pass


@hookimpl
def newslint_formatters() -> dict[str, type[Formatter]]:
    from newslint.formatting.text import TextFormatter

    return {"text": TextFormatter}
