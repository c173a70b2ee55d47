"""`aws-vault remove PROFILE`: delete stored keys and the profile's cached sessions."""

from __future__ import annotations

import click

from aws_vault import terminal
from aws_vault.cli.app import App, pass_app
from aws_vault.errors import CredentialsNotFound, UsageError


def _confirmed(profile: str) -> bool:
    try:
        answer = terminal.ask(f'Delete credentials for profile "{profile}"? (y|N) ')
    except terminal.NoTerminal:
        raise UsageError("no terminal to confirm the deletion", hint="use -f to skip it") from None
    return answer.strip().lower() in ("y", "yes")


@click.command()
@click.argument("profile")
@click.option("-f", "--force", is_flag=True, help="Do not ask for confirmation.")
@pass_app
def remove(app: App, profile: str, force: bool) -> None:
    """Remove credentials from the secure keystore."""
    vault = app.vault()
    if not vault.has_credentials(profile):
        raise CredentialsNotFound(f"no credentials are stored for profile {profile!r}")
    if not force and not _confirmed(profile):
        click.echo("Nothing deleted.", err=True)
        return
    vault.delete_credentials(profile)
    sessions = vault.delete_sessions(profile)
    click.echo("Deleted credentials.")
    if sessions:
        click.echo(f"Deleted {sessions} sessions.", err=True)
