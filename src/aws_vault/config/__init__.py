"""~/.aws/config: reading, byte-preserving writing, and profile resolution."""
