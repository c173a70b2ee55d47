"""The entry point and the single error boundary: every failure becomes one line on stderr and
an exit code (contract §1); a traceback only with --debug."""

from __future__ import annotations

import sys

import click

from aws_vault import __version__
from aws_vault.errors import AwsVaultError, ExitCode


def _error(message: str, hint: str | None = None) -> None:
    click.echo(f"aws-vault: error: {message}", err=True)
    if hint:
        click.echo(f"hint: {hint}", err=True)


# click >= 8.2 raises this (a UsageError whose message is the whole help text) for a bare
# `aws-vault`; older click prints the help itself and exits 0.
_NO_ARGS_IS_HELP: tuple[type[Exception], ...] = tuple(
    cls for cls in (getattr(click.exceptions, "NoArgsIsHelpError", None),) if cls is not None
)


def _usage_hint(error: click.UsageError) -> str:
    command = error.ctx.command_path if error.ctx else "aws-vault"
    return f"see '{command} --help'"


def run(argv: list[str]) -> int:
    from aws_vault.cli.argv import hoist_global_options
    from aws_vault.cli.root import cli

    debug = "--debug" in argv[: argv.index("--")] if "--" in argv else "--debug" in argv
    try:
        result = cli.main(hoist_global_options(argv), prog_name="aws-vault", standalone_mode=False)
    except AwsVaultError as error:
        if debug:
            raise
        _error(str(error), error.hint)
        return int(error.exit_code)
    except click.UsageError as error:
        if isinstance(error, _NO_ARGS_IS_HELP):
            # The help text is not an error message: print it as it is, on stderr.
            click.echo(error.format_message(), err=True)
            return int(ExitCode.USAGE)
        _error(error.format_message(), _usage_hint(error))
        return int(ExitCode.USAGE)
    except click.ClickException as error:
        _error(error.format_message())
        return error.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except (click.Abort, KeyboardInterrupt):
        click.echo("", err=True)
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.ERROR)
    except Exception as error:  # noqa: BLE001 - the boundary: anything else is a bug
        if debug:
            raise
        _error(
            f"unexpected {type(error).__name__}: {error}",
            f"please report this bug (aws-vault {__version__}); rerun with --debug for details",
        )
        return int(ExitCode.INTERNAL)
    return result if isinstance(result, int) else 0


def main(argv: list[str] | None = None) -> int:
    code = run(list(sys.argv[1:] if argv is None else argv))
    sys.exit(code)
