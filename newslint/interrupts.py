"""Interrupted runs lose nothing: Ctrl-C and SIGTERM, exit statuses, and the all-or-nothing report file.

A run stopped by Ctrl-C (SIGINT) or SIGTERM stops its worker processes, writes no partial
``--output-file`` and no cache entry, leaves every file ``--fix`` was rewriting as it was (fixed
files are replaced atomically: see :mod:`newslint.fixer.atomic`), and exits with 128 + the
signal's number, as shells report a process killed by it: 130 for SIGINT, 143 for SIGTERM.

* :func:`newslint.guard.run_guarded` turns SIGTERM into a :class:`KeyboardInterrupt` for the whole
  run, so that the ``finally`` blocks on the way out clean up after both signals alike, and maps
  the two to their exit statuses.
* :class:`ReportFile` is what ``--output-file`` writes to: a temporary file beside the target,
  renamed over it when the report is complete, deleted when the run is interrupted.
* Worker processes ignore SIGINT (the terminal sends Ctrl-C to the whole process group; the parent
  decides) and leave on SIGTERM, which the parent sends them when it stops early
  (:mod:`newslint.parallel`).
"""

from __future__ import annotations

import os
import signal
import sys
import stat
import tempfile
from typing import Any

EXIT_SIGINT = 128 + signal.SIGINT  # 130
EXIT_SIGTERM = 128 + signal.SIGTERM  # 143


# ---------------------------------------------------------------------------- the report file
TMP_SUFFIX = ".newslint-tmp"


class ReportFile:
    """A text stream for ``--output-file``: the file appears whole when :meth:`close` is called, and
    not at all after :meth:`discard` (an interrupted run). Opening fails at once, with OSError,
    when the folder cannot be written.

    A target that exists and is not a regular file (``/dev/null``, a pipe, a terminal) is written
    directly: there is nothing to replace.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.tmp: str | None = None
        try:
            st = os.stat(path)
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.stream = open(path, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
            self.target = path
            return
        self.target = os.path.realpath(path)
        folder = os.path.dirname(self.target) or "."
        fd, self.tmp = tempfile.mkstemp(prefix="." + os.path.basename(self.target) + ".", suffix=TMP_SUFFIX, dir=folder)
        if st is not None:
            mode = stat.S_IMODE(st.st_mode)
        else:  # what open() would have given a new file
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        try:
            os.chmod(self.tmp, mode)
        except OSError:
            pass
        self.stream = open(fd, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()

    def write(self, text: str) -> int:
        return self.stream.write(text)

    def __getattr__(self, name: str) -> Any:  # encoding, writelines, ...: those of the open file
        return getattr(self.__dict__["stream"], name)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.stream.fileno()

    @property
    def closed(self) -> bool:
        return self.stream.closed

    def close(self) -> None:
        """Finish the report: rename the temporary file over the target, unless an exception is on
        its way out of the run (Ctrl-C, SIGTERM, an internal error): then the report is discarded."""
        if self.stream.closed:
            return
        if sys.exc_info()[1] is not None:
            self.discard()
            return
        self.stream.close()
        if self.tmp is not None:
            try:
                os.replace(self.tmp, self.target)
            except OSError:
                self.discard()
                raise
            self.tmp = None

    def discard(self) -> None:
        """Drop what was written; the target is left as it was."""
        try:
            self.stream.close()
        except OSError:
            pass
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except OSError:
                pass
            self.tmp = None


# ---------------------------------------------------------------------------- worker processes
def worker_signals(on_term: Any) -> None:
    """In a worker process: ignore SIGINT, call ``on_term()`` on SIGTERM (it must not return)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda _signum, _frame: on_term())
