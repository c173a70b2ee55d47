"""The provider interface."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable

from aws_vault.credentials import Credentials

# Gives an MFA code for a serial; bound to one profile's token source.
MfaCode = Callable[[str], str]


class Provider(ABC):
    """Something that produces credentials."""

    @abstractmethod
    def retrieve(self) -> Credentials:
        """Fetch (or compute) the credentials."""

    def describe(self) -> str:
        return type(self).__name__
