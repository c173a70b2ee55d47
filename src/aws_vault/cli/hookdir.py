"""`aws-vault hook-dir --shell S [FILE]` (hidden): what the hook evaluates when the nearest
`.aws-profile` changes. Entering an allowed file's tree switches to its profile and remembers
what was active before; leaving it restores exactly that (a profile, or no credentials)."""

from __future__ import annotations

from pathlib import Path

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.cli.credentials import CredentialFlags
from aws_vault.cli.output import ARGS_VAR, decode_flags, profile_changes, unset_all
from aws_vault.dirprofile import TrustStore, read_profile
from aws_vault.environment import EnvChanges
from aws_vault.errors import AwsVaultError
from aws_vault.shells.render import SHELLS, render

FILE_VAR, ACTIVE_VAR = "_AWS_VAULT_DIR_FILE", "_AWS_VAULT_DIR_ACTIVE"
PREVIOUS_VAR, PREVIOUS_ARGS_VAR = "_AWS_VAULT_PREV", "_AWS_VAULT_PREV_ARGS"


def _restore(app: App) -> EnvChanges:
    previous = app.env.get(PREVIOUS_VAR, "")
    if previous:
        flags = decode_flags(app.env.get(PREVIOUS_ARGS_VAR, ""))
        changes = profile_changes(app, previous, flags)
    else:
        changes = unset_all(app.env)
    return {**changes, ACTIVE_VAR: None, PREVIOUS_VAR: None, PREVIOUS_ARGS_VAR: None}


def _enter(app: App, path: Path) -> EnvChanges:
    # `allow` records the real path; the shell may have come through a symlink.
    if not TrustStore(app.env).is_allowed(path.resolve()):
        click.echo(
            f"aws-vault: {path} is not allowed; run 'aws-vault allow' to use its profile", err=True
        )
        return {}
    changes = profile_changes(app, read_profile(path), CredentialFlags())
    changes[ACTIVE_VAR] = "1"
    keep_previous = app.env.get(ACTIVE_VAR) == "1"
    changes[PREVIOUS_VAR] = app.env.get(PREVIOUS_VAR if keep_previous else "AWS_VAULT", "")
    changes[PREVIOUS_ARGS_VAR] = app.env.get(PREVIOUS_ARGS_VAR if keep_previous else ARGS_VAR, "")
    return changes


def decide(app: App, file: str) -> EnvChanges:
    """Changes for moving to a tree governed by `file` ("" = none)."""
    active = app.env.get(ACTIVE_VAR) == "1"
    try:
        changes = _enter(app, Path(file)) if file else {}
    except AwsVaultError as error:
        # One line; the file is still recorded so the message does not come back every prompt.
        click.echo(f"aws-vault: error: {error}", err=True)
        changes = {}
    if not changes and active:
        # Leaving an applied tree (for none, or for a file we cannot obey): back to before.
        try:
            changes = _restore(app)
        except AwsVaultError as error:
            click.echo(f"aws-vault: error: {error}", err=True)
            changes = {**unset_all(app.env), ACTIVE_VAR: None, PREVIOUS_VAR: None}
    return {**changes, FILE_VAR: file or None}


@click.command("hook-dir", hidden=True)
@click.argument("file", required=False, default="")
@click.option("--shell", "shell", type=click.Choice(sorted(SHELLS)), required=True)
@pass_app
def hook_dir(app: App, file: str, shell: str) -> None:
    """Switch credentials for a directory profile (used by the shell hook)."""
    click.echo(render(shell, decide(app, file)), nl=False)
