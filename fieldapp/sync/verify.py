"""Check a bundle completely, without touching the store: checksum, names, sizes, format version,
signature, trust, every member hash, every record's shape, and the manifest's counts.

Only a ``VerifiedBundle`` is ever merged; the merge re-hashes members as it re-reads them, so a
file swapped between the two passes rolls the transaction back.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import keys
from .backend import as_backend
from .container import Limits, hash_member, iter_lines, open_checked, read_member
from .sealed import is_sealed, unseal
from .errors import BundleCorrupt, BundleError, BundleTooNew, ManifestMismatch, UntrustedKey
from .intake import Intake, loads_strict
from .schema import SYNC_COLS, TableCodec, synced_tables
from .sync_meta import FORMAT_NAME, FORMAT_VERSION

VERSION_COLS = ("table_name", "uuid", "variant", "version", "updated_at", "updated_by_device",
                "created_by_team", "row_json")


@dataclass
class VerifiedBundle:
    path: Path
    zf: object
    manifest: dict
    manifest_sha256: str
    temp: object = None  # the open, unnamed file holding a decrypted bundle
    tables: list[str] = field(default_factory=list)

    @property
    def sender(self) -> dict:
        return self.manifest["sender"]

    def close(self) -> None:
        self.zf.close()
        self.zf.source.close()
        if self.temp is not None:
            self.temp.close()  # the decrypted copy: an unnamed temporary file, gone once closed


def _manifest(zf, limits: Limits) -> tuple[dict, bytes, bytes]:
    body = read_member(zf, "manifest.json", 64 << 20)
    sig = read_member(zf, "manifest.sig", 64)
    try:
        man = loads_strict(body)
    except ValueError as exc:
        raise BundleCorrupt(f"manifest.json is not valid JSON: {exc}") from exc
    if not isinstance(man, dict) or man.get("format") != FORMAT_NAME:
        raise BundleCorrupt(f"manifest.json does not describe a FieldApp bundle (format must be {FORMAT_NAME})")
    ver = man.get("format_version")
    if not isinstance(ver, int) or ver < 1:
        raise BundleCorrupt(f"manifest.json: format_version {ver!r} is not a positive integer")
    if ver > FORMAT_VERSION:
        raise BundleTooNew(f"this bundle uses format version {ver}; this FieldApp reads up to version "
                           f"{FORMAT_VERSION}. Update FieldApp on this laptop, then import it again")
    if ver < FORMAT_VERSION:
        raise BundleError(f"this bundle uses the old format version {ver} (its geometries are rounded); "
                          "update FieldApp on the sending laptop and export the bundle again")
    for key in ("bundle_id", "sender", "members", "counts", "changes"):
        if key not in man:
            raise BundleCorrupt(f"manifest.json: '{key}' is missing")
    if len(sig) != 64:
        raise BundleCorrupt("manifest.sig is not a 64-byte Ed25519 signature")
    _manifest_shape(man)
    return man, body, sig


def _manifest_shape(man: dict) -> None:
    """Every manifest field the importer uses has the type it expects (a trusted key can still sign
    a malformed manifest)."""
    def bad(what):
        raise BundleCorrupt(f"manifest.json: {what}")

    s, ch = man["sender"], man["changes"]
    if not isinstance(s, dict) or not all(isinstance(s.get(k, ""), str) for k in ("team", "device", "device_id",
                                                                               "code", "unit")):
        bad("sender must name team, device and device_id as text")
    if not isinstance(ch, dict) or not all(type(ch.get(k)) is int and ch[k] >= 0 for k in ("from_seq", "to_seq")):
        bad("changes must hold whole numbers from_seq and to_seq")
    if not isinstance(man["bundle_id"], str) or not man["bundle_id"]:
        bad("bundle_id must be text")
    if type(man.get("serial", 0)) is not int or not isinstance(man.get("peer", ""), str):
        bad("serial must be a whole number and peer text")
    holds = man.get("holds", {})
    if not isinstance(holds, dict) or not all(isinstance(k, str) and type(v) is int for k, v in holds.items()):
        bad("holds must map device ids to whole numbers")
    if not isinstance(man["counts"], dict) or type(man.get("versions", 0)) is not int:
        bad("counts must be an object and versions a whole number")


def verify_bundle(path: str | Path, store=None, *, limits: Limits | None = None,
                  require_trust: bool = True) -> VerifiedBundle:
    """Raise a specific BundleError, or return the bundle ready to merge into ``store``."""
    limits = limits or Limits()
    path = Path(path)
    store = as_backend(store) if store is not None else None
    temp = None
    if path.is_file() and is_sealed(path):
        if store is None:
            raise BundleError("this bundle is encrypted; open it with the store whose key it was sealed to")
        temp = unseal(path, keys.signing_key(store).to_curve25519_private_key())
    try:
        zf = open_checked(path, limits, fileobj=temp)
        try:
            vb = _verify_open(zf, path, temp, store, limits, require_trust)
        except BaseException:
            zf.close()
            zf.source.close()
            raise
    except BaseException:
        if temp is not None:
            temp.close()
        raise
    return vb


def _verify_open(zf, path, temp, store, limits, require_trust) -> VerifiedBundle:
    man, body, sig = _manifest(zf, limits)
    pub = str(man["sender"].get("public_key", "")) if isinstance(man["sender"], dict) else ""
    if not re.fullmatch(r"[0-9a-f]{64}", pub):
        raise BundleCorrupt("manifest.json: sender.public_key is not a 32-byte key in hex")
    keys.verify(pub, body, sig)
    if store is not None and require_trust and not keys.is_trusted(store, pub):
        raise UntrustedKey(f"key {keys.read_aloud(pub)} is not in your trusted team keys (the bundle says it "
                           f"comes from {str(man['sender'].get('team', '?'))[:40]} / "
                           f"{str(man['sender'].get('device', '?'))[:40]}, which only the code can confirm). "
                           "Check the code with the sender (read it aloud) and trust it first")
    listed = man["members"]
    present = {i.filename for i in zf.infolist()} - {"manifest.json", "manifest.sig"}
    if not isinstance(listed, dict) or set(listed) != present:
        extra = sorted(present - set(listed or {}))
        missing = sorted(set(listed or {}) - present)
        raise ManifestMismatch(f"the manifest's member list does not match the bundle "
                               f"(not listed: {extra[:3]}, missing: {missing[:3]})")
    local = set(synced_tables(store.schema)) if store is not None else None
    intake = Intake(store, man, sorted(local)) if store is not None else None
    codecs = {}
    counts: dict[str, int] = {}
    for name, meta in sorted(listed.items()):
        h = hashlib.sha256()
        if name.startswith("records/"):
            table = name[len("records/"):-len(".jsonl")]
            if local is not None and table not in local:
                if table == "incident_facts":
                    raise BundleError("the bundle carries incident facts in the old one-row form (FieldApp "
                                      "before schema 10): update FieldApp on the sending laptop, then export again")
                raise BundleError(f"the bundle carries table {table}, which this FieldApp does not have "
                                  "(made by a newer version?); update FieldApp first")
            cols = set(SYNC_COLS) - {"change_seq"}
            if store is not None:
                codecs[table] = TableCodec(store.schema, table)
                allowed = set(codecs[table].data_cols) | {"_anc"}
            n = 0
            blob_cols = codecs[table].blob_cols if store is not None else None
            for line_no, line in iter_lines(zf, name, limits, h):
                row = _json_line(name, line_no, line)
                present = row.keys()
                if not cols <= present:
                    raise BundleCorrupt(f"{name} line {line_no}: sync column {min(cols - present)} is missing")
                if store is not None and not present <= allowed:
                    raise BundleError(f"{name} line {line_no}: column {min(present - allowed)!r} is not "
                                      f"in this store's {table} table (bundle from a newer FieldApp?)")
                for v in (row.values() if blob_cols is None else [row.get(c) for c in blob_cols]):
                    if v.__class__ is dict and "$blob" in v and f"blobs/{v['$blob']}" not in listed:
                        raise ManifestMismatch(f"{name} line {line_no}: BLOB {str(v['$blob'])[:12]}… is not in "
                                               "the bundle")
                if intake is not None:
                    intake.record(table, line_no, row)
                n += 1
            if intake is not None:
                intake.flush(table)
            counts[table] = n
        elif name == "versions.jsonl":
            n = 0
            for line_no, line in iter_lines(zf, name, limits, h):
                row = _json_line(name, line_no, line)
                if set(row) != set(VERSION_COLS):
                    raise BundleCorrupt(f"{name} line {line_no}: expected the fields {', '.join(VERSION_COLS)}")
                if intake is not None:
                    intake.version(line_no, row)
                n += 1
            if n != man.get("versions", 0):
                raise ManifestMismatch(f"the manifest says {man.get('versions')} conflict versions, "
                                       f"versions.jsonl holds {n}")
        else:
            hash_member(zf, name, limits.max_member, h)
            if name.startswith("blobs/") and h.hexdigest() != name[len("blobs/"):]:
                raise BundleCorrupt(f"{name}: content does not match its name (damaged)")
        size = zf.getinfo(name).file_size
        if not isinstance(meta, dict) or meta.get("sha256") != h.hexdigest() or meta.get("size") != size:
            raise BundleCorrupt(f"member {name}: SHA-256 or size differs from the signed manifest "
                                "(the member was altered or damaged)")
    claimed = ({t: c for t, c in man["counts"].items() if c} if isinstance(man["counts"], dict)
               and all(type(c) is int for c in man["counts"].values()) else None)
    actual = {t: c for t, c in counts.items() if c}
    if claimed != actual:
        diff = sorted(set(claimed or {}) | set(actual))
        t = next((t for t in diff if (claimed or {}).get(t) != actual.get(t)), "?")
        raise ManifestMismatch(f"the manifest says {t} has {(claimed or {}).get(t, 0)} records, "
                               f"the bundle holds {actual.get(t, 0)}")
    return VerifiedBundle(path, zf, man, hashlib.sha256(body).hexdigest(), temp, tables=sorted(counts))


def _json_line(name: str, line_no: int, line: bytes) -> dict:
    try:
        row = loads_strict(line)
    except ValueError as exc:
        raise BundleCorrupt(f"{name} line {line_no}: not valid JSON ({exc.msg if hasattr(exc, 'msg') else exc})") from exc
    if not isinstance(row, dict):
        raise BundleCorrupt(f"{name} line {line_no}: a record must be a JSON object")
    return row
