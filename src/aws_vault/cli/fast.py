"""The fast path: `export`, `env` and `exec` in their common forms, parsed by hand so that a
cached answer costs a Python start-up and a store read, not click's import as well.

Anything this parser does not recognise (another command, `--debug`, global flags, a value it
would reject) returns None, and the full click CLI handles the command line instead, so the two
can only differ in speed.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field

from aws_vault.cli.credentials import CredentialFlags, guard_nested
from aws_vault.cli.output import (
    EXPORT_FORMATS,
    command_line,
    exec_with_credentials,
    profile_changes,
    render_export,
    shell_name,
)
from aws_vault.cli.state import App
from aws_vault.shells.render import SHELLS, render
from aws_vault.store.select import StoreOptions

_VALUE_FLAGS = {
    "-d": "duration", "--duration": "duration", "--region": "region",
    "-t": "mfa_token", "--mfa-token": "mfa_token", "--format": "format", "--shell": "shell",
}  # fmt: skip
_BOOLEAN_FLAGS = {"-n": "no_session", "--no-session": "no_session"}
_TRUE = {"1", "true", "t", "yes", "y", "on"}  # click's boolean words
_COMMAND_VALUES = {"export": {"format"}, "env": {"shell"}, "exec": set()}


@dataclass(frozen=True)
class Request:
    command: str
    profile: str
    values: Mapping[str, str] = field(default_factory=dict)
    no_session: bool = False
    argv: tuple[str, ...] = ()


def _split_value(token: str, rest: list[str]) -> tuple[str, str] | None:
    name, equals, value = token.partition("=")
    if name not in _VALUE_FLAGS:
        return None
    if not equals:
        if not rest:
            return None
        value = rest.pop(0)
    return _VALUE_FLAGS[name], value


def parse(argv: list[str]) -> Request | None:
    if not argv or argv[0] not in _COMMAND_VALUES:
        return None
    command, tokens = argv[0], list(argv[1:])
    child: tuple[str, ...] = ()
    if command == "exec" and "--" in tokens:
        child = tuple(tokens[tokens.index("--") + 1 :])
        tokens = tokens[: tokens.index("--")]
    values: dict[str, str] = {}
    positionals, no_session = [], False
    while tokens:
        token = tokens.pop(0)
        if token in _BOOLEAN_FLAGS:
            no_session = True
        elif token.startswith("-"):
            pair = _split_value(token, tokens)
            if pair is None or (pair[0] in ("format", "shell") and pair[0] not in _COMMAND_VALUES[command]):
                return None
            values[pair[0]] = pair[1]
        else:
            positionals.append(token)
    if len(positionals) != 1 or values.get("format", "env") not in EXPORT_FORMATS:
        return None
    if values.get("shell", "sh") not in SHELLS or (command == "exec" and not child and positionals != argv[1:2]):
        return None
    return Request(command, positionals[0], values, no_session, child)


def app_from(env: Mapping[str, str]) -> App:
    """The same settings the click group builds from its options' environment variables."""
    options = StoreOptions(
        backend=env.get("AWS_VAULT_BACKEND") or "",
        keychain_name=env.get("AWS_VAULT_KEYCHAIN_NAME") or "aws-vault",
        secret_service_collection=env.get("AWS_VAULT_SECRET_SERVICE_COLLECTION_NAME") or "awsvault",
        pass_dir=env.get("AWS_VAULT_PASS_PASSWORD_STORE_DIR") or "",
        pass_cmd=env.get("AWS_VAULT_PASS_CMD") or "pass",
        pass_prefix=env.get("AWS_VAULT_PASS_PREFIX") or "",
        file_dir=env.get("AWS_VAULT_FILE_DIR") or "",
    )
    return App(env=dict(env), store_options=options, prompt_driver=env.get("AWS_VAULT_PROMPT") or "")


def execute(request: Request, env: Mapping[str, str]) -> int:
    app = app_from(env)
    flags = CredentialFlags(
        duration=request.values.get("duration") or env.get("AWS_VAULT_DURATION") or "",
        no_session=request.no_session,
        region=request.values.get("region", ""),
        mfa_token=request.values.get("mfa_token", ""),
        stdout=env.get("AWS_VAULT_STDOUT", "").strip().lower() in _TRUE,
    )
    if request.command == "env":
        changes = profile_changes(app, request.profile, flags)
        sys.stdout.write(render(shell_name(app, request.values.get("shell")), changes))
        return 0
    if request.command == "export":
        fmt = request.values.get("format", "env")
        if fmt in ("env", "export-env"):
            guard_nested(app, "export")
        from aws_vault.cli.credentials import get_credentials

        config, creds = get_credentials(app, request.profile, flags)
        sys.stdout.write(render_export(fmt, request.profile, creds, config.region))
        return 0
    guard_nested(app, "exec")
    exec_with_credentials(app, request.profile, flags, command_line(app, request.argv))
    return 0
