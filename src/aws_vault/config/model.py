"""The resolved settings of one profile: a frozen value with no I/O."""

from __future__ import annotations

from dataclasses import dataclass

HOUR = 3600


@dataclass(frozen=True)
class ProfileConfig:
    name: str
    has_section: bool = True
    source_profile_name: str = ""
    source: ProfileConfig | None = None
    role_arn: str = ""
    mfa_serial: str = ""
    mfa_process: str = ""
    mfa_token: str = ""
    external_id: str = ""
    role_session_name: str = ""
    region: str = ""
    sts_regional_endpoints: str = ""
    endpoint_url: str = ""
    # Per-service endpoints from a `[services NAME]` section: ((service id, url), ...).
    service_endpoints: tuple[tuple[str, str], ...] = ()
    session_tags: tuple[tuple[str, str], ...] = ()
    transitive_session_tags: tuple[str, ...] = ()
    source_identity: str = ""
    credential_process: str = ""
    web_identity_token_file: str = ""
    web_identity_token_process: str = ""
    sso_session: str = ""
    sso_start_url: str = ""
    sso_region: str = ""
    sso_account_id: str = ""
    sso_role_name: str = ""
    sso_registration_scopes: str = ""
    assume_role_duration: int = HOUR
    session_token_duration: int = HOUR
    chained_session_token_duration: int = 8 * HOUR
    federation_token_duration: int = HOUR

    @property
    def has_role(self) -> bool:
        return bool(self.role_arn)

    @property
    def has_sso(self) -> bool:
        return bool(self.sso_start_url)

    @property
    def has_web_identity(self) -> bool:
        return bool(self.web_identity_token_file or self.web_identity_token_process)

    def chain(self) -> list[ProfileConfig]:
        """This profile, then its source, then that one's source, and so on."""
        links: list[ProfileConfig] = []
        node: ProfileConfig | None = self
        while node is not None:
            links.append(node)
            node = node.source
        return links


@dataclass(frozen=True)
class Overrides:
    """Settings from command-line flags; they apply to every profile in the chain."""

    region: str = ""
    mfa_token: str = ""
    duration: int | None = None
