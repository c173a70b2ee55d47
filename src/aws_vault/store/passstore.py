"""The `pass` backend: items as GPG files managed by the `pass` program."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from aws_vault.errors import StoreError
from aws_vault.store.base import Item, SecretStore
from aws_vault.store.file import escape_filename, unescape_filename


class PassStore(SecretStore):
    name = "pass"

    def __init__(self, directory: Path, command: str, prefix: str, env: Mapping[str, str]) -> None:
        self.directory = directory
        self.command = command
        self.prefix = prefix.strip("/")
        self._env = {**env, "PASSWORD_STORE_DIR": str(directory)}

    def describe(self) -> str:
        return f"pass ({self.directory})"

    def check_available(self) -> None:
        if shutil.which(self.command, path=self._env.get("PATH")) is None:
            raise StoreError(f"the pass program {self.command!r} is not available")
        if not (self.directory / ".gpg-id").is_file():
            raise StoreError(
                f"the password store {self.directory} is not initialised",
                hint="run 'pass init <gpg-id>'",
            )

    def _name(self, key: str) -> str:
        # Escaping `/` keeps keys such as `oidc:https://x/start` one file, so they round-trip.
        escaped = escape_filename(key)
        return f"{self.prefix}/{escaped}" if self.prefix else escaped

    def _file(self, key: str) -> Path:
        return self.directory / f"{self._name(key)}.gpg"

    def _run(self, args: list[str], stdin: bytes | None = None) -> bytes:
        try:
            done = subprocess.run(
                [self.command, *args], input=stdin, capture_output=True, env=self._env, check=False
            )
        except FileNotFoundError:
            raise StoreError(f"the pass program {self.command!r} is not available") from None
        if done.returncode != 0:
            reason = done.stderr.decode(errors="replace").strip().splitlines()
            raise StoreError(f"pass {args[0]} failed: {reason[-1] if reason else done.returncode}")
        return done.stdout

    def get(self, key: str) -> Item | None:
        if not self._file(key).is_file():
            return None
        return Item.from_record(self._run(["show", "--", self._name(key)]), key)

    def set(self, item: Item) -> None:
        self._run(["insert", "-m", "-f", "--", self._name(item.key)], stdin=item.to_record())

    def delete(self, key: str) -> bool:
        if not self._file(key).is_file():
            return False
        self._run(["rm", "-f", "--", self._name(key)])
        return True

    def keys(self) -> list[str]:
        root = self.directory / self.prefix if self.prefix else self.directory
        found = []
        for folder, _dirs, files in os.walk(root):
            for name in files:
                if name.endswith(".gpg"):
                    relative = os.path.relpath(os.path.join(folder, name[:-4]), root)
                    found.append(unescape_filename(relative))
        return sorted(found)
