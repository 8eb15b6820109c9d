"""The progress bar of long runs: on standard error, only when it is a terminal.

It counts articles (and articles per second) and, when the size of every input is known (files,
standard input), the bytes read so far out of the total, which gives the time left. It appears
only after the run has lasted ``delay`` seconds, so short runs never flash a bar, and it is
removed when the run ends. Piped or redirected output never contains it.

The delay defaults to half a second; the environment variable ``NEWSLINT_PROGRESS_DELAY`` sets
another (in seconds; ``0`` shows the bar from the first article), so what a test sees of the bar
never depends on how fast the machine is.
"""

from __future__ import annotations

import os
import time
from typing import IO, Any

from rich.console import Console
from rich.file_proxy import FileProxy
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newslint.readers import Source


#: seconds a run lasts before the bar appears, unless NEWSLINT_PROGRESS_DELAY says otherwise
DEFAULT_DELAY = 0.5


def default_delay() -> float:
    """The bar's delay: ``NEWSLINT_PROGRESS_DELAY`` (seconds, >= 0) or :data:`DEFAULT_DELAY`."""
    raw = os.environ.get("NEWSLINT_PROGRESS_DELAY", "").strip()
    if raw:
        try:
            value = float(raw)
        except ValueError:
            return DEFAULT_DELAY
        if value >= 0 and value == value and value != float("inf"):
            return value
    return DEFAULT_DELAY


class _ArticleRate(ProgressColumn):
    """"12,345 articles · 2,100/s"."""

    def render(self, task: Any) -> Text:
        n = task.fields.get("articles", 0)
        elapsed = task.elapsed or 0.0
        rate = n / elapsed if elapsed > 0 else 0.0
        return Text(f"{n:,} articles · {rate:,.0f}/s", style="progress.data.speed")


class RunProgress:
    """Feeds a rich Progress from the engine's per-article callback."""

    def __init__(self, console: Console, total_bytes: int | None, delay: float | None = None,
                 refresh: float = 0.1) -> None:
        self.console = console
        self.total = total_bytes or None
        self.delay = default_delay() if delay is None else delay
        self.refresh = refresh
        self.started_at = time.monotonic()
        self.next_update = self.started_at + self.delay
        self.articles = 0
        self.done_bytes = 0  # bytes of the sources finished
        self.current: Source | None = None
        self.progress: Progress | None = None
        self.task: Any = None

    def _make(self) -> Progress:
        columns: list[Any] = [TextColumn("[bold]newslint"), BarColumn(bar_width=30)]
        if self.total:
            columns += [DownloadColumn(), TextColumn("·"), _ArticleRate(), TextColumn("·"), TimeRemainingColumn()]
        else:
            columns += [_ArticleRate(), TextColumn("·"), TimeElapsedColumn()]
        return Progress(*columns, console=self.console, transient=True, redirect_stdout=False,
                        redirect_stderr=False, refresh_per_second=8)

    def wrap_sources(self, sources):
        """Pass sources through, remembering which one is being read (for bytes read)."""
        for source in sources:
            if isinstance(source, Source):
                if self.current is not None:
                    self.done_bytes += self.current.size()
                self.current = source
            yield source

    def position(self) -> int:
        return self.done_bytes + (self.current.bytes_read() if self.current is not None else 0)

    def on_article(self, article: Any, violations: Any) -> None:
        self.articles += 1
        now = time.monotonic()
        if now < self.next_update:
            return
        self.next_update = now + self.refresh
        if self.progress is None:
            self.progress = self._make()
            self.progress.start()
            self.task = self.progress.add_task("lint", total=self.total, completed=self.position(),
                                               articles=self.articles)
        self.progress.update(self.task, completed=self.position(), articles=self.articles)

    def stdout_proxy(self, stdout: IO[str]) -> IO[str]:
        """A stream for output going to the same terminal: printed above the bar while it shows."""
        self.proxy = _LiveSafeStream(self, stdout)
        return self.proxy  # type: ignore[return-value]

    def stop(self) -> None:
        proxy = getattr(self, "proxy", None)
        if proxy is not None:
            proxy.flush()
        if self.progress is not None:
            self.progress.stop()
            self.progress = None


class _LiveSafeStream:
    """Writes straight through, or above the live bar (via rich's FileProxy) while it shows.

    While the bar shows, output is batched and printed at most ten times a second: every print
    above a live display redraws it.
    """

    def __init__(self, run: RunProgress, stdout: IO[str], interval: float = 0.1) -> None:
        self.run = run
        self.stdout = stdout
        self.live = FileProxy(run.console, stdout)
        self.pending: list[str] = []
        self.interval = interval
        self.next_flush = 0.0

    def write(self, text: str) -> int:
        if self.run.progress is None:
            if self.pending:
                self.flush()
            return self.stdout.write(text)
        self.pending.append(text)
        now = time.monotonic()
        if now >= self.next_flush:
            self.next_flush = now + self.interval
            self._flush_pending()
        return len(text)

    def _flush_pending(self) -> None:
        if self.pending:
            text = "".join(self.pending)
            self.pending.clear()
            if self.run.progress is None:
                self.stdout.write(text)
            else:
                self.live.write(text)

    def flush(self) -> None:
        self._flush_pending()
        self.live.flush()
        self.stdout.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stdout, name)


def total_size(sources: list) -> int | None:
    """Total bytes of the sources, or None when some size is unknown."""
    total = 0
    for s in sources:
        if isinstance(s, Source):
            size = s.size()
            if not size:
                return None
            total += size
    return total or None
