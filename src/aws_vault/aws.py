"""The only module that imports boto3/botocore: client construction and error translation.

Endpoints can be redirected the standard way (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_STS, ...), which
botocore reads itself, or with a profile's `endpoint_url`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, TypeVar

import botocore.config
import botocore.exceptions
import botocore.session
from botocore import UNSIGNED

from aws_vault.credentials import Credentials
from aws_vault.errors import AwsRequestError

log = logging.getLogger(__name__)
T = TypeVar("T")

# https://docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html
_LEGACY_GLOBAL_REGIONS = frozenset(
    "ap-northeast-1 ap-south-1 ap-southeast-1 ap-southeast-2 aws-global ca-central-1 "
    "eu-central-1 eu-north-1 eu-west-1 eu-west-2 eu-west-3 sa-east-1 us-east-1 us-east-2 "
    "us-west-1 us-west-2".split()
)


@dataclass(frozen=True)
class Endpoint:
    region: str = ""
    endpoint_url: str = ""
    sts_regional_endpoints: str = ""
    service_endpoints: tuple[tuple[str, str], ...] = ()


def configured_url(service: str, endpoint: Endpoint) -> str | None:
    """The config file's endpoint for a service, unless the environment names one: botocore's
    precedence puts AWS_ENDPOINT_URL_<SERVICE> and AWS_ENDPOINT_URL before the config file.
    https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html"""
    service_id = service.replace("-", "_")
    env = os.environ
    if env.get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "").lower() == "true":
        return None
    if env.get(f"AWS_ENDPOINT_URL_{service_id.upper()}") or env.get("AWS_ENDPOINT_URL"):
        return None
    specific = dict(endpoint.service_endpoints).get(service_id)
    return specific or endpoint.endpoint_url or None


def _session() -> Any:
    # An ambient AWS_PROFILE naming a missing profile must not break explicit-key clients.
    session = botocore.session.Session(session_vars={"profile": (None, None, None, None)})
    return session


def client(service: str, creds: Credentials | None, endpoint: Endpoint) -> Any:
    """A botocore client signed with `creds`, or unsigned when `creds` is None."""
    region = endpoint.region or ("aws-global" if service == "sts" else "us-east-1")
    url = configured_url(service, endpoint)
    if (
        service == "sts"
        and not url
        and endpoint.sts_regional_endpoints == "legacy"
        and region in _LEGACY_GLOBAL_REGIONS
    ):
        region = "aws-global"
    config = botocore.config.Config(
        signature_version=UNSIGNED if creds is None else None,
        retries={"max_attempts": 3, "mode": "standard"},
    )
    kwargs: dict[str, Any] = {"region_name": region, "endpoint_url": url, "config": config}
    if creds is not None:
        kwargs.update(
            aws_access_key_id=creds.access_key_id,
            aws_secret_access_key=creds.secret_access_key,
            aws_session_token=creds.session_token or None,
        )
    return _session().create_client(service, **kwargs)


@contextmanager
def translated_errors(action: str) -> Iterator[None]:
    """botocore failures become one-line AwsRequestErrors."""
    try:
        yield
    except botocore.exceptions.ClientError as error:
        info = error.response.get("Error", {})
        code, message = info.get("Code", "Error"), info.get("Message", str(error))
        raise AwsRequestError(f"{action}: {code}: {message}") from None
    except botocore.exceptions.ParamValidationError as error:
        raise AwsRequestError(f"{action}: invalid request: {error}") from None
    except botocore.exceptions.BotoCoreError as error:
        raise AwsRequestError(f"{action}: {error}") from None


def error_code(error: BaseException) -> str:
    if isinstance(error, botocore.exceptions.ClientError):
        return str(error.response.get("Error", {}).get("Code", ""))
    return ""


def call(action: str, method: Callable[..., T], **params: Any) -> T:
    with translated_errors(action):
        return method(**params)


def sts_credentials(response: dict[str, Any]) -> Credentials:
    raw = response["Credentials"]
    expiration = raw["Expiration"]
    if isinstance(expiration, datetime):
        expiration = expiration.astimezone(timezone.utc)
    return Credentials(
        access_key_id=raw["AccessKeyId"],
        secret_access_key=raw["SecretAccessKey"],
        session_token=raw.get("SessionToken", ""),
        expiration=expiration,
    )



# -- SSO (IAM Identity Center) -------------------------------------------------------------------


@dataclass(frozen=True)
class Rejection:
    """A request AWS answered with an expected error code, for the caller to act on."""

    action: str
    code: str
    message: str

    def error(self) -> AwsRequestError:
        return AwsRequestError(f"{self.action}: {self.code}: {self.message}")


def attempt(action: str, method: Callable[..., Any], codes: tuple[str, ...], **params: Any) -> Any:
    """Like call(), but a rejection whose error code is in `codes` is returned as a Rejection
    instead of raised (the OIDC device flow polls through AuthorizationPending and SlowDown)."""
    with translated_errors(action):
        try:
            return method(**params)
        except botocore.exceptions.ClientError as error:
            code = error_code(error)
            if code not in codes:
                raise
            message = str(error.response.get("Error", {}).get("Message", "")) or code
            return Rejection(action, code, message)


def sso_role_credentials(response: dict[str, Any]) -> Credentials:
    """sso:GetRoleCredentials output; its expiration is in epoch milliseconds."""
    raw = response["roleCredentials"]
    return Credentials(
        access_key_id=raw["accessKeyId"],
        secret_access_key=raw["secretAccessKey"],
        session_token=raw.get("sessionToken") or "",
        expiration=datetime.fromtimestamp(raw["expiration"] / 1000, timezone.utc),
    )


# -- identity, federation and access keys (login, rotate) ----------------------------------------


def caller_arn(creds: Credentials, endpoint: Endpoint) -> str:
    sts = client("sts", creds, endpoint)
    return str(call("GetCallerIdentity", sts.get_caller_identity)["Arn"])


def federation_token(creds: Credentials, endpoint: Endpoint, name: str, duration: int) -> Credentials:
    """GetFederationToken with an allow-all policy: the console session gets what the user has."""
    policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
    sts = client("sts", creds, endpoint)
    response = call(
        "GetFederationToken", sts.get_federation_token,
        Name=name[:32], DurationSeconds=duration, Policy=policy,
    )  # fmt: skip
    return sts_credentials(response)


def create_access_key(creds: Credentials, endpoint: Endpoint, user: str) -> Credentials:
    iam = client("iam", creds, endpoint)
    key = call("CreateAccessKey", iam.create_access_key, UserName=user)["AccessKey"]
    return Credentials(key["AccessKeyId"], key["SecretAccessKey"])


def delete_access_key(creds: Credentials, endpoint: Endpoint, user: str, key_id: str) -> None:
    iam = client("iam", creds, endpoint)
    call("DeleteAccessKey", iam.delete_access_key, UserName=user, AccessKeyId=key_id)


def access_key_ids(creds: Credentials, endpoint: Endpoint, user: str) -> list[str]:
    iam = client("iam", creds, endpoint)
    keys = call("ListAccessKeys", iam.list_access_keys, UserName=user)["AccessKeyMetadata"]
    return [str(key["AccessKeyId"]) for key in keys]
