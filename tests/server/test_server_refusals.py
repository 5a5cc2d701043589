"""A bundle the server must refuse leaves the database exactly as it was (every table compared)."""
from __future__ import annotations

import json

import pytest
from server_helpers import database_checksum, trust_laptops
from sync_helpers import make_laptop, rewrite_bundle

from fieldapp.sync import BundleCorrupt, BundleError, RecordInvalid, SignatureInvalid, UntrustedKey, export_bundle, keys
from fieldapp.server.importer import import_one


@pytest.fixture
def team(tmp_path):
    a = make_laptop(tmp_path / "a.sqlite", "应急一队", "laptop-a")
    inc = a.create_incident("尾矿库泄漏", "2026-11-01 08:00", code="T-01")
    p = a.add_point(inc["uuid"], 24.65, 108.20, role="source")
    a.add_measurement(p["uuid"], "Cd", "0.012", "mg/L")
    export_bundle(a, tmp_path / "a.fab")
    yield a, tmp_path / "a.fab"
    a.close()


def _first_import(server, a, tmp_path):
    """The server already holds something, so 'unchanged' covers real rows, not just empty tables."""
    b = make_laptop(tmp_path / "b.sqlite", "应急二队", "laptop-b")
    inc = b.create_incident("另一事件", "2026-11-02 08:00", code="T-02")
    b.add_point(inc["uuid"], 25.0, 109.0, role="source")
    export_bundle(b, tmp_path / "b.fab")
    trust_laptops(server, a, b)
    import_one(server, tmp_path / "b.fab")
    b.close()


def test_flipped_byte_refused_database_unchanged(server, team, tmp_path):
    a, path = team
    _first_import(server, a, tmp_path)
    before = database_checksum(server)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x40
    bad = tmp_path / "flipped.fab"
    bad.write_bytes(bytes(data))
    with pytest.raises(BundleCorrupt):
        import_one(server, bad)
    assert database_checksum(server) == before


def test_edited_record_with_old_signature_refused(server, team, tmp_path):
    a, path = team
    _first_import(server, a, tmp_path)
    before = database_checksum(server)
    import zipfile

    with zipfile.ZipFile(path) as zf:
        body = zf.read("records/measurements.jsonl").decode()
    bad = rewrite_bundle(path, tmp_path / "edited.fab", fix_hashes=True, resign=False,
                         members={"records/measurements.jsonl": body.replace('"0.012"', '"0.001"').encode()})
    with pytest.raises(SignatureInvalid):
        import_one(server, bad)
    assert database_checksum(server) == before


def test_bad_record_signed_by_a_trusted_key_refused(server, team, tmp_path):
    """A trusted sender's bug: a measurement whose value does not match what was typed."""
    a, path = team
    _first_import(server, a, tmp_path)
    before = database_checksum(server)
    import zipfile

    with zipfile.ZipFile(path) as zf:
        rows = [json.loads(line) for line in zf.read("records/measurements.jsonl").decode().splitlines()]
    rows[0]["value"] = 12.0
    body = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode()
    bad = rewrite_bundle(path, tmp_path / "value.fab", fix_hashes=True, sign_with=keys.signing_key(a),
                         members={"records/measurements.jsonl": body})
    with pytest.raises(RecordInvalid) as err:
        import_one(server, bad)
    assert "measurements record" in str(err.value) and "value" in str(err.value)
    assert database_checksum(server) == before


def test_untrusted_sender_and_missing_parent_refused(server, team, tmp_path):
    a, path = team
    before = database_checksum(server)
    with pytest.raises(UntrustedKey):
        import_one(server, path)          # nobody trusted laptop-a on this server yet
    assert database_checksum(server) == before
    trust_laptops(server, a)
    before = database_checksum(server)
    orphan = rewrite_bundle(path, tmp_path / "orphan.fab", fix_hashes=True, sign_with=keys.signing_key(a),
                            drop=("records/sampling_points.jsonl",),
                            manifest_edit=lambda m: m["counts"].pop("sampling_points"))
    with pytest.raises(BundleError, match="import the sender's earlier bundle first"):
        import_one(server, orphan)
    assert database_checksum(server) == before


def test_second_import_of_the_same_bundle_is_a_noop(server, team):
    a, path = team
    trust_laptops(server, a)
    assert import_one(server, path).status == "imported"
    before = database_checksum(server)
    seq = server.committed_seq()
    rc = import_one(server, path)
    assert rc.status == "already imported" and not rc.changed
    assert database_checksum(server) == before and server.committed_seq() == seq
