"""The root command group: global options and a lazy registry of subcommands, so that `--help`,
`--version`, `hook`, `prompt` and completion never import what they do not use."""

from __future__ import annotations

import importlib
import logging
import sys

import click

from aws_vault import __version__
from aws_vault.cli.app import App, current_env
from aws_vault.store.select import StoreOptions

COMMANDS = {
    "add": "aws_vault.cli.add:add",
    "remove": "aws_vault.cli.remove:remove",
    "list": "aws_vault.cli.list:list_cmd",
    "exec": "aws_vault.cli.exec:exec_cmd",
    "export": "aws_vault.cli.export:export_cmd",
    "clear": "aws_vault.cli.clear:clear",
    "env": "aws_vault.cli.env:env_cmd",
    "hook": "aws_vault.cli.hook:hook",
    "completion": "aws_vault.cli.hook:completion",
    "prompt": "aws_vault.cli.prompt:prompt",
    "allow": "aws_vault.cli.allow:allow",
    "deny": "aws_vault.cli.allow:deny",
    "hook-dir": "aws_vault.cli.hookdir:hook_dir",
    "__complete": "aws_vault.cli.complete:complete",
    "login": "aws_vault.cli.login:login",
    "rotate": "aws_vault.cli.rotate:rotate_cmd",
    "proxy": "aws_vault.cli.proxy:proxy",
}
ALIASES = {"rm": "remove", "ls": "list"}
HIDDEN = frozenset({"hook-dir", "__complete"})  # used by the hook and completion scripts


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(ALIASES.get(cmd_name, cmd_name))
        if target is None:
            return None
        module_name, _, attribute = target.partition(":")
        command: click.Command = getattr(importlib.import_module(module_name), attribute)
        return command

    def resolve_command(self, ctx, args):  # type: ignore[no-untyped-def]
        # Report the canonical name for aliases (`rm` -> `remove`) in help and errors.
        _name, command, rest = super().resolve_command(ctx, args)
        return (command.name if command else _name), command, rest


def _show_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(f"aws-vault {__version__}")
        ctx.exit()


def _show_help_long(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    group = ctx.command
    assert isinstance(group, click.Group)
    click.echo(group.get_help(ctx))
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if command is not None:
            with click.Context(command, info_name=name, parent=ctx) as sub:
                click.echo("\n" + command.get_help(sub))
    ctx.exit()


def _configure_logging(debug: bool) -> None:
    root = logging.getLogger("aws_vault")
    if not debug or root.handlers:
        return
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y/%m/%d %H:%M:%S"))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    root.debug("aws-vault %s", __version__)


def _option(name: str, envvar: str, help_text: str, default: str = "") -> click.Option:
    return click.Option([name], envvar=envvar, default=default, show_envvar=True, help=help_text)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    params=[
        _option("--backend", "AWS_VAULT_BACKEND", "Secret backend to use."),
        _option("--prompt", "AWS_VAULT_PROMPT", "Prompt driver to use for MFA."),
        _option("--keychain", "AWS_VAULT_KEYCHAIN_NAME", "macOS keychain name.", "aws-vault"),
        _option(
            "--secret-service-collection",
            "AWS_VAULT_SECRET_SERVICE_COLLECTION_NAME",
            "Secret Service collection name.",
            "awsvault",
        ),
        _option("--pass-dir", "AWS_VAULT_PASS_PASSWORD_STORE_DIR", "pass password store directory."),
        _option("--pass-cmd", "AWS_VAULT_PASS_CMD", "Name of the pass executable.", "pass"),
        _option("--pass-prefix", "AWS_VAULT_PASS_PREFIX", "Prefix of aws-vault items in pass."),
        _option("--file-dir", "AWS_VAULT_FILE_DIR", "Directory of the file backend."),
    ],
)
@click.option("--debug", is_flag=True, help="Show debugging output.")
@click.option(
    "-v", "--version", is_flag=True, expose_value=False, is_eager=True, callback=_show_version,
    help="Show the version and exit.",
)  # fmt: skip
@click.option(
    "--help-long", is_flag=True, expose_value=False, is_eager=True, callback=_show_help_long,
    help="Show help for every command.",
)  # fmt: skip
@click.pass_context
def cli(ctx: click.Context, debug: bool, **options: str) -> None:
    """A vault for securely storing and accessing AWS credentials in development environments."""
    _configure_logging(debug)
    ctx.obj = App(
        env=current_env(),
        store_options=StoreOptions(
            backend=options["backend"],
            keychain_name=options["keychain"],
            secret_service_collection=options["secret_service_collection"],
            pass_dir=options["pass_dir"],
            pass_cmd=options["pass_cmd"],
            pass_prefix=options["pass_prefix"],
            file_dir=options["file_dir"],
        ),
        prompt_driver=options["prompt"],
        debug=debug,
    )
