"""select.open_store: the named backend, or the first one that works here, with the reasons for
passing over the others logged under --debug."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from aws_vault.errors import StoreError, UsageError
from aws_vault.store.base import Item
from aws_vault.store.file import FileStore
from aws_vault.store.passstore import PassStore
from aws_vault.store.secretservice import SecretServiceStore
from aws_vault.store.select import BACKENDS, StoreOptions, open_store
from tests.store.backends import KeyringBus
from tests.store.conftest import COLLECTION, FILE_PASSPHRASE

LOGGER = "aws_vault.store.select"


def passphrase(_directory: str) -> str:
    return FILE_PASSPHRASE


def env_now(**changes: str) -> dict[str, str]:
    return {**os.environ, **changes}


def open_default(env: dict[str, str], **options: str):
    return open_store(StoreOptions(**options), env, passphrase)


def reasons(caplog: pytest.LogCaptureFixture) -> str:
    return "\n".join(record.getMessage() for record in caplog.records if record.name == LOGGER)


# --- explicit backends ----------------------------------------------------------------------


def test_file_by_name_uses_the_configured_directory(isolated_env: Path) -> None:
    store = open_store(StoreOptions(backend="file", file_dir="~/vault"), env_now(), passphrase)
    assert isinstance(store, FileStore)
    assert store.directory == isolated_env / "vault"
    store.set(Item("dev", b"x"))
    assert (isolated_env / "vault" / "dev").is_file()


def test_file_by_name_defaults_to_awsvault_keys_in_home(isolated_env: Path) -> None:
    store = open_store(StoreOptions(backend="file"), env_now(), passphrase)
    assert store.directory == isolated_env / ".awsvault" / "keys"


def test_pass_by_name(pass_env: dict[str, str]) -> None:
    store = open_store(StoreOptions(backend="pass"), pass_env, passphrase)
    assert isinstance(store, PassStore)
    assert store.directory == Path(pass_env["PASSWORD_STORE_DIR"])
    store.set(Item("dev", b"x"))
    assert store.get("dev").data == b"x"


def test_pass_dir_option_wins_over_the_environment(pass_env: dict[str, str]) -> None:
    configured = StoreOptions(backend="pass", pass_dir=pass_env["PASSWORD_STORE_DIR"])
    env = {**pass_env, "PASSWORD_STORE_DIR": "/nonexistent/store"}
    assert open_store(configured, env, passphrase).directory == Path(pass_env["PASSWORD_STORE_DIR"])


def test_secret_service_by_name(session_bus: KeyringBus) -> None:
    options = StoreOptions(backend="secret-service", secret_service_collection=COLLECTION)
    store = open_store(options, env_now(), passphrase)
    assert isinstance(store, SecretServiceStore)
    store.set(Item("dev", b"x"))
    assert store.get("dev").data == b"x"


def test_secret_service_by_name_without_a_bus_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="D-Bus"):
        open_store(StoreOptions(backend="secret-service"), env_now(), passphrase)


@pytest.mark.parametrize("name", ["keychain", "wincred", "kwallet"])
def test_platform_keyrings_by_name_are_a_store_error_here(name: str) -> None:
    # On this Linux machine (no macOS, no Windows, no KWallet/D-Bus) each must fail cleanly.
    with pytest.raises(StoreError):
        open_store(StoreOptions(backend=name), env_now(), passphrase)


def test_kwallet_can_be_disabled() -> None:
    env = env_now(DISABLE_KWALLET="1", DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
    with pytest.raises(StoreError, match="DISABLE_KWALLET"):
        open_store(StoreOptions(backend="kwallet"), env, passphrase)


@pytest.mark.parametrize("name", ["nope", "File", "passage", "keyctl"])
def test_unknown_backend_is_a_usage_error(name: str) -> None:
    with pytest.raises(UsageError) as raised:
        open_store(StoreOptions(backend=name), env_now(), passphrase)
    assert name in str(raised.value)
    assert all(known in str(raised.value) for known in BACKENDS)


def test_missing_pass_program_is_a_clear_store_error(tmp_path: Path) -> None:
    options = StoreOptions(backend="pass", pass_cmd="no-such-pass-program", pass_dir=str(tmp_path))
    with pytest.raises(StoreError) as raised:
        open_store(options, env_now(), passphrase)
    assert "no-such-pass-program" in str(raised.value)
    assert "not available" in str(raised.value)


def test_uninitialised_password_store_is_a_store_error_with_a_hint(tmp_path: Path) -> None:
    options = StoreOptions(backend="pass", pass_dir=str(tmp_path / "empty"))
    with pytest.raises(StoreError, match="not initialised") as raised:
        open_store(options, env_now(), passphrase)
    assert "pass init" in (raised.value.hint or "")


# --- default selection ----------------------------------------------------------------------


def test_default_without_dbus_falls_through_to_file(
    caplog: pytest.LogCaptureFixture, isolated_env: Path
) -> None:
    assert "DBUS_SESSION_BUS_ADDRESS" not in os.environ
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    store = open_default(env_now())
    assert isinstance(store, FileStore)
    log = reasons(caplog)
    assert "backend secret-service is not usable: no D-Bus session bus" in log
    assert "backend pass is not usable" in log and "not initialised" in log
    assert f"using backend file ({isolated_env / '.awsvault' / 'keys'})" in log


def test_default_records_why_pass_was_skipped_when_it_is_missing(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    assert isinstance(open_default(env_now(), pass_cmd="no-such-pass-program"), FileStore)
    assert "'no-such-pass-program' is not available" in reasons(caplog)


def test_default_picks_an_initialised_password_store(
    pass_env: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    store = open_default(pass_env)
    assert isinstance(store, PassStore)
    assert "using backend pass" in reasons(caplog)


def test_default_uses_the_secret_service_when_its_collection_exists(
    session_bus: KeyringBus,
) -> None:
    store = open_default(env_now(), secret_service_collection=COLLECTION)
    assert isinstance(store, SecretServiceStore)


def test_default_falls_through_when_the_collection_cannot_be_created(
    session_bus: KeyringBus, caplog: pytest.LogCaptureFixture
) -> None:
    # The default collection "awsvault" does not exist, and headless gnome-keyring cannot
    # show the prompt that creating it needs.
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    assert isinstance(open_default(env_now()), FileStore)
    assert "cannot create the Secret Service collection 'awsvault'" in reasons(caplog)


def test_default_falls_through_a_stale_bus_address(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A bus address left over from an ended session: the socket is gone.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'gone'}")
    caplog.set_level(logging.DEBUG, logger=LOGGER)
    assert isinstance(open_default(env_now()), FileStore)
    assert "backend secret-service is not usable: the Secret Service is not available" in reasons(
        caplog
    )


def test_debug_flag_reports_the_choice_on_stderr(cli) -> None:
    result = cli("--debug", "list", env={"AWS_VAULT_BACKEND": ""})
    assert result.returncode == 0, result.stderr
    assert "backend secret-service is not usable" in result.stderr
    assert "backend pass is not usable" in result.stderr
    assert "using backend file" in result.stderr
