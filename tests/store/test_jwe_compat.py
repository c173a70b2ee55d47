"""The file backend's tokens against two independent JOSE implementations (jwcrypto, joserfc):
what FileStore writes they can read, and what they write (in the Go aws-vault's item format)
FileStore can read."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from aws_vault.store import jwe
from aws_vault.store.base import Item
from aws_vault.store.file import FileStore, escape_filename
from tests.store.conftest import FILE_PASSPHRASE

ALG = "PBES2-HS256+A128KW"
ENC = "A256GCM"
GO_RECORD_FIELDS = {
    "Key", "Data", "Label", "Description", "KeychainNotTrustApplication",
    "KeychainNotSynchronizable",
}  # fmt: skip
# What Go's time.Now().String() looks like; jose2go puts it in a `created` header.
GO_CREATED = "2024-03-01 10:11:12.123456789 +1100 AEDT m=+0.012345678"
ITEM = Item(
    "oidc:https://x.awsapps.com/start#/",
    '{"AccessKeyID":"AKIAEXAMPLE","SecretAccessKey":"s3cr\u00e9t"}\n'.encode(),
    label="aws-vault (dev)",
    description="aws-vault session",
)


# --- the two libraries ----------------------------------------------------------------------


def jwcrypto_decrypt(token: str, passphrase: str) -> tuple[dict, bytes]:
    from jwcrypto import jwe as jwcrypto_jwe
    from jwcrypto import jwk

    token_object = jwcrypto_jwe.JWE()
    token_object.deserialize(token, key=jwk.JWK.from_password(passphrase))
    return token_object.jose_header, token_object.payload


def jwcrypto_encrypt(payload: bytes, passphrase: str, header: dict) -> str:
    from jwcrypto import jwe as jwcrypto_jwe
    from jwcrypto import jwk

    token_object = jwcrypto_jwe.JWE(payload, json.dumps(header))
    token_object.add_recipient(jwk.JWK.from_password(passphrase))
    return token_object.serialize(compact=True)


def joserfc_registry():
    from joserfc.jwe import JWERegistry

    # PBES2 is not among joserfc's recommended algorithms, so it must be allowed by name; the
    # Go implementation's extra `created` header needs the strict header check off.
    return JWERegistry(algorithms=[ALG, ENC], strict_check_header=False)


def joserfc_key(passphrase: str):
    from joserfc.jwk import OctKey

    return OctKey.import_key(passphrase)


def joserfc_decrypt(token: str, passphrase: str) -> tuple[dict, bytes]:
    from joserfc import jwe as joserfc_jwe

    result = joserfc_jwe.decrypt_compact(
        token, joserfc_key(passphrase), registry=joserfc_registry()
    )
    return result.protected, result.plaintext


def joserfc_encrypt(payload: bytes, passphrase: str, header: dict) -> str:
    from joserfc import jwe as joserfc_jwe

    return joserfc_jwe.encrypt_compact(
        header, payload, joserfc_key(passphrase), registry=joserfc_registry()
    )


Decrypter = Callable[[str, str], tuple[dict, bytes]]
Encrypter = Callable[[bytes, str, dict], str]
DECRYPTERS = pytest.mark.parametrize(
    "decrypt", [jwcrypto_decrypt, joserfc_decrypt], ids=["jwcrypto", "joserfc"]
)
ENCRYPTERS = pytest.mark.parametrize(
    "encrypt", [jwcrypto_encrypt, joserfc_encrypt], ids=["jwcrypto", "joserfc"]
)


# --- helpers --------------------------------------------------------------------------------


def written_token(directory: Path) -> str:
    FileStore(directory, lambda _directory: FILE_PASSPHRASE).set(ITEM)
    return (directory / escape_filename(ITEM.key)).read_text(encoding="ascii")


def go_record(item: Item, trusted: bool = False) -> bytes:
    """The item JSON exactly as the Go keyring library marshals it."""
    return json.dumps(
        {
            "Key": item.key,
            "Data": base64.b64encode(item.data).decode(),
            "Label": item.label,
            "Description": item.description,
            "KeychainNotTrustApplication": not trusted,
            "KeychainNotSynchronizable": False,
        }
    ).encode()


def protected_header(token: str) -> tuple[str, dict]:
    raw = jwe._b64decode(token.split(".")[0]).decode()
    return raw, json.loads(raw)


# --- FileStore -> JOSE libraries ------------------------------------------------------------


def test_token_shape_and_protected_header(file_dir: Path) -> None:
    token = written_token(file_dir)
    assert len(token.split(".")) == 5
    raw, header = protected_header(token)
    assert list(json.loads(raw)) == sorted(header)  # sorted keys, as Go's json.Marshal of a map
    assert (header["alg"], header["enc"], header["p2c"]) == (ALG, ENC, 8192)
    assert len(jwe._b64decode(header["p2s"])) == 12
    assert isinstance(header["created"], str) and header["created"]


def test_every_token_has_its_own_salt(file_dir: Path) -> None:
    first = protected_header(written_token(file_dir))[1]["p2s"]
    second = protected_header(written_token(file_dir))[1]["p2s"]
    assert first != second


@DECRYPTERS
def test_file_written_by_filestore_decrypts(file_dir: Path, decrypt: Decrypter) -> None:
    header, payload = decrypt(written_token(file_dir), FILE_PASSPHRASE)
    assert (header["alg"], header["enc"], header["p2c"]) == (ALG, ENC, 8192)
    assert "p2s" in header and "created" in header
    record = json.loads(payload)
    assert set(record) == GO_RECORD_FIELDS
    assert record["Key"] == ITEM.key
    assert base64.b64decode(record["Data"]) == ITEM.data
    assert (record["Label"], record["Description"]) == (ITEM.label, ITEM.description)
    assert record["KeychainNotTrustApplication"] is True
    assert record["KeychainNotSynchronizable"] is False


@DECRYPTERS
def test_the_libraries_reject_a_wrong_passphrase(file_dir: Path, decrypt: Decrypter) -> None:
    with pytest.raises(Exception):  # noqa: B017 - each library has its own error class
        decrypt(written_token(file_dir), "wrong passphrase")


# --- JOSE libraries -> FileStore ------------------------------------------------------------


def write_foreign(directory: Path, token: str, key: str) -> FileStore:
    directory.mkdir(mode=0o700, parents=True)
    (directory / escape_filename(key)).write_text(token, encoding="ascii")
    return FileStore(directory, lambda _directory: FILE_PASSPHRASE)


@ENCRYPTERS
@pytest.mark.parametrize("created", [True, False], ids=["go-created-header", "no-created"])
def test_token_from_a_jose_library_is_read(
    file_dir: Path, encrypt: Encrypter, created: bool
) -> None:
    header = {"alg": ALG, "enc": ENC, "p2c": 8192}
    if created:
        header["created"] = GO_CREATED
    store = write_foreign(file_dir, encrypt(go_record(ITEM), FILE_PASSPHRASE, header), ITEM.key)
    assert store.keys() == [ITEM.key]
    found = store.get(ITEM.key)
    assert found == ITEM


@ENCRYPTERS
def test_trusted_flag_is_read_from_a_foreign_record(file_dir: Path, encrypt: Encrypter) -> None:
    header = {"alg": ALG, "enc": ENC, "p2c": 8192}
    token = encrypt(go_record(ITEM, trusted=True), FILE_PASSPHRASE, header)
    assert write_foreign(file_dir, token, ITEM.key).get(ITEM.key).trusted is True


@ENCRYPTERS
def test_other_iteration_counts_are_honoured(file_dir: Path, encrypt: Encrypter) -> None:
    header = {"alg": ALG, "enc": ENC, "p2c": 4096}
    token = encrypt(go_record(ITEM), FILE_PASSPHRASE, header)
    assert write_foreign(file_dir, token, ITEM.key).get(ITEM.key) == ITEM


def test_a_foreign_token_under_another_passphrase_is_a_store_error(file_dir: Path) -> None:
    from aws_vault.errors import StoreError

    header = {"alg": ALG, "enc": ENC, "p2c": 8192}
    token = jwcrypto_encrypt(go_record(ITEM), "another passphrase", header)
    with pytest.raises(StoreError, match="wrong passphrase"):
        write_foreign(file_dir, token, ITEM.key).get(ITEM.key)


# --- jwe module guards ----------------------------------------------------------------------


def reheadered(token: str, **changes: object) -> str:
    _raw, header = protected_header(token)
    header.update(changes)
    parts = token.split(".")
    parts[0] = jwe._b64encode(json.dumps(header).encode())
    return ".".join(parts)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"alg": "dir"}, "unsupported"),
        ({"enc": "A128GCM"}, "unsupported"),
        ({"p2c": 10**9}, "implausible"),
        ({"p2c": 1}, "implausible"),
    ],
)
def test_decrypt_refuses_other_algorithms_and_absurd_counts(changes: dict, message: str) -> None:
    token = reheadered(jwe.encrypt(b"{}", FILE_PASSPHRASE), **changes)
    with pytest.raises(jwe.DecryptError, match=message):
        jwe.decrypt(token, FILE_PASSPHRASE)


def test_decrypt_detects_a_modified_protected_header() -> None:
    token = reheadered(jwe.encrypt(b"{}", FILE_PASSPHRASE), created="another time")
    with pytest.raises(jwe.DecryptError):
        jwe.decrypt(token, FILE_PASSPHRASE)


def test_jwe_round_trip_tolerates_surrounding_whitespace() -> None:
    token = jwe.encrypt(b"payload", FILE_PASSPHRASE)
    assert jwe.decrypt(f"{token}\n", FILE_PASSPHRASE) == b"payload"
