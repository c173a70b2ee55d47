"""`aws-vault env` evaluated by real bash, zsh and fish (no hook): the child processes of the
shell get the profile's credentials, switching leaves nothing behind, `--unset` clears."""

from __future__ import annotations

import pytest

from tests.shell.conftest import ROLE_ARN_SEEN, SHELLS, USER_ARN_SEEN

CREDENTIAL_VARS = (
    "AWS_VAULT", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_SESSION_EXPIRATION",
    "_AWS_VAULT_EXPIRES", "_AWS_VAULT_REFRESH_AT",
)  # fmt: skip


def load(shell: str, args: str) -> str:
    if shell == "fish":
        return f"aws-vault env {args} --shell fish | source"
    return f'eval "$(aws-vault env {args} --shell {shell})"'


@pytest.mark.parametrize("shell", SHELLS)
def test_role_credentials_reach_child_processes(shell, spawn, profiles):
    sh = spawn(shell)
    sh.run(load(shell, "admin"))
    assert sh.identity() == ROLE_ARN_SEEN
    env = sh.env()
    assert env["AWS_VAULT"] == "admin"
    assert env["AWS_REGION"] == env["AWS_DEFAULT_REGION"] == "eu-west-1"
    assert env["AWS_SESSION_TOKEN"]
    assert env["AWS_CREDENTIAL_EXPIRATION"] == env["AWS_SESSION_EXPIRATION"]
    assert env["AWS_CREDENTIAL_EXPIRATION"].endswith("Z")
    assert int(env["_AWS_VAULT_EXPIRES"]) - int(env["_AWS_VAULT_REFRESH_AT"]) == 300


@pytest.mark.parametrize("shell", SHELLS)
def test_switching_from_a_role_to_long_term_keys_leaves_no_session_token(shell, spawn, profiles):
    sh = spawn(shell)
    sh.run(load(shell, "admin"))
    assert "AWS_SESSION_TOKEN" in sh.env()
    sh.run(load(shell, "alice -n"))
    env = sh.env()
    assert env["AWS_VAULT"] == "alice"
    assert env["AWS_ACCESS_KEY_ID"] == profiles["alice"]
    for gone in ("AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION", "AWS_SESSION_EXPIRATION",
                 "_AWS_VAULT_EXPIRES", "_AWS_VAULT_REFRESH_AT"):  # fmt: skip
        assert gone not in env
    assert sh.identity() == USER_ARN_SEEN


@pytest.mark.parametrize("shell", ["bash"])
def test_switching_takes_the_new_profiles_region(shell, spawn, profiles):
    sh = spawn(shell)
    sh.run(load(shell, "admin"))
    sh.run(load(shell, "alice -n"))
    assert sh.env()["AWS_REGION"] == "us-east-1"


@pytest.mark.parametrize("shell", SHELLS)
def test_unset_clears_everything(shell, spawn, profiles):
    sh = spawn(shell)
    sh.run(load(shell, "admin"))
    sh.run(load(shell, "--unset"))
    env = sh.env()
    for name in (*CREDENTIAL_VARS, "AWS_REGION", "AWS_DEFAULT_REGION"):
        assert name not in env


@pytest.mark.parametrize("shell", SHELLS)
def test_a_failed_env_prints_nothing_to_evaluate_and_changes_nothing(shell, spawn, profiles):
    sh = spawn(shell)
    sh.run(load(shell, "admin"))
    before = sh.env()
    out = sh.run(load(shell, "nope"))
    assert out.count("aws-vault: error:") == 1
    assert sh.env() == before
