"""What export, env and exec produce, without click, so the fast path can produce it too."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Mapping

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
# Values `env` set for the region and endpoint are remembered, so that switching profiles
# replaces them, while values the user set themselves are respected and never unset.
OWNED = {
    "AWS_REGION": "_AWS_VAULT_REGION",
    "AWS_DEFAULT_REGION": "_AWS_VAULT_DEFAULT_REGION",
    "AWS_ENDPOINT_URL": "_AWS_VAULT_ENDPOINT_URL",
}
ARGS_VAR = "_AWS_VAULT_ARGS"  # the flags of the last `env`, reused by refreshes


def _set_by_us(env: Mapping[str, str], name: str) -> bool:
    marker = OWNED.get(name)
    return marker is not None and name in env and env.get(marker) == env[name]


def unset_all(env: Mapping[str, str]) -> EnvChanges:
    """Remove what `env` set: never a region or endpoint the user set themselves."""
    names = [n for n in SET_BY_ENV if n not in OWNED or _set_by_us(env, n)]
    return dict.fromkeys([*names, *sorted(set(OWNED.values())), ARGS_VAR])


def encode_flags(flags: CredentialFlags) -> str:
    """The flags worth repeating on a refresh (never an MFA code: it is single-use)."""
    parts = ["-n"] if flags.no_session else []
    parts += [f"-d={flags.duration}"] if flags.duration else []
    parts += [f"--region={flags.region}"] if flags.region else []
    return " ".join(parts)


def decode_flags(text: str) -> CredentialFlags:
    values = dict(part.partition("=")[::2] for part in text.split() if "=" in part)
    return CredentialFlags(
        duration=values.get("-d", ""), no_session="-n" in text.split(), region=values.get("--region", "")
    )


def profile_changes(app: App, profile: str, flags: CredentialFlags) -> EnvChanges:
    own_env = {k: v for k, v in app.env.items() if not _set_by_us(app.env, k)}
    config, creds = get_credentials(dataclasses.replace(app, env=own_env), profile, flags)
    changes = {**unset_all(app.env), **session_env(profile, creds, config.region, config.endpoint_url)}
    for name, marker in OWNED.items():
        if changes.get(name) is not None and changes[name] != own_env.get(name):
            changes[marker] = changes[name]
    if creds.expiration is not None:
        expires = int(creds.expiration.timestamp())
        changes["_AWS_VAULT_EXPIRES"] = str(expires)
        changes["_AWS_VAULT_REFRESH_AT"] = str(expires - min_ttl(app))
    changes[ARGS_VAR] = encode_flags(flags) or None
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
