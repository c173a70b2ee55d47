"""Credential providers: one class per source, each with retrieve() -> Credentials."""
