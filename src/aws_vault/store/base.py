"""The interface every backend implements, and the item record they store."""

from __future__ import annotations

import base64
import json
from abc import ABC, abstractmethod
from dataclasses import dataclass

from aws_vault.errors import StoreError


@dataclass(frozen=True)
class Item:
    key: str
    data: bytes
    label: str = ""
    description: str = ""
    trusted: bool = False  # keychain: readable without a prompt (sessions, tokens)

    def to_record(self) -> bytes:
        """The JSON record the Go keyring library writes in file, pass and secret-service stores."""
        return json.dumps(
            {
                "Key": self.key,
                "Data": base64.b64encode(self.data).decode("ascii"),
                "Label": self.label,
                "Description": self.description,
                "KeychainNotTrustApplication": not self.trusted,
                "KeychainNotSynchronizable": False,
            },
            separators=(",", ":"),
        ).encode()

    @classmethod
    def from_record(cls, raw: bytes, key: str) -> Item:
        try:
            record = json.loads(raw)
            data = base64.b64decode(record.get("Data") or "")
        except (ValueError, AttributeError, TypeError) as error:
            raise StoreError(f"item {key!r} is not a valid aws-vault record: {error}") from None
        return cls(
            key=str(record.get("Key") or key),
            data=data,
            label=str(record.get("Label") or ""),
            description=str(record.get("Description") or ""),
            trusted=not record.get("KeychainNotTrustApplication", True),
        )


class SecretStore(ABC):
    """get / set / delete / keys over one namespace of items."""

    name: str = ""

    @abstractmethod
    def get(self, key: str) -> Item | None:
        """The item, or None when there is none under this key."""

    @abstractmethod
    def set(self, item: Item) -> None:
        """Create or replace the item under `item.key`."""

    @abstractmethod
    def delete(self, key: str) -> bool:
        """Remove the item; False when there was none."""

    @abstractmethod
    def keys(self) -> list[str]:
        """Every key in the store."""

    def describe(self) -> str:
        return self.name
