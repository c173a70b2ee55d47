"""The `file` backend beyond the contract: modes, file names, `~`, atomic writes, passphrases."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest

from aws_vault.errors import StoreError
from aws_vault.store import file as file_module
from aws_vault.store import jwe
from aws_vault.store.base import Item
from aws_vault.store.file import FileStore, escape_filename, expand_dir, unescape_filename
from tests.store.conftest import FILE_PASSPHRASE

WRONG_PASSPHRASE = "definitely-not-the-passphrase"


def store_with(directory: Path, passphrase: str) -> FileStore:
    return FileStore(directory, lambda _directory: passphrase)


def snapshot(directory: Path) -> dict[str, tuple[int, bytes]]:
    """Every entry's mode and content: enough to prove that nothing on disk changed."""
    return {
        path.name: (path.stat().st_mode, path.read_bytes())
        for path in sorted(directory.iterdir())
    }


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def filled(file_dir: Path) -> FileStore:
    store = store_with(file_dir, FILE_PASSPHRASE)
    store.set(Item("dev", b"dev secret"))
    store.set(Item("prod", b"prod secret"))
    return store


# --- permissions ----------------------------------------------------------------------------


def test_directory_is_0700_and_files_0600(file_dir: Path, umask_zero: None) -> None:
    store_with(file_dir, FILE_PASSPHRASE).set(Item("dev", b"secret"))
    assert mode_of(file_dir) == 0o700
    assert mode_of(file_dir / "dev") == 0o600


def test_overwrite_keeps_mode_0600(filled: FileStore, umask_zero: None) -> None:
    filled.set(Item("dev", b"rotated"))
    assert mode_of(filled.directory / "dev") == 0o600


# --- file names ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "filename"),
    [
        ("abc/.././123", "abc%2F..%2F.%2F123"),
        ("oidc:https://x/start", "oidc:https:%2F%2Fx%2Fstart"),
        ("50%/off", "50%25%2Foff"),
        ("plain name (123)", "plain name (123)"),
    ],
)
def test_filename_escaping(key: str, filename: str) -> None:
    assert escape_filename(key) == filename
    assert unescape_filename(filename) == key


def test_escaped_file_is_what_lands_on_disk(file_dir: Path) -> None:
    store_with(file_dir, FILE_PASSPHRASE).set(Item("abc/.././123", b"x"))
    assert os.listdir(file_dir) == ["abc%2F..%2F.%2F123"]
    assert not (file_dir.parent / "123").exists()


def test_a_file_named_with_lowercase_escapes_is_found(file_dir: Path) -> None:
    store = store_with(file_dir, FILE_PASSPHRASE)
    store.set(Item("a/b", b"x"))
    (file_dir / "a%2Fb").rename(file_dir / "a%2fb")
    assert store.keys() == ["a/b"]


# --- the directory and ~ --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("configured", "expected"),
    [
        ("~/x", "/home/me/x"),
        ("~/.awsvault/keys/", "/home/me/.awsvault/keys"),
        ("~", "/home/me"),
        ("~other/x", "~other/x"),
        ("x~", "x~"),
        ("/abs/~/x", "/abs/~/x"),
    ],
)
def test_expand_dir(configured: str, expected: str) -> None:
    assert expand_dir(configured, "/home/me") == Path(expected)


def test_keys_of_a_missing_directory_is_empty_and_creates_nothing(file_dir: Path) -> None:
    assert store_with(file_dir, FILE_PASSPHRASE).keys() == []
    assert not file_dir.exists()


def test_missing_parent_directories_are_created(tmp_path: Path) -> None:
    directory = tmp_path / "a" / "b" / "keys"
    store_with(directory, FILE_PASSPHRASE).set(Item("dev", b"x"))
    assert (directory / "dev").is_file()


def test_a_file_in_place_of_the_directory_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "keys"
    blocker.write_text("not a directory")
    store = store_with(blocker, FILE_PASSPHRASE)
    with pytest.raises(StoreError):
        store.keys()
    with pytest.raises(StoreError):
        store.set(Item("dev", b"x"))


# --- atomic writes --------------------------------------------------------------------------


def fail(*_args: object, **_kwargs: object) -> None:
    raise OSError(28, "No space left on device")


def test_writes_leave_no_temporary_files(file_dir: Path) -> None:
    store = store_with(file_dir, FILE_PASSPHRASE)
    for n in range(5):
        store.set(Item("dev", f"version {n}".encode()))
    assert os.listdir(file_dir) == ["dev"]


@pytest.mark.parametrize("step", ["fsync", "replace", "chmod"])
def test_a_failed_write_leaves_the_old_file_intact(
    filled: FileStore, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    before = snapshot(filled.directory)
    monkeypatch.setattr(file_module.os, step, fail)
    with pytest.raises(StoreError, match="No space left on device"):
        filled.set(Item("dev", b"new secret"))
    monkeypatch.undo()
    assert snapshot(filled.directory) == before
    assert filled.get("dev").data == b"dev secret"


def test_failing_to_create_the_temporary_file_is_a_store_error(
    filled: FileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(filled.directory)
    monkeypatch.setattr(tempfile, "mkstemp", fail)
    with pytest.raises(StoreError, match="cannot write"):
        filled.set(Item("dev", b"new secret"))
    assert snapshot(filled.directory) == before


def test_an_interrupted_write_leaves_no_temporary_file(
    filled: FileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(filled.directory)

    def interrupt(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(file_module.os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        filled.set(Item("dev", b"new secret"))
    assert snapshot(filled.directory) == before


def test_a_leftover_temporary_file_is_not_a_key(filled: FileStore) -> None:
    (filled.directory / ".tmp-abandoned").write_text("half a token")
    assert filled.keys() == ["dev", "prod"]


# --- passphrases ----------------------------------------------------------------------------


def test_wrong_passphrase_on_get_is_a_clear_store_error(filled: FileStore) -> None:
    before = snapshot(filled.directory)
    with pytest.raises(StoreError) as raised:
        store_with(filled.directory, WRONG_PASSPHRASE).get("dev")
    message = f"{raised.value} {raised.value.hint}"
    assert "dev" in message and "AWS_VAULT_FILE_PASSPHRASE" in message
    assert WRONG_PASSPHRASE not in message and FILE_PASSPHRASE not in message
    assert snapshot(filled.directory) == before


@pytest.mark.parametrize("key", ["dev", "new-profile"])
def test_set_with_a_wrong_passphrase_refuses_and_changes_nothing(
    filled: FileStore, key: str
) -> None:
    before = snapshot(filled.directory)
    with pytest.raises(StoreError) as raised:
        store_with(filled.directory, WRONG_PASSPHRASE).set(Item(key, b"intruder"))
    assert WRONG_PASSPHRASE not in str(raised.value)
    assert snapshot(filled.directory) == before
    assert filled.get("dev").data == b"dev secret"


def test_keys_and_delete_need_no_passphrase(filled: FileStore) -> None:
    def no_prompt(_directory: str) -> str:
        raise AssertionError("the passphrase was asked for")

    store = FileStore(filled.directory, no_prompt)
    assert store.keys() == ["dev", "prod"]
    assert store.delete("dev") is True


def test_the_passphrase_is_asked_for_once(file_dir: Path) -> None:
    asked: list[str] = []

    def source(directory: str) -> str:
        asked.append(directory)
        return FILE_PASSPHRASE

    store = FileStore(file_dir, source)
    store.set(Item("dev", b"x"))
    store.set(Item("prod", b"y"))
    store.get("dev")
    assert asked == [str(file_dir)]


def test_after_a_wrong_passphrase_the_next_attempt_asks_again(filled: FileStore) -> None:
    answers = iter([WRONG_PASSPHRASE, FILE_PASSPHRASE])
    store = FileStore(filled.directory, lambda _directory: next(answers))
    with pytest.raises(StoreError):
        store.get("dev")
    assert store.get("dev").data == b"dev secret"


def test_the_first_item_into_an_empty_directory_sets_the_passphrase(file_dir: Path) -> None:
    store_with(file_dir, "first passphrase").set(Item("dev", b"x"))
    assert store_with(file_dir, "first passphrase").get("dev").data == b"x"
    with pytest.raises(StoreError):
        store_with(file_dir, FILE_PASSPHRASE).get("dev")


# --- damaged files --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"not a token", b"a.b.c.d.e", "caf\u00e9".encode(), b""],
    ids=["garbage", "five-dots", "non-ascii", "empty"],
)
def test_a_damaged_file_is_a_store_error(filled: FileStore, content: bytes) -> None:
    (filled.directory / "dev").write_bytes(content)
    with pytest.raises(StoreError, match="dev"):
        filled.get("dev")


def test_a_tampered_ciphertext_is_a_store_error(filled: FileStore) -> None:
    path = filled.directory / "dev"
    parts = path.read_text().split(".")
    ciphertext = bytearray(jwe._b64decode(parts[3]))
    ciphertext[0] ^= 0x01
    parts[3] = jwe._b64encode(bytes(ciphertext))
    path.write_text(".".join(parts))
    with pytest.raises(StoreError, match="cannot decrypt"):
        filled.get("dev")
    assert filled.get("prod").data == b"prod secret"
