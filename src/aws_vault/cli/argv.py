"""Global options may stand before or after the subcommand (as with kingpin in the Go
aws-vault); click wants them before, so they are moved there. Nothing after `--`, nor the
command line that `exec` runs, is touched."""

from __future__ import annotations

import click

GLOBAL_FLAGS = frozenset({"--debug"})
GLOBAL_VALUE_OPTIONS = frozenset(
    {
        "--backend", "--prompt", "--keychain", "--secret-service-collection", "--pass-dir",
        "--pass-cmd", "--pass-prefix", "--file-dir",
    }
)  # fmt: skip

# For commands that run another program: their own options that take a value, and how many
# positionals they have before the program's command line starts.
PASSTHROUGH = {
    "exec": ({"-d", "--duration", "--region", "-t", "--mfa-token"}, 1),
}


def _is_global(token: str) -> bool:
    name = token.split("=", 1)[0]
    return token in GLOBAL_FLAGS or name in GLOBAL_VALUE_OPTIONS


def hoist_global_options(argv: list[str]) -> list[str]:
    hoisted: list[str] = []
    rest: list[str] = []
    subcommand = None
    positionals = 0
    index = 0
    while index < len(argv):
        token = argv[index]
        if token == "--":
            rest.extend(argv[index:])
            break
        if _is_global(token):
            hoisted.append(token)
            if token in GLOBAL_VALUE_OPTIONS:
                if index + 1 >= len(argv) or argv[index + 1] == "--":
                    # Hoisted without its value it would swallow the subcommand's name.
                    raise click.UsageError(f"Option '{token}' requires an argument.")
                hoisted.append(argv[index + 1])
                index += 1
            index += 1
            continue
        value_options, limit = PASSTHROUGH.get(subcommand or "", (set(), -1))
        if token.startswith("-") and token != "-":
            rest.append(token)
            if token in value_options and index + 1 < len(argv):
                rest.append(argv[index + 1])
                index += 1
        elif subcommand is None:
            subcommand = token
            rest.append(token)
        elif positionals == limit:
            rest.extend(argv[index:])
            break
        else:
            positionals += 1
            rest.append(token)
        index += 1
    return hoisted + rest


def with_command_separator(args: list[str]) -> list[str]:
    """Insert `--` where exec's command line starts, unless the user wrote one before it."""
    value_options, limit = PASSTHROUGH["exec"]
    positionals = 0
    index = 0
    while index < len(args):
        token = args[index]
        if token == "--":
            return args
        if token.startswith("-") and token != "-":
            index += 2 if token in value_options else 1
            continue
        if positionals == limit:
            return [*args[:index], "--", *args[index:]]
        positionals += 1
        index += 1
    return args
