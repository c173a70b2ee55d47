"""What export, env and exec produce, without click, so the fast path can produce it too."""

from __future__ import annotations

import os
import sys

from aws_vault.cli.credentials import CredentialFlags, get_credentials, min_ttl
from aws_vault.cli.state import App
from aws_vault.credentials import Credentials, to_process_json
from aws_vault.environment import CLEARED, EnvChanges, apply, assigned, session_env
from aws_vault.errors import AwsVaultError
from aws_vault.shells.quoting import posix_quote
from aws_vault.shells.render import detect_shell
from aws_vault.timefmt import iso8601

EXPORT_FORMATS = ("env", "export-env", "json", "ini")
# State the hook reads with shell arithmetic only: no process per prompt.
HOOK_STATE = ("_AWS_VAULT_EXPIRES", "_AWS_VAULT_REFRESH_AT")
SET_BY_ENV = (*CLEARED, "AWS_VAULT", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", *HOOK_STATE)


# -- export ------------------------------------------------------------------------------------
def _env_lines(profile: str, creds: Credentials, region: str, prefix: str) -> str:
    pairs = assigned(session_env(profile, creds, region))
    return "".join(
        f"{prefix}{name}={posix_quote(value)}\n" for name, value in pairs if name != "AWS_VAULT"
    )


def _ini(profile: str, creds: Credentials, region: str) -> str:
    lines = [
        f"[{profile}]",
        f"aws_access_key_id={creds.access_key_id}",
        f"aws_secret_access_key={creds.secret_access_key}",
    ]
    if creds.session_token:
        lines.append(f"aws_session_token={creds.session_token}")
    if creds.expiration is not None:
        lines.append(f"aws_credential_expiration={iso8601(creds.expiration)}")
    if region:
        lines.append(f"region={region}")
    return "\n".join(lines) + "\n"


def render_export(fmt: str, profile: str, creds: Credentials, region: str) -> str:
    if fmt == "json":
        return to_process_json(creds)
    if fmt == "ini":
        return _ini(profile, creds, region)
    return _env_lines(profile, creds, region, "export " if fmt == "export-env" else "")


# -- env ---------------------------------------------------------------------------------------
def unset_all() -> EnvChanges:
    return dict.fromkeys(SET_BY_ENV)


def profile_changes(app: App, profile: str, flags: CredentialFlags) -> EnvChanges:
    config, creds = get_credentials(app, profile, flags)
    changes = {**unset_all(), **session_env(profile, creds, config.region, config.endpoint_url)}
    if creds.expiration is not None:
        expires = int(creds.expiration.timestamp())
        changes["_AWS_VAULT_EXPIRES"] = str(expires)
        changes["_AWS_VAULT_REFRESH_AT"] = str(expires - min_ttl(app))
    return changes


def shell_name(app: App, requested: str | None) -> str:
    return requested or detect_shell(app.env.get("SHELL", ""))


# -- exec --------------------------------------------------------------------------------------
def command_line(app: App, command: tuple[str, ...] | list[str]) -> list[str]:
    if command:
        return list(command)
    shell = app.env.get("SHELL") or "/bin/sh"
    if app.env.get("AWS_VAULT_DISABLE_HELP_MESSAGE") != "1":
        sys.stderr.write(f"Starting subshell {shell}, use `exit` to exit the subshell\n")
    return [shell]


def exec_with_credentials(app: App, profile: str, flags: CredentialFlags, argv: list[str]) -> None:
    """Replace this process with the command, its environment carrying the credentials."""
    config, creds = get_credentials(app, profile, flags)
    env = apply(app.env, session_env(profile, creds, config.region, config.endpoint_url))
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execvpe(argv[0], argv, env)
    except FileNotFoundError:
        raise AwsVaultError(f"Couldn't find the executable '{argv[0]}'") from None
    except OSError as error:
        raise AwsVaultError(f"cannot run '{argv[0]}': {error.strerror}") from None
