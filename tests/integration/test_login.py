"""login: console sign-in URLs through a local stand-in for the AWS federation endpoint."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.conftest import run_cli
from tests.integration.test_engine import ROLE, iam_user


class Federation:
    def __init__(self) -> None:
        self.requests: list[dict[str, str]] = []
        self.status = 200
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/federation"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        federation = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                query = {k: v[0] for k, v in parse_qs(urlparse(self.path).query).items()}
                federation.requests.append(query)
                body = json.dumps({"SigninToken": "signin-token-123"}).encode()
                self.send_response(federation.status)
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


@pytest.fixture
def federation(monkeypatch: pytest.MonkeyPatch) -> Iterator[Federation]:
    fake = Federation()
    threading.Thread(target=fake.server.serve_forever, daemon=True).start()
    monkeypatch.setenv("AWS_VAULT_FEDERATION_URL", fake.url)
    yield fake
    fake.server.shutdown()


@pytest.fixture
def alice(sts, config_file: Path) -> tuple[str, str]:
    key_id, secret = iam_user(sts)
    assert run_cli("add", "--env", "alice", env={"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret}).returncode == 0
    return key_id, secret


def login_url(stdout: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(stdout.strip()).query).items()}


def test_role_profile_is_federated_directly(alice, sts, federation, config_file):
    config_file.write_text(f"[profile alice]\n[profile admin]\nsource_profile=alice\nrole_arn={ROLE}\nregion=eu-west-1\n")
    done = run_cli("login", "admin", "--stdout", "--path", "ec2/v2/home", "-d", "2h")
    assert done.returncode == 0, done.stderr
    query = login_url(done.stdout)
    assert query["Action"] == "login" and query["Issuer"] == "aws-vault"
    assert query["SigninToken"] == "signin-token-123"
    assert query["Destination"] == "https://eu-west-1.console.aws.amazon.com/ec2/v2/home?region=eu-west-1"
    (request,) = federation.requests
    session = json.loads(request["Session"])
    assert session["sessionId"].startswith("ASIA") and session["sessionToken"]
    assert request["SessionDuration"] == "7200"
    assert sts.calls("GetFederationToken") == [] and len(sts.calls("AssumeRole")) == 1


def test_user_keys_go_through_get_federation_token(alice, sts, federation, config_file):
    config_file.write_text("[profile alice]\n")
    done = run_cli("login", "alice", "--stdout")
    assert done.returncode == 0, done.stderr
    (call,) = sts.calls("GetFederationToken")
    assert call["Name"] == "alice"
    assert json.loads(call["Policy"])["Statement"][0]["Action"] == "*"
    assert sts.calls("GetSessionToken") == []  # the profile itself never gets a session
    assert "SessionDuration" not in federation.requests[0]
    assert login_url(done.stdout)["Destination"] == "https://console.aws.amazon.com/"


def test_path_works_without_a_region(alice, federation, config_file):
    config_file.write_text("[profile alice]\n")
    done = run_cli("login", "alice", "-s", "--path", "s3/home")
    assert login_url(done.stdout)["Destination"] == "https://console.aws.amazon.com/s3/home"


def test_login_from_environment_credentials(alice, sts, federation):
    done = run_cli("login", "--stdout", env={"AWS_ACCESS_KEY_ID": alice[0], "AWS_SECRET_ACCESS_KEY": alice[1]})
    assert done.returncode == 0, done.stderr
    assert len(sts.calls("GetFederationToken")) == 1


def test_session_token_credentials_are_refused_clearly(alice, sts, federation):
    env = {"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE", "AWS_SECRET_ACCESS_KEY": "x", "AWS_SESSION_TOKEN": "t"}
    iam_user(sts, "moto")  # GetSessionToken's fixed example keys belong to user/moto in moto
    done = run_cli("login", "--stdout", env=env)
    assert done.returncode == 1
    assert "cannot federate" in done.stderr and done.stdout == ""


def test_no_profile_and_no_environment_keys_is_a_usage_error():
    done = run_cli("login")
    assert done.returncode == 2 and "AWS_ACCESS_KEY_ID" in done.stderr


def test_federation_endpoint_failure(alice, federation, config_file):
    config_file.write_text("[profile alice]\n")
    federation.status = 400
    done = run_cli("login", "alice", "--stdout")
    assert done.returncode == 6
    assert "getSigninToken failed with 400" in done.stderr


def test_no_browser_without_stdout_is_a_clear_error(alice, federation, config_file):
    config_file.write_text("[profile alice]\n")
    done = run_cli("login", "alice")
    assert done.returncode == 1 and "--stdout" in done.stderr
    assert "signin-token" not in done.stderr + done.stdout


def test_browser_gets_the_url(alice, federation, config_file, tmp_path):
    config_file.write_text("[profile alice]\n")
    seen = tmp_path / "seen"
    browser = tmp_path / "browser"
    browser.write_text(f'#!/bin/sh\necho "$1" > {seen}\n')
    browser.chmod(0o755)
    done = run_cli("login", "alice", env={"BROWSER": str(browser)})
    assert done.returncode == 0, done.stderr
    assert seen.read_text().startswith(federation.url + "?Action=login")
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("region", "prefix", "domain"),
    [
        ("cn-north-1", "https://signin.amazonaws.cn/federation", "cn-north-1.console.amazonaws.cn"),
        ("us-gov-west-1", "https://signin.amazonaws-us-gov.com/federation", "us-gov-west-1.console.amazonaws-us-gov.com"),
    ],
)
def test_partitions(region, prefix, domain):
    from aws_vault import console

    assert console.partition(region).federation == prefix
    assert console.destination(region, "").startswith(f"https://{domain}/console/home?region={region}")
