"""Throwaway real backends for the store tests: a GPG key for `pass`, and a private D-Bus session
bus with gnome-keyring for the Secret Service. Everything lives in temporary directories and every
process started here is stopped by its own handle."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

T = TypeVar("T")

KEYRING_PASSWORD = "keyring-test-password"
STARTUP_TIMEOUT = 10.0

_GPG_KEY_PARAMETERS = """\
%no-protection
Key-Type: eddsa
Key-Curve: ed25519
Subkey-Type: ecdh
Subkey-Curve: cv25519
Name-Real: aws-vault test
Name-Email: test@example.invalid
Expire-Date: 0
%commit
"""


def require_programs(*programs: str) -> None:
    """Skip only when a program is truly absent."""
    missing = [program for program in programs if shutil.which(program) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)}")


def base_env(home: Path) -> dict[str, str]:
    """A minimal environment for helper processes: nothing inherited but PATH."""
    return {
        "PATH": os.environ.get("PATH", os.defpath),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }


def run(args: list[str], env: dict[str, str], stdin: str | None = None) -> str:
    done = subprocess.run(
        args, env=env, input=stdin, capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


class GpgHome:
    """A GNUPGHOME holding one passphrase-less key, and the gpg-agent it spawns."""

    def __init__(self, root: Path) -> None:
        self.home = root / "gnupg"
        self.home.mkdir(mode=0o700)
        self.env = {**base_env(root), "GNUPGHOME": str(self.home)}
        self.fingerprint = ""

    def generate_key(self) -> None:
        run(["gpg", "--batch", "--gen-key"], self.env, stdin=_GPG_KEY_PARAMETERS)
        listing = run(["gpg", "--batch", "--with-colons", "--list-secret-keys"], self.env)
        self.fingerprint = next(
            line.split(":")[9] for line in listing.splitlines() if line.startswith("fpr:")
        )

    def init_password_store(self, directory: Path) -> dict[str, str]:
        """`pass init` a new store; returns the environment `pass` needs for it."""
        env = {**self.env, "PASSWORD_STORE_DIR": str(directory)}
        run(["pass", "init", self.fingerprint], env)
        return env

    def stop(self) -> None:
        subprocess.run(
            ["gpgconf", "--kill", "gpg-agent"], env=self.env, capture_output=True, timeout=30,
            check=False,
        )  # fmt: skip


class KeyringBus:
    """dbus-daemon (session bus) plus gnome-keyring-daemon with an unlocked "login" collection."""

    def __init__(self, root: Path) -> None:
        root.mkdir(parents=True, exist_ok=True)
        runtime = root / "runtime"
        runtime.mkdir(mode=0o700)
        home = root / "home"
        home.mkdir()
        self.env = {**base_env(home), "XDG_RUNTIME_DIR": str(runtime)}
        self._processes: list[subprocess.Popen[Any]] = []
        try:
            self.address = self._start_bus(root / "bus")
            self.env["DBUS_SESSION_BUS_ADDRESS"] = self.address
            self._start_keyring()
        except BaseException:
            self.stop()
            raise

    def _start_bus(self, socket: Path) -> str:
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1",
             f"--address=unix:path={socket}"],
            env=self.env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        self._processes.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        if not address:
            raise AssertionError(f"dbus-daemon did not start (exit code {bus.poll()})")
        return address

    def _start_keyring(self) -> None:
        keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            env=self.env, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        self._processes.append(keyring)
        assert keyring.stdin is not None
        keyring.stdin.write(KEYRING_PASSWORD.encode())
        keyring.stdin.close()
        self._wait_for_service()

    def _wait_for_service(self) -> None:
        # Asking NameHasOwner does not D-Bus-activate a second, locked gnome-keyring.
        from jeepney import DBus
        from jeepney.io.blocking import open_dbus_connection

        deadline = time.monotonic() + STARTUP_TIMEOUT
        with open_dbus_connection(self.address) as connection:
            proxy = DBus()
            while time.monotonic() < deadline:
                reply = connection.send_and_get_reply(
                    proxy.NameHasOwner("org.freedesktop.secrets"), timeout=5
                )
                if reply.body[0]:
                    return
                time.sleep(0.01)
        raise AssertionError("gnome-keyring-daemon did not register org.freedesktop.secrets")

    def stop(self) -> None:
        for process in reversed(self._processes):  # the keyring first, then its bus
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()
        self._processes.clear()


def call_with_timeout(function: Callable[[], T], seconds: float = 15.0) -> T:
    """Run `function`, failing the test (rather than hanging it) if it does not return in time."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = function()
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"the call did not return within {seconds} s (hung on a prompt?)")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
