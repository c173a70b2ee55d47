"""JSON forms of credentials: long-term items (Go SDK struct), cached sessions (STS shape),
and `credential_process` output (contract §2 `export --format json`; reference §3.4, App. B)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from aws_vault.credentials import (
    Credentials,
    long_term_from_json,
    long_term_to_json,
    mask_key,
    session_from_json,
    session_to_json,
    to_process_json,
)

EXPIRY = datetime(2023, 5, 25, 10, 0, 0, tzinfo=timezone.utc)


# -- long-term items --------------------------------------------------------------------------


def test_long_term_to_json_is_the_go_struct():
    data = json.loads(long_term_to_json(Credentials("AKIAEXAMPLE", "secret/+=")))
    assert data == {
        "AccessKeyID": "AKIAEXAMPLE",
        "SecretAccessKey": "secret/+=",
        "SessionToken": "",
        "Source": "",
        "CanExpire": False,
        "Expires": "0001-01-01T00:00:00Z",
    }


def test_long_term_round_trip():
    creds = Credentials("AKIAEXAMPLE", "s3cr3t")
    assert long_term_from_json(long_term_to_json(creds)) == creds
    assert not creds.can_expire


@pytest.mark.parametrize(
    "raw",
    [
        # The reference's CLI example item (§9.5).
        '{"AccessKeyID":"ABC","SecretAccessKey":"XYZ"}',
        # Go's decoder matches names case-insensitively.
        '{"AccessKeyId":"ABC","SecretAccessKey":"XYZ"}',
        '{"accesskeyid":"ABC","secretaccesskey":"XYZ","SessionToken":""}',
        b'{"AccessKeyID":"ABC","SecretAccessKey":"XYZ","Source":"x","CanExpire":false}',
    ],
)
def test_long_term_from_json_variants(raw):
    assert long_term_from_json(raw) == Credentials("ABC", "XYZ")


@pytest.mark.parametrize(
    "raw",
    [
        "Junk",
        "",
        "[]",
        '"string"',
        "{}",
        '{"AccessKeyID":"ABC"}',
        '{"SecretAccessKey":"XYZ"}',
        '{"AccessKeyID":null,"SecretAccessKey":"XYZ"}',
        '{"AccessKeyID":"","SecretAccessKey":"XYZ"}',
        '{"AccessKeyID":123,"SecretAccessKey":"XYZ"}',
    ],
)
def test_long_term_from_bad_json_raises_value_error(raw):
    with pytest.raises(ValueError):
        long_term_from_json(raw)


# -- cached sessions --------------------------------------------------------------------------


def test_session_to_json_has_the_sts_shape():
    creds = Credentials("ASIA1", "secret", "token", EXPIRY)
    data = json.loads(session_to_json(creds))
    assert set(data) == {"AccessKeyId", "Expiration", "SecretAccessKey", "SessionToken"}
    assert data["AccessKeyId"] == "ASIA1"
    assert data["SecretAccessKey"] == "secret"
    assert data["SessionToken"] == "token"
    assert data["Expiration"] == "2023-05-25T10:00:00Z"


def test_session_round_trip_keeps_the_expiry_exactly():
    expiry = datetime(2023, 5, 25, 12, 0, 0, 123456, tzinfo=timezone(timedelta(hours=2)))
    creds = Credentials("ASIA1", "secret", "token", expiry)
    back = session_from_json(session_to_json(creds))
    assert back == creds
    assert back.expiration is not None and back.expiration.utcoffset() == timedelta(0)


def test_session_from_go_json_with_nanoseconds():
    raw = (
        '{"AccessKeyId":"ASIA1","Expiration":"2023-05-25T10:00:00.123456789Z",'
        '"SecretAccessKey":"s","SessionToken":"t"}'
    )
    creds = session_from_json(raw)
    assert creds == Credentials("ASIA1", "s", "t", EXPIRY.replace(microsecond=123456))
    assert creds.can_expire


@pytest.mark.parametrize(
    "raw",
    [
        "Junk",
        "null",
        "{}",
        '{"AccessKeyId":"A","SecretAccessKey":"S","Expiration":"yesterday"}',
        '{"AccessKeyId":null,"SecretAccessKey":"S","SessionToken":"T","Expiration":null}',
        '{"AccessKeyId":"A","SecretAccessKey":null,"SessionToken":"T"}',
        '{"AccessKeyId":"","SecretAccessKey":"S"}',
    ],
)
def test_session_from_bad_json_raises(raw):
    # The vault treats ValueError and KeyError as "not cached".
    with pytest.raises((ValueError, KeyError)):
        session_from_json(raw)


# -- credential_process output ---------------------------------------------------------------


def test_process_json_for_session_credentials():
    text = to_process_json(Credentials("ASIA1", "secret", "token", EXPIRY))
    assert text.endswith("\n")
    data = json.loads(text)
    assert data == {
        "Version": 1,
        "AccessKeyId": "ASIA1",
        "SecretAccessKey": "secret",
        "SessionToken": "token",
        "Expiration": "2023-05-25T10:00:00Z",
    }
    assert list(data)[0] == "Version"


def test_process_json_for_long_term_keys_omits_token_and_expiration():
    data = json.loads(to_process_json(Credentials("AKIA1", "secret")))
    assert data == {"Version": 1, "AccessKeyId": "AKIA1", "SecretAccessKey": "secret"}


def test_process_json_expiration_is_utc_whole_seconds():
    expiry = datetime(2009, 2, 4, 21, 0, 57, 999999, tzinfo=timezone(timedelta(hours=-8)))
    data = json.loads(to_process_json(Credentials("A", "S", "T", expiry)))
    assert data["Expiration"] == "2009-02-05T05:00:57Z"


def test_process_json_survives_odd_characters():
    creds = Credentials("A", 'se"cr\\et\n$(x)`y`', "tok/+=")
    data = json.loads(to_process_json(creds))
    assert data["SecretAccessKey"] == 'se"cr\\et\n$(x)`y`'
    assert data["SessionToken"] == "tok/+="


# -- helpers ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "masked"),
    [
        ("AKIAIOSFODNN7EXAMPLE", "****************MPLE"),
        ("ASIA0000ABCD", "****************ABCD"),
        ("XYZ", "****************XYZ"),  # shorter than 4: no crash (the reference panics)
        ("", "****************"),
    ],
)
def test_mask_key(key, masked):
    assert mask_key(key) == masked
    assert Credentials(key, "s").masked_key_id() == masked


def test_remaining_seconds():
    now = EXPIRY - timedelta(minutes=42)
    assert Credentials("A", "S", "T", EXPIRY).remaining_seconds(now) == 42 * 60
    assert Credentials("A", "S").remaining_seconds(now) == float("inf")
    assert Credentials("A", "S", "T", EXPIRY).remaining_seconds(EXPIRY + timedelta(seconds=5)) == -5


def test_can_expire():
    assert Credentials("A", "S", "T", EXPIRY).can_expire
    assert not Credentials("A", "S", "T").can_expire
