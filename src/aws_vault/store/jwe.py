"""JWE compact serialization with PBES2-HS256+A128KW and A256GCM: the item format of the Go
aws-vault's file backend (RFC 7516, key management per RFC 7518 §4.8)."""

from __future__ import annotations

import base64
import json
import os
from datetime import datetime, timezone

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap, aes_key_wrap

ALG = "PBES2-HS256+A128KW"
ENC = "A256GCM"
ITERATIONS = 8192  # jose2go's default, which the Go aws-vault uses
MAX_ITERATIONS = 10_000_000


class DecryptError(Exception):
    """Wrong passphrase, or not a token we can read."""


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _wrapping_key(passphrase: str, salt_input: bytes, iterations: int) -> bytes:
    salt = ALG.encode() + b"\x00" + salt_input
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=16, salt=salt, iterations=iterations)
    return kdf.derive(passphrase.encode("utf-8"))


def _go_time_string(moment: datetime) -> str:
    # The `created` header is informational; Go writes time.Now().String().
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f +0000 UTC")


def encrypt(payload: bytes, passphrase: str) -> str:
    salt_input = os.urandom(12)
    header = {
        "alg": ALG,
        "created": _go_time_string(datetime.now(timezone.utc)),
        "enc": ENC,
        "p2c": ITERATIONS,
        "p2s": _b64encode(salt_input),
    }
    protected = _b64encode(json.dumps(header, sort_keys=True, separators=(",", ":")).encode())
    cek = os.urandom(32)
    encrypted_key = aes_key_wrap(_wrapping_key(passphrase, salt_input, ITERATIONS), cek)
    iv = os.urandom(12)
    sealed = AESGCM(cek).encrypt(iv, payload, protected.encode("ascii"))
    ciphertext, tag = sealed[:-16], sealed[-16:]
    parts = (encrypted_key, iv, ciphertext, tag)
    return ".".join([protected, *(_b64encode(part) for part in parts)])


def decrypt(token: str, passphrase: str) -> bytes:
    try:
        protected, encrypted_key, iv, ciphertext, tag = token.strip().split(".")
        header = json.loads(_b64decode(protected))
        iterations = int(header["p2c"])
        salt_input = _b64decode(header["p2s"])
    except (ValueError, KeyError, TypeError) as error:
        raise DecryptError(f"not a JWE token: {error}") from None
    if header.get("alg") != ALG or header.get("enc") != ENC:
        raise DecryptError(f"unsupported JWE algorithms {header.get('alg')}/{header.get('enc')}")
    if not 1000 <= iterations <= MAX_ITERATIONS:
        raise DecryptError(f"implausible PBES2 iteration count {iterations}")
    try:
        cek = aes_key_unwrap(
            _wrapping_key(passphrase, salt_input, iterations), _b64decode(encrypted_key)
        )
        return AESGCM(cek).decrypt(
            _b64decode(iv), _b64decode(ciphertext) + _b64decode(tag), protected.encode("ascii")
        )
    except (InvalidUnwrap, InvalidTag, ValueError):
        raise DecryptError("wrong passphrase") from None
