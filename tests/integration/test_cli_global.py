"""Global options, help, version and the error boundary, through the real executable
(contract §1, §4; reference §1.1)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from aws_vault import __version__
from tests.conftest import EXECUTABLE
from tests.integration.helpers import (
    assert_one_error,
    file_store,
    put_credentials,
    snapshot,
    store_dir,
    stored_keys,
)

SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzSECRETzz"
KEYS_ENV = {"AWS_ACCESS_KEY_ID": "AKIAGLOBALTEST00001", "AWS_SECRET_ACCESS_KEY": SECRET}
ADDED = 'Added credentials to profile "foo" in vault\n'


# -- global options before or after the subcommand ------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["add", "--debug", "--env", "foo"],
        ["--debug", "add", "--env", "foo"],
        ["add", "--env", "foo", "--debug"],
    ],
)
def test_debug_anywhere_on_the_command_line(cli, argv):
    result = cli(*argv, env=KEYS_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ADDED
    assert f"aws-vault {__version__}" in result.stderr  # the first debug line
    assert stored_keys() == ["foo"]


def test_without_debug_there_is_no_debug_output(cli):
    result = cli("add", "--env", "foo", env=KEYS_ENV)
    assert result.returncode == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    "argv",
    [
        ["--backend", "file", "list", "--credentials"],
        ["list", "--backend", "file", "--credentials"],
        ["list", "--credentials", "--backend=file"],
        ["--backend=file", "ls", "--credentials"],
    ],
)
def test_backend_option_before_or_after_the_subcommand(cli, argv):
    put_credentials("foo")
    # The option beats the environment variable.
    result = cli(*argv, env={"AWS_VAULT_BACKEND": "no-such-backend"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "foo\n"


def test_backend_from_the_environment(cli):
    put_credentials("foo")
    assert cli("list", "--credentials", env={"AWS_VAULT_BACKEND": "file"}).stdout == "foo\n"
    result = cli("list", "--credentials", env={"AWS_VAULT_BACKEND": "no-such-backend"})
    assert result.returncode == 2
    assert_one_error(result.stderr, "no-such-backend")


@pytest.mark.parametrize("position", ["before", "after"])
def test_file_dir_option(cli, tmp_path: Path, position):
    elsewhere = tmp_path / "elsewhere"
    options = ["--file-dir", str(elsewhere)]
    command = ["add", "--env", "foo"]
    argv = [*options, *command] if position == "before" else [*command, *options]
    result = cli(*argv, env=KEYS_ENV)
    assert result.returncode == 0, result.stderr
    assert sorted(snapshot(elsewhere)) == ["foo"]
    assert snapshot(store_dir()) == {}
    listed = cli("list", "--credentials", f"--file-dir={elsewhere}")
    assert listed.stdout == "foo\n"
    assert cli("list", "--credentials").stdout == ""


def test_file_dir_from_the_environment(cli, tmp_path: Path):
    elsewhere = tmp_path / "from-env"
    result = cli("add", "--env", "foo", env={**KEYS_ENV, "AWS_VAULT_FILE_DIR": str(elsewhere)})
    assert result.returncode == 0, result.stderr
    assert sorted(snapshot(elsewhere)) == ["foo"]
    assert snapshot(store_dir()) == {}


def test_file_dir_tilde_is_the_home_directory(cli, isolated_env: Path):
    result = cli("add", "--env", "foo", "--file-dir", "~/my-keys", env=KEYS_ENV)
    assert result.returncode == 0, result.stderr
    assert sorted(snapshot(isolated_env / "my-keys")) == ["foo"]


def test_default_file_dir_is_under_home(cli, isolated_env: Path):
    env = {k: v for k, v in os.environ.items() if k != "AWS_VAULT_FILE_DIR"}
    done = subprocess.run(
        [EXECUTABLE, "add", "--env", "foo"],
        env={**env, **KEYS_ENV},
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert sorted(snapshot(isolated_env / ".awsvault" / "keys")) == ["foo"]


def test_options_after_double_dash_are_not_global(cli):
    result = cli("add", "--env", "--", "--debug", env=KEYS_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout == 'Added credentials to profile "--debug" in vault\n'
    assert "aws-vault " + __version__ not in result.stderr


# -- version and help ------------------------------------------------------------------------


def test_version(cli):
    result = cli("--version")
    assert result.returncode == 0
    assert result.stdout == f"aws-vault {__version__}\n"
    assert result.stderr == ""


def test_help(cli):
    result = cli("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Usage: aws-vault")
    for word in ("add", "remove", "list", "--backend", "--file-dir", "--debug", "--version"):
        assert word in result.stdout
    assert "AWS_VAULT_BACKEND" in result.stdout
    assert result.stderr == ""
    assert cli("-h").stdout == result.stdout


def test_help_long_contains_every_commands_help(cli):
    result = cli("--help-long")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Usage: aws-vault")
    for usage in ("aws-vault add", "aws-vault remove", "aws-vault list"):
        assert f"Usage: {usage}" in out
    for option in ("--no-add-config", "--env", "--force", "--credentials", "--sessions"):
        assert option in out
    for command in ("add", "remove", "list"):
        sub = cli(command, "--help").stdout
        body = sub.split("\n", 1)[1]  # everything after the usage line
        assert body.strip() and body.strip() in out, command


@pytest.mark.parametrize(
    ("command", "canonical", "expected"),
    [
        ("add", "add", ["PROFILE", "--env", "--no-add-config"]),
        ("remove", "remove", ["PROFILE", "-f, --force"]),
        ("rm", "remove", ["PROFILE", "-f, --force"]),
        ("list", "list", ["--profiles", "--sessions", "--credentials"]),
        ("ls", "list", ["--profiles", "--sessions", "--credentials"]),
    ],
)
def test_every_subcommand_has_help(cli, command, canonical, expected):
    result = cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"Usage: aws-vault {canonical}")
    for text in expected:
        assert text in result.stdout
    assert result.stderr == ""


def test_help_does_not_touch_config_or_store(cli, config_file: Path):
    config_file.write_text("[profile broken\n")  # malformed: reading it would fail
    for command in ("add", "remove", "list"):
        result = cli(command, "--help", env={"AWS_VAULT_FILE_PASSPHRASE": "wrong"})
        assert result.returncode == 0, result.stderr
    assert not store_dir().exists()
    assert config_file.read_text() == "[profile broken\n"


def test_no_arguments_shows_help_not_an_error_line(cli):
    result = cli()
    assert result.returncode in (0, 2)
    assert "Usage: aws-vault" in result.stdout + result.stderr
    assert "aws-vault: error: Usage" not in result.stderr
    assert "Traceback" not in result.stderr


# -- errors ----------------------------------------------------------------------------------


def test_unknown_backend_is_a_usage_error(cli):
    result = cli("--backend", "nope", "list")
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_error(result.stderr, "nope")


def test_unknown_subcommand_is_a_usage_error(cli):
    result = cli("frobnicate", "foo")
    assert result.returncode == 2
    assert result.stdout == ""
    assert_one_error(result.stderr, "frobnicate")


def test_unknown_option_is_a_usage_error(cli):
    result = cli("list", "--no-such-option")
    assert result.returncode == 2
    assert_one_error(result.stderr, "--no-such-option")


def test_wrong_file_passphrase_is_a_store_error_and_changes_nothing(cli, config_file: Path):
    assert cli("add", "--env", "foo", env=KEYS_ENV).returncode == 0
    before_store = snapshot(store_dir())
    before_config = config_file.read_bytes()

    result = cli("add", "--env", "bar", env={**KEYS_ENV, "AWS_VAULT_FILE_PASSPHRASE": "wrong"})

    assert result.returncode == 5
    assert result.stdout == ""
    assert_one_error(result.stderr)
    assert SECRET not in result.stderr
    assert snapshot(store_dir()) == before_store
    assert config_file.read_bytes() == before_config


def test_wrong_file_passphrase_when_replacing_an_item(cli):
    assert cli("add", "--env", "foo", env=KEYS_ENV).returncode == 0
    before = snapshot(store_dir())
    result = cli("add", "--env", "foo", env={**KEYS_ENV, "AWS_VAULT_FILE_PASSPHRASE": "wrong"})
    assert result.returncode == 5
    assert_one_error(result.stderr)
    assert snapshot(store_dir()) == before
    assert file_store().get("foo") is not None  # still readable with the right passphrase


def test_wrong_file_passphrase_with_debug_still_has_no_secret(cli):
    assert cli("add", "--env", "foo", env=KEYS_ENV).returncode == 0
    result = cli(
        "--debug", "add", "--env", "bar",
        env={**KEYS_ENV, "AWS_VAULT_FILE_PASSPHRASE": "wrong"},
    )  # fmt: skip
    assert result.returncode != 0
    assert SECRET not in result.stdout + result.stderr


MALFORMED = "[profile ok]\nregion = us-east-1\nthis line is not ini\n[profile broken\n"


@pytest.mark.parametrize("argv", [["list"], ["list", "--profiles"], ["add", "--env", "foo"]])
def test_malformed_config_is_a_config_error(cli, config_file: Path, argv):
    config_file.write_text(MALFORMED)
    result = cli(*argv, env=KEYS_ENV)
    assert result.returncode == 3
    assert result.stdout == ""
    assert_one_error(result.stderr, str(config_file))
    assert config_file.read_text() == MALFORMED
    assert stored_keys() == []


def test_config_that_is_a_directory_is_a_config_error(cli, config_file: Path):
    # An unreadable config; chmod 000 would not stop root, a directory stops everyone.
    config_file.mkdir()
    result = cli("list", "--profiles")
    assert result.returncode == 3
    assert_one_error(result.stderr, str(config_file))


def test_aws_config_file_is_honoured(cli, tmp_path: Path, config_file: Path):
    other = tmp_path / "other-config"
    other.write_text("[profile from-other]\n")
    config_file.write_text("[profile from-default]\n")
    assert cli("list", "--profiles", env={"AWS_CONFIG_FILE": str(other)}).stdout == "from-other\n"
    assert cli("list", "--profiles").stdout == "from-default\n"


def test_credentials_file_is_never_read(cli, isolated_env: Path):
    credentials = isolated_env / ".aws" / "credentials"
    credentials.parent.mkdir(parents=True, exist_ok=True)
    credentials.write_text("[foo]\naws_access_key_id = AKIAFILE\naws_secret_access_key = x\n")
    result = cli("list")
    assert result.returncode == 0, result.stderr
    assert "foo" not in result.stdout


# -- secrets stay out of --debug output ------------------------------------------------------


def test_debug_output_never_contains_the_secret(cli, config_file: Path):
    added = cli("add", "--debug", "--env", "foo", env=KEYS_ENV)
    assert added.returncode == 0, added.stderr
    outputs = [added.stdout, added.stderr]
    for argv in (["list"], ["list", "--credentials"], ["list", "--sessions"], ["ls", "--profiles"]):
        listed = cli(*argv, "--debug")
        assert listed.returncode == 0, listed.stderr
        outputs += [listed.stdout, listed.stderr]
    removed = cli("--debug", "rm", "-f", "foo")
    assert removed.returncode == 0
    outputs += [removed.stdout, removed.stderr]
    everything = "\n".join(outputs)
    assert f"aws-vault {__version__}" in everything  # debug logging really was on
    assert SECRET not in everything
    assert SECRET[:12] not in everything
    assert KEYS_ENV["AWS_ACCESS_KEY_ID"] not in everything  # only ever masked


def test_python_dash_m_runs_the_same_cli(cli):
    done = subprocess.run(
        [sys.executable, "-m", "aws_vault", "--version"],
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0
    assert done.stdout == f"aws-vault {__version__}\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "--backend"],
        ["add", "foo", "--file-dir"],
        ["--backend"],
        ["--backend", "--", "list"],
    ],
)
def test_global_option_without_its_value_is_named_in_the_error(cli, argv):
    result = cli(*argv, env=KEYS_ENV)
    assert result.returncode == 2
    line = assert_one_error(result.stderr)
    option = next(token for token in argv if token.startswith("--") and token != "--")
    assert option in line and "argument" in line, line
    assert stored_keys() == []
