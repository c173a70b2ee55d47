"""Long-term keys kept in the secret store."""

from __future__ import annotations

from aws_vault.credentials import Credentials
from aws_vault.errors import CredentialsNotFound
from aws_vault.providers.base import Provider
from aws_vault.store.vault import Vault


class StoredProvider(Provider):
    def __init__(self, vault: Vault, profile: str) -> None:
        self.vault = vault
        self.profile = profile

    def retrieve(self) -> Credentials:
        creds = self.vault.get_credentials(self.profile)
        if creds is None:
            raise CredentialsNotFound(f"no credentials are stored for profile {self.profile!r}")
        return creds

    def describe(self) -> str:
        return f"stored credentials of {self.profile}"
