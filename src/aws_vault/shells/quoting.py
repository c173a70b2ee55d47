"""Quoting values so that `eval` gives back exactly the value, in each shell's rules."""

from __future__ import annotations

import shlex


def posix_quote(value: str) -> str:
    """bash, zsh and sh: single quotes, with `'` written as `'"'"'`."""
    return shlex.quote(value)


def fish_quote(value: str) -> str:
    """fish: inside single quotes `\\\\` and `\\'` are escapes, so both must be escaped."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
