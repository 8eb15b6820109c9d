"""The package's imports form no cycle: data flows one way (read, rules, filters, output).

Every import counts, wherever it is written: at the top of a module, inside a function (lazy
imports for start-up time), or under ``if TYPE_CHECKING``. One kind of edge is left out: a package
importing its own submodules (``newslint.readers`` registering ``newslint.readers.txt`` in its hook),
because Python always imports a package before any of its submodules, so that edge adds no order
the child's import of its parent does not already impose.
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "newslint"


def _modules() -> dict[str, Path]:
    mods = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _resolve(name: str, mods: dict[str, Path]) -> str | None:
    while name and name not in mods:
        name = name.rpartition(".")[0]
    return name or None


def import_graph() -> dict[str, set[str]]:
    """module -> the newslint modules it imports (anywhere in its source)."""
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for mod, path in mods.items():
        is_pkg = path.name == "__init__.py"
        package = mod if is_pkg else mod.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    module = ".".join(base + ([node.module] if node.module else []))
                else:
                    module = node.module or ""
                # "from newslint import safeyaml" imports the module newslint.safeyaml
                targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in mods else module for a in node.names]
            for target in targets:
                if not target.startswith("newslint"):
                    continue
                dep = _resolve(target, mods)
                if dep is None or dep == mod:
                    continue
                if is_pkg and dep.startswith(mod + "."):
                    continue  # a package importing its own submodule (see the module docstring)
                deps.add(dep)
        graph[mod] = deps
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    comp.append(member)
                    if member == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


def test_no_import_cycle_anywhere():
    graph = import_graph()
    found = cycles(graph)
    detail = ["; ".join(f"{m} -> {sorted(graph[m] & set(c))}" for m in c) for c in found]
    assert not found, f"import cycles: {detail}"


def test_the_data_path_reads_one_way():
    graph = import_graph()

    def reaches(start: str, goal: str) -> bool:
        seen, todo = set(), [start]
        while todo:
            m = todo.pop()
            if m == goal:
                return True
            if m not in seen:
                seen.add(m)
                todo.extend(graph.get(m, ()))
        return False

    # the engine runs readers, rules and the filter stage; none of them knows the engine
    assert reaches("newslint.engine", "newslint.suppress")
    for stage in ("newslint.suppress", "newslint.readers.jsonl", "newslint.rule", "newslint.checks",
                  "newslint.violation", "newslint.article", "newslint.safeyaml", "newslint.limits"):
        assert not reaches(stage, "newslint.engine"), f"{stage} imports the engine"


def test_the_walker_sees_lazy_and_type_checking_imports():
    # the check above is only as good as the walker: it must see imports in functions and under
    # TYPE_CHECKING, and relative imports
    graph = import_graph()
    assert "newslint.report" in graph["newslint.cli"]  # imported inside a function
    assert "newslint.config" in graph["newslint.suppress"]  # under TYPE_CHECKING
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
