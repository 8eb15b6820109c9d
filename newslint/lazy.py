"""Modules imported on first use, so that a run that never needs them never pays for them.

``newslint story.txt`` on one article is what every pre-commit run pays, and most of it used to be
imports that one file does not need: numpy (used by the dataset index and the NL6xx rules, which
compare articles with each other) costs more than linting the article. ``np = lazy_import("numpy")``
binds a module object at once and runs the module's code on the first attribute access
(:class:`importlib.util.LazyLoader`); after that the object is the ordinary module, at ordinary
speed. A module already imported is returned as it is.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from types import ModuleType


def lazy_import(name: str) -> ModuleType:
    """``name``, imported when one of its attributes is first used."""
    module = sys.modules.get(name)
    if module is not None:
        return module
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:  # not installed: fail now, as a plain import would
        raise ModuleNotFoundError(f"No module named '{name}'", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module


def is_loaded(name: str) -> bool:
    """Whether ``name`` has really been imported: not absent, and not a :func:`lazy_import` stub
    whose code has not run yet (a rule can then take a path that does not need it)."""
    module = sys.modules.get(name)
    return module is not None and not isinstance(module, importlib.util._LazyModule)  # noqa: SLF001


class LazyPattern:
    """A regular expression compiled on first use: ``re.compile``'s arguments now, the compiled
    pattern's methods later.

    For patterns that most runs never use and that are slow to compile: a class of tens of
    thousands of characters (ideographs, hangul) costs several milliseconds to compile, and a run
    on one English article never searches for them.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._args = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        # called only for what the instance does not hold yet: the compiled pattern's attribute
        # (a bound method such as ``search``) is kept on the instance, so later uses in a rule's
        # loop cost a plain attribute lookup, not this call
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = re.compile(*self._args)
        value = getattr(compiled, name)
        self.__dict__[name] = value
        return value
