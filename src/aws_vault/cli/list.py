"""`aws-vault list`: profiles, stored credentials and cached sessions."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlparse

import click

from aws_vault.cli.app import App, pass_app
from aws_vault.config.file import ConfigFile
from aws_vault.store.vault import Vault
from aws_vault.timefmt import format_duration

MIN_WIDTH = 25
PADDING = 2


def _oidc_label(config: ConfigFile, profile: str) -> tuple[str, str] | None:
    """(start url, label) of the SSO token a profile would use."""
    section = {**config.profiles.get("default", {}), **config.profiles.get(profile, {})}
    session = section.get("sso_session")
    if session and config.sso_sessions.get(session, {}).get("sso_start_url"):
        return config.sso_sessions[session]["sso_start_url"], f"oidc:{session}"
    url = section.get("sso_start_url")
    return (url, f"oidc:{urlparse(url).hostname or url}") if url else None


def _session_labels(vault: Vault, now: datetime) -> list[tuple[str, str]]:
    """(profile, label) for every live session."""
    labels = []
    for key in vault.sessions():
        remaining = key.expiry - now.timestamp()
        if remaining > 0:
            labels.append((key.profile, f"{key.type}:{format_duration(remaining)}"))
    return labels


def _table(rows: list[tuple[str, str, str]]) -> str:
    widths = [max(MIN_WIDTH, *(len(row[i]) + PADDING for row in rows)) for i in range(3)]
    lines = ["".join(cell.ljust(width) for cell, width in zip(row, widths)) for row in rows]
    return "\n".join(line.rstrip() for line in lines)


def _rows(config: ConfigFile, vault: Vault, now: datetime) -> list[tuple[str, str, str]]:
    credentials = vault.credential_names()
    sessions = _session_labels(vault, now)
    tokens = set(vault.oidc_start_urls())
    shown_sessions: set[int] = set()
    shown_tokens: set[str] = set()
    rows = [("Profile", "Credentials", "Sessions"), ("=======", "===========", "========")]
    # A [default] with nothing aws-vault reads is not listed as a profile, but keys stored for
    # it must still show, on its row in config order.
    listed = set(config.profile_names())
    profiles = [name for name in config.profiles if name in listed or name in credentials]
    for profile in profiles:
        labels = []
        oidc = _oidc_label(config, profile)
        if oidc and oidc[0] in tokens:
            labels.append(oidc[1])
            shown_tokens.add(oidc[0])
        for index, (owner, label) in enumerate(sessions):
            if owner == profile:
                labels.append(label)
                shown_sessions.add(index)
        stored = profile if profile in credentials else "-"
        rows.append((profile, stored, ", ".join(labels) or "-"))
    rows += [("-", name, "-") for name in credentials if name not in profiles]
    rows += [("-", "-", f"oidc:{url}") for url in sorted(tokens - shown_tokens)]
    rows += [("-", "-", label) for i, (_, label) in enumerate(sessions) if i not in shown_sessions]
    return rows


def _session_names(config: ConfigFile, vault: Vault, now: datetime) -> list[str]:
    tokens = set(vault.oidc_start_urls())
    oidc = {label for p in config.profile_names() if (label := _oidc_label(config, p))}
    named = sorted({label for url, label in oidc if url in tokens})
    named += [f"oidc:{url}" for url in sorted(tokens - {url for url, _ in oidc})]
    return named + [label for _, label in _session_labels(vault, now)]


@click.command("list")
@click.option("--profiles", is_flag=True, help="Show only the profile names.")
@click.option("--sessions", is_flag=True, help="Show only the session names.")
@click.option("--credentials", is_flag=True, help="Show only the profiles with stored credentials.")
@pass_app
def list_cmd(app: App, profiles: bool, sessions: bool, credentials: bool) -> None:
    """List profiles, along with their credentials and sessions."""
    config = app.config()
    if profiles and not credentials:
        lines = config.profile_names()
    else:
        vault = app.vault()
        now = datetime.now(timezone.utc)
        if credentials:
            lines = vault.credential_names()
        elif sessions:
            lines = _session_names(config, vault, now)
        else:
            lines = [_table(_rows(config, vault, now))]
    if lines:
        click.echo("\n".join(lines))
