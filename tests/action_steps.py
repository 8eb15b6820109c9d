"""Run the steps of the repository's composite GitHub Action (``action.yml``) on this machine.

The runner does what GitHub's runner does for a composite action, for the parts ``action.yml``
uses: input defaults, ``${{ }}`` expressions over ``inputs``, ``github.action_path``,
``runner.temp`` and ``steps.<id>.outputs``, step ``if:`` conditions (``==``, ``!=``, ``&&``,
``||``, parentheses, string literals), ``env:`` blocks, ``run:`` scripts under
``bash --noprofile --norc -eo pipefail``, ``$GITHUB_OUTPUT`` (step outputs),
``$GITHUB_STEP_SUMMARY`` and the action's ``outputs``. A ``uses:`` step (another action, such as
actions/setup-python) cannot run here: it is recorded with its evaluated ``with:`` values and
whether its condition held. An expression outside that subset is an error, so the test fails
when action.yml starts using something this runner does not understand.

Run it by hand::

    python tests/action_steps.py --input paths=examples --input args="--budget NL201=20%"
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
_EXPR = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")
_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))|(?P<name>[A-Za-z_][\w.-]*))")


class ExpressionError(ValueError):
    """An expression this runner does not support."""


@dataclass
class StepRun:
    name: str
    ran: bool
    #: whether its ``if:`` held (a ``uses:`` step that would run on GitHub has wanted=True, ran=False)
    wanted: bool = False
    #: for run: steps
    returncode: int | None = None
    stdout: str = ""
    stderr: str = ""
    #: for uses: steps, which cannot run here
    uses: str | None = None
    with_: dict[str, str] = field(default_factory=dict)
    outputs: dict[str, str] = field(default_factory=dict)


@dataclass
class ActionRun:
    steps: list[StepRun]
    outputs: dict[str, str]
    summary: str
    #: the name of the step that failed (the job's status), or None
    failed: str | None

    def step(self, name: str) -> StepRun:
        return next(s for s in self.steps if s.name == name)


class Context:
    def __init__(self, inputs: dict[str, str], action_path: Path, temp: Path) -> None:
        self.inputs = inputs
        self.action_path = action_path
        self.temp = temp
        self.steps: dict[str, dict[str, str]] = {}

    def lookup(self, name: str) -> str:
        parts = name.split(".")
        if parts[0] == "inputs" and len(parts) == 2:
            if parts[1] not in self.inputs:
                raise ExpressionError(f"unknown input '{parts[1]}'")
            return self.inputs[parts[1]]
        if name == "github.action_path":
            return str(self.action_path)
        if name == "runner.temp":
            return str(self.temp)
        if parts[0] == "steps" and len(parts) == 4 and parts[2] == "outputs":
            return self.steps.get(parts[1], {}).get(parts[3], "")
        raise ExpressionError(f"unsupported context '{name}'")

    # -------------------------------------------------------------- expressions
    def evaluate(self, expr: str) -> Any:
        tokens = self._tokens(expr)
        value, rest = self._or(tokens)
        if rest:
            raise ExpressionError(f"unexpected {rest[0][1]!r} in {expr!r}")
        return value

    @staticmethod
    def _tokens(expr: str) -> list[tuple[str, str]]:
        out, pos = [], 0
        expr = expr.strip()
        while pos < len(expr):
            m = _TOKEN.match(expr, pos)
            if not m or m.end() == pos:
                raise ExpressionError(f"cannot read {expr[pos:]!r}")
            kind = m.lastgroup
            out.append((kind, m.group(kind)))
            pos = m.end()
            while pos < len(expr) and expr[pos].isspace():
                pos += 1
        return out

    def _or(self, t):
        left, t = self._and(t)
        while t and t[0] == ("op", "||"):
            right, t = self._and(t[1:])
            left = left if _truthy(left) else right
        return left, t

    def _and(self, t):
        left, t = self._cmp(t)
        while t and t[0] == ("op", "&&"):
            right, t = self._cmp(t[1:])
            left = right if _truthy(left) else left
        return left, t

    def _cmp(self, t):
        left, t = self._unary(t)
        if t and t[0][1] in ("==", "!="):
            op = t[0][1]
            right, t = self._unary(t[1:])
            same = str(left).lower() == str(right).lower()  # GitHub compares strings ignoring case
            return (same if op == "==" else not same), t
        return left, t

    def _unary(self, t):
        if not t:
            raise ExpressionError("expression ends too early")
        kind, text = t[0]
        if (kind, text) == ("op", "!"):
            value, rest = self._unary(t[1:])
            return not _truthy(value), rest
        if (kind, text) == ("op", "("):
            value, rest = self._or(t[1:])
            if not rest or rest[0] != ("op", ")"):
                raise ExpressionError("missing ')'")
            return value, rest[1:]
        if kind == "str":
            return text[1:-1].replace("''", "'"), t[1:]
        if kind == "name":
            if text in ("true", "false"):
                return text == "true", t[1:]
            return self.lookup(text), t[1:]
        raise ExpressionError(f"unexpected {text!r}")

    def substitute(self, text: str) -> str:
        def one(m: re.Match[str]) -> str:
            value = self.evaluate(m.group(1))
            return str(value).lower() if isinstance(value, bool) else str(value)

        return _EXPR.sub(one, text)

    def condition(self, cond: Any) -> bool:
        if cond is None:
            return True
        if isinstance(cond, bool):
            return cond
        text = str(cond).strip()
        m = _EXPR.fullmatch(text)
        return _truthy(self.evaluate(m.group(1) if m else text))


def _truthy(value: Any) -> bool:
    return bool(value) if not isinstance(value, str) else value != ""


def _read_outputs(path: Path) -> dict[str, str]:
    """``name=value`` lines and ``name<<DELIM`` blocks of a $GITHUB_OUTPUT file."""
    out: dict[str, str] = {}
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            j = lines.index(delim, i + 1)
            out[name] = "\n".join(lines[i + 1:j])
            i = j + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        i += 1
    return out


def run_action(
    inputs: dict[str, str] | None = None,
    *,
    action_path: Path = ROOT,
    workdir: Path | None = None,
    env: dict[str, str] | None = None,
    skip: tuple[str, ...] = (),
    temp: Path | None = None,
) -> ActionRun:
    """Run the steps of ``action_path/action.yml`` in ``workdir`` (the checked-out repository).

    ``skip`` names steps not to run (a test that already ran the install step once); ``temp`` is
    the runner's temporary folder (``runner.temp``; a new one by default).
    """
    action = yaml.safe_load((action_path / "action.yml").read_text(encoding="utf-8"))
    declared = action.get("inputs", {})
    given = dict(inputs or {})
    unknown = set(given) - set(declared)
    if unknown:
        raise ExpressionError(f"action.yml has no input {sorted(unknown)}")
    values = {name: str(given.get(name, spec.get("default", ""))) for name, spec in declared.items()}
    workdir = workdir or Path.cwd()
    temp = temp or Path(tempfile.mkdtemp(prefix="runner-temp-"))
    temp.mkdir(parents=True, exist_ok=True)
    ctx = Context(values, action_path, temp)
    summary = temp / "step_summary.md"
    summary.touch()
    base_env = {**os.environ, **(env or {})}
    base_env.update({
        "GITHUB_ACTIONS": "true", "CI": "true", "GITHUB_ACTION_PATH": str(action_path),
        "GITHUB_WORKSPACE": str(workdir), "GITHUB_STEP_SUMMARY": str(summary), "RUNNER_TEMP": str(temp),
    })
    runs: list[StepRun] = []
    failed: str | None = None
    for k, step in enumerate(action["runs"]["steps"]):
        name = step.get("name") or step.get("id") or f"step {k + 1}"
        if failed is not None or not ctx.condition(step.get("if")) or name in skip:
            runs.append(StepRun(name, ran=False, uses=step.get("uses")))
            continue
        if "uses" in step:
            with_ = {key: ctx.substitute(str(v)) for key, v in (step.get("with") or {}).items()}
            runs.append(StepRun(name, ran=False, wanted=True, uses=step["uses"], with_=with_))
            continue
        if step.get("shell") != "bash":
            raise ExpressionError(f"step {name!r}: only shell: bash is run here")
        output_file = temp / f"output-{k}"
        output_file.touch()
        step_env = {**base_env, "GITHUB_OUTPUT": str(output_file)}
        step_env.update({key: ctx.substitute(str(v)) for key, v in (step.get("env") or {}).items()})
        script = temp / f"step-{k}.sh"
        script.write_text(ctx.substitute(step["run"]), encoding="utf-8")
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
                              cwd=workdir, env=step_env, capture_output=True, text=True)
        outputs = _read_outputs(output_file)
        if step.get("id"):
            ctx.steps[step["id"]] = outputs
        runs.append(StepRun(name, True, True, proc.returncode, proc.stdout, proc.stderr, outputs=outputs))
        if proc.returncode != 0:
            failed = name
    outputs = {name: ctx.substitute(str(spec.get("value", ""))) for name, spec in (action.get("outputs") or {}).items()}
    return ActionRun(runs, outputs, summary.read_text(encoding="utf-8"), failed)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="run the steps of action.yml here")
    p.add_argument("--input", action="append", default=[], metavar="NAME=VALUE")
    p.add_argument("--skip", action="append", default=[], metavar="STEP", help="a step not to run (by name)")
    args = p.parse_args(argv)
    inputs = dict(item.split("=", 1) for item in args.input)
    result = run_action(inputs, skip=tuple(args.skip))
    for s in result.steps:
        state = "ran" if s.ran else (f"would use {s.uses} {s.with_}" if s.wanted else "skipped")
        print(f"--- {s.name}: {state}" + (f" (exit {s.returncode})" if s.ran else ""))
        sys.stdout.write(s.stdout)
        sys.stderr.write(s.stderr)
    print("--- job summary\n" + result.summary)
    print(f"outputs: {result.outputs}")
    return 1 if result.failed else 0


if __name__ == "__main__":
    sys.exit(main())
