"""`exec --ecs-server`: serve the profile's credentials to the child instead of putting keys in
its environment."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping

from aws_vault.config.model import ProfileConfig
from aws_vault.credentials import Credentials
from aws_vault.environment import CLEARED, apply
from aws_vault.process import run_child
from aws_vault.providers.assume_role import AssumeRoleProvider
from aws_vault.providers.base import Provider
from aws_vault.servers.cache import RefreshingCredentials
from aws_vault.servers.ecs import EcsServer


class _Fetched(Provider):
    def __init__(self, fetch: Callable[[], Credentials]) -> None:
        self.fetch = fetch

    def retrieve(self) -> Credentials:
        return self.fetch()


def _role_assumer(config: ProfileConfig, base: RefreshingCredentials):  # type: ignore[no-untyped-def]
    def assume(arn: str) -> RefreshingCredentials:
        role_config = dataclasses.replace(
            config, role_arn=arn, role_session_name="", external_id="", session_tags=(),
            transitive_session_tags=(), source_identity="", mfa_serial="",
        )  # fmt: skip
        provider = AssumeRoleProvider(
            _Fetched(base.get), role_config, config.assume_role_duration, "", lambda _s: ""
        )
        return RefreshingCredentials(provider.retrieve)

    return assume


def _child_env(config: ProfileConfig, env: Mapping[str, str], **extra: str) -> dict[str, str]:
    changes: dict[str, str | None] = dict.fromkeys(CLEARED)
    changes.update(AWS_VAULT=config.name, **extra)
    if config.region:
        changes.update(AWS_REGION=config.region, AWS_DEFAULT_REGION=config.region)
    if config.endpoint_url:
        changes["AWS_ENDPOINT_URL"] = config.endpoint_url
    return apply(env, changes)


def exec_with_ecs_server(
    config: ProfileConfig,
    fetch: Callable[[], Credentials],
    argv: list[str],
    env: Mapping[str, str],
    lazy: bool,
) -> int:
    base = RefreshingCredentials(fetch)
    if not lazy:
        base.get()  # fail now, not in the middle of the child's first request
    server = EcsServer(base, _role_assumer(config, base))
    server.start()
    child_env = _child_env(
        config, env,
        AWS_CONTAINER_CREDENTIALS_FULL_URI=server.url,
        AWS_CONTAINER_AUTHORIZATION_TOKEN=server.token,
    )  # fmt: skip
    try:
        return run_child(argv, child_env)
    finally:
        server.stop()


def exec_with_ec2_server(
    config: ProfileConfig, fetch: Callable[[], Credentials], argv: list[str], env: Mapping[str, str]
) -> int:
    from aws_vault.errors import AwsVaultError
    from aws_vault.servers.ec2 import Ec2Server
    from aws_vault.servers.proxy import proxy_running

    if not proxy_running():
        raise AwsVaultError(
            "The EC2 Instance Metadata endpoint proxy server isn't running",
            hint="run 'sudo aws-vault proxy &' and then try this command again",
        )
    base = RefreshingCredentials(fetch)
    base.get()
    server = Ec2Server(base, config.region)
    server.start()
    try:
        return run_child(argv, _child_env(config, env))
    finally:
        server.stop()
