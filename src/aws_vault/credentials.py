"""Credentials as a frozen value, and their JSON forms in the store."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

from aws_vault.timefmt import iso8601, parse_timestamp

_GO_ZERO_TIME = "0001-01-01T00:00:00Z"


@dataclass(frozen=True)
class Credentials:
    access_key_id: str
    secret_access_key: str
    session_token: str = ""
    expiration: datetime | None = None

    @property
    def can_expire(self) -> bool:
        return self.expiration is not None

    def remaining_seconds(self, now: datetime) -> float:
        """Seconds left; infinite for long-term keys."""
        if self.expiration is None:
            return float("inf")
        return (self.expiration - now).total_seconds()

    def masked_key_id(self) -> str:
        return mask_key(self.access_key_id)


def mask_key(key_id: str) -> str:
    """Show only the last four characters, as aws-vault does: `****************ABCD`."""
    return "*" * 16 + key_id[-4:]


def _lower_keys(data: dict[str, object]) -> dict[str, object]:
    # Go's JSON decoder matches field names case-insensitively; so do we.
    return {str(k).lower(): v for k, v in data.items()}


def _decode(raw: bytes | str) -> dict[str, object]:
    data = json.loads(raw)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return _lower_keys(data)


def _required(data: dict[str, object], key: str, name: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{name} is missing")
    return value


def long_term_to_json(creds: Credentials) -> bytes:
    """The Go SDK's credentials struct, as aws-vault stores long-term keys."""
    return json.dumps(
        {
            "AccessKeyID": creds.access_key_id,
            "SecretAccessKey": creds.secret_access_key,
            "SessionToken": creds.session_token,
            "Source": "",
            "CanExpire": False,
            "Expires": _GO_ZERO_TIME,
        },
        separators=(",", ":"),
    ).encode()


def long_term_from_json(raw: bytes | str) -> Credentials:
    data = _decode(raw)
    return Credentials(
        access_key_id=_required(data, "accesskeyid", "AccessKeyID"),
        secret_access_key=_required(data, "secretaccesskey", "SecretAccessKey"),
        session_token=str(data.get("sessiontoken") or ""),
    )


def session_to_json(creds: Credentials) -> bytes:
    """STS `Credentials` shape, as aws-vault caches sessions."""
    expiration = creds.expiration or datetime.now(timezone.utc)
    return json.dumps(
        {
            "AccessKeyId": creds.access_key_id,
            "Expiration": expiration.astimezone(timezone.utc).isoformat().replace("+00:00", "Z"),
            "SecretAccessKey": creds.secret_access_key,
            "SessionToken": creds.session_token,
        },
        separators=(",", ":"),
    ).encode()


def session_from_json(raw: bytes | str) -> Credentials:
    data = _decode(raw)
    expiration = data.get("expiration")
    return Credentials(
        access_key_id=_required(data, "accesskeyid", "AccessKeyId"),
        secret_access_key=_required(data, "secretaccesskey", "SecretAccessKey"),
        session_token=str(data.get("sessiontoken") or ""),
        expiration=parse_timestamp(str(expiration)) if expiration else None,
    )


def to_process_json(creds: Credentials) -> str:
    """The `credential_process` output format read by every AWS SDK."""
    out: dict[str, object] = {
        "Version": 1,
        "AccessKeyId": creds.access_key_id,
        "SecretAccessKey": creds.secret_access_key,
    }
    if creds.session_token:
        out["SessionToken"] = creds.session_token
    if creds.expiration is not None:
        out["Expiration"] = iso8601(creds.expiration)
    return json.dumps(out, indent=2) + "\n"
