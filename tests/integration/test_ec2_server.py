"""The EC2 metadata emulation and its proxy, on loopback only (the real 169.254.169.254 alias
needs root and is never touched by tests)."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import pytest
from botocore.utils import InstanceMetadataFetcher

from aws_vault.credentials import Credentials
from aws_vault.servers.cache import RefreshingCredentials
from aws_vault.servers.ec2 import Ec2Server
from aws_vault.servers.proxy import ForwardingProxy
from tests.conftest import run_cli

CREDS = Credentials("ASIAEC2TEST", "secret", "token", datetime.now(timezone.utc) + timedelta(hours=1))
METADATA_HOST = "169.254.169.254"


@pytest.fixture
def server() -> Iterator[Ec2Server]:
    ec2 = Ec2Server(RefreshingCredentials(lambda: CREDS), "eu-west-1", port=0)
    ec2.start()
    yield ec2
    ec2.stop()


def request(port: int, path: str, method: str = "GET", host: str = METADATA_HOST, **headers: str):  # noqa: ANN201
    url = f"http://127.0.0.1:{port}{path}"
    req = urllib.request.Request(url, method=method, headers={"Host": host, **headers})
    try:
        with urllib.request.urlopen(req, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_botocore_reads_credentials_with_imdsv2(server):
    fetcher = InstanceMetadataFetcher(timeout=2, num_attempts=1, base_url=f"http://127.0.0.1:{server.port}/")
    assert fetcher._base_url.startswith("http://127.0.0.1:")  # never the real metadata address
    creds = fetcher.retrieve_iam_role_credentials()
    assert creds["role_name"] == "local-credentials"
    assert (creds["access_key"], creds["secret_key"], creds["token"]) == ("ASIAEC2TEST", "secret", "token")


def test_imdsv1_and_metadata_routes(server):
    status, body = request(server.port, "/latest/meta-data/iam/security-credentials/local-credentials")
    document = json.loads(body)
    assert status == 200 and document["Code"] == "Success" and document["Type"] == "AWS-HMAC"
    assert list(document) == sorted(document)
    assert request(server.port, "/latest/meta-data/iam/security-credentials/")[1] == "local-credentials"
    assert request(server.port, "/latest/meta-data/instance-id/")[1] == "aws-vault"
    assert json.loads(request(server.port, "/latest/dynamic/instance-identity/document")[1]) == {"region": "eu-west-1"}


def test_imdsv2_token_rules(server):
    status, token = request(server.port, "/latest/api/token", "PUT", **{"X-aws-ec2-metadata-token-ttl-seconds": "60"})
    assert status == 200 and len(token) > 20
    path = "/latest/meta-data/instance-id/"
    assert request(server.port, path, **{"X-aws-ec2-metadata-token": token})[0] == 200
    assert request(server.port, path, **{"X-aws-ec2-metadata-token": "forged"})[0] == 401
    assert request(server.port, "/latest/api/token", "PUT", **{"X-aws-ec2-metadata-token-ttl-seconds": "0"})[0] == 400
    forwarded = {"X-aws-ec2-metadata-token-ttl-seconds": "60", "X-Forwarded-For": "1.2.3.4"}
    assert request(server.port, "/latest/api/token", "PUT", **forwarded)[0] == 403


def test_foreign_hosts_and_remote_clients_are_refused(server):
    status, body = request(server.port, "/latest/meta-data/instance-id/", host="evil.example")
    assert (status, body) == (401, "Access denied for host 'evil.example'")
    assert server.refuse("10.1.2.3", METADATA_HOST) == (401, "Access denied from non-localhost address")
    assert server.refuse("127.0.0.1", f"127.0.0.1:{server.port}") is None


def test_proxy_forwards_and_stops(server):
    proxy = ForwardingProxy(("127.0.0.1", 0), target_port=server.port)
    serving = threading.Thread(target=proxy.serve, daemon=True)
    serving.start()
    status, body = request(proxy.port, "/latest/meta-data/iam/security-credentials/local-credentials")
    assert status == 200 and json.loads(body)["AccessKeyId"] == "ASIAEC2TEST"
    assert request(proxy.port, "/latest/meta-data/instance-id/", host="evil.example")[0] == 401
    assert request(proxy.port, "/stop")[0] == 200
    serving.join(timeout=5)
    assert not serving.is_alive()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--ec2-server", "--ecs-server"], "Can't use --ec2-server with --ecs-server"),
        (["--ec2-server", "--no-session"], "Can't use --ec2-server with --no-session"),
        (["--ec2-server", "--json"], "Can't use --ec2-server with --json"),
        (["--prompt", "terminal", "--ec2-server"], "Can't use --prompt=terminal with --ec2-server"),
    ],
)
def test_exec_flag_combinations(args, message):
    done = run_cli("exec", *args, "alice", "--", "true")
    assert done.returncode == 2 and message in done.stderr
