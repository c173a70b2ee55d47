"""EC2 instance-metadata emulation for `exec --ec2-server` (reference §5.2, contract §6).

It listens on 127.0.0.1:9099, behind `aws-vault proxy` on 169.254.169.254:80. Only loopback
clients are served, and only for the metadata address or our own loopback address as Host,
which blocks DNS-rebinding attacks from web pages. IMDSv2's token flow is supported as well
as IMDSv1.
"""

from __future__ import annotations

import ipaddress
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aws_vault.errors import AwsVaultError
from aws_vault.log import get_logger
from aws_vault.servers.cache import RefreshingCredentials
from aws_vault.timefmt import iso8601

log = get_logger(__name__)

METADATA_IP = "169.254.169.254"
DEFAULT_PORT = 9099
ROLE_NAME = "local-credentials"
CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/"
MAX_TOKEN_TTL = 21600


class Ec2Server:
    def __init__(self, base: RefreshingCredentials, region: str, port: int = DEFAULT_PORT) -> None:
        self.base = base
        self.region = region
        self._tokens: dict[str, float] = {}
        self._lock = threading.Lock()
        try:
            self._httpd = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        except OSError as error:
            raise AwsVaultError(
                f"cannot listen on 127.0.0.1:{port}: {error.strerror}",
                hint="is another 'aws-vault exec --ec2-server' running?",
            ) from None
        self._httpd.daemon_threads = True

    @property
    def port(self) -> int:
        return int(self._httpd.server_port)

    def start(self) -> None:
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def allowed_hosts(self) -> set[str]:
        return {METADATA_IP, f"{METADATA_IP}:80", f"127.0.0.1:{self.port}", f"localhost:{self.port}"}

    def refuse(self, client: str, host: str) -> tuple[int, str] | None:
        if not ipaddress.ip_address(client).is_loopback:
            return 401, "Access denied from non-localhost address"
        if host not in self.allowed_hosts():
            return 401, f"Access denied for host '{host}'"
        return None

    def new_token(self, ttl_header: str | None, forwarded: bool) -> tuple[int, str]:
        if forwarded:  # as IMDS does: a token PUT that went through a proxy is refused
            return 403, "Forbidden"
        try:
            ttl = int(ttl_header or "")
        except ValueError:
            return 400, "Bad Request"
        if not 1 <= ttl <= MAX_TOKEN_TTL:
            return 400, "Bad Request"
        token = secrets.token_urlsafe(32)
        with self._lock:
            self._tokens[token] = time.time() + ttl
        return 200, token

    def token_ok(self, token: str | None) -> bool:
        if token is None:
            return True  # IMDSv1
        with self._lock:
            return self._tokens.get(token, 0) > time.time()

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        if path == CREDENTIALS_PATH + ROLE_NAME:
            return self._credentials()
        if path.startswith(CREDENTIALS_PATH):
            return 200, ROLE_NAME, {}
        if path == "/latest/meta-data/instance-id":
            return 301, "", {"Location": path + "/"}
        if path == "/latest/meta-data/instance-id/":
            return 200, "aws-vault", {}
        if path == "/latest/meta-data/iam/info/":
            return 200, '{"Code" : "Success"}', {}
        if path == "/latest/dynamic/instance-identity/document":
            return 200, json.dumps({"region": self.region}), {}
        return 404, "Not Found", {}

    def _credentials(self) -> tuple[int, str, dict[str, str]]:
        try:
            creds = self.base.get()
        except AwsVaultError as error:
            return 504, str(error), {}
        body = {
            "AccessKeyId": creds.access_key_id,
            "Code": "Success",
            "Expiration": iso8601(creds.expiration) if creds.expiration else "",
            "LastUpdated": iso8601_now(),
            "SecretAccessKey": creds.secret_access_key,
            "Token": creds.session_token,
            "Type": "AWS-HMAC",
        }
        return 200, json.dumps(body, sort_keys=True) + "\n", {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _reply(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
                data = body.encode()
                self.send_response(status)
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _refused(self) -> bool:
                refusal = server.refuse(self.client_address[0], self.headers.get("Host", ""))
                if refusal:
                    self._reply(*refusal)
                return refusal is not None

            def do_PUT(self) -> None:  # noqa: N802 - the http.server API
                if self._refused():
                    return
                if self.path != "/latest/api/token":
                    self._reply(404, "Not Found")
                    return
                ttl = self.headers.get("X-aws-ec2-metadata-token-ttl-seconds")
                self._reply(*server.new_token(ttl, "X-Forwarded-For" in self.headers))

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                if self._refused():
                    return
                if not server.token_ok(self.headers.get("X-aws-ec2-metadata-token")):
                    self._reply(401, "Unauthorized")
                    return
                self._reply(*server.get(self.path.split("?", 1)[0]))

            def log_message(self, fmt: str, *args: object) -> None:
                log.debug("http: %s: %s", self.client_address[0], fmt % args)

        return Handler


def iso8601_now() -> str:
    from datetime import datetime, timezone

    return iso8601(datetime.now(timezone.utc))
