"""The entry point and the single error boundary: every failure becomes one line on stderr and
an exit code (contract §1); a traceback only with --debug."""

from __future__ import annotations

import os
import sys
import traceback

from aws_vault import __version__
from aws_vault.errors import AwsVaultError, ExitCode


def _error(message: str, hint: str | None = None) -> None:
    sys.stderr.write(f"aws-vault: error: {message}\n")
    if hint:
        sys.stderr.write(f"hint: {hint}\n")
    sys.stderr.flush()


def _dispatch(argv: list[str]) -> int:
    from aws_vault.cli import fast

    request = fast.parse(argv)
    if request is not None:
        return fast.execute(request, os.environ)
    from aws_vault.cli.argv import hoist_global_options
    from aws_vault.cli.root import cli

    result = cli.main(hoist_global_options(argv), prog_name="aws-vault", standalone_mode=False)
    return result if isinstance(result, int) else 0


def run(argv: list[str]) -> int:
    debug = "--debug" in argv[: argv.index("--")] if "--" in argv else "--debug" in argv
    try:
        return _dispatch(argv)
    except AwsVaultError as error:
        if debug:
            traceback.print_exc()
        _error(str(error), error.hint)
        return int(error.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:
        return int(ExitCode.ERROR)
    except Exception as error:  # noqa: BLE001 - the boundary: anything else is a bug
        if "click" in sys.modules:
            from aws_vault.cli.click_errors import exit_code_for

            code = exit_code_for(error, _error)
            if code is not None:
                return code
        if debug:
            raise
        _error(
            f"unexpected {type(error).__name__}: {error}",
            f"please report this bug (aws-vault {__version__}); rerun with --debug for details",
        )
        return int(ExitCode.INTERNAL)


def main(argv: list[str] | None = None) -> int:
    code = run(list(sys.argv[1:] if argv is None else argv))
    sys.exit(code)
