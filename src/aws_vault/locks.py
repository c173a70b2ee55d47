"""Cross-process locks, so parallel invocations (Terraform, SDKs running credential_process)
share one MFA prompt, SSO login or session refresh instead of each doing its own.

flock is released by the kernel when its holder dies, so a crashed holder never blocks anyone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aws_vault.errors import AwsVaultError
from aws_vault.log import get_logger

log = get_logger(__name__)

WAIT_SECONDS = 600.0  # longer than any MFA prompt or SSO login a person would finish


@contextmanager
def exclusive(lock_dir: Path, name: str, wait: float = WAIT_SECONDS) -> Iterator[None]:
    import hashlib

    path = lock_dir / (hashlib.sha256(name.encode()).hexdigest()[:32] + ".lock")
    try:
        lock_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as error:
        raise AwsVaultError(f"cannot create the lock file {path}: {error.strerror}") from None
    try:
        _acquire(fd, name, wait)
        yield
    finally:
        os.close(fd)


def _acquire(fd: int, name: str, wait: float) -> None:
    import fcntl
    import time

    deadline = time.monotonic() + wait
    announced = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if not announced:
                log.debug("waiting for another aws-vault process (%s)", name)
                announced = True
            if time.monotonic() > deadline:
                log.debug("gave up waiting for the lock on %s; going ahead", name)
                return
            time.sleep(0.05)
