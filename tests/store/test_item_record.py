"""The item record shared by the file, pass and secret-service backends (reference §4.2)."""

from __future__ import annotations

import base64
import json

import pytest

from aws_vault.errors import StoreError
from aws_vault.store.base import Item


def test_record_has_the_go_field_names_in_go_order() -> None:
    record = json.loads(Item("dev", b"\x00\xffdata", "label", "description").to_record())
    assert list(record) == [
        "Key", "Data", "Label", "Description", "KeychainNotTrustApplication",
        "KeychainNotSynchronizable",
    ]  # fmt: skip
    assert base64.b64decode(record["Data"]) == b"\x00\xffdata"
    assert record["KeychainNotSynchronizable"] is False


@pytest.mark.parametrize("trusted", [True, False])
def test_trusted_is_the_inverse_of_not_trust_application(trusted: bool) -> None:
    item = Item("dev", b"x", trusted=trusted)
    record = json.loads(item.to_record())
    assert record["KeychainNotTrustApplication"] is (not trusted)
    assert Item.from_record(item.to_record(), "dev") == item


def test_missing_fields_take_defaults_and_the_lookup_key() -> None:
    assert Item.from_record(b"{}", "dev") == Item("dev", b"")


@pytest.mark.parametrize(
    "raw", [b"not json", b"[1, 2]", b'{"Data": "***not base64***"}', b'"a string"']
)
def test_invalid_records_are_store_errors(raw: bytes) -> None:
    with pytest.raises(StoreError, match="'dev' is not a valid aws-vault record"):
        Item.from_record(raw, "dev")
