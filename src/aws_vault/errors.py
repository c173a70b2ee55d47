"""One exception hierarchy; each class carries the exit code the CLI returns for it."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    ERROR = 1
    USAGE = 2
    CONFIG = 3
    NO_CREDENTIALS = 4
    STORE = 5
    AWS = 6
    INTERNAL = 70
    INTERRUPTED = 130


class AwsVaultError(Exception):
    """An expected failure: shown as one line, never as a traceback."""

    # A class attribute (no ClassVar annotation: typing is too slow to import on the hot path).
    exit_code = ExitCode.ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class UsageError(AwsVaultError):
    """Bad flags or arguments, or a combination that cannot work."""

    exit_code = ExitCode.USAGE


class ConfigError(AwsVaultError):
    """The config file is unreadable or malformed, or a profile cannot be resolved."""

    exit_code = ExitCode.CONFIG


class CredentialsNotFound(AwsVaultError):
    """No source of credentials for a profile."""

    exit_code = ExitCode.NO_CREDENTIALS


class StoreError(AwsVaultError):
    """The secret store cannot be opened, unlocked, read or written."""

    exit_code = ExitCode.STORE


class AwsRequestError(AwsVaultError):
    """AWS (or a credential source standing in for it) rejected a request."""

    exit_code = ExitCode.AWS


class NestedSessionError(AwsVaultError):
    """exec/export inside an active aws-vault session."""

    exit_code = ExitCode.ERROR


class Interrupted(AwsVaultError):
    """The user aborted a prompt."""

    exit_code = ExitCode.INTERRUPTED
