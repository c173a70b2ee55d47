"""Backends reached through the `keyring` library: keychain, wincred, kwallet.

keyring cannot list items, so names are kept in an index file under the XDG data directory
(names only, never secrets). The index is a hint; a get is the truth.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aws_vault.errors import StoreError
from aws_vault.store.base import Item, SecretStore

SERVICE = "aws-vault"

# Backend name -> keyring class path.
KEYRING_CLASSES = {
    "keychain": "keyring.backends.macOS.Keyring",
    "wincred": "keyring.backends.Windows.WinVaultKeyring",
    "kwallet": "keyring.backends.kwallet.DBusKeyring",
}


def load_keyring_backend(class_path: str) -> Any:
    import importlib

    module_name, _, class_name = class_path.rpartition(".")
    try:
        backend_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as error:
        raise StoreError(f"keyring backend {class_path} cannot be loaded: {error}") from None
    try:
        # keyring's `priority` raises (RuntimeError, ImportError...) on a platform it cannot serve.
        priority = getattr(backend_class, "priority", 0)
    except Exception as error:  # noqa: BLE001 - any failure here means "not usable"
        raise StoreError(f"keyring backend {class_path} is not usable here: {error}") from None
    if priority <= 0:
        raise StoreError(f"keyring backend {class_path} is not usable on this machine")
    return backend_class()


class KeyringStore(SecretStore):
    def __init__(self, name: str, backend: Any, index_path: Path, raw_data: bool) -> None:
        self.name = name
        self._backend = backend
        self._index_path = index_path
        # keychain and wincred hold the bare data, as the Go aws-vault writes them there.
        self._raw_data = raw_data

    def _call(self, action: str, *args: str) -> Any:
        import keyring.errors

        try:
            return getattr(self._backend, action)(SERVICE, *args)
        except keyring.errors.KeyringLocked:
            raise StoreError(f"the {self.name} keyring is locked") from None
        except keyring.errors.PasswordDeleteError:
            return None
        except keyring.errors.KeyringError as error:
            raise StoreError(f"{self.name} keyring error: {error}") from None

    def get(self, key: str) -> Item | None:
        secret = self._call("get_password", key)
        if secret is None:
            return None
        if self._raw_data:
            return Item(key, secret.encode("utf-8"))
        return Item.from_record(secret.encode("utf-8"), key)

    def set(self, item: Item) -> None:
        value = item.data if self._raw_data else item.to_record()
        self._call("set_password", item.key, value.decode("utf-8"))
        self._update_index(lambda names: sorted({*names, item.key}))

    def delete(self, key: str) -> bool:
        existed = self._call("get_password", key) is not None
        if existed:
            self._call("delete_password", key)
        self._update_index(lambda names: [name for name in names if name != key])
        return existed

    def keys(self) -> list[str]:
        return self._read_index()

    def _read_index(self) -> list[str]:
        try:
            names = json.loads(self._index_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return []
        except OSError as error:
            raise StoreError(f"cannot read {self._index_path}: {error.strerror}") from None
        return [str(name) for name in names] if isinstance(names, list) else []

    def _update_index(self, change: Callable[[list[str]], list[str]]) -> None:
        """Read, change and write the index under a lock, so parallel writers lose no name."""
        from aws_vault.locks import exclusive

        directory = self._index_path.parent
        try:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            with exclusive(directory, str(self._index_path)):
                names = change(self._read_index())
                fd, tmp = tempfile.mkstemp(dir=directory, prefix=".index-")
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(names, handle)
                os.replace(tmp, self._index_path)
        except OSError as error:
            raise StoreError(f"cannot update {self._index_path}: {error.strerror}") from None
