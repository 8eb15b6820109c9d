"""The base class of the NL6xx rules (:class:`IndexedDatasetRule`) and the bundle that lets the
selected ones share one index (:class:`DatasetRuleBundle`). See :mod:`newslint.dataset`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from newslint.article import RECORD_FORMATS, Article
from newslint.dataset.index import DatasetIndex, IndexParams, IndexView
from newslint.rule import ArticleRef, DatasetRule, OptionError, Problem, Rule


class IndexedDatasetRule(DatasetRule):
    """A dataset rule that reads the shared :class:`DatasetIndex`.

    Subclasses name the index ``parts`` they need, may add index settings from their options
    (:meth:`index_settings`), and implement :meth:`report` over an :class:`IndexView`.
    """

    parts: ClassVar[frozenset[str]] = frozenset()
    #: off by default unless a rule says otherwise. A rule that is on by default compares the
    #: articles of each file among themselves (pre-commit hands files over in batches, so a
    #: finding across files would depend on the batching); selected by code, prefix or name
    #: (``--extend-select NL6``), or with ``dataset = true``, it compares across files
    default_enabled: ClassVar[bool] = False
    #: set by the engine from the configuration (:meth:`newslint.config.Config.across_files`)
    across_files: bool = True

    def index_settings(self) -> dict[str, Any]:
        """IndexParams fields this rule sets from its options."""
        return {}

    def view_settings(self) -> dict[str, Any]:
        """IndexView attributes this rule sets from its options (read at finish only)."""
        return {}

    def index_params(self) -> IndexParams:
        try:
            return IndexParams(parts=frozenset(self.parts), **self.index_settings())
        except OptionError as exc:  # say whose options they are
            raise OptionError(f"{self.code} ({self.name}) options: {exc}") from None

    def new_state(self) -> DatasetIndex:
        return DatasetIndex(self.index_params())

    def observe(self, state: DatasetIndex, article: Article) -> None:
        # within each file, an article of a text format (one article per file) has nothing to
        # compare with: it is not indexed, and a run on a few text files never builds an index
        if self.across_files or article.format in RECORD_FORMATS:
            state.add(article)

    def merge(self, a: DatasetIndex, b: DatasetIndex) -> DatasetIndex:
        return a.merge(b)

    def finish(self, state: DatasetIndex) -> Iterator[tuple[ArticleRef, Problem]]:
        if not state.n:
            return
        view = state.view()
        for k, v in self.view_settings().items():
            setattr(view, k, v)
        view.per_file = not self.across_files
        yield from self.report(view)

    def report(self, view: IndexView) -> Iterable[tuple[ArticleRef, Problem]]:  # pragma: no cover
        raise NotImplementedError


class DatasetRuleBundle(DatasetRule):
    """Several :class:`IndexedDatasetRule` sharing one index: observed once, merged once."""

    code = "NL6xx"
    name = "dataset-index"

    def __init__(self, members: list[IndexedDatasetRule]) -> None:
        super().__init__({})
        self.members = sorted(members, key=lambda r: r.code)
        parts: set[str] = set()
        settings: dict[str, Any] = {}
        view: dict[str, Any] = {}
        for m in self.members:
            parts |= m.parts
            settings.update(m.index_settings())
            view.update(m.view_settings())
        self.params = IndexParams(parts=frozenset(parts), **settings)
        self._view_settings = view

    def new_state(self) -> DatasetIndex:
        return DatasetIndex(self.params)

    def observe(self, state: DatasetIndex, article: Article) -> None:
        if article.format in RECORD_FORMATS or any(m.across_files for m in self.members):
            state.add(article)  # see IndexedDatasetRule.observe

    def merge(self, a: DatasetIndex, b: DatasetIndex) -> DatasetIndex:
        return a.merge(b)

    def findings(self, state: DatasetIndex) -> Iterator[tuple[Rule, ArticleRef, Problem]]:
        views: dict[bool, IndexView] = {}  # one per scope: within each file, across files
        if not state.n:  # nothing indexed (text files compared within each file)
            return
        failure: Exception | None = None
        for member in self.members:
            per_file = not member.across_files
            view = views.get(per_file)
            if view is None:
                view = views[per_file] = state.view()
                for k, v in self._view_settings.items():
                    setattr(view, k, v)
                view.per_file = per_file
            try:
                for ref, problem in member.report(view):
                    yield member, ref, problem
            except Exception as exc:  # the other members still report; the engine names this one
                if failure is None:
                    try:
                        exc.__newslint_rule__ = member  # type: ignore[attr-defined]
                    except AttributeError:
                        pass
                    failure = exc
        if failure is not None:
            raise failure

    def finish(self, state: DatasetIndex) -> Iterator[tuple[ArticleRef, Problem]]:
        raise TypeError("a bundle reports for several rules: call findings(state), not finish(state)")


def bundle_dataset_rules(rules: list[DatasetRule]) -> list[DatasetRule]:
    """Group the IndexedDatasetRule instances of ``rules`` into one bundle (others stay as they are)."""
    indexed = [r for r in rules if isinstance(r, IndexedDatasetRule)]
    if len(indexed) < 2:
        return list(rules)
    others = [r for r in rules if not isinstance(r, IndexedDatasetRule)]
    return [*others, DatasetRuleBundle(indexed)]
