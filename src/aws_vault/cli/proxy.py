"""`aws-vault proxy [--stop]`: the root half of `exec --ec2-server`."""

from __future__ import annotations

import click


@click.command("proxy")
@click.option("--stop", is_flag=True, help="Stop a running proxy.")
def proxy(stop: bool) -> None:
    """Serve the EC2 metadata address 169.254.169.254:80 for `exec --ec2-server` (needs root)."""
    from aws_vault.servers.proxy import run_proxy, stop_proxy

    if stop:
        stop_proxy()
    else:
        run_proxy()
