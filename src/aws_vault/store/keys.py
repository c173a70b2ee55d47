"""Names of items in the shared namespace (reference §3.4, §4.2): long-term credentials under
the bare profile name, cached sessions under `<Type>,<b64 profile>,<b64 mfa>,<expiry>`, SSO
tokens under `oidc:<start url>`."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

OIDC_PREFIX = "oidc:"
# Under `oidc:` so the Go aws-vault, sharing the store, never lists it as credentials.
SSO_CLIENT_PREFIX = "oidc:client:"
_LEGACY_PATTERNS = (
    re.compile(r"^session,([A-Za-z0-9_=-]*),([A-Za-z0-9_=-]*),\d{2,}$"),
    re.compile(r"^session:.*:.*:\d+$"),
    re.compile(r"^.+ session \(\d+\)$"),
)
_CURRENT = re.compile(r"^([A-Za-z_.]+),([A-Za-z0-9_-]*),([A-Za-z0-9_-]*),(-?\d+)$")


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> str:
    # Any bytes are accepted, as Go's decoder does (`GetSessionToken,my-profile,,9999999999` is
    # a session key in the fork's tests although "my-profile" does not decode to UTF-8).
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    return raw.decode("utf-8", errors="replace")


@dataclass(frozen=True)
class SessionKey:
    type: str
    profile: str
    mfa_serial: str
    expiry: int

    def prefix(self) -> str:
        return session_prefix(self.type, self.profile, self.mfa_serial)

    def __str__(self) -> str:
        return f"{self.prefix()}{self.expiry}"


def session_prefix(kind: str, profile: str, mfa_serial: str) -> str:
    return f"{kind},{_b64(profile)},{_b64(mfa_serial)},"


def parse_session_key(key: str) -> SessionKey | None:
    """The parts of a current-format session key, or None."""
    match = _CURRENT.match(key)
    if not match:
        return None
    try:
        profile, mfa = _unb64(match.group(2)), _unb64(match.group(3))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return SessionKey(match.group(1), profile, mfa, int(match.group(4)))


def is_legacy_session_key(key: str) -> bool:
    return any(pattern.match(key) for pattern in _LEGACY_PATTERNS)


def is_session_key(key: str) -> bool:
    return parse_session_key(key) is not None or is_legacy_session_key(key)


def is_credential_key(key: str) -> bool:
    """Long-term credentials are everything that is not a session, token or client record."""
    return not (is_session_key(key) or key.startswith(OIDC_PREFIX))  # incl. SSO_CLIENT_PREFIX


def oidc_key(start_url: str) -> str:
    return OIDC_PREFIX + start_url
