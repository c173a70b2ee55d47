"""MFA prompt drivers (reference §8). Each takes the MFA serial and returns the code.

The automatic choice looks at whether there is a terminal, not at whether stdout is piped, so
`eval "$(aws-vault export ...)"` and `credential_process` still prompt on the terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from aws_vault import terminal
from aws_vault.errors import AwsVaultError, UsageError

Driver = Callable[[str, Mapping[str, str]], str]
_PASS_REMOVED = (
    "--prompt=pass (or AWS_VAULT_PROMPT=pass) has been removed from aws-vault as using TOTPs "
    "without a dedicated device goes against security best practices. If you wish to continue "
    "using pass, add `mfa_process = pass otp <your mfa_serial>` to profiles in your "
    "~/.aws/config file."
)


def message(serial: str) -> str:
    return f"Enter MFA code for {serial}: "


def _terminal(serial: str, _env: Mapping[str, str]) -> str:
    try:
        return terminal.ask(message(serial)).strip()
    except terminal.NoTerminal:
        raise AwsVaultError(
            f"MFA code needed for {serial} but there is no terminal to ask on",
            hint="pass it with --mfa-token, set mfa_process, or choose --prompt zenity/kdialog",
        ) from None


def _run(name: str, args: list[str]) -> str:
    import subprocess

    try:
        done = subprocess.run(args, stdout=subprocess.PIPE, text=True, check=False)
    except OSError as error:
        raise AwsVaultError(f"{name}: {error}") from None
    if done.returncode != 0:
        raise AwsVaultError(f"{name}: exited with status {done.returncode}")
    return done.stdout.strip()


def _ykman(serial: str, env: Mapping[str, str]) -> str:
    args = ["ykman"]
    if env.get("YKMAN_OATH_DEVICE_SERIAL"):
        args += ["--device", env["YKMAN_OATH_DEVICE_SERIAL"]]
    legacy = env.get("AWS_VAULT_YKMAN_VERSION") in ("1", "2", "3")
    args += ["oath", "code"] if legacy else ["oath", "accounts", "code"]
    args += ["--single", env.get("YKMAN_OATH_CREDENTIAL_NAME") or serial]
    return _run("ykman", args)


def _zenity(serial: str, _env: Mapping[str, str]) -> str:
    return _run("zenity", ["zenity", "--entry", "--title", "aws-vault", "--text", message(serial)])


def _kdialog(serial: str, _env: Mapping[str, str]) -> str:
    return _run("kdialog", ["kdialog", "--inputbox", message(serial), "--title", "aws-vault"])


def _osascript(serial: str, _env: Mapping[str, str]) -> str:
    script = (
        f'display dialog "{message(serial)}" default answer "" buttons {{"OK", "Cancel"}} '
        "default button 1\ntext returned of the result\nreturn result"
    )
    return _run("osascript", ["osascript", "-e", script])


DRIVERS: dict[str, Driver] = {
    "kdialog": _kdialog,
    "osascript": _osascript,
    "terminal": _terminal,
    "ykman": _ykman,
    "zenity": _zenity,
}


def available(path: str | None = None) -> list[str]:
    import shutil

    return sorted(n for n in DRIVERS if n == "terminal" or shutil.which(n, path=path))


def choose(requested: str, path: str | None = None) -> str:
    """The driver named by --prompt / AWS_VAULT_PROMPT, or the automatic choice."""
    names = available(path)
    if requested == "pass":
        raise UsageError(_PASS_REMOVED)
    if requested:
        if requested not in names:
            raise UsageError(f"--prompt value must be one of {','.join(names)}, got '{requested}'")
        return requested
    if terminal.has_terminal():
        return "terminal"
    return next((n for n in names if n != "terminal"), "terminal")
