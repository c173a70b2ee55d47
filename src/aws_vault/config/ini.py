"""A small INI reader with the rules of ~/.aws/config.

Keys are case-insensitive, section names are not. Only ` #` or ` ;` after whitespace start an
inline comment, so URLs such as `https://x.awsapps.com/start#/` survive. Indented lines under a
key with an empty value are nested settings (`s3 =\\n  max_concurrent_requests = 10`), which
belong to that key and are not read as keys of the section.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from aws_vault.errors import ConfigError

_INLINE_COMMENT = re.compile(r"\s[#;]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass
class RawSection:
    header: str
    values: dict[str, str] = field(default_factory=dict)


def _surrounded(value: str, quote: str) -> bool:
    """`"..."` or `'...'` around the whole value, with no other such quote inside (ini.v1)."""
    return len(value) >= 2 and value[0] == value[-1] == quote and value.count(quote) == 2


def _strip_value(raw: str) -> str:
    value = raw.strip()
    for quote in ('"""', "`"):
        if len(value) >= 2 * len(quote) and value.startswith(quote):
            end = value.rfind(quote, len(quote))
            if end != -1:
                return value[len(quote) : end]
    # A fully quoted value is taken literally, comment characters included.
    for quote in ('"', "'"):
        if _surrounded(value, quote):
            return value[1:-1]
    # Otherwise quotes only matter around the whole value: `"/opt/my tool" --arg` stays intact.
    match = _INLINE_COMMENT.search(value)
    if match:
        value = value[: match.start()].strip()
    for quote in ('"', "'"):
        if _surrounded(value, quote):
            return value[1:-1]
    return value


def _split_key_value(line: str) -> tuple[str, str] | None:
    positions = [p for p in (line.find("="), line.find(":")) if p > 0]
    if not positions:
        return None
    cut = min(positions)
    return line[:cut].strip().lower(), line[cut + 1 :]


def parse_ini(text: str, path: str) -> list[RawSection]:
    """Sections in file order; a repeated header adds to the same section, as ini.v1 does."""
    by_header: dict[str, RawSection] = {}
    current: RawSection | None = None
    nested_under: str | None = None
    # A byte-order mark (Windows editors write one) is not part of the first line.
    # Split on line breaks only (not on \f or \u2028 as str.splitlines does), so that line
    # numbers in errors match what an editor shows.
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    index = 0
    while index < len(lines):
        raw_line = lines[index]
        index += 1
        line = raw_line.strip()
        if not line or line[0] in "#;":
            continue
        if raw_line[0].isspace() and nested_under is not None:
            # A nested setting (`sts =` then `  endpoint_url = ...`), kept as `sts.endpoint_url`.
            nested = _split_key_value(line)
            if nested is not None and current is not None:
                current.values[f"{nested_under}.{nested[0]}"] = _strip_value(nested[1])
            continue
        nested_under = None
        if line.startswith("["):
            if not line.endswith("]") and "]" not in line:
                raise ConfigError(f"malformed section header in {path} line {index}: {line!r}")
            header = " ".join(line[1 : line.index("]")].split())
            current = by_header.setdefault(header, RawSection(header))
            continue
        pair = _split_key_value(line)
        if pair is None or not pair[0]:
            raise ConfigError(f"malformed line in {path} line {index}: expected 'key = value'")
        key, raw_value = pair
        while raw_value.rstrip().endswith("\\") and index < len(lines):
            raw_value = raw_value.rstrip()[:-1] + lines[index].strip()
            index += 1
        value = _strip_value(raw_value)
        if current is not None:
            current.values[key] = value
        if not value:
            nested_under = key
    return list(by_header.values())
