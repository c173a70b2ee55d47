"""Every test runs in its own HOME with no ambient AWS settings and no way to reach the real
user's keyring or ~/.aws."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ["tests.fixtures.sts", "tests.fixtures.sso"]

EXECUTABLE = str(Path(sys.executable).parent / "aws-vault")
FILE_PASSPHRASE = "test-passphrase"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    for name in list(os.environ):
        if name.startswith(("AWS_", "PASSWORD_STORE_", "YKMAN_")) or name in (
            "GNUPGHOME", "DBUS_SESSION_BUS_ADDRESS",
        ):  # fmt: skip
            monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / f".{name.lower()}"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(home / ".aws" / "config"))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(home / ".aws" / "credentials"))
    monkeypatch.setenv("AWS_VAULT_BACKEND", "file")
    monkeypatch.setenv("AWS_VAULT_FILE_DIR", str(home / ".awsvault" / "keys"))
    monkeypatch.setenv("AWS_VAULT_FILE_PASSPHRASE", FILE_PASSPHRASE)
    # Tripwire: nothing may reach a real keyring through the keyring library's detection.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    return home


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Result:
    """The real executable in a new session, so it has no controlling terminal."""
    done = subprocess.run(
        [EXECUTABLE, *args],
        env={**os.environ, **(env or {})},
        input=input,
        capture_output=True,
        text=True,
        start_new_session=True,
        timeout=120,
        check=False,
    )
    return Result(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def config_file(isolated_env: Path) -> Path:
    path = isolated_env / ".aws" / "config"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path
