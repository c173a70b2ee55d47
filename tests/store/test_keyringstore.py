"""KeyringStore's name index, on a real keyrings.alt backend, and loading keyring backends."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from aws_vault.errors import StoreError
from aws_vault.store.base import Item
from aws_vault.store.keyringstore import (
    KEYRING_CLASSES,
    SERVICE,
    KeyringStore,
    load_keyring_backend,
)
from tests.store.conftest import open_plaintext_keyring

SECRET = b'{"SecretAccessKey":"very-secret-value"}'


def index_path(store: KeyringStore) -> Path:
    return store._index_path


def backend_of(store: KeyringStore):
    return store._backend


@pytest.fixture
def keyring_store(keyring_dir: Path) -> KeyringStore:
    return open_plaintext_keyring(keyring_dir)


def test_index_holds_names_only(keyring_store: KeyringStore) -> None:
    keyring_store.set(Item("dev", SECRET, label="aws-vault (dev)"))
    text = index_path(keyring_store).read_text()
    assert json.loads(text) == ["dev"]
    assert b"very-secret-value" not in text.encode()
    assert stat.S_IMODE(index_path(keyring_store).stat().st_mode) == 0o600


def test_values_are_go_records_under_the_aws_vault_service(keyring_store: KeyringStore) -> None:
    keyring_store.set(Item("dev", SECRET, label="aws-vault (dev)"))
    record = json.loads(backend_of(keyring_store).get_password(SERVICE, "dev"))
    assert record["Key"] == "dev" and record["Label"] == "aws-vault (dev)"


def test_raw_data_mode_stores_the_bare_data(keyring_dir: Path) -> None:
    store = open_plaintext_keyring(keyring_dir, raw_data=True)
    store.set(Item("dev", SECRET, label="ignored"))
    assert backend_of(store).get_password(SERVICE, "dev") == SECRET.decode()
    assert store.get("dev") == Item("dev", SECRET)


def test_an_item_removed_behind_its_back_is_not_found(keyring_store: KeyringStore) -> None:
    keyring_store.set(Item("dev", SECRET))
    backend_of(keyring_store).delete_password(SERVICE, "dev")
    assert keyring_store.get("dev") is None
    assert keyring_store.delete("dev") is False
    assert keyring_store.keys() == []


def test_delete_of_an_unindexed_item_still_deletes_it(keyring_store: KeyringStore) -> None:
    record = Item("orphan", b"x").to_record().decode()
    backend_of(keyring_store).set_password(SERVICE, "orphan", record)
    assert keyring_store.delete("orphan") is True
    assert backend_of(keyring_store).get_password(SERVICE, "orphan") is None


@pytest.mark.parametrize("content", ["not json", '{"a": 1}', ""])
def test_a_damaged_index_reads_as_empty(keyring_store: KeyringStore, content: str) -> None:
    index_path(keyring_store).parent.mkdir(parents=True)
    index_path(keyring_store).write_text(content)
    assert keyring_store.keys() == []
    keyring_store.set(Item("dev", SECRET))
    assert keyring_store.keys() == ["dev"]


def test_index_writes_leave_no_temporary_files(keyring_store: KeyringStore) -> None:
    for n in range(3):
        keyring_store.set(Item(f"p{n}", SECRET))
    keyring_store.delete("p1")
    names = [path.name for path in index_path(keyring_store).parent.iterdir()]
    # The index itself and the lock that serialises its updates; no temporary file is left.
    assert sorted(n for n in names if not n.endswith(".lock")) == [index_path(keyring_store).name]


def test_parallel_writers_lose_no_name(keyring_store: KeyringStore) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: keyring_store.set(Item(f"p{n:02d}", SECRET)), range(24)))
    assert keyring_store.keys() == [f"p{n:02d}" for n in range(24)]


@pytest.mark.parametrize("name", sorted(KEYRING_CLASSES))
def test_platform_backends_not_on_this_machine_are_store_errors(name: str) -> None:
    # keyring raises RuntimeError from `priority` on the wrong platform; that must not escape.
    with pytest.raises(StoreError, match="not usable"):
        load_keyring_backend(KEYRING_CLASSES[name])


@pytest.mark.parametrize(
    "class_path", ["keyring.backends.nonexistent.Keyring", "keyring.backends.fail.NoSuchClass"]
)
def test_unloadable_backend_is_a_store_error(class_path: str) -> None:
    with pytest.raises(StoreError, match="cannot be loaded"):
        load_keyring_backend(class_path)


def test_a_usable_backend_loads() -> None:
    backend = load_keyring_backend("keyrings.alt.file.PlaintextKeyring")
    assert type(backend).__name__ == "PlaintextKeyring"
