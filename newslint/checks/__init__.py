"""Built-in code rules, one module per rule or per tight family, registered as a plugin."""

from __future__ import annotations

import importlib
import pkgutil

from newslint.hookspecs import hookimpl
from newslint.rule import Rule

# subpackage modules that hold rules; each exposes RULES = [RuleClass, ...]
_MODULES = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def builtin_rules() -> list[type[Rule]]:
    rules: list[type[Rule]] = []
    for name in _MODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        rules.extend(getattr(module, "RULES", ()))
    return sorted(rules, key=lambda r: r.code)


@hookimpl
def newslint_rules() -> list[type[Rule]]:
    return builtin_rules()
