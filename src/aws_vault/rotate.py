"""Rotating long-term keys (reference §7): create a new key, store it, check it works, clear
the sessions made from the old one, then delete the old key, retrying while IAM propagates.
Whatever fails after the new key exists, the message says which key is stored and which keys
exist in IAM."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aws_vault.config.model import ProfileConfig
from aws_vault.credentials import Credentials, mask_key
from aws_vault.errors import AwsVaultError, CredentialsNotFound
from aws_vault.login import user_name
from aws_vault.store.vault import Vault

if TYPE_CHECKING:
    from aws_vault.aws import Endpoint

PROPAGATION_WAIT = 20.0
RETRY_EVERY = 2.0
Say = Callable[[str], None]


@dataclass(frozen=True)
class Rotation:
    master: ProfileConfig
    old: Credentials
    user: str
    endpoint: Endpoint


def master_profile(config: ProfileConfig, vault: Vault) -> ProfileConfig:
    """The profile holding the long-term keys, however many source_profile hops away."""
    for link in config.chain():
        if vault.has_credentials(link.name):
            return link
    raise CredentialsNotFound(f"No master credentials found for profile {config.name!r}")


def _retry(action: Callable[[], object], wait: float = PROPAGATION_WAIT) -> None:
    deadline = time.monotonic() + wait
    attempts = 0
    while True:
        attempts += 1
        try:
            action()
            return
        except AwsVaultError as error:
            if time.monotonic() + RETRY_EVERY > deadline:
                raise AwsVaultError(f"After {attempts} attempts, last error: {error}") from None
            time.sleep(RETRY_EVERY)


def prepare(config: ProfileConfig, vault: Vault) -> Rotation:
    from aws_vault import aws

    from aws_vault.aws import Endpoint

    master = master_profile(config, vault)
    old = vault.get_credentials(master.name)
    assert old is not None
    endpoint = Endpoint(
        master.region, master.endpoint_url, master.sts_regional_endpoints, master.service_endpoints
    )
    return Rotation(master, old, user_name(aws.caller_arn(old, endpoint)), endpoint)


def rotate(
    rotation: Rotation,
    iam_creds: Credentials | None,
    vault: Vault,
    chain: list[ProfileConfig],
    say: Say,
) -> None:
    """`iam_creds`: the session to make IAM calls with; None means the long-term keys (the old
    key creates the new one, which then deletes the old one)."""
    from aws_vault import aws

    say("Creating a new access key")
    new = aws.create_access_key(iam_creds or rotation.old, rotation.endpoint, rotation.user)
    old_id, new_id = mask_key(rotation.old.access_key_id), mask_key(new.access_key_id)
    say(f"Created new access key {new_id}")
    stuck = f"the old key {old_id} is still stored; IAM now has both {old_id} and {new_id}"
    try:
        vault.set_credentials(rotation.master.name, new)
    except AwsVaultError as error:
        raise AwsVaultError(f"Error storing new access key: {error}; {stuck}") from None
    stored = f"the new key {new_id} is stored"
    try:
        _retry(lambda: aws.caller_arn(new, rotation.endpoint))
    except AwsVaultError as error:
        raise AwsVaultError(
            f"The new key does not work yet: {error}; {stored}; IAM has both {old_id} and {new_id}"
        ) from None
    for link in chain:
        count = vault.delete_sessions(link.name)
        if count:
            say(f"Deleted {count} sessions for {link.name}")
    say(f"Deleting old access key {old_id}")
    try:
        _retry(
            lambda: aws.delete_access_key(
                iam_creds or new, rotation.endpoint, rotation.user, rotation.old.access_key_id
            )
        )
    except AwsVaultError as error:
        raise AwsVaultError(
            f"Can't delete old access key {old_id}: {error}; {stored} and works; "
            f"delete {old_id} in IAM yourself"
        ) from None
    say(f"Deleted old access key {old_id}")
    say("Finished rotating access key")
