"""`aws-vault proxy`: answer on 169.254.169.254:80 (a loopback alias) and pass every request to
the EC2 credential server on 127.0.0.1:9099. It needs root for the alias and the port."""

from __future__ import annotations

import ipaddress
import signal
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aws_vault.errors import AwsVaultError
from aws_vault.servers.ec2 import DEFAULT_PORT, METADATA_IP

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length"}


def _alias_commands(remove: bool) -> list[str]:
    if sys.platform == "darwin":
        return ["ifconfig", "lo0", "-alias" if remove else "alias", METADATA_IP]
    return ["ip", "addr", "del" if remove else "add", f"{METADATA_IP}/24", "dev", "lo", "label", "lo:0"]


def set_alias(remove: bool = False) -> None:
    done = subprocess.run(_alias_commands(remove), capture_output=True, text=True, check=False)
    if done.returncode != 0 and not remove and "exists" not in done.stderr.lower():
        raise AwsVaultError(f"cannot add the {METADATA_IP} loopback alias: {done.stderr.strip()}")


def client_allowed(address: str) -> bool:
    """Local processes reach the alias from loopback or from the alias address itself."""
    client = ipaddress.ip_address(address)
    return client.is_loopback or str(client) == METADATA_IP


class ForwardingProxy:
    def __init__(self, listen: tuple[str, int], target_port: int = DEFAULT_PORT) -> None:
        self.target = f"http://127.0.0.1:{target_port}"
        self.stopped = threading.Event()
        self._httpd = ThreadingHTTPServer(listen, self._handler())
        self._httpd.daemon_threads = True

    @property
    def port(self) -> int:
        return int(self._httpd.server_port)

    def serve(self) -> None:
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        self.stopped.wait()
        self._httpd.shutdown()
        self._httpd.server_close()

    def forward(self, method: str, path: str, headers: dict[str, str], body: bytes):  # type: ignore[no-untyped-def]
        request = urllib.request.Request(self.target + path, data=body or None, method=method)
        for name, value in headers.items():
            if name.lower() not in _HOP_BY_HOP:
                request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()
        except (urllib.error.URLError, OSError):
            return 502, {}, b"the aws-vault EC2 credential server is not running"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _relay(self) -> None:
                # The metadata address lives on lo, which other hosts can reach unless refused.
                if not client_allowed(self.client_address[0]):
                    self._send(401, {}, b"Access denied from non-localhost address")
                    return
                if self.path == "/stop" and self.command == "GET":
                    if self.headers.get("Host", "") not in (METADATA_IP, f"{METADATA_IP}:80"):
                        self._send(401, {}, b"Access denied for host")
                        return
                    self._send(200, {}, b"stopping\n")
                    proxy.stopped.set()
                    return
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                self._send(*proxy.forward(self.command, self.path, dict(self.headers), body))

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    if name.lower() not in _HOP_BY_HOP:
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_PUT = _relay  # noqa: N815 - the http.server API

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def run_proxy() -> None:
    """Add the alias, serve until `GET /stop` or a signal, then remove the alias."""
    set_alias()
    try:
        proxy = ForwardingProxy((METADATA_IP, 80))
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: proxy.stopped.set())
        proxy.serve()
    finally:
        set_alias(remove=True)


def stop_proxy() -> None:
    try:
        urllib.request.urlopen(f"http://{METADATA_IP}:80/stop", timeout=2).close()  # noqa: S310
    except (urllib.error.URLError, OSError) as error:
        raise AwsVaultError(f"no proxy answered on {METADATA_IP}:80: {error}") from None


def proxy_running() -> bool:
    import socket

    try:
        socket.create_connection((METADATA_IP, 80), timeout=0.05).close()
    except OSError:
        return False
    return True
