"""Saying what failed: one line for the user, the traceback for the author with ``--debug``.

Kept apart from the engine so that the command line's last-resort handler (newslint.guard) can use
it without importing the engine.
"""

from __future__ import annotations

import os
import sys
import traceback

#: set (to anything but "" or "0") to print the traceback of every rule, reader or formatter that
#: fails; ``newslint --debug`` sets it for its own run and the worker processes it starts
DEBUG_ENV = "NEWSLINT_DEBUG"


def debug_enabled() -> bool:
    """Whether failures print their traceback (``--debug`` or ``NEWSLINT_DEBUG``)."""
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def describe_exception(exc: BaseException) -> str:
    """``ValueError: message`` on one line, at most 300 characters."""
    text = " ".join(str(exc)[:2000].split())
    label = type(exc).__name__
    if len(text) > 300:
        text = text[:299] + "\u2026"
    return f"{label}: {text}" if text else label


def print_debug_traceback(what: str, exc: BaseException) -> None:
    """With ``--debug``: the full traceback of a failure, on standard error, for the author of ``what``."""
    if debug_enabled():
        sys.stderr.write(f"newslint: debug: {what} failed:\n")
        traceback.print_exception(exc, file=sys.stderr)
        sys.stderr.flush()
