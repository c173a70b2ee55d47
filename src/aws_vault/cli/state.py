"""What every command shares: the environment, the global options, and lazily opened config and
secret store. No click here: the fast path uses it too."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from aws_vault import terminal
from aws_vault.config.file import ConfigFile, config_path, load_config
from aws_vault.errors import StoreError
from aws_vault.store.select import StoreOptions, open_store
from aws_vault.store.vault import Vault


@dataclass
class App:
    env: Mapping[str, str]
    store_options: StoreOptions = field(default_factory=StoreOptions)
    prompt_driver: str = ""
    debug: bool = False
    _config: ConfigFile | None = None
    _vault: Vault | None = None

    def config(self) -> ConfigFile:
        if self._config is None:
            self._config = load_config(config_path(self.env))
        return self._config

    def vault(self) -> Vault:
        if self._vault is None:
            self._vault = Vault(open_store(self.store_options, self.env, self._file_passphrase))
        return self._vault

    def _file_passphrase(self, directory: str) -> str:
        # Set-but-empty counts as set, as in the Go aws-vault.
        if "AWS_VAULT_FILE_PASSPHRASE" in self.env:
            return self.env["AWS_VAULT_FILE_PASSPHRASE"]
        try:
            return terminal.ask(f'Enter passphrase to unlock "{directory}": ', secret=True)
        except terminal.NoTerminal:
            raise StoreError(
                f"the file store {directory} needs a passphrase and there is no terminal",
                hint="set AWS_VAULT_FILE_PASSPHRASE",
            ) from None



def current_env() -> dict[str, str]:
    return dict(os.environ)
