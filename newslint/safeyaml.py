"""YAML loading for every YAML newslint reads: front matter, configuration files and rule packs.

:func:`load` is ``yaml.safe_load`` (no tags that build objects or run code) with bounds on what a
small hostile document can make the program do:

- **Aliases**: anchors and aliases are allowed (configuration files use them to share lists), but
  the document they describe, once every alias is expanded, may hold at most
  :data:`MAX_ALIAS_EXPANSION` nodes more than the document as written. A "billion laughs" document
  (nine aliases to nine aliases to ...) is refused in microseconds instead of yielding a structure
  of a billion nodes that the next ``str()`` or normalisation would try to walk.
- **Recursive aliases** (``a: &x [*x]``), which build a list that contains itself, are refused.
- **Depth**: collections nested deeper than :data:`MAX_DEPTH` are refused.
- **Duplicate keys**, with ``unique_keys`` (configuration files and rule packs): a key written
  twice in one mapping is refused; ``safe_load`` would keep the last value and drop the first
  without a word (``ignore:`` given twice). Front matter keeps PyYAML's behaviour.

Every refusal is a :class:`YAMLBoundError`, a ``yaml.YAMLError``, so callers that already report
malformed YAML (NL003 for front matter, a one-line error for configuration and packs) report it the
same way. The C loader (libyaml) is used when PyYAML was built with it.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

#: nodes that alias expansion may add to a document, beyond the nodes written out
MAX_ALIAS_EXPANSION = 10_000
#: deepest nesting of collections accepted
MAX_DEPTH = 200

#: yaml.safe_load's loader, in C when available (same behaviour, several times faster)
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE):  # type: ignore[misc, valid-type]
    """The safe loader, except that a timestamp the calendar does not have (``2026-02-30``,
    ``2024-01-01 25:00``) stays the text it is, for the rules to judge (NL210), instead of failing
    the whole document with a ValueError."""

    def construct_yaml_timestamp(self, node: Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_LOADER = _Loader


class YAMLBoundError(yaml.YAMLError):
    """A YAML document refused for its aliases, its depth or (when asked) a key given twice.

    Like PyYAML's own errors it has ``problem`` (what is wrong) and ``problem_mark`` (where, or
    None), which the callers use to say where the problem is.
    """

    def __init__(self, problem: str, node: Node | None = None) -> None:
        self.problem = problem
        self.problem_mark = getattr(node, "start_mark", None)
        super().__init__(problem)

    def __str__(self) -> str:
        mark = self.problem_mark
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        return self.problem + where


def load(stream: str | bytes, unique_keys: bool = False) -> Any:
    """Parse one YAML document safely and within bounds; ``yaml.YAMLError`` when it cannot be.

    ``unique_keys``: refuse a mapping that gives one key twice."""
    loader = _LOADER(stream)
    try:
        try:
            node = loader.get_single_node()
        except RecursionError:
            raise YAMLBoundError(f"YAML nested too deeply (more than {MAX_DEPTH} levels)") from None
        if node is None:
            return None
        check(node, unique_keys)
        try:
            return loader.construct_document(node)
        except RecursionError:  # pragma: no cover - check() bounds the depth first
            raise YAMLBoundError(f"YAML nested too deeply (more than {MAX_DEPTH} levels)") from None
    finally:
        loader.dispose()


def check(root: Node, unique_keys: bool = False) -> None:
    """Refuse a composed document whose aliases expand too far, that aliases itself, or is too deep
    (and, with ``unique_keys``, one with a mapping that gives a key twice).

    Walks the node graph iteratively (a deep document cannot exhaust the stack here). A node reached
    a second time is an alias: its expanded size is counted again, which is what expansion costs.
    """
    size: dict[int, int] = {}  # id(node) -> nodes once expanded, for finished collections
    on_path: set[int] = set()
    # stack of (node, depth, children iterator or None)
    stack: list[tuple[Node, int, Any]] = [(root, 1, None)]
    sums: list[int] = []  # running expanded size of each collection on the stack
    extra = 0
    while stack:
        node, depth, children = stack[-1]
        key = id(node)
        if children is None:
            if key in size:  # seen before: an alias to a finished node
                extra += size[key]
                if extra > MAX_ALIAS_EXPANSION:
                    raise YAMLBoundError(_too_many(), node)
                stack.pop()
                if sums:
                    sums[-1] += size[key]
                continue
            if key in on_path:
                raise YAMLBoundError("recursive YAML alias (a collection that contains itself)", node)
            if depth > MAX_DEPTH:
                raise YAMLBoundError(f"YAML nested too deeply (more than {MAX_DEPTH} levels)", node)
            if isinstance(node, SequenceNode):
                kids: list[Node] = list(node.value)
            elif isinstance(node, MappingNode):
                kids = [n for pair in node.value for n in pair]
                if unique_keys:
                    _check_unique_keys(node)
            else:
                size[key] = 1
                stack.pop()
                if sums:
                    sums[-1] += 1
                continue
            on_path.add(key)
            sums.append(1)
            stack[-1] = (node, depth, iter(kids))
            continue
        child = next(children, None)
        if child is not None:
            stack.append((child, depth + 1, None))
            continue
        stack.pop()
        on_path.discard(key)
        total = sums.pop()
        size[key] = total
        if sums:
            sums[-1] += total


def _check_unique_keys(node: MappingNode) -> None:
    """Refuse a mapping in which a plain key (text, a number...) is written twice."""
    seen: set[tuple[str, str]] = set()
    for key, _value in node.value:
        if not isinstance(key, ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
            continue
        ident = (key.tag, key.value)
        if ident in seen:
            raise YAMLBoundError(f"duplicate key '{key.value}' (a key may be given once in a mapping)", key)
        seen.add(ident)


def _too_many() -> str:
    return (f"YAML aliases expand to more than {MAX_ALIAS_EXPANSION:,} extra nodes; "
            "refused (write the values out, or use fewer aliases)")
