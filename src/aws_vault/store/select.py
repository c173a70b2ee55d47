"""Choosing and opening a backend: the named one, or the first that works here, in the order
keychain, wincred, secret-service, kwallet, pass, file (contract §4). Unlike the Go aws-vault, a
default backend that fails to open falls through to the next one."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from aws_vault.errors import StoreError, UsageError
from aws_vault.log import get_logger
from aws_vault.store.base import SecretStore

log = get_logger(__name__)

BACKENDS = ("keychain", "wincred", "secret-service", "kwallet", "pass", "file")


@dataclass(frozen=True)
class StoreOptions:
    backend: str = ""
    keychain_name: str = "aws-vault"
    secret_service_collection: str = "awsvault"
    pass_dir: str = ""
    pass_cmd: str = "pass"
    pass_prefix: str = ""
    file_dir: str = ""


def _home(env: Mapping[str, str]) -> str:
    return env.get("HOME") or str(Path.home())


def _data_dir(env: Mapping[str, str]) -> Path:
    return Path(env.get("XDG_DATA_HOME") or Path(_home(env)) / ".local" / "share") / "aws-vault"


def _open_file(options: StoreOptions, env: Mapping[str, str], passphrase: PassphraseSource):
    from aws_vault.store.file import FileStore, expand_dir

    directory = expand_dir(options.file_dir or "~/.awsvault/keys/", _home(env))
    return FileStore(directory, passphrase)


def _open_pass(options: StoreOptions, env: Mapping[str, str], _: PassphraseSource):
    from aws_vault.store.file import expand_dir
    from aws_vault.store.passstore import PassStore

    configured = options.pass_dir or env.get("PASSWORD_STORE_DIR") or "~/.password-store"
    store = PassStore(expand_dir(configured, _home(env)), options.pass_cmd, options.pass_prefix, env)
    store.check_available()
    return store


def _open_secret_service(options: StoreOptions, env: Mapping[str, str], _: PassphraseSource):
    from aws_vault.store.secretservice import SecretServiceStore

    if not env.get("DBUS_SESSION_BUS_ADDRESS") and sys.platform != "darwin":
        raise StoreError("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
    store = SecretServiceStore(options.secret_service_collection)
    store.keys()  # opens the collection, so a failure shows now rather than mid-command
    return store


def _keyring_opener(name: str) -> Opener:
    def open_keyring(options: StoreOptions, env: Mapping[str, str], _: PassphraseSource):
        from aws_vault.store.keyringstore import KEYRING_CLASSES, KeyringStore, load_keyring_backend

        if name == "kwallet" and env.get("DISABLE_KWALLET") == "1":
            raise StoreError("kwallet is disabled by DISABLE_KWALLET=1")
        if name == "kwallet" and not env.get("DBUS_SESSION_BUS_ADDRESS"):
            raise StoreError("no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)")
        backend = load_keyring_backend(KEYRING_CLASSES[name])
        if name == "keychain":
            keychain = Path(_home(env)) / "Library" / "Keychains"
            backend.keychain = str(keychain / f"{options.keychain_name}.keychain-db")
        index = _data_dir(env) / f"{name}-index.json"
        return KeyringStore(name, backend, index, raw_data=name in ("keychain", "wincred"))

    return open_keyring


PassphraseSource = Callable[[str], str]
Opener = Callable[[StoreOptions, Mapping[str, str], PassphraseSource], SecretStore]
_OPENERS: dict[str, Opener] = {
    "keychain": _keyring_opener("keychain"),
    "wincred": _keyring_opener("wincred"),
    "secret-service": _open_secret_service,
    "kwallet": _keyring_opener("kwallet"),
    "pass": _open_pass,
    "file": _open_file,
}


def _candidates(env: Mapping[str, str]) -> list[str]:
    import shutil

    skip = {"keychain"} if sys.platform != "darwin" else set()
    skip |= {"wincred"} if sys.platform != "win32" else set()
    if sys.platform in ("darwin", "win32"):
        skip |= {"secret-service", "kwallet"}
    elif not shutil.which("kwalletd5") and not shutil.which("kwalletd6"):
        skip.add("kwallet")
    return [name for name in BACKENDS if name not in skip]


def open_store(
    options: StoreOptions, env: Mapping[str, str], passphrase: PassphraseSource
) -> SecretStore:
    """Open the backend named in the options, or the first one that works on this machine."""
    if options.backend:
        if options.backend not in _OPENERS:
            raise UsageError(
                f"unknown backend {options.backend!r}; choose one of {', '.join(BACKENDS)}"
            )
        return _OPENERS[options.backend](options, env, passphrase)
    for name in _candidates(env):
        try:
            store = _OPENERS[name](options, env, passphrase)
        except StoreError as error:
            log.debug("backend %s is not usable: %s", name, error)
            continue
        log.debug("using backend %s", store.describe())
        return store
    raise StoreError("no secret store backend is usable")  # unreachable: file always opens
