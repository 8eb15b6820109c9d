"""A registry with rules, a reader and a format that fail, as a careless third party's might.

Importable by worker processes (``registry.factory``), so ``-j`` runs build the same registry.
"""

from __future__ import annotations

import os
import signal
from typing import Any

from newslint.article import Article
from newslint.formatting.text import TextFormatter
from newslint.plugins import Registry, build_registry
from newslint.readers import Reader
from newslint.rule import ArticleRef, DatasetRule, Problem, Rule


class NeedsDate(Rule):
    """A rule that assumes every article has a date, and raises on one without.

    Its first paragraph finding is reported before it raises, so the engine must keep it.

    Fails::

        an article without a date

    Passes::

        an article with a date

    Fix: none.
    """

    code = "NLX900"
    name = "needs-date"
    severity = "warning"
    origin = "plugin:newslint-datecheck"

    def check(self, article: Article):
        if article.paragraphs:
            yield self.at_paragraph(article, 0, "first paragraph seen")
        if not article.date:
            raise ValueError(f"article {article.title!r} has no date")


class CountsWords(DatasetRule):
    """A dataset rule that raises while observing an article titled "Poison", and in its finish.

    Fails::

        a dataset with an article titled Poison

    Passes::

        a dataset without one

    Fix: none.
    """

    code = "NLX950"
    name = "counts-words"
    severity = "info"
    origin = "plugin:newslint-datecheck"
    fail_finish = True

    def new_state(self) -> Any:
        return []

    def observe(self, state: Any, article: Article) -> None:
        if article.title == "Poison":
            raise KeyError("poison")
        state.append(ArticleRef.of(article))

    def merge(self, a: Any, b: Any) -> Any:
        return a + b

    def finish(self, state: Any):
        for ref in state[:1]:
            yield ref, Problem("first article of the dataset")
        if self.fail_finish:
            raise ZeroDivisionError("division by zero")


class BoomReader(Reader):
    """Reads ``.boom`` files: one article per line, and raises on a line that says BOOM."""

    format = "boom"
    extensions = (".boom",)
    origin = "plugin:newslint-boom"

    def read(self, source, field_map):
        text = source.read_bytes().decode("utf-8")
        for n, line in enumerate(text.splitlines(), start=1):
            if line == "BOOM":
                raise RuntimeError("unexpected token")
            yield Article(path=source.path, format="boom", title=line, line=n, record_index=n - 1)


class FragileFormatter(TextFormatter):
    """The text format, whose per-article hook raises on an article titled "Fragile"."""

    name = "fragile"

    def article(self, article: Any, violations: list) -> None:
        if getattr(article, "title", None) == "Fragile":
            raise AttributeError("'NoneType' object has no attribute 'upper'")


#: the process that imported this module: a forked worker inherits the value, so it is not its own pid
_PARENT = os.getpid()


class KillsWorker(Rule):
    """A rule whose compiled code takes the process down on one article, as a crash or the
    system's out-of-memory killer would: in a worker process, an article titled "Fatal" ends it
    with SIGKILL (in the parent nothing happens).

    Fails::

        nothing

    Passes::

        every article

    Fix: none.
    """

    code = "NLX901"
    name = "kills-worker"
    severity = "warning"
    origin = "plugin:newslint-fragile"

    def check(self, article: Article):
        if article.title == "Fatal" and os.getpid() != _PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return iter(())


def make_killing_registry() -> Registry:
    reg = build_registry(load_entry_points=False)
    reg.rules[KillsWorker.code] = KillsWorker
    reg.factory = ("failing_plugins:make_killing_registry", {})
    return reg


def make_registry() -> Registry:
    reg = build_registry(load_entry_points=False)
    for rule in (NeedsDate, CountsWords):
        reg.rules[rule.code] = rule
    reg.readers[".boom"] = BoomReader
    reg.formatters["fragile"] = FragileFormatter
    reg.factory = ("failing_plugins:make_registry", {})
    return reg
