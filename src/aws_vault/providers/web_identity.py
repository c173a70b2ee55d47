"""sts:AssumeRoleWithWebIdentity from `web_identity_token_file` or `web_identity_token_process`."""

from __future__ import annotations

from pathlib import Path

from aws_vault.config.model import ProfileConfig
from aws_vault.credentials import Credentials
from aws_vault.errors import CredentialsNotFound
from aws_vault.providers.assume_role import default_session_name
from aws_vault.providers.base import Provider
from aws_vault.providers.session_token import endpoint_of


class WebIdentityProvider(Provider):
    kind = "sts.AssumeRoleWithWebIdentity"

    def __init__(self, config: ProfileConfig) -> None:
        self.config = config

    def token(self) -> str:
        # Trimmed, unlike the Go aws-vault: a trailing newline in a token file is never meant.
        if self.config.web_identity_token_file:
            path = Path(self.config.web_identity_token_file).expanduser()
            try:
                return path.read_text(encoding="utf-8").strip()
            except OSError as error:
                raise CredentialsNotFound(
                    f"cannot read web_identity_token_file {str(path)!r}: {error.strerror}"
                ) from None
        return _run_token_process(self.config.web_identity_token_process)

    def retrieve(self) -> Credentials:
        from aws_vault import aws

        sts = aws.client("sts", None, endpoint_of(self.config))
        response = aws.call(
            "AssumeRoleWithWebIdentity",
            sts.assume_role_with_web_identity,
            RoleArn=self.config.role_arn,
            RoleSessionName=self.config.role_session_name or default_session_name(),
            DurationSeconds=self.config.assume_role_duration,
            WebIdentityToken=self.token(),
        )
        return aws.sts_credentials(response)


def _run_token_process(command: str) -> str:
    import subprocess

    done = subprocess.run(
        command, shell=True, capture_output=True, text=True, errors="replace", check=False
    )  # noqa: S602 - the user's own configured command
    if done.returncode != 0:
        raise CredentialsNotFound(
            f"web_identity_token_process {command!r} failed with exit status {done.returncode}"
        )
    token = done.stdout.strip()
    if not token:
        raise CredentialsNotFound(f"web_identity_token_process {command!r} printed no token")
    return token
