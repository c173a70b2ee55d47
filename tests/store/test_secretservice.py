"""The secret-service backend on a real gnome-keyring: the Go aws-vault's item layout, and clean
errors (never a hang or a traceback) for missing or locked collections and absent buses."""

from __future__ import annotations

import json
from contextlib import closing
from pathlib import Path

import pytest

from aws_vault.errors import StoreError
from aws_vault.store.base import Item
from aws_vault.store.secretservice import SecretServiceStore
from tests.store.backends import KeyringBus, call_with_timeout
from tests.store.conftest import COLLECTION


def login_items() -> list[dict]:
    """Every item of the login collection, as the Secret Service itself reports it."""
    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        collection = next(
            found for found in secretstorage.get_all_collections(connection)
            if found.get_label().lower() == COLLECTION
        )  # fmt: skip
        return [
            {
                "label": item.get_label(),
                "attributes": item.get_attributes(),
                "secret": item.get_secret(),
            }
            for item in collection.get_all_items()
        ]


def test_items_are_stored_as_the_go_aws_vault_stores_them(session_bus: KeyringBus) -> None:
    SecretServiceStore(COLLECTION).set(Item("dev", b"secret", label="aws-vault (dev)"))
    [stored] = login_items()
    assert stored["label"] == "dev"
    assert stored["attributes"].get("profile") == "dev"
    # (gnome-keyring does not keep the content type it is given, so it is not checked here.)
    record = json.loads(stored["secret"])
    assert record["Key"] == "dev" and record["Label"] == "aws-vault (dev)"


def test_an_item_written_by_another_client_is_read(session_bus: KeyringBus) -> None:
    import secretstorage

    record = Item("shared", b"from elsewhere", label="L").to_record()
    with closing(secretstorage.dbus_init()) as connection:
        collection = next(
            found for found in secretstorage.get_all_collections(connection)
            if found.get_label().lower() == COLLECTION
        )  # fmt: skip
        collection.create_item("shared", {"profile": "shared"}, record)
    store = SecretServiceStore(COLLECTION)
    assert store.keys() == ["shared"]
    assert store.get("shared").data == b"from elsewhere"


def test_items_without_a_profile_attribute_are_not_keys(session_bus: KeyringBus) -> None:
    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        collection = next(
            found for found in secretstorage.get_all_collections(connection)
            if found.get_label().lower() == COLLECTION
        )  # fmt: skip
        collection.create_item("wifi password", {"service": "wifi"}, b"hunter2")
    assert SecretServiceStore(COLLECTION).keys() == []


def test_collection_is_found_by_label_case_insensitively(session_bus: KeyringBus) -> None:
    SecretServiceStore("LOGIN").set(Item("dev", b"x"))
    assert SecretServiceStore("Login").get("dev").data == b"x"


@pytest.mark.parametrize("operation", ["keys", "get", "set", "delete"])
def test_missing_collection_is_a_clear_store_error(
    session_bus: KeyringBus, operation: str
) -> None:
    store = SecretServiceStore("awsvault")
    calls = {
        "keys": store.keys,
        "get": lambda: store.get("dev"),
        "set": lambda: store.set(Item("dev", b"x")),
        "delete": lambda: store.delete("dev"),
    }
    with pytest.raises(StoreError) as raised:
        call_with_timeout(calls[operation])
    assert "cannot create the Secret Service collection 'awsvault'" in str(raised.value)
    assert "--secret-service-collection" in (raised.value.hint or "")
    assert login_items() == []


def test_locked_collection_is_a_store_error(private_bus: KeyringBus) -> None:
    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        for collection in secretstorage.get_all_collections(connection):
            collection.lock()
    with pytest.raises(StoreError, match="locked"):
        call_with_timeout(SecretServiceStore(COLLECTION).keys)


def test_collection_locked_after_opening_is_a_store_error(private_bus: KeyringBus) -> None:
    import secretstorage

    store = SecretServiceStore(COLLECTION)
    store.set(Item("dev", b"x"))
    with closing(secretstorage.dbus_init()) as connection:
        for collection in secretstorage.get_all_collections(connection):
            collection.lock()
    with pytest.raises(StoreError, match="locked"):
        call_with_timeout(lambda: store.get("dev"))


def test_no_bus_address_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not available"):
        SecretServiceStore(COLLECTION).keys()


def test_stale_bus_address_is_a_store_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'gone'}")
    with pytest.raises(StoreError, match="not available"):
        call_with_timeout(SecretServiceStore(COLLECTION).keys)


def test_a_bus_that_went_away_is_a_store_error(private_bus: KeyringBus) -> None:
    store = SecretServiceStore(COLLECTION)
    store.set(Item("dev", b"x"))
    private_bus.stop()
    with pytest.raises(StoreError):
        call_with_timeout(lambda: store.get("dev"))
