"""Run a child while we stay alive (for the credential servers): signals go to the child, and
its status comes back, 128+N when a signal N ended it."""

from __future__ import annotations

import signal
import subprocess
from collections.abc import Mapping

from aws_vault.errors import AwsVaultError

# Ctrl-C and Ctrl-\ reach the child from the terminal itself (same process group); forwarding
# them too would deliver each twice, which tools such as Terraform take as "abort now".
FORWARDED = (signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2)
IGNORED = (signal.SIGINT, signal.SIGQUIT)


def run_child(argv: list[str], env: Mapping[str, str]) -> int:
    try:
        child = subprocess.Popen(argv, env=dict(env))
    except FileNotFoundError:
        raise AwsVaultError(f"Couldn't find the executable '{argv[0]}'") from None
    except OSError as error:
        raise AwsVaultError(f"cannot run '{argv[0]}': {error.strerror}") from None
    previous = {sig: signal.signal(sig, lambda number, _frame: child.send_signal(number)) for sig in FORWARDED}
    previous |= {sig: signal.signal(sig, signal.SIG_IGN) for sig in IGNORED}
    try:
        status = child.wait()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 128 - status if status < 0 else status
