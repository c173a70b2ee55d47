"""Where MFA codes come from: mfa_process on the terminal, prompt drivers, and their choice."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pexpect
import pytest

from tests.conftest import EXECUTABLE, run_cli
from tests.integration.test_engine import MFA, iam_user


@pytest.fixture
def mfa_user(sts, config_file: Path) -> Path:
    key_id, secret = iam_user(sts)
    done = run_cli("add", "--env", "alice", env={"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret})
    assert done.returncode == 0, done.stderr
    config_file.write_text(f"[profile alice]\nmfa_serial={MFA}\n")
    return config_file


def fake_program(directory: Path, name: str, code: str = "246810") -> Path:
    """A stand-in for ykman/zenity/kdialog that logs its arguments and prints a code."""
    directory.mkdir(exist_ok=True)
    log = directory / f"{name}.log"
    script = directory / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$*" >> {log}\necho {code}\n')
    script.chmod(0o755)
    return log


def path_with(directory: Path) -> str:
    return f"{directory}{os.pathsep}{os.environ['PATH']}"


def spawn(command: str) -> pexpect.spawn:
    child = pexpect.spawn("bash", ["-c", command], env=dict(os.environ), encoding="utf-8", timeout=30)
    child.delaybeforesend = None
    return child


def test_terminal_prompt_works_while_stdout_is_piped(mfa_user, sts, tmp_path):
    out = tmp_path / "creds.json"
    child = spawn(f"{EXECUTABLE} export alice --format json > {out}")
    child.expect_exact(f"Enter MFA code for {MFA}: ")
    child.sendline("135790")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert json.loads(out.read_text())["SessionToken"]
    assert sts.calls("GetSessionToken")[0]["TokenCode"] == "135790"


def test_mfa_process_gets_the_terminal_for_touch_prompts(mfa_user, sts, tmp_path):
    process = "sh -c 'test -t 0 || exit 9; echo Touch your YubiKey >&2; echo 112233'"
    mfa_user.write_text(f"[profile alice]\nmfa_serial={MFA}\nmfa_process={process}\n")
    out = tmp_path / "creds.json"
    child = spawn(f"{EXECUTABLE} export alice --format json > {out}")
    child.expect_exact("Touch your YubiKey")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Touch" not in out.read_text()
    assert sts.calls("GetSessionToken")[0]["TokenCode"] == "112233"


def test_failing_mfa_process_is_one_clear_line(mfa_user):
    mfa_user.write_text(f"[profile alice]\nmfa_serial={MFA}\nmfa_process=exit 1\n")
    done = run_cli("export", "alice")
    assert done.returncode == 1
    assert "mfa_process 'exit 1' failed" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("env", "expected_args"),
    [
        ({}, f"oath accounts code --single {MFA}"),
        ({"YKMAN_OATH_CREDENTIAL_NAME": "aws:alice"}, "oath accounts code --single aws:alice"),
        ({"YKMAN_OATH_DEVICE_SERIAL": "123", "AWS_VAULT_YKMAN_VERSION": "3"},
         f"--device 123 oath code --single {MFA}"),
    ],
)  # fmt: skip
def test_ykman_driver(mfa_user, sts, tmp_path, env, expected_args):
    log = fake_program(tmp_path / "bin", "ykman")
    done = run_cli("--prompt", "ykman", "export", "alice",
                   env={"PATH": path_with(tmp_path / "bin"), **env})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert log.read_text().strip() == expected_args
    assert sts.calls("GetSessionToken")[0]["TokenCode"] == "246810"


@pytest.mark.parametrize(
    ("driver", "expected_args"),
    [
        ("zenity", f"--entry --title aws-vault --text Enter MFA code for {MFA}: "),
        ("kdialog", f"--inputbox Enter MFA code for {MFA}:  --title aws-vault"),
    ],
)
def test_gui_drivers(mfa_user, sts, tmp_path, driver, expected_args):
    log = fake_program(tmp_path / "bin", driver)
    done = run_cli("export", "alice", env={"PATH": path_with(tmp_path / "bin"), "AWS_VAULT_PROMPT": driver})
    assert done.returncode == 0, done.stderr
    assert log.read_text().rstrip("\n") == expected_args


def test_without_a_terminal_the_automatic_choice_is_a_gui_driver(mfa_user, sts, tmp_path):
    log = fake_program(tmp_path / "bin", "zenity")
    done = run_cli("--debug", "export", "alice", env={"PATH": path_with(tmp_path / "bin")})
    assert done.returncode == 0, done.stderr
    assert log.exists()
    assert "Using prompt driver: zenity" in done.stderr


def test_prompt_pass_was_removed_and_unknown_drivers_are_listed(mfa_user):
    removed = run_cli("--prompt", "pass", "export", "alice")
    assert removed.returncode == 2 and "mfa_process = pass otp" in removed.stderr
    unknown = run_cli("--prompt", "carrier-pigeon", "export", "alice")
    assert unknown.returncode == 2
    assert "must be one of" in unknown.stderr and "terminal" in unknown.stderr


def test_static_mfa_token_flag(mfa_user, sts):
    done = run_cli("export", "alice", "--mfa-token", "998877", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert sts.calls("GetSessionToken")[0]["TokenCode"] == "998877"
