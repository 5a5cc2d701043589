"""Sync test helpers: laptops (real stores), table checksums, crafted bundle files."""
from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

from fieldapp.store import open_store
from fieldapp.sync import keys
from fieldapp.sync.container import TRAILER_PREFIX, _hash_range


def make_laptop(path: Path, team: str, device: str):
    st = open_store(path, create=True)
    st.set_identity(f"{team} unit", team, device)
    keys.signing_key(st)  # made now, so later checks see no meta change from key creation
    return st


def copy_laptops(templates, folder: Path) -> list:
    out = []
    for src in templates:
        dst = folder / src.name
        shutil.copyfile(src, dst)
        out.append(open_store(dst))
    return out


def trust_each_other(*stores) -> None:
    for a in stores:
        for b in stores:
            if a is not b:
                ident = b.identity
                keys.trust(a, keys.public_hex(b), team=ident.team, device=ident.device, device_id=ident.device_id)


def checksum_all(store) -> dict[str, str]:
    """SHA-256 of every (non-virtual) table's rows, in a stable order: proves 'the store is unchanged'."""
    out = {}
    for name, sql in store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
        if (sql or "").upper().startswith("CREATE VIRTUAL"):
            continue
        h = hashlib.sha256()
        for row in sorted(repr(r) for r in store.conn.execute(f'SELECT * FROM "{name}"')):
            h.update(row.encode())
        out[name] = h.hexdigest()
    return out


def rewrite_bundle(src: Path, dst: Path, *, members: dict | None = None, drop: tuple = (),
                   manifest_edit=None, sign_with=None, resign: bool = True, fix_hashes: bool = False) -> Path:
    """Copy a (plain) bundle, changing members and/or the manifest, re-signing, with a valid trailer.

    This is what a careful attacker (or a buggy sender holding a trusted key) would produce, so the
    tests exercise the checks behind the whole-file checksum.
    """
    with zipfile.ZipFile(src) as zf:
        data = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    for name in drop:
        data.pop(name, None)
    data.update(members or {})
    man = json.loads(data["manifest.json"])
    if fix_hashes:
        man["members"] = {n: {"sha256": hashlib.sha256(b).hexdigest(), "size": len(b)}
                          for n, b in data.items() if n not in ("manifest.json", "manifest.sig")}
    if manifest_edit:
        manifest_edit(man)
    body = json.dumps(man, ensure_ascii=False, indent=1, sort_keys=True).encode()
    data["manifest.json"] = body
    if resign and sign_with is not None:
        data["manifest.sig"] = sign_with.sign(body).signature
    write_raw_zip(dst, data)
    return dst


def write_raw_zip(dst: Path, data: dict[str, bytes], compress=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(dst, "w", compression=compress) as zf:
        for name, body in data.items():
            zf.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), body, compress_type=compress)
        zf.comment = TRAILER_PREFIX + b"0" * 64
    fix_trailer(dst)
    return dst


def fix_trailer(path: Path) -> None:
    with open(path, "r+b") as fh:
        size = fh.seek(0, 2)
        digest = _hash_range(fh, size - 64)
        fh.seek(size - 64)
        fh.write(digest.encode())




def edit_concurrently(a, b, point_uuid: str, folder: Path) -> None:
    """B receives A's data, then A and B rename the same point without seeing each other's edit."""
    from fieldapp.sync import export_bundle, import_bundle

    export_bundle(a, folder / "seed.fab")
    import_bundle(b, folder / "seed.fab")
    a.update_point(point_uuid, name="A 的名字")
    b.update_point(point_uuid, name="B 的名字")
