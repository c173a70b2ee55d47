"""Fixtures that open each secret store backend for real, in temporary directories.

`store_factory` is parametrized over every backend the contract suite runs against; the
`open_*_store` fixtures can also be used on their own by backend-specific tests."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from aws_vault.store.base import SecretStore
from aws_vault.store.file import FileStore
from aws_vault.store.keyringstore import KeyringStore
from aws_vault.store.passstore import PassStore
from aws_vault.store.secretservice import SecretServiceStore
from tests.store.backends import GpgHome, KeyringBus, require_programs

FILE_PASSPHRASE = "store-test-passphrase"
COLLECTION = "login"  # headless gnome-keyring cannot create a collection, so use its default one

StoreFactory = Callable[[], SecretStore]


# --- file -----------------------------------------------------------------------------------


@pytest.fixture
def file_dir(tmp_path: Path) -> Path:
    return tmp_path / "file-store" / "keys"


@pytest.fixture
def open_file_store(file_dir: Path) -> StoreFactory:
    return lambda: FileStore(file_dir, lambda _directory: FILE_PASSPHRASE)


# --- pass -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def gpg_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[GpgHome]:
    require_programs("gpg", "gpgconf")
    home = GpgHome(tmp_path_factory.mktemp("gpg"))
    try:
        home.generate_key()
        yield home
    finally:
        home.stop()


@pytest.fixture
def pass_env(gpg_home: GpgHome, tmp_path: Path) -> dict[str, str]:
    """The environment of an initialised, empty password store of this test's own."""
    require_programs("pass")
    return gpg_home.init_password_store(tmp_path / "password-store")


def open_pass(env: dict[str, str], prefix: str = "") -> PassStore:
    return PassStore(Path(env["PASSWORD_STORE_DIR"]), "pass", prefix, env)


@pytest.fixture
def open_pass_store(pass_env: dict[str, str]) -> StoreFactory:
    return lambda: open_pass(pass_env)


# --- secret-service -------------------------------------------------------------------------


@pytest.fixture(scope="session")
def keyring_bus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KeyringBus]:
    require_programs("dbus-daemon", "gnome-keyring-daemon")
    bus = KeyringBus(tmp_path_factory.mktemp("dbus"))
    try:
        yield bus
    finally:
        bus.stop()


def clear_collection(name: str) -> None:
    import secretstorage

    with closing(secretstorage.dbus_init()) as connection:
        for collection in secretstorage.get_all_collections(connection):
            if collection.get_label().lower() == name:
                for item in collection.get_all_items():
                    item.delete()


@pytest.fixture
def session_bus(keyring_bus: KeyringBus, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringBus]:
    """The shared bus, exported to this test, with an empty "login" collection."""
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", keyring_bus.address)
    clear_collection(COLLECTION)
    yield keyring_bus
    clear_collection(COLLECTION)


@pytest.fixture
def private_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[KeyringBus]:
    """A bus and keyring of this test's own, for tests that lock or otherwise spoil them."""
    require_programs("dbus-daemon", "gnome-keyring-daemon")
    bus = KeyringBus(tmp_path / "private-bus")
    try:
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
        yield bus
    finally:
        bus.stop()


@pytest.fixture
def open_secret_service_store(session_bus: KeyringBus) -> StoreFactory:
    return lambda: SecretServiceStore(COLLECTION)


# --- keyring library (index logic) ----------------------------------------------------------


def open_plaintext_keyring(root: Path, raw_data: bool = False) -> KeyringStore:
    from keyrings.alt.file import PlaintextKeyring

    backend = PlaintextKeyring()
    backend.file_path = str(root / "keyring_pass.cfg")
    return KeyringStore("plaintext", backend, root / "index" / "plaintext-index.json", raw_data)


@pytest.fixture
def keyring_dir(tmp_path: Path) -> Path:
    return tmp_path / "keyring"


@pytest.fixture
def open_keyring_store(keyring_dir: Path) -> StoreFactory:
    return lambda: open_plaintext_keyring(keyring_dir)


# --- the contract parametrization ------------------------------------------------------------

CONTRACT_BACKENDS = ("file", "pass", "secret-service", "keyring")


def open_backend(request: pytest.FixtureRequest, backend: str) -> SecretStore:
    factory: StoreFactory = request.getfixturevalue(f"open_{backend.replace('-', '_')}_store")
    return factory()


@pytest.fixture(params=CONTRACT_BACKENDS)
def store_factory(request: pytest.FixtureRequest) -> StoreFactory:
    """Opens (and re-opens) the same store of one backend."""
    return request.getfixturevalue(f"open_{request.param.replace('-', '_')}_store")


@pytest.fixture
def store(store_factory: StoreFactory) -> SecretStore:
    return store_factory()


@pytest.fixture
def umask_zero() -> Iterator[None]:
    """Modes must come from the code, not from a friendly umask."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)
