"""`credential_process`: run a command that prints credentials as JSON (SDK process format)."""

from __future__ import annotations

import json

from aws_vault.config.model import ProfileConfig
from aws_vault.credentials import Credentials
from aws_vault.errors import CredentialsNotFound
from aws_vault.providers.base import Provider
from aws_vault.timefmt import parse_timestamp

_REQUIRED = ("AccessKeyId", "SecretAccessKey")


class CredentialProcessProvider(Provider):
    kind = "credential_process"

    def __init__(self, config: ProfileConfig) -> None:
        self.command = config.credential_process

    def retrieve(self) -> Credentials:
        # stdin and stderr stay attached so the command can prompt; stdout is the product.
        import subprocess

        try:
            done = subprocess.run(
                self.command, shell=True, stdout=subprocess.PIPE, text=True, errors="replace",
                check=False,
            )  # noqa: S602 - the user's own configured command
        except OSError as error:
            raise CredentialsNotFound(f"running command {self.command!r}: {error}") from None
        if done.returncode != 0:
            raise CredentialsNotFound(
                f"credential_process {self.command!r} failed with exit status {done.returncode}"
            )
        return parse_process_output(done.stdout, self.command)


def parse_process_output(output: str, command: str) -> Credentials:
    """SessionToken and Expiration may be absent (long-term keys), as the AWS SDKs allow."""
    try:
        data = json.loads(output)
    except ValueError as error:
        raise CredentialsNotFound(
            f"invalid JSON format from command {command!r}: {error}"
        ) from None
    if not isinstance(data, dict):
        raise CredentialsNotFound(f"invalid JSON format from command {command!r}: not an object")
    missing = [name for name in _REQUIRED if not data.get(name)]
    if missing:
        raise CredentialsNotFound(
            f"JSON credential from command {command!r} missing the following fields: "
            + ", ".join(missing)
        )
    expiration = data.get("Expiration")
    try:
        expires = parse_timestamp(str(expiration)) if expiration else None
    except ValueError:
        raise CredentialsNotFound(
            f"invalid Expiration {expiration!r} from command {command!r}"
        ) from None
    return Credentials(
        access_key_id=str(data["AccessKeyId"]),
        secret_access_key=str(data["SecretAccessKey"]),
        session_token=str(data.get("SessionToken") or ""),
        expiration=expires,
    )
