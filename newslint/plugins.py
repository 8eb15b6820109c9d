"""The plugin manager: built-ins and third-party plugins registered through the same hooks."""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass, field
from typing import Any

import pluggy

from newslint import hookspecs

#: modules that implement the built-in hooks, registered exactly as a third-party plugin would be
BUILTIN_PLUGINS = (
    "newslint.checks",
    "newslint.readers",
    "newslint.formatting",
    "newslint.packs",
)

ENTRY_POINT_GROUP = "newslint"


@dataclass
class Registry:
    """What the plugins contributed, with conflicts resolved and load failures recorded."""

    rules: dict[str, type] = field(default_factory=dict)  # code -> Rule class
    readers: dict[str, type] = field(default_factory=dict)  # extension -> Reader class
    formatters: dict[str, type] = field(default_factory=dict)  # name -> Formatter class
    pack_paths: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: how a worker process rebuilds this registry: ("module:function", kwargs), or None when it
    #: cannot (a registry assembled by hand), in which case runs stay in one process
    factory: tuple[str, dict[str, Any]] | None = None

    #: resolved folders of the rule packs already compiled into ``rules``
    loaded_packs: set[str] = field(default_factory=set)

    def rule_by_name(self) -> dict[str, type]:
        return {r.name: r for r in self.rules.values()}

    def clash(self, rule: type) -> type | None:
        """The registered rule that has ``rule``'s code or name, if any."""
        found = self.rules.get(rule.code)
        if found is None:
            found = next((r for r in self.rules.values() if r.name == rule.name), None)
        return found

    def add_packs(self, roots: list[Any]) -> None:
        """Compile user rule packs (``--packs``, ``Config.packs``) into rules.

        A malformed pack, or a rule whose code or name is taken, raises ConfigError naming the file
        and the key. A folder already loaded is skipped.
        """
        from newslint.config import ConfigError
        from newslint.packs import load_packs

        for root in roots:
            key = _pack_key(root)
            if key in self.loaded_packs or self._packs_loaded_in(root):
                continue
            rules = load_packs([root])
            for rule in rules:
                other = self.clash(rule)
                if other is not None:
                    what = "code" if other.code == rule.code else "name"
                    raise ConfigError(
                        f"{rule.spec.path}: key '{what}': {getattr(rule, what)} is already used by "
                        f"{other.code} ({other.name}) from {other.origin}"
                    )
                if _newslint_code(rule.code):
                    raise ConfigError(f"{rule.spec.path}: key 'code': {_NL_CODE_PROBLEM.format(code=rule.code)}")
                self.rules[rule.code] = rule
            self.loaded_packs.add(key)

    def _packs_loaded_in(self, root: Any) -> bool:
        """Whether ``root`` is a folder of packs that are all loaded already: the folder of the
        shipped packs (``--packs rules``) stopped the run on a clash of each rule with itself."""
        from newslint.config import ConfigError
        from newslint.packs import pack_folders

        try:
            folders = pack_folders(root)
        except (ConfigError, OSError):  # said when it is loaded
            return False
        return all(_pack_key(folder) in self.loaded_packs for _name, folder in folders)


#: NL and digits: the codes of newslint's own rules, built-in or shipped as packs (docs/rule-packs.md)
_NL_CODE = re.compile(r"NL\d+")
_NL_CODE_PROBLEM = "{code} is an NL code, and NL codes are newslint's own: give the rule a prefix of your own (like ACME101)"


def _newslint_code(code: str) -> bool:
    """Whether a pack rule's code is one reserved for newslint's own rules ("NL999", "NL1010"): a
    third-party pack taking one would clash with a future newslint rule."""
    return _NL_CODE.fullmatch(code) is not None


def _pack_key(root: Any) -> str:
    import os

    try:
        return os.path.realpath(os.fspath(root))
    except (TypeError, ValueError):  # not a path, or a NUL byte in it (no such folder: said next)
        return str(root)


def make_plugin_manager(
    load_entry_points: bool = True,
) -> tuple[pluggy.PluginManager, list[str], dict[str, str]]:
    """A PluginManager with the built-ins and (optionally) every entry-point plugin loaded.

    Entry points are loaded one at a time: a plugin that fails to import is named in the returned
    warnings and skipped, and the run goes on. Also returns plugin name -> distribution name.
    """
    pm = pluggy.PluginManager("newslint")
    pm.add_hookspecs(hookspecs)
    warnings: list[str] = []
    origins: dict[str, str] = {}
    for modname in BUILTIN_PLUGINS:
        pm.register(importlib.import_module(modname), name=modname)
    if load_entry_points:
        for ep in _entry_points():
            if pm.has_plugin(ep.name) or pm.is_blocked(ep.name):
                continue
            try:
                plugin = ep.load()
                pm.register(plugin, name=ep.name)
                dist = getattr(ep, "dist", None)
                origins[ep.name] = dist.name if dist else ep.name
            except Exception as exc:  # a broken plugin must not stop the run
                warnings.append(f"plugin '{ep.name}' ({ep.value}) failed to load: {type(exc).__name__}: {exc}")
    return pm, warnings, origins


def _entry_points() -> list[Any]:
    if not _may_have_entry_points():
        return []  # importlib.metadata (and the email package it pulls in) is not imported at all
    import importlib.metadata

    eps = importlib.metadata.entry_points()
    selected = eps.select(group=ENTRY_POINT_GROUP) if hasattr(eps, "select") else eps.get(ENTRY_POINT_GROUP, [])
    return sorted(selected, key=lambda e: e.name)


_GROUP_HEADER = re.compile(rb"^[ \t]*\[[ \t]*" + re.escape(ENTRY_POINT_GROUP.encode()) + rb"[ \t]*\]", re.M)


def _may_have_entry_points() -> bool:
    """False only when no installed distribution can declare a ``newslint`` entry point.

    Every run pays for the entry-point look-up, and importing importlib.metadata costs more than
    linting a short article. So the folders on ``sys.path`` are scanned first, as importlib.metadata
    would scan them, for a ``*.dist-info`` or ``*.egg-info`` whose ``entry_points.txt`` has a
    ``[newslint]`` section. Anything this scan cannot see through (a zip or egg on the path, a
    meta-path finder that lists distributions of its own) answers True, and importlib.metadata
    decides.
    """
    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and getattr(finder, "__name__", "") != "PathFinder":
            return True
    for entry in sys.path:
        folder = entry or "."
        try:
            with os.scandir(folder) as it:
                names = [e.name for e in it]
        except NotADirectoryError:
            return True  # a zip archive on the path
        except OSError:
            continue
        for name in names:
            if name.endswith((".egg", ".egg-link")):
                return True
            if not name.endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), "rb") as fh:
                    if _GROUP_HEADER.search(fh.read()):
                        return True
            except OSError:
                continue
    return False


def _call(pm: pluggy.PluginManager, hookname: str, warnings: list[str]) -> list[tuple[str, Any]]:
    """Call a hook on every plugin separately, so that one plugin raising does not hide the others."""
    out: list[tuple[str, Any]] = []
    hook = getattr(pm.hook, hookname)
    # builtins first, then third parties in name order: later contributions win conflicts
    def order(impl: Any) -> tuple:
        name = impl.plugin_name
        if name in BUILTIN_PLUGINS:
            return (0, BUILTIN_PLUGINS.index(name), name)
        return (1, 0, name)

    impls = sorted(hook.get_hookimpls(), key=order)
    for impl in impls:
        try:
            result = impl.function()
        except Exception as exc:
            warnings.append(f"plugin '{impl.plugin_name}' failed in {hookname}: {type(exc).__name__}: {exc}")
            continue
        if result is not None:
            out.append((impl.plugin_name, result))
    return out


def build_registry(load_entry_points: bool = True) -> Registry:
    """Collect rules, readers, formatters and rule packs from every plugin."""
    pm, warnings, origins = make_plugin_manager(load_entry_points)
    reg = Registry(warnings=warnings, factory=("newslint.plugins:build_registry", {"load_entry_points": load_entry_points}))
    names: dict[str, str] = {}
    for plugin_name, rules in _call(pm, "newslint_rules", reg.warnings):
        for rule in rules:
            if plugin_name not in BUILTIN_PLUGINS:
                rule.origin = f"plugin:{origins.get(plugin_name, plugin_name)}"
            clash = reg.rules.get(rule.code) or (reg.rules.get(names[rule.name]) if rule.name in names else None)
            if clash is not None:
                reg.warnings.append(
                    f"plugin '{plugin_name}': rule {rule.code} ({rule.name}) clashes with "
                    f"{clash.code} ({clash.name}) from {clash.origin}; ignored"
                )
                continue
            reg.rules[rule.code] = rule
            names[rule.name] = rule.code
    for _plugin, readers in _call(pm, "newslint_readers", reg.warnings):
        for reader in readers:
            for ext in reader.extensions:
                reg.readers[ext.lower()] = reader
    for _plugin, formatters in _call(pm, "newslint_formatters", reg.warnings):
        reg.formatters.update(formatters)
    for plugin_name, paths in _call(pm, "newslint_rule_packs", reg.warnings):
        reg.pack_paths.extend(paths)
        for path in paths:
            _register_pack(reg, plugin_name, path)
    return reg


def _register_pack(reg: Registry, plugin_name: str, path: Any) -> None:
    """Compile a pack contributed by a plugin; a broken pack is a warning, not fatal."""
    from newslint.config import ConfigError
    from newslint.packs import load_packs
    from newslint.packs.loading import _is_shipped

    try:
        rules = load_packs([path])
    except ConfigError as exc:
        reg.warnings.append(f"plugin '{plugin_name}': rule pack ignored: {exc}")
        return
    shipped = _is_shipped(path)
    for rule in rules:
        if not shipped and _newslint_code(rule.code):
            reg.warnings.append(f"plugin '{plugin_name}': rule {rule.code} ({rule.name}) in {rule.spec.path} ignored: "
                                f"{_NL_CODE_PROBLEM.format(code=rule.code)}")
            continue
        other = reg.clash(rule)
        if other is not None:
            reg.warnings.append(
                f"plugin '{plugin_name}': rule {rule.code} ({rule.name}) in {rule.spec.path} clashes with "
                f"{other.code} ({other.name}) from {other.origin}; ignored"
            )
            continue
        reg.rules[rule.code] = rule
    reg.loaded_packs.add(_pack_key(path))
