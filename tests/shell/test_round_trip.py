"""Any value survives each shell's renderer (aws_vault.shells.render) and the shell: sourced
directly, and through the hook's `aws-vault use`, which captures the code and evaluates it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from aws_vault.shells.render import render
from tests.shell.conftest import ENV_DUMP, SCRIPTS, SHELLS, need, shell_env, write_executable

AWKWARD = [
    "it's", 'say "hi"', "both ' and \"", "back\\slash", "trailing\\", "\\'", "'\\", "$HOME",
    "${HOME}", "$(echo pwned)", "`echo pwned`", "line1\nline2", "trailing newline\n", "\n\nx",
    "tab\there", "ünïcødé ✓ 日本", "", " ", "  lead and trail  ", ";echo pwned;", "*", "~",
    "!!", "%s %d", "a\rb", "#not a comment", "x=y", "-e", "--", "(paren) [br] {br}", "\\n",
]
NAMES = {f"AVTEST_{index}": value for index, value in enumerate(AWKWARD)}
ARGV = {
    "bash": ["bash", "--norc", "--noprofile", "-c"],
    "zsh": ["zsh", "-f", "-c"],
    "fish": ["fish", "--no-config", "-c"],
}


def run_shell(
    shell: str, script: str, env: dict[str, str], interactive: bool = False
) -> dict[str, str]:
    argv = ARGV[shell]
    if interactive and shell == "fish":
        argv = [argv[0], "-i", *argv[1:]]
    need(argv[0])
    done = subprocess.run(
        [*argv, script], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    line = next(line for line in done.stdout.splitlines() if line.startswith("ENVDUMP"))
    return json.loads(line[len("ENVDUMP"):])


@pytest.fixture
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "envdump.py"
    path.write_text(ENV_DUMP)
    return path


@pytest.mark.parametrize("shell", SHELLS)
def test_every_value_survives_sourcing(shell, tmp_path, dump):
    code = tmp_path / "code"
    code.write_text(render(shell, dict(NAMES)), encoding="utf-8")
    got = run_shell(shell, f"source {code}; python3 {dump}", shell_env())
    assert {name: got.get(name) for name in NAMES} == NAMES


@pytest.mark.parametrize("shell", SHELLS)
def test_every_value_survives_the_hooks_use(shell, tmp_path, dump):
    code = tmp_path / "code"
    code.write_text(render(shell, {**NAMES, "AWS_VAULT": "odd"}), encoding="utf-8")
    fake = write_executable(
        tmp_path / "fake-aws-vault", f'#!/bin/sh\n[ "$1" = env ] && cat "{code}"\nexit 0\n'
    )
    hook = SCRIPTS / f"hook.{shell}"
    set_bin = f"set -g _AWS_VAULT_BIN {fake}" if shell == "fish" else f"_AWS_VAULT_BIN={fake}"
    script = f"{set_bin}; source {hook}; aws-vault use odd; python3 {dump}"
    # Interactive: the fish hook leaves scripts alone (`fish -c` reads config.fish too).
    got = run_shell(shell, script, shell_env(), interactive=True)
    assert {name: got.get(name) for name in NAMES} == NAMES
    assert got["AWS_VAULT"] == "odd"


@pytest.mark.parametrize("shell", SHELLS)
def test_unset_removes_what_was_set(shell, tmp_path, dump):
    code = tmp_path / "code"
    code.write_text(render(shell, dict.fromkeys(NAMES)), encoding="utf-8")
    got = run_shell(shell, f"source {code}; python3 {dump}", shell_env(NAMES))
    assert not set(NAMES) & set(got)


def test_the_fish_hook_leaves_scripts_alone(tmp_path):
    need("fish")
    hook = SCRIPTS / "hook.fish"
    done = subprocess.run(
        ["fish", "--no-config", "-c", f"source {hook}; functions -q aws_vault_prompt; and echo loaded; or echo skipped"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.stdout.split() == ["skipped"], done.stderr
