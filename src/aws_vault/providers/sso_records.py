"""What the SSO login keeps in the secret store: the OIDC token (in the Go aws-vault's item
format) and the client registration."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from aws_vault.timefmt import iso8601, parse_timestamp

TOKEN_MIN_TTL = 60  # a token this close to its end may die before GetRoleCredentials is answered
CLIENT_MIN_TTL = 900  # a registration must outlive a whole device login


def _lower(data: object) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise TypeError("not a JSON object")
    return {str(key).lower(): value for key, value in data.items()}


@dataclass(frozen=True)
class OidcToken:
    access_token: str
    expiration: datetime
    refresh_token: str = ""
    token_type: str = ""
    id_token: str = ""

    @classmethod
    def from_response(
        cls, response: Mapping[str, Any], now: datetime, refresh: str = ""
    ) -> OidcToken:
        return cls(
            access_token=response["accessToken"],
            expiration=now + timedelta(seconds=int(response.get("expiresIn") or 0)),
            refresh_token=response.get("refreshToken") or refresh,
            token_type=response.get("tokenType") or "",
            id_token=response.get("idToken") or "",
        )

    @classmethod
    def from_json(cls, raw: bytes) -> OidcToken:
        """{"Token": <CreateToken output>, "Expiration": RFC3339}; either key casing is read."""
        outer = _lower(json.loads(raw))
        token = _lower(outer.get("token"))
        access = token.get("accesstoken")
        if not isinstance(access, str) or not access:
            raise ValueError("AccessToken is missing")
        return cls(
            access_token=access,
            expiration=parse_timestamp(str(outer["expiration"])),
            refresh_token=str(token.get("refreshtoken") or ""),
            token_type=str(token.get("tokentype") or ""),
            id_token=str(token.get("idtoken") or ""),
        )

    def to_json(self, now: datetime) -> bytes:
        token: dict[str, object] = {
            "AccessToken": self.access_token,
            "ExpiresIn": max(0, int((self.expiration - now).total_seconds())),
            "TokenType": self.token_type,
        }
        if self.refresh_token:
            token["RefreshToken"] = self.refresh_token
        if self.id_token:
            token["IdToken"] = self.id_token
        return json.dumps({"Token": token, "Expiration": iso8601(self.expiration)}).encode()

    def usable(self, now: datetime) -> bool:
        return (self.expiration - now).total_seconds() >= TOKEN_MIN_TTL


@dataclass(frozen=True)
class ClientRegistration:
    client_id: str
    client_secret: str
    expiration: datetime
    scopes: tuple[str, ...] = ()

    @classmethod
    def from_response(
        cls, response: Mapping[str, Any], scopes: tuple[str, ...]
    ) -> ClientRegistration:
        expires_at = int(response.get("clientSecretExpiresAt") or 0)
        expires = datetime.fromtimestamp(expires_at, timezone.utc)
        return cls(response["clientId"], response["clientSecret"], expires, scopes)

    @classmethod
    def from_json(cls, raw: bytes) -> ClientRegistration:
        data = _lower(json.loads(raw))
        return cls(
            client_id=str(data["clientid"]),
            client_secret=str(data["clientsecret"]),
            expiration=datetime.fromtimestamp(int(data["clientsecretexpiresat"]), timezone.utc),
            scopes=tuple(data.get("scopes") or ()),
        )

    def to_json(self) -> bytes:
        return json.dumps({
            "ClientId": self.client_id,
            "ClientSecret": self.client_secret,
            "ClientSecretExpiresAt": int(self.expiration.timestamp()),
            "Scopes": list(self.scopes),
        }).encode()  # fmt: skip

    def usable(self, now: datetime, scopes: tuple[str, ...]) -> bool:
        return self.scopes == scopes and (self.expiration - now).total_seconds() >= CLIENT_MIN_TTL
