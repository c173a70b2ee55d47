"""The SecretStore contract, run against every backend (see `store_factory` in conftest.py)."""

from __future__ import annotations

import pytest

from aws_vault.store.base import Item, SecretStore
from tests.store.conftest import StoreFactory, open_backend

AWKWARD_KEYS = (
    "oidc:https://x.awsapps.com/start#/",
    "abc/.././123",
    "-starts-with-a-dash",
    "name with spaces (123)",
    "percent%2Fliteral",
    "ünïcödé",
)

AWKWARD_DATA = "naïve €uro\nsecond line\r\n\ttab".encode() + b"\x00\xff\xfe binary"


def sample_item(key: str = "profile-one", data: bytes = b'{"AccessKeyID":"AKIAEXAMPLE"}') -> Item:
    return Item(key, data, label=f"aws-vault ({key})", description="aws-vault credentials")


def assert_same_item(found: Item | None, expected: Item) -> None:
    assert found is not None, f"{expected.key!r} was not found"
    assert (found.key, found.data, found.label, found.description) == (
        expected.key, expected.data, expected.label, expected.description,
    )  # fmt: skip


def test_round_trip_keeps_every_field(store: SecretStore) -> None:
    item = Item("dev", AWKWARD_DATA, label="Label ünï\nline", description="Déscription\nline 2")
    store.set(item)
    assert_same_item(store.get("dev"), item)


def test_a_new_instance_sees_stored_items(store_factory: StoreFactory) -> None:
    item = sample_item()
    store_factory().set(item)
    reopened = store_factory()
    assert_same_item(reopened.get(item.key), item)
    assert reopened.keys() == [item.key]


def test_empty_data_round_trips(store: SecretStore) -> None:
    store.set(Item("empty", b""))
    found = store.get("empty")
    assert found is not None and found.data == b""


def test_get_of_a_missing_key_is_none(store: SecretStore) -> None:
    assert store.get("missing") is None
    store.set(sample_item("present"))
    assert store.get("missing") is None
    assert store.get("presen") is None  # no prefix matching


def test_overwrite_replaces(store: SecretStore) -> None:
    store.set(sample_item("dev", b"old"))
    replacement = Item("dev", b"new", label="new label", description="new description")
    store.set(replacement)
    assert_same_item(store.get("dev"), replacement)
    assert store.keys() == ["dev"]


def test_delete_returns_true_then_false(store: SecretStore) -> None:
    store.set(sample_item("dev"))
    store.set(sample_item("keep"))
    assert store.delete("dev") is True
    assert store.get("dev") is None
    assert store.delete("dev") is False
    assert store.keys() == ["keep"]


def test_delete_of_a_never_stored_key_is_false(store: SecretStore) -> None:
    assert store.delete("never-stored") is False


def test_keys_lists_exactly_what_was_stored(store: SecretStore) -> None:
    assert store.keys() == []
    names = ["prod", "dev", "staging"]
    for name in names:
        store.set(sample_item(name))
    assert sorted(store.keys()) == sorted(names)


# keyring-library backends fold case (keyrings.alt's INI file; Windows credential targets too),
# so KeyringStore is left out here: that limitation belongs to the backend, not to the index.
@pytest.mark.parametrize("backend", ["file", "pass", "secret-service"])
def test_keys_are_case_sensitive(request: pytest.FixtureRequest, backend: str) -> None:
    store = open_backend(request, backend)
    store.set(sample_item("Dev", b"upper"))
    store.set(sample_item("dev", b"lower"))
    assert sorted(store.keys()) == ["Dev", "dev"]
    assert store.get("Dev").data == b"upper"
    assert store.get("dev").data == b"lower"


@pytest.mark.parametrize("key", AWKWARD_KEYS)
def test_awkward_key_round_trips(store: SecretStore, key: str) -> None:
    item = sample_item(key, AWKWARD_DATA)
    store.set(item)
    assert store.keys() == [key]
    assert_same_item(store.get(key), item)
    assert store.delete(key) is True
    assert store.get(key) is None
    assert store.keys() == []


def test_awkward_keys_do_not_collide(store: SecretStore) -> None:
    # The escaped form of one key is a different, legitimate key.
    pairs = {"a/b": b"slash", "a%2Fb": b"percent", "a%252Fb": b"double"}
    for key, data in pairs.items():
        store.set(sample_item(key, data))
    assert sorted(store.keys()) == sorted(pairs)
    for key, data in pairs.items():
        assert store.get(key).data == data


def test_many_items(store: SecretStore) -> None:
    items = [sample_item(f"profile-{n:02d}", f"secret {n}".encode()) for n in range(20)]
    for item in items:
        store.set(item)
    assert sorted(store.keys()) == sorted(item.key for item in items)
    for item in items:
        assert_same_item(store.get(item.key), item)
    for item in items[::2]:
        assert store.delete(item.key) is True
    assert sorted(store.keys()) == sorted(item.key for item in items[1::2])
