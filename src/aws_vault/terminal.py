"""Questions asked on the controlling terminal (/dev/tty), never on stdin/stdout, so they work
while stdout is piped (`eval "$(aws-vault ...)"`, `credential_process`)."""

from __future__ import annotations

import os
from contextlib import contextmanager
from typing import IO, Iterator

from aws_vault.errors import AwsVaultError

TTY_PATH = "/dev/tty"


class NoTerminal(AwsVaultError):
    """There is no controlling terminal to ask on."""


@contextmanager
def _open_tty() -> Iterator[IO[str]]:
    try:
        fd = os.open(TTY_PATH, os.O_RDWR | os.O_NOCTTY)
    except OSError:
        raise NoTerminal("no terminal to prompt on") from None
    with open(fd, "r+", encoding="utf-8", errors="replace", buffering=1) as tty:
        yield tty


def has_terminal() -> bool:
    try:
        os.close(os.open(TTY_PATH, os.O_RDWR | os.O_NOCTTY))
    except OSError:
        return False
    return True


@contextmanager
def _echo_off(tty: IO[str]) -> Iterator[None]:
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


def say(message: str) -> None:
    """A line for the person at the terminal; silently dropped when there is none."""
    try:
        with _open_tty() as tty:
            tty.write(message + "\n")
    except NoTerminal:
        pass
