from __future__ import annotations

import pytest

from prongsai.complaints import crypto

pytestmark = pytest.mark.usefixtures("cheap_argon2")


def test_receipt_is_16_random_digits_and_formats_in_groups():
    receipts = {crypto.receipt_generate() for _ in range(50)}
    assert len(receipts) == 50
    for receipt in receipts:
        assert len(receipt) == 16 and receipt.isdigit()
    assert crypto.receipt_format("1234567812345678") == "1234 5678 1234 5678"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1234 5678 1234 5678", "1234567812345678"),
        ("1234-5678-1234-5678", "1234567812345678"),
        ("๑๒๓๔๕๖๗๘๑๒๓๔๕๖๗๘", "1234567812345678"),
        ("12345678", None),
        ("1234 5678 1234 567a", None),
        ("", None),
        ("1" * 17, None),
        ("١٢٣٤٥٦٧٨١٢٣٤٥٦٧٨", None),  # other scripts' digits are not receipts
    ],
)
def test_receipt_normalize(typed, expected):
    assert crypto.receipt_normalize(typed) == expected


def test_receipt_hash_is_argon2id_and_verifies_only_the_right_receipt():
    receipt = crypto.receipt_generate()
    stored = crypto.receipt_hash(receipt)
    assert stored.startswith("$argon2id$")
    assert receipt not in stored
    assert crypto.receipt_verify(stored, receipt)
    assert not crypto.receipt_verify(stored, "0" * 16 if receipt != "0" * 16 else "1" * 16)
    assert not crypto.receipt_verify("", receipt)
    assert not crypto.receipt_verify("not-a-hash", receipt)


def test_receipt_index_is_short_keyed_and_stable(settings):
    receipt = "1234567812345678"
    index = crypto.receipt_index(receipt)
    assert len(index) == 6
    assert index == crypto.receipt_index(receipt)
    settings.SECRET_KEY = "another-secret"
    assert crypto.receipt_index(receipt) != index


def test_sealed_box_round_trip_and_tampering_is_detected():
    private, public = crypto.keypair()
    sealed = crypto.seal(public, b"secret")
    assert crypto.unseal(private, sealed) == b"secret"
    tampered = bytearray(sealed)
    tampered[-1] ^= 1
    with pytest.raises(crypto.IntegrityFailure):
        crypto.unseal(private, bytes(tampered))
    other_private, _ = crypto.keypair()
    with pytest.raises(crypto.IntegrityFailure):
        crypto.unseal(other_private, sealed)


def test_json_and_bytes_are_bound_to_their_context():
    key = crypto.new_secret_key()
    box = crypto.encrypt_json(key, "content:abc", {"what": "x"})
    assert crypto.decrypt_json(key, "content:abc", box) == {"what": "x"}
    with pytest.raises(crypto.IntegrityFailure):
        crypto.decrypt_json(key, "identity:abc", box)
    blob = crypto.encrypt_bytes(key, "file:abc:1", b"data")
    assert crypto.decrypt_bytes(key, "file:abc:1", blob) == b"data"
    with pytest.raises(crypto.IntegrityFailure):
        crypto.decrypt_bytes(key, "file:abc:2", blob)
    flipped = bytearray(box)
    flipped[30] ^= 0x80
    with pytest.raises(crypto.IntegrityFailure):
        crypto.decrypt_json(key, "content:abc", bytes(flipped))


def test_derived_keys_differ_by_secret_and_salt():
    params = crypto.kdf_params()
    salt = crypto.new_salt()
    assert crypto.derive_key("a" * 16, salt, params) == crypto.derive_key("a" * 16, salt, params)
    assert crypto.derive_key("a" * 16, salt, params) != crypto.derive_key("b" * 16, salt, params)
    assert crypto.derive_key("a" * 16, salt, params) != crypto.derive_key("a" * 16, crypto.new_salt(), params)


def test_recovery_key_round_trip():
    raw, text = crypto.recovery_key_generate()
    assert crypto.recovery_key_parse(text) == raw
    assert crypto.recovery_key_parse(text.lower().replace("-", " ")) == raw
    assert crypto.recovery_key_parse("ABCD") is None


def test_public_key_parse():
    _, public = crypto.keypair()
    assert crypto.public_key_parse(public.hex()) == public
    assert crypto.public_key_parse("xyz") is None
    assert crypto.public_key_parse("00" * 31) is None


def test_default_argon2_parameters_are_strong(settings):
    settings.PRONGSAI_COMPLAINTS = {}
    hashing, kdf = crypto.hash_params(), crypto.kdf_params()
    assert hashing.memory_cost >= 65536 and hashing.time_cost >= 3
    assert kdf.memory_cost >= hashing.memory_cost and kdf.time_cost > hashing.time_cost
    assert "m=65536,t=3" in crypto.receipt_hash("1234567812345678")
