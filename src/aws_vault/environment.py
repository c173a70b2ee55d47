"""The one definition of the environment a session gets, shared by exec, export and env:
a mapping of variable -> value, where None means "unset"."""

from __future__ import annotations

from collections.abc import Mapping

from aws_vault.credentials import Credentials
from aws_vault.timefmt import iso8601

EnvChanges = dict[str, "str | None"]

# Everything that could make an SDK pick other credentials than the ones we hand out.
CLEARED = (
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN",
    "AWS_CREDENTIAL_EXPIRATION", "AWS_SESSION_EXPIRATION", "AWS_CREDENTIAL_FILE",
    "AWS_DEFAULT_PROFILE", "AWS_PROFILE", "AWS_SDK_LOAD_CONFIG",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_ROLE_SESSION_NAME",
)  # fmt: skip

# The order in which `export` prints what is set.
PRINT_ORDER = (
    "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION",
    "AWS_SESSION_EXPIRATION", "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ENDPOINT_URL", "AWS_VAULT",
)  # fmt: skip


def session_env(
    profile: str, creds: Credentials, region: str = "", endpoint_url: str = ""
) -> EnvChanges:
    changes: EnvChanges = dict.fromkeys(CLEARED)
    changes["AWS_VAULT"] = profile
    changes["AWS_ACCESS_KEY_ID"] = creds.access_key_id
    changes["AWS_SECRET_ACCESS_KEY"] = creds.secret_access_key
    if creds.session_token:
        changes["AWS_SESSION_TOKEN"] = creds.session_token
    if creds.expiration is not None:
        expiry = iso8601(creds.expiration)
        # Both names: v7 dropped AWS_SESSION_EXPIRATION and broke prompts such as starship's.
        changes["AWS_CREDENTIAL_EXPIRATION"] = expiry
        changes["AWS_SESSION_EXPIRATION"] = expiry
    if region:
        changes["AWS_REGION"] = region
        changes["AWS_DEFAULT_REGION"] = region
    if endpoint_url:
        changes["AWS_ENDPOINT_URL"] = endpoint_url
    return changes


def apply(base: Mapping[str, str], changes: EnvChanges) -> dict[str, str]:
    env = {name: value for name, value in base.items() if name not in changes}
    env.update({name: value for name, value in changes.items() if value is not None})
    return env


def assigned(changes: EnvChanges) -> list[tuple[str, str]]:
    """The variables that get a value, in print order."""
    rank = {name: index for index, name in enumerate(PRINT_ORDER)}
    pairs = [(name, value) for name, value in changes.items() if value is not None]
    return sorted(pairs, key=lambda pair: (rank.get(pair[0], len(rank)), pair[0]))
