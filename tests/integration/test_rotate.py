"""rotate against moto's IAM: a new key stored and working, the old one gone, sessions cleared."""

from __future__ import annotations

from pathlib import Path

import boto3
import pytest

from tests.conftest import run_cli
from tests.integration.test_engine import iam_user


def iam(sts):  # noqa: ANN001, ANN201
    return boto3.client("iam", endpoint_url=sts.url, region_name="us-east-1",
                        aws_access_key_id="testing", aws_secret_access_key="testing")  # fmt: skip


def stored_key_id() -> str:
    done = run_cli("export", "alice", "--no-session", "--format", "json")
    import json

    return json.loads(done.stdout)["AccessKeyId"]


@pytest.fixture
def alice(sts, config_file: Path) -> str:
    key_id, secret = iam_user(sts)
    assert run_cli("add", "--env", "alice", env={"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret}).returncode == 0
    return key_id


def keys_in_iam(sts) -> list[str]:  # noqa: ANN001
    return [k["AccessKeyId"] for k in iam(sts).list_access_keys(UserName="alice")["AccessKeyMetadata"]]


def test_rotate_with_master_credentials(alice, sts):
    done = run_cli("rotate", "-n", "alice")
    assert done.returncode == 0, done.stderr
    new = stored_key_id()
    assert new != alice
    assert keys_in_iam(sts) == [new]
    assert f"Created new access key {'*' * 16}{new[-4:]}" in done.stderr
    assert "Finished rotating access key" in done.stderr
    assert alice not in done.stderr and new not in done.stderr  # keys are masked


def test_rotate_two_hops_away_through_a_session_clears_sessions(alice, sts, config_file):
    config_file.write_text(
        "[profile alice]\n[profile via]\nsource_profile=alice\n"
        "[profile admin]\nsource_profile=via\nrole_arn=arn:aws:iam::123456789012:role/admin\n"
    )
    assert run_cli("export", "admin").returncode == 0
    assert "sts.AssumeRole" in run_cli("list", "--sessions").stdout
    done = run_cli("rotate", "admin")
    assert done.returncode == 0, done.stderr
    assert "Rotating credentials stored for profile 'alice' using a session from profile 'admin'" in done.stderr
    assert "Deleted 1 sessions for admin" in done.stderr
    assert keys_in_iam(sts) == [stored_key_id()]
    assert "sts.AssumeRole" not in run_cli("list", "--sessions").stdout


def test_create_failure_changes_nothing(alice, sts):
    iam(sts).create_access_key(UserName="alice")  # the user now has the maximum of two keys
    done = run_cli("rotate", "-n", "alice")
    assert done.returncode == 6
    assert "LimitExceeded" in done.stderr
    assert stored_key_id() == alice


def test_delete_failure_names_the_stored_and_remaining_keys(alice, sts):
    sts.failing["DeleteAccessKey"] = (400, "ServiceFailure")
    done = run_cli("rotate", "-n", "alice")  # retries for 20s, as IAM propagation needs
    assert done.returncode == 1
    new = stored_key_id()
    assert new != alice and set(keys_in_iam(sts)) == {alice, new}
    assert f"{'*' * 16}{new[-4:]} is stored and works" in done.stderr
    assert f"delete {'*' * 16}{alice[-4:]} in IAM yourself" in done.stderr


def test_profile_without_long_term_keys(config_file):
    config_file.write_text("[profile proc]\ncredential_process=echo {}\n")
    done = run_cli("rotate", "proc")
    assert done.returncode == 4 and "No master credentials found" in done.stderr
