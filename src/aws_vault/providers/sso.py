"""SSO (IAM Identity Center) role credentials (reference §3.8): an OIDC access token from the
store, refreshed or obtained by the device authorization flow, traded for role credentials by
sso:GetRoleCredentials.

Unlike the Go aws-vault: the client registration is kept in the store until its secret expires,
`sso_registration_scopes` is sent (so AWS issues refresh tokens, and an expired access token is
refreshed without a browser), SlowDown backs off instead of failing, the user code is shown on its
own line, and the login runs under a cross-process lock so parallel processes share one browser
login. Device flow: https://datatracker.ietf.org/doc/html/rfc8628 ; AWS's API:
https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_CreateToken.html
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from aws_vault.browser import can_open_browser, open_in_browser
from aws_vault.config.model import ProfileConfig
from aws_vault.credentials import Credentials
from aws_vault.errors import AwsRequestError, CredentialsNotFound
from aws_vault.providers.base import Provider
from aws_vault.providers.cached import Lock
from aws_vault.providers.sso_records import ClientRegistration, OidcToken
from aws_vault.store.base import Item
from aws_vault.store.keys import SSO_CLIENT_PREFIX, oidc_key
from aws_vault.store.vault import Vault
from aws_vault.timefmt import iso8601

if TYPE_CHECKING:
    from aws_vault.aws import Rejection

log = logging.getLogger(__name__)

DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
REFRESH_GRANT = "refresh_token"
DEFAULT_INTERVAL = 5  # RFC 8628 §3.2
SLOW_DOWN_STEP = 5  # RFC 8628 §3.5: "increased by 5 seconds for this and all subsequent requests"
DEFAULT_DEVICE_EXPIRY = 600
PENDING, SLOW_DOWN = "AuthorizationPendingException", "SlowDownException"
EXPIRED, DENIED = "ExpiredTokenException", "AccessDeniedException"
UNAUTHORIZED = "UnauthorizedException"


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _write_stderr(text: str) -> None:
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


class SsoProvider(Provider):
    kind = "sso.GetRoleCredentials"

    def __init__(
        self,
        config: ProfileConfig,
        vault: Vault,
        lock: Lock,
        print_only: bool = False,
        env: Mapping[str, str] | None = None,
        *,
        clock: Callable[[], datetime] = _now,
        sleep: Callable[[float], None] = time.sleep,
        notify: Callable[[str], None] = _write_stderr,
        browser: Callable[[str], bool] = open_in_browser,
    ) -> None:
        self.config = config
        self.vault = vault
        self.lock = lock
        self.print_only = print_only
        self.env = env if env is not None else {}
        self.clock = clock
        self.sleep = sleep
        self.notify = notify
        self.browser = browser
        self.start_url = config.sso_start_url
        self.scopes = tuple(
            scope.strip() for scope in config.sso_registration_scopes.split(",") if scope.strip()
        )
        self._clients: dict[str, Any] = {}

    def describe(self) -> str:
        return f"SSO role {self.config.sso_role_name} in account {self.config.sso_account_id}"

    # -- the flow ----------------------------------------------------------------------------
    def retrieve(self) -> Credentials:
        self._check_config()
        token, cached = self._login()
        result = self._role_credentials(token)
        if isinstance(result, Credentials):
            return result
        if not cached:
            raise result.error()
        # A cached token the portal no longer accepts (signed out, revoked): one fresh login.
        log.debug("SSO access token for %s was rejected; logging in again", self.start_url)
        token, _ = self._login(rejected=token.access_token)
        result = self._role_credentials(token)
        if isinstance(result, Credentials):
            return result
        raise result.error()

    def _check_config(self) -> None:
        settings = {
            "sso_region": self.config.sso_region,
            "sso_account_id": self.config.sso_account_id,
            "sso_role_name": self.config.sso_role_name,
        }
        missing = [name for name, value in settings.items() if not value]
        if missing:
            raise CredentialsNotFound(
                f"profile {self.config.name}: SSO needs {' and '.join(missing)}",
                hint=f"set {', '.join(missing)} for profile {self.config.name} in the AWS config",
            )

    def _login(self, rejected: str = "") -> tuple[OidcToken, bool]:
        """(token, whether it came from the store). Under the lock, so parallel processes wait
        for one login and then find its token in the store."""
        key = oidc_key(self.start_url)
        with self.lock("sso:" + self.start_url):
            self.vault.refresh()
            token = self._stored(key, OidcToken.from_json)
            if token is not None and token.access_token == rejected:
                token = None
                self.vault.delete_item(key)
            if token is not None and token.usable(self.clock()):
                log.debug("using the cached SSO token for %s", self.start_url)
                return token, True
            fresh = self._refreshed(token) if token is not None else None
            if fresh is None:
                if token is not None:
                    self.vault.delete_item(key)
                fresh = self._device_login()
            self._save_token(fresh)
            return fresh, False

    def _role_credentials(self, token: OidcToken) -> Credentials | Rejection:
        from aws_vault import aws

        result = aws.attempt(
            "GetRoleCredentials",
            self._client("sso").get_role_credentials,
            (UNAUTHORIZED,),
            accessToken=token.access_token,
            accountId=self.config.sso_account_id,
            roleName=self.config.sso_role_name,
        )
        return result if isinstance(result, aws.Rejection) else aws.sso_role_credentials(result)

    # -- OIDC --------------------------------------------------------------------------------
    def _refreshed(self, token: OidcToken) -> OidcToken | None:
        """A new access token from the refresh token, or None (then the browser is needed).
        Only with sso_registration_scopes, as the AWS CLI does: AWS issues refresh tokens only
        to clients registered with scopes."""
        if not (self.scopes and token.refresh_token):
            return None
        client = self._stored(SSO_CLIENT_PREFIX + self.start_url, ClientRegistration.from_json)
        if client is None or not client.usable(self.clock(), self.scopes):
            return None
        from aws_vault import aws

        try:
            response = aws.call(
                "CreateToken",
                self._client("sso-oidc").create_token,
                clientId=client.client_id,
                clientSecret=client.client_secret,
                grantType=REFRESH_GRANT,
                refreshToken=token.refresh_token,
            )
        except AwsRequestError as error:
            log.debug(
                "refreshing the SSO token for %s failed (%s); logging in again",
                self.start_url, error,
            )  # fmt: skip
            return None
        log.debug("refreshed the SSO token for %s", self.start_url)
        return OidcToken.from_response(response, self.clock(), refresh=token.refresh_token)

    def _device_login(self) -> OidcToken:
        from aws_vault import aws

        client = self._registration()
        auth = aws.call(
            "StartDeviceAuthorization",
            self._client("sso-oidc").start_device_authorization,
            clientId=client.client_id,
            clientSecret=client.client_secret,
            startUrl=self.start_url,
        )
        self._show(auth)
        return self._poll(client, auth)

    def _show(self, auth: Mapping[str, Any]) -> None:
        url = auth.get("verificationUriComplete") or auth.get("verificationUri") or ""
        opening = not self.print_only and can_open_browser(self.env)
        if opening:
            self.notify("Opening the SSO authorization page in your browser (use Ctrl-C to abort)")
        else:
            self.notify("Open the SSO authorization page in a browser (use Ctrl-C to abort)")
        self.notify(url)
        if auth.get("userCode"):
            self.notify(f"User code: {auth['userCode']}")
        if opening and not self.browser(url):
            self.notify("No browser could be opened: open the link above yourself.")

    def _poll(self, client: ClientRegistration, auth: Mapping[str, Any]) -> OidcToken:
        from aws_vault import aws

        interval = int(auth.get("interval") or DEFAULT_INTERVAL)
        lifetime = int(auth.get("expiresIn") or DEFAULT_DEVICE_EXPIRY)
        deadline = self.clock() + timedelta(seconds=lifetime)
        while True:
            result = aws.attempt(
                "CreateToken",
                self._client("sso-oidc").create_token,
                (PENDING, SLOW_DOWN, EXPIRED, DENIED),
                clientId=client.client_id,
                clientSecret=client.client_secret,
                grantType=DEVICE_GRANT,
                deviceCode=auth["deviceCode"],
            )
            if not isinstance(result, aws.Rejection):
                log.debug("SSO login for %s approved", self.start_url)
                return OidcToken.from_response(result, self.clock())
            if result.code == DENIED:
                raise AwsRequestError(f"SSO login for {self.start_url} was denied")
            if result.code == SLOW_DOWN:
                interval += SLOW_DOWN_STEP
                log.debug("SSO asked to slow down; polling every %ds", interval)
            if result.code == EXPIRED or self.clock() + timedelta(seconds=interval) > deadline:
                raise AwsRequestError(
                    f"SSO login for {self.start_url} expired before it was approved",
                    hint="run the command again and approve the request in the browser in time",
                )
            self.sleep(interval)

    def _registration(self) -> ClientRegistration:
        key = SSO_CLIENT_PREFIX + self.start_url
        cached = self._stored(key, ClientRegistration.from_json)
        if cached is not None and cached.usable(self.clock(), self.scopes):
            return cached
        from aws_vault import aws

        params: dict[str, object] = {"clientName": "aws-vault", "clientType": "public"}
        if self.scopes:
            params["scopes"] = list(self.scopes)
        response = aws.call("RegisterClient", self._client("sso-oidc").register_client, **params)
        client = ClientRegistration.from_response(response, self.scopes)
        label = f"aws-vault oidc client for {self.start_url} (expires {iso8601(client.expiration)})"
        self.vault.set_item(Item(key, client.to_json(), label, "aws-vault oidc client", True))
        log.debug("registered an OIDC client for %s", self.start_url)
        return client

    # -- plumbing ----------------------------------------------------------------------------
    def _stored(self, key: str, parse: Callable[[bytes], Any]) -> Any:
        item = self.vault.get_item(key)
        if item is None:
            return None
        try:
            return parse(item.data)
        except (ValueError, KeyError, TypeError) as error:
            log.debug("ignoring unreadable item %s: %s", key, type(error).__name__)
            return None

    def _save_token(self, token: OidcToken) -> None:
        label = f"aws-vault oidc token for {self.start_url} (expires {iso8601(token.expiration)})"
        data = token.to_json(self.clock())
        item = Item(oidc_key(self.start_url), data, label, "aws-vault oidc token", True)
        self.vault.set_item(item)

    def _client(self, service: str) -> Any:
        """Unsigned clients in sso_region; botocore applies AWS_ENDPOINT_URL_SSO(_OIDC) unless
        the profile sets endpoint_url."""
        if service not in self._clients:
            from aws_vault import aws

            endpoint = aws.Endpoint(
                self.config.sso_region, self.config.endpoint_url,
                service_endpoints=self.config.service_endpoints,
            )  # fmt: skip
            self._clients[service] = aws.client(service, None, endpoint)
        return self._clients[service]
