"""sts:GetSessionToken, with or without MFA."""

from __future__ import annotations

from aws_vault.config.model import ProfileConfig
from aws_vault.credentials import Credentials
from aws_vault.providers.base import MfaCode, Provider


class SessionTokenProvider(Provider):
    kind = "sts.GetSessionToken"

    def __init__(
        self, source: Provider, config: ProfileConfig, duration: int, mfa_code: MfaCode
    ) -> None:
        self.source = source
        self.config = config
        self.duration = duration
        self.mfa_code = mfa_code

    @property
    def uses_mfa(self) -> bool:
        return bool(self.config.mfa_serial)

    def retrieve(self) -> Credentials:
        from aws_vault import aws

        params: dict[str, object] = {"DurationSeconds": self.duration}
        if self.config.mfa_serial:
            params["SerialNumber"] = self.config.mfa_serial
            params["TokenCode"] = self.mfa_code(self.config.mfa_serial)
        sts = aws.client("sts", self.source.retrieve(), endpoint_of(self.config))
        return aws.sts_credentials(aws.call("GetSessionToken", sts.get_session_token, **params))

    def describe(self) -> str:
        return f"GetSessionToken for {self.config.name}"


def endpoint_of(config: ProfileConfig):  # type: ignore[no-untyped-def]
    from aws_vault.aws import Endpoint

    return Endpoint(
        config.region, config.endpoint_url, config.sts_regional_endpoints, config.service_endpoints
    )
