"""Turning credentials into ones the console federation endpoint accepts (reference §6): role,
SSO and web-identity credentials go as they are; long-term keys through GetFederationToken."""

from __future__ import annotations

from aws_vault.credentials import Credentials
from aws_vault.errors import AwsVaultError
from aws_vault.providers.base import Provider
from aws_vault.providers.cached import CachedProvider


def _federable(provider: Provider | None) -> bool:
    from aws_vault.providers.assume_role import AssumeRoleProvider
    from aws_vault.providers.sso import SsoProvider
    from aws_vault.providers.web_identity import WebIdentityProvider

    inner = provider.inner if isinstance(provider, CachedProvider) else provider
    return isinstance(inner, (AssumeRoleProvider, SsoProvider, WebIdentityProvider))


def user_name(arn: str) -> str:
    """`arn:aws:iam::123456789012:user/path/alice` -> `alice`."""
    parts = arn.split(":", 5)
    if len(parts) < 6:
        raise AwsVaultError(f"unable to parse ARN: {arn}")
    kind, _, name = parts[5].partition("/")
    if kind != "user" or not name:
        raise AwsVaultError(f"{arn} is not an IAM user")
    return name.rsplit("/", 1)[-1]


def console_credentials(
    provider: Provider | None, creds: Credentials, endpoint: object, duration: int
) -> tuple[Credentials, bool]:
    """(credentials for getSigninToken, whether they are a role session)."""
    from aws_vault import aws

    if _federable(provider):
        return creds, True
    arn = aws.caller_arn(creds, endpoint)  # type: ignore[arg-type]
    parts = arn.split(":", 5)
    if len(parts) < 6:
        raise AwsVaultError(f"unable to parse ARN: {arn}")
    if parts[5].startswith("assumed-role"):
        return creds, True
    if creds.session_token:
        raise AwsVaultError(
            "these are session-token credentials (GetSessionToken), which the console "
            "cannot federate",
            hint="log in with a role profile, or with --no-session for IAM user keys",
        )
    return aws.federation_token(creds, endpoint, user_name(arn), duration), False  # type: ignore[arg-type]
