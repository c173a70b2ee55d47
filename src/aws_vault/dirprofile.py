"""Directory profiles: a `.aws-profile` file names the profile for its directory tree. A file is
obeyed only once `aws-vault allow` has recorded its exact path and content (as direnv does)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from aws_vault.errors import ConfigError, UsageError

FILENAME = ".aws-profile"


def find(start: Path) -> Path | None:
    """The nearest `.aws-profile` in `start` or a parent directory."""
    for directory in (start, *start.parents):
        candidate = directory / FILENAME
        if candidate.is_file():
            return candidate
    return None


def read_profile(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read {path}: {error}") from None
    for line in lines:
        name = line.strip()
        if name and not name.startswith("#"):
            return name
    raise ConfigError(f"{path} names no profile")


class TrustStore:
    """Allowed files, keyed by absolute path, each remembering the content it was allowed with."""

    def __init__(self, env: Mapping[str, str]) -> None:
        data = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")) / ".local" / "share")
        self.directory = Path(data).expanduser() / "aws-vault" / "allow"

    def _record(self, path: Path) -> Path:
        return self.directory / hashlib.sha256(str(path).encode()).hexdigest()

    @staticmethod
    def _digest(path: Path) -> str:
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def allow(self, path: Path) -> None:
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._record(path).write_text(f"{self._digest(path)}\n{path}\n", encoding="utf-8")
        except OSError as error:
            raise ConfigError(f"cannot record the trust in {self.directory}: {error.strerror}") from None

    def deny(self, path: Path) -> bool:
        try:
            self._record(path).unlink()
        except FileNotFoundError:
            return False
        return True

    def is_allowed(self, path: Path) -> bool:
        try:
            recorded = self._record(path).read_text(encoding="utf-8").split("\n", 1)[0]
            return recorded == self._digest(path)
        except OSError:
            return False


def resolve_target(path: str | None, cwd: Path) -> Path:
    """The file `allow`/`deny` act on: PATH (a file, or a directory holding one) or the nearest."""
    if path:
        target = (cwd / path).resolve() if not Path(path).is_absolute() else Path(path)
        if target.is_dir():
            target = target / FILENAME
        if not target.is_file():
            raise UsageError(f"no {FILENAME} at {target}")
        return target.resolve()
    found = find(cwd)
    if found is None:
        raise UsageError(f"no {FILENAME} in {cwd} or any parent directory")
    return found.resolve()
