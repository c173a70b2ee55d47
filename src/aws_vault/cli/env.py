"""`aws-vault env PROFILE`: shell code that puts a profile's credentials into the current shell."""

from __future__ import annotations

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.cli.credentials import (
    CredentialFlags,
    credential_options,
    flags_from,
    get_credentials,
    min_ttl,
)
from aws_vault.environment import CLEARED, EnvChanges, session_env
from aws_vault.errors import UsageError
from aws_vault.shells.render import SHELLS, detect_shell, render

# State the hook reads with shell arithmetic only: no process per prompt.
HOOK_STATE = ("_AWS_VAULT_EXPIRES", "_AWS_VAULT_REFRESH_AT")
SET_BY_ENV = (*CLEARED, "AWS_VAULT", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", *HOOK_STATE)


def unset_all() -> EnvChanges:
    return dict.fromkeys(SET_BY_ENV)


def profile_changes(app: App, profile: str, flags: CredentialFlags) -> EnvChanges:
    config, creds = get_credentials(app, profile, flags)
    changes = {**unset_all(), **session_env(profile, creds, config.region, config.endpoint_url)}
    if creds.expiration is not None:
        expires = int(creds.expiration.timestamp())
        changes["_AWS_VAULT_EXPIRES"] = str(expires)
        changes["_AWS_VAULT_REFRESH_AT"] = str(expires - min_ttl(app))
    return changes


def shell_name(app: App, requested: str | None) -> str:
    return requested or detect_shell(app.env.get("SHELL", ""))


@click.command("env")
@click.argument("profile", required=False)
@click.option("--shell", "shell", type=click.Choice(sorted(SHELLS)), help="Shell to print code for.")
@click.option("--unset", "unset", is_flag=True, help="Print code that removes the credentials.")
@credential_options
@pass_app
def env_cmd(app: App, profile: str | None, shell: str | None, unset: bool, **options: object) -> None:
    """Print shell code that sets a profile's credentials in the current shell."""
    flags = flags_from(options)
    if unset:
        changes = unset_all()
    elif not profile:
        raise UsageError("env needs a PROFILE (or --unset)")
    else:
        changes = profile_changes(app, profile, flags)
    click.echo(render(shell_name(app, shell), changes), nl=False)
