"""The `file` backend: one JWE-encrypted file per item, compatible with the Go aws-vault."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from aws_vault.errors import StoreError
from aws_vault.store import jwe
from aws_vault.store.base import Item, SecretStore

PassphraseSource = Callable[[str], str]
TEMP_PREFIX = ".tmp-"


def _looks_like_token(path: Path) -> bool:
    """Five base64url parts joined by dots: a JWE compact token."""
    try:
        head = path.read_bytes()[:20000].strip()
    except OSError:
        return False
    return head.count(b".") == 4 and head.replace(b".", b"").replace(b"-", b"").replace(b"_", b"").isalnum()


def escape_filename(key: str) -> str:
    """Only `%` and `/` are escaped, as the Go keyring library does: `a/b` -> `a%2Fb`."""
    return key.replace("%", "%25").replace("/", "%2F")


def unescape_filename(name: str) -> str:
    return name.replace("%2F", "/").replace("%2f", "/").replace("%25", "%")


def expand_dir(path: str, home: str) -> Path:
    """A leading `~/` is the home directory; `~user/x` and `x~` are left alone."""
    if path == "~" or path.startswith("~/"):
        return Path(home + path[1:])
    return Path(path)


class FileStore(SecretStore):
    name = "file"

    def __init__(self, directory: Path, passphrase: PassphraseSource) -> None:
        self.directory = directory
        self._passphrase_source = passphrase
        self._passphrase: str | None = None

    def describe(self) -> str:
        return f"file ({self.directory})"

    def _path(self, key: str) -> Path:
        return self.directory / escape_filename(key)

    def _get_passphrase(self) -> str:
        if self._passphrase is None:
            self._passphrase = self._passphrase_source(str(self.directory))
        return self._passphrase

    def _ensure_directory(self) -> None:
        try:
            self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create {self.directory}: {error.strerror}") from None

    def _decrypt(self, path: Path, key: str) -> bytes:
        try:
            token = path.read_text(encoding="ascii")
        except (OSError, UnicodeDecodeError) as error:
            raise StoreError(f"cannot read {path}: {error}") from None
        try:
            return jwe.decrypt(token, self._get_passphrase())
        except jwe.DecryptError as error:
            message = f"cannot decrypt {key!r} in {self.directory}: {error}"
            self._passphrase = None
            raise StoreError(message, hint="check AWS_VAULT_FILE_PASSPHRASE") from None

    def get(self, key: str) -> Item | None:
        path = self._path(key)
        if not path.is_file():
            return None
        return Item.from_record(self._decrypt(path, key), key)

    def _verify_passphrase(self) -> None:
        """Refuse to add items under a passphrase that cannot open the items already there."""
        for key in self.keys():
            path = self._path(key)
            if _looks_like_token(path):  # a stray file is no evidence about the passphrase
                self._decrypt(path, key)
                return

    def set(self, item: Item) -> None:
        import tempfile

        self._ensure_directory()
        self._verify_passphrase()
        token = jwe.encrypt(item.to_record(), self._get_passphrase())
        try:
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=TEMP_PREFIX)
        except OSError as error:
            raise StoreError(f"cannot write to {self.directory}: {error.strerror}") from None
        try:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(token)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self._path(item.key))
        except BaseException as error:
            Path(tmp).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise StoreError(f"cannot write to {self.directory}: {error.strerror}") from None
            raise

    def delete(self, key: str) -> bool:
        try:
            self._path(key).unlink()
        except FileNotFoundError:
            return False
        except OSError as error:
            raise StoreError(f"cannot delete {key!r}: {error.strerror}") from None
        return True

    def keys(self) -> list[str]:
        try:
            names = sorted(os.listdir(self.directory))
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StoreError(f"cannot list {self.directory}: {error.strerror}") from None
        # Our own temporary files and other dotfiles are not items.
        # Our own half-written temporary files are not items; every other file is, as in Go.
        return [unescape_filename(name) for name in names if not name.startswith(TEMP_PREFIX)]
