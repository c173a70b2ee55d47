"""What aws-vault keeps in a secret store: long-term keys, cached sessions and SSO tokens.

The store is listed at most once per command; every later lookup uses that listing.
"""

from __future__ import annotations

from datetime import datetime, timezone

from aws_vault.credentials import (
    Credentials,
    long_term_from_json,
    long_term_to_json,
    session_from_json,
    session_to_json,
)
from aws_vault.errors import StoreError
from aws_vault.log import get_logger
from aws_vault.store.base import Item, SecretStore
from aws_vault.store.keys import (
    OIDC_PREFIX,
    SSO_CLIENT_PREFIX,
    SessionKey,
    is_credential_key,
    is_legacy_session_key,
    parse_session_key,
    session_prefix,
)
from aws_vault.timefmt import iso8601

log = get_logger(__name__)


class Vault:
    def __init__(self, store: SecretStore) -> None:
        self.store = store
        self._keys: list[str] | None = None

    # -- the listing -------------------------------------------------------------------------
    def keys(self) -> list[str]:
        if self._keys is None:
            self._keys = self.store.keys()
        return list(self._keys)

    def refresh(self) -> None:
        """Forget the listing, so the next lookup sees what other processes wrote."""
        self._keys = None

    def _forget(self, key: str) -> None:
        if self._keys is not None and key in self._keys:
            self._keys.remove(key)

    def _remember(self, key: str) -> None:
        if self._keys is not None and key not in self._keys:
            self._keys.append(key)

    def _delete(self, key: str) -> bool:
        deleted = self.store.delete(key)
        self._forget(key)
        return deleted

    def _set(self, item: Item) -> None:
        self.store.set(item)
        self._remember(item.key)

    # -- long-term credentials ---------------------------------------------------------------
    def credential_names(self) -> list[str]:
        return [key for key in self.keys() if is_credential_key(key)]

    def has_credentials(self, profile: str) -> bool:
        return profile in self.credential_names()

    def get_credentials(self, profile: str) -> Credentials | None:
        item = self.store.get(profile)
        if item is None:
            return None
        try:
            return long_term_from_json(item.data)
        except ValueError as error:
            raise StoreError(f"stored credentials for {profile!r} are unreadable: {error}") from None

    def set_credentials(self, profile: str, creds: Credentials) -> None:
        self._set(Item(profile, long_term_to_json(creds), label=f"aws-vault ({profile})"))

    def delete_credentials(self, profile: str) -> bool:
        return self._delete(profile)

    # -- cached sessions ---------------------------------------------------------------------
    def sessions(self) -> list[SessionKey]:
        return [key for key in map(parse_session_key, self.keys()) if key is not None]

    def get_session(self, kind: str, profile: str, mfa_serial: str) -> Credentials | None:
        prefix = session_prefix(kind, profile, mfa_serial)
        for key in self.keys():
            if key.startswith(prefix):
                item = self.store.get(key)
                if item is None:
                    continue
                try:
                    return session_from_json(item.data)
                except (ValueError, KeyError) as error:
                    log.debug("ignoring unreadable cached session %s: %s", key, error)
        return None

    def set_session(self, kind: str, profile: str, mfa_serial: str, creds: Credentials) -> None:
        expires = creds.expiration or datetime.now(timezone.utc)
        key = SessionKey(kind, profile, mfa_serial, int(expires.timestamp()))
        label = f"aws-vault session for {profile} (expires {iso8601(expires)})"
        self._set(Item(str(key), session_to_json(creds), label, "aws-vault session", True))
        for stale in self.keys():
            if stale.startswith(key.prefix()) and stale != str(key):
                self._delete(stale)

    def delete_sessions(self, profile: str | None = None) -> int:
        """Sessions of one profile, or every session (legacy keys included) when None."""
        count = 0
        for key in self.keys():
            parsed = parse_session_key(key)
            matches = parsed is not None and (profile is None or parsed.profile == profile)
            if matches or (profile is None and is_legacy_session_key(key)):
                count += self._delete(key)
        return count

    def remove_expired_sessions(self, now: datetime) -> int:
        count = 0
        for key in self.keys():
            parsed = parse_session_key(key)
            if is_legacy_session_key(key) or (parsed and parsed.expiry < now.timestamp()):
                count += self._delete(key)
        return count

    # -- SSO tokens --------------------------------------------------------------------------
    def oidc_start_urls(self) -> list[str]:
        return [
            key[len(OIDC_PREFIX) :]
            for key in self.keys()
            if key.startswith(OIDC_PREFIX) and not key.startswith(SSO_CLIENT_PREFIX)
        ]

    def get_item(self, key: str) -> Item | None:
        return self.store.get(key) if key in self.keys() else None

    def set_item(self, item: Item) -> None:
        self._set(item)

    def delete_item(self, key: str) -> bool:
        return self._delete(key) if key in self.keys() else False
