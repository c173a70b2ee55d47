"""`aws-vault export PROFILE`: print credentials as env lines, JSON or INI."""

from __future__ import annotations

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.cli.credentials import flags_from, get_credentials, guard_nested
from aws_vault.cli.options import credential_options
from aws_vault.cli.output import EXPORT_FORMATS, render_export


@click.command("export")
@click.argument("profile")
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="env",
              show_default=True, help="Output format.")  # fmt: skip
@credential_options
@pass_app
def export_cmd(app: App, profile: str, fmt: str, **options: object) -> None:
    """Export AWS credentials."""
    if fmt in ("env", "export-env"):
        guard_nested(app, "export")
    config, creds = get_credentials(app, profile, flags_from(options))
    click.echo(render_export(fmt, profile, creds, config.region), nl=False)
