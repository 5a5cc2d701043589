"""Every bad bundle is refused with a specific reason and leaves every table byte-for-byte unchanged."""
from __future__ import annotations

import json
import zipfile
import zlib

import pytest
from nacl.signing import SigningKey
from sync_helpers import checksum_all, make_laptop, rewrite_bundle, write_raw_zip

from fieldapp.sync import (
    BundleCorrupt,
    BundleTooNew,
    BundleUnsafe,
    ManifestMismatch,
    SignatureInvalid,
    UntrustedKey,
    export_bundle,
    import_bundle,
    keys,
)


@pytest.fixture
def bundle(laptops, team_a_data, tmp_path):
    a, _b, _w = laptops
    export_bundle(a, tmp_path / "good.fab")
    return tmp_path / "good.fab"


def refused(store, path, exc, match):
    before = checksum_all(store)
    with pytest.raises(exc, match=match):
        import_bundle(store, path)
    assert checksum_all(store) == before


@pytest.mark.parametrize("where", [0, 0.1, 0.3, 0.5, 0.7, 0.9, -70, -20, -1])
def test_flipped_bit_anywhere(bundle, laptops, tmp_path, where):
    data = bytearray(bundle.read_bytes())
    pos = int(len(data) * where) if isinstance(where, float) or where == 0 else len(data) + where
    data[pos] ^= 0x04
    bad = tmp_path / "flipped.fab"
    bad.write_bytes(bytes(data))
    refused(laptops[2], bad, BundleCorrupt, "checksum|truncated|damaged|altered")


@pytest.mark.parametrize("keep", [0.5, 0.99, 10])
def test_truncated_file(bundle, laptops, tmp_path, keep):
    data = bundle.read_bytes()
    n = int(len(data) * keep) if isinstance(keep, float) else keep
    bad = tmp_path / "short.fab"
    bad.write_bytes(data[:n])
    refused(laptops[2], bad, BundleCorrupt, "truncated")


def test_unknown_key(bundle, tmp_path):
    stranger = make_laptop(tmp_path / "s.sqlite", "未知队", "x")
    refused(stranger, bundle, UntrustedKey, "not in your trusted team keys")


def test_wrong_key_signature(bundle, laptops, tmp_path):
    bad = rewrite_bundle(bundle, tmp_path / "resigned.fab", sign_with=SigningKey.generate(),
                         manifest_edit=lambda m: m.update(created_at="2026-01-01T00:00:00.000Z"))
    refused(laptops[2], bad, SignatureInvalid, "signature does not match")


def test_altered_member_with_valid_checksum(bundle, laptops, tmp_path):
    with zipfile.ZipFile(bundle) as zf:
        pts = zf.read("records/sampling_points.jsonl")
    bad = rewrite_bundle(bundle, tmp_path / "altered.fab", resign=False,
                         members={"records/sampling_points.jsonl": pts.replace("排口".encode(), "入口".encode())})
    refused(laptops[2], bad, BundleCorrupt, "sampling_points.jsonl: SHA-256 or size differs")


def test_replayed_bundle_is_a_reported_no_op(bundle, laptops):
    w = laptops[2]
    import_bundle(w, bundle)
    before = checksum_all(w)
    rc = import_bundle(w, bundle)
    assert rc.status == "already imported" and not rc.changed
    assert checksum_all(w) == before


def test_older_bundle_after_newer_changes_nothing(laptops, team_a_data, tmp_path):
    a, _b, w = laptops
    p1 = team_a_data[1]
    export_bundle(a, tmp_path / "old.fab")
    a.update_point(p1["uuid"], name="新名字")
    a.delete("sampling_points", team_a_data[2]["uuid"])
    export_bundle(a, tmp_path / "new.fab")
    import_bundle(w, tmp_path / "new.fab")
    data_tables = lambda: {k: v for k, v in checksum_all(w).items()
                           if not k.startswith(("sync_imports", "meta"))}
    before = data_tables()
    rc = import_bundle(w, tmp_path / "old.fab")
    assert data_tables() == before
    assert rc.total("stale") == 2 and rc.total("updated") == rc.total("added") == rc.total("conflicted") == 0
    assert "older than what we already hold" in rc.note
    assert w.get("sampling_points", p1["uuid"])["name"] == "新名字"


@pytest.mark.parametrize("name", ["../evil.jsonl", "/etc/passwd", "records/../../x.jsonl", "C:/x/records/a.jsonl",
                                  "records\\..\\x.jsonl"])
def test_member_names_escaping_the_bundle(bundle, laptops, tmp_path, name):
    with zipfile.ZipFile(bundle) as zf:
        data = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    data[name] = b"{}\n"
    bad = write_raw_zip(tmp_path / "escape.fab", data)
    refused(laptops[2], bad, BundleUnsafe, "outside the bundle")


def test_unexpected_member(bundle, laptops, tmp_path):
    with zipfile.ZipFile(bundle) as zf:
        data = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    data["autorun.exe"] = b"MZ"
    refused(laptops[2], write_raw_zip(tmp_path / "x.fab", data), BundleUnsafe, "unexpected member 'autorun.exe'")


def test_decompression_bomb(bundle, laptops, tmp_path):
    bomb = b"\n" * (16 << 20)  # 16 MiB of newlines deflate to ~16 KiB
    assert len(zlib.compress(bomb)) < len(bomb) / 500
    bad = rewrite_bundle(bundle, tmp_path / "bomb.fab", members={"records/samples.jsonl": bomb},
                         fix_hashes=True, sign_with=keys.signing_key(laptops[0]))
    refused(laptops[2], bad, BundleUnsafe, "decompression bomb")


def test_manifest_lying_about_counts(bundle, laptops, tmp_path):
    def lie(m):
        m["counts"]["samples"] += 1
    bad = rewrite_bundle(bundle, tmp_path / "lie.fab", manifest_edit=lie, sign_with=keys.signing_key(laptops[0]))
    refused(laptops[2], bad, ManifestMismatch, "manifest says samples has 2 records, the bundle holds 1")


def test_manifest_hiding_a_member(bundle, laptops, tmp_path):
    bad = rewrite_bundle(bundle, tmp_path / "hide.fab", sign_with=keys.signing_key(laptops[0]),
                         manifest_edit=lambda m: m["members"].pop("records/samples.jsonl"))
    refused(laptops[2], bad, ManifestMismatch, "member list does not match")


def test_newer_format_version(bundle, laptops, tmp_path):
    bad = rewrite_bundle(bundle, tmp_path / "v2.fab", sign_with=keys.signing_key(laptops[0]),
                         manifest_edit=lambda m: m.update(format_version=3))
    refused(laptops[2], bad, BundleTooNew, "format version 3; this FieldApp reads up to version 2")


def test_bad_json_line_names_member_and_line(bundle, laptops, tmp_path):
    with zipfile.ZipFile(bundle) as zf:
        body = zf.read("records/measurements.jsonl") + b"{not json\n"
    def bump(m):
        m["counts"]["measurements"] += 1
    bad = rewrite_bundle(bundle, tmp_path / "json.fab", members={"records/measurements.jsonl": body},
                         fix_hashes=True, manifest_edit=bump, sign_with=keys.signing_key(laptops[0]))
    refused(laptops[2], bad, BundleCorrupt, "measurements.jsonl line 3: not valid JSON")


def test_not_a_zip_at_all(laptops, tmp_path):
    bad = tmp_path / "x.fab"
    bad.write_text(json.dumps({"hello": "world"}) * 10)
    refused(laptops[2], bad, BundleCorrupt, "checksum is missing")
