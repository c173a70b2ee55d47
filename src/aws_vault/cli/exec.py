"""`aws-vault exec PROFILE [-- CMD ARGS...]`: run a command with credentials in its environment."""

from __future__ import annotations

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.cli.argv import with_command_separator
from aws_vault.cli.credentials import (
    CredentialFlags,
    chain_options,
    flags_from,
    get_credentials,
    guard_nested,
    resolve,
)
from aws_vault.cli.options import credential_options
from aws_vault.cli.output import command_line, exec_with_credentials
from aws_vault.credentials import to_process_json
from aws_vault.errors import UsageError
from aws_vault.providers.chain import build_provider


class ExecCommand(click.Command):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # Everything after the profile that is not exec's own option is the command to run.
        return super().parse_args(ctx, with_command_separator(args))


def _validate(
    app: App, flags: CredentialFlags, ecs_server: bool, ec2_server: bool, as_json: bool
) -> None:
    if ec2_server and ecs_server:
        raise UsageError("Can't use --ec2-server with --ecs-server")
    for enabled, name in ((ec2_server, "--ec2-server"), (ecs_server, "--ecs-server")):
        if not enabled:
            continue
        if as_json:
            raise UsageError(f"Can't use {name} with --json")
        if flags.no_session:
            raise UsageError(f"Can't use {name} with --no-session")
        if app.prompt_driver == "terminal":
            raise UsageError(
                f"Can't use --prompt=terminal with {name}. Specify a different prompt driver"
            )


def _serve(
    app: App, profile: str, flags: CredentialFlags, argv: list[str], lazy: bool, ec2: bool
) -> int:
    from aws_vault.servers.cache import REFRESH_MARGIN
    from aws_vault.servers.run import exec_with_ec2_server, exec_with_ecs_server

    config = resolve(app, profile, flags)
    # Sessions handed to SDKs must outlive botocore's 15-minute refresh window.
    options = chain_options(app, flags, min_ttl=REFRESH_MARGIN + 60)
    provider = build_provider(config, app.vault(), options)
    if ec2:
        click.echo(
            "Warning: Starting a local EC2 credential server on 169.254.169.254:80; AWS "
            "credentials will be accessible to any process while it is running", err=True,
        )  # fmt: skip
        return exec_with_ec2_server(config, provider.retrieve, argv, app.env)
    return exec_with_ecs_server(config, provider.retrieve, argv, app.env, lazy)


@click.command("exec", cls=ExecCommand)
@click.argument("profile")
@click.argument("command", nargs=-1, type=click.UNPROCESSED)
@credential_options
@click.option("--ecs-server", "--server", "-s", "ecs_server", is_flag=True,
              help="Serve credentials to the command through a local ECS credential server.")
@click.option("--ec2-server", is_flag=True,
              help="Serve credentials through a local EC2 instance-metadata emulation.")
@click.option("--lazy", is_flag=True, help="With --ecs-server, fetch credentials on first use.")
@click.option("-j", "--json", "as_json", is_flag=True, hidden=True,
              help="Print credentials as credential_process JSON (deprecated: use export).")  # fmt: skip
@pass_app
def exec_cmd(
    app: App, profile: str, command: tuple[str, ...], ecs_server: bool, ec2_server: bool,
    lazy: bool, as_json: bool, **options: object,
) -> int | None:  # fmt: skip
    """Execute a command with AWS credentials (a subshell when no command is given)."""
    guard_nested(app, "exec")
    flags = flags_from(options)
    _validate(app, flags, ecs_server, ec2_server, as_json)
    if ecs_server or ec2_server:
        return _serve(app, profile, flags, command_line(app, command), lazy, ec2_server)
    if as_json:
        _config, creds = get_credentials(app, profile, flags)
        click.echo(to_process_json(creds), nl=False)
        return None
    exec_with_credentials(app, profile, flags, command_line(app, command))
    return None
