"""Typed config values (reference §2.2, §9.2; contract §3: errors name the key and the value)."""

from __future__ import annotations

import pytest

from aws_vault.config.values import (
    parse_duration_seconds,
    parse_session_tags,
    parse_transitive_tags,
    parse_ttl,
)
from aws_vault.errors import ConfigError, ExitCode

# -- session tags: reference §9.2 ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tag1=value1", {"tag1": "value1"}),
        (
            "tag2=value2,tag3=value3,tag4=value4",
            {"tag2": "value2", "tag3": "value3", "tag4": "value4"},
        ),
        (
            " tagA = valueA ,  tagB  =  valueB  ,  tagC   =   valueC  ",
            {"tagA": "valueA", "tagB": "valueB", "tagC": "valueC"},
        ),
    ],
)
def test_session_tags(text, expected):
    result = parse_session_tags(text)
    assert dict(result) == expected
    assert len(result) == len(expected)


def test_session_tags_keep_order():
    assert parse_session_tags("b=2,a=1,c=3") == (("b", "2"), ("a", "1"), ("c", "3"))


def test_session_tag_value_may_be_empty():
    assert parse_session_tags("k=") == (("k", ""),)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "tag1=value1,",
        "tagA=valueA,tagB",
        "tagOne,tagTwo=valueTwo",
        "tagI=valueI,tagII,tagIII=valueIII",
        "=value",
        " = value",
        ",",
    ],
)
def test_bad_session_tags(text):
    with pytest.raises(ConfigError) as excinfo:
        parse_session_tags(text)
    message = str(excinfo.value)
    assert "session_tags" in message
    assert repr(text) in message
    assert "<key1>=<value1>" in message
    assert excinfo.value.exit_code == ExitCode.CONFIG


def test_bad_session_tags_names_the_given_setting_and_location():
    with pytest.raises(ConfigError) as excinfo:
        parse_session_tags("oops", "AWS_SESSION_TAGS", where=" in [profile p]")
    message = str(excinfo.value)
    assert message.startswith("invalid AWS_SESSION_TAGS 'oops' in [profile p]:")


# -- transitive tags: reference §9.2 -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tag1", ("tag1",)),
        ("tag2,tag3,tag4", ("tag2", "tag3", "tag4")),
        (" tagA ,  tagB  ,   tagC   ", ("tagA", "tagB", "tagC")),
        ("tag1,", ("tag1",)),
        (",tagA", ("tagA",)),
        ("", ()),
        (",", ()),
        (" , ,, ", ()),
    ],
)
def test_transitive_tags(text, expected):
    assert parse_transitive_tags(text) == expected


# -- duration_seconds ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1200", 1200), (" 3600 ", 3600), ("43200", 43200), ("1", 1), ("0900", 900)],
)
def test_duration_seconds(text, expected):
    assert parse_duration_seconds(text, "duration_seconds") == expected


@pytest.mark.parametrize(
    "text", ["1h", "abc", "-5", "0", "", "12.5", "1e3", "+5", "1_000", "\u0661\u0662", "3600s"]
)
def test_bad_duration_seconds(text):
    with pytest.raises(ConfigError) as excinfo:
        parse_duration_seconds(text, "duration_seconds", where=" in [profile p]")
    message = str(excinfo.value)
    assert "duration_seconds" in message
    assert repr(text) in message
    assert "[profile p]" in message


# -- TTL variables (Go durations) ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1h", 3600),
        ("90m", 5400),
        ("3600s", 3600),
        ("1h30m", 5400),
        ("1.5h", 5400),
        ("12h", 43200),
        ("0", 0),
        (" 15m ", 900),
    ],
)
def test_ttl(text, expected):
    assert parse_ttl(text, "AWS_ASSUME_ROLE_TTL") == expected


@pytest.mark.parametrize("text", ["3600", "abc", "", "1 h", "1d", "-1h", "h", "1h-5m"])
def test_bad_ttl(text):
    with pytest.raises(ConfigError) as excinfo:
        parse_ttl(text, "AWS_SESSION_TOKEN_TTL")
    message = str(excinfo.value)
    assert "AWS_SESSION_TOKEN_TTL" in message
    assert repr(text) in message
