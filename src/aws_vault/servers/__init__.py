"""Local credential servers for SDKs that fetch credentials over HTTP."""
