"""What every command-line entry point shares: exit statuses, the one-line-error argument parser,
comma-separated values, and whether a progress bar may be shown.

Its own module so that subcommands (``newslint report``) use them without importing the main
command, and imports run one way: cli -> report -> cliargs.
"""

from __future__ import annotations

import argparse
import sys

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        self.exit(EXIT_ERROR, f"newslint: error: {message}\n")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def show_progress(args: argparse.Namespace) -> bool:
    """A progress bar only on a terminal's standard error, and not with ``--no-progress``."""
    isatty = getattr(sys.stderr, "isatty", None)
    return not args.no_progress and isatty is not None and isatty()
