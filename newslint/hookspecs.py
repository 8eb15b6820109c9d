"""Every hook newslint calls, each documented: what it receives and what it returns.

A plugin is a module (or object) with functions decorated by :data:`newslint.hookimpl` and named
after these specifications. Third-party plugins are found through the ``newslint`` entry-point
group::

    [project.entry-points.newslint]
    myrules = "my_package.newslint_plugin"

The built-in rules, readers and formatters are registered through these same hooks.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("newslint")

hookimpl = pluggy.HookimplMarker("newslint")
"""Decorator that marks a function as an implementation of a newslint hook (``newslint.hookimpl``)."""


@hookspec
def newslint_rules():
    """Contribute rules.

    Receives nothing. Returns a list of :class:`newslint.Rule` (or :class:`newslint.DatasetRule`)
    subclasses. Each class carries its ``code`` (``NLnnn`` for built-ins; plugins should use a prefix
    of their own letters and digits, such as ``NLX901``), a kebab-case ``name``, a default
    ``severity`` and ``options``; its docstring is its documentation. Codes and names must be unique
    across all plugins; a clash is reported as a plugin warning and the later rule is dropped.
    """


@hookspec
def newslint_readers():
    """Contribute readers for article file formats.

    Receives nothing. Returns a list of :class:`newslint.readers.Reader` subclasses. A reader
    declares ``format`` (a short name such as ``"jsonl"``) and ``extensions`` (such as
    ``(".jsonl", ".ndjson", ".jsonl.gz")``) and implements ``read(source, field_map)``, yielding
    :class:`newslint.Article` objects and :class:`newslint.readers.InputProblem` objects for input
    it cannot read. A later plugin's reader wins for an extension both claim.
    """


@hookspec
def newslint_formatters():
    """Contribute output formats.

    Receives nothing. Returns a dict mapping a format name (used with ``--format``) to a
    :class:`newslint.formatting.Formatter` subclass.
    """


@hookspec
def newslint_rule_packs():
    """Contribute declarative rule packs.

    Receives nothing. Returns a list of paths (``str``, ``pathlib.Path`` or an
    ``importlib.resources`` traversable) to rule-pack folders, each holding one YAML file per rule.
    """
