"""One small class per shell: how to set and unset a variable there. Everything is rendered
into one string before anything is printed, so `eval` gets all of it or nothing."""

from __future__ import annotations

from typing import ClassVar

from aws_vault.environment import EnvChanges, assigned
from aws_vault.shells.quoting import fish_quote, posix_quote


class Shell:
    name: ClassVar[str] = "sh"

    def quote(self, value: str) -> str:
        return posix_quote(value)

    def assign(self, name: str, value: str) -> str:
        return f"export {name}={self.quote(value)}"

    def unassign(self, name: str) -> str:
        return f"unset {name}"

    def render(self, changes: EnvChanges) -> str:
        unsets = sorted(name for name, value in changes.items() if value is None)
        lines = [self.unassign(name) for name in unsets]
        lines += [self.assign(name, value) for name, value in assigned(changes)]
        return "".join(f"{line};\n" for line in lines)


class Bash(Shell):
    name = "bash"


class Zsh(Shell):
    name = "zsh"


class Fish(Shell):
    name = "fish"

    def quote(self, value: str) -> str:
        return fish_quote(value)

    def assign(self, name: str, value: str) -> str:
        return f"set -gx {name} {self.quote(value)}"

    def unassign(self, name: str) -> str:
        return f"set -e {name}"


SHELLS: dict[str, type[Shell]] = {"bash": Bash, "zsh": Zsh, "fish": Fish, "sh": Shell}


def render(shell: str, changes: EnvChanges) -> str:
    return SHELLS[shell]().render(changes)


def detect_shell(env_shell: str = "") -> str:
    """The shell that runs us (its process, not $SHELL), or sh when it cannot be told."""
    try:
        import shellingham

        name = shellingham.detect_shell()[0]
    except (ImportError, RuntimeError, OSError):
        name = env_shell.rsplit("/", 1)[-1]
    name = name.lstrip("-")
    return name if name in SHELLS else "sh"
