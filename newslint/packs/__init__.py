"""Declarative rule packs: YAML files compiled into Rule classes through a few kinds.

Three jobs, one module each:

* :mod:`newslint.packs.matching`: phrases and patterns compiled with RE2, and the one set search per
  text shared by every pack rule;
* :mod:`newslint.packs.kinds`: the five rule kinds (existence, substitution, occurrence, required,
  pattern), what each checks and reports;
* :mod:`newslint.packs.loading`: reading, validating and compiling the YAML rule files.

This module re-exports their public names and contributes the shipped packs through the plugin
hook. The format is documented in docs/rule-packs.md.
"""

from __future__ import annotations

from typing import Any

from newslint.hookspecs import hookimpl
from newslint.packs.kinds import (
    BODY_SCOPES, FIELD_SCOPES, FIX_ACTIONS, KINDS, SCOPES, PackRule, PackSpec,
)
from newslint.packs.loading import (
    COMMON_KEYS, KIND_KEYS, PACK_CODE_RE, PLACEHOLDERS, REQUIRED_KEYS, compile_rule_file, load_pack,
    load_packs, pack_folders, shipped_pack_root,
)
from newslint.packs.matching import MATCH_MODES, PREFILTER, Matcher, Prefilter, compile_pattern, phrase_regex

__all__ = [
    "BODY_SCOPES", "COMMON_KEYS", "FIELD_SCOPES", "FIX_ACTIONS", "KINDS", "KIND_KEYS", "MATCH_MODES",
    "PACK_CODE_RE", "PLACEHOLDERS", "PREFILTER", "REQUIRED_KEYS", "SCOPES", "Matcher", "PackRule", "PackSpec",
    "Prefilter", "compile_pattern", "compile_rule_file", "load_pack", "load_packs", "pack_folders",
    "phrase_regex", "shipped_pack_root",
]


@hookimpl
def newslint_rule_packs() -> list[Any]:
    root = shipped_pack_root()
    return [folder for _name, folder in pack_folders(root)]
