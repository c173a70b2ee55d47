"""`aws-vault add PROFILE`: store long-term keys."""

from __future__ import annotations

from pathlib import Path

import click

from aws_vault import terminal
from aws_vault.cli.app import App, pass_app
from aws_vault.config.file import append_profile
from aws_vault.credentials import Credentials
from aws_vault.errors import ConfigError, UsageError
from aws_vault.store.keys import is_credential_key


def _keys_from_env(app: App) -> tuple[str, str]:
    values = []
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        value = app.env.get(name, "").strip()
        if not value:
            raise UsageError(f"Missing value for {name}")
        values.append(value)
    if app.env.get("AWS_SESSION_TOKEN") or values[0].startswith("ASIA"):
        # Inside `exec` or after `env`, these are a session's keys, useless once it expires.
        raise UsageError(
            "AWS_ACCESS_KEY_ID holds temporary credentials (a session), not long-term keys",
            hint="run add outside aws-vault sessions (aws-vault use --unset)",
        )
    return values[0], values[1]


def _keys_from_terminal() -> tuple[str, str]:
    try:
        key_id = terminal.ask("Enter Access Key ID: ").strip()
        secret = terminal.ask("Enter Secret Access Key: ", secret=True).strip()
    except terminal.NoTerminal:
        raise UsageError(
            "add needs a terminal to ask for the keys",
            hint="pass them in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY with --env",
        ) from None
    if not key_id or not secret:
        raise UsageError("an empty Access Key ID or Secret Access Key was entered")
    return key_id, secret


def _check_profile_name(profile: str) -> None:
    """Names that cannot round-trip through the config file or the store are refused up front
    (an empty name or `.`/`..` would be the store directory itself; `]` or a newline would
    write a section header that reads back as another profile)."""
    if not profile.strip() or profile != profile.strip():
        raise UsageError(f"invalid profile name {profile!r}: empty or surrounded by whitespace")
    if profile in (".", ".."):
        raise UsageError(f"invalid profile name {profile!r}")
    if any(char in "[]" or not char.isprintable() for char in profile):
        raise UsageError(
            f"invalid profile name {profile!r}: brackets and control characters are not allowed"
        )
    if not is_credential_key(profile):
        # Stored under such a name, the keys would be taken for a session or SSO token.
        raise UsageError(f"invalid profile name {profile!r}: it looks like a session or token key")


@click.command()
@click.argument("profile")
@click.option("--env", "from_env", is_flag=True, help="Read the credentials from the environment.")
@click.option(
    "--add-config/--no-add-config", default=True, help="Add a profile to ~/.aws/config if missing."
)
@pass_app
def add(app: App, profile: str, from_env: bool, add_config: bool) -> None:
    """Add credentials to the secure keystore."""
    _check_profile_name(profile)
    config = app.config()
    source = config.profiles.get(profile, {}).get("source_profile")
    if source and source != profile:  # `source_profile = itself` means "my own stored keys"
        raise ConfigError(
            f"Your profile has a source_profile of {source}, "
            f"adding credentials to {profile} won't have any effect"
        )
    key_id, secret = _keys_from_env(app) if from_env else _keys_from_terminal()
    vault = app.vault()
    vault.set_credentials(profile, Credentials(key_id, secret))
    click.echo(f'Added credentials to profile "{profile}" in vault')
    deleted = vault.delete_sessions(profile)
    if deleted:
        click.echo(f"Deleted {deleted} existing sessions.", err=True)
    if add_config and not config.has_profile(profile):
        _add_section(config.path, profile)


def _add_section(path: Path, profile: str) -> None:
    header = "[default]" if profile == "default" else f"[profile {profile}]"
    # AWS_CONFIG_FILE=/dev/null (or another device) must never be replaced by a regular file.
    if path.exists() and not path.resolve().is_file():
        click.echo(f"Not adding {header} to {path}: it is not a regular file.", err=True)
        return
    try:
        append_profile(path, profile, {})
    except OSError as error:
        raise ConfigError(
            f"credentials were stored, but {header} could not be added to {path}: "
            f"{error.strerror or error}",
            hint="add the section yourself, or use --no-add-config",
        ) from None
