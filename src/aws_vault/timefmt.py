"""Timestamps (ISO 8601 UTC, whole seconds) and Go-style durations (`1h30m`)."""

from __future__ import annotations

import re
from datetime import datetime, timezone

# Go accepts both the micro sign (U+00B5) and the Greek mu (U+03BC) for microseconds.
_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)")
_UNIT_SECONDS = {
    "ns": 1e-9, "us": 1e-6, "\u00b5s": 1e-6, "\u03bcs": 1e-6, "ms": 1e-3,
    "s": 1, "m": 60, "h": 3600,
}  # fmt: skip


def iso8601(moment: datetime) -> str:
    """`2006-01-02T15:04:05Z`: UTC, whole seconds. A naive datetime is taken as UTC (as in
    parse_timestamp), never as local time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp(text: str) -> datetime:
    """Parse RFC 3339 (any offset, optional fraction of any length) into an aware datetime."""
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    match = re.match(r"^(.*T\d\d:\d\d:\d\d)(\.\d+)?(.*)$", value)
    if match:
        # fromisoformat on 3.10 accepts only 3 or 6 fraction digits; Go writes nine.
        fraction = (match.group(2) or "")[:7].ljust(7, "0") if match.group(2) else ""
        value = match.group(1) + fraction + match.group(3)
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def parse_duration(text: str) -> float:
    """Seconds in a Go duration string (`1h`, `90m`, `1h30m`, `0`). Raises ValueError."""
    value = text.strip()
    if value in ("0", "+0", "-0"):
        return 0.0
    sign = -1 if value.startswith("-") else 1
    body = value.lstrip("+-")
    if not body:
        raise ValueError(f"invalid duration {text!r}")
    total, position = 0.0, 0
    for match in _DURATION_PART.finditer(body):
        if match.start() != position:
            break
        total += float(match.group(1)) * _UNIT_SECONDS[match.group(2)]
        position = match.end()
    if position != len(body):
        raise ValueError(f"invalid duration {text!r}")
    return sign * total


def format_duration(seconds: float) -> str:
    """Go's Duration.String() truncated to whole seconds: `7h59m12s`, `3m2s`, `0s`."""
    whole = int(seconds)
    sign = "-" if whole < 0 else ""
    whole = abs(whole)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}h{minutes}m{secs}s"
    if minutes:
        return f"{sign}{minutes}m{secs}s"
    return f"{sign}{secs}s"
