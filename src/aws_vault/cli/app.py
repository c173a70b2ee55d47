"""The click side of the shared command state."""

from __future__ import annotations

import click

from aws_vault.cli.state import App, current_env

pass_app = click.make_pass_decorator(App)

__all__ = ["App", "current_env", "pass_app"]
