"""The `secret-service` backend (GNOME Keyring, KeePassXC, KWallet's bridge) over D-Bus.

Items are stored as the Go aws-vault does: label and `profile` attribute = key, secret = record.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aws_vault.errors import StoreError
from aws_vault.store.base import Item, SecretStore

_CONTENT_TYPE = "application/json"


def _secretstorage() -> Any:
    try:
        import secretstorage
    except ImportError:
        raise StoreError("the secretstorage module is not installed") from None
    return secretstorage


@contextmanager
def _dbus_errors(ss: Any) -> Iterator[None]:
    """D-Bus and Secret Service failures as StoreError, never a traceback."""
    from jeepney.wrappers import DBusErrorResponse

    try:
        yield
    except ss.exceptions.SecretServiceNotAvailableException as error:
        raise StoreError(f"the Secret Service is not available: {error}") from None
    except ss.exceptions.LockedException:
        raise StoreError("the Secret Service collection is locked") from None
    except ss.exceptions.SecretStorageException as error:
        raise StoreError(f"Secret Service error: {error}") from None
    except DBusErrorResponse as error:
        raise StoreError(f"Secret Service error: {error}") from None
    except OSError as error:  # e.g. a stale DBUS_SESSION_BUS_ADDRESS whose socket is gone
        raise StoreError(f"the Secret Service is not available: {error}") from None


class SecretServiceStore(SecretStore):
    name = "secret-service"

    def __init__(self, collection_name: str) -> None:
        self.collection_name = collection_name
        self._collection: Any = None

    def describe(self) -> str:
        return f"secret-service (collection {self.collection_name!r})"

    def _open(self) -> Any:
        if self._collection is not None:
            return self._collection
        ss = _secretstorage()
        with _dbus_errors(ss):
            connection = ss.dbus_init()
            collection = self._find(ss, connection) or self._create(ss, connection)
            if collection.is_locked() and collection.unlock():
                raise StoreError(
                    f"the Secret Service collection {self.collection_name!r} is locked"
                )
        self._collection = collection
        return collection

    def _find(self, ss: Any, connection: Any) -> Any:
        wanted = self.collection_name.lower()
        for collection in ss.get_all_collections(connection):
            path_name = str(collection.collection_path).rsplit("/", 1)[-1].lower()
            if wanted in (collection.get_label().lower(), path_name):
                return collection
        return None

    def _create(self, ss: Any, connection: Any) -> Any:
        try:
            return ss.create_collection(connection, self.collection_name)
        except ss.exceptions.PromptDismissedException:
            raise StoreError(
                f"cannot create the Secret Service collection {self.collection_name!r}: "
                "the keyring's password prompt could not be shown",
                hint="create it in your keyring manager, or choose an existing one with "
                "--secret-service-collection",
            ) from None

    def _items(self, key: str) -> list[Any]:
        return list(self._open().search_items({"profile": key}))

    def get(self, key: str) -> Item | None:
        with _dbus_errors(_secretstorage()):
            items = self._items(key)
            if not items:
                return None
            record = items[0].get_secret()
        return Item.from_record(record, key)

    def set(self, item: Item) -> None:
        with _dbus_errors(_secretstorage()):
            self._open().create_item(
                item.key, {"profile": item.key}, item.to_record(), replace=True,
                content_type=_CONTENT_TYPE,
            )  # fmt: skip

    def delete(self, key: str) -> bool:
        with _dbus_errors(_secretstorage()):
            items = self._items(key)
            for found in items:
                found.delete()
        return bool(items)

    def keys(self) -> list[str]:
        keys = []
        with _dbus_errors(_secretstorage()):
            for found in self._open().get_all_items():
                profile = found.get_attributes().get("profile")
                if profile is not None:
                    keys.append(profile)
        return sorted(set(keys))
