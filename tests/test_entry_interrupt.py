"""Ctrl-C while the command line is still importing newslint ends the run like any interrupt, and
``import newslint`` imports nothing but the version until a name is asked for."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: a run of the entry point in which the import of ``module`` is interrupted, as Ctrl-C pressed at
#: that moment would: an import hook raises KeyboardInterrupt when the module is first imported
_INTERRUPTED_IMPORT = textwrap.dedent(
    """
    import sys

    class Interrupt:
        def find_spec(self, name, path=None, target=None):
            if name == {module!r}:
                raise KeyboardInterrupt
            return None

    sys.meta_path.insert(0, Interrupt())
    sys.argv = ["newslint", {path!r}]
    from newslint.__main__ import main
    sys.exit(main())
    """
)


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_ctrl_c_while_importing_the_rules_is_an_interrupt_not_a_traceback(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Harbour Reopens After Storm\nBy Ana Ruiz\n\nThe harbour reopened on Monday.\n", encoding="utf-8")
    for module in ("newslint.engine", "newslint.article", "newslint.plugins", "newslint.guard"):
        done = _run(_INTERRUPTED_IMPORT.format(module=module, path=str(story)))
        assert done.returncode == 130, (module, done.stderr)
        assert done.stderr == "newslint: interrupted\n", (module, done.stderr)
        assert done.stdout == ""


def test_the_entry_point_runs_the_command_line(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Harbour Reopens After Storm\n\nHarbour Reopens After Storm\n\nThe harbour reopened on Monday "
                     "after the storm, and the first ferries left at noon.\n", encoding="utf-8")
    done = _run(f"import sys; sys.argv = ['newslint', {str(story)!r}]\n"
                "from newslint.__main__ import main\nsys.exit(main())")
    assert done.returncode == 1, done.stderr
    assert "NL102" in done.stdout


def test_the_installed_command_is_the_entry_point():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'newslint = "newslint.__main__:main"' in text


def test_import_newslint_imports_no_rules_until_a_name_is_asked_for():
    done = _run(
        "import sys, newslint\n"
        "print(sorted(m for m in sys.modules if m.startswith('newslint')))\n"
        "rule = newslint.Rule\n"
        "from newslint import hookimpl, lint_text, Violation\n"
        "print(rule.__module__, hookimpl is not None, lint_text.__module__, Violation.__module__)\n"
        "print('Article' in dir(newslint))\n"
        "try:\n    newslint.no_such_name\nexcept AttributeError as exc:\n    print(exc)\n"
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "['newslint', 'newslint._version']"
    assert lines[1] == "newslint.rule True newslint.api newslint.violation"
    assert lines[2] == "True"
    assert lines[3] == "module 'newslint' has no attribute 'no_such_name'"
