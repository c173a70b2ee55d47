"""`aws-vault allow [PATH]` / `aws-vault deny [PATH]`: trust or distrust a directory profile."""

from __future__ import annotations

from pathlib import Path

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.dirprofile import TrustStore, read_profile, resolve_target


@click.command("allow")
@click.argument("path", required=False)
@pass_app
def allow(app: App, path: str | None) -> None:
    """Trust a .aws-profile file (default: the one that applies here)."""
    target = resolve_target(path, Path.cwd())
    profile = read_profile(target)
    TrustStore(app.env).allow(target)
    click.echo(f"aws-vault: allowed {target} (profile {profile})", err=True)

@click.command("deny")
@click.argument("path", required=False)
@pass_app
def deny(app: App, path: str | None) -> None:
    """Stop trusting a .aws-profile file."""
    target = resolve_target(path, Path.cwd())
    removed = TrustStore(app.env).deny(target)
    click.echo(f"aws-vault: {'denied' if removed else 'was not allowed:'} {target}", err=True)
