"""Plugins: a third-party distribution installed in the test adds a rule that runs from the CLI."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from newslint import hookspecs
from newslint.plugins import BUILTIN_PLUGINS, build_registry

PLUGIN_SOURCE = textwrap.dedent('''
    """A newsroom's house rule: wire copy must not keep the agency's slug line."""
    import re

    import newslint
    from newslint import Problem, Rule

    SLUG = re.compile(r"^[A-Z]{2,}-[A-Z0-9-]{3,}/\\d+$")

    class WireSlug(Rule):
        """A paragraph that is only an agency slug line such as ``BC-EU-ELECTION/1234``.

        Slug lines are routing codes for editors, not part of the story.

        Fails::

            BC-EU-ELECTION/1234

        Passes::

            The governing coalition lost its majority.

        Fix: none.
        """

        code = "NLX901"
        name = "wire-slug"
        severity = "warning"

        def check(self, article):
            for p in article.paragraphs:
                if SLUG.match(p.text):
                    yield self.at_paragraph(article, p.index, "wire slug line left in body")

    @newslint.hookimpl
    def newslint_rules():
        return [WireSlug]
''')

BROKEN_SOURCE = "raise ImportError('this plugin needs a module that is not installed')\n"


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def make_wheel(dest: Path, dist: str, module: str, source: str, ep_name: str) -> Path:
    """Build a real wheel for a one-module distribution exposing a ``newslint`` entry point."""
    info = f"{dist}-1.0.dist-info"
    files = {
        f"{module}.py": source.encode(),
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.0\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        f"{info}/entry_points.txt": f"[newslint]\n{ep_name} = {module}\n".encode(),
    }
    record = [_record_line(n, d) for n, d in files.items()] + [f"{info}/RECORD,,"]
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    wheel = dest / f"{dist}-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return wheel


@pytest.fixture(scope="module")
def plugin_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("plugin")
    site = tmp / "site"
    wheels = [
        make_wheel(tmp, "newslint_wireslug", "newslint_wireslug", PLUGIN_SOURCE, "wireslug"),
        make_wheel(tmp, "newslint_broken", "newslint_broken", BROKEN_SOURCE, "broken"),
    ]
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", "--target", str(site), *map(str, wheels)],
        check=True,
    )
    return site


def run_with(site: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(site))
    return subprocess.run([sys.executable, "-m", "newslint", *args], capture_output=True, env=env, text=True)


def test_installed_plugin_rule_runs_and_is_listed(plugin_site, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text(
        "Coalition Loses Majority\nBy Henrik Lund\n\nBC-EU-ELECTION/1234\n"
        "The governing coalition lost its majority in Sunday's election, according to preliminary results.\n"
    )
    proc = run_with(plugin_site, "--select", "NLX9", str(story))
    assert proc.stdout.splitlines() == [f"{story}:4:1: NLX901 wire slug line left in body"]
    assert proc.returncode == 1
    listing = run_with(plugin_site, "--list-rules").stdout
    row = next(line for line in listing.splitlines() if line.startswith("NLX901"))
    assert row.split()[:5] == ["NLX901", "wire-slug", "warning", "no", "plugin:newslint_wireslug"]


def test_broken_plugin_is_a_warning_and_the_run_goes_on(plugin_site, tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Coalition Loses Majority\n\nBC-EU-ELECTION/1234\n")
    proc = run_with(plugin_site, "--select", "NLX901", str(story))
    assert "newslint: warning: plugin 'broken' (newslint_broken) failed to load: ImportError" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert proc.stdout.splitlines() == [f"{story}:3:1: NLX901 wire slug line left in body"]


def test_builtins_register_through_the_hooks():
    reg = build_registry(load_entry_points=False)
    assert {"NL101", "NL102", "NL201"} <= set(reg.rules)
    assert {".txt", ".md", ".json", ".jsonl", ".jsonl.gz"} <= set(reg.readers)
    assert "text" in reg.formatters
    assert BUILTIN_PLUGINS == ("newslint.checks", "newslint.readers", "newslint.formatting", "newslint.packs")
    # the shipped rule packs arrive through the newslint_rule_packs hook, like a plugin's
    assert reg.rules["NL301"].origin == "pack:boilerplate" and reg.pack_paths


def test_every_hook_is_documented():
    specs = [name for name in dir(hookspecs) if name.startswith("newslint_")]
    assert specs, "no hooks found"
    for name in specs:
        doc = getattr(hookspecs, name).__doc__ or ""
        assert "Receives" in doc and "Returns" in doc, name
