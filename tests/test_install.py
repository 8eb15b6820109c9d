"""From a non-editable install: the wheel carries the rule packs of rules/ and importlib.resources finds them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_installed_package_lists_and_runs_pack_rules(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "pyproject.toml", src)
    shutil.copy(ROOT / "setup.py", src)
    shutil.copytree(ROOT / "rules", src / "rules")  # the packs live at the repository root
    readme = ROOT / "README.md"
    (src / "README.md").write_text(readme.read_text(encoding="utf-8") if readme.exists() else "newslint\n", encoding="utf-8")
    shutil.copytree(ROOT / "newslint", src / "newslint", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    target = tmp_path / "site"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index",
         "--target", str(target), str(src)],
        capture_output=True, text=True, timeout=300,
    )
    assert build.returncode == 0, build.stdout + build.stderr
    assert sorted(p.name for p in (target / "newslint" / "rules").iterdir()) == [
        "boilerplate", "consent", "prebuilt.json", "rights", "social", "subscription", "teasers"]

    work = tmp_path / "work"  # not the source tree: nothing can be imported from there
    work.mkdir()
    (work / "story.txt").write_text(
        "Port Strike Enters Second Week\n\nDockworkers stayed off the job for an eighth day.\n\n"
        "ADVERTISEMENT\n\nUnion leaders said talks would resume on Thursday.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = ("import sys, newslint, newslint.cli; "
            "assert newslint.__file__.startswith(sys.argv[1]), newslint.__file__; "
            "status = newslint.cli.main(sys.argv[2:]); "
            "y = sys.modules.get('yaml'); "
            "print('yaml imported' if y is not None and type(y).__name__ != '_LazyModule' else '', file=sys.stderr); "
            "sys.exit(status)")

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-c", code, str(target), *args], capture_output=True, text=True,
                              cwd=work, env=env, timeout=120)

    listing = run("--list-rules")
    assert listing.returncode == 0, listing.stderr
    rows = {line.split()[0]: line for line in listing.stdout.splitlines()[1:]}
    assert "pack:boilerplate" in rows["NL301"] and "pack:teasers" in rows["NL310"]
    lint = run("--select", "NL3", "story.txt")
    assert lint.returncode == 1, lint.stderr
    assert lint.stdout.splitlines() == ["story.txt:5:1: NL301 advertisement marker left in the text: 'ADVERTISEMENT'"]
    assert "yaml imported" not in lint.stderr  # the wheel's packs load from their prebuilt form
    # the listing and a pack rule's documentation say where the shipped YAML files are
    assert f"the packs shipped with newslint are in {target / 'newslint' / 'rules'}" in listing.stderr
    doc = run("rule", "NL301")
    assert doc.returncode == 0, doc.stderr
    assert f"source: {target / 'newslint' / 'rules' / 'boilerplate' / 'advertisement-marker.yaml'}" in doc.stdout
