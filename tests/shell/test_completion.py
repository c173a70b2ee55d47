"""Tab completion in each shell: subcommands, flags, profile names, and the wrapped command
after `exec PROFILE --`; plus the shipped copies of the scripts and their syntax."""

from __future__ import annotations

import subprocess

import pexpect
import pytest

from tests.conftest import EXECUTABLE
from tests.shell.conftest import MIRRORS, PROMPT, SCRIPTS, SHELLS, need

CONFIG = "[profile alpha]\n[profile alpine]\n[profile beta]\n[default]\nregion=us-east-1\n"


@pytest.fixture
def config(config_file):
    config_file.write_text(CONFIG)
    return config_file


# --- bash: call the completion function with COMP_WORDS/COMP_CWORD set ---------------------

BASH_COMPLETE = r"""
t() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));
      COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; _aws_vault_complete; echo "${COMPREPLY[*]}"; }
"""


def test_bash(spawn, config):
    sh = spawn("bash")
    sh.load_hook()
    sh.run(BASH_COMPLETE.strip().replace("\n", " "))
    assert "complete -F _aws_vault_complete aws-vault" in sh.run("complete -p aws-vault")

    def t(*words):
        return sh.run("t " + " ".join(f"'{w}'" for w in words)).split()

    assert t("aws-vault", "ex") == ["exec", "export"]
    assert t("aws-vault", "us") == ["use"]
    assert t("aws-vault", "exec", "--no") == ["--no-session"]
    assert t("aws-vault", "exec", "al") == ["alpha", "alpine"]
    assert t("aws-vault", "use", "") == ["alpha", "alpine", "beta", "default"]
    assert t("aws-vault", "use", "--un") == ["--unset"]
    assert t("aws-vault", "--debug", "rm", "b") == ["beta"]
    assert t("aws-vault", "exec", "-d", "1h", "alp") == ["alpha", "alpine"]
    assert "python3" in t("aws-vault", "exec", "alpha", "--", "python3")
    assert "python3" in t("aws-vault", "exec", "alpha", "python3")
    assert t("aws-vault", "env", "--shell", "z") == ["zsh"]
    assert t("aws-vault", "exec", "alpha", "--", "ls", "/et") == ["/etc"]
    assert t("aws-vault", "hook", "") == ["bash", "zsh", "fish"]


# --- zsh: run the completion function with a compadd that prints what it is offered ---------

ZSH_SETUP = [
    "autoload -Uz compinit && compinit -u -D",
    'eval "$(aws-vault hook zsh)"',
    # compadd filters its words by PREFIX; this stand-in does the same, then prints them.
    "compadd() { while [[ $1 == -* && $1 != -- ]]; do shift; done; [[ $1 == -- ]] && shift; "
    "local w; for w; do [[ $w == ${PREFIX}* ]] && print -r -- \"C:$w\"; done }",
    "t() { words=(\"$@\"); CURRENT=$#; PREFIX=${words[-1]}; _aws_vault }",
]


def test_zsh(spawn, config):
    sh = spawn("zsh")
    for line in ZSH_SETUP:
        sh.run(line)
    assert sh.run("print -r -- $_comps[aws-vault]").strip() == "_aws_vault"

    def t(*words):
        out = sh.run("t " + " ".join(f"'{w}'" for w in words))
        return [line[2:] for line in out.split() if line.startswith("C:")]

    assert t("aws-vault", "ex") == ["exec", "export"]
    assert t("aws-vault", "exec", "--no") == ["--no-session"]
    assert t("aws-vault", "exec", "al") == ["alpha", "alpine"]
    assert t("aws-vault", "use", "--un") == ["--unset"]
    assert t("aws-vault", "login", "") == ["alpha", "alpine", "beta", "default"]
    assert t("aws-vault", "env", "--shell", "f") == ["fish"]


def test_zsh_tab_through_the_line_editor(spawn, config):
    """The real thing: zle, compinit, Tab."""
    sh = spawn("zsh")
    sh.run("autoload -Uz compinit && compinit -u -D")
    sh.run('eval "$(aws-vault hook zsh)"')
    sh.run("unset zle_bracketed_paste")
    sh.child.sendline("setopt zle")
    sh.child.expect_exact(PROMPT)
    sh.child.send("aws-vault exec alpi\t")
    sh.child.expect_exact("alpine", timeout=20)
    sh.child.send("\x15")  # ^U: clear the line
    sh.child.send("aws-vault exec --no-s\t")
    sh.child.expect_exact("--no-session", timeout=20)
    sh.child.send("\x15")
    sh.child.send("aws-vault expo\t")
    sh.child.expect_exact("export", timeout=20)
    sh.child.send("\x15")
    sh.child.sendline("exit")
    sh.child.expect(pexpect.EOF, timeout=10)


# --- fish: complete -C -----------------------------------------------------------------------


def test_fish(spawn, config):
    sh = spawn("fish")
    sh.load_hook()

    def t(line):
        out = sh.run(f"complete -C'{line}' | string replace -r '\\t.*' ''")
        return out.split()

    assert t("aws-vault ex") == ["exec", "export"]
    assert t("aws-vault exec --no") == ["--no-session"]
    assert t("aws-vault exec al") == ["alpha", "alpine"]
    assert t("aws-vault use --un") == ["--unset"]
    assert t("aws-vault clear ") == ["alpha", "alpine", "beta", "default"]
    assert "python3" in t("aws-vault exec alpha -- python3")
    assert t("aws-vault env --shell f") == ["fish"]


# --- the scripts themselves --------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "shell"), sorted(MIRRORS))
def test_the_command_prints_the_shipped_file(kind, shell):
    result = subprocess.run([EXECUTABLE, kind, shell], capture_output=True, check=False)
    assert result.returncode == 0
    assert result.stdout == MIRRORS[kind, shell].read_bytes()
    assert result.stdout == (SCRIPTS / f"{kind}.{shell}").read_bytes()


SYNTAX = {"bash": ["bash", "-n"], "zsh": ["zsh", "-n"], "fish": ["fish", "--no-execute"]}


@pytest.mark.parametrize("shell", SHELLS)
@pytest.mark.parametrize("kind", ["hook", "completion"])
def test_syntax(kind, shell):
    need(shell)
    script = SCRIPTS / f"{kind}.{shell}"
    done = subprocess.run(
        [*SYNTAX[shell], str(script)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
