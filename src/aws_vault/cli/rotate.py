"""`aws-vault rotate PROFILE`: replace the long-term access key behind a profile."""

from __future__ import annotations

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.cli.credentials import CredentialFlags, chain_options, resolve
from aws_vault.providers.chain import build_provider
from aws_vault.rotate import prepare, rotate


def _say(message: str) -> None:
    click.echo(message, err=True)


@click.command("rotate")
@click.argument("profile")
@click.option("-n", "--no-session", is_flag=True, help="Use master credentials, no session or role used.")
@pass_app
def rotate_cmd(app: App, profile: str, no_session: bool) -> None:
    """Rotate the access key of a profile's long-term credentials."""
    flags = CredentialFlags(no_session=no_session)
    config = resolve(app, profile, flags)
    vault = app.vault()
    rotation = prepare(config, vault)
    how = "master credentials" if no_session else f"a session from profile '{profile}'"
    _say(f"Rotating credentials stored for profile '{rotation.master.name}' using {how} (takes 10-20 seconds)")
    iam_creds = None
    if not no_session:
        # A fresh session, never a cached one: it may be made from the key being replaced.
        options = chain_options(app, flags, use_cache=False)
        iam_creds = build_provider(config, vault, options).retrieve()
    rotate(rotation, iam_creds, vault, config.chain(), _say)
