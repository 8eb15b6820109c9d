"""Loading rule packs: reading YAML rule files, validating them and compiling them into Rule classes.

A pack is a folder; each ``*.yaml`` file in it is one rule. A rule file names its ``code``,
``name``, ``message``, ``severity``, ``scope`` and ``kind``, the fields of that kind (see
newslint.packs.kinds), and its documentation (``description``, ``why``, ``fails``, ``passes``,
``fix``). Every error names the file and the key. Files are read with ``yaml.safe_load``'s loader.
The format is documented in docs/rule-packs.md.
"""

from __future__ import annotations

import codecs
import importlib.resources
import os
import re
import string
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from newslint.config import ConfigError
from newslint.packs.kinds import FIELD_SCOPES, FIX_ACTIONS, KINDS, SCOPES, PackRule, PackSpec, _Blank
from newslint.packs.matching import (
    _ANY_LANGUAGE, LOOSE, MATCH_MODES, PREFILTER, Matcher, built_regex_refusal, compile_pattern, matcher_sources,
)
from newslint.packs.quoting import CONTEXT_WORDS
from newslint.rule import NAME_RE
from newslint.violation import SEVERITIES


#: codes of pack rules: two to five capital letters and three or four digits (NL301, ACME0042)
PACK_CODE_RE = re.compile(r"^[A-Z]{2,5}\d{3,4}$")

COMMON_KEYS = {
    "code", "name", "message", "severity", "scope", "kind", "enabled", "languages", "max-chars",
    "ignore-case", "description", "why", "fails", "passes", "fix",
}
KIND_KEYS = {
    "existence": {"phrases", "patterns", "match", "report-quoted"},
    "substitution": {"swap"},
    "occurrence": {"phrases", "patterns", "min", "max"},
    "required": {"field"},
    "pattern": {"must-match", "must-not-match", "field"},
}
REQUIRED_KEYS = ("code", "name", "message", "severity", "scope", "kind")
PLACEHOLDERS = {
    "existence": {"match", "where", "field"},
    "substitution": {"match", "replacement", "where", "field"},
    "occurrence": {"match", "count", "min", "max", "where", "field"},
    "required": {"field"},
    "pattern": {"match", "where", "field"},
}


# ---------------------------------------------------------------------- loading
class _File:
    """One rule file's mapping, with errors that name the file and the key."""

    def __init__(self, path: str, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    def error(self, key: str, problem: str) -> ConfigError:
        return ConfigError(f"{self.path}: key '{key}': {problem}")

    def get(self, key: str, types: type | tuple[type, ...], default: Any = None, required: bool = False) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                raise self.error(key, "missing (required)")
            return default
        value = self.data[key]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in _as_tuple(types)):
            names = " or ".join(t.__name__ for t in _as_tuple(types)).replace("str", "string").replace("dict", "mapping")
            raise self.error(key, f"must be a {names}, not {type(value).__name__} {value!r}")
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.get(key, str, required=required)
        if required and not value.strip():
            raise self.error(key, "must not be empty")
        return value


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _string_list(f: _File, key: str, value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise f.error(key, "must be a non-empty list of strings")
    return value


def _check_language(f: _File, key: str, lang: Any) -> None:
    """A language in ``languages:`` is a code as Article.language gives it ('en', 'de'): the rule
    runs only on articles in its languages, so 'english' or 'EN' would silently turn it off."""
    if isinstance(lang, str) and re.fullmatch(r"[a-z]{2,3}", lang) and lang != _ANY_LANGUAGE:
        return
    if lang == _ANY_LANGUAGE:
        raise f.error(key, "'any' is not a language: leave out 'languages' to run the rule on articles in any language")
    hint = ""
    try:
        from newslint.lang import parse_declared

        code = parse_declared(lang) if isinstance(lang, str) else None
        hint = f" (did you mean '{code}'?)" if code else ""
    except ImportError:  # pragma: no cover - the language identifier is a dependency
        pass
    raise f.error(key, f"languages are ISO 639-1 codes, not {lang!r}{hint}")


def _language_table(f: _File, key: str) -> dict[str, list[str]]:
    """``phrases``/``patterns`` as {language or 'any': [items]}."""
    value = f.data.get(key)
    if value is None:
        return {}
    if isinstance(value, dict):
        table: dict[str, list[str]] = {}
        for lang, items in value.items():
            if not isinstance(lang, str) or not re.fullmatch(r"[a-z]{2,3}|any", lang):
                raise f.error(key, f"language keys are ISO 639-1 codes or 'any', not {lang!r}")
            table[lang] = _string_list(f, f"{key}.{lang}", items)
        return table
    return {_ANY_LANGUAGE: _string_list(f, key, value)}


#: how much longer than its own text a finding's message may grow through its placeholders, with
#: a match of :data:`_SAMPLE_MATCH`'s length: "{match:>999}" written 2,000 times passes the width
#: check of each placeholder and would make every finding a 2 MB line
MESSAGE_GROWTH = 2000
#: a match as messages show it (shortened to 60 characters, see newslint.rule.shorten)
_SAMPLE_MATCH = "Click here to subscribe to our newsletter for the daily news"


def _sample_values(f: _File, kind: str) -> dict[str, Any]:
    """A finding's placeholder values, of the types the kind formats (newslint.packs.kinds):
    text for all of them but ``count``, and ``min``/``max``, which are the rule's own numbers
    (or 'none' when it does not set them)."""
    scope = f.data["scope"]
    raw = f.data.get("field")
    fld = raw if isinstance(raw, str) else "body" if scope not in FIELD_SCOPES else scope
    values: dict[str, Any] = {"match": _SAMPLE_MATCH, "where": "lines 12-14", "field": fld,
                              "replacement": _SAMPLE_MATCH, "count": 12}
    if kind == "occurrence":
        values["min"], values["max"] = f.get("min", int), f.get("max", int)
    return {k: v for k, v in values.items() if k in PLACEHOLDERS[kind]}


def _check_message(f: _File, kind: str) -> None:
    """The ``message`` template formats every finding of the rule: a placeholder that cannot format
    its value (``{match:,}``, ``{match:d}``, ``{where:%}``, ``{match!x}``) would fail on every
    matching article, so it is formatted here once, with sample values of the kind's types."""
    message = f.data["message"]
    try:
        parsed = list(string.Formatter().parse(message))
    except ValueError as exc:
        raise f.error("message", f"bad placeholder: {exc}") from None
    for _, fname, spec, _ in parsed:
        # "{match:>50000000}" pads every finding's message to 50 MB; "{match:{count}}" nests a value
        if fname is not None and ("{" in (spec or "") or re.search(r"\d{4,}", spec or "")):
            raise f.error("message", f"placeholder {{{fname}:{spec}}}: a format wider than 999 characters, or "
                                     "one nested in another, is not allowed")
    used = {fname for _, fname, _, _ in parsed if fname is not None}
    bad = sorted(u for u in used if u not in PLACEHOLDERS[kind])
    if bad:
        raise f.error("message", f"unknown placeholder {{{bad[0]}}} (a {kind} message may use "
                                 f"{', '.join('{' + p + '}' for p in sorted(PLACEHOLDERS[kind]))})")
    values = _Blank(_sample_values(f, kind))
    errors = (ValueError, KeyError, IndexError, TypeError, OverflowError)
    for _, fname, spec, conversion in parsed:
        if fname is None:
            continue
        placeholder = "{" + fname + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
        try:
            placeholder.format_map(values)
        except errors as exc:
            value = values[fname]
            what = ("a whole number" if isinstance(value, int) else
                    f"'none' (the rule sets no {fname})" if fname in ("min", "max") else "text")
            raise f.error("message", f"placeholder {placeholder} cannot format {{{fname}}}, which is {what}: "
                                     f"{exc}") from None
    sample = message.format_map(values)
    growth = len(sample) - sum(len(literal) for literal, _, _, _ in parsed)
    if growth > MESSAGE_GROWTH:
        raise f.error("message", f"the placeholders make a finding's message {growth} characters longer than its "
                                 f"own text (with a {len(_SAMPLE_MATCH)}-character match); at most {MESSAGE_GROWTH} "
                                 "are allowed")


#: in a replacement, as Python's re reads it (and re2's Match.expand, which newslint no longer
#: uses): three octal digits are a character, and otherwise \1 to \99 and \g<number or name> refer
#: to a group
_OCTAL_ESCAPE = re.compile(r"\\[0-7]{3}")
_GROUP_REFERENCE = re.compile(r"\\[1-9][0-9]?|\\g<\w+>", re.ASCII)
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _unescape(literal: str) -> str:
    """The escapes of a replacement's literal text decoded (``\\n``, ``\\\\``, ``\\xe9``, ``\\u2014``,
    ``\\N{EM DASH}``, octal), its other characters kept as written.

    ``codecs.unicode_escape_decode`` reads a str as UTF-8 bytes decoded one byte a character, so
    "—" would come out as "â\\x80\\x94": it decodes only the ASCII runs here. A backslash just
    before a non-ASCII character stays a backslash, as an unknown escape does. Raises
    UnicodeDecodeError for a broken escape (``\\xZZ``, a backslash at the end).
    """
    out, i = [], 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "\q" stays "\q", with a DeprecationWarning
        for m in _NON_ASCII.finditer(literal):
            run = literal[i:m.start()]
            lone = (len(run) - len(run.rstrip("\\"))) % 2  # the backslash escapes the character after it
            out += [codecs.unicode_escape_decode(run[:len(run) - lone])[0], "\\" * lone, m.group()]
            i = m.end()
        out.append(codecs.unicode_escape_decode(literal[i:])[0])
    return "".join(out)


def parse_replacement(repl: str, rx: Any) -> tuple[str | int, ...]:
    """A substitution's replacement for the compiled pattern ``rx``, as literal text (str) and group
    numbers (int) to join per match (see PackRule's ``_expand``).

    Raises ValueError saying what is wrong: a group the pattern does not have (``\\2`` with one
    group, ``\\g<zz>``), or a broken escape (``\\xZZ``, a trailing backslash), which would
    otherwise fail on every match of every article. Both are found here, at load.
    """
    names = rx.groupindex
    pieces: list[str | int] = []
    literal, i = "", 0
    while (j := repl.find("\\", i)) != -1:
        literal += repl[i:j]
        ref = None if _OCTAL_ESCAPE.match(repl, j) else _GROUP_REFERENCE.match(repl, j)
        if ref is None:  # an escape, decoded with the text around it
            literal += repl[j:j + 2]
            i = j + 2
            continue
        group = ref.group()[3:-1] if ref.group().startswith("\\g") else ref.group()[1:]
        if group.isdigit():
            if int(group) > rx.groups:
                have = f"{rx.groups} group{'s' if rx.groups != 1 else ''}" if rx.groups else "no groups"
                raise ValueError(f"refers to group {ref.group()}, but the pattern has {have}")
            number = int(group)
        elif group not in names:
            named = ", ".join(sorted(names)) or "none"
            raise ValueError(f"refers to group {ref.group()}, which the pattern does not name (named groups: {named})")
        else:
            number = names[group]
        pieces += [literal, number]
        literal, i = "", ref.end()
    pieces.append(literal + repl[i:])
    try:
        expanded = [_unescape(piece) if isinstance(piece, str) else piece for piece in pieces]
    except UnicodeDecodeError as exc:
        raise ValueError(f"has a broken escape: {exc.reason}") from None
    return tuple(piece for piece in expanded if piece != "")


def _compile_matcher(f: _File, mode: str, ignore_case: bool, validate: bool = True) -> Matcher:
    phrases = _language_table(f, "phrases")
    patterns = _language_table(f, "patterns")
    if not phrases and not patterns:
        raise f.error("phrases", f"a {f.data['kind']} rule needs 'phrases' or 'patterns'")
    matcher = Matcher(mode=mode, ignore_case=ignore_case)
    matcher.sources = matcher_sources(phrases, patterns, mode)
    # every pattern must compile on its own (joined with others, "a)|(b" would pass): a pattern RE2
    # refuses is a load error naming the file and the key, never a failure in the middle of a run.
    # The joined regexes are compiled on first use. The packs shipped with newslint skip this check
    # (``validate`` false): tests/test_packs.py compiles each of their patterns on its own, and
    # compiling them twice was a third of the start-up of a one-file run.
    for lang, items in (patterns.items() if validate else ()):
        key = "patterns" if not isinstance(f.data["patterns"], dict) else f"patterns.{lang}"
        for i, pat in enumerate(items):
            compile_pattern(pat, ignore_case=ignore_case, where=f"{f.path}: key '{key}[{i}]'")
    # ... and so must the regexes built from them (the joined phrases, the wrapping of 'whole'),
    # which RE2 may find too large when every part alone is not
    refused = built_regex_refusal(matcher.sources, ignore_case) if validate else None
    if refused is not None:
        what = "phrases" if refused[0] else "patterns"
        raise f.error(what, f"RE2 cannot compile the regex built from the rule's {what} ({refused[1]}): "
                            "use fewer or shorter ones, or split them over several rules")
    # only a matcher whose patterns all compile joins the shared set search
    PREFILTER.register(matcher)
    return matcher


#: what the documentation of an existence rule says of quoted matches (newslint.packs.quoting)
QUOTED_NOTE = (
    f"A match between quotation marks (\"...\", “...”, „...“, «...», 「...」, '...') in a paragraph with at\n"
    f"least {CONTEXT_WORDS} words outside the quotation is not reported: the story quotes the words, as in\n"
    "'readers see a message reading \"Subscribe to continue reading\" and an offer of ...'. The words\n"
    "alone on their line, or quoted alone, are reported."
)


def _doc(f: _File, message: str) -> str:
    """The rule's documentation in the layout of code rules (see newslint.rule)."""
    description = (f.text("description") or message).strip()
    parts = [description]
    why = f.text("why")
    if why and why.strip():
        parts.append(why.strip())
    if f.data.get("kind") == "existence" and not f.data.get("report-quoted"):
        parts.append(QUOTED_NOTE)
    for key, title in (("fails", "Fails::"), ("passes", "Passes::")):
        example = f.text(key)
        if example and example.strip():
            indented = "\n".join(("    " + line) if line.strip() else "" for line in example.strip("\n").splitlines())
            parts.append(f"{title}\n\n{indented}")
    fix = f.data.get("fix") or {}
    if isinstance(fix, dict) and fix.get("description"):
        parts.append(f"Fix: {str(fix['description']).strip()}")
    elif f.data.get("kind") == "substitution":
        parts.append("Fix: replaces the match with the replacement.")
    else:
        parts.append("Fix: none.")
    # cleandoc-compatible: the summary line, then the rest (inspect.cleandoc dedents from line 2)
    return "\n\n".join(parts)


_COMPILED: dict[tuple[str, str, str, bool], type["PackRule"]] = {}


def compile_rule_file(path: str, text: str, pack: str, validate: bool = True, parsed: Any = None) -> type[PackRule]:
    """Compile the YAML text of one rule file into a PackRule subclass (cached per process).

    ``validate`` false skips compiling each pattern on its own at load time (the shipped packs,
    whose patterns the test suite compiles one by one); every other check still runs. ``parsed``,
    when given, is what the YAML parser makes of ``text`` (the shipped packs' prebuilt form, see
    newslint.packs.prebuilt); otherwise ``text`` is parsed here.
    """
    key = (path, text, pack, validate)
    cached = _COMPILED.get(key)
    if cached is None:
        cached = _COMPILED[key] = _compile_rule_file(path, text, pack, validate, parsed)
    return cached


def _parse_yaml(path: str, text: str) -> Any:
    import yaml  # only for rule files without a prebuilt form: user packs, edited shipped files

    from newslint import safeyaml

    try:
        return safeyaml.load(text, unique_keys=True)  # yaml.safe_load with bounds, and no key given twice
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: invalid YAML{where}: {problem}") from None


def _compile_rule_file(path: str, text: str, pack: str, validate: bool = True, parsed: Any = None) -> type[PackRule]:
    data = parsed if parsed is not None else _parse_yaml(path, text)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: a rule file must be a mapping of keys (code, name, message, ...)")
    f = _File(path, data)
    for key in REQUIRED_KEYS:
        f.get(key, str, required=True)
    kind = data["kind"]
    if kind not in KINDS:
        raise f.error("kind", f"unknown kind {kind!r} (kinds: {', '.join(KINDS)})")
    unknown = [k for k in data if k not in COMMON_KEYS | KIND_KEYS[kind]]
    if unknown:
        raise f.error(str(unknown[0]), f"unknown key for a {kind} rule (keys: {', '.join(sorted(COMMON_KEYS | KIND_KEYS[kind]))})")
    code, name, severity, scope = data["code"], data["name"], data["severity"], data["scope"]
    if not PACK_CODE_RE.fullmatch(code):  # match() took "ACME101\n": "$" matches before a final line break
        raise f.error("code", f"{code!r} is not a rule code (two to five capitals and three or four digits, like NL301)")
    if not NAME_RE.fullmatch(name):
        raise f.error("name", f"{name!r} is not a kebab-case name (like advertisement-marker)")
    if severity not in SEVERITIES:
        raise f.error("severity", f"{severity!r} is not one of {', '.join(SEVERITIES)}")
    if scope not in SCOPES:
        raise f.error("scope", f"{scope!r} is not one of {', '.join(SCOPES)}")
    message = data["message"]
    _check_message(f, kind)

    ignore_case = f.get("ignore-case", bool, default=True)
    max_chars = f.get("max-chars", int)
    if max_chars is not None and max_chars < 1:
        raise f.error("max-chars", "must be a positive whole number")
    languages = f.get("languages", (list, str))
    if languages is not None:
        languages = tuple(_string_list(f, "languages", languages))
        for lang in languages:
            _check_language(f, "languages", lang)
    enabled = f.get("enabled", bool, default=True)
    spec = PackSpec(path=path, pack=pack, kind=kind, scope=scope, message=message, languages=languages,
                    max_chars=max_chars)

    fix = f.get("fix", dict, default={})
    fix_keys = {"action", "safe", "description"}
    for key in fix:
        if key not in fix_keys:
            raise f.error(f"fix.{key}", f"unknown key (keys: {', '.join(sorted(fix_keys))})")
    action = fix.get("action", "none")
    if action not in FIX_ACTIONS:
        raise f.error("fix.action", f"{action!r} is not one of {', '.join(FIX_ACTIONS)}")
    if fix.get("safe", False) not in (True, False, "whole"):
        raise f.error("fix.safe", "must be true, false or whole (safe only when the match is all the text)")
    if "description" in fix and not isinstance(fix["description"], str):
        raise f.error("fix.description", "must be a string")
    spec.fix_action, spec.fix_safe, spec.fix_description = action, fix.get("safe", False), fix.get("description")
    if action == "delete-paragraph" and scope in FIELD_SCOPES:
        raise f.error("fix.action", f"delete-paragraph needs a body scope (paragraph, line, body), not {scope!r}")
    if action != "none" and kind in ("occurrence", "required"):
        raise f.error("fix.action", f"a {kind} rule has no automatic fix; use action: none")

    if kind == "existence":
        mode = f.get("match", str, default="anywhere")
        if mode not in MATCH_MODES:
            raise f.error("match", f"{mode!r} is not one of {', '.join(MATCH_MODES)}")
        spec.matcher = _compile_matcher(f, mode, ignore_case, validate)
        spec.report_quoted = f.get("report-quoted", bool, default=False)
    elif kind == "occurrence":
        spec.matcher = _compile_matcher(f, "anywhere", ignore_case, validate)
        spec.count_min = f.get("min", int)
        spec.count_max = f.get("max", int)
        if spec.count_min is None and spec.count_max is None:
            raise f.error("max", "an occurrence rule needs 'min' or 'max'")
        for key, value in (("min", spec.count_min), ("max", spec.count_max)):
            if value is not None and value < 0:
                raise f.error(key, "must be zero or more")
        if spec.count_min is not None and spec.count_max is not None and spec.count_min > spec.count_max:
            raise f.error("min", f"min ({spec.count_min}) is greater than max ({spec.count_max})")
    elif kind == "substitution":
        swap = f.get("swap", dict, required=True)
        if not swap:
            raise f.error("swap", "must map at least one pattern to its replacement")
        for pat, repl in swap.items():
            if not isinstance(repl, str):
                raise f.error(f"swap.{pat}", f"the replacement must be a string, not {repl!r}")
            rx = compile_pattern(str(pat), ignore_case=ignore_case, where=f"{path}: key 'swap.{pat}'")
            try:
                template = parse_replacement(repl, rx)
            except ValueError as exc:
                raise f.error(f"swap.{pat}", f"the replacement {repl!r} {exc}") from None
            spec.swaps.append((rx, template))
    elif kind == "required":
        raw = f.get("field", str)
        spec.raw_field = raw
        if raw is None and scope not in FIELD_SCOPES + ("body",):
            raise f.error("scope", f"a required rule checks a field (title, summary, byline, date, url, body), not {scope!r}")
    elif kind == "pattern":
        spec.raw_field = f.get("field", str)
        for key in ("must-match", "must-not-match"):
            value = f.get(key, str)
            if value is not None:
                setattr(spec, key.replace("-", "_"), compile_pattern(value, ignore_case=ignore_case, where=f"{path}: key '{key}'"))
        if spec.must_match is None and spec.must_not_match is None:
            raise f.error("must-match", "a pattern rule needs 'must-match' or 'must-not-match'")

    fixable = kind == "substitution" or action != "none"
    attrs = {
        "__doc__": _doc(f, message),
        "__module__": "newslint.packs",  # the public module of pack rules
        "code": code,
        "name": name,
        "severity": severity,
        "fixable": fixable,
        "default_enabled": enabled,
        "origin": f"pack:{pack}",
        "spec": spec,
        "options": {},
    }
    cls_name = "Pack_" + name.replace("-", "_")
    return type(cls_name, (PackRule,), attrs)  # type: ignore[return-value]


def _display(entry: Any) -> str:
    text = str(entry)
    try:
        rel = os.path.relpath(text)
        return rel if not rel.startswith("..") else text
    except ValueError:  # another drive on Windows
        return text


def pack_folders(root: Any) -> list[tuple[str, Any]]:
    """(pack name, folder) for a pack folder, or for each pack folder inside a folder of packs."""
    if isinstance(root, (str, os.PathLike)):
        root = Path(root)
        if not root.is_dir():
            raise ConfigError(f"{root}: {'not a folder' if root.exists() else 'rule pack folder not found'}"
                              " (a rule pack is a folder of *.yaml files)")
    entries = sorted(root.iterdir(), key=lambda e: e.name)
    if any(e.is_file() and e.name.endswith((".yaml", ".yml")) for e in entries):
        return [(root.name, root)]
    packs = []
    for e in entries:
        if e.is_dir() and not e.name.startswith((".", "_")):
            if any(x.is_file() and x.name.endswith((".yaml", ".yml")) for x in e.iterdir()):
                packs.append((e.name, e))
    if not packs:
        raise ConfigError(f"{_display(root)}: no rule files (*.yaml) in this folder or its subfolders")
    return packs


def load_pack(name: str, folder: Any, validate: bool = True, prebuilt_root: Any = None) -> list[type[PackRule]]:
    """Compile every rule file of one pack; codes and names must be unique inside it.

    ``prebuilt_root``: the folder of the shipped packs, whose prebuilt parsed form is used for every
    rule file whose text it holds (newslint.packs.prebuilt); None for any other pack.
    """
    rules: list[type[PackRule]] = []
    seen: dict[str, str] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not (entry.is_file() and entry.name.endswith((".yaml", ".yml"))):
            continue
        path = _display(entry)
        try:
            text = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
        parsed = None
        if prebuilt_root is not None:
            from newslint.packs import prebuilt

            parsed = prebuilt.lookup(prebuilt_root, getattr(folder, "name", name), entry.name, text)
        rule = compile_rule_file(path, text, name, validate, parsed)
        rule.source = path  # the YAML file, shown by `newslint rule CODE`
        for key in ("code", "name"):
            value = getattr(rule, key)
            if value in seen:
                raise ConfigError(f"{path}: key '{key}': {value} is already used by {seen[value]}")
            seen[value] = path
        rules.append(rule)
    return rules


def load_packs(roots: Iterable[Any]) -> list[type[PackRule]]:
    """Compile the packs under every root (a pack folder or a folder of packs)."""
    rules: list[type[PackRule]] = []
    for root in roots:
        shipped = _is_shipped(root)
        prebuilt_root = _shipped_root_or_none() if shipped else None
        if prebuilt_root is not None:
            from newslint.packs import prebuilt

            LOOSE.update(prebuilt.loose_forms(prebuilt_root))  # the loose forms of the shipped regexes
        for name, folder in pack_folders(root):
            rules.extend(load_pack(name, folder, validate=not shipped, prebuilt_root=prebuilt_root))
    return rules


def _is_shipped(root: Any) -> bool:
    """Whether ``root`` is the folder of the packs shipped with newslint (see shipped_pack_root) or
    one pack in it (what the built-in plugin contributes)."""
    try:
        shipped = str(shipped_pack_root())
        return str(root) == shipped or str(getattr(root, "parent", "")) == shipped
    except Exception:  # an unusual loader: validate as for any pack
        return False


def _shipped_root_or_none() -> Any:
    try:
        return shipped_pack_root()
    except Exception:  # an unusual loader: parse the YAML
        return None


def shipped_pack_root() -> Any:
    """The folder of the packs shipped with newslint.

    In an installed wheel the packs sit inside the package (``newslint/rules``, found with
    importlib.resources); in a source checkout or an editable install they are the ``rules/``
    folder at the repository root, next to ``newslint/``.
    """
    packaged = importlib.resources.files("newslint") / "rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "rules"
