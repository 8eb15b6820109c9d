"""How a command-line run ends when something goes wrong outside the rules.

- An unexpected exception ends the run with one line on standard error and exit status 2 (never
  1, which means "findings"); ``--debug`` or ``NEWSLINT_DEBUG=1`` adds the traceback.
- Ctrl-C (SIGINT) ends it with status 130 and SIGTERM with 143, after the cleanup every ``finally``
  does: a report being written with ``--output-file`` is discarded (:class:`newslint.interrupts.ReportFile`), a cache
  entry being written is removed, and a file ``--fix`` was rewriting keeps its original bytes (the
  fixer writes to a temporary file and renames it only once the file is complete).

Rule failures never get here: the engine turns them into NL004 findings on the article they
failed on (:meth:`newslint.engine.Linter.check_article`).
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence

from newslint.debugging import DEBUG_ENV, debug_enabled, describe_exception
from newslint.interrupts import EXIT_SIGINT, EXIT_SIGTERM

EXIT_ERROR = 2


class RunError(Exception):
    """The run cannot go on for a reason outside newslint's code (a worker process killed by the
    system); its message says what happened and what to do, and ends the run with exit status 2."""


class Terminated(KeyboardInterrupt):
    """Raised in the main thread when the process receives SIGTERM.

    A subclass of KeyboardInterrupt, so every cleanup written for Ctrl-C runs for it too.
    """


def _on_sigterm(signum, frame):  # pragma: no cover - exercised through a subprocess
    raise Terminated()


def run_guarded(main: Callable[[list[str]], int], argv: Sequence[str]) -> int:
    """Run ``main(argv)``; turn interrupts and unexpected exceptions into exit statuses.

    ``--debug`` among the arguments sets ``NEWSLINT_DEBUG`` for the run, so that the processes the
    run starts print tracebacks too; the previous value is restored afterwards.
    """
    argv = list(argv)
    debug = "--debug" in argv[: argv.index("--")] if "--" in argv else "--debug" in argv
    previous_env = os.environ.get(DEBUG_ENV)
    if debug:
        os.environ[DEBUG_ENV] = "1"
    previous_handler = None
    if threading.current_thread() is threading.main_thread():
        try:
            previous_handler = signal.signal(signal.SIGTERM, _on_sigterm)
        except (ValueError, OSError):  # pragma: no cover - signals unavailable here
            previous_handler = None
    status = None
    try:
        status = main(argv)
        sys.stdout.flush()  # a report still buffered fails here, not in the interpreter's exit
        return status
    except BrokenPipeError:  # `newslint rule NL101 | head -1`: the reader has what it wanted
        _drop_stdout()
        return status if status is not None else 0
    except OSError as exc:
        if exc.errno not in _WRITE_ERRORS:
            return _internal_error(exc)
        return _cannot_write(exc)
    except RunError as exc:
        _abort_cache_writes()
        _say(f"error: {exc}")
        return EXIT_ERROR
    except Terminated:
        _abort_cache_writes()
        _say("terminated")
        return EXIT_SIGTERM
    except KeyboardInterrupt:
        _abort_cache_writes()
        _say("interrupted")
        return EXIT_SIGINT
    except Exception as exc:
        return _internal_error(exc)
    finally:
        if previous_handler is not None:
            signal.signal(signal.SIGTERM, previous_handler)
        if debug:
            if previous_env is None:
                os.environ.pop(DEBUG_ENV, None)
            else:
                os.environ[DEBUG_ENV] = previous_env


#: a full disk or quota, a file too large, an I/O error, a read-only file system: the output (a
#: report on standard output or in a file) could not be written, which is no internal error
_WRITE_ERRORS = frozenset(getattr(errno, name) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EROFS")
                          if hasattr(errno, name))


def _drop_stdout() -> None:
    """Point standard output at /dev/null, so that the interpreter's last flush at exit finds no
    closed pipe to complain about."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def _cannot_write(exc: OSError) -> int:
    """One line saying the report could not be written (the rest of a run writes its files under
    its own guard: --fix, the cache, the baseline); standard output is closed, so that the
    interpreter does not try the write again at exit and print a second error."""
    try:
        sys.stdout.close()
    except (OSError, ValueError):
        pass
    _say(f"error: cannot write the report{f' ({exc.filename})' if exc.filename else ''}: {exc.strerror or exc}")
    return EXIT_ERROR


def _say(line: str) -> None:
    try:
        sys.stderr.write(f"newslint: {line}\n")
        sys.stderr.flush()
    except (OSError, ValueError):  # standard error closed or gone
        pass


def _internal_error(exc: BaseException) -> int:
    if debug_enabled():
        try:
            traceback.print_exception(exc, file=sys.stderr)
        except (OSError, ValueError):
            pass
        _say(f"error: internal error: {describe_exception(exc)}")
    else:
        _say(f"error: internal error: {describe_exception(exc)} (run with --debug for the traceback)")
    return EXIT_ERROR


def _abort_cache_writes() -> None:
    from newslint.cache import abort_open_writers

    abort_open_writers()
