"""Shared by exec, export, env and login: turn a profile and the credential flags into
credentials, through the provider chain."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from aws_vault import locks
from aws_vault.cli.state import App
from aws_vault.config.model import Overrides, ProfileConfig
from aws_vault.config.resolve import resolve_profile
from aws_vault.config.values import parse_ttl
from aws_vault.credentials import Credentials
from aws_vault.errors import NestedSessionError
from aws_vault.providers.chain import ChainOptions, build_provider
from aws_vault.providers.mfa import mfa_code_source

DEFAULT_MIN_TTL = 300


@dataclass(frozen=True)
class CredentialFlags:
    duration: str = ""
    no_session: bool = False
    region: str = ""
    mfa_token: str = ""
    stdout: bool = False


def flags_from(options: dict[str, object]) -> CredentialFlags:
    names = ("duration", "no_session", "region", "mfa_token", "stdout")
    return CredentialFlags(**{name: options.pop(name) for name in names})  # type: ignore[arg-type]


def guard_nested(app: App, command: str) -> None:
    active = app.env.get("AWS_VAULT")
    if active:
        raise NestedSessionError(
            f"{command}: running in an existing aws-vault session for profile {active!r}",
            hint="'exit' from the subshell, or unset AWS_VAULT to force "
            "(use 'aws-vault env' to switch profiles in place)",
        )


def lock_dir(app: App) -> Path:
    data = app.env.get("XDG_DATA_HOME") or str(Path(app.env.get("HOME", "~")) / ".local/share")
    return Path(data).expanduser() / "aws-vault" / "locks"


def min_ttl(app: App) -> int:
    """AWS_MIN_TTL: reuse or keep credentials only while more than this is left."""
    if app.env.get("AWS_MIN_TTL"):
        return parse_ttl(app.env["AWS_MIN_TTL"], "AWS_MIN_TTL")
    return DEFAULT_MIN_TTL


def chain_options(app: App, flags: CredentialFlags, **extra: object) -> ChainOptions:
    lock = functools.partial(locks.exclusive, lock_dir(app))
    fields: dict[str, object] = {
        "no_session": flags.no_session,
        "min_ttl": min_ttl(app),
        "mfa_code_for": lambda config: mfa_code_source(config, app.prompt_driver, app.env),
        "lock": lock,
        "sso_provider": functools.partial(_sso_provider, app, flags, lock),
    }
    return ChainOptions(**{**fields, **extra})  # type: ignore[arg-type]


def _sso_provider(app: App, flags: CredentialFlags, lock, config: ProfileConfig):  # type: ignore[no-untyped-def]
    from aws_vault.providers.sso import SsoProvider

    return SsoProvider(config, app.vault(), lock, print_only=flags.stdout, env=app.env)


def resolve(app: App, profile: str, flags: CredentialFlags) -> ProfileConfig:
    duration = parse_ttl(flags.duration, "--duration") if flags.duration else None
    overrides = Overrides(region=flags.region, mfa_token=flags.mfa_token, duration=duration)
    vault = app.vault()
    return resolve_profile(profile, app.config(), app.env, overrides, vault.has_credentials)


def get_credentials(
    app: App, profile: str, flags: CredentialFlags, **extra: object
) -> tuple[ProfileConfig, Credentials]:
    config = resolve(app, profile, flags)
    provider = build_provider(config, app.vault(), chain_options(app, flags, **extra))
    return config, provider.retrieve()
