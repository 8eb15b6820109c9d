"""A run on one file imports only what one file needs: pre-commit pays newslint's start-up on every commit.

No timing here (bench/scaling.py measures the time); these tests check which modules a run on one
short article leaves imported, in a fresh interpreter.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

#: modules that one text file does not need, and that cost more to import than linting it
NOT_NEEDED = [
    "numpy",  # the dataset index (NL6xx), only when articles are compared with each other
    "rich.console",  # the rich report, only on a terminal or with --format rich
    "importlib.metadata",  # plugin look-up, only when some distribution declares a [newslint] entry point
    "email.utils",  # RFC 2822 dates, only when a date is written that way
    "xml.sax.saxutils",  # the JUnit report
    "orjson",  # JSON Lines files
    "multiprocessing",  # worker processes, only for inputs over 1 MiB
    "concurrent.futures",
    "newslint.report",  # the HTML report
    "yaml",  # YAML front matter, configuration and user packs (the shipped packs are prebuilt JSON)
    "tomllib",  # a pyproject.toml on the way up that mentions newslint
]

PROBE = textwrap.dedent('''
    import io, json, sys, contextlib
    from newslint.cli import main
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(sys.argv[1:-1])

    def loaded(name):
        module = sys.modules.get(name)
        # a module bound by newslint.lazy but never used is still a placeholder
        return module is not None and type(module).__name__ != "_LazyModule"

    print(json.dumps({"status": status, "output": out.getvalue(),
                      "loaded": [n for n in json.loads(sys.argv[-1]) if loaded(n)]}))
''')

ARTICLE = """\
Night buses return to the river district

By Tomas Reyland

The city transport office will run night buses through the river district again from next month,
after a pause of two years.

Three routes will stop at the old market, the hospital and the ferry quay every half hour between
midnight and five in the morning.

Residents had collected more than four thousand signatures asking for the service to come back.
"""


def probe(*args: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", PROBE, *args, json.dumps(NOT_NEEDED)], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


def test_one_text_file_imports_none_of_the_heavy_modules(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")
    result = probe("--no-cache", "--isolated", str(story), "--format", "text")
    assert result["status"] in (0, 1)
    assert result["loaded"] == []


def test_a_long_article_with_repeated_phrases_imports_none_of_them_either(tmp_path):
    """Past 200 words NL106 measures repeated n-grams; on one file it does so without numpy."""
    story = tmp_path / "long.txt"
    body = "\n\n".join(
        f"Ferry crews on route {i} said the new timetable would add a crossing at dawn and one at dusk, "
        f"and that passengers on route {i} had asked for the change since the spring." for i in range(12))
    story.write_text("Ferry timetable changes\n\nBy Tomas Reyland\n\n" + body + "\n", encoding="utf-8")
    result = probe("--no-cache", "--isolated", str(story), "--format", "text")
    assert "NL106" in result["output"]  # the rule ran its repeated n-gram measure
    assert result["loaded"] == []


def test_the_modules_are_still_there_when_a_run_needs_them(tmp_path):
    """The same probe sees them imported when the run uses them: the check above can fail."""
    data = tmp_path / "news.jsonl"
    data.write_text(json.dumps({"id": "a1", "title": "Night buses return", "text": ARTICLE}) + "\n", encoding="utf-8")
    result = probe("--no-cache", "--isolated", "--extend-select", "NL6", "--format", "rich", str(data))
    assert {"numpy", "orjson", "rich.console"} <= set(result["loaded"])


def test_yaml_is_imported_for_front_matter(tmp_path):
    story = tmp_path / "story.md"
    story.write_text("---\ntitle: Night buses return\nauthor: Tomas Reyland\n---\n\n" + ARTICLE, encoding="utf-8")
    result = probe("--no-cache", "--isolated", str(story), "--format", "text")
    assert result["status"] in (0, 1)
    assert "NL003" not in result["output"]
    assert "yaml" in set(probe_loaded(str(story), "yaml"))


def test_tomllib_is_imported_for_a_pyproject_configuration(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.newslint]\nignore = ["NL201"]\n', encoding="utf-8")
    story = tmp_path / "story.txt"
    story.write_text(ARTICLE, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", PROBE, "--no-cache", str(story), json.dumps(["tomllib"])],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1])["loaded"] == ["tomllib"]


def probe_loaded(path: str, *names: str) -> list[str]:
    proc = subprocess.run([sys.executable, "-c", PROBE, "--no-cache", "--isolated", path, json.dumps(list(names))],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])["loaded"]


def test_patterns_of_ideographs_are_compiled_only_for_text_that_needs_them():
    """Classes of tens of thousands of characters take milliseconds to compile (newslint.lazy):
    an English article leaves them uncompiled, a short Japanese one compiles what it uses."""
    code = textwrap.dedent('''
        import json, sys
        from newslint.api import lint_text
        from newslint import article, lang
        from newslint.checks import _common, wrong_codec
        # the class of scripts without spaces that brief_body (NL506) and truncated_body share
        pats = {"article": article._CJK, "lang": lang._EAST_ASIAN, "wrong_codec": wrong_codec._EAST_ASIAN,
                "brief_body": _common.NO_SPACE_SCRIPT}
        state = lambda: {k: p._compiled is not None for k, p in pats.items()}
        lint_text(sys.argv[1])
        english = state()
        found = [v.code for v in lint_text(sys.argv[2])]
        print(json.dumps({"english": english, "japanese": state(), "found": found}))
    ''')
    japanese = "駅前の再開発\n\n市は駅前の再開発計画を発表した。新しい図書館と広場が二〇二八年に完成する予定だ。\n"
    proc = subprocess.run([sys.executable, "-c", code, ARTICLE, japanese], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["english"] == {"article": False, "lang": False, "wrong_codec": False, "brief_body": False}
    assert result["japanese"] == {"article": True, "lang": True, "wrong_codec": True, "brief_body": True}


def test_most_module_level_patterns_stay_uncompiled_on_an_english_article():
    """Module-level regular expressions are LazyPattern objects: an English article compiles the few
    it uses (each compile costs 0.1 to 1 ms, and there are some eighty of them)."""
    code = textwrap.dedent('''
        import json, sys
        from newslint.api import lint_text
        from newslint.lazy import LazyPattern
        lint_text(sys.argv[1], path="story.txt")
        state = {f"{name}.{attr}": val._compiled is not None
                 for name, mod in list(sys.modules.items()) if name.startswith("newslint") and mod is not None
                 for attr, val in vars(mod).items() if isinstance(val, LazyPattern)}
        print(json.dumps(state))
    ''')
    proc = subprocess.run([sys.executable, "-c", code, ARTICLE], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    state = json.loads(proc.stdout)
    assert len(state) >= 60 and sum(state.values()) <= 20
    for name in ("newslint.checks.byline._URL", "newslint.checks.stamps._DATE_ANCHOR",
                 "newslint.checks.encoding._APOSTROPHE", "newslint.suppress._DIRECTIVE",
                 "newslint.readability._VOWEL_GROUPS", "newslint.checks.wrong_codec._RUN"):
        assert state[name] is False, name
