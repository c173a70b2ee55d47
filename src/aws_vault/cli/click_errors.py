"""How click's own exceptions map onto our one-line errors and exit codes."""

from __future__ import annotations

from collections.abc import Callable

import click

from aws_vault.errors import ExitCode

# click >= 8.2 raises this (a UsageError whose message is the whole help text) for a bare
# `aws-vault`; older click prints the help itself and exits 0.
_NO_ARGS_IS_HELP: tuple[type[Exception], ...] = tuple(
    cls for cls in (getattr(click.exceptions, "NoArgsIsHelpError", None),) if cls is not None
)


def _usage_hint(error: click.UsageError) -> str:
    command = error.ctx.command_path if error.ctx else "aws-vault"
    return f"see '{command} --help'"


def exit_code_for(error: Exception, report: Callable[[str, str | None], None]) -> int | None:
    """The exit code for a click exception (after reporting it), or None for anything else."""
    if isinstance(error, click.UsageError):
        if isinstance(error, _NO_ARGS_IS_HELP):
            # The help text is not an error message: print it as it is, on stderr.
            click.echo(error.format_message(), err=True)
            return int(ExitCode.USAGE)
        report(error.format_message(), _usage_hint(error))
        return int(ExitCode.USAGE)
    if isinstance(error, click.ClickException):
        report(error.format_message(), None)
        return error.exit_code
    if isinstance(error, click.exceptions.Exit):
        return error.exit_code
    if isinstance(error, click.Abort):
        click.echo("", err=True)
        return int(ExitCode.INTERRUPTED)
    return None
