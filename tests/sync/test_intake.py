"""Strict intake: a record from a TRUSTED key that the app itself would refuse (or that would crash a
later import) refuses the whole bundle with one line naming table, record and field; the store is
unchanged. A hypothesis test throws arbitrary record contents at the importer."""
from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import checksum_all, copy_laptops, rewrite_bundle

from fieldapp.cli import main
from fieldapp.sync import export_bundle, keys


@pytest.fixture(scope="module")
def base(laptop_templates, tmp_path_factory):
    """Team A's full bundle with a point, sample, custody event, measurements, log and an attachment."""
    d = tmp_path_factory.mktemp("intake")
    a, _b, _w = copy_laptops(laptop_templates, d)
    inc = a.create_incident("事件", "2026-11-01 08:00", code="T-01")
    p = a.add_point(inc["uuid"], 24.65, 108.2, role="source")
    s = a.add_sample(p["uuid"])
    a.add_custody_event(s["uuid"], "张三", "实验室")
    a.add_measurement(p["uuid"], "Cd", "12", "ug/L")
    photo = d / "p.jpg"
    photo.write_bytes(bytes(range(256)) * 40)
    a.add_attachment(inc["uuid"], "sampling_points", p["uuid"], photo)
    small = d / "s.txt"
    small.write_bytes(b"note")
    a.add_attachment(inc["uuid"], "sampling_points", p["uuid"], small)
    export_bundle(a, d / "base.fab")
    sk = keys.signing_key(a)
    a.close()
    return d / "base.fab", sk


def members(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i.filename) for i in zf.infolist()}


def craft(base, dst: Path, table: str, edit, index: int = 0) -> Path:
    """Re-sign the bundle with A's (trusted) key after ``edit`` changed record ``index`` of ``table``.
    ``edit`` gets the parsed record and returns it, or returns raw JSON text for the line."""
    path, sk = base
    name = f"records/{table}.jsonl"
    lines = members(path)[name].decode().splitlines()
    out = edit(json.loads(lines[index]))
    lines[index] = out if isinstance(out, str) else json.dumps(out, ensure_ascii=False)
    return rewrite_bundle(path, dst, members={name: ("\n".join(lines) + "\n").encode()}, fix_hashes=True,
                          sign_with=sk, manifest_edit=lambda m: m.update(bundle_id=hashlib.sha256(
                              dst.name.encode()).hexdigest()[:32]))


def put(field, value):
    def edit(row):
        row[field] = value
        return row
    return edit


def raw(field, text):
    def edit(row):
        row[field] = "@@"
        return json.dumps(row, ensure_ascii=False).replace('"@@"', text)
    return edit


def blob_sha(base) -> str:
    return next(n[6:] for n in members(base[0]) if n.startswith("blobs/"))


POISON = [
    ("sampling_points", raw("version", "Infinity"), "not valid JSON"),
    ("sampling_points", raw("lat", "NaN"), "not valid JSON"),
    ("sampling_points", raw("lon", "1e999"), "not valid JSON (number is infinity"),
    ("sampling_points", put("lon", 10 ** 30), "field lon: lon 1e+30 breaks the rule CHECK"),
    ("sampling_points", put("_anc", "1:x:y"), "field _anc: _anc"),
    ("sampling_points", put("_anc", [["nested"]]), "field _anc: _anc entry"),
    ("sampling_points", put("name", {"a": 1}), "field name: name holds an object"),
    ("sampling_points", put("description", {"$blob": "0" * 64}), "field description: description holds an object"),
    ("sampling_points", put("uuid", ["a", "b"]), "sampling_points record on line 1, field uuid"),
    ("sampling_points", put("role", "🚰"), "field role: role '🚰' is not one of"),
    ("sampling_points", put("code", "  "), "field code: code is required"),
    ("sampling_points", put("lat", 24.650001), "field geom"),
    ("sampling_points", put("lat", 200.0), "field lat: lat 200.0 breaks the rule CHECK (lat BETWEEN -90 AND 90)"),
    ("sampling_points", put("geom", "00"), "field geom"),
    ("sampling_points", put("geom", "not hex"), "field geom: geom must be a geometry as WKB in hex"),
    ("sampling_points", put("version", 0), "field version: version must be 1 or more"),
    ("sampling_points", put("version", 10 ** 30), "field version: version must be a whole number"),
    ("sampling_points", put("version", True), "field version: version must be a whole number"),
    ("sampling_points", put("deleted", 2), "field deleted"),
    ("sampling_points", put("updated_at", "yesterday"), "field updated_at: updated_at 'yesterday' is not a stored time"),
    ("sampling_points", put("created_at", "2026-13-45T99:00:00.000Z"), "is not a real date"),
    ("sampling_points", put("updated_by_device", "laptop-a"), "field updated_by_device"),
    ("sampling_points", raw("name", '"\\ud800"'), "not valid JSON (no low surrogate"),
    ("sampling_points", raw("name", "[" * 5000 + "]" * 5000), "nested too deeply"),
    ("sampling_points", put("media", "lava"), "field media"),
    ("samples", put("status", "1"), "field status: status '1' is not one of"),
    ("samples", put("collected_at", "2026-11-01 08:00"), "field collected_at"),
    ("samples", put("depth_m", "deep"), "field depth_m: depth_m must be a finite number"),
    ("samples", put("point_uuid", None), "field point_uuid: point_uuid is empty"),
    ("measurements", put("value", 99.0), "field value: value 99.0 is not what '12' 'ug/L' gives"),
    ("measurements", put("unit", "furlong"), "field unit"),
    ("measurements", put("qualifier", "maybe"), "field qualifier"),
    ("custody_events", put("from_party", ""), "field from_party: from_party is required"),
    ("incident_log", put("kind", "rumour"), "field kind"),
    ("attachments", put("sha256", "0" * 64), "field sha256: sha256 does not match the data"),
    ("attachments", put("size", 1), "field size"),
    ("attachments", put("data", {"$b64": "!!!"}), "field data: data is not valid base64"),
    ("attachments", put("data", {"$blob": "f" * 64}), "attachments.jsonl line 1: BLOB ffffffffffff… is not in the bundle"),
    ("attachments", put("data", "plain text"), "field data: data must be binary data"),
]


@pytest.mark.parametrize("table,edit,message", POISON, ids=[f"{t}-{m[:30]}" for t, _, m in POISON])
def test_poison_record_is_refused_and_store_unchanged(base, laptop_templates, tmp_path, capsys, table, edit, message):
    _a, _b, w = copy_laptops(laptop_templates, tmp_path)
    bad = craft(base, tmp_path / "bad.fab", table, edit, index=1 if table == "attachments" and "data" in message
                and "base64" in message else 0)
    before = checksum_all(w)
    path = str(w.path)
    w.close()
    assert main(["bundle", "import", str(bad), "--store", path]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and message in err[0], err
    assert (table in err[0] or "JSON" in err[0]) and "Traceback" not in err[0]
    from fieldapp.store import open_store

    with open_store(path) as w:
        assert checksum_all(w) == before
    assert main(["bundle", "import", str(base[0]), "--store", path]) == 0  # the good bundle still imports


# ---- hypothesis: arbitrary contents ---------------------------------------------------------------
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.integers(-10, 10),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12),
                    st.sampled_from(["", "🚰", "2026-11-01T08:00:00.000Z", "2031-01-01T00:00:00.000Z",
                                     "00000000-0000-0000-0000-000000000000", "ND", "<0.001", "mg/L", "ug/L",
                                     "water", "downstream", "collected", "1", "0101000000000000000000F03F000000000000F03F"]))
VALUES = st.recursive(SCALARS, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                      st.dictionaries(st.sampled_from(["$b64", "$blob", "a"]), kids,
                                                                      max_size=2)), max_leaves=5)
TABLES = ["incidents", "sampling_points", "samples", "custody_events", "measurements", "incident_log", "attachments"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(table=st.sampled_from(TABLES), changes=st.dictionaries(st.text(min_size=1, max_size=20) | st.sampled_from(
    ["uuid", "version", "deleted", "updated_at", "lat", "lon", "geom", "code", "role", "status", "value", "unit",
     "value_orig", "qualifier", "sha256", "size", "data", "_anc", "kind", "incident_uuid", "point_uuid"]),
    VALUES, min_size=1, max_size=4))
def test_arbitrary_record_contents_never_crash(base, laptop_templates, table, changes):
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        _a, _b, w = copy_laptops(laptop_templates, work)
        path = str(w.path)
        w.close()

        def edit(row):
            row.update(changes)
            return row
        bad = craft(base, work / "fuzz.fab", table, edit)
        import contextlib
        import io

        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            rc = main(["bundle", "import", str(bad), "--store", path])  # any exception here fails the test
            assert rc in (0, 2)
            if rc == 0:
                assert main(["check", "--store", path]) == 0
        if rc == 2:
            lines = err.getvalue().strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("fieldapp: error: "), lines
    finally:
        shutil.rmtree(work, ignore_errors=True)
