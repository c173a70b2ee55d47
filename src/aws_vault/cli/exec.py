"""`aws-vault exec PROFILE [-- CMD ARGS...]`: run a command with credentials in its environment."""

from __future__ import annotations

import os
import sys

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.cli.argv import with_command_separator
from aws_vault.cli.credentials import credential_options, flags_from, get_credentials, guard_nested
from aws_vault.credentials import to_process_json
from aws_vault.environment import apply, session_env
from aws_vault.errors import AwsVaultError


class ExecCommand(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Everything after the profile that is not exec's own option is the command to run.
        return super().parse_args(ctx, with_command_separator(args))


def _run(command: list[str], env: dict[str, str]) -> None:
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execvpe(command[0], command, env)
    except FileNotFoundError:
        raise AwsVaultError(f"Couldn't find the executable '{command[0]}'") from None
    except OSError as error:
        raise AwsVaultError(f"cannot run '{command[0]}': {error.strerror}") from None


@click.command("exec", cls=ExecCommand)
@click.argument("profile")
@click.argument("command", nargs=-1, type=click.UNPROCESSED)
@credential_options
@click.option("-j", "--json", "as_json", is_flag=True, hidden=True,
              help="Print credentials as credential_process JSON (deprecated: use export).")  # fmt: skip
@pass_app
def exec_cmd(app: App, profile: str, command: tuple[str, ...], as_json: bool, **options: object) -> None:
    """Execute a command with AWS credentials (a subshell when no command is given)."""
    guard_nested(app, "exec")
    config, creds = get_credentials(app, profile, flags_from(options))
    if as_json:
        click.echo(to_process_json(creds), nl=False)
        return
    env = apply(app.env, session_env(profile, creds, config.region, config.endpoint_url))
    argv = list(command)
    if not argv:
        shell = app.env.get("SHELL") or "/bin/sh"
        argv = [shell]
        if app.env.get("AWS_VAULT_DISABLE_HELP_MESSAGE") != "1":
            click.echo(f"Starting subshell {shell}, use `exit` to exit the subshell", err=True)
    _run(argv, env)
