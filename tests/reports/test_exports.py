"""Exports read back by independent readers: ogrinfo (GDAL) and the csv/json modules. Every format
holds the incident metadata, the river, the sites and the instrument readings; the GeoPackage has
an R-tree spatial index and typed fields; KML placemarks are named by their codes, with a typed
Schema, status styles and time stamps; CSV times are local with their offset, as in the PDFs."""
from __future__ import annotations

import csv
import json
import re
from datetime import datetime

import pytest

from fieldapp.cli import main
from fieldapp.core.timeutil import to_local_iso
from fieldapp.instruments.records import RawRecord, Reading
from fieldapp.instruments.sink import write_records

from report_tools import run

LAYERS = ("incident", "points", "samples", "measurements", "readings", "rivers", "sites")


@pytest.fixture(scope="module")
def with_readings(benzene):
    st, inc = benzene
    dn = next(p for p in st.list_points(inc["uuid"]) if p["code"] == "DN-01")
    recs = [RawRecord(raw=f"PH,{v}".encode(), kind="data", status="ok", received_at=at, device="WTW-1",
                      readings=[Reading("pH", v, "pH", text=str(v))])
            for v, at in ((7.42, "2026-11-30T08:00:00.000Z"), (7.38, "2026-11-30T08:00:10.000Z"))]
    write_records(st, [(r, inc["uuid"], dn["uuid"]) for r in recs])
    return st, inc


def _counts(st, inc) -> dict:
    q = lambda sql: st.conn.execute(sql, (inc["uuid"],)).fetchone()[0]  # noqa: E731
    return {"incident": 1,
            "points": q("SELECT COUNT(*) FROM sampling_points WHERE incident_uuid = ? AND deleted = 0"),
            "samples": q("SELECT COUNT(*) FROM samples WHERE incident_uuid = ? AND deleted = 0"),
            "measurements": q("SELECT COUNT(*) FROM measurements WHERE incident_uuid = ? AND deleted = 0"),
            "readings": q("SELECT COUNT(*) FROM instrument_readings WHERE incident_uuid = ? AND deleted = 0"),
            "rivers": q("SELECT COUNT(*) FROM map_rivers WHERE deleted = 0 AND layer_uuid IN (SELECT uuid FROM "
                        "map_layers WHERE incident_uuid IS NULL OR incident_uuid = ?)"),
            "sites": q("SELECT COUNT(*) FROM map_sites WHERE deleted = 0 AND layer_uuid IN (SELECT uuid FROM "
                       "map_layers WHERE incident_uuid IS NULL OR incident_uuid = ?)")}


def _ogr_counts(path) -> dict:
    out = run("ogrinfo", "-ro", "-so", "-al", str(path))
    return dict(zip(re.findall(r"Layer name: (\S+)", out), map(int, re.findall(r"Feature Count: (\d+)", out))))


def _export(st, fmt, out, *extra) -> None:
    assert main(["export", fmt, "--out", str(out), "--store", str(st.path), *extra]) == 0


def test_geopackage_has_spatial_index_typed_fields_and_every_layer(demo, with_readings, tmp_path):
    for st, inc in (demo, with_readings):
        path = tmp_path / f"{inc['code']}.gpkg"
        _export(st, "gpkg", path, "--incident", inc["code"])
        assert _ogr_counts(path) == _counts(st, inc)
        for layer in ("points", "samples", "measurements", "rivers", "sites"):
            if _counts(st, inc)[layer]:
                sql = f"SELECT HasSpatialIndex('{layer}', 'geom')"
                assert "HasSpatialIndex (Integer) = 1" in run("ogrinfo", "-ro", "-q", str(path), "-sql", sql), layer
        p = st.list_points(inc["uuid"])[0]     # the index answers a window query with that one point
        win = [str(v) for v in (p["lon"] - 1e-5, p["lat"] - 1e-5, p["lon"] + 1e-5, p["lat"] + 1e-5)]
        assert "Feature Count: 1" in run("ogrinfo", "-ro", "-so", "-spat", *win, str(path), "points")
        ext = run("ogrinfo", "-ro", "-q", str(path), "-sql", "SELECT table_name FROM gpkg_extensions "
                                                            "WHERE extension_name = 'gpkg_rtree_index'")
        assert "points" in ext and "measurements" in ext
        info = run("ogrinfo", "-ro", "-so", str(path), "measurements")
        assert "value: Real" in info and "measured_at: DateTime" in info and "lat: Real" in info
        assert "is_demo: Integer(Boolean)" in run("ogrinfo", "-ro", "-so", str(path), "incident")
        assert "Geometry: Line String" in run("ogrinfo", "-ro", "-so", str(path), "rivers") or not _counts(st, inc)["rivers"]
        assert "ERROR" not in run("ogrinfo", "-ro", "-al", "-q", str(path))
    out = run("ogrinfo", "-ro", str(tmp_path / "DEMO-01.gpkg"), "points")
    assert "县自来水厂取水口" in out and "饮用水取水口" in out and "POINT (108." in out


def test_kml_names_are_codes_with_typed_schema_styles_and_times(with_readings, tmp_path):
    st, inc = with_readings
    path = tmp_path / "x.kml"
    _export(st, "kml", path, "--incident", inc["code"])
    assert _ogr_counts(path) == _counts(st, inc)
    names = re.findall(r"Name \(String\) = (.*)", run("ogrinfo", "-ro", str(path), "points"))
    assert sorted(names) == sorted(p["code"] for p in st.list_points(inc["uuid"]))
    samples = re.findall(r"Name \(String\) = (.*)", run("ogrinfo", "-ro", str(path), "samples"))
    assert samples and all(re.fullmatch(r"[A-Z]+-\d\d-\d{6}-\d\d", s) for s in samples)
    info = run("ogrinfo", "-ro", "-so", str(path), "measurements")
    assert "value: Real" in info and "point_name" not in info
    assert "vertices: Integer" in run("ogrinfo", "-ro", "-so", str(path), "rivers") or not _counts(st, inc)["rivers"]
    text = path.read_text(encoding="utf-8")
    assert '<styleUrl>#st-exceeded</styleUrl>' in text and '<Style id="st-exceeded">' in text
    assert "<TimeStamp><when>" in text and 'name="name"' not in text
    assert re.search(r"<TimeStamp><when>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d</when>", text)
    m = run("ogrinfo", "-ro", str(path), "measurements")
    assert "timestamp (DateTime) = 20" in m


def test_csv_and_geojson_hold_every_layer_with_local_times(with_readings, tmp_path):
    st, inc = with_readings
    _export(st, "csv", tmp_path / "csv", "--incident", inc["code"])
    raw = (tmp_path / "csv" / "points.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = {}
    for layer in LAYERS:
        with open(tmp_path / "csv" / f"{layer}.csv", encoding="utf-8-sig", newline="") as fh:
            rows[layer] = list(csv.DictReader(fh))
    assert {k: len(v) for k, v in rows.items()} == _counts(st, inc)
    stored = st.conn.execute("SELECT measured_at FROM measurements WHERE incident_uuid = ? ORDER BY measured_at",
                             (inc["uuid"],)).fetchone()[0]
    first = min(r["measured_at"] for r in rows["measurements"])
    assert first == to_local_iso(stored) and re.search(r"[+-]\d\d:\d\d$", first)
    assert datetime.fromisoformat(first) == datetime.fromisoformat(stored.replace("Z", "+00:00"))
    assert all("e-" not in r["value"] and len(r["value"]) < 12 for r in rows["measurements"] if r["value"])
    assert rows["incident"][0]["code"] == inc["code"] and rows["readings"][0]["point_code"] == "DN-01"
    assert rows["sites"][0]["site_name"] == "三水厂备用取水口"
    air = [r for r in rows["measurements"] if r["point_code"] == "AQ-01"]
    assert air and all(r["verdict"] == "not_comparable" for r in air)
    _export(st, "geojson", tmp_path / "gj", "--incident", inc["code"])
    for layer in LAYERS:
        fc = json.loads((tmp_path / "gj" / f"{layer}.geojson").read_text(encoding="utf-8"))
        assert len(fc["features"]) == _counts(st, inc)[layer]
    inc_feat = json.loads((tmp_path / "gj" / "incident.geojson").read_text(encoding="utf-8"))["features"][0]
    assert inc_feat["geometry"] is None and inc_feat["properties"]["incident_name"] == inc["name"]
    assert _ogr_counts(tmp_path / "gj" / "readings.geojson") == {"readings": 2}


def test_export_to_a_file_where_a_folder_is_needed_is_a_clear_error(demo, tmp_path, capsys):
    st, _ = demo
    f = tmp_path / "file.txt"
    f.write_text("x")
    assert main(["export", "csv", "--out", str(f), "--store", str(st.path)]) == 2
    assert "give a folder" in capsys.readouterr().err
    assert main(["export", "gpkg", "--out", str(tmp_path / "x.zip"), "--store", str(st.path)]) == 2
    assert not list(tmp_path.glob("*.part*"))


def test_report_cli(demo, tmp_path, capsys):
    st, _ = demo
    out = tmp_path / "cb.pdf"
    assert main(["report", "initial", "--out", str(out), "--store", str(st.path)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["report", "grade", "--store", str(st.path)]) == 0
    text = capsys.readouterr().out
    assert "II track" in text and "镉" in text and "可能已被新的国家预案替代" in text
    assert main(["report", "deadlines", "--store", str(st.path), "--lang", "en"]) == 0
    assert "overdue" in capsys.readouterr().out  # the demo was discovered three days ago
    assert main(["report", "facts", "--set", "deaths=-1", "--store", str(st.path)]) == 2
    assert main(["report", "labels", "--out", str(tmp_path / "l.pdf"), "--store", str(st.path)]) == 0
    assert main(["report", "custody", "--list", "--store", str(st.path)]) == 0
    assert "pending" in capsys.readouterr().out
    assert main(["report", "custody", "--shipment", "1", "--out", str(tmp_path / "c.pdf"),
                 "--store", str(st.path)]) == 0
