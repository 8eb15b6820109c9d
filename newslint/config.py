"""Configuration: the effective settings of a run, and rule selection.

Selection follows flake8: every selector is a code, a code prefix (``NL2``), a rule name
(``duplicate-paragraph``) or ``ALL``; for each rule the longest matching selector among select and
ignore decides, and ignore wins a tie. Without ``select`` the rules enabled by default are selected.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from newslint.violation import SEVERITIES, shown


class ConfigError(ValueError):
    """A configuration or usage error: reported in one line, exit status 2.

    Its text quotes what the user wrote (a key, a selector, a file name), which may hold a line
    break or an escape sequence: those are written as ``\\xNN``, so the error stays one line.
    """

    def __str__(self) -> str:
        return shown(super().__str__())


@dataclass
class Config:
    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    extend_select: list[str] = field(default_factory=list)
    extend_ignore: list[str] = field(default_factory=list)
    #: rule code or name -> {option: value}
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: rule code or name -> severity
    severity: dict[str, str] = field(default_factory=dict)
    #: canonical field -> source key
    field_map: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    packs: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    format: str | None = None
    #: glob (relative to ``config_dir``) -> selectors ignored in matching files
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    #: record id or URL glob -> selectors ignored in matching records
    per_record_ignores: dict[str, list[str]] = field(default_factory=dict)
    #: the record field (JSON formats) listing codes to ignore for that record
    record_ignore_field: str = "newslint_ignore"
    #: baseline file: findings recorded in it are not reported
    baseline: str | None = None
    #: rule code, prefix or name -> largest share of articles (percent) allowed to have a finding
    #: of it; with budgets the exit status is 1 only when one is exceeded (newslint.budgets)
    budgets: dict[str, float] = field(default_factory=dict)
    #: compare articles across files (the dataset rules' scope); otherwise the dataset rules that
    #: are on by default compare the articles of each file among themselves
    dataset: bool = False
    #: the configuration file read, and its folder (globs and paths in it are relative to that)
    config_file: str | None = None
    config_dir: str | None = None
    #: setting (``select``, ``rules.NL204``, ``severity.NL101`` ...) -> where it was set, for messages
    #: and ``newslint config``; see :mod:`newslint.configfile`
    origins: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Config(select="NL2,NL3") from the Python API: a string is a comma-separated list, as on
        # the command line, not a list of one-letter selectors
        for key in ("select", "ignore", "extend_select", "extend_ignore", "exclude", "packs"):
            value = getattr(self, key)
            if isinstance(value, str):
                setattr(self, key, [part.strip() for part in value.split(",") if part.strip()])
        # the same for the selectors of a glob, as the configuration files read them: "NL101" was
        # taken letter by letter, "N" naming every rule
        for key in ("per_file_ignores", "per_record_ignores"):
            table = getattr(self, key)
            if any(isinstance(sels, str) for sels in table.values()):
                setattr(self, key, {pattern: [part.strip() for part in sels.split(",") if part.strip()]
                                    if isinstance(sels, str) else sels for pattern, sels in table.items()})

    def pack_dirs(self) -> list[str]:
        """Rule-pack folders: from the command line as given, from a configuration file relative to it."""
        from_file = self.config_dir is not None and self.origins.get("packs") not in (None, "--packs")
        if not from_file:
            return list(self.packs)
        import os

        return [p if os.path.isabs(p) else os.path.join(self.config_dir, p) for p in self.packs]

    def where(self, key: str) -> str:
        """Where setting ``key`` came from, as a message prefix (``pyproject.toml: tool.newslint.select``)."""
        return self.origins.get(key, key.replace("_", "-"))

    def validate(self, rules: dict[str, type]) -> None:
        """Check selectors, severities and rule options against the known rules."""
        names = {r.name: code for code, r in rules.items()}
        known = [*rules, *names]
        if self.select is not None and not self.select:
            # `--select "$RULES"` with an empty variable: a CI gate that checks nothing and passes
            raise ConfigError(f"{self.where('select')}: names no rule (to check every rule, select ALL)")
        for key in ("select", "ignore", "extend_select", "extend_ignore"):
            for sel in getattr(self, key) or []:
                if not str(sel).strip():  # a prefix of nothing would name every rule
                    raise ConfigError(f"{self.where(key.replace('_', '-'))}: {EMPTY_SELECTOR}")
                if not _selector_known(sel, rules, names):
                    raise ConfigError(f"{self.where(key.replace('_', '-'))}: unknown rule '{sel}'{_closest(sel, known)}")
        for table, key in ((self.per_file_ignores, "per-file-ignores"), (self.per_record_ignores, "per-record-ignores")):
            for pattern, sels in table.items():
                for sel in sels:
                    if not sel.strip():  # "*": [""] ignored every rule in every file
                        raise ConfigError(f"{self.where(f'{key}.{pattern}')}: {EMPTY_SELECTOR}")
                    if not _selector_known(sel, rules, names):
                        raise ConfigError(
                            f"{self.where(f'{key}.{pattern}')}: unknown rule '{sel}'{_closest(sel, known)}"
                        )
        for sel, sev in self.severity.items():
            if not sel.strip():
                raise ConfigError(f"{self.where(f'severity.{sel}')}: {EMPTY_SELECTOR}")
            if not _selector_known(sel, rules, names) or sel.upper() == "ALL":
                raise ConfigError(f"{self.where(f'severity.{sel}')}: unknown rule '{sel}'{_closest(sel, known)}")
            if sev not in SEVERITIES:
                raise ConfigError(
                    f"{self.where(f'severity.{sel}')}: '{sev}' is not one of {', '.join(SEVERITIES)}"
                    f"{_closest(str(sev), list(SEVERITIES))}"
                )
        if self.fail_on is not None and self.fail_on not in SEVERITIES:
            raise ConfigError(
                f"{self.where('fail-on')}: '{self.fail_on}' is not one of {', '.join(SEVERITIES)}"
                f"{_closest(str(self.fail_on), list(SEVERITIES))}"
            )
        if self.budgets:
            check_budgets(self.budgets, rules, lambda sel: self.where(f"budgets.{sel}"))
        for sel, opts in self.rule_options.items():
            rule = resolve_rule(sel, rules, names)
            if rule is None:
                raise ConfigError(f"{self.where(f'rules.{sel}')}: unknown rule '{sel}'{_closest(sel, known)}")
            from newslint.rule import OptionError

            try:
                rule.validate_options(opts)
            except OptionError as exc:
                raise ConfigError(f"{self.where(f'rules.{sel}')}: {exc}") from None

    def option_keys(self, rule: type) -> list[str]:
        """The keys of ``rule_options`` naming ``rule``: its code in any case (``nl204`` is
        accepted by :meth:`validate`, and was then never applied), then its name."""
        keys = [k for k in self.rule_options if k != rule.name and str(k).upper() == rule.code]
        return keys + ([rule.name] if rule.name in self.rule_options else [])

    def options_for(self, rule: type) -> dict[str, Any]:
        opts: dict[str, Any] = {}
        for key in self.option_keys(rule):
            opts.update(self.rule_options[key])
        return opts

    def severity_for(self, rule: type) -> str:
        """The configured severity: by code or name, else by the longest matching code prefix."""
        exact = self.severity.get(rule.code) or self.severity.get(rule.name)
        if exact:
            return exact
        best, level = 0, rule.severity
        for sel, sev in self.severity.items():
            if len(sel) > best and rule.code.startswith(sel.upper()):
                best, level = len(sel), sev
        return level

    def is_selected(self, rule: type) -> bool:
        if self.select is None:
            sel = 0 if rule.default_enabled else -1
        else:
            sel = _match_len(rule, self.select)
        sel = max(sel, _match_len(rule, self.extend_select))
        ign = _match_len(rule, [*self.ignore, *self.extend_ignore])
        return sel >= 0 and sel > ign

    def across_files(self, rule: type) -> bool:
        """Whether a dataset rule compares articles across files, not only within each file.

        Across files with ``dataset = true``, or when the rule is selected by its code, a prefix
        or its name (``--extend-select NL6``); within each file when it runs because it is on by
        default (or through ``ALL``), so that what a file gets does not depend on which other files
        are linted with it (pre-commit's batches).
        """
        if self.dataset:
            return True
        return max(_match_len(rule, self.select or []), _match_len(rule, self.extend_select)) > 0

    def is_selected_with(self, rule: type, extra_ignore: list[str]) -> bool:
        """Like :meth:`is_selected`, with ``extra_ignore`` (per-file-ignores) added to ignore.

        The longest matching selector still decides: ``--select NL101`` keeps NL101 in a file whose
        per-file-ignores name ``NL1``, as in flake8.
        """
        if self.select is None:
            sel = 0 if rule.default_enabled else -1
        else:
            sel = _match_len(rule, self.select)
        sel = max(sel, _match_len(rule, self.extend_select))
        ign = _match_len(rule, [*self.ignore, *self.extend_ignore, *extra_ignore])
        return sel >= 0 and sel > ign


#: a selector that is empty (or only white space) would be a prefix of every code
EMPTY_SELECTOR = "an empty rule selector (name a code, a prefix such as NL3, a rule name, or ALL)"


def selector_matches(sel: str, code: str, name: str) -> bool:
    """Whether one selector (code, prefix, name or ALL) names the rule ``code``/``name``."""
    return sel == name or sel.upper() == "ALL" or code.startswith(sel.upper())


def _match_len(rule: type, selectors: list[str]) -> int:
    best = -1
    for sel in selectors:
        if sel == rule.name:
            best = max(best, 100)
        elif sel.upper() == "ALL":
            best = max(best, 0)
        elif rule.code.startswith(sel.upper()):
            best = max(best, len(sel))
    return best


def _selector_known(sel: str, rules: dict[str, type], names: dict[str, str]) -> bool:
    return sel.upper() == "ALL" or sel in names or any(code.startswith(sel.upper()) for code in rules)


def resolve_rule(sel: str, rules: dict[str, type], names: dict[str, str] | None = None) -> type | None:
    """The rule named by an exact code or name."""
    if names is None:
        names = {r.name: code for code, r in rules.items()}
    code = sel.upper() if sel.upper() in rules else names.get(sel)
    return rules.get(code) if code else None


def _closest(word: str, choices: list[str]) -> str:
    # a code typed with letters for digits ("NL1O1", "NL2l0"): try the obvious reading first
    upper = word.upper()
    if len(upper) == 5 and upper.startswith("NL"):
        fixed = "NL" + upper[2:].translate(str.maketrans("OIL", "011"))
        if fixed in choices:
            return f" (did you mean '{fixed}'?)"
    match = _best(word, choices) or _best(word.upper(), choices)
    return f" (did you mean '{match}'?)" if match else ""


def _best(word: str, choices: list[str]) -> str | None:
    """The closest choice; among equally similar ones, the one with most characters in place
    (NL2O4 is NL204, not NL324)."""
    candidates = difflib.get_close_matches(word, choices, n=5, cutoff=0.5)
    if not candidates:
        return None

    def score(c: str) -> tuple[float, int]:
        return (round(difflib.SequenceMatcher(None, word, c).ratio(), 6), sum(a == b for a, b in zip(word, c)))

    return max(candidates, key=score)


def check_budgets(budgets: dict[str, float], rules: dict[str, type], where) -> None:
    """Budget selectors must name known rules; limits are percentages from 0 to 100."""
    names = {r.name: code for code, r in rules.items()}
    known = [*rules, *names]
    for sel, limit in budgets.items():
        if not sel.strip():
            raise ConfigError(f"{where(sel)}: {EMPTY_SELECTOR}")
        if not _selector_known(sel, rules, names):
            raise ConfigError(f"{where(sel)}: unknown rule '{sel}'{_closest(sel, known)}")
        if not 0 <= limit <= 100:
            raise ConfigError(f"{where(sel)}: a budget is a share of articles from 0% to 100%, not {limit}%")
