"""Configuration files: discovery, precedence over the command line, every error message, `newslint config`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newslint.cli import main

LEDE = "Dockworkers in Rotterdam stayed off the job for an eighth day on Monday, leaving container ships idling offshore."
SECOND = "Union leaders said talks with the port authority would resume on Thursday if the employers improved their offer."
THIRD = "Shipping lines have begun diverting cargo to Antwerp and Hamburg, where terminal operators report long queues."
BODY = [LEDE, SECOND, THIRD]


def article_txt(body: list[str], title: str = "Port Strike Enters Second Week", byline: str | None = "By Anna de Vries") -> str:
    head = title + "\n" + (byline + "\n" if byline else "")
    return head + "\n" + "\n\n".join(body) + "\n"


def lint(args, capsys) -> tuple[int, list[str], str]:
    code = main([str(a) for a in args])
    cap = capsys.readouterr()
    assert "Traceback" not in cap.err
    return code, cap.out.splitlines(), cap.err


def codes_of(lines: list[str]) -> list[str]:
    return [line.split(": ", 1)[1].split()[0] for line in lines if ": NL" in line]


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A project folder: a short, byline-less article with a repeated paragraph in data/news/."""
    news = tmp_path / "data" / "news"
    news.mkdir(parents=True)
    # NL101 (repeat), NL201 (no byline); 57 words: NL204 only with min-words above that
    (news / "strike.txt").write_text(article_txt([LEDE, SECOND, LEDE, THIRD], byline=None))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_pyproject(folder: Path, table: str) -> Path:
    path = folder / "pyproject.toml"
    path.write_text('[project]\nname = "corpus"\n\n[tool.newslint]\n' + table)
    return path


# ---------------------------------------------------------------------- discovery and precedence
def test_pyproject_found_from_the_linted_path_upward(project, capsys):
    write_pyproject(project, 'ignore = ["NL201"]\n')
    code, out, _ = lint(["data/news/strike.txt"], capsys)
    assert codes_of(out) == ["NL101"]
    assert code == 1


def test_the_nearest_file_wins(project, capsys):
    write_pyproject(project, 'ignore = ["NL201"]\n')
    (project / "data" / ".newslint.yaml").write_text("ignore: [NL101]\n")
    _, out, _ = lint(["data/news"], capsys)
    assert codes_of(out) == ["NL201"]


def test_pyproject_without_a_newslint_table_is_passed_over(project, capsys):
    write_pyproject(project, 'ignore = ["NL201"]\n')
    (project / "data" / "pyproject.toml").write_text('[project]\nname = "data"\n')
    _, out, _ = lint(["data/news"], capsys)
    assert codes_of(out) == ["NL101"]


def test_yaml_and_pyproject_in_one_folder_yaml_wins_with_a_warning(project, capsys):
    write_pyproject(project, 'ignore = ["NL201"]\n')
    (project / ".newslint.yaml").write_text("ignore: [NL101]\n")
    _, out, err = lint(["data"], capsys)
    assert codes_of(out) == ["NL201"]
    assert "warning: .newslint.yaml is used; [tool.newslint] in pyproject.toml is ignored" in err


def test_the_warning_about_both_files_is_one_line_whatever_the_folder_is_called(project, capsys):
    folder = project / "wire\ndesk"
    (folder / "news").mkdir(parents=True)
    (folder / "news" / "strike.txt").write_text(article_txt([LEDE, SECOND, LEDE, THIRD], byline=None))
    write_pyproject(folder, 'ignore = ["NL201"]\n')
    (folder / ".newslint.yaml").write_text("ignore: [NL101]\n")
    _, out, err = lint([str(folder / "news")], capsys)
    assert codes_of(out) == ["NL201"]
    assert err.splitlines() == ["newslint: warning: wire\\x0adesk/.newslint.yaml is used; [tool.newslint] in "
                                "wire\\x0adesk/pyproject.toml is ignored"]


def test_isolated_ignores_configuration(project, capsys):
    write_pyproject(project, 'ignore = ["NL1", "NL2"]\n')
    _, out, _ = lint(["--isolated", "data"], capsys)
    assert codes_of(out) == ["NL201", "NL101"]


def test_config_option_names_the_file(project, capsys, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("settings") / "strict.yaml"
    elsewhere.write_text("rules:\n  short-body: {min-words: 300}\nignore: [NL1]\n")
    write_pyproject(project, 'ignore = ["NL2"]\n')  # not read: --config wins over discovery
    _, out, _ = lint(["--config", elsewhere, "data"], capsys)
    assert codes_of(out) == ["NL201", "NL204"]
    assert "fewer than 300" in out[1]


def test_cli_list_replaces_file_list_extend_adds(project, capsys):
    write_pyproject(project, 'select = ["NL2"]\nextend-select = ["NL101"]\n')
    _, out, _ = lint(["data"], capsys)
    assert codes_of(out) == ["NL201", "NL101"]
    _, out, _ = lint(["--select", "NL101", "data"], capsys)  # replaces select; extend-select kept
    assert codes_of(out) == ["NL101"]
    _, out, _ = lint(["--extend-ignore", "NL101", "data"], capsys)
    assert codes_of(out) == ["NL201"]


def test_longest_prefix_decides_between_file_and_cli(project, capsys):
    write_pyproject(project, 'ignore = ["NL1"]\n')
    _, out, _ = lint(["--select", "NL101,NL2", "data"], capsys)  # NL101 is longer than NL1
    assert codes_of(out) == ["NL201", "NL101"]
    write_pyproject(project, 'ignore = ["NL101"]\n')
    _, out, _ = lint(["--select", "NL1,NL2", "data"], capsys)  # NL101 is longer than NL1
    assert codes_of(out) == ["NL201"]
    _, out, _ = lint(["--select", "NL101", "--ignore=", "data"], capsys)  # an empty --ignore clears the file's
    assert codes_of(out) == ["NL101"]


def test_per_file_ignores_with_longest_prefix(project, capsys):
    (project / "data" / "other.txt").write_text(article_txt([LEDE, SECOND, LEDE, THIRD], byline=None))
    write_pyproject(project, '[tool.newslint.per-file-ignores]\n"data/news/*" = ["NL1", "NL201"]\n')
    _, out, _ = lint(["data"], capsys)
    assert [(line.split(":")[0], c) for line, c in zip(out, codes_of(out))] == [
        ("data/other.txt", "NL201"),
        ("data/other.txt", "NL101"),
    ]
    # an explicit, longer select beats the per-file ignore (flake8's decision)
    _, out, _ = lint(["--select", "NL101", "data/news"], capsys)
    assert codes_of(out) == ["NL101"]


def test_per_file_ignores_relative_to_the_config_folder(project, capsys, monkeypatch):
    write_pyproject(project, '[tool.newslint.per-file-ignores]\n"data/news/*.txt" = ["NL201"]\n')
    monkeypatch.chdir(project / "data")
    _, out, _ = lint(["news"], capsys)
    assert codes_of(out) == ["NL101"]


def test_a_per_file_glob_for_hidden_files_does_not_cover_every_file_under_dot(project, capsys):
    # ".*" matched "./data/news/strike.txt": linting "." ignored NL1 in every file, "data" did not
    (project / ".newslint.yaml").write_text('per-file-ignores: {".*": [NL1]}\n')
    for path in (".", "./data", "data"):
        code, out, _ = lint([path], capsys)
        assert sorted(codes_of(out)) == ["NL101", "NL201"] and code == 1, path


def test_python_api_ignores_given_as_a_string_are_a_comma_separated_list(project):
    # as select and ignore are: "NL101" was read letter by letter, and "L" named no rule
    from newslint.api import lint_paths
    from newslint.config import Config

    story = str(project / "data" / "news" / "strike.txt")
    assert [v.code for v in lint_paths([story], Config(per_file_ignores={"*": "NL101"}))] == ["NL201"]
    assert [v.code for v in lint_paths([story], Config(per_file_ignores={"*": "NL101, missing-byline"}))] == []
    assert Config(per_record_ignores={"afp-1": "NL1,NL2"}).per_record_ignores == {"afp-1": ["NL1", "NL2"]}


def test_severity_rule_options_fail_on_and_format_from_the_file(project, capsys):
    (project / ".newslint.yaml").write_text(
        "severity:\n  NL1: info\n  missing-byline: info\n"
        "rules:\n  NL204:\n    min-words: 80\n"
        "fail-on: warning\nformat: text\n"
    )
    code, out, _ = lint(["data"], capsys)
    assert codes_of(out) == ["NL201", "NL204", "NL101"]
    assert code == 1  # NL204 keeps its severity error
    (project / ".newslint.yaml").write_text("severity: {NL1: info, NL2: info}\nfail-on: warning\n")
    code, out, _ = lint(["data"], capsys)
    assert len(out) == 2 and code == 0
    code, _, _ = lint(["--fail-on", "info", "data"], capsys)
    assert code == 1


def test_rule_options_keyed_by_a_lower_case_code_are_applied(project, capsys):
    # accepted by the check (codes are read in any case) and then never applied
    (project / ".newslint.yaml").write_text("rules: {nl204: {min-words: 80}}\n")
    code, out, _ = lint(["data"], capsys)
    assert sorted(codes_of(out)) == ["NL101", "NL201", "NL204"] and code == 1
    code, out, _ = lint(["config", "data"], capsys)
    row = next(line for line in out if line.startswith("rules.NL204.min-words"))
    assert row.split("#")[0].strip() == "rules.NL204.min-words = 80" and row.endswith("# .newslint.yaml")


def test_fields_mapping_from_the_file(project, capsys):
    story = " ".join([*BODY, "Rail operators said trains would run to the normal timetable from Wednesday morning.",
                      "Passengers holding tickets for cancelled services can claim a full refund online."])
    record = {"headline_text": "Rail Strike Called Off", "story": story, "writer": "Piet Jansen",
              "published_at": "2026-03-02", "url": "https://news.example.org/rail-strike-called-off"}
    (project / "data" / "feed.jsonl").write_text(json.dumps(record) + "\n")
    _, out, _ = lint(["--isolated", "data/feed.jsonl"], capsys)
    assert "NL202" in codes_of(out)
    (project / ".newslint.yaml").write_text(
        "fields:\n  title: headline_text\n  body: story\n  byline: writer\n  date: [published_at]\n"
    )
    code, out, _ = lint(["data/feed.jsonl"], capsys)
    assert out == [] and code == 0


def test_exclude_from_the_file(project, capsys):
    (project / ".newslint.yaml").write_text("exclude: [news]\n")
    code, out, _ = lint(["data"], capsys)
    assert out == [] and code == 0


def test_a_glob_for_hidden_files_does_not_exclude_the_current_or_parent_folder(project, capsys, monkeypatch):
    # ".*" matched "." and "..": `newslint .` or `newslint ./data` linted nothing and passed
    (project / ".newslint.yaml").write_text('exclude: [".*"]\n')
    (project / "data" / ".drafts").mkdir()
    (project / "data" / ".drafts" / "draft.txt").write_text(article_txt([LEDE, LEDE], byline=None))
    for path in (".", "./data", "data/./news"):
        code, out, _ = lint([path], capsys)
        assert sorted(codes_of(out)) == ["NL101", "NL201"] and code == 1, path
        assert not any(".drafts" in line for line in out)
    monkeypatch.chdir(project / "data" / "news")
    code, out, _ = lint(["../../data"], capsys)
    assert sorted(codes_of(out)) == ["NL101", "NL201"] and code == 1


def test_an_empty_exclude_glob_excludes_nothing_absolute_paths_included(project, capsys):
    # it matched the empty first part of an absolute path: every file given that way was skipped
    (project / ".newslint.yaml").write_text('exclude: ["", drafts]\n')
    for path in (project / "data", "data", str(project / "data" / "news" / "strike.txt")):
        code, out, _ = lint([path], capsys)
        assert sorted(codes_of(out)) == ["NL101", "NL201"] and code == 1, path


# ---------------------------------------------------------------------- errors: one line, exit 2
ERRORS = [
    ('selct = ["NL1"]\n', "pyproject.toml: tool.newslint.selct: unknown key (did you mean 'select'?)"),
    ('extend_ignore = ["NL1"]\n', "pyproject.toml: tool.newslint.extend_ignore: unknown key (did you mean 'extend-ignore'?)"),
    ("select = 5\n", "pyproject.toml: tool.newslint.select: expected a list of rule codes, prefixes or names, got a number (5)"),
    ('exclude = [1, 2]\n', "pyproject.toml: tool.newslint.exclude: expected a list of strings, got a list holding a number (1)\n"),
    ('select = ["NL1", true]\n', "pyproject.toml: tool.newslint.select: expected a list of rule codes, prefixes or names, "
     "got a list holding a boolean (true)\n"),
    ('select = ["NL1O1"]\n', "pyproject.toml: tool.newslint.select: unknown rule 'NL1O1' (did you mean 'NL101'?)"),
    ('ignore = ["duplicate-paragrph"]\n',
     "pyproject.toml: tool.newslint.ignore: unknown rule 'duplicate-paragrph' (did you mean 'duplicate-paragraph'?)"),
    ('[tool.newslint.severity]\nNL101 = "fatal"\n',
     "pyproject.toml: tool.newslint.severity.NL101: 'fatal' is not one of info, warning, error"),
    ('[tool.newslint.severity]\nNL101 = "eror"\n',
     "pyproject.toml: tool.newslint.severity.NL101: 'eror' is not one of info, warning, error (did you mean 'error'?)"),
    ('[tool.newslint.severity]\nNL999 = "info"\n', "pyproject.toml: tool.newslint.severity.NL999: unknown rule 'NL999'"),
    ('[tool.newslint.severity]\nNL101 = 3\n',
     "pyproject.toml: tool.newslint.severity.NL101: expected one of info, warning, error, got a number (3)"),
    ('fail-on = "warn"\n',
     "pyproject.toml: tool.newslint.fail-on: expected one of info, warning, error, got a string ('warn') (did you mean 'warning'?)"),
    ('format = "jsn"\n', "pyproject.toml: tool.newslint.format: unknown format 'jsn'"),
    ('[tool.newslint.rules.NL204]\nmin-words = "many"\n',
     "pyproject.toml: tool.newslint.rules.NL204: NL204 (short-body) option 'min-words' must be a whole number, not 'many'"),
    ('[tool.newslint.rules.short-body]\nmin-word = 80\n',
     "pyproject.toml: tool.newslint.rules.short-body: NL204 (short-body) has no option 'min-word' (did you mean 'min-words'? options: min-words)"),
    ('[tool.newslint.rules.NL2O4]\nmin-words = 80\n', "pyproject.toml: tool.newslint.rules.NL2O4: unknown rule 'NL2O4' (did you mean 'NL204'?)"),
    ("rules = 3\n", "pyproject.toml: tool.newslint.rules: expected a table of rules to options, got a number (3)"),
    ('[tool.newslint.rules]\nNL204 = 80\n', "pyproject.toml: tool.newslint.rules.NL204: expected a table of options, got a number (80)"),
    ('[tool.newslint.fields]\nheadline = "hed"\n', "pyproject.toml: tool.newslint.fields.headline: unknown field"),
    ('[tool.newslint.fields]\nbody = 7\n', "pyproject.toml: tool.newslint.fields.body: expected a record key or a list of keys, got a number (7)"),
    ('[tool.newslint.per-file-ignores]\n"data/*" = ["NL77"]\n',
     "pyproject.toml: tool.newslint.per-file-ignores.data/*: unknown rule 'NL77'"),
    ('per-record-ignores = ["a1"]\n',
     "pyproject.toml: tool.newslint.per-record-ignores: expected a table of globs to rule codes, got a list"),
    ('record-ignore-field = ""\n', "pyproject.toml: tool.newslint.record-ignore-field: expected a string, got a string ('')"),
    ('select = ["NL1"\n', "pyproject.toml: invalid TOML:"),
    # a list left empty, or an empty string in it, selected nothing (exit 0) or everything
    ("select = []\n", "pyproject.toml: tool.newslint.select: names no rule (to check every rule, select ALL)"),
    ('select = ["NL1", ""]\n', "pyproject.toml: tool.newslint.select: an empty rule selector (name a code, a prefix"),
    ('extend-ignore = [" "]\n', "pyproject.toml: tool.newslint.extend-ignore: an empty rule selector"),
    # the same in a table: a prefix of every code, which ignored every rule in every file
    ('[tool.newslint.per-file-ignores]\n"*" = [""]\n', "pyproject.toml: tool.newslint.per-file-ignores.*: an empty rule selector"),
    ('[tool.newslint.per-record-ignores]\n"*" = ["NL1", " "]\n',
     "pyproject.toml: tool.newslint.per-record-ignores.*: an empty rule selector"),
    ('[tool.newslint.severity]\n"" = "info"\n', "pyproject.toml: tool.newslint.severity.: an empty rule selector"),
    ('[tool.newslint.budgets]\n"" = "2%"\n', "pyproject.toml: tool.newslint.budgets.: an empty rule selector"),
]


def test_an_empty_select_on_the_command_line_is_an_error_not_a_pass(project, capsys):
    # `newslint --select "$RULES" data` with RULES unset in CI
    code, out, err = lint(["--select", "", "data"], capsys)
    assert code == 2 and not out
    assert err.strip() == "newslint: error: --select: names no rule (to check every rule, select ALL)"


def test_newslint_table_that_is_not_a_table(project, capsys):
    (project / "pyproject.toml").write_text('[tool]\nnewslint = "strict"\n')
    code, _, err = lint(["data"], capsys)
    assert code == 2
    assert err == "newslint: error: pyproject.toml: tool.newslint: expected a table of settings, got a string ('strict')\n"


@pytest.mark.parametrize("table, message", ERRORS, ids=[m.split(": ", 2)[1] + "-" + str(i) for i, (_, m) in enumerate(ERRORS)])
def test_config_errors_are_one_line_naming_file_and_key(project, capsys, table, message):
    write_pyproject(project, table)
    code, out, err = lint(["data"], capsys)
    assert code == 2 and out == []
    assert len(err.splitlines()) == 1, err
    assert err.startswith("newslint: error: " + message), err


YAML_ERRORS = [
    ("selcet: [NL1]\n", ".newslint.yaml: selcet: unknown key (did you mean 'select'?)"),
    ("- NL1\n", ".newslint.yaml: expected a mapping of settings, got a list"),
    ("select: [NL1\n", ".newslint.yaml: invalid YAML: line 2:"),
    ("rules: {NL204: {min-words: 80}}\noptions: {NL101: {min-chars: 10}}\n",
     ".newslint.yaml: options: 'rules' is already given; use one of 'rules' and 'options'"),
    ("severity: {NL201: warn}\n", ".newslint.yaml: severity.NL201: 'warn' is not one of info, warning, error (did you mean 'warning'?)"),
    ("baseline: [a.json]\n", ".newslint.yaml: baseline: expected a file path (a string), got a list"),
    ("baseline: missing.json\n", ".newslint.yaml: baseline: no such baseline file"),
    ("per-file-ignores: {'*': [NL1, null]}\n",
     ".newslint.yaml: per-file-ignores.*: expected a list of rule codes, prefixes or names, got a list holding an empty item (null)\n"),
    # PyYAML keeps the last of two values and drops the first without a word
    ("ignore: [NL101]\nselect: [NL1]\nignore: [NL201]\n",
     ".newslint.yaml: invalid YAML: line 3: duplicate key 'ignore' (a key may be given once in a mapping)\n"),
    ("rules:\n  NL204: {min-words: 80}\n  NL204: {min-words: 20}\n", ".newslint.yaml: invalid YAML: line 3: duplicate key 'NL204'"),
    # a YAML key that is not text (a number, null) named no option, and failed inside the check
    ("rules: {NL204: {1: 80}}\n", ".newslint.yaml: rules.NL204: NL204 (short-body) has no option '1' (options: min-words)"),
    # what the user wrote is quoted with its line breaks and escapes written out: still one line
    ('"sel\\nect": [NL1]\n', ".newslint.yaml: sel\\x0aect: unknown key"),
    ('select: ["NL1\\n\\e[2J"]\n', ".newslint.yaml: select: unknown rule 'NL1\\x0a\\x1b[2J'"),
]


@pytest.mark.parametrize("text, message", YAML_ERRORS)
def test_yaml_config_errors(project, capsys, text, message):
    (project / ".newslint.yaml").write_text(text)
    code, out, err = lint(["data"], capsys)
    assert code == 2 and out == []
    assert len(err.splitlines()) == 1, err
    assert err.startswith("newslint: error: " + message), err


def test_missing_config_file_and_yaml_never_constructs_objects(project, capsys):
    code, _, err = lint(["--config", "nowhere.toml", "data"], capsys)
    assert code == 2 and err == "newslint: error: --config: nowhere.toml: no such file\n"
    (project / ".newslint.yaml").write_text("select: !!python/object/apply:os.system ['echo hacked']\n")
    code, _, err = lint(["data"], capsys)
    assert code == 2 and "invalid YAML" in err and "hacked" not in err


def test_config_option_naming_a_folder_or_a_device_says_what_it_is(project, capsys):
    (project / "settings.yaml").mkdir()
    code, _, err = lint(["--config", "settings.yaml", "data"], capsys)
    assert code == 2 and err == "newslint: error: --config: settings.yaml: a folder, not a file\n"
    code, _, err = lint(["--config", "/dev/null", "data"], capsys)
    assert code == 2 and err == "newslint: error: --config: /dev/null: not a regular file\n"


def test_config_option_naming_an_ini_file_says_ini_is_not_read(project, capsys):
    for name in ("setup.cfg", "tox.ini"):
        (project / name).write_text("[newslint]\nselect = NL1\n")
        code, _, err = lint(["--config", name, "data"], capsys)
        assert code == 2 and err.startswith(f"newslint: error: {name}: newslint reads its settings from TOML "), err
        assert "not from INI files" in err and len(err.splitlines()) == 1


def test_cli_errors_name_the_option(project, capsys):
    code, _, err = lint(["--select", "NL1O1", "data"], capsys)
    assert code == 2 and err == "newslint: error: --select: unknown rule 'NL1O1' (did you mean 'NL101'?)\n"


def test_cli_errors_quoting_a_line_break_stay_on_one_line(project, capsys):
    for args, quoted in ((["--select", "NL1\nX", "data"], "'NL1\\x0aX'"),
                         (["--output-file", "no\nfolder/report.txt", "data"], "no\\x0afolder/report.txt"),
                         (["--bogus\nflag", "data"], "--bogus\\x0aflag"),
                         (["rule", "NL1\n01"], "'NL1\\x0a01'")):
        try:
            code = main(args)
        except SystemExit as exc:  # argparse's own usage errors
            code = exc.code
        out, err = capsys.readouterr()
        assert code == 2 and out == ""
        assert err.startswith("newslint: error: ") and err.count("\n") == 1 and quoted in err, err


# ---------------------------------------------------------------------- newslint config
def test_newslint_config_of_a_path_that_does_not_exist_is_an_error(project, capsys):
    # the configuration shown would have been the current folder's, for a path mistyped
    code, out, err = lint(["config", "dta"], capsys)
    assert (code, out) == (2, []) and err == "newslint: error: dta: no such file or directory\n"


def test_newslint_config_refuses_a_budget_the_run_would_refuse(project, capsys):
    # the lint stops on a budget naming no rule it checks; `newslint config` showed it and exited 0
    (project / ".newslint.yaml").write_text('select: [NL1]\nbudgets: {NL201: "2%"}\n')
    for args in (["data"], ["config", "data"]):
        code, out, err = lint(args, capsys)
        assert (code, out) == (2, []), args
        assert err == ("newslint: error: .newslint.yaml: budgets: the budget on NL201 names no rule this run "
                       "checks (not selected, or ignored)\n"), args


def test_newslint_config_shows_values_and_where_they_came_from(project, capsys):
    write_pyproject(project, 'ignore = ["NL201"]\n[tool.newslint.rules.short-body]\nmin-words = 80\n'
                             '[tool.newslint.per-record-ignores]\n"https://example.org/live/*" = ["NL204"]\n')
    code, out, _ = lint(["config", "--extend-select", "NL009", "data"], capsys)
    assert code == 0
    text = "\n".join(out)
    assert out[0] == "# configuration file: pyproject.toml"
    rows = {line.split(" = ")[0]: line for line in out[1:]}
    assert rows["ignore"].endswith('= ["NL201"]' + rows["ignore"].split('["NL201"]')[1]) and rows["ignore"].endswith("# pyproject.toml")
    assert rows["extend-select"].endswith("# command line (--extend-select)")
    assert rows["select"].endswith("# default")
    assert rows["rules.NL204.min-words"].split("#")[0].strip().endswith("= 80")
    assert rows["rules.NL204.min-words"].endswith("# pyproject.toml")
    assert rows["rules.NL101.min-chars"].endswith("# default")
    assert rows["rules.NL201"].startswith("rules.NL201 = off (missing-byline")
    assert rows["rules.NL009"].startswith("rules.NL009 = on (unused-suppression")
    assert 'per-record-ignores."https://example.org/live/*" = ["NL204"]' in text


def test_newslint_config_shows_each_setting_on_one_line_whatever_its_text(project, capsys):
    (project / ".newslint.yaml").write_text(
        'per-file-ignores: {"old\\nwire/*": [NL2]}\nrecord-ignore-field: "qa\\x1b[2J"\nexclude: ["a\\tb"]\n')
    code, out, _ = lint(["config", "data"], capsys)
    assert code == 0
    rows = {line.split(" = ")[0]: line for line in out[1:]}
    assert rows['per-file-ignores."old\\x0awire/*"'].startswith('per-file-ignores."old\\x0awire/*" = ["NL2"]')
    assert rows["record-ignore-field"].startswith('record-ignore-field = "qa\\x1b[2J"')
    assert rows["exclude"].startswith('exclude = ["a\\x09b"]')
    assert not any(ch in "".join(out) for ch in "\x1b\t")


def test_newslint_config_through_the_real_command(project):
    (project / ".newslint.yaml").write_text("select: [NL1]\n")
    proc = subprocess.run([sys.executable, "-m", "newslint", "config", "data"], capture_output=True, cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert b'select = ["NL1"]' in proc.stdout and b"# .newslint.yaml" in proc.stdout
