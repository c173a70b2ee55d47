"""`aws-vault hook SHELL` and `aws-vault completion SHELL`: print the shipped scripts."""

from __future__ import annotations

from importlib import resources

import click

HOOK_SHELLS = ("bash", "fish", "zsh")


def script(kind: str, shell: str) -> str:
    return (resources.files("aws_vault.shells") / "scripts" / f"{kind}.{shell}").read_text(
        encoding="utf-8"
    )


@click.command("hook")
@click.argument("shell", type=click.Choice(HOOK_SHELLS))
def hook(shell: str) -> None:
    """Print the shell integration (use, prompt segment, auto-refresh, directory profiles)."""
    click.echo(script("hook", shell), nl=False)


@click.command("completion")
@click.argument("shell", type=click.Choice(HOOK_SHELLS))
def completion(shell: str) -> None:
    """Print the tab-completion script."""
    click.echo(script("completion", shell), nl=False)
