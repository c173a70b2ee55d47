"""`aws-vault env PROFILE`: shell code that puts a profile's credentials into the current shell."""

from __future__ import annotations

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.cli.credentials import flags_from
from aws_vault.cli.options import credential_options
from aws_vault.cli.output import (
    ARGS_VAR,
    decode_flags,
    profile_changes,
    shell_name,
    unset_all,
)
from aws_vault.errors import UsageError
from aws_vault.shells.render import SHELLS, render


@click.command("env")
@click.argument("profile", required=False)
@click.option("--shell", "shell", type=click.Choice(sorted(SHELLS)), help="Shell to print code for.")
@click.option("--unset", "unset", is_flag=True, help="Print code that removes the credentials.")
@click.option("--refresh", is_flag=True, hidden=True,
              help="Renew the active profile with the flags it was set with (used by the hook).")
@credential_options
@pass_app
def env_cmd(
    app: App, profile: str | None, shell: str | None, unset: bool, refresh: bool, **options: object
) -> None:
    """Print shell code that sets a profile's credentials in the current shell."""
    flags = flags_from(options)
    if refresh and app.env.get("AWS_VAULT"):
        profile, flags = app.env["AWS_VAULT"], decode_flags(app.env.get(ARGS_VAR, ""))
    if unset:
        changes = unset_all(app.env)
    elif not profile:
        raise UsageError("env needs a PROFILE (or --unset)")
    else:
        changes = profile_changes(app, profile, flags)
    click.echo(render(shell_name(app, shell), changes), nl=False)
