"""exec --ecs-server: the SDKs' container provider reads credentials from our local server."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.integration.test_engine import AWS_CLI, IDENTITY, ROLE, iam_user

PROBE = r"""
import json, os, sys, urllib.request, urllib.error
from concurrent.futures import ThreadPoolExecutor
url, token = os.environ["AWS_CONTAINER_CREDENTIALS_FULL_URI"], os.environ["AWS_CONTAINER_AUTHORIZATION_TOKEN"]
def get(path, auth):
    request = urllib.request.Request(url + path, headers={"Authorization": auth} if auth is not None else {})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())
with ThreadPoolExecutor(10) as pool:
    parallel = list(pool.map(lambda _: get("/", token), range(10)))
print(json.dumps({
    "env_keys": [k for k in os.environ if k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")],
    "url": url, "token_length": len(token),
    "wrong": get("/", "nope"), "missing": get("/", None),
    "parallel_tokens": sorted({body["Token"] for _, body in parallel}),
    "base": get("/", token), "role": get("/role-arn/" + sys.argv[1], token),
}))
"""


@pytest.fixture
def alice(sts, config_file: Path) -> None:
    key_id, secret = iam_user(sts)
    done = run_cli("add", "--env", "alice", env={"AWS_ACCESS_KEY_ID": key_id, "AWS_SECRET_ACCESS_KEY": secret})
    assert done.returncode == 0, done.stderr


def test_server_contract(alice, sts):
    done = run_cli("exec", "--ecs-server", "alice", "--", sys.executable, "-c", PROBE, ROLE)
    assert done.returncode == 0, done.stderr
    probe = json.loads(done.stdout)
    assert probe["env_keys"] == []
    assert probe["url"].startswith("http://127.0.0.1:")
    assert probe["token_length"] == 40
    assert probe["wrong"] == [403, {"Message": "invalid Authorization token"}]
    assert probe["missing"][0] == 403
    status, base = probe["base"]
    assert status == 200 and set(base) == {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}
    expires = datetime.fromisoformat(base["Expiration"].replace("Z", "+00:00"))
    assert (expires - datetime.now(timezone.utc)).total_seconds() > 15 * 60
    assert len(probe["parallel_tokens"]) == 1
    assert len(sts.calls("GetSessionToken")) == 1  # ten concurrent requests, one STS call
    assert probe["role"][0] == 200 and probe["role"][1]["AccessKeyId"] != base["AccessKeyId"]
    assert sts.calls("AssumeRole")[0]["RoleArn"] == ROLE


def test_sdk_and_aws_cli_read_the_server(alice):
    done = run_cli("exec", "--server", "alice", "--", *IDENTITY)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "arn:aws:sts::123456789012:user/moto"  # moto's GetSessionToken identity
    cli = run_cli("exec", "--ecs-server", "alice", "--", AWS_CLI, "sts", "get-caller-identity",
                  "--region", "us-east-1", "--query", "Arn", "--output", "text")  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    assert cli.stdout.strip() == "arn:aws:sts::123456789012:user/moto"


def test_child_status_is_returned(alice):
    assert run_cli("exec", "--ecs-server", "alice", "--", "sh", "-c", "exit 7").returncode == 7
    assert run_cli("exec", "--ecs-server", "alice", "--", "sh", "-c", "kill -TERM $$").returncode == 143


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ecs-server", "--no-session"], "Can't use --ecs-server with --no-session"),
        (["--ecs-server", "--json"], "Can't use --ecs-server with --json"),
        (["--prompt", "terminal", "--ecs-server"], "Can't use --prompt=terminal with --ecs-server"),
    ],
)
def test_flag_combinations_are_refused(alice, args, message):
    done = run_cli("exec", *args, "alice", "--", "true")
    assert done.returncode == 2
    assert message in done.stderr


def test_lazy_server_fetches_on_first_request(alice, sts):
    done = run_cli("exec", "--ecs-server", "--lazy", "alice", "--", "true")
    assert done.returncode == 0, done.stderr
    assert sts.calls("GetSessionToken") == []
