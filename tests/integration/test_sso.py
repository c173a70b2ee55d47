"""SSO (IAM Identity Center) through the real executable, against the local portal of
tests/fixtures/sso.py: the device login, what is cached where, refresh, revocation, failures,
and parallel processes sharing one login."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from aws_vault.store.base import Item
from tests.conftest import EXECUTABLE, Result
from tests.fixtures.sso import DEVICE_GRANT, SsoPortal
from tests.integration.helpers import ERROR_PREFIX, error_lines, file_store, stored_keys

INLINE_URL = "https://inline.awsapps.com/start"
CORP_URL = "https://corp.awsapps.com/start#/"
SCOPED_URL = "https://scoped.awsapps.com/start"

CONFIG = f"""\
[profile inline]
sso_start_url = {INLINE_URL}
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin

[sso-session corp]
sso_start_url = {CORP_URL}
sso_region = eu-west-1

[profile dev]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer

[profile ops]
sso_session = corp
sso_account_id = 444455556666
sso_role_name = Operator

[sso-session scoped]
sso_start_url = {SCOPED_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile scoped-a]
sso_session = scoped
sso_account_id = 111122223333
sso_role_name = Admin

[profile scoped-b]
sso_session = scoped
sso_account_id = 444455556666
sso_role_name = Admin

[profile no-account]
sso_start_url = {INLINE_URL}
sso_region = us-east-1
sso_role_name = Admin
"""

BROWSER_SCRIPT = """\
#!{python}
import sys, urllib.request
with open({log!r}, "a") as log:
    log.write(sys.argv[1] + "\\n")
urllib.request.urlopen(sys.argv[1], timeout=10).read()
print("the browser wrote this to its stdout")
"""


class Browser:
    """A $BROWSER that does what a person does: fetch the page, which approves the login."""

    def __init__(self, directory: Path) -> None:
        self.log = directory / "browser.log"
        self.path = directory / "approve-in-browser"
        self.path.write_text(BROWSER_SCRIPT.format(python=sys.executable, log=str(self.log)))
        self.path.chmod(0o755)
        self.env = {"BROWSER": str(self.path)}

    def opened(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


@pytest.fixture
def browser(tmp_path: Path) -> Browser:
    return Browser(tmp_path)


@pytest.fixture
def sso(sso_portal: SsoPortal, config_file: Path) -> SsoPortal:
    config_file.write_text(CONFIG)
    return sso_portal


def export(cli, profile: str, *flags: str, env: dict[str, str] | None = None) -> Result:
    return cli("export", "--format=json", *flags, profile, env=env)


def exported(result: Result) -> dict[str, object]:
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout)


def assert_issued(data: dict[str, object], issued: dict[str, object]) -> None:
    """The JSON export holds exactly the role credentials the portal handed out."""
    expiry = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(int(issued["expiration"]) // 1000))
    assert data == {
        "Version": 1,
        "AccessKeyId": issued["accessKeyId"],
        "SecretAccessKey": issued["secretAccessKey"],
        "SessionToken": issued["sessionToken"],
        "Expiration": expiry,
    }


def one_error_line(result: Result) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr
    errors = error_lines(result.stderr)
    assert len(errors) == 1, result.stderr
    return errors[0][len(ERROR_PREFIX) :]


def bearers(portal: SsoPortal) -> list[str]:
    return [call.params["bearer"] for call in portal.calls_to("GetRoleCredentials")]


# -- the login -------------------------------------------------------------------------------


def test_inline_profile_logs_in_through_the_browser(cli, sso, browser):
    result = export(cli, "inline", env=browser.env)

    assert_issued(exported(result), sso.issued_role_credentials[0])
    assert sso.issued_role_credentials[0]["accountId"] == "111122223333"
    assert sso.issued_role_credentials[0]["roleName"] == "Admin"
    register = sso.calls_to("RegisterClient")
    assert [c.params for c in register] == [{"clientName": "aws-vault", "clientType": "public"}]
    (start,) = sso.calls_to("StartDeviceAuthorization")
    assert start.params["startUrl"] == INLINE_URL
    (device,) = sso.devices.values()
    url = f"{sso.url}/device?user_code={device.user_code}"
    assert browser.opened() == [url]
    lines = result.stderr.splitlines()
    assert "Opening the SSO authorization page in your browser (use Ctrl-C to abort)" in lines
    assert url in lines
    assert f"User code: {device.user_code}" in lines
    # stdout is only the credentials: no link, no code, nothing the browser printed.
    assert device.user_code not in result.stdout and "browser" not in result.stdout
    assert [c.params["grantType"] for c in sso.calls_to("CreateToken")] == [DEVICE_GRANT]


def test_sso_session_profile_with_stdout_flag_prints_the_link_only(cli, sso, browser):
    sso.approve_after_polls = 1  # the person approves while aws-vault polls

    result = export(cli, "dev", "--stdout", env=browser.env)

    assert_issued(exported(result), sso.issued_role_credentials[0])
    assert sso.issued_role_credentials[0]["roleName"] == "Developer"
    (start,) = sso.calls_to("StartDeviceAuthorization")
    assert start.params["startUrl"] == CORP_URL
    (device,) = sso.devices.values()
    lines = result.stderr.splitlines()
    assert "Open the SSO authorization page in a browser (use Ctrl-C to abort)" in lines
    assert f"{sso.url}/device?user_code={device.user_code}" in lines
    assert f"User code: {device.user_code}" in lines
    assert device.user_code not in result.stdout
    assert browser.opened() == []
    assert sso.count("CreateToken") == 2  # one AuthorizationPending, then the token


def test_the_token_is_stored_as_aws_vault_stores_it(cli, sso, browser):
    exported(export(cli, "dev", env=browser.env))

    item = file_store().get(f"oidc:{CORP_URL}")
    assert item is not None
    assert item.label.startswith(f"aws-vault oidc token for {CORP_URL} (expires 20")
    assert item.description == "aws-vault oidc token"
    assert item.trusted
    data = json.loads(item.data)
    assert set(data) == {"Token", "Expiration"}
    assert data["Token"]["AccessToken"] in sso.tokens
    assert data["Token"]["TokenType"] == "Bearer"
    assert 8 * 3600 - 60 <= data["Token"]["ExpiresIn"] <= 8 * 3600
    client = file_store().get(f"oidc:client:{CORP_URL}")
    assert client is not None and client.description == "aws-vault oidc client"


def test_profile_endpoint_url_reaches_the_portal(cli, sso, browser, monkeypatch, config_file):
    monkeypatch.delenv("AWS_ENDPOINT_URL_SSO")
    monkeypatch.delenv("AWS_ENDPOINT_URL_SSO_OIDC")
    inline = "sso_role_name = Admin\n"
    config_file.write_text(CONFIG.replace(inline, f"{inline}endpoint_url = {sso.url}\n", 1))

    assert_issued(exported(export(cli, "inline", env=browser.env)), sso.issued_role_credentials[0])


def test_without_a_browser_or_display_the_link_is_printed_and_nothing_launched(
    cli, sso, monkeypatch
):
    # webbrowser would otherwise fall back to a console browser (lynx, w3m) in a headless session.
    for name in ("BROWSER", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    sso.approve_after_polls = 1

    result = export(cli, "inline")

    assert_issued(exported(result), sso.issued_role_credentials[0])
    assert "Open the SSO authorization page in a browser (use Ctrl-C to abort)" in result.stderr
    assert sso.count("ApproveDevice") == 0  # nothing fetched the page: no browser ran


# -- what is reused --------------------------------------------------------------------------


def test_a_token_stored_by_the_go_aws_vault_is_used(cli, sso, browser):
    # Go's encoding/json of CreateTokenOutput: nil pointers as null, time.Time with nanoseconds.
    expires = time.strftime("%Y-%m-%dT%H:%M:%S.123456789+00:00", time.gmtime(time.time() + 3600))
    token = {
        "Token": {"AccessToken": "go-access-token", "ExpiresIn": 3600, "IdToken": None,
                  "RefreshToken": None, "TokenType": "Bearer", "ResultMetadata": {}},
        "Expiration": expires,
    }  # fmt: skip
    file_store().set(Item(f"oidc:{INLINE_URL}", json.dumps(token).encode(), "aws-vault oidc token"))
    sso.add_token("go-access-token")

    assert_issued(exported(export(cli, "inline", env=browser.env)), sso.issued_role_credentials[0])
    assert bearers(sso) == ["go-access-token"]
    assert sso.count("StartDeviceAuthorization") == 0 and browser.opened() == []


def test_role_credentials_and_token_are_reused(cli, sso, browser):
    first = exported(export(cli, "dev", env=browser.env))
    calls = len(sso.calls)

    assert exported(export(cli, "dev", env=browser.env)) == first
    assert len(sso.calls) == calls  # the cached role credentials: no portal call at all

    # Another role behind the same start URL uses the stored token: no new login.
    assert_issued(exported(export(cli, "ops", env=browser.env)), sso.issued_role_credentials[1])
    assert sso.issued_role_credentials[1]["accountId"] == "444455556666"
    assert sso.count("StartDeviceAuthorization") == 1
    assert sso.count("GetRoleCredentials") == 2
    assert bearers(sso)[0] == bearers(sso)[1]
    assert len(browser.opened()) == 1


def test_clear_drops_the_token_but_the_client_registration_is_reused(cli, sso, browser):
    exported(export(cli, "dev", env=browser.env))
    assert f"oidc:{CORP_URL}" in stored_keys()

    cleared = cli("clear", "dev")
    assert cleared.returncode == 0, cleared.stderr
    assert f"oidc:{CORP_URL}" not in stored_keys()
    assert f"oidc:client:{CORP_URL}" in stored_keys()

    assert_issued(exported(export(cli, "dev", env=browser.env)), sso.issued_role_credentials[1])
    assert sso.count("StartDeviceAuthorization") == 2
    assert sso.count("RegisterClient") == 1
    first, second = sso.calls_to("StartDeviceAuthorization")
    assert first.params["clientId"] == second.params["clientId"]


def test_list_shows_the_sso_session_token(cli, sso, browser):
    def dev_row() -> str:
        listing = cli("list")
        assert listing.returncode == 0, listing.stderr
        assert "oidc-client" not in listing.stdout
        return next(line for line in listing.stdout.splitlines() if line.startswith("dev "))

    assert "oidc:corp" not in dev_row()
    exported(export(cli, "dev", env=browser.env))
    assert "oidc:corp" in dev_row()


# -- polling, refresh, revocation ------------------------------------------------------------


def test_slow_down_backs_off_and_keeps_polling(cli, sso, browser):
    sso.slow_down_times = 1

    assert_issued(exported(export(cli, "inline", env=browser.env)), sso.issued_role_credentials[0])

    first, second = sso.calls_to("CreateToken")
    # The server's interval (1s) grew by 5s, as RFC 8628 asks.
    assert second.at - first.at >= sso.interval + 5 - 0.5


def test_expired_access_token_is_refreshed_when_scopes_are_set(cli, sso, browser):
    sso.token_lifetime = 2
    exported(export(cli, "scoped-a", env=browser.env))
    (register,) = sso.calls_to("RegisterClient")
    assert register.params["scopes"] == ["sso:account:access"]
    time.sleep(2.2)  # the portal now rejects the first access token

    second_export = exported(export(cli, "scoped-b", env=browser.env))

    assert_issued(second_export, sso.issued_role_credentials[1])

    assert sso.count("StartDeviceAuthorization") == 1
    assert len(sso.token_requests("refresh_token")) == 1
    assert len(browser.opened()) == 1
    first, second = bearers(sso)
    assert first != second
    stored = json.loads(file_store().get(f"oidc:{SCOPED_URL}").data)
    assert stored["Token"]["AccessToken"] == second


def test_without_scopes_an_expired_token_means_a_new_login(cli, sso, browser):
    sso.token_lifetime = 2
    exported(export(cli, "dev", env=browser.env))
    time.sleep(2.2)

    assert_issued(exported(export(cli, "ops", env=browser.env)), sso.issued_role_credentials[1])

    assert sso.count("StartDeviceAuthorization") == 2
    assert sso.token_requests("refresh_token") == []
    assert sso.count("RegisterClient") == 1


def test_revoked_token_triggers_one_fresh_login(cli, sso, browser):
    exported(export(cli, "dev", env=browser.env))
    sso.revoke_all()

    assert_issued(exported(export(cli, "ops", env=browser.env)), sso.issued_role_credentials[1])

    assert sso.count("StartDeviceAuthorization") == 2
    assert sso.count("GetRoleCredentials") == 3  # dev; ops rejected (401); ops with the new token
    assert bearers(sso)[1] == bearers(sso)[0] and bearers(sso)[2] != bearers(sso)[1]
    assert len(browser.opened()) == 2


def test_a_token_rejected_after_the_fresh_login_is_an_error_not_a_loop(cli, sso, browser):
    exported(export(cli, "dev", env=browser.env))
    sso.revoke_all()
    sso.token_lifetime = -60  # every new token is dead on arrival

    result = export(cli, "ops", env=browser.env)

    assert "UnauthorizedException" in one_error_line(result)
    assert result.stdout == ""
    assert sso.count("StartDeviceAuthorization") == 2
    assert sso.count("GetRoleCredentials") == 3


# -- failures --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "fragment"),
    [("expired", "expired before it was approved"), ("denied", "was denied")],
)
def test_expired_or_denied_device_code_is_one_clear_error(cli, sso, outcome, fragment):
    sso.device_outcome = outcome

    result = export(cli, "inline", "--stdout")

    message = one_error_line(result)
    assert fragment in message and INLINE_URL in message
    assert result.returncode == 6
    assert result.stdout == ""
    assert f"oidc:{INLINE_URL}" not in stored_keys()
    assert sso.count("CreateToken") == 1


def test_missing_account_id_fails_before_any_login(cli, sso):
    result = export(cli, "no-account", "--stdout")

    assert "sso_account_id" in one_error_line(result)
    assert result.returncode == 4
    assert sso.calls == []


# -- parallel processes ----------------------------------------------------------------------


def _parallel_exports(profiles: list[str], env: dict[str, str]) -> list[Result]:
    processes = [
        subprocess.Popen(
            [EXECUTABLE, "export", "--format=json", profile],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        for profile in profiles
    ]
    done = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        done.append(Result(process.returncode, out, err))
    return done


def test_parallel_exports_share_one_login(cli, sso, browser):
    results = _parallel_exports(["dev"] * 5, browser.env)

    assert [r.returncode for r in results] == [0] * 5, [r.stderr for r in results]
    outputs = {r.stdout for r in results}
    assert len(outputs) == 1
    assert_issued(json.loads(outputs.pop()), sso.issued_role_credentials[0])
    assert sso.count("RegisterClient") == 1
    assert sso.count("StartDeviceAuthorization") == 1
    assert sso.count("GetRoleCredentials") == 1
    assert len(browser.opened()) == 1


def test_parallel_exports_of_different_roles_share_one_login(cli, sso, browser, config_file):
    roles = [f"role{n}" for n in range(5)]
    extra = "[profile {0}]\nsso_session = corp\nsso_account_id = 111122223333\n"
    extra += "sso_role_name = {0}\n"
    config_file.write_text(CONFIG + "".join("\n" + extra.format(role) for role in roles))

    results = _parallel_exports(roles, browser.env)

    assert [r.returncode for r in results] == [0] * 5, [r.stderr for r in results]
    assert sso.count("StartDeviceAuthorization") == 1
    assert sso.count("GetRoleCredentials") == 5
    assert len(set(bearers(sso))) == 1
    by_role = {issued["roleName"]: issued for issued in sso.issued_role_credentials}
    for role, result in zip(roles, results):
        assert_issued(json.loads(result.stdout), by_role[role])


# -- secrets ---------------------------------------------------------------------------------


def test_debug_log_shows_no_token_or_secret(cli, sso, browser):
    first = cli("--debug", "export", "--format=json", "scoped-a", env=browser.env)
    second = cli("--debug", "export", "--format=json", "scoped-b", env=browser.env)

    exported(first), exported(second)
    # The log does say what happened.
    assert f"SSO login for {SCOPED_URL} approved" in first.stderr
    assert f"using the cached SSO token for {SCOPED_URL}" in second.stderr
    secrets = [client["clientSecret"] for client in sso.clients.values()]
    secrets += [t.access_token for t in sso.tokens.values()]
    secrets += [t.refresh_token for t in sso.tokens.values()]
    secrets += [c["secretAccessKey"] for c in sso.issued_role_credentials]
    secrets += [c["sessionToken"] for c in sso.issued_role_credentials]
    assert len(secrets) == 7 and all(secrets)
    for secret in secrets:
        assert secret not in first.stderr + second.stderr
