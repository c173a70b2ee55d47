"""Names of store items: session keys, credentials, OIDC tokens (reference §3.4, §4.2, §9.4)."""

from __future__ import annotations

import pytest

from aws_vault.store.keys import (
    SessionKey,
    is_credential_key,
    is_legacy_session_key,
    is_session_key,
    oidc_key,
    parse_session_key,
    session_prefix,
)

# -- IsSessionKey: reference §9.4 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("blah", False),
        ("blah session (61633665646639303539)", True),
        ("blah-iam session (32383863333237616430)", True),
        ("session,c2Vzc2lvbg,,1572281751", True),
        ("session,c2Vzc2lvbg,YXJuOmF3czppYW06OjEyMzQ1Njc4OTA6bWZhL2pzdGV3bW9u,1572281751", True),
        # [fork]: base64 that is not UTF-8 still makes a session key.
        ("GetSessionToken,my-profile,,9999999999", True),
        # Current format from §3.4.
        ("sts.GetSessionToken,am9uc21pdGg,YXJuOmF3czppYW06OjExMTE6bWZhL2pvbg,1685000000", True),
        ("sts.AssumeRole,cm9sZQ,,1685000000", True),
        ("sso.GetRoleCredentials,cHJvZmlsZQ,aHR0cHM6Ly94L3N0YXJ0,1685000000", True),
        ("credential_process,cHJvZmlsZQ,,1685000000", True),
        # Legacy `session:<profile>:<mfa>:<exp>`.
        ("session:jonsmith:arn:aws:iam::1:mfa/jon:1572281751", True),
        ("session:jonsmith::1572281751", True),
        # Plain profile names, including odd ones, are not sessions.
        ("jonsmith", False),
        ("my profile", False),
        ("session", False),
        ("prod session", False),
        ("blah session (abc)", False),
        ("a,b,c", False),
        ("a,b,c,d", False),
        ("sts.GetSessionToken,am9uc21pdGg,,notanumber", False),
        # Base64 that cannot decode at all (length 1 mod 4).
        ("sts.GetSessionToken,abcde,,1685000000", False),
        # Not legacy (that needs >= 2 digits), but a current-format key of type "session".
        ("session,c2Vzc2lvbg,,1", True),
    ],
)
def test_is_session_key(key, expected):
    assert is_session_key(key) is expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("blah session (61633665646639303539)", True),
        ("session,c2Vzc2lvbg,,1572281751", True),
        ("session:p:m:123", True),
        ("sts.GetSessionToken,am9uc21pdGg,,1685000000", False),
        ("jonsmith", False),
    ],
)
def test_is_legacy_session_key(key, expected):
    assert is_legacy_session_key(key) is expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("jonsmith", True),
        ("llamas", True),
        ("creds-only", True),
        ("with.dots", True),
        ("oidc:https://example.awsapps.com/start", False),
        ("oidc:https://d-123.example.com/start#/", False),
        ("oidc:client:https://example.awsapps.com/start", False),
        ("sts.GetSessionToken,am9uc21pdGg,,1685000000", False),
        ("session,ZGV2,,9999999999", False),
        ("dev session (1234567890)", False),
        ("GetSessionToken,my-profile,,9999999999", False),
    ],
)
def test_is_credential_key(key, expected):
    assert is_credential_key(key) is expected


# -- the session key format: reference §3.4 ----------------------------------------------------


def test_session_key_format_example():
    key = SessionKey("sts.GetSessionToken", "jonsmith", "arn:aws:iam::1111:mfa/jon", 1685000000)
    assert str(key) == (
        "sts.GetSessionToken,am9uc21pdGg,YXJuOmF3czppYW06OjExMTE6bWZhL2pvbg,1685000000"
    )
    assert key.prefix() == "sts.GetSessionToken,am9uc21pdGg,YXJuOmF3czppYW06OjExMTE6bWZhL2pvbg,"


def test_session_prefix_with_empty_mfa():
    assert session_prefix("sts.AssumeRole", "jonsmith", "") == "sts.AssumeRole,am9uc21pdGg,,"


@pytest.mark.parametrize(
    "profile", ["jonsmith", "a", "ab", "abc", "with,comma", "ünïcødé", "p/q+r=s", "a" * 64, ""]
)
@pytest.mark.parametrize("mfa", ["", "arn:aws:iam::123456789012:mfa/me", "https://x/start#/"])
def test_session_key_round_trip(profile, mfa):
    key = SessionKey("sts.GetSessionToken", profile, mfa, 1685000000)
    text = str(key)
    assert "=" not in text  # no padding
    assert "+" not in text and "/" not in text  # URL-safe alphabet
    assert text.count(",") == 3
    assert is_session_key(text)
    assert not is_credential_key(text)
    assert parse_session_key(text) == key
    assert text.startswith(session_prefix("sts.GetSessionToken", profile, mfa))


@pytest.mark.parametrize(
    "kind",
    [
        "sts.GetSessionToken",
        "sts.AssumeRole",
        "sts.AssumeRoleWithWebIdentity",
        "sso.GetRoleCredentials",
        "credential_process",
    ],
)
def test_every_session_type_parses(kind):
    key = SessionKey(kind, "p", "", 1)
    assert parse_session_key(str(key)) == key


def test_parse_session_key_fields():
    parsed = parse_session_key(
        "session,c2Vzc2lvbg,YXJuOmF3czppYW06OjEyMzQ1Njc4OTA6bWZhL2pzdGV3bW9u,1572281751"
    )
    assert parsed == SessionKey(
        "session", "session", "arn:aws:iam::1234567890:mfa/jstewmon", 1572281751
    )


def test_parse_session_key_with_non_utf8_profile():
    parsed = parse_session_key("GetSessionToken,my-profile,,9999999999")
    assert parsed is not None
    assert parsed.type == "GetSessionToken"
    assert parsed.mfa_serial == ""
    assert parsed.expiry == 9999999999


@pytest.mark.parametrize(
    "key",
    [
        "jonsmith",
        "oidc:https://example.awsapps.com/start",
        "blah session (61633665646639303539)",
        "sts.GetSessionToken,am9uc21pdGg,,",
        "sts.GetSessionToken,abcde,,1685000000",
        "sts GetSessionToken,am9uc21pdGg,,1685000000",
    ],
)
def test_parse_session_key_rejects_non_current_keys(key):
    assert parse_session_key(key) is None


def test_prefixes_of_different_profiles_do_not_overlap():
    """Lookup takes the first key starting with the prefix, so one profile's prefix must never
    be a prefix of another profile's keys."""
    a = session_prefix("sts.GetSessionToken", "ab", "")
    b = str(SessionKey("sts.GetSessionToken", "abc", "", 1))
    assert not b.startswith(a)


def test_oidc_key():
    assert oidc_key("https://example.awsapps.com/start") == (
        "oidc:https://example.awsapps.com/start"
    )
    assert not is_credential_key(oidc_key("https://example.awsapps.com/start"))
