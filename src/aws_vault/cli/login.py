"""`aws-vault login [PROFILE]`: open (or print) an AWS console sign-in URL."""

from __future__ import annotations

import click

from aws_vault import console
from aws_vault.browser import can_open_browser, open_in_browser
from aws_vault.cli.app import App, pass_app
from aws_vault.cli.credentials import CredentialFlags, chain_options, resolve
from aws_vault.config.model import HOUR, ProfileConfig
from aws_vault.config.values import parse_ttl
from aws_vault.credentials import Credentials
from aws_vault.errors import AwsVaultError, UsageError
from aws_vault.login import console_credentials
from aws_vault.providers.base import Provider
from aws_vault.providers.chain import build_provider
from aws_vault.providers.session_token import endpoint_of


def _environment_credentials(app: App) -> Credentials:
    env = app.env
    key_id = env.get("AWS_ACCESS_KEY_ID") or env.get("AWS_ACCESS_KEY")
    secret = env.get("AWS_SECRET_ACCESS_KEY") or env.get("AWS_SECRET_KEY")
    if not key_id or not secret:
        raise UsageError(
            "login needs a PROFILE, or credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
        )
    return Credentials(key_id, secret, env.get("AWS_SESSION_TOKEN", ""))


def _credentials(app: App, profile: str | None, flags: CredentialFlags):  # type: ignore[no-untyped-def]
    """(settings, provider or None for the environment's keys, credentials)."""
    if not profile:
        region = flags.region or app.env.get("AWS_REGION") or app.env.get("AWS_DEFAULT_REGION", "")
        duration = parse_ttl(flags.duration, "--duration") if flags.duration else HOUR
        config = ProfileConfig(name="", region=region, federation_token_duration=duration)
        return config, None, _environment_credentials(app)
    config = resolve(app, profile, flags)
    # A GetSessionToken session cannot be federated, so the profile itself never gets one.
    options = chain_options(app, flags, session_excluded_profile=config.name)
    provider: Provider = build_provider(config, app.vault(), options)
    return config, provider, provider.retrieve()


@click.command("login")
@click.argument("profile", required=False)
@click.option("-d", "--duration", default="", envvar="AWS_VAULT_DURATION",
              help="Duration of the console session (e.g. 1h).")
@click.option("-n", "--no-session", is_flag=True, help="Use the long-term keys, no session.")
@click.option("-t", "--mfa-token", default="", help="The MFA token to use.")
@click.option("--path", default="", help="The console page to open, e.g. ec2/v2/home.")
@click.option("--region", default="", help="The AWS region.")
@click.option("-s", "--stdout", "to_stdout", is_flag=True, envvar="AWS_VAULT_STDOUT",
              help="Print the sign-in URL instead of opening a browser.")  # fmt: skip
@pass_app
def login(
    app: App, profile: str | None, duration: str, no_session: bool, mfa_token: str,
    path: str, region: str, to_stdout: bool,
) -> None:  # fmt: skip
    """Generate a login link for the AWS Console."""
    flags = CredentialFlags(duration, no_session, region, mfa_token, to_stdout)
    config, provider, creds = _credentials(app, profile, flags)
    signin, is_role = console_credentials(
        provider, creds, endpoint_of(config), config.federation_token_duration
    )
    federation = app.env.get("AWS_VAULT_FEDERATION_URL") or console.partition(config.region).federation
    session_duration = parse_ttl(duration, "--duration") if duration and is_role else None
    token = console.signin_token(federation, signin, session_duration)
    url = console.login_url(federation, console.destination(config.region, path), token)
    if to_stdout:
        click.echo(url)
        return
    if not (can_open_browser(app.env) and open_in_browser(url)):
        raise AwsVaultError("Failed to open a browser for the sign-in URL", hint="use --stdout")
    click.echo("Opened the AWS console in your browser", err=True)
