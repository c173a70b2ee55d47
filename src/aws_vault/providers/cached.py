"""A provider whose results are kept in the secret store and reused while enough lifetime is
left (AWS_MIN_TTL). Parallel processes needing the same session take turns: the first creates
it, the others find it in the store when their turn comes."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime

from aws_vault.credentials import Credentials
from aws_vault.log import get_logger
from aws_vault.providers.base import Provider
from aws_vault.store.keys import session_prefix
from aws_vault.store.vault import Vault
from aws_vault.timefmt import format_duration

log = get_logger(__name__)

Lock = Callable[[str], AbstractContextManager[None]]
Clock = Callable[[], datetime]


class CachedProvider(Provider):
    def __init__(
        self,
        inner: Provider,
        vault: Vault,
        cache_key: tuple[str, str, str],
        min_ttl: int,
        lock: Lock,
        clock: Clock,
    ) -> None:
        self.inner = inner
        self.vault = vault
        self.kind, self.profile, self.mfa_serial = cache_key
        self.min_ttl = min_ttl
        self.lock = lock
        self.clock = clock

    def describe(self) -> str:
        return f"cached {self.inner.describe()}"

    def _cached(self) -> Credentials | None:
        creds = self.vault.get_session(self.kind, self.profile, self.mfa_serial)
        if creds is None:
            return None
        remaining = creds.remaining_seconds(self.clock())
        if remaining < self.min_ttl:
            log.debug("cached %s for %s has %ds left; renewing", self.kind, self.profile, remaining)
            return None
        log.debug(
            "Re-using cached credentials %s from %s, expires in %s",
            creds.masked_key_id(), self.kind, format_duration(remaining),
        )  # fmt: skip
        return creds

    def retrieve(self) -> Credentials:
        creds = self._cached()
        if creds is not None:
            return creds
        with self.lock(session_prefix(self.kind, self.profile, self.mfa_serial)):
            self.vault.refresh()
            creds = self._cached() or self._generate()
        return creds

    def _generate(self) -> Credentials:
        creds = self.inner.retrieve()
        if creds.expiration is not None:
            self.vault.set_session(self.kind, self.profile, self.mfa_serial, creds)
        remaining = creds.remaining_seconds(self.clock())
        log.debug(
            "Generated credentials %s using %s, expires in %s",
            creds.masked_key_id(), self.kind, format_duration(min(remaining, 10**9)),
        )  # fmt: skip
        return creds
