"""Edge cases found in review: each once let a secret out, lost work, or broke a contract."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pexpect

from aws_vault.credentials import Credentials
from aws_vault.servers.cache import RefreshingCredentials
from aws_vault.servers.proxy import client_allowed
from tests.conftest import EXECUTABLE, run_cli
from tests.integration.helpers import file_store, stored_keys
from tests.integration.test_engine import alice  # noqa: F401 - fixture


def test_malformed_federation_url_never_shows_the_credentials(alice):  # noqa: F811
    done = run_cli("login", "alice", "--stdout", env={"AWS_VAULT_FEDERATION_URL": "signin.local/federation"})
    assert done.returncode == 2
    assert alice[1] not in done.stderr and "sessionKey" not in done.stderr


def test_proxy_serves_only_local_clients():
    assert client_allowed("127.0.0.1") and client_allowed("169.254.169.254")
    assert not client_allowed("192.0.2.9") and not client_allowed("169.254.169.1")


def test_one_ctrl_c_reaches_a_server_mode_child_once(alice, tmp_path):  # noqa: F811
    count = tmp_path / "count"
    child = (
        "import signal, sys, time\n"
        f"signal.signal(signal.SIGINT, lambda *_: open({str(count)!r}, 'a').write('x'))\n"
        "print('ready', flush=True)\n"
        "time.sleep(3)\n"
    )
    shell = pexpect.spawn(EXECUTABLE, ["exec", "--ecs-server", "alice", "--", sys.executable, "-c", child],
                          env=dict(os.environ), encoding="utf-8", timeout=30)  # fmt: skip
    shell.expect_exact("ready")
    shell.sendintr()
    shell.expect(pexpect.EOF)
    assert count.read_text() == "x"


def test_a_double_dash_in_the_childs_command_line_is_the_childs(alice):  # noqa: F811
    done = run_cli("exec", "alice", "-n", "echo", "--region", "eu-west-1", "--", "x")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "--region eu-west-1 -- x\n"


def test_short_sessions_are_served_for_half_their_life():
    fetches = []

    def fetch() -> Credentials:
        fetches.append(1)
        return Credentials("ASIA", "s", "t", datetime.now(timezone.utc) + timedelta(minutes=10))

    cache = RefreshingCredentials(fetch)
    for _ in range(3):
        cache.get()
    assert len(fetches) == 1


def test_debug_keeps_the_exit_code_and_adds_the_traceback():
    done = run_cli("--debug", "exec", "nosuch", "--", "true")
    assert done.returncode == 3
    assert "Traceback" in done.stderr and "aws-vault: error: profile 'nosuch'" in done.stderr


def test_add_for_a_profile_that_sources_itself(config_file: Path):
    config_file.write_text("[profile self]\nsource_profile=self\nrole_arn=arn:aws:iam::1:role/r\n")
    done = run_cli("add", "--env", "self", env={"AWS_ACCESS_KEY_ID": "AKIASELF", "AWS_SECRET_ACCESS_KEY": "s"})
    assert done.returncode == 0, done.stderr


def test_session_credentials_are_not_stored_as_long_term_keys(config_file: Path):
    for env in ({"AWS_ACCESS_KEY_ID": "ASIATEMP", "AWS_SECRET_ACCESS_KEY": "s"},
                {"AWS_ACCESS_KEY_ID": "AKIAX", "AWS_SECRET_ACCESS_KEY": "s", "AWS_SESSION_TOKEN": "t"}):  # fmt: skip
        done = run_cli("add", "--env", "p", env=env)
        assert done.returncode == 2 and "temporary credentials" in done.stderr
    assert stored_keys() == []


def test_a_stray_file_in_the_key_directory_does_not_block_writes(config_file: Path):
    env = {"AWS_ACCESS_KEY_ID": "AKIAONE", "AWS_SECRET_ACCESS_KEY": "s"}
    assert run_cli("add", "--env", "one", env=env).returncode == 0
    (file_store().directory / "0README").write_text("notes, not a token\n")
    done = run_cli("add", "--env", "two", env=env)
    assert done.returncode == 0, done.stderr


def test_profiles_starting_with_a_dot_are_listed_and_removable(config_file: Path):
    env = {"AWS_ACCESS_KEY_ID": "AKIADOT", "AWS_SECRET_ACCESS_KEY": "s"}
    assert run_cli("add", "--env", ".hidden", "--no-add-config", env=env).returncode == 0
    assert ".hidden" in run_cli("list", "--credentials").stdout.split()
    assert run_cli("remove", "-f", ".hidden").returncode == 0


def test_leaving_an_applied_tree_for_an_unallowed_one_restores(config_file: Path, tmp_path: Path):
    env = {"AWS_ACCESS_KEY_ID": "AKIAONE", "AWS_SECRET_ACCESS_KEY": "s"}
    assert run_cli("add", "--env", "one", env=env).returncode == 0
    other = tmp_path / "other" / ".aws-profile"
    other.parent.mkdir()
    other.write_text("one\n")
    state = {"AWS_VAULT": "one", "_AWS_VAULT_DIR_ACTIVE": "1", "_AWS_VAULT_PREV": ""}
    done = run_cli("hook-dir", "--shell", "bash", str(other), env=state)
    assert "aws-vault allow" in done.stderr
    assert "unset AWS_VAULT;" in done.stdout and "unset _AWS_VAULT_DIR_ACTIVE;" in done.stdout
    assert f"export _AWS_VAULT_DIR_FILE={other};" in done.stdout
