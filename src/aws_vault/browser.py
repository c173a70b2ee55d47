"""Opening a URL in the user's browser (SSO device login, console login) without letting the
browser write into our stdout or hold our pipes open."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager


def can_open_browser(env: Mapping[str, str]) -> bool:
    """Without $BROWSER or a display, Linux's webbrowser would fall back to a console browser
    (lynx, w3m) that would take over the terminal, or hang with no terminal at all."""
    if sys.platform in ("darwin", "win32") or env.get("BROWSER"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


@contextmanager
def _browser_stdio() -> Iterator[None]:
    """The browser inherits our file descriptors: keep it off stdout (credentials go there), and
    off pipes it could hold open long after we exit (callers such as credential_process read our
    stdout and stderr to the end)."""
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        saved_out, saved_err = os.dup(1), os.dup(2)
    except OSError:
        yield
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        on_terminal = os.isatty(2)
        os.dup2(2 if on_terminal else devnull, 1)
        if not on_terminal:
            os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved_out, 1)
        os.dup2(saved_err, 2)
        for fd in (saved_out, saved_err, devnull):
            os.close(fd)


def open_in_browser(url: str) -> bool:
    """The stdlib's webbrowser, which honours $BROWSER."""
    import webbrowser

    with _browser_stdio():
        try:
            return bool(webbrowser.open(url))
        except webbrowser.Error:
            return False
