"""env, prompt, allow/deny and hook-dir through the real executable (the shells themselves are
driven in tests/shell)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.conftest import run_cli


@pytest.fixture
def stored(config_file: Path) -> None:
    config_file.write_text("[profile one]\nregion=eu-west-1\n[profile two]\n")
    for name, key in (("one", "AKIAONE"), ("two", "AKIATWO")):
        done = run_cli("add", "--env", name, env={"AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": "s"})
        assert done.returncode == 0, done.stderr


def test_env_sets_and_unsets_for_sh(stored):
    done = run_cli("env", "one", "-n", "--shell", "bash")
    assert done.returncode == 0, done.stderr
    assert "export AWS_VAULT=one;\n" in done.stdout
    assert "export AWS_ACCESS_KEY_ID=AKIAONE;\n" in done.stdout
    assert "export AWS_REGION=eu-west-1;\n" in done.stdout
    assert "unset AWS_SESSION_TOKEN;\n" in done.stdout
    assert "unset _AWS_VAULT_REFRESH_AT;\n" in done.stdout


def test_env_works_inside_a_session(stored):
    done = run_cli("env", "two", "-n", "--shell", "fish", env={"AWS_VAULT": "one"})
    assert done.returncode == 0
    assert "set -gx AWS_VAULT 'two';\n" in done.stdout


def test_env_error_prints_nothing_on_stdout(stored):
    done = run_cli("env", "missing", "--shell", "bash")
    assert done.returncode == 3
    assert done.stdout == ""
    assert done.stderr.startswith("aws-vault: error:")


def test_env_unset_removes_everything_env_set(stored):
    ours = {"AWS_REGION": "eu-west-1", "_AWS_VAULT_REGION": "eu-west-1"}
    done = run_cli("env", "--unset", "--shell", "zsh", env=ours)
    for name in ("AWS_VAULT", "AWS_ACCESS_KEY_ID", "AWS_SESSION_TOKEN", "AWS_REGION", "_AWS_VAULT_EXPIRES"):
        assert f"unset {name};\n" in done.stdout
    assert "export" not in done.stdout


def test_env_unset_keeps_the_users_own_region_and_endpoint(stored):
    done = run_cli("env", "--unset", "--shell", "bash",
                   env={"AWS_REGION": "us-west-2", "AWS_ENDPOINT_URL": "http://localhost:4566"})  # fmt: skip
    assert "unset AWS_REGION;" not in done.stdout
    assert "unset AWS_ENDPOINT_URL;" not in done.stdout


def test_switching_replaces_the_region_env_set_but_not_the_users(stored):
    switched = run_cli("env", "two", "-n", "--shell", "bash",
                       env={"AWS_REGION": "eu-west-1", "_AWS_VAULT_REGION": "eu-west-1"})  # fmt: skip
    assert "unset AWS_REGION;" in switched.stdout and "export AWS_REGION" not in switched.stdout
    own = run_cli("env", "two", "-n", "--shell", "bash", env={"AWS_REGION": "us-west-2"})
    assert "export AWS_REGION=us-west-2;" in own.stdout
    assert "_AWS_VAULT_REGION=" not in own.stdout  # still the user's, not ours


def test_refresh_reuses_the_flags_of_the_last_env(stored):
    first = run_cli("env", "one", "-n", "--region", "ap-south-1", "--shell", "bash")
    assert "export _AWS_VAULT_ARGS='-n --region=ap-south-1';" in first.stdout
    again = run_cli("env", "--refresh", "--shell", "bash",
                    env={"AWS_VAULT": "one", "_AWS_VAULT_ARGS": "-n --region=ap-south-1"})  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "export AWS_REGION=ap-south-1;" in again.stdout
    assert "AWS_SESSION_TOKEN=" not in again.stdout  # -n kept: long-term keys, no session


def test_env_hook_state_for_expiring_credentials(stored, sts):
    done = run_cli("env", "one", "--shell", "bash", env={"AWS_MIN_TTL": "10m"})
    assert done.returncode == 0, done.stderr
    values = dict(
        line[len("export ") : -1].split("=", 1) for line in done.stdout.splitlines() if line.startswith("export")
    )
    expires = int(values["_AWS_VAULT_EXPIRES"])
    assert int(values["_AWS_VAULT_REFRESH_AT"]) == expires - 600
    assert abs(expires - (time.time() + 3600)) < 120


@pytest.mark.parametrize(
    ("left", "expected"),
    [(3930, "aws:p 1h05m"), (42 * 60 + 5, "aws:p 42m"), (-5, "aws:p expired")],
)
def test_prompt_segment(left, expected):
    env = {"AWS_VAULT": "p", "_AWS_VAULT_EXPIRES": str(int(time.time()) + left)}
    assert run_cli("prompt", env=env).stdout.strip() == expected


def test_prompt_without_session_and_custom_format():
    assert run_cli("prompt").stdout == ""
    done = run_cli("prompt", "--format", "[{profile}]", env={"AWS_VAULT": "p"})
    assert done.stdout == "[p]\n"


def hook_dir(file: str, env: dict[str, str] | None = None):  # noqa: ANN201
    return run_cli("hook-dir", "--shell", "bash", file, env=env)


def test_unallowed_file_changes_nothing_and_says_how_to_allow(stored, tmp_path):
    profile_file = tmp_path / "proj" / ".aws-profile"
    profile_file.parent.mkdir()
    profile_file.write_text("# team profile\none\n")
    done = hook_dir(str(profile_file))
    assert "aws-vault allow" in done.stderr
    assert done.stdout == f"export _AWS_VAULT_DIR_FILE={profile_file};\n"


def test_allowed_file_switches_and_leaving_restores(stored, sts, tmp_path):
    project = tmp_path / "proj"
    project.mkdir()
    profile_file = project / ".aws-profile"
    profile_file.write_text("one\n")
    allowed = run_cli("allow", str(project))
    assert allowed.returncode == 0, allowed.stderr
    entered = hook_dir(str(profile_file), env={"AWS_VAULT": "two"})
    assert "export AWS_VAULT=one;" in entered.stdout
    assert "export _AWS_VAULT_PREV=two;" in entered.stdout
    assert "export _AWS_VAULT_DIR_ACTIVE=1;" in entered.stdout
    left = hook_dir("", env={"AWS_VAULT": "one", "_AWS_VAULT_DIR_ACTIVE": "1", "_AWS_VAULT_PREV": "two"})
    assert "export AWS_VAULT=two;" in left.stdout
    assert "unset _AWS_VAULT_DIR_ACTIVE;" in left.stdout
    empty = hook_dir("", env={"AWS_VAULT": "one", "_AWS_VAULT_DIR_ACTIVE": "1", "_AWS_VAULT_PREV": ""})
    assert "unset AWS_VAULT;" in empty.stdout and "unset AWS_ACCESS_KEY_ID;" in empty.stdout


def test_editing_or_denying_revokes_trust(stored, sts, tmp_path):
    profile_file = tmp_path / ".aws-profile"
    profile_file.write_text("one\n")
    assert run_cli("allow", str(profile_file)).returncode == 0
    assert "AWS_VAULT=one" in hook_dir(str(profile_file)).stdout
    profile_file.write_text("two\n")
    assert "export AWS_VAULT=" not in hook_dir(str(profile_file)).stdout
    assert run_cli("allow", str(profile_file)).returncode == 0
    assert "AWS_VAULT=two" in hook_dir(str(profile_file)).stdout
    assert run_cli("deny", str(profile_file)).returncode == 0
    assert "export AWS_VAULT=" not in hook_dir(str(profile_file)).stdout


def test_file_naming_unknown_profile_gives_one_line(stored, tmp_path):
    profile_file = tmp_path / ".aws-profile"
    profile_file.write_text("nosuch\n")
    assert run_cli("allow", str(profile_file)).returncode == 0
    done = hook_dir(str(profile_file))
    assert done.returncode == 0
    assert len(done.stderr.strip().splitlines()) == 1 and "'nosuch'" in done.stderr
    assert "export AWS_VAULT=" not in done.stdout


def test_allow_without_a_file_is_a_usage_error(tmp_path):
    done = run_cli("allow", str(tmp_path))
    assert done.returncode == 2
    assert ".aws-profile" in done.stderr


def test_completion_words_come_from_the_config_without_boto3(config_file):
    config_file.write_text("".join(f"[profile p{i}]\n" for i in range(5)))
    assert run_cli("__complete", "profiles").stdout.split() == [f"p{i}" for i in range(5)]
    commands = run_cli("__complete", "commands").stdout.split()
    assert {"exec", "export", "env", "use", "rm"} <= set(commands)
    assert "hook-dir" not in commands and "__complete" not in commands
    assert "--no-session" in run_cli("__complete", "flags", "exec").stdout.split()
