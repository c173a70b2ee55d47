"""An in-memory credential cache for the servers: refreshed *before* expiry, by one thread at a
time, so concurrent requests during a refresh cause one STS call."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from aws_vault.credentials import Credentials

# botocore refetches on every call when fewer than 15 minutes are left; stay above that.
REFRESH_MARGIN = 16 * 60


class RefreshingCredentials:
    def __init__(self, fetch: Callable[[], Credentials], margin: int = REFRESH_MARGIN) -> None:
        self._fetch = fetch
        self._margin = margin
        self._lock = threading.Lock()
        self._creds: Credentials | None = None

    def _fresh(self) -> bool:
        if self._creds is None:
            return False
        expiration = self._creds.expiration
        return expiration is None or expiration.timestamp() - time.time() > self._margin

    def get(self) -> Credentials:
        with self._lock:
            if not self._fresh():
                self._creds = self._fetch()
            assert self._creds is not None
            return self._creds
