"""The pass backend on a real `pass` and GPG: layout on disk, prefixes, items written by `pass`
itself, and failures of the pass program."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from aws_vault.errors import StoreError
from aws_vault.store.base import Item
from aws_vault.store.passstore import PassStore
from tests.store.conftest import open_pass

SECRET = b"very-secret-value"


def store_dir(env: dict[str, str]) -> Path:
    return Path(env["PASSWORD_STORE_DIR"])


def gpg_files(env: dict[str, str]) -> list[str]:
    root = store_dir(env)
    return sorted(str(path.relative_to(root)) for path in root.rglob("*.gpg"))


def pass_insert(env: dict[str, str], name: str, content: bytes) -> None:
    subprocess.run(
        ["pass", "insert", "-m", "-f", name], input=content, env=env, capture_output=True,
        timeout=60, check=True,
    )  # fmt: skip


def test_items_are_gpg_files_named_by_the_escaped_key(pass_env: dict[str, str]) -> None:
    open_pass(pass_env).set(Item("oidc:https://x/start", SECRET))
    assert gpg_files(pass_env) == ["oidc:https:%2F%2Fx%2Fstart.gpg"]
    encrypted = (store_dir(pass_env) / gpg_files(pass_env)[0]).read_bytes()
    assert SECRET not in encrypted and b"oidc" not in encrypted


def test_prefix_puts_items_in_a_folder_and_scopes_keys(pass_env: dict[str, str]) -> None:
    open_pass(pass_env).set(Item("outside", SECRET))
    prefixed = open_pass(pass_env, prefix="/aws-vault/")
    prefixed.set(Item("dev", SECRET))
    assert "aws-vault/dev.gpg" in gpg_files(pass_env)
    assert prefixed.keys() == ["dev"]
    assert prefixed.get("outside") is None
    assert sorted(open_pass(pass_env).keys()) == ["aws-vault/dev", "outside"]


def test_an_item_inserted_by_pass_itself_is_read(pass_env: dict[str, str]) -> None:
    record = json.dumps({"Key": "dev", "Data": "c2VjcmV0", "Label": "L", "Description": "D"})
    pass_insert(pass_env, "dev", record.encode())
    assert open_pass(pass_env).get("dev") == Item("dev", b"secret", "L", "D")


def test_a_non_record_entry_is_a_store_error(pass_env: dict[str, str]) -> None:
    pass_insert(pass_env, "website", b"hunter2\nuser: me\n")
    with pytest.raises(StoreError, match="not a valid aws-vault record"):
        open_pass(pass_env).get("website")


def test_a_failing_pass_is_a_store_error_with_its_reason(pass_env: dict[str, str]) -> None:
    (store_dir(pass_env) / "dev.gpg").write_bytes(b"this is not OpenPGP data")
    with pytest.raises(StoreError, match="pass show failed"):
        open_pass(pass_env).get("dev")


def test_the_store_directory_is_given_to_pass(pass_env: dict[str, str]) -> None:
    # Even when the caller's environment points elsewhere.
    env = {**pass_env, "PASSWORD_STORE_DIR": "/nonexistent/elsewhere"}
    store = PassStore(store_dir(pass_env), "pass", "", env)
    store.set(Item("dev", SECRET))
    assert gpg_files(pass_env) == ["dev.gpg"]


def test_missing_program_is_a_store_error(tmp_path: Path) -> None:
    store = PassStore(tmp_path, "no-such-pass-program", "", {"PATH": "/usr/bin:/bin"})
    with pytest.raises(StoreError, match="'no-such-pass-program' is not available"):
        store.check_available()
    with pytest.raises(StoreError, match="'no-such-pass-program' is not available"):
        store.set(Item("dev", SECRET))


def test_uninitialised_store_is_reported_with_a_hint(tmp_path: Path) -> None:
    store = PassStore(tmp_path / "store", "pass", "", {"PATH": "/usr/bin:/bin"})
    with pytest.raises(StoreError, match="not initialised") as raised:
        store.check_available()
    assert "pass init" in (raised.value.hint or "")


def test_initialised_store_is_available(pass_env: dict[str, str]) -> None:
    open_pass(pass_env).check_available()  # does not raise
    assert (store_dir(pass_env) / ".gpg-id").is_file()
