"""Shared by exec, export, env and login: turn a profile and the credential flags into
credentials, through the provider chain."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import click

from aws_vault import locks, prompts
from aws_vault.cli.app import App
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


def credential_options(function):  # type: ignore[no-untyped-def]
    """The flags every credential-producing command takes."""
    decorators = [
        click.option("-d", "--duration", default="", envvar="AWS_VAULT_DURATION",
                     help="Duration of the temporary or assume-role session (e.g. 1h)."),
        click.option("-n", "--no-session", is_flag=True,
                     help="Skip GetSessionToken: use the long-term keys directly."),
        click.option("--region", default="", help="The AWS region."),
        click.option("-t", "--mfa-token", default="", help="The MFA token to use."),
        click.option("--stdout", is_flag=True, envvar="AWS_VAULT_STDOUT",
                     help="Print the SSO link instead of opening a browser."),
    ]  # fmt: skip
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


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
    driver = prompts.choose(app.prompt_driver, app.env.get("PATH"))
    lock = functools.partial(locks.exclusive, lock_dir(app))
    fields: dict[str, object] = {
        "no_session": flags.no_session,
        "min_ttl": min_ttl(app),
        "mfa_code_for": lambda config: mfa_code_source(config, driver, app.env),
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
