"""`aws-vault __complete profiles|commands|flags CMD` (hidden): words for tab completion, read
from the config and the command registry without touching the AWS SDK or the secret store."""

from __future__ import annotations

import click

from aws_vault.cli.app import App, pass_app


def _commands() -> list[str]:
    from aws_vault.cli.root import ALIASES, COMMANDS, HIDDEN

    # From the registry alone: importing every command module would slow each Tab.
    return sorted([*(set(COMMANDS) - HIDDEN), *ALIASES, "use"])


def _flags(ctx: click.Context, name: str) -> list[str]:
    group = ctx.find_root().command
    assert isinstance(group, click.Group)
    command = group.get_command(ctx, "env" if name == "use" else name)
    if command is None:
        return []
    options = [o for p in command.params if isinstance(p, click.Option) and not p.hidden for o in (*p.opts, *p.secondary_opts)]
    return sorted({*options, "--help"} | ({"--unset"} if name == "use" else set()))


@click.command("__complete", hidden=True)
@click.argument("what", type=click.Choice(["profiles", "commands", "flags"]))
@click.argument("command", required=False, default="")
@click.pass_context
@pass_app
def complete(app: App, ctx: click.Context, what: str, command: str) -> None:
    """Completion words (used by the completion scripts)."""
    if what == "profiles":
        words = app.config().profile_names()
    elif what == "commands":
        words = _commands()
    else:
        words = _flags(ctx, command)
    if words:
        click.echo("\n".join(words))
