"""Exports read back by independent readers: ogrinfo (GDAL) and the csv module."""
from __future__ import annotations

import csv
import re

from fieldapp.cli import main

from report_tools import run


def _counts(st, inc):
    q = lambda t: st.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE incident_uuid = ? AND deleted = 0",  # noqa: E731
                                  (inc["uuid"],)).fetchone()[0]
    return {"points": q("sampling_points"), "samples": q("samples"), "measurements": q("measurements")}


def _ogr_counts(path) -> dict:
    out = run("ogrinfo", "-ro", "-so", "-al", str(path))
    names = re.findall(r"Layer name: (\S+)", out)
    counts = [int(c) for c in re.findall(r"Feature Count: (\d+)", out)]
    return dict(zip(names, counts))


def test_gpkg_kml_geojson_feature_counts(demo, tmp_path):
    st, inc = demo
    want = _counts(st, inc)
    assert want["measurements"] > 1000
    store_arg = ["--store", str(st.path)]
    assert main(["export", "gpkg", "--out", str(tmp_path / "x.gpkg"), *store_arg]) == 0
    assert _ogr_counts(tmp_path / "x.gpkg") == want
    assert "ERROR" not in run("ogrinfo", "-ro", "-al", "-q", str(tmp_path / "x.gpkg"))
    assert main(["export", "kml", "--out", str(tmp_path / "x.kml"), *store_arg]) == 0
    assert _ogr_counts(tmp_path / "x.kml") == want
    assert main(["export", "geojson", "--out", str(tmp_path / "gj"), *store_arg]) == 0
    for name, n in want.items():
        assert _ogr_counts(tmp_path / "gj" / f"{name}.geojson") == {name: n}
    # attribute text survives: the point names in Chinese
    out = run("ogrinfo", "-ro", "-al", str(tmp_path / "x.gpkg"), "points")
    assert "县自来水厂取水口" in out and "POINT (108." in out


def test_csv_has_bom_and_chinese_text(demo, tmp_path):
    st, inc = demo
    assert main(["export", "csv", "--out", str(tmp_path / "csv"), "--store", str(st.path)]) == 0
    raw = (tmp_path / "csv" / "points.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with open(tmp_path / "csv" / "points.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = {p["code"]: p["name"] for p in st.list_points(inc["uuid"])}
    assert {r["code"]: r["name"] for r in rows} == names and "县自来水厂取水口" in names.values()
    with open(tmp_path / "csv" / "measurements.csv", encoding="utf-8-sig", newline="") as fh:
        meas = list(csv.DictReader(fh))
    assert len(meas) == _counts(st, inc)["measurements"]
    assert any(m["method"] == "便携式阳极溶出仪" for m in meas)


def test_export_to_a_file_where_a_folder_is_needed_is_a_clear_error(demo, tmp_path, capsys):
    st, _ = demo
    f = tmp_path / "file.txt"
    f.write_text("x")
    assert main(["export", "csv", "--out", str(f), "--store", str(st.path)]) == 2
    assert "give a folder" in capsys.readouterr().err
    assert main(["export", "gpkg", "--out", str(tmp_path / "x.zip"), "--store", str(st.path)]) == 2


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
