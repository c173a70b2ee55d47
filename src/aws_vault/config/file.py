"""The config file as sections, and the one way we ever change it: appending a section."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from aws_vault.config.ini import parse_ini
from aws_vault.errors import ConfigError

# Keys aws-vault reads from a profile; anything else (output, s3, cli_*) is ignored.
PROFILE_KEYS = (
    "mfa_serial", "role_arn", "external_id", "region", "role_session_name", "duration_seconds",
    "source_profile", "include_profile", "sso_session", "sso_start_url", "sso_region",
    "sso_account_id", "sso_role_name", "sso_registration_scopes", "web_identity_token_file",
    "web_identity_token_process", "sts_regional_endpoints", "endpoint_url", "session_tags",
    "transitive_session_tags", "source_identity", "credential_process", "mfa_process",
)  # fmt: skip


def config_path(env: Mapping[str, str]) -> Path:
    configured = env.get("AWS_CONFIG_FILE")
    if configured:
        return Path(os.path.expanduser(configured))
    return Path(env.get("HOME") or os.path.expanduser("~")) / ".aws" / "config"


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    profiles: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    sso_sessions: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    services: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def has_profile(self, name: str) -> bool:
        return name in self.profiles

    def profile_names(self) -> list[str]:
        """Profiles in file order; a `[default]` with nothing aws-vault reads is left out."""
        return [
            name
            for name, values in self.profiles.items()
            if name != "default" or any(values.get(k) for k in PROFILE_KEYS)
        ]


def _profile_name(header: str) -> str | None:
    if header == "default":
        return "default"
    kind, _, name = header.partition(" ")
    if kind == "profile" and name:
        # `[profile default]` would shadow `[default]`; aws-vault ignores it and so do we.
        return None if name == "default" else name
    return None


def parse_config(text: str, path: Path) -> ConfigFile:
    profiles: dict[str, dict[str, str]] = {}
    sso_sessions: dict[str, dict[str, str]] = {}
    services: dict[str, dict[str, str]] = {}
    for section in parse_ini(text, str(path)):
        kind, _, name = section.header.partition(" ")
        if kind == "sso-session" and name:
            sso_sessions[name] = section.values
            continue
        if kind == "services" and name:
            services[name] = section.values
            continue
        profile = _profile_name(section.header)
        if profile is not None:
            profiles.setdefault(profile, {}).update(section.values)
    return ConfigFile(path, profiles, sso_sessions, services)


def load_config(path: Path) -> ConfigFile:
    """Read the config; a missing file is an empty config (nothing is created just by reading)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ConfigFile(path)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from error
    return parse_config(text, path)


def section_text(name: str, values: Mapping[str, str]) -> str:
    header = "[default]" if name == "default" else f"[profile {name}]"
    lines = [header] + [f"{key}={value}" for key, value in values.items() if value]
    return "\n".join(lines) + "\n"


def append_profile(path: Path, name: str, values: Mapping[str, str]) -> None:
    """Append a section; every byte already in the file stays as it was."""
    target = path.resolve() if path.is_symlink() else path
    try:
        existing = target.read_bytes()
    except FileNotFoundError:
        existing = b""
    # Keep the file's own line ending, so a CRLF file does not end up with mixed endings.
    newline = b"\r\n" if b"\r\n" in existing else b"\n"
    if not existing:
        prefix = b""
    elif existing.endswith((b"\n", b"\r")):
        prefix = newline
    else:
        prefix = newline + newline
    section = section_text(name, values).encode().replace(b"\n", newline)
    _atomic_write(target, existing + prefix + section)


def _atomic_write(path: Path, data: bytes) -> None:
    import tempfile

    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o600
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".config.")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
