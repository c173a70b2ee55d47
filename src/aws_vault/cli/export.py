"""`aws-vault export PROFILE`: print credentials as env lines, JSON or INI."""

from __future__ import annotations

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.cli.credentials import credential_options, flags_from, get_credentials, guard_nested
from aws_vault.credentials import Credentials, to_process_json
from aws_vault.environment import assigned, session_env
from aws_vault.shells.quoting import posix_quote
from aws_vault.timefmt import iso8601

FORMATS = ("env", "export-env", "json", "ini")


def _env_lines(profile: str, creds: Credentials, region: str, prefix: str) -> str:
    pairs = assigned(session_env(profile, creds, region))
    return "".join(
        f"{prefix}{name}={posix_quote(value)}\n" for name, value in pairs if name != "AWS_VAULT"
    )


def _ini(profile: str, creds: Credentials, region: str) -> str:
    lines = [
        f"[{profile}]",
        f"aws_access_key_id={creds.access_key_id}",
        f"aws_secret_access_key={creds.secret_access_key}",
    ]
    if creds.session_token:
        lines.append(f"aws_session_token={creds.session_token}")
    if creds.expiration is not None:
        lines.append(f"aws_credential_expiration={iso8601(creds.expiration)}")
    if region:
        lines.append(f"region={region}")
    return "\n".join(lines) + "\n"


def render(fmt: str, profile: str, creds: Credentials, region: str) -> str:
    if fmt == "json":
        return to_process_json(creds)
    if fmt == "ini":
        return _ini(profile, creds, region)
    return _env_lines(profile, creds, region, "export " if fmt == "export-env" else "")


@click.command("export")
@click.argument("profile")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="env", show_default=True,
              help="Output format.")  # fmt: skip
@credential_options
@pass_app
def export_cmd(app: App, profile: str, fmt: str, **options: object) -> None:
    """Export AWS credentials."""
    if fmt in ("env", "export-env"):
        guard_nested(app, "export")
    config, creds = get_credentials(app, profile, flags_from(options))
    click.echo(render(fmt, profile, creds, config.region), nl=False)
