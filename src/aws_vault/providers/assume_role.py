"""sts:AssumeRole, with external id, session name, tags, source identity and MFA."""

from __future__ import annotations

import time

from aws_vault.config.model import ProfileConfig
from aws_vault.credentials import Credentials
from aws_vault.providers.base import MfaCode, Provider
from aws_vault.providers.session_token import endpoint_of


def default_session_name() -> str:
    # aws-vault's default: the current time in nanoseconds.
    return str(time.time_ns())


class AssumeRoleProvider(Provider):
    kind = "sts.AssumeRole"

    def __init__(
        self,
        source: Provider,
        config: ProfileConfig,
        duration: int,
        mfa_serial: str,
        mfa_code: MfaCode,
    ) -> None:
        self.source = source
        self.config = config
        self.duration = duration
        self.mfa_serial = mfa_serial
        self.mfa_code = mfa_code

    def request(self) -> dict[str, object]:
        config = self.config
        params: dict[str, object] = {
            "RoleArn": config.role_arn,
            "RoleSessionName": config.role_session_name or default_session_name(),
            "DurationSeconds": self.duration,
        }
        if config.external_id:
            params["ExternalId"] = config.external_id
        if config.session_tags:
            params["Tags"] = [{"Key": k, "Value": v} for k, v in config.session_tags]
        if config.transitive_session_tags:
            params["TransitiveTagKeys"] = list(config.transitive_session_tags)
        if config.source_identity:
            params["SourceIdentity"] = config.source_identity
        if self.mfa_serial:
            params["SerialNumber"] = self.mfa_serial
            params["TokenCode"] = self.mfa_code(self.mfa_serial)
        return params

    def retrieve(self) -> Credentials:
        from aws_vault import aws

        source = self.source.retrieve()
        sts = aws.client("sts", source, endpoint_of(self.config))
        response = aws.call("AssumeRole", sts.assume_role, **self.request())
        return aws.sts_credentials(response)

    def describe(self) -> str:
        return f"AssumeRole {self.config.role_arn}"
