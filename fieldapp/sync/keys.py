"""Installation key pair, the read-aloud code, and the list of trusted team keys.

Decision: the Ed25519 private key (32-byte seed, hex) lives in the store's ``meta`` table under
``sync_signing_key``, created on first use. The store file *is* the installation: a backup or a
copied store keeps signing as the same team, and no second file can get separated from it. The
public key is what other installations trust; people compare its short code over the phone.

Read-aloud code: SHA-256 of the public key, first 100 bits in RFC 4648 base32 (no 0/1/8/9
look-alikes), shown as 5 groups of 4 characters, e.g. ``K7QF-2MZA-XR4D-PW6B-NC3T``.
"""
from __future__ import annotations

import base64
import hashlib
import json
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from fieldapp.core.timeutil import now_iso

from .backend import as_backend
from .errors import KeyError_, SignatureInvalid

META_KEY = "sync_signing_key"
KEY_FILE_KIND = "fieldapp-team-key"


def signing_key(store) -> SigningKey:
    """This installation's key, made (and saved in one transaction) the first time it is needed."""
    db = as_backend(store)
    seed = db.get_meta(META_KEY)
    if seed:
        return SigningKey(bytes.fromhex(seed))
    key = SigningKey.generate()
    db.set_meta(META_KEY, key.encode().hex())
    return key


def public_hex(store) -> str:
    return signing_key(store).verify_key.encode().hex()


def fingerprint(public_key_hex: str) -> str:
    """Full fingerprint: base32 of the SHA-256 of the key (52 characters)."""
    digest = hashlib.sha256(bytes.fromhex(public_key_hex)).digest()
    return base64.b32encode(digest).decode().rstrip("=")


def read_aloud(public_key_hex: str) -> str:
    fp = fingerprint(public_key_hex)[:20]
    return "-".join(fp[i:i + 4] for i in range(0, 20, 4))


def normalise_code(code: str) -> str:
    c = "".join(ch for ch in code.upper() if ch.isalnum())
    # people read O as 0 and I as 1; base32 has neither digit, so map them back
    return c.replace("0", "O").replace("1", "I").replace("8", "B")


def verify(public_key_hex: str, message: bytes, signature: bytes) -> None:
    try:
        VerifyKey(bytes.fromhex(public_key_hex)).verify(message, signature)
    except (BadSignatureError, ValueError) as exc:
        raise SignatureInvalid("the manifest signature does not match: the bundle was altered after "
                               "it was signed, or signed with another key") from exc


# ---- key files ------------------------------------------------------------------------------
def key_file_data(store) -> dict:
    ident = as_backend(store).require_identity()
    pub = public_hex(store)
    return {"kind": KEY_FILE_KIND, "format": 1, "public_key": pub, "team": ident.team,
            "unit": ident.unit, "device": ident.device, "device_id": ident.device_id,
            "code": read_aloud(pub)}


def export_key(store, path: str | Path) -> Path:
    path = Path(path)
    path.write_text(json.dumps(key_file_data(store), ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def read_key_file(path: str | Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise KeyError_(f"{path}: not a FieldApp team key file ({exc})") from exc
    if not isinstance(data, dict) or data.get("kind") != KEY_FILE_KIND:
        raise KeyError_(f"{path}: not a FieldApp team key file (kind must be {KEY_FILE_KIND})")
    pub = str(data.get("public_key", ""))
    try:
        VerifyKey(bytes.fromhex(pub))
    except Exception as exc:
        raise KeyError_(f"{path}: public_key is not a 32-byte Ed25519 key in hex") from exc
    return data


# ---- trust list -----------------------------------------------------------------------------
def trust(store, public_key_hex: str, *, team: str = "", device: str = "", device_id: str = "",
          label: str = "", how: str = "file", expected_code: str | None = None) -> dict:
    """Add a key to the trusted list. With ``expected_code`` the key must match the code read aloud."""
    try:
        VerifyKey(bytes.fromhex(public_key_hex))
    except Exception as exc:
        raise KeyError_("public key is not a 32-byte Ed25519 key in hex") from exc
    code = read_aloud(public_key_hex)
    if expected_code is not None and normalise_code(expected_code) != normalise_code(code):
        raise KeyError_(f"key {code} does not match the code read aloud ({expected_code}); do not trust it")
    row = {"public_key": public_key_hex, "fingerprint": fingerprint(public_key_hex), "team": team,
           "device": device, "device_id": device_id, "label": label, "added_at": now_iso(), "how": how}
    db = as_backend(store)
    with db.transaction():
        db.execute(
            "INSERT INTO sync_trusted_keys(public_key, fingerprint, team, device, device_id, label, added_at, how) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(public_key) DO UPDATE SET team=excluded.team, device=excluded.device, "
            "device_id=excluded.device_id, label=excluded.label, how=excluded.how", tuple(row.values()))
    return {**row, "code": code}


def import_key_file(store, path, expected_code: str | None = None, how: str = "file") -> dict:
    d = read_key_file(path)
    return trust(store, d["public_key"], team=str(d.get("team", "")), device=str(d.get("device", "")),
                 device_id=str(d.get("device_id", "")), how=how, expected_code=expected_code)


def untrust(store, code_or_key: str) -> int:
    rows = trusted_keys(store)
    want = normalise_code(code_or_key)
    gone = [r["public_key"] for r in rows
            if r["public_key"] == code_or_key or normalise_code(r["code"]) == want]
    db = as_backend(store)
    with db.transaction():
        for pk in gone:
            db.execute("DELETE FROM sync_trusted_keys WHERE public_key = ?", (pk,))
    return len(gone)


def trusted_keys(store) -> list[dict]:
    rows = as_backend(store).query("SELECT * FROM sync_trusted_keys ORDER BY team, device")
    for r in rows:
        r["code"] = read_aloud(r["public_key"])
    return rows


def is_trusted(store, public_key_hex: str) -> bool:
    if public_key_hex == public_hex(store):
        return True  # our own bundles (e.g. a restore) are always accepted
    return as_backend(store).execute("SELECT 1 FROM sync_trusted_keys WHERE public_key = ?",
                                     (public_key_hex,)).fetchone() is not None
