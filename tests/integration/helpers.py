"""Shared helpers for the CLI tests: direct access to the file store the CLI writes (to set up
and inspect items), and a pseudo-terminal runner for the interactive prompts."""

from __future__ import annotations

import base64
import json
import os
import time
from pathlib import Path

import pexpect

from aws_vault.store.base import Item
from aws_vault.store.file import FileStore
from tests.conftest import EXECUTABLE, FILE_PASSPHRASE

ERROR_PREFIX = "aws-vault: error: "


def store_dir() -> Path:
    return Path(os.environ["AWS_VAULT_FILE_DIR"])


def file_store(passphrase: str = FILE_PASSPHRASE, directory: Path | None = None) -> FileStore:
    return FileStore(directory or store_dir(), lambda _directory: passphrase)


def b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode("ascii")


def session_key(profile: str, expiry: int, kind: str = "sts.GetSessionToken", mfa: str = "") -> str:
    return f"{kind},{b64(profile)},{b64(mfa)},{expiry}"


def put_session(profile: str, seconds_left: int, kind: str = "sts.GetSessionToken") -> str:
    """A cached session item as aws-vault writes it; returns its key."""
    expiry = int(time.time()) + seconds_left
    key = session_key(profile, expiry, kind)
    value = {
        "AccessKeyId": "ASIASESSION0000" + profile[:4].upper(),
        "Expiration": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(expiry)),
        "SecretAccessKey": "session-secret-" + profile,
        "SessionToken": "session-token-" + profile,
    }
    file_store().set(
        Item(
            key,
            json.dumps(value).encode(),
            f"aws-vault session for {profile}",
            "aws-vault session",
        )
    )
    return key


def put_credentials(profile: str, key_id: str = "AKIAEXAMPLE0001", secret: str = "s3cr3t") -> None:
    value = {
        "AccessKeyID": key_id,
        "SecretAccessKey": secret,
        "SessionToken": "",
        "Source": "",
        "CanExpire": False,
        "Expires": "0001-01-01T00:00:00Z",
    }
    file_store().set(Item(profile, json.dumps(value).encode(), f"aws-vault ({profile})"))


def put_oidc_token(start_url: str, seconds_left: int = 3600) -> str:
    key = f"oidc:{start_url}"
    expiry = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + seconds_left))
    value = {
        "Token": {
            "AccessToken": "oidc-access-token",
            "ExpiresIn": seconds_left,
            "TokenType": "Bearer",
        },
        "Expiration": expiry,
    }
    file_store().set(Item(key, json.dumps(value).encode(), "aws-vault oidc token"))
    return key


def stored_keys() -> list[str]:
    return sorted(file_store().keys())


def stored_json(key: str, passphrase: str = FILE_PASSPHRASE) -> dict[str, object]:
    item = file_store(passphrase).get(key)
    assert item is not None, f"no item {key!r} in the store"
    return {name.lower(): value for name, value in json.loads(item.data).items()}


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under a directory, by relative path, with its bytes."""
    if not directory.exists():
        return {}
    return {
        str(path.relative_to(directory)): path.read_bytes()
        for path in sorted(directory.rglob("*"))
        if path.is_file()
    }


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(ERROR_PREFIX)]


def assert_one_error(stderr: str, *fragments: str) -> str:
    """stderr holds exactly one error line (an optional `hint:` line aside) and no traceback."""
    assert "Traceback" not in stderr, stderr
    errors = error_lines(stderr)
    assert len(errors) == 1, stderr
    others = [
        line
        for line in stderr.splitlines()
        if line.strip() and not line.startswith((ERROR_PREFIX, "hint: "))
    ]
    assert others == [], stderr
    for fragment in fragments:
        assert fragment in errors[0], stderr
    return errors[0]


def spawn(*args: str, env: dict[str, str] | None = None) -> pexpect.spawn:
    """The real executable on a pseudo-terminal (its controlling terminal)."""
    return pexpect.spawn(
        EXECUTABLE,
        list(args),
        env={**os.environ, **(env or {})},
        encoding="utf-8",
        timeout=30,
        echo=True,
    )


def finish(child: pexpect.spawn) -> tuple[int, str]:
    """Wait for the end; (exit status, everything written to the terminal after the last match)."""
    child.expect(pexpect.EOF)
    rest = child.before
    child.close()
    assert child.exitstatus is not None, f"killed by signal {child.signalstatus}"
    return child.exitstatus, rest
