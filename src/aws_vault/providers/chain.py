"""Which providers a profile needs, and in what order (reference §3.1 and the maintained fork's
algorithm of §3.3): stored keys or a source profile first, then SSO, web identity and
credential_process. GetSessionToken primes chains so one MFA prompt serves every role; role
chains are capped at the 1h AWS allows; a single long role keeps its duration. Every decision is
logged with its reason; nothing here does I/O beyond asking the store what it holds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from aws_vault.config.model import HOUR, ProfileConfig
from aws_vault.errors import CredentialsNotFound
from aws_vault.log import get_logger
from aws_vault.providers.assume_role import AssumeRoleProvider
from aws_vault.providers.base import MfaCode, Provider
from aws_vault.providers.cached import CachedProvider, Lock
from aws_vault.providers.process import CredentialProcessProvider
from aws_vault.providers.session_token import SessionTokenProvider
from aws_vault.providers.stored import StoredProvider
from aws_vault.providers.web_identity import WebIdentityProvider
from aws_vault.store.vault import Vault

log = get_logger(__name__)


@dataclass(frozen=True)
class ChainOptions:
    no_session: bool = False
    use_cache: bool = True
    min_ttl: int = 300
    # login excludes its own profile from GetSessionToken: such sessions cannot be federated.
    session_excluded_profile: str = ""
    mfa_code_for: Callable[[ProfileConfig], MfaCode] = lambda _config: _no_mfa
    lock: Lock | None = None
    clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)
    sso_provider: Callable[[ProfileConfig], Provider] | None = None


def _no_mfa(serial: str) -> str:
    raise CredentialsNotFound(f"an MFA code is needed for {serial}")


@dataclass(frozen=True)
class _Built:
    provider: Provider
    chained_mfa: str = ""  # the serial a GetSessionToken already used in this chain


def build_provider(config: ProfileConfig, vault: Vault, options: ChainOptions) -> Provider:
    return _Builder(vault, options).build(config, users=()).provider


# Sources whose credentials are themselves sessions: a role assumed from them is capped at 1h.
_SESSION_KINDS = frozenset(
    {"sts.GetSessionToken", "sts.AssumeRole", "sts.AssumeRoleWithWebIdentity", "sso.GetRoleCredentials"}
)


def _is_session_or_role(provider: Provider) -> bool:
    inner = provider.inner if isinstance(provider, CachedProvider) else provider
    return getattr(inner, "kind", "") in _SESSION_KINDS


def _keeps_full_duration(config: ProfileConfig, users: tuple[ProfileConfig, ...]) -> bool:
    """True when exactly one profile from here up has a role, and it asks for more than 1h."""
    roles = [c for c in (config, *users) if c.has_role]
    return len(roles) == 1 and roles[0].assume_role_duration > HOUR


class _Builder:
    def __init__(self, vault: Vault, options: ChainOptions) -> None:
        self.vault = vault
        self.options = options

    def cached(self, inner: Provider, kind: str, profile: str, mfa: str) -> Provider:
        if not self.options.use_cache or self.options.lock is None:
            return inner
        return CachedProvider(
            inner, self.vault, (kind, profile, mfa), self.options.min_ttl, self.options.lock,
            self.options.clock,
        )  # fmt: skip

    def build(self, config: ProfileConfig, users: tuple[ProfileConfig, ...]) -> _Built:
        if self.vault.has_credentials(config.name) or config.source is not None:
            return self.source_and_session(config, users)
        if config.has_sso:
            log.debug("profile %s: using SSO role credentials", config.name)
            return _Built(self.sso(config))
        if config.has_web_identity:
            log.debug("profile %s: using AssumeRoleWithWebIdentity", config.name)
            inner = WebIdentityProvider(config)
            return _Built(self.cached(inner, inner.kind, config.name, ""))
        if config.credential_process:
            log.debug("profile %s: using credential_process", config.name)
            process = CredentialProcessProvider(config)
            return _Built(self.cached(process, process.kind, config.name, ""))
        raise CredentialsNotFound(
            f"profile {config.name}: credentials missing",
            hint=f"store keys with 'aws-vault add {config.name}', or configure source_profile, "
            "sso_*, web_identity_token_file or credential_process",
        )

    def sso(self, config: ProfileConfig) -> Provider:
        if self.options.sso_provider is None:
            raise CredentialsNotFound(f"profile {config.name}: SSO is not available here")
        inner = self.options.sso_provider(config)
        return self.cached(inner, "sso.GetRoleCredentials", config.name, config.sso_start_url)

    def source(self, config: ProfileConfig, users: tuple[ProfileConfig, ...]) -> _Built:
        if self.vault.has_credentials(config.name):
            log.debug("profile %s: using stored credentials", config.name)
            return _Built(StoredProvider(self.vault, config.name))
        assert config.source is not None
        log.debug("profile %s: sourcing credentials from profile %s", config.name, config.source.name)
        return self.build(config.source, (config, *users))

    def source_and_session(self, config: ProfileConfig, users: tuple[ProfileConfig, ...]) -> _Built:
        built = self.source(config, users)
        provider, chained_mfa = built.provider, built.chained_mfa
        parent = users[0] if users else None
        is_source_for_role = parent is not None and parent.has_role
        should_prime = (not config.has_role or is_source_for_role) and not _keeps_full_duration(
            config, users
        )
        if should_prime and isinstance(provider, StoredProvider):
            reason = self.session_refusal(config, parent)
            if reason:
                log.debug("profile %s: skipping GetSessionToken because %s", config.name, reason)
            else:
                provider, chained_mfa = self.session_token(config, provider, parent), config.mfa_serial
        if not config.has_role:
            return _Built(provider, chained_mfa)
        return self.assume_role(config, provider, chained_mfa)

    def session_refusal(self, config: ProfileConfig, parent: ProfileConfig | None) -> str:
        if self.options.no_session:
            return "sessions are disabled"
        if config.name == self.options.session_excluded_profile:
            return "sessions are disabled for this profile"
        if parent is None:
            return ""
        if not parent.mfa_serial:
            return f"profile '{parent.name}' has no MFA serial defined"
        if not config.mfa_serial:
            return f"profile '{config.name}' has no MFA serial defined"
        if config.mfa_serial != parent.mfa_serial:
            return f"MFA serial doesn't match profile '{parent.name}'"
        return ""

    def session_token(
        self, config: ProfileConfig, source: Provider, parent: ProfileConfig | None
    ) -> Provider:
        duration = (
            config.chained_session_token_duration if parent else config.session_token_duration
        )
        log.debug(
            "profile %s: using GetSessionToken%s", config.name,
            " (with MFA)" if config.mfa_serial else "",
        )  # fmt: skip
        inner = SessionTokenProvider(
            source, config, duration, self.options.mfa_code_for(config)
        )
        return self.cached(inner, inner.kind, config.name, config.mfa_serial)

    def assume_role(self, config: ProfileConfig, source: Provider, chained_mfa: str) -> _Built:
        duration = config.assume_role_duration
        if _is_session_or_role(source) and duration > HOUR:
            log.debug(
                "profile %s: capping AssumeRole duration from %ds to AWS maximum 1h0m0s for "
                "role chaining", config.name, duration,
            )  # fmt: skip
            duration = HOUR
        mfa_serial = config.mfa_serial
        note = " (with MFA)" if mfa_serial else ""
        if mfa_serial and mfa_serial == chained_mfa:
            mfa_serial, note = "", " (chained MFA)"
        log.debug("profile %s: using AssumeRole%s", config.name, note)
        inner = AssumeRoleProvider(
            source, config, duration, mfa_serial, self.options.mfa_code_for(config)
        )
        provider = self.cached(inner, inner.kind, config.name, mfa_serial)
        return _Built(provider, chained_mfa)
