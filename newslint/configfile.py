"""Configuration files: discovery, parsing, checking, and merging with the command line.

newslint reads ``[tool.newslint]`` from ``pyproject.toml`` or the top level of ``.newslint.yaml``.
The file is looked for from the linted path upward: the first folder holding either file wins (a
``pyproject.toml`` without a ``[tool.newslint]`` table does not count). When one folder holds both,
``.newslint.yaml`` is used and the run warns that the pyproject table is ignored. ``--config FILE``
names the file; ``--isolated`` reads none.

Every key is checked here (names, value types); whatever needs the rule registry (rule codes,
rule options) is checked by :meth:`newslint.config.Config.validate`, whose messages name the file
and key through ``Config.origins``. Every error is one line: ``FILE: KEY: what is wrong``.
"""

from __future__ import annotations

import difflib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newslint.lazy import lazy_import

#: PyYAML is imported when a YAML document is read, not by every run
yaml = lazy_import("yaml")
safeyaml = lazy_import("newslint.safeyaml")

from newslint.config import Config, ConfigError
from newslint.violation import SEVERITIES, shown

#: imported on first use: a run with no TOML configuration on its way up never parses any
if sys.version_info >= (3, 11):
    tomllib = lazy_import("tomllib")
else:  # pragma: no cover - exercised on 3.10 only
    tomllib = lazy_import("tomli")

PYPROJECT = "pyproject.toml"
YAML_FILE = ".newslint.yaml"

#: key in a file -> (Config attribute, kind of value)
KEYS: dict[str, tuple[str, str]] = {
    "select": ("select", "selectors"),
    "ignore": ("ignore", "selectors"),
    "extend-select": ("extend_select", "selectors"),
    "extend-ignore": ("extend_ignore", "selectors"),
    "per-file-ignores": ("per_file_ignores", "table-of-selectors"),
    "per-record-ignores": ("per_record_ignores", "table-of-selectors"),
    "record-ignore-field": ("record_ignore_field", "string"),
    "severity": ("severity", "severity"),
    "rules": ("rule_options", "rules"),
    "options": ("rule_options", "rules"),
    "fields": ("field_map", "fields"),
    "packs": ("packs", "strings"),
    "exclude": ("exclude", "strings"),
    "fail-on": ("fail_on", "level"),
    "format": ("format", "string"),
    "baseline": ("baseline", "path"),
    "budgets": ("budgets", "budgets"),
    "dataset": ("dataset", "bool"),
}

_KIND_TEXT = {
    "selectors": "a list of rule codes, prefixes or names",
    "strings": "a list of strings",
    "string": "a string",
    "path": "a file path (a string)",
    "level": f"one of {', '.join(SEVERITIES)}",
    "bool": "true or false",
}


@dataclass
class FileSettings:
    """The settings read from one configuration file."""

    path: Path
    #: ``tool.newslint.`` for pyproject.toml, empty for .newslint.yaml
    prefix: str
    values: dict[str, Any]

    @property
    def label(self) -> str:
        return display_path(self.path)

    def where(self, key: str) -> str:
        return f"{self.label}: {self.prefix}{key}"


def display_path(path: Path | str) -> str:
    """``path`` relative to the working folder when it lies below it, else absolute."""
    p = Path(path).absolute()
    try:
        return str(p.relative_to(Path.cwd()))
    except ValueError:
        return str(p)


# ---------------------------------------------------------------------- discovery
def start_folder(paths: list[str], stdin_filename: str | None = None) -> Path:
    """The folder discovery starts from: the deepest folder holding every linted path."""
    given = [stdin_filename or "." if p == "-" else p for p in paths] or ["."]
    folders = []
    for p in given:
        full = Path(p).absolute()
        folders.append(full if full.is_dir() else full.parent)
    try:
        return Path(os.path.commonpath([str(f) for f in folders]))
    except ValueError:  # different drives
        return folders[0]


def find_config(start: Path) -> tuple[Path | None, list[str]]:
    """The first configuration file from ``start`` upward, and warnings (both kinds in one folder)."""
    warnings: list[str] = []
    for folder in [start, *start.parents]:
        yaml_path = folder / YAML_FILE
        pyproject = folder / PYPROJECT
        has_yaml = yaml_path.is_file()
        has_table = pyproject.is_file() and _has_newslint_table(pyproject)
        if has_yaml:
            if has_table:
                warnings.append(
                    f"{display_path(yaml_path)} is used; [tool.newslint] in {display_path(pyproject)} is ignored"
                )
            return yaml_path, warnings
        if has_table:
            return pyproject, warnings
    return None, warnings


def _has_newslint_table(path: Path) -> bool:
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if b"newslint" not in data:  # cheap test before parsing every pyproject on the way up
        return False
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, RecursionError):
        return True  # report the parse error when reading it
    return isinstance(doc.get("tool"), dict) and "newslint" in doc["tool"]


# ---------------------------------------------------------------------- reading
def read_config_file(path: Path) -> FileSettings:
    """Parse one configuration file (TOML or YAML by its name) into raw, unchecked values."""
    label = display_path(path)
    if path.suffix.lower() in (".cfg", ".ini"):  # flake8's habit: read as YAML it was "invalid YAML"
        raise ConfigError(f"{label}: newslint reads its settings from TOML ([tool.newslint] in pyproject.toml, "
                          "or another .toml file) or YAML (.newslint.yaml), not from INI files such as setup.cfg")
    try:
        data = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{label}: cannot read configuration: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{label}: cannot decode configuration as UTF-8 ({exc.reason})") from None
    if path.suffix == ".toml":
        try:
            doc = tomllib.loads(data)
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{label}: invalid TOML: {exc}") from None
        except RecursionError:  # arrays in arrays in ... deeper than the parser can follow
            raise ConfigError(f"{label}: invalid TOML: nested too deeply") from None
        if path.name == PYPROJECT or "tool" in doc:
            table = doc.get("tool", {}).get("newslint") if isinstance(doc.get("tool"), dict) else None
            if table is None:
                raise ConfigError(f"{label}: no [tool.newslint] table")
            if not isinstance(table, dict):
                raise ConfigError(f"{label}: tool.newslint: expected a table of settings, got {_type(table)}")
            return FileSettings(path, "tool.newslint.", table)
        return FileSettings(path, "", doc)
    try:
        doc = safeyaml.load(data, unique_keys=True)  # `ignore:` written twice is an error
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{label}: invalid YAML: {where}{problem}") from None
    if doc is None:
        doc = {}
    if not isinstance(doc, dict):
        raise ConfigError(f"{label}: expected a mapping of settings, got {_type(doc)}")
    return FileSettings(path, "", doc)


def _type(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _closest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if not match:
        match = difflib.get_close_matches(word.replace("_", "-").lower(), choices, n=1, cutoff=0.6)
    return f" (did you mean '{match[0]}'?)" if match else ""


def _strings(value: Any, where: str, kind: str) -> list[str]:
    """A list of strings; a comma-separated string is accepted for selector lists."""
    if isinstance(value, str):
        if kind in ("selectors", "codes"):
            return [v.strip() for v in value.split(",") if v.strip()]
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        got = _type(value)
        if isinstance(value, list):  # "expected a list ..., got a list": say what in it is wrong
            item = next(v for v in value if not isinstance(v, str))
            got += f" holding {'an empty item (null)' if item is None else _type(item)}"
        raise ConfigError(f"{where}: expected {_KIND_TEXT.get(kind, _KIND_TEXT['strings'])}, got {got}")
    return [v.strip() for v in value]


def _table(value: Any, where: str, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table of {what}, got {_type(value)}")
    return value


def settings_from_file(fs: FileSettings) -> tuple[dict[str, Any], dict[str, str]]:
    """Check the keys and value types of a file; returns (Config attribute -> value, origins)."""
    from newslint.readers import CANONICAL_FIELDS

    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    seen_rules_key: str | None = None
    for key, raw in fs.values.items():
        where = fs.where(str(key))
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key{_closest(str(key), list(KEYS))}")
        attr, kind = KEYS[key]
        if kind in ("selectors", "strings"):
            values[attr] = _strings(raw, where, kind)
            origins[key] = where
        elif kind in ("string", "path"):
            if not isinstance(raw, str) or not raw.strip():
                raise ConfigError(f"{where}: expected {_KIND_TEXT[kind]}, got {_type(raw)}")
            value = raw.strip()
            if kind == "path":
                value = str((fs.path.parent / value))
            values[attr] = value
            origins[key] = where
        elif kind == "level":
            if not isinstance(raw, str) or raw not in SEVERITIES:
                raise ConfigError(f"{where}: expected {_KIND_TEXT[kind]}, got {_type(raw)}{_closest(str(raw), list(SEVERITIES))}")
            values[attr] = raw
            origins[key] = where
        elif kind == "bool":
            if not isinstance(raw, bool):
                raise ConfigError(f"{where}: expected {_KIND_TEXT[kind]}, got {_type(raw)}")
            values[attr] = raw
            origins[key] = where
        elif kind == "budgets":
            from newslint.budgets import parse_percent

            table = {}
            for rule, limit in _table(raw, where, "rules to percentages").items():
                sub = f"{where}.{rule}"
                table[str(rule)] = parse_percent(limit, sub)
                origins[f"budgets.{rule}"] = sub
            values[attr] = table
            origins[key] = where
        elif kind == "table-of-selectors":
            table = {}
            for pattern, codes in _table(raw, where, "globs to rule codes").items():
                sub = f"{where}.{pattern}"
                table[str(pattern)] = _strings(codes, sub, "selectors")
                origins[f"{key}.{pattern}"] = sub
            values[attr] = table
            origins[key] = where
        elif kind == "severity":
            table = {}
            for rule, level in _table(raw, where, "rules to severities").items():
                sub = f"{where}.{rule}"
                if not isinstance(level, str):
                    raise ConfigError(f"{sub}: expected {_KIND_TEXT['level']}, got {_type(level)}")
                table[str(rule)] = level
                origins[f"severity.{rule}"] = sub
            values[attr] = table
            origins[key] = where
        elif kind == "rules":
            if seen_rules_key is not None:
                raise ConfigError(f"{where}: '{seen_rules_key}' is already given; use one of 'rules' and 'options'")
            seen_rules_key = key
            table = {}
            for rule, opts in _table(raw, where, "rules to options").items():
                sub = f"{where}.{rule}"
                table[str(rule)] = dict(_table(opts, sub, "options"))
                origins[f"rules.{rule}"] = sub
            values[attr] = table
            origins["rules"] = where
        elif kind == "fields":
            table = {}
            for canonical, source_key in _table(raw, where, "fields to record keys").items():
                sub = f"{where}.{canonical}"
                if canonical not in CANONICAL_FIELDS:
                    raise ConfigError(
                        f"{sub}: unknown field{_closest(str(canonical), list(CANONICAL_FIELDS))}"
                        f" (fields: {', '.join(CANONICAL_FIELDS)})"
                    )
                if isinstance(source_key, str) and source_key.strip():
                    table[canonical] = source_key.strip()
                elif isinstance(source_key, list) and source_key and all(isinstance(k, str) for k in source_key):
                    table[canonical] = list(source_key)
                else:
                    raise ConfigError(f"{sub}: expected a record key or a list of keys, got {_type(source_key)}")
                origins[f"fields.{canonical}"] = sub
            values[attr] = table
            origins["fields"] = where
    return values, origins


# ---------------------------------------------------------------------- merging
#: Config attribute -> (key in files, command-line option)
CLI_OPTIONS = {
    "select": ("select", "--select"),
    "ignore": ("ignore", "--ignore"),
    "extend_select": ("extend-select", "--extend-select"),
    "extend_ignore": ("extend-ignore", "--extend-ignore"),
    "exclude": ("exclude", "--exclude"),
    "format": ("format", "--format"),
    "fail_on": ("fail-on", "--fail-on"),
    "baseline": ("baseline", "--baseline"),
}


def load_config(
    paths: list[str],
    cli: dict[str, Any] | None = None,
    *,
    config_file: str | None = None,
    isolated: bool = False,
    stdin_filename: str | None = None,
    warnings: list[str] | None = None,
) -> Config:
    """The effective configuration of a run: defaults, then the file, then the command line.

    ``cli`` maps Config attributes to values given on the command line (``None`` or absent when the
    option was not given). A list given on the command line replaces the file's list, except
    ``extend-select`` and ``extend-ignore``, which add to it; field mappings merge field by field.
    """
    cli = {k: v for k, v in (cli or {}).items() if v is not None}
    cfg = Config()
    if not isolated:
        if config_file is not None:
            path: Path | None = Path(config_file)
            if not path.is_file():
                what = ("a folder, not a file" if path.is_dir() else
                        "not a regular file" if path.exists() else "no such file")
                raise ConfigError(f"--config: {config_file}: {what}")
        else:
            path, found_warnings = find_config(start_folder(paths, stdin_filename))
            if warnings is not None:
                warnings.extend(found_warnings)
        if path is not None:
            fs = read_config_file(path)
            values, origins = settings_from_file(fs)
            for attr, value in values.items():
                setattr(cfg, attr, value)
            cfg.origins.update(origins)
            cfg.config_file = str(path)
            cfg.config_dir = str(path.absolute().parent)
    for attr, value in cli.items():
        key, option = CLI_OPTIONS.get(attr, (attr.replace("_", "-"), "--" + attr.replace("_", "-")))
        if attr in ("extend_select", "extend_ignore"):
            if not value:
                continue
            setattr(cfg, attr, [*getattr(cfg, attr), *value])
            prior = cfg.origins.get(key)
            cfg.origins[key] = f"{prior} and {option}" if prior else option
        elif attr == "field_map":
            for canonical, source_key in value.items():
                cfg.field_map[canonical] = source_key
                cfg.origins[f"fields.{canonical}"] = "--field"
        elif attr == "budgets":  # budget by budget, over the file's
            for sel, limit in value.items():
                cfg.budgets[sel] = limit
                cfg.origins[f"budgets.{sel}"] = "--budget"
            if value:
                cfg.origins["budgets"] = "--budget"
        else:
            setattr(cfg, attr, value)
            cfg.origins[key] = option
    return cfg


# ---------------------------------------------------------------------- showing
def describe(cfg: Config, registry: Any) -> list[str]:
    """Lines for ``newslint config``: every effective setting and where it came from."""
    from newslint.engine import INPUT_CODES

    def origin(key: str) -> str:
        where = cfg.origins.get(key)
        if where is None:
            return "default"
        return where.split(": ", 1)[0] if ": " in where else f"command line ({where})"

    def show(value: Any) -> str:
        if isinstance(value, str):
            return value if value.startswith(("(", "{")) else _toml_str(value)
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, (list, tuple)):
            return "[" + ", ".join(show(v) for v in value) + "]"
        return str(value)

    rows: list[tuple[str, str, str]] = []
    add = lambda key, value, src: rows.append((key, show(value), src))  # noqa: E731
    add("select", cfg.select if cfg.select is not None else "(rules on by default)", origin("select"))
    for key, attr in (("ignore", "ignore"), ("extend-select", "extend_select"), ("extend-ignore", "extend_ignore")):
        add(key, getattr(cfg, attr), origin(key))
    if cfg.per_file_ignores:
        for pattern, sels in cfg.per_file_ignores.items():
            add(f"per-file-ignores.{_toml_key(pattern)}", sels, origin(f"per-file-ignores.{pattern}"))
    else:
        add("per-file-ignores", "{}", origin("per-file-ignores"))
    if cfg.per_record_ignores:
        for pattern, sels in cfg.per_record_ignores.items():
            add(f"per-record-ignores.{_toml_key(pattern)}", sels, origin(f"per-record-ignores.{pattern}"))
    else:
        add("per-record-ignores", "{}", origin("per-record-ignores"))
    add("record-ignore-field", cfg.record_ignore_field, origin("record-ignore-field"))
    add("exclude", cfg.exclude, origin("exclude"))
    add("packs", cfg.packs, origin("packs"))
    add("format", cfg.format or "(rich on a terminal, text otherwise)", origin("format"))
    add("fail-on", cfg.fail_on or "info", origin("fail-on"))
    add("baseline", display_path(cfg.baseline) if cfg.baseline else "(none)", origin("baseline"))
    if cfg.budgets:
        from newslint.budgets import format_percent

        for sel, limit in cfg.budgets.items():
            add(f"budgets.{_toml_key(sel)}", format_percent(limit), origin(f"budgets.{sel}"))
    else:
        add("budgets", "{}", origin("budgets"))
    add("dataset", cfg.dataset, origin("dataset"))
    from newslint.readers import DEFAULT_FIELD_MAP

    for canonical, keys in DEFAULT_FIELD_MAP.items():
        value = cfg.field_map.get(canonical, list(keys))
        add(f"fields.{canonical}", value if isinstance(value, list) else [value], origin(f"fields.{canonical}"))
    for code in sorted(registry.rules):
        if code in INPUT_CODES:
            continue
        rule = registry.rules[code]
        selected = cfg.is_selected(rule)
        from newslint.config import selector_matches

        deciding = []
        for k in ("select", "extend-select", "ignore", "extend-ignore"):
            sels = getattr(cfg, k.replace("-", "_")) or []
            if k in cfg.origins and any(selector_matches(x, rule.code, rule.name) for x in sels):
                deciding.append(f"{k}: {origin(k)}")
        if not deciding and cfg.select is not None and "select" in cfg.origins:
            deciding.append(f"not in select: {origin('select')}")
        sel_src = ", ".join(deciding) or "default"
        sev_key = next((f"severity.{k}" for k in cfg.severity
                        if k in (rule.code, rule.name) or rule.code.startswith(k.upper())), None)
        src = sel_src if sev_key is None else f"{sel_src}; severity: {origin(sev_key)}"
        scope = ""
        if selected and getattr(rule, "scope", "article") == "dataset":
            scope = ", across files" if cfg.across_files(rule) else ", within each file"
        rows.append((f"rules.{code}", f"{'on' if selected else 'off'} ({rule.name}, {cfg.severity_for(rule)}{scope})", src))
        given: dict[str, str] = {}
        for key in cfg.option_keys(rule):
            for opt in cfg.rule_options[key]:
                given[opt.replace("_", "-")] = origin(f"rules.{key}")
        opts = rule.validate_options(cfg.options_for(rule))
        for opt, value in opts.items():
            add(f"rules.{code}.{opt}", value, given.get(opt, "default"))
    # keys, values and file names are the user's text: a line break or an escape sequence in one
    # is written as \xNN, so that each setting stays one line
    rows = [(shown(k), shown(v), shown(src)) for k, v, src in rows]
    width = max(len(k) + len(v) + 3 for k, v, _ in rows)
    header = [shown(f"# configuration file: {display_path(cfg.config_file) if cfg.config_file else '(none)'}")]
    return header + [f"{f'{k} = {v}':<{width}}  # {src}" if src else f"{k} = {v}" for k, v, src in rows]


def _toml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _toml_key(key: str) -> str:
    return key if key.replace("-", "").replace("_", "").isalnum() else _toml_str(key)


def subcommand_config(args: Any) -> Config:
    """The configuration of ``newslint report`` and ``newslint compare``: the same file as the
    lint's (or ``--config FILE``, or none with ``--isolated``), then their selection options, so
    that a report counts what the lint gate counts."""
    from newslint.readers import parse_field_option

    field_map = dict(parse_field_option(f) for f in args.field)
    return load_config(
        list(args.paths),
        {
            "select": args.select,
            "ignore": args.ignore or None,
            "extend_select": args.extend_select or None,
            "field_map": field_map or None,
            "exclude": args.exclude or None,
        },
        config_file=args.config,
        isolated=args.isolated,
    )
