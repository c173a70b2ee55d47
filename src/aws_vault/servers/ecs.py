"""The ECS container-credentials server (contract §6): 127.0.0.1 on a random port, a random
token that must arrive verbatim in the Authorization header, `GET /` for the profile's
credentials and `GET /role-arn/<ARN>` for a role assumed from them."""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aws_vault.credentials import Credentials
from aws_vault.errors import AwsVaultError
from aws_vault.servers.cache import RefreshingCredentials
from aws_vault.timefmt import iso8601

log = logging.getLogger(__name__)
ROLE_PREFIX = "/role-arn/"


def credentials_body(creds: Credentials) -> bytes:
    body = {
        "AccessKeyId": creds.access_key_id,
        "SecretAccessKey": creds.secret_access_key,
        "Token": creds.session_token,
    }
    if creds.expiration is not None:
        body["Expiration"] = iso8601(creds.expiration)
    return (json.dumps(body, sort_keys=True) + "\n").encode()


class EcsServer:
    def __init__(
        self, base: RefreshingCredentials, role: Callable[[str], RefreshingCredentials]
    ) -> None:
        self.base = base
        self.token = secrets.token_urlsafe(30)
        self._role = role
        self._roles: dict[str, RefreshingCredentials] = {}
        self._roles_lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}"

    def start(self) -> None:
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def role(self, arn: str) -> RefreshingCredentials:
        with self._roles_lock:
            if arn not in self._roles:
                self._roles[arn] = self._role(arn)
            return self._roles[arn]

    def answer(self, path: str, authorization: str) -> tuple[int, bytes]:
        if not hmac.compare_digest(authorization.encode(), self.token.encode()):
            return 403, b'{"Message":"invalid Authorization token"}\n'
        try:
            if path.startswith(ROLE_PREFIX):
                creds = self.role(path[len(ROLE_PREFIX) :]).get()
            else:
                creds = self.base.get()
        except AwsVaultError as error:
            return 500, (json.dumps({"Message": str(error)}) + "\n").encode()
        return 200, credentials_body(creds)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                status, body = server.answer(self.path, self.headers.get("Authorization", ""))
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, fmt: str, *args: object) -> None:
                log.debug("http: %s: %s", self.client_address[0], fmt % args)

        return Handler
