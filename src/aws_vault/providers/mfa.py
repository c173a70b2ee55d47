"""Where an MFA code comes from: --mfa-token, then `mfa_process`, then the prompt driver."""

from __future__ import annotations

import os
from collections.abc import Mapping

from aws_vault import prompts
from aws_vault.config.model import ProfileConfig
from aws_vault.errors import AwsVaultError
from aws_vault.log import get_logger
from aws_vault.providers.base import MfaCode

log = get_logger(__name__)


def run_mfa_process(command: str) -> str:
    """Run `mfa_process`; stdin and stderr go to the terminal so touch prompts are seen."""
    import subprocess

    try:
        tty = os.open("/dev/tty", os.O_RDWR | os.O_NOCTTY)
    except OSError:
        tty = None
    try:
        done = subprocess.run(
            command, shell=True, stdin=tty, stdout=subprocess.PIPE,
            stderr=tty, text=True, errors="replace", check=False,
        )  # noqa: S602 - the user's own configured command  # fmt: skip
    except OSError as error:
        raise AwsVaultError(f"mfa_process {command!r}: {error}") from None
    finally:
        if tty is not None:
            os.close(tty)
    if done.returncode != 0:
        raise AwsVaultError(f"mfa_process {command!r} failed with exit status {done.returncode}")
    code = done.stdout.strip()
    if not code:
        raise AwsVaultError(f"mfa_process {command!r} printed no code")
    return code


def mfa_code_source(config: ProfileConfig, requested: str, env: Mapping[str, str]) -> MfaCode:
    """Codes for one profile; the prompt driver is chosen only when a prompt is needed."""

    def code_for(serial: str) -> str:
        if config.mfa_token:
            return config.mfa_token
        if config.mfa_process:
            log.debug("profile %s: running mfa_process", config.name)
            return run_mfa_process(config.mfa_process)
        driver = prompts.choose(requested, env.get("PATH"))
        log.debug("Using prompt driver: %s", driver)
        return prompts.DRIVERS[driver](serial, env)

    return code_for
