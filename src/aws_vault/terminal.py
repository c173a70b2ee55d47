"""Questions asked on the controlling terminal (/dev/tty), never on stdin/stdout, so they work
while stdout is piped (`eval "$(aws-vault ...)"`, `credential_process`)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from collections.abc import Iterator

from aws_vault.errors import AwsVaultError

TTY_PATH = "/dev/tty"


class NoTerminal(AwsVaultError):
    """There is no controlling terminal to ask on."""


class _Tty:
    """The terminal as a raw file descriptor. A TTY is not seekable, so Python's buffered
    read-write file objects (`open(fd, "r+")`) refuse it; reads and writes go straight to the fd."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def fileno(self) -> int:
        return self.fd

    def write(self, text: str) -> None:
        data = text.encode("utf-8")
        while data:
            data = data[os.write(self.fd, data) :]

    def flush(self) -> None:
        """Writes are unbuffered."""

    def readline(self) -> str:
        """One line, newline included; "" at end of input. In canonical mode a read returns at
        most one line, so nothing typed ahead for a later question is consumed."""
        chunks = []
        while True:
            chunk = os.read(self.fd, 4096)
            if not chunk:
                break
            chunks.append(chunk)
            if chunk.endswith(b"\n"):
                break
        return b"".join(chunks).decode("utf-8", errors="replace")


@contextmanager
def _open_tty() -> Iterator[_Tty]:
    try:
        fd = os.open(TTY_PATH, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        raise NoTerminal("no terminal to prompt on") from None
    try:
        yield _Tty(fd)
    finally:
        os.close(fd)


def has_terminal() -> bool:
    try:
        os.close(os.open(TTY_PATH, os.O_RDWR | os.O_NOCTTY))
    except OSError:
        return False
    return True


@contextmanager
def _echo_off(tty: _Tty) -> Iterator[None]:
    import termios

    fd = tty.fileno()
    saved = termios.tcgetattr(fd)
    quiet = termios.tcgetattr(fd)
    quiet[3] &= ~termios.ECHO
    termios.tcsetattr(fd, termios.TCSAFLUSH, quiet)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSAFLUSH, saved)
        tty.write("\n")


def ask(question: str, secret: bool = False) -> str:
    """Write `question` to the terminal and read one line; `secret` turns echo off."""
    with _open_tty() as tty:
        tty.write(question)
        tty.flush()
        if secret:
            with _echo_off(tty):
                answer = tty.readline()
        else:
            answer = tty.readline()
    if not answer:
        raise NoTerminal("no answer: the terminal was closed")
    return answer.rstrip("\r\n")
