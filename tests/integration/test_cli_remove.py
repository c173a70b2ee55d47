"""`aws-vault remove PROFILE` (alias `rm`) through the real executable (contract §2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.helpers import (
    assert_one_error,
    finish,
    put_credentials,
    put_oidc_token,
    put_session,
    spawn,
    stored_keys,
)


@pytest.mark.parametrize("command", ["remove", "rm"])
def test_remove_force_deletes_the_keys_and_the_profiles_sessions(cli, command):
    put_credentials("foo")
    put_credentials("bar")
    own = put_session("foo", 3600)
    own_role = put_session("foo", 900, kind="sts.AssumeRole")
    other = put_session("bar", 3600)

    result = cli(command, "-f", "foo")

    assert result.returncode == 0, result.stderr
    assert result.stdout == "Deleted credentials.\n"
    assert sorted(stored_keys()) == sorted(["bar", other])
    assert own not in stored_keys() and own_role not in stored_keys()
    listed = cli("list", "--credentials")
    assert listed.stdout == "bar\n"


def test_remove_long_force_flag_and_flag_after_the_profile(cli):
    put_credentials("foo")
    put_credentials("baz")
    assert cli("remove", "--force", "foo").returncode == 0
    result = cli("rm", "baz", "-f")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Deleted credentials.\n"
    assert stored_keys() == []


def test_remove_keeps_the_config_and_sso_tokens(cli, config_file: Path):
    config_file.write_text("[profile foo]\nregion = us-east-1\n")
    before = config_file.read_bytes()
    put_credentials("foo")
    token = put_oidc_token("https://example.awsapps.com/start")
    assert cli("remove", "-f", "foo").returncode == 0
    assert config_file.read_bytes() == before
    assert stored_keys() == [token]


def test_remove_a_profile_without_keys_is_credentials_missing(cli):
    put_credentials("bar")
    session = put_session("foo", 3600)
    result = cli("remove", "-f", "foo")
    assert result.returncode == 4
    assert result.stdout == ""
    assert_one_error(result.stderr, "foo")
    assert sorted(stored_keys()) == sorted(["bar", session])


def test_remove_does_not_treat_a_session_or_token_as_a_profile(cli):
    session = put_session("foo", 3600)
    token = put_oidc_token("https://example.awsapps.com/start")
    for key in (session, token):
        result = cli("remove", "-f", key)
        assert result.returncode == 4, result.stderr
    assert sorted(stored_keys()) == sorted([session, token])


def test_remove_without_a_terminal_and_without_force_deletes_nothing(cli):
    put_credentials("foo")
    session = put_session("foo", 3600)
    result = cli("remove", "foo", input="y\n")  # stdin is not the terminal
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_error(result.stderr)
    assert "-f" in result.stderr
    assert sorted(stored_keys()) == sorted(["foo", session])


def test_remove_requires_a_profile(cli):
    result = cli("remove", "-f")
    assert result.returncode == 2
    assert_one_error(result.stderr, "PROFILE")


def _answer(profile: str, answer: str) -> tuple[int, str]:
    child = spawn("remove", profile)
    child.expect_exact(f'Delete credentials for profile "{profile}"? (y|N) ')
    child.sendline(answer)
    return finish(child)


@pytest.mark.parametrize("answer", ["n", "", "no", "maybe"])
def test_remove_on_a_terminal_anything_but_yes_keeps_the_item(answer):
    put_credentials("foo")
    session = put_session("foo", 3600)
    status, rest = _answer("foo", answer)
    assert status == 0, rest
    assert "Deleted credentials." not in rest
    assert sorted(stored_keys()) == sorted(["foo", session])


@pytest.mark.parametrize("answer", ["y", "Y", "yes", "YES"])
def test_remove_on_a_terminal_yes_deletes_the_item(answer):
    put_credentials("foo")
    put_credentials("bar")
    put_session("foo", 3600)
    status, rest = _answer("foo", answer)
    assert status == 0, rest
    assert "Deleted credentials." in rest
    assert stored_keys() == ["bar"]


def test_remove_on_a_terminal_interrupted_deletes_nothing():
    put_credentials("foo")
    child = spawn("rm", "foo")
    child.expect_exact('Delete credentials for profile "foo"? (y|N) ')
    child.sendintr()
    status, rest = finish(child)
    assert status == 130, rest
    assert "Traceback" not in rest
    assert stored_keys() == ["foo"]


def test_remove_of_a_missing_profile_does_not_ask():
    child = spawn("remove", "nobody")
    status, rest = finish(child)
    assert status == 4
    assert "Delete credentials" not in rest
