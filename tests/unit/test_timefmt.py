"""ISO 8601 timestamps and Go durations (reference conventions and §9.4)."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone

import pytest

from aws_vault.timefmt import format_duration, iso8601, parse_duration, parse_timestamp

# -- ISO8601: reference §9.4 ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2009-02-04T21:00:57-08:00", "2009-02-05T05:00:57Z"),
        ("2020-09-10T18:16:52+02:00", "2020-09-10T16:16:52Z"),
        ("2020-09-10T16:16:52Z", "2020-09-10T16:16:52Z"),
        ("2020-09-10T16:16:52.999999999Z", "2020-09-10T16:16:52Z"),  # whole seconds, truncated
        ("2020-12-31T23:30:00-01:00", "2021-01-01T00:30:00Z"),
    ],
)
def test_iso8601_conversions(text, expected):
    assert iso8601(parse_timestamp(text)) == expected


def test_iso8601_of_aware_datetime():
    plus_two = timezone(timedelta(hours=2))
    assert iso8601(datetime(2020, 9, 10, 18, 16, 52, 123456, tzinfo=plus_two)) == (
        "2020-09-10T16:16:52Z"
    )


@pytest.fixture
def new_york_time(monkeypatch):
    """Run with a local time zone far from UTC, so local-time mistakes show."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_iso8601_of_naive_datetime_is_utc_not_local(new_york_time):
    assert iso8601(datetime(2020, 1, 1, 12, 0, 0)) == "2020-01-01T12:00:00Z"


def test_iso8601_of_aware_datetime_ignores_local_zone(new_york_time):
    moment = datetime(2020, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert iso8601(moment) == "2020-01-01T12:00:00Z"


# -- parse_timestamp -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-05-25T10:00:00Z", datetime(2023, 5, 25, 10, 0, 0, tzinfo=timezone.utc)),
        ("2023-05-25T10:00:00z", datetime(2023, 5, 25, 10, 0, 0, tzinfo=timezone.utc)),
        ("2023-05-25T10:00:00+00:00", datetime(2023, 5, 25, 10, 0, 0, tzinfo=timezone.utc)),
        # Go writes nanoseconds; Python keeps microseconds.
        (
            "2023-05-25T10:00:00.123456789Z",
            datetime(2023, 5, 25, 10, 0, 0, 123456, tzinfo=timezone.utc),
        ),
        ("2023-05-25T10:00:00.5Z", datetime(2023, 5, 25, 10, 0, 0, 500000, tzinfo=timezone.utc)),
        (
            "2023-05-25T12:00:00.25+02:00",
            datetime(2023, 5, 25, 10, 0, 0, 250000, tzinfo=timezone.utc),
        ),
        # No zone: UTC.
        ("2023-05-25T10:00:00", datetime(2023, 5, 25, 10, 0, 0, tzinfo=timezone.utc)),
        ("  2023-05-25T10:00:00Z\n", datetime(2023, 5, 25, 10, 0, 0, tzinfo=timezone.utc)),
    ],
)
def test_parse_timestamp(text, expected):
    parsed = parse_timestamp(text)
    assert parsed == expected
    assert parsed.tzinfo is not None


@pytest.mark.parametrize("text", ["", "yesterday", "2023-13-01T00:00:00Z", "1685000000"])
def test_parse_timestamp_rejects_garbage(text):
    with pytest.raises(ValueError):
        parse_timestamp(text)


# -- Go durations ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("0", 0),
        ("-0", 0),
        ("1h", 3600),
        ("90m", 5400),
        ("3600s", 3600),
        ("1h30m", 5400),
        ("1h0m0s", 3600),
        ("2h45m30s", 9930),
        ("1.5h", 5400),
        (".5h", 1800),
        ("1.h", 3600),
        ("+15m", 900),
        ("-1h", -3600),
        ("1500ms", 1.5),
        ("1000000us", 1),
        ("1000000\u00b5s", 1),  # micro sign
        ("1000000\u03bcs", 1),  # Greek mu, also accepted by Go
        ("1000000000ns", 1),
        ("1m1m", 120),
    ],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize(
    "text", ["", "3600", "1", "h", "1d", "1 h", "1h-5m", "one hour", "1H", "+", "-", ".h", "1h30"]
)
def test_parse_duration_rejects(text):
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0s"),
        (0.9, "0s"),
        (1, "1s"),
        (59, "59s"),
        (60, "1m0s"),
        (182, "3m2s"),
        (3600, "1h0m0s"),
        (3900, "1h5m0s"),
        (28752, "7h59m12s"),
        (43200, "12h0m0s"),
        (100 * 3600, "100h0m0s"),
        (-90, "-1m30s"),
    ],
)
def test_format_duration(seconds, text):
    assert format_duration(seconds) == text


@pytest.mark.parametrize("seconds", [0, 1, 61, 3600, 5400, 28752, 86399])
def test_format_and_parse_round_trip(seconds):
    assert parse_duration(format_duration(seconds)) == seconds
