"""The corruption channel's cryptography, built only from libsodium (PyNaCl) and Argon2id (argon2-cffi).

Key hierarchy (GlobaLeaks' model; see docs/security/threat-model-complaints.md):

    receipt ──Argon2id(salt)──> receipt key ──SecretBox──> reporter private key
    officer passphrase ──Argon2id(salt)──> passphrase key ──SecretBox──> officer private key
    recovery key (random, shown once) ──SecretBox──> officer private key
    organization escrow public key ──SealedBox──> officer private key (optional)

    report private key ──SealedBox──> each designated officer's public key, and the reporter's public key
    report data key (random) ──SealedBox──> report public key
    report data key ──SecretBox──> content, identity, messages, notes, attachment names and contents

Every ciphertext is authenticated (Poly1305): a changed byte makes decryption fail, which
this module reports as `IntegrityFailure`. Plaintexts carry a context label (what they are and
which report they belong to), so a ciphertext moved to another field or report also fails.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher, low_level
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from django.utils.crypto import salted_hmac
from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.secret import SecretBox
from nacl.utils import random as random_bytes

from prongsai.core.thai import to_arabic_digits

from .conf import conf

KEY_BYTES = 32
SALT_BYTES = 16
RECEIPT_DIGITS = 16


class IntegrityFailure(Exception):
    """A ciphertext failed authentication: it was changed, truncated, moved, or the key is wrong."""


class WrongSecret(Exception):
    """A passphrase, recovery key or receipt did not open the key it should open."""


# --- Argon2id ---------------------------------------------------------------------


@dataclass(frozen=True)
class Argon2Params:
    time_cost: int
    memory_cost: int  # KiB
    parallelism: int

    @classmethod
    def from_dict(cls, value: dict[str, Any]) -> Argon2Params:
        return cls(int(value["time_cost"]), int(value["memory_cost"]), int(value["parallelism"]))

    def as_dict(self) -> dict[str, int]:
        return {"time_cost": self.time_cost, "memory_cost": self.memory_cost, "parallelism": self.parallelism}


def hash_params() -> Argon2Params:
    """Parameters of the stored receipt hash (argon2-cffi PasswordHasher)."""
    return Argon2Params.from_dict(conf("ARGON2_HASH"))


def kdf_params() -> Argon2Params:
    """Parameters of the key derivation from a receipt or passphrase; deliberately costlier than the hash."""
    return Argon2Params.from_dict(conf("ARGON2_KDF"))


def new_salt() -> bytes:
    return random_bytes(SALT_BYTES)


def derive_key(secret: str, salt: bytes, params: Argon2Params) -> bytes:
    """A 32-byte SecretBox key from a human secret: Argon2id raw hash with its own salt."""
    return low_level.hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=low_level.Type.ID,
    )


def _hasher() -> PasswordHasher:
    params = hash_params()
    return PasswordHasher(
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        type=low_level.Type.ID,
    )


# --- Receipts ---------------------------------------------------------------------


def receipt_generate() -> str:
    """16 random decimal digits (about 53 bits) from the OS's CSPRNG; looks like a phone number."""
    return "".join(secrets.choice("0123456789") for _ in range(RECEIPT_DIGITS))


def receipt_normalize(text: str) -> str | None:
    """The 16 digits of what a reporter typed (spaces, dashes and Thai digits allowed), or None."""
    plain = to_arabic_digits(text or "")
    for separator in (" ", "-", "\u00a0", "\t", "."):
        plain = plain.replace(separator, "")
    if len(plain) != RECEIPT_DIGITS or not plain.isascii() or not plain.isdigit():
        return None
    return plain


def receipt_format(receipt: str) -> str:
    """ "1234 5678 9012 3456": easier to copy by hand."""
    return " ".join(receipt[i : i + 4] for i in range(0, len(receipt), 4))


def receipt_hash(receipt: str) -> str:
    """The only stored form of a receipt: an Argon2id hash with its own random salt."""
    return _hasher().hash(receipt)


def receipt_verify(stored_hash: str, receipt: str) -> bool:
    if not stored_hash:
        return False
    try:
        return _hasher().verify(stored_hash, receipt)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def receipt_index(receipt: str) -> str:
    """A short keyed fingerprint of the receipt, so login checks one or two hashes instead of all.

    HMAC-SHA256 under a key derived from SECRET_KEY, truncated on purpose to RECEIPT_INDEX_HEX
    hex digits: about one real report shares a value by chance per 16 million, yet someone who
    steals the database *and* SECRET_KEY still has to run Argon2id for every one of the ~6·10⁸
    receipts matching each stored value (see the threat model).
    """
    return _receipt_index(receipt, None)


def receipt_index_candidates(receipt: str) -> list[str]:
    """The index under SECRET_KEY and under each of SECRET_KEY_FALLBACKS, so receipts survive a key rotation."""
    from django.conf import settings

    fallbacks = list(getattr(settings, "SECRET_KEY_FALLBACKS", []) or [])
    return list(dict.fromkeys([_receipt_index(receipt, None), *(_receipt_index(receipt, key) for key in fallbacks)]))


def _receipt_index(receipt: str, secret: str | None) -> str:
    digest = salted_hmac("prongsai.complaints.receipt-index", receipt, secret=secret, algorithm="sha256").hexdigest()
    return digest[: int(conf("RECEIPT_INDEX_HEX"))]


# --- Boxes ---------------------------------------------------------------------------


def keypair() -> tuple[bytes, bytes]:
    """(private, public) Curve25519 keys as raw bytes."""
    private = PrivateKey.generate()
    return bytes(private), bytes(private.public_key)


def public_key_of(private_key: bytes) -> bytes:
    return bytes(PrivateKey(private_key).public_key)


def new_secret_key() -> bytes:
    return random_bytes(SecretBox.KEY_SIZE)


def seal(public_key: bytes, plaintext: bytes) -> bytes:
    """Anonymous public-key encryption (X25519 + XSalsa20-Poly1305): only the private key opens it."""
    return bytes(SealedBox(PublicKey(public_key)).encrypt(plaintext))


def unseal(private_key: bytes, ciphertext: bytes) -> bytes:
    try:
        return bytes(SealedBox(PrivateKey(private_key)).decrypt(bytes(ciphertext)))
    except (CryptoError, ValueError, TypeError) as error:
        raise IntegrityFailure("sealed box failed authentication") from error


def secret_encrypt(key: bytes, plaintext: bytes) -> bytes:
    """XSalsa20-Poly1305 with a random nonce, stored in front of the ciphertext."""
    return bytes(SecretBox(key).encrypt(plaintext))


def secret_decrypt(key: bytes, ciphertext: bytes) -> bytes:
    try:
        return bytes(SecretBox(key).decrypt(bytes(ciphertext)))
    except (CryptoError, ValueError, TypeError) as error:
        raise IntegrityFailure("secret box failed authentication") from error


def encrypt_json(key: bytes, context: str, payload: Any) -> bytes:
    body = json.dumps({"ctx": context, "data": payload}, ensure_ascii=False, separators=(",", ":"))
    return secret_encrypt(key, body.encode("utf-8"))


def decrypt_json(key: bytes, context: str, ciphertext: bytes) -> Any:
    try:
        value = json.loads(secret_decrypt(key, ciphertext).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IntegrityFailure("decrypted data is not valid") from error
    if not isinstance(value, dict) or value.get("ctx") != context:
        raise IntegrityFailure("ciphertext belongs to another field or report")
    return value.get("data")


def encrypt_bytes(key: bytes, context: str, payload: bytes) -> bytes:
    return secret_encrypt(key, context.encode("utf-8") + b"\x00" + payload)


def decrypt_bytes(key: bytes, context: str, ciphertext: bytes) -> bytes:
    plain = secret_decrypt(key, ciphertext)
    prefix = context.encode("utf-8") + b"\x00"
    if not plain.startswith(prefix):
        raise IntegrityFailure("ciphertext belongs to another file or report")
    return plain[len(prefix) :]


# --- Recovery keys -------------------------------------------------------------------


def recovery_key_generate() -> tuple[bytes, str]:
    """(raw key, printable form): 32 random bytes as base32 in groups of four."""
    raw = random_bytes(KEY_BYTES)
    text = base64.b32encode(raw).decode("ascii").rstrip("=")
    return raw, "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def recovery_key_parse(text: str) -> bytes | None:
    plain = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    if len(plain) != 52:
        return None
    try:
        raw = base64.b32decode(plain + "====")
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == KEY_BYTES else None


def public_key_parse(text: str) -> bytes | None:
    """A Curve25519 public key written as 64 hex digits or base64; None if it is not one."""
    value = (text or "").strip()
    raw: bytes | None = None
    try:
        raw = bytes.fromhex(value)
    except ValueError:
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            return None
    return raw if raw is not None and len(raw) == KEY_BYTES else None
