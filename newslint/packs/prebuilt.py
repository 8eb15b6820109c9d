"""The shipped rule packs, parsed ahead of time: what ``yaml.safe_load`` makes of each shipped rule
file, stored as JSON next to the packs (``rules/prebuilt.json``).

A one-file run (pre-commit) loads every shipped rule file. Importing PyYAML and parsing thirteen
files cost more than linting the article; reading one JSON file costs a fraction of it, and PyYAML
is then not imported at all.

Each entry holds the SHA-256 of the rule file's text and the parsed mapping. The loader uses an
entry only when the hash of the text it has just read is the entry's: a rule file edited since the
JSON was written is parsed from its YAML, as any user pack is, so the answer never depends on the
JSON being up to date (tests/test_packs.py checks that it is, and that each entry equals the parsed
YAML). JSON holds data only: nothing in it is run. User packs never go through this file.

The file also holds, under ``loose``, the loose form (newslint.packs.loose) of every regex the shipped
packs' matchers compile that has one, keyed by the regex source: rewriting the patterns at each run
would cost more than it saves. A source edited since has no entry, and is compiled as it is.

Rebuild it after editing a shipped pack::

    python -m newslint.packs.prebuilt [RULES_FOLDER]
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

FILE_NAME = "prebuilt.json"
FORMAT = 1

_LOADED: dict[str, dict[str, Any]] = {}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _raw(root: Any) -> dict[str, Any]:
    key = str(root)
    raw = _LOADED.get(key)
    if raw is None:
        raw = {}
        try:
            found = json.loads((root / FILE_NAME).read_text(encoding="utf-8"))
            if isinstance(found, dict) and found.get("format") == FORMAT and isinstance(found.get("files"), dict):
                raw = found
        except (OSError, ValueError):
            pass  # no usable file: every rule file is parsed from its YAML
        _LOADED[key] = raw
    return raw


def _table(root: Any) -> dict[str, Any]:
    return _raw(root).get("files", {})


def loose_forms(root: Any) -> dict[str, str]:
    """regex source -> its loose form (newslint.packs.loose) for the matchers of the shipped packs
    under ``root``; empty when the file has none or is not usable."""
    table = _raw(root).get("loose")
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if type(k) is str and type(v) is str}


def lookup(root: Any, pack: str, name: str, text: str) -> Any:
    """The parsed mapping of the shipped rule file ``pack/name`` under ``root`` whose text is
    ``text``, or None when there is no entry for exactly this text. Keys keep the order of the
    YAML file (the order of ``swap`` and of the language lists matters)."""
    entry = _table(root).get(f"{pack}/{name}")
    if not isinstance(entry, dict) or entry.get("sha256") != digest(text):
        return None
    return entry.get("data")


def _json_exact(value: Any) -> bool:
    """Whether ``value`` comes back from JSON as it is (no dates, tuples, non-string keys...)."""
    if value is None or type(value) in (str, bool, int):
        return True
    if type(value) is float:
        return value == value and value not in (float("inf"), float("-inf"))
    if type(value) is list:
        return all(_json_exact(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _json_exact(v) for k, v in value.items())
    return False


def build(root: Any) -> dict[str, Any]:
    """The prebuilt table of the packs under ``root``: every ``*.yaml``/``*.yml`` file one folder
    down whose parsed form JSON keeps exactly (any other is left to the YAML parser at load)."""
    from newslint import safeyaml

    files: dict[str, Any] = {}
    for folder in sorted(Path(str(root)).iterdir()):
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if not (entry.is_file() and entry.name.endswith((".yaml", ".yml"))):
                continue
            text = entry.read_text(encoding="utf-8")
            data = safeyaml.load(text)
            if isinstance(data, dict) and _json_exact(data):
                files[f"{folder.name}/{entry.name}"] = {"sha256": digest(text), "data": data}
    return {"format": FORMAT, "files": files, "loose": _loose_table(files)}


def _loose_table(files: dict[str, Any]) -> dict[str, str]:
    """regex source -> loose form, for every regex of the rule files' matchers that has one (a
    property class to loosen, see newslint.packs.loose)."""
    from newslint.packs.loose import loosen
    from newslint.packs.matching import matcher_sources

    def languages(value: Any) -> dict[str, list[str]]:
        """``phrases``/``patterns`` as {language or 'any': [items]}, as the loader makes them (a
        malformed value gives nothing here: the loader reports it)."""
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list):
            value = {"any": value}
        if not isinstance(value, dict):
            return {}
        return {k: ([v] if isinstance(v, str) else v) for k, v in value.items()
                if isinstance(k, str) and isinstance(v, (str, list)) and all(isinstance(x, str) for x in v)}

    table: dict[str, str] = {}
    for entry in files.values():
        data = entry["data"]
        kind = data.get("kind")
        if kind not in ("existence", "occurrence"):
            continue
        mode = data.get("match", "anywhere") if kind == "existence" else "anywhere"
        sources = matcher_sources(languages(data.get("phrases")), languages(data.get("patterns")), str(mode))
        for entries in sources.values():
            for src, _is_phrase in entries:
                if src in table:
                    continue
                loose = loosen(src)
                if loose is not None and loose != src:
                    table[src] = loose
    return table


def main() -> None:
    import sys

    # the rules/ folder of the source checkout (installed, the packs are newslint/rules)
    here = Path(__file__).resolve().parent.parent
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else next(
        (p for p in (here.parent / "rules", here / "rules") if p.is_dir()), here.parent / "rules")
    table = build(root)
    (root / FILE_NAME).write_text(json.dumps(table, ensure_ascii=False, indent=1) + "\n",
                                  encoding="utf-8")
    print(f"{root / FILE_NAME}: {len(table['files'])} rule files, {len(table['loose'])} loose forms")


if __name__ == "__main__":
    main()
