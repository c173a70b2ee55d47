"""aws-vault: a credential vault for AWS."""

__version__ = "0.1.0"
