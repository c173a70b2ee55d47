"""The click options every credential-producing command takes."""

from __future__ import annotations

import click


def credential_options(function):  # type: ignore[no-untyped-def]
    """The flags every credential-producing command takes."""
    decorators = [
        click.option("-d", "--duration", default="", envvar="AWS_VAULT_DURATION",
                     help="Duration of the temporary or assume-role session (e.g. 1h)."),
        click.option("-n", "--no-session", is_flag=True,
                     help="Skip GetSessionToken: use the long-term keys directly."),
        click.option("--region", default="", help="The AWS region."),
        click.option("-t", "--mfa-token", default="", help="The MFA token to use."),
        click.option("--stdout", is_flag=True, envvar="AWS_VAULT_STDOUT",
                     help="Print the SSO link instead of opening a browser."),
    ]  # fmt: skip
    for decorator in reversed(decorators):
        function = decorator(function)
    return function
