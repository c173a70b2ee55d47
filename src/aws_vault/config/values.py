"""Parsing of typed config values; every error names the setting and the value."""

from __future__ import annotations

from aws_vault.errors import ConfigError
from aws_vault.timefmt import parse_duration

_TAG_FORMAT = "session tags string must be <key1>=<value1>,[<key2>=<value2>[,...]]"


def parse_session_tags(
    text: str, setting: str = "session_tags", where: str = ""
) -> tuple[tuple[str, str], ...]:
    """`k=v,k2=v2`, whitespace trimmed; any element without `=` is an error.

    `where` (e.g. ` in [profile x]`) says where the value came from, for the message."""
    tags = []
    for element in text.split(","):
        key, sep, value = element.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"invalid {setting} {text!r}{where}: {_TAG_FORMAT}")
        tags.append((key.strip(), value.strip()))
    return tuple(tags)


def parse_transitive_tags(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def parse_duration_seconds(text: str, setting: str, where: str = "") -> int:
    """`duration_seconds` is a whole number of seconds, as for the AWS CLI."""
    digits = text.strip()
    # ASCII digits only: int() would also take "1_000", "+5" or non-ASCII digits.
    if not (digits.isascii() and digits.isdigit()):
        raise ConfigError(f"invalid {setting} {text!r}{where}: expected a whole number of seconds")
    seconds = int(digits)
    if seconds <= 0:
        raise ConfigError(f"invalid {setting} {text!r}{where}: must be positive")
    return seconds


def parse_ttl(text: str, setting: str) -> int:
    """A Go duration (`1h`, `90m`, `3600s`) from an environment variable or flag."""
    try:
        seconds = parse_duration(text)
        int(seconds)
    except (ValueError, OverflowError):
        raise ConfigError(
            f"invalid {setting} {text!r}: expected a duration such as 1h, 90m or 3600s"
        ) from None
    if seconds < 0:
        raise ConfigError(f"invalid {setting} {text!r}: must not be negative")
    return int(seconds)
