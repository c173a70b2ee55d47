"""Real bash, zsh and fish driven through a pseudo-terminal (pexpect), with the hook loaded the
way users load it, and a local STS (moto) behind the credentials."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pexpect
import pytest

from tests.conftest import EXECUTABLE, run_cli

SHELLS = ("bash", "zsh", "fish")
PROMPT = "@@AVP@@ "
ROLE = "arn:aws:iam::123456789012:role/admin"
ROLE_ARN_SEEN = "arn:aws:sts::123456789012:assumed-role/admin/shell-test"
USER_ARN_SEEN = "arn:aws:iam::123456789012:user/alice"
REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "src" / "aws_vault" / "shells" / "scripts"
MIRRORS = {
    ("hook", "bash"): REPO / "shell" / "bash" / "aws-vault.bash",
    ("hook", "zsh"): REPO / "shell" / "zsh" / "aws-vault.zsh",
    ("hook", "fish"): REPO / "shell" / "fish" / "aws-vault.fish",
    ("completion", "bash"): REPO / "shell" / "bash" / "aws-vault-completion.bash",
    ("completion", "zsh"): REPO / "shell" / "zsh" / "_aws-vault",
    ("completion", "fish"): REPO / "shell" / "fish" / "aws-vault-completion.fish",
}

# What each shell needs to load the hook, as a user would.
LOAD_HOOK = {
    "bash": "source <(aws-vault hook bash)",
    "zsh": 'eval "$(aws-vault hook zsh)"',
    "fish": "aws-vault hook fish | source",
}
STATUS = {"bash": "$?", "zsh": "$?", "fish": "$status"}

# A child process that reports the AWS part of its environment as one JSON line.
ENV_DUMP = textwrap.dedent(
    """\
    import json, os
    print("ENVDUMP" + json.dumps({k: v for k, v in os.environ.items()
        if k.startswith(("AWS_", "_AWS_VAULT", "AVTEST_"))}))
    """
)
IDENTITY = textwrap.dedent(
    """\
    import boto3
    print("ARN=" + boto3.client("sts", region_name="us-east-1").get_caller_identity()["Arn"])
    """
)


def need(shell: str) -> str:
    path = shutil.which(shell)
    if path is None:
        pytest.skip(f"{shell} is not installed")
    return path


def shell_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    bin_dir = str(Path(EXECUTABLE).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "/usr/bin:/bin")
    env["TERM"] = "dumb"
    env["LC_ALL"] = "C.UTF-8"
    env.pop("PROMPT_COMMAND", None)
    env.update(extra or {})
    return env


class Shell:
    """One interactive shell on a pty, with a fixed prompt; `run` sends a line and returns what
    it printed before the next prompt."""

    def __init__(self, name: str, env: dict[str, str], cwd: Path, timeout: float = 60) -> None:
        self.name = name
        argv = {
            "bash": [need("bash"), "--norc", "--noprofile", "-i"],
            "zsh": [need("zsh"), "-f", "-i"],
            "fish": [need("fish"), "--no-config", "-i"],
        }[name]
        self.child = pexpect.spawn(
            argv[0], argv[1:], env=env, cwd=str(cwd), encoding="utf-8",
            dimensions=(50, 2000), timeout=timeout,
        )  # fmt: skip
        self.child.delaybeforesend = None
        setup = {
            "bash": [f"PS1='{PROMPT}'; PS2=''; bind 'set enable-bracketed-paste off'"],
            "zsh": [f"PS1='{PROMPT}'; PROMPT2=''; unset RPS1; unsetopt prompt_sp; unsetopt zle"],
            "fish": [
                f"function fish_prompt; printf '{PROMPT}'; end; function fish_right_prompt; end",
                "set -g fish_greeting ''",
            ],
        }[name]
        for line in setup:
            # One at a time: zsh drops what zle had read ahead when zle is switched off.
            self.child.sendline(line)
            self.child.expect_exact(PROMPT)
        self.sync()

    def sync(self) -> None:
        """Wait until everything sent so far has run and the shell shows a fresh prompt."""
        marker = "SYNC(math 6 x 7)" if self.name == "fish" else "SYNC$((6*7))"
        for attempt in range(3):
            self.child.sendline(f"echo {marker}")
            try:
                self.child.expect_exact("SYNC42", timeout=10)
                break
            except pexpect.TIMEOUT:
                if attempt == 2:
                    raise
        self.child.expect_exact(PROMPT)
        # Anything still pending (a second SYNC42 and prompt after a retry) is skipped here.
        time.sleep(0.05)
        try:
            while True:
                self.child.read_nonblocking(100000, timeout=0.05)
        except (pexpect.TIMEOUT, pexpect.EOF):
            pass

    def run(self, line: str, timeout: float | None = None) -> str:
        """Send one command line; its output (without the echoed line) up to the next prompt."""
        timeout = timeout or self.child.timeout
        self.child.sendline(line)
        # The echo of the whole line, then a newline: fish repaints the line as it is typed,
        # and only the last repaint ends the line.
        self.child.expect_exact(line + "\r\n", timeout=timeout)
        self.child.expect_exact(PROMPT, timeout=timeout)
        output = self.child.before.replace("\r\n", "\n")
        if self.name == "fish":
            # fish marks the end of the output with "⏎" padded to the width of the screen.
            output = re.sub(r"⏎ *\r(⏎ \r)?\r?$", "", output)
        return output

    def enter(self) -> str:
        return self.run("")

    def status_of(self, line: str) -> int:
        self.run(line)
        out = self.run(f"echo rc={STATUS[self.name]}")
        return int(re.search(r"rc=(\d+)", out).group(1))

    def env(self) -> dict[str, str]:
        out = self.run(f"python3 {self.dump_script}")
        match = re.search(r"ENVDUMP(\{.*\})", out)
        assert match, out
        return json.loads(match.group(1))

    def identity(self) -> str:
        out = self.run(f"python3 {self.identity_script}")
        match = re.search(r"ARN=(\S+)", out)
        assert match, out
        return match.group(1)

    def load_hook(self) -> str:
        return self.run(LOAD_HOOK[self.name])

    def close(self) -> None:
        if self.child.isalive():
            self.child.sendline("exit")
            try:
                self.child.expect(pexpect.EOF, timeout=10)
            except pexpect.TIMEOUT:
                self.child.terminate(force=True)
        self.child.close()

    dump_script: Path
    identity_script: Path


@pytest.fixture
def helpers_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "helpers"
    directory.mkdir()
    (directory / "envdump.py").write_text(ENV_DUMP)
    (directory / "identity.py").write_text(IDENTITY)
    return directory


@pytest.fixture
def work_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "work"
    directory.mkdir()
    return directory


@pytest.fixture
def spawn(helpers_dir: Path, work_dir: Path) -> Iterator:
    """spawn(shell, env=None, cwd=None) -> Shell; every shell is closed at the end."""
    shells: list[Shell] = []

    def start(name: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Shell:
        # The venv's bin leads PATH (shell_env): aws-vault, and a python3 that has boto3.
        sh = Shell(name, shell_env(env), cwd or work_dir)
        sh.dump_script = helpers_dir / "envdump.py"
        sh.identity_script = helpers_dir / "identity.py"
        shells.append(sh)
        return sh

    yield start
    for sh in shells:
        sh.close()


@pytest.fixture
def profiles(sts, config_file: Path) -> dict[str, str]:
    """alice: an IAM user with stored keys; admin: a role assumed from alice. Both point at the
    local STS in the config too, so they keep working after `env --unset` drops
    AWS_ENDPOINT_URL."""
    iam = boto3.client(
        "iam", endpoint_url=sts.url, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )  # fmt: skip
    iam.create_user(UserName="alice")
    key = iam.create_access_key(UserName="alice")["AccessKey"]
    config_file.write_text(
        f"[profile alice]\nregion = us-east-1\nendpoint_url = {sts.url}\n"
        f"[profile admin]\nsource_profile = alice\nrole_arn = {ROLE}\n"
        f"role_session_name = shell-test\nregion = eu-west-1\nendpoint_url = {sts.url}\n"
    )
    keys = {
        "AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"],
    }  # fmt: skip
    done = run_cli("add", "--env", "alice", "--no-add-config", env=keys)
    assert done.returncode == 0, done.stderr
    return {"alice": key["AccessKeyId"]}


def write_executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def logging_bin(tmp_path: Path) -> tuple[Path, Path]:
    """A stand-in for the executable that logs each call, then runs the real one."""
    log = tmp_path / "calls.log"
    wrapper = write_executable(
        tmp_path / "aws-vault-logged",
        f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{EXECUTABLE}" "$@"\n',
    )
    return wrapper, log


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def set_var(shell: str, name: str, value: str) -> str:
    """A command line that sets a shell (not exported) variable."""
    return f"set -g {name} '{value}'" if shell == "fish" else f"{name}='{value}'"


def wait_until(epoch: int) -> None:
    delay = epoch - time.time()
    if delay > 0:
        time.sleep(delay)
