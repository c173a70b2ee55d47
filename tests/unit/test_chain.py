"""Provider selection (reference §9.3): the tree build_provider returns and the reasons it logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from aws_vault.config.file import parse_config
from aws_vault.config.model import Overrides
from aws_vault.config.resolve import resolve_profile
from aws_vault.credentials import Credentials
from aws_vault.errors import ConfigError, CredentialsNotFound
from aws_vault.providers.assume_role import AssumeRoleProvider
from aws_vault.providers.cached import CachedProvider
from aws_vault.providers.chain import ChainOptions, build_provider
from aws_vault.providers.process import CredentialProcessProvider
from aws_vault.providers.session_token import SessionTokenProvider
from aws_vault.providers.stored import StoredProvider
from aws_vault.providers.web_identity import WebIdentityProvider
from aws_vault.store.file import FileStore
from aws_vault.store.vault import Vault

H12 = 12 * 3600


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    return Vault(FileStore(tmp_path / "keys", lambda _dir: "pw"))


def build(text, profile, vault, stored=(), duration=None, **options):  # noqa: ANN001, ANN201
    for name in stored:
        vault.set_credentials(name, Credentials("AKIAEXAMPLE" + name.upper()[:4], "secret"))
    config = parse_config(text, Path("config"))
    resolved = resolve_profile(
        profile, config, {}, Overrides(mfa_token="123456", duration=duration), vault.has_credentials
    )
    return build_provider(resolved, vault, ChainOptions(**options))


def unwrap(provider):  # noqa: ANN001, ANN201
    return provider.inner if isinstance(provider, CachedProvider) else provider


def debug_lines(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("aws_vault.providers")]


def index_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


@pytest.fixture(autouse=True)
def _debug(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="aws_vault")


def test_web_identity(vault):
    text = "[profile role2]\nrole_arn=arn:aws:iam::123456789012:role/x\nweb_identity_token_process=oidccli raw\n"
    assert isinstance(build(text, "role2", vault, no_session=True), WebIdentityProvider)


def test_issue_1176_credential_process_of_included_base(vault):
    text = (
        "[profile my-shared-base-profile]\ncredential_process=echo {}\n"
        "mfa_serial=arn:aws:iam::1234:mfa/x\nregion=us-east-1\n"
        "[profile profile-with-role]\nsource_profile=my-shared-base-profile\n"
        "include_profile=my-shared-base-profile\nrole_arn=arn:aws:iam::1234:role/r\n"
    )
    provider = build(text, "my-shared-base-profile", vault, no_session=True)
    assert isinstance(provider, CredentialProcessProvider)


def test_issue_1195_source_profile_beats_sso_inherited_from_default(vault):
    text = (
        "[default]\nsso_session=common\nsso_account_id=3701\nsso_role_name=Admin\n"
        "[profile test]\nsource_profile=dev\n"
        "[profile dev]\nsso_session=common\nsso_account_id=2160\nsso_role_name=Admin\n"
        "[sso-session common]\nsso_start_url=https://x.awsapps.com/start\nsso_region=us-east-1\n"
    )
    seen = []
    build(text, "test", vault, no_session=True, sso_provider=lambda c: seen.append(c) or StoredProvider(vault, "x"))
    assert [c.sso_account_id for c in seen] == ["2160"]
    assert seen[0].name == "dev"


def test_direct_role_uses_assume_role_not_session_token(vault, caplog):
    text = "[profile target]\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=arn:aws:iam::1:mfa/m\n"
    provider = unwrap(build(text, "target", vault, stored=["target"]))
    assert isinstance(provider, AssumeRoleProvider)
    assert isinstance(provider.source, StoredProvider)
    lines = debug_lines(caplog)
    assert any("profile target: using AssumeRole" in line for line in lines)
    assert not any("using GetSessionToken" in line for line in lines)


def test_role_to_role_is_primed_and_logged_in_order(vault, caplog):
    text = (
        "[profile source]\nrole_arn=arn:aws:iam::1:role/s\nmfa_serial=M1234567890\n"
        "[profile target]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=M1234567890\n"
    )
    target = unwrap(build(text, "target", vault, stored=["source"]))
    source_role = unwrap(target.source)
    assert isinstance(source_role, AssumeRoleProvider)
    assert isinstance(unwrap(source_role.source), SessionTokenProvider)
    assert target.mfa_serial == "" and source_role.mfa_serial == ""
    lines = debug_lines(caplog)
    assert index_of(lines, "profile source: using GetSessionToken") < index_of(
        lines, "profile source: using AssumeRole"
    ) < index_of(lines, "profile target: using AssumeRole")


def test_role_to_non_role_is_not_primed(vault, caplog):
    text = (
        "[profile source]\nrole_arn=arn:aws:iam::1:role/s\nmfa_serial=M1234567890\n"
        "[profile target]\nsource_profile=source\n"
    )
    provider = unwrap(build(text, "target", vault, stored=["source"]))
    assert isinstance(provider, AssumeRoleProvider)
    assert isinstance(provider.source, StoredProvider)
    lines = debug_lines(caplog)
    assert not any("source: using GetSessionToken" in line for line in lines)
    assert any("profile source: using AssumeRole (with MFA)" in line for line in lines)


def test_default_mfa_chain(vault, caplog):
    text = (
        "[default]\nmfa_serial=M1234567890\n"
        "[profile source]\nregion=us-east-1\nduration_seconds=7200\n"
        "[profile admin]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/a\nduration_seconds=7200\n"
        "[profile target]\nsource_profile=admin\nrole_arn=arn:aws:iam::1:role/t\nduration_seconds=7200\n"
    )
    build(text, "target", vault, stored=["source"])
    lines = debug_lines(caplog)
    assert any("profile source: using GetSessionToken" in line for line in lines)
    assert not any(
        ("admin: using GetSessionToken" in l) or ("target: using GetSessionToken" in l) for l in lines
    )
    assert any("profile admin: using AssumeRole (chained MFA)" in line for line in lines)
    assert any("profile target: using AssumeRole (chained MFA)" in line for line in lines)


def test_role_chain_is_capped_to_one_hour(vault, caplog):
    text = (
        "[profile source]\nrole_arn=arn:aws:iam::1:role/s\nmfa_serial=M1234567890\n"
        "[profile target]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=M1234567890\n"
    )
    target = unwrap(build(text, "target", vault, stored=["source"], duration=H12))
    source_role = unwrap(target.source)
    session = unwrap(source_role.source)
    assert session.duration == H12
    assert source_role.duration == 3600 and target.duration == 3600
    lines = debug_lines(caplog)
    assert any("profile source: capping AssumeRole duration" in line for line in lines)
    assert any("profile target: capping AssumeRole duration" in line for line in lines)


@pytest.mark.parametrize("with_alias", [False, True])
def test_single_long_role_keeps_full_duration(vault, caplog, with_alias):
    # ByteNess #290: one role over 1h is assumed straight from the long-term keys with MFA.
    alias = "[profile alias]\nsource_profile=source\nmfa_serial=M1234567890\n" if with_alias else ""
    text = (
        "[profile source]\nmfa_serial=M1234567890\n" + alias
        + f"[profile target]\nsource_profile={'alias' if with_alias else 'source'}\n"
        "role_arn=arn:aws:iam::1:role/t\nmfa_serial=M1234567890\n"
    )
    target = unwrap(build(text, "target", vault, stored=["source"], duration=H12))
    assert target.duration == H12
    assert isinstance(target.source, StoredProvider)
    lines = debug_lines(caplog)
    assert not any("using GetSessionToken" in line for line in lines)
    assert not any("capping" in line for line in lines)
    assert any("profile target: using AssumeRole (with MFA)" in line for line in lines)


def test_issue_392_default_durations_prime_without_capping(vault, caplog):
    text = (
        "[profile source]\nmfa_serial=M1234567890\n"
        "[profile target]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=M1234567890\n"
    )
    target = unwrap(build(text, "target", vault, stored=["source"]))
    assert isinstance(unwrap(target.source), SessionTokenProvider)
    assert unwrap(target.source).duration == 8 * 3600  # chained GetSessionToken default
    lines = debug_lines(caplog)
    assert any("profile source: using GetSessionToken" in line for line in lines)
    assert any("profile target: using AssumeRole (chained MFA)" in line for line in lines)
    assert not any("capping" in line for line in lines)


def test_passthrough_profile_in_the_middle(vault, caplog):
    text = (
        "[profile source]\nmfa_serial=M1234567890\n"
        "[profile admin]\nsource_profile=source\nrole_arn=arn:aws:iam::1:role/a\nmfa_serial=M1234567890\n"
        "[profile passthrough]\nsource_profile=admin\n"
        "[profile target]\nsource_profile=passthrough\nrole_arn=arn:aws:iam::1:role/t\nmfa_serial=M1234567890\n"
    )
    target = unwrap(build(text, "target", vault, stored=["source"], duration=H12))
    admin = unwrap(target.source)
    assert target.duration == 3600 and admin.duration == 3600
    assert isinstance(unwrap(admin.source), SessionTokenProvider)
    lines = debug_lines(caplog)
    assert any("profile admin: using AssumeRole (chained MFA)" in line for line in lines)
    assert any("profile target: using AssumeRole (chained MFA)" in line for line in lines)


def test_master_profile_gets_a_session_unless_no_session(vault, caplog):
    text = "[profile jon]\nmfa_serial=M1234567890\n"
    assert isinstance(unwrap(build(text, "jon", vault, stored=["jon"])), SessionTokenProvider)
    assert isinstance(build(text, "jon", vault, no_session=True), StoredProvider)
    assert any("skipping GetSessionToken because sessions are disabled" in l for l in debug_lines(caplog))


@pytest.mark.parametrize(
    ("source_mfa", "target_mfa", "reason"),
    [
        ("", "M1234567890", "profile 'jon' has no MFA serial defined"),
        ("M1234567890", "", "profile 'role' has no MFA serial defined"),
        ("M1234567890", "N1234567890", "MFA serial doesn't match profile 'role'"),
    ],
)
def test_session_token_refusals_are_explained(vault, caplog, source_mfa, target_mfa, reason):
    text = (
        f"[profile jon]\n{'mfa_serial=' + source_mfa if source_mfa else ''}\n"
        f"[profile role]\nsource_profile=jon\nrole_arn=arn:aws:iam::1:role/r\n"
        f"{'mfa_serial=' + target_mfa if target_mfa else ''}\n"
    )
    role = unwrap(build(text, "role", vault, stored=["jon"]))
    assert isinstance(role.source, StoredProvider)
    assert any(f"skipping GetSessionToken because {reason}" in l for l in debug_lines(caplog))


def test_login_excludes_its_own_profile_from_sessions(vault, caplog):
    text = "[profile jon]\nmfa_serial=M1234567890\n"
    provider = build(text, "jon", vault, stored=["jon"], session_excluded_profile="jon")
    assert isinstance(provider, StoredProvider)
    assert any("sessions are disabled for this profile" in l for l in debug_lines(caplog))


def test_role_credentials_are_cached_without_mfa(vault):
    text = "[profile role]\nsource_profile=jon\nrole_arn=arn:aws:iam::1:role/r\n[profile jon]\n"
    provider = build(text, "role", vault, stored=["jon"], lock=lambda _n: _null())
    assert isinstance(provider, CachedProvider)
    assert provider.kind == "sts.AssumeRole" and provider.mfa_serial == ""


def test_profile_with_nothing_is_credentials_missing(vault):
    with pytest.raises(CredentialsNotFound, match="profile empty: credentials missing"):
        build("[profile empty]\nregion=us-east-1\n", "empty", vault)


def test_unknown_profile_is_rejected_but_stored_only_profile_resolves(vault):
    with pytest.raises(ConfigError, match="invalid-profile.*not found"):
        build("[default]\nsso_account_id=222222222222\n", "invalid-profile", vault)
    assert isinstance(build("", "creds-only", vault, stored=["creds-only"], no_session=True), StoredProvider)


def test_mfa_process_is_inherited_from_the_source(vault):
    text = (
        "[profile foo]\nmfa_process=op item get 'AWS Login' --otp\n"
        "[profile bar]\nsource_profile=foo\nrole_arn=arn:aws:iam::1:role/r\n"
        "[profile own]\nsource_profile=foo\nrole_arn=arn:aws:iam::1:role/r\nmfa_process=mine\n"
    )
    config = parse_config(text, Path("config"))
    assert resolve_profile("bar", config, {}).mfa_process == "op item get 'AWS Login' --otp"
    assert resolve_profile("own", config, {}).mfa_process == "mine"


class _null:
    def __enter__(self):  # noqa: ANN204
        return None

    def __exit__(self, *exc):  # noqa: ANN002, ANN204
        return False
