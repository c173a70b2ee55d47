"""Console sign-in URLs through the AWS federation endpoint (reference §6).
https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_enable-console-custom-url.html
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from aws_vault.credentials import Credentials
from aws_vault.errors import AwsRequestError, UsageError

DEFAULT_FEDERATION = "https://signin.aws.amazon.com/federation"


@dataclass(frozen=True)
class Partition:
    federation: str
    console_domain: str


def partition(region: str) -> Partition:
    if region.startswith("cn-"):
        return Partition("https://signin.amazonaws.cn/federation", "console.amazonaws.cn")
    if region.startswith("us-gov-"):
        return Partition(
            "https://signin.amazonaws-us-gov.com/federation", "console.amazonaws-us-gov.com"
        )
    return Partition(DEFAULT_FEDERATION, "console.aws.amazon.com")


def destination(region: str, path: str) -> str:
    """The console page to land on; `--path` works with or without a region."""
    domain = partition(region).console_domain
    if not region:
        return f"https://{domain}/{path.lstrip('/')}" if path else f"https://{domain}/"
    page = path.lstrip("/") if path else "console/home"
    separator = "&" if "?" in page else "?"
    return f"https://{region}.{domain}/{page}{separator}region={region}"


def signin_token(
    federation_url: str, creds: Credentials, session_duration: int | None, timeout: float = 30
) -> str:
    session = json.dumps(
        {
            "sessionId": creds.access_key_id,
            "sessionKey": creds.secret_access_key,
            "sessionToken": creds.session_token,
        }
    )
    parsed = urllib.parse.urlparse(federation_url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise UsageError(f"the federation URL {federation_url!r} is not an http(s) URL")
    query = {"Action": "getSigninToken", "Session": session}
    if session_duration:
        query["SessionDuration"] = str(session_duration)
    url = f"{federation_url}?{urllib.parse.urlencode(query)}"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310
            body = json.loads(response.read())
    except urllib.error.HTTPError as error:
        raise AwsRequestError(f"Call to getSigninToken failed with {error.code}") from None
    except urllib.error.URLError as error:
        # Never the error itself: its text may quote the URL, which carries the credentials.
        reason = error.reason.strerror if isinstance(error.reason, OSError) else "request failed"
        raise AwsRequestError(f"Call to getSigninToken failed: {reason}") from None
    except (OSError, ValueError, http.client.HTTPException) as error:
        raise AwsRequestError(f"Call to getSigninToken failed: {type(error).__name__}") from None
    token = body.get("SigninToken") if isinstance(body, dict) else None
    if not token:
        raise AwsRequestError("Expected a response with SigninToken")
    return str(token)


def login_url(federation_url: str, target: str, token: str) -> str:
    query = urllib.parse.urlencode(
        {"Action": "login", "Issuer": "aws-vault", "Destination": target, "SigninToken": token}
    )
    return f"{federation_url}?{query}"
