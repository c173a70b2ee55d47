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
        self._refresh_at = 0.0

    def get(self) -> Credentials:
        with self._lock:
            if self._creds is None or time.time() >= self._refresh_at:
                self._creds = self._fetch()
                self._refresh_at = self._refresh_time(self._creds)
            return self._creds

    def _refresh_time(self, creds: Credentials) -> float:
        if creds.expiration is None:
            return float("inf")
        now, expires = time.time(), creds.expiration.timestamp()
        # A session shorter than the margin is used for half its life, not refetched per request.
        return expires - min(self._margin, (expires - now) / 2)
