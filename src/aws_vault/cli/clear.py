"""`aws-vault clear [PROFILE]`: delete cached sessions and SSO tokens."""

from __future__ import annotations

from datetime import datetime, timezone

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.config.resolve import resolve_profile
from aws_vault.store.keys import oidc_key
from aws_vault.store.vault import Vault


def _clear_profile(app: App, vault: Vault, profile: str) -> int:
    config = resolve_profile(profile, app.config(), app.env, has_stored=vault.has_credentials)
    count = 0
    # The profile's own sessions, and those of its sources (a GetSessionToken session is kept
    # under the profile holding the long-term keys).
    for link in config.chain():
        count += vault.delete_sessions(link.name)
        if link.sso_start_url:
            count += vault.delete_item(oidc_key(link.sso_start_url))
    return count


def _clear_all(vault: Vault) -> int:
    count = vault.remove_expired_sessions(datetime.now(timezone.utc))
    count += vault.delete_sessions()
    for url in vault.oidc_start_urls():
        count += vault.delete_item(oidc_key(url))
    return count


@click.command("clear")
@click.argument("profile", required=False)
@pass_app
def clear(app: App, profile: str | None) -> None:
    """Clear temporary credentials from the secure keystore."""
    vault = app.vault()
    count = _clear_profile(app, vault, profile) if profile else _clear_all(vault)
    click.echo(f"Cleared {count} sessions.")
