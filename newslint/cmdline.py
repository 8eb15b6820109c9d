"""What the command-line entry points share: exit statuses, the argument parser, small helpers.

``newslint.cli`` (the linter's command line) and the subcommands in other modules
(``newslint.report``) import from here, so that no subcommand module imports ``newslint.cli``:
the command line calls into them, never the other way round.
"""

from __future__ import annotations

import argparse
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line on standard error and exit status 2."""

    def error(self, message: str) -> None:  # one line, exit 2
        from newslint.violation import shown

        self.exit(EXIT_ERROR, f"newslint: error: {shown(message)}\n")


def csv_list(value: str) -> list[str]:
    """``"NL1, NL2,"`` -> ``["NL1", "NL2"]``."""
    return [v.strip() for v in value.split(",") if v.strip()]


def show_progress(args: argparse.Namespace) -> bool:
    """A progress bar goes to standard error, and only when that is a terminal."""
    isatty = getattr(sys.stderr, "isatty", None)
    return not args.no_progress and isatty is not None and isatty()
