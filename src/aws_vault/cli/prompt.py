"""`aws-vault prompt [--format FMT]`: the prompt segment, for frameworks that run commands."""

from __future__ import annotations

import time
from collections.abc import Mapping

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.errors import UsageError
from aws_vault.timefmt import parse_timestamp

DEFAULT_FORMAT = "aws:{profile} {remaining}"


def remaining_text(seconds: float) -> str:
    """`42m`, `1h05m`, `30s`, `expired`."""
    if seconds <= 0:
        return "expired"
    minutes = int(seconds // 60)
    if minutes >= 60:
        return f"{minutes // 60}h{minutes % 60:02d}m"
    return f"{minutes}m" if minutes else f"{int(seconds)}s"


def _expiry(env: Mapping[str, str]) -> float | None:
    if env.get("_AWS_VAULT_EXPIRES", "").isdigit():
        return float(env["_AWS_VAULT_EXPIRES"])
    text = env.get("AWS_CREDENTIAL_EXPIRATION") or env.get("AWS_SESSION_EXPIRATION")
    try:
        return parse_timestamp(text).timestamp() if text else None
    except ValueError:
        return None


def segment(env: Mapping[str, str], fmt: str, now: float) -> str:
    profile = env.get("AWS_VAULT")
    if not profile:
        return ""
    expiry = _expiry(env)
    remaining = remaining_text(expiry - now) if expiry is not None else ""
    try:
        return fmt.format(profile=profile, remaining=remaining).strip()
    except (KeyError, IndexError, ValueError) as error:
        raise UsageError(
            f"bad --format {fmt!r}: {error}; use {{profile}} and {{remaining}}"
        ) from None


@click.command("prompt")
@click.option("--format", "fmt", default=DEFAULT_FORMAT, show_default=True,
              help="Segment format; {profile} and {remaining} are replaced.")  # fmt: skip
@pass_app
def prompt(app: App, fmt: str) -> None:
    """Print the prompt segment for the active session (nothing when none is active)."""
    text = segment(app.env, fmt, time.time())
    if text:
        click.echo(text)
