"""Resolve a profile's settings: flags, then environment, then its section, its
`include_profile` targets, then `[default]` (reference §2.3-2.4, with the contract's fixes:
unknown profiles and cycles are errors, and every error names what was wrong)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from aws_vault.config.file import ConfigFile
from aws_vault.config.model import HOUR, Overrides, ProfileConfig
from aws_vault.config.values import (
    parse_duration_seconds,
    parse_session_tags,
    parse_transitive_tags,
    parse_ttl,
)
from aws_vault.errors import ConfigError

_STRING_KEYS = (
    "source_profile", "role_arn", "mfa_serial", "mfa_process", "external_id", "role_session_name",
    "region", "sts_regional_endpoints", "endpoint_url", "source_identity", "credential_process",
    "web_identity_token_file", "web_identity_token_process", "sso_session", "sso_start_url",
    "sso_region", "sso_account_id", "sso_role_name", "sso_registration_scopes",
    "duration_seconds", "session_tags", "transitive_session_tags", "services",
)  # fmt: skip
_SSO_SESSION_KEYS = ("sso_start_url", "sso_region", "sso_registration_scopes")

# Environment variables applied to every profile in the chain, then to the active one only.
_CHAIN_ENV = {
    "region": ("AWS_REGION", "AWS_DEFAULT_REGION"),
    "sts_regional_endpoints": ("AWS_STS_REGIONAL_ENDPOINTS",),
    "mfa_serial": ("AWS_MFA_SERIAL",),
}
_ACTIVE_ENV = {
    "role_arn": "AWS_ROLE_ARN",
    "role_session_name": "AWS_ROLE_SESSION_NAME",
    "session_tags": "AWS_SESSION_TAGS",
    "transitive_session_tags": "AWS_TRANSITIVE_TAGS",
    "source_identity": "AWS_SOURCE_IDENTITY",
}

HasStored = Callable[[str], bool]


def resolve_profile(
    name: str,
    config: ConfigFile,
    env: Mapping[str, str],
    overrides: Overrides | None = None,
    has_stored: HasStored | None = None,
) -> ProfileConfig:
    """The merged settings of `name`, with its `source_profile` chain resolved into `.source`."""
    resolver = _Resolver(config, env, overrides or Overrides(), has_stored or (lambda _: False))
    return resolver.resolve(name, active=True, sourced_by=())


class _Resolver:
    def __init__(
        self, config: ConfigFile, env: Mapping[str, str], overrides: Overrides, has_stored: HasStored
    ) -> None:
        self.config = config
        self.env = env
        self.overrides = overrides
        self.has_stored = has_stored

    def resolve(self, name: str, active: bool, sourced_by: tuple[str, ...]) -> ProfileConfig:
        if name in sourced_by:
            cycle = " -> ".join((*sourced_by[sourced_by.index(name) :], name))
            raise ConfigError(f"source_profile cycle: {cycle}")
        self._require_known(name, sourced_by)
        origins: dict[str, str] = {}
        raw = self._from_environment(active, origins)
        self._fill_from_file(name, raw, visited=[], origins=origins)
        if raw.get("source_profile") == name:
            raw["source_profile"] = ""  # `source_profile = self` means "my own stored keys"
        fields = self._typed(raw, origins)
        source_name = fields["source_profile_name"]
        if source_name:
            source = self.resolve(source_name, active=False, sourced_by=(*sourced_by, name))
            fields["source"] = source
            fields["mfa_process"] = fields["mfa_process"] or source.mfa_process
        return ProfileConfig(name=name, has_section=self.config.has_profile(name), **fields)

    def _require_known(self, name: str, sourced_by: tuple[str, ...]) -> None:
        if self.config.has_profile(name) or self.has_stored(name):
            return
        where = f" (source_profile of {sourced_by[-1]!r})" if sourced_by else ""
        raise ConfigError(
            f"profile {name!r}{where} not found in {self.config.path} "
            "and no stored credentials exist for it",
            hint=f"add it with 'aws-vault add {name}' or a [profile {name}] section",
        )

    def _from_environment(self, active: bool, origins: dict[str, str]) -> dict[str, str]:
        raw = {"region": self.overrides.region} if self.overrides.region else {}
        for key, names in _CHAIN_ENV.items():
            for env_name in names:
                if not raw.get(key) and self.env.get(env_name):
                    raw[key] = self.env[env_name]
        if active:
            for key, env_name in _ACTIVE_ENV.items():
                if self.env.get(env_name):
                    raw[key] = self.env[env_name]
                    origins[key] = env_name
        return raw

    def _fill_from_file(
        self, name: str, raw: dict[str, str], visited: list[str], origins: dict[str, str]
    ) -> None:
        if name in visited:
            raise ConfigError(f"include_profile cycle: {' -> '.join((*visited, name))}")
        visited.append(name)
        section = self.config.profiles.get(name)
        if section is None and visited[0] != name and name != "default":
            raise ConfigError(f"include_profile {name!r} of profile {visited[-2]!r} not found")
        section = section or {}
        for key in _STRING_KEYS:
            if section.get(key) and not raw.get(key):
                raw[key] = section[key]
                origins[key] = _section_label(name)
                if key == "sso_session":
                    self._apply_sso_session(section[key], raw)
        if section.get("include_profile"):
            self._fill_from_file(section["include_profile"], raw, visited, origins)
        elif name != "default" and "default" not in visited:
            # `[default]` ends every include chain. It starts a visited list of its own: when
            # `[default]` has an include_profile, reaching a profile already applied through
            # this implicit step is not a cycle the user wrote (and re-applying it adds nothing,
            # as only empty fields are filled). Cycles inside [default]'s own chain are caught.
            self._fill_from_file("default", raw, [], origins)

    def _apply_sso_session(self, session_name: str, raw: dict[str, str]) -> None:
        session = self.config.sso_sessions.get(session_name)
        if session is None:
            raise ConfigError(f"sso_session {session_name!r} has no [sso-session {session_name}]")
        for key in _SSO_SESSION_KEYS:
            # The session's values win over inline ones, as in aws-vault and the AWS CLI.
            if session.get(key):
                raw[key] = session[key]

    def _typed(self, raw: dict[str, str], origins: dict[str, str]) -> dict[str, Any]:
        fields: dict[str, Any] = {
            key: raw.get(key, "")
            for key in _STRING_KEYS
            if key not in ("source_profile", "duration_seconds", "session_tags",
                           "transitive_session_tags", "services")
        }  # fmt: skip
        fields["source_profile_name"] = raw.get("source_profile", "")
        fields["mfa_token"] = self.overrides.mfa_token
        fields["service_endpoints"] = self._service_endpoints(raw.get("services", ""))
        if raw.get("session_tags"):
            origin = origins.get("session_tags", "session_tags")
            if origin.startswith("AWS_"):
                fields["session_tags"] = parse_session_tags(raw["session_tags"], origin)
            else:
                where = f" in {origin} of {self.config.path}"
                fields["session_tags"] = parse_session_tags(raw["session_tags"], where=where)
        if raw.get("transitive_session_tags"):
            transitive = parse_transitive_tags(raw["transitive_session_tags"])
            fields["transitive_session_tags"] = transitive
        fields.update(self._durations(raw, origins))
        return fields

    def _service_endpoints(self, services: str) -> tuple[tuple[str, str], ...]:
        """`services = NAME` -> ((service id, endpoint url), ...) from `[services NAME]`."""
        if not services:
            return ()
        section = self.config.services.get(services)
        if section is None:
            raise ConfigError(f"services {services!r} has no [services {services}] section")
        return tuple(
            (key.split(".", 1)[0], value)
            for key, value in sorted(section.items())
            if key.endswith(".endpoint_url") and value
        )

    def _durations(self, raw: dict[str, str], origins: dict[str, str]) -> dict[str, int]:
        flag = self.overrides.duration

        def pick(env_name: str, fallback: int) -> int:
            if flag:
                return flag
            if self.env.get(env_name):
                # 0 means "not set", as in aws-vault: the default applies.
                return parse_ttl(self.env[env_name], env_name) or fallback
            return fallback

        role = HOUR
        if raw.get("duration_seconds"):
            where = f" in {origins.get('duration_seconds', '?')} of {self.config.path}"
            role = parse_duration_seconds(raw["duration_seconds"], "duration_seconds", where)
        return {
            "assume_role_duration": pick("AWS_ASSUME_ROLE_TTL", role),
            "session_token_duration": pick("AWS_SESSION_TOKEN_TTL", HOUR),
            "chained_session_token_duration": pick("AWS_CHAINED_SESSION_TOKEN_TTL", 8 * HOUR),
            "federation_token_duration": pick("AWS_FEDERATION_TOKEN_TTL", HOUR),
        }


def _section_label(name: str) -> str:
    return "[default]" if name == "default" else f"[profile {name}]"
