"""Layer import: good files land as real SpatiaLite geometries; bad files leave nothing behind."""
from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import sqlean

from fieldapp.maps.layer_import import LayerImportError, import_layer, write_layer


def counts(store):
    return tuple(store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                 for t in ("map_layers", "map_rivers", "map_sites"))


GOOD_GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"name": "清溪河"},
     "geometry": {"type": "LineString", "coordinates": [[108.30, 24.70], [108.35, 24.68], [108.40, 24.65]]}},
    {"type": "Feature", "properties": {"name": "县水厂取水口", "kind": "取水口"},
     "geometry": {"type": "Point", "coordinates": [108.39, 24.655]}},
    {"type": "Feature", "properties": {"name": "某村拦河闸", "容量": "3万 m³"},
     "geometry": {"type": "Point", "coordinates": [108.33, 24.69]}},
    {"type": "Feature", "properties": {"name": "应急物资库", "kind": "warehouse",
                                       "stock": [{"material": "生石灰", "quantity": 50, "unit": "t"},
                                                 {"material": "PAC", "quantity": 10, "unit": "t"}]},
     "geometry": {"type": "Point", "coordinates": [108.36, 24.70]}},
]}


def test_geojson_lands_as_linestring_and_points(store, tmp_path):
    f = tmp_path / "river.geojson"
    f.write_text(json.dumps(GOOD_GEOJSON, ensure_ascii=False), encoding="utf-8")
    res = import_layer(store, f)
    assert (res.rivers, res.sites) == (1, 3) and res.warnings == []
    assert store.conn.execute("SELECT GeometryType(geom), ST_NumPoints(geom) FROM map_rivers").fetchone() == \
        ("LINESTRING", 3)
    rows = dict(store.conn.execute("SELECT name, kind || '/' || facility_type || '/' || materials FROM map_sites"))
    assert rows == {"县水厂取水口": "intake//", "某村拦河闸": "facility/gate/", "应急物资库": "warehouse//,lime,pac,"}
    layer = store.conn.execute("SELECT kind, feature_count, version, change_seq, created_by_team FROM map_layers"
                               ).fetchone()
    assert layer[:3] == ("mixed", 4, 1) and layer[3] > 0 and layer[4] == "应急一队"
    assert store.conn.execute("SELECT CheckSpatialIndex('map_sites', 'geom'), "
                              "CheckSpatialIndex('map_rivers', 'geom')").fetchone() == (1, 1)


@pytest.mark.skipif(not shutil.which("ogrinfo"), reason="gdal-bin not installed")
def test_ogrinfo_reads_the_layers(store, tmp_path):
    f = tmp_path / "river.geojson"
    f.write_text(json.dumps(GOOD_GEOJSON), encoding="utf-8")
    import_layer(store, f)
    out = subprocess.run(["ogrinfo", "-ro", "-so", str(store.path), "map_rivers"], capture_output=True,
                         text=True).stdout
    assert "Line String" in out and "Feature Count: 1" in out and "WGS 84" in out


def test_kml_and_gbk_csv(store, tmp_path):
    kml = tmp_path / "sites.kml"
    kml.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
 <Placemark><name>临时筑坝点1</name><Point><coordinates>108.31,24.69,0</coordinates></Point></Placemark>
 <Placemark><name>干流</name><LineString><coordinates>108.3,24.7 108.4,24.6</coordinates></LineString></Placemark>
 <Placemark><name>应急坑塘</name><ExtendedData><Data name="type"><value>pond</value></Data></ExtendedData>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>108.30,24.60 108.32,24.60 108.32,24.62 108.30,24.60
  </coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
</Document></kml>""", encoding="utf-8")
    res = import_layer(store, kml)
    assert (res.rivers, res.sites) == (1, 2)
    assert any("centroid" in w for w in res.warnings)
    types = dict(store.conn.execute("SELECT name, facility_type FROM map_sites"))
    assert types == {"临时筑坝点1": "temporary_dam", "应急坑塘": "pond"}

    csv = tmp_path / "wh.csv"
    csv.write_bytes("名称,经度,纬度,库存\n物资库A,108.35,24.66,石灰:20t；聚合硫酸铁:5 t\n物资库B,108.45,24.61,活性炭 3 t\n"
                    .encode("gb18030"))
    res = import_layer(store, csv, kind="warehouse")
    assert res.sites == 2
    mats = dict(store.conn.execute("SELECT name, materials FROM map_sites WHERE kind = 'warehouse'"))
    assert mats == {"物资库A": ",lime,pfs,", "物资库B": ",activated_carbon,"}


@pytest.mark.parametrize("name,content,msg", [
    ("bad.geojson", '{"type": "FeatureCollection", "features": [\n{"type": "Feature",}\n]}', "line 2"),
    ("bad.kml", "<kml><Placemark><name>x</name></kml>", "line 1"),
    ("nogeom.geojson", json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"name": "a"}, "geometry": None}]}), "no geometry"),
    ("nogeom.csv", "name,lon,lat\na,,\n", "no geometry"),
    ("nocols.csv", "name,x1,y1\na,1,2\n", "no longitude column"),
    ("text.csv", "name,lon,lat\na,108.3,24.7\nb,abc,24.7\n", "CSV line 3, column 'lon'"),
    ("impossible.geojson", json.dumps({"type": "Feature", "properties": {},
                                       "geometry": {"type": "Point", "coordinates": [24.7, 208.3]}}),
     "not a longitude/latitude pair"),
    # GDAL reads a position with one number as no geometry at all
    ("poly.geojson", json.dumps({"type": "Feature", "properties": {},
                                 "geometry": {"type": "Point", "coordinates": [108.3]}}), "no geometry"),
    ("unknown.geojson", json.dumps({"type": "Feature", "properties": {"name": "某物"},
                                    "geometry": {"type": "Point", "coordinates": [108.3, 24.7]}}),
     "intake, a facility or a warehouse"),
])
def test_bad_files_are_refused_with_a_clear_message_and_nothing_stored(store, tmp_path, name, content, msg):
    before = counts(store)
    f = tmp_path / name
    f.write_text(content, encoding="utf-8")
    with pytest.raises(LayerImportError, match=msg.replace("[", r"\[").replace("(", r"\(")):
        import_layer(store, f)
    assert counts(store) == before


def test_a_bad_feature_late_in_the_file_leaves_no_half_layer(store, tmp_path):
    feats = [{"type": "Feature", "properties": {"kind": "facility", "name": f"闸{i}"},
              "geometry": {"type": "Point", "coordinates": [108.3 + i * 0.001, 24.7]}} for i in range(50)]
    feats[40]["geometry"]["coordinates"] = [108.3, "north"]
    f = tmp_path / "late.geojson"
    f.write_text(json.dumps({"type": "FeatureCollection", "features": feats}), encoding="utf-8")
    with pytest.raises(LayerImportError, match="feature 41"):
        import_layer(store, f)
    assert counts(store) == (0, 0, 0)


def test_a_database_failure_mid_write_rolls_the_whole_layer_back(store):
    sites = [{"kind": "facility", "name": f"s{i}", "lon": 108.3, "lat": 24.7} for i in range(5)]
    sites.append({"kind": "facility", "name": "bad", "lon": 500.0, "lat": 24.7})   # CHECK constraint fails
    with pytest.raises(sqlean.IntegrityError, match="CHECK constraint failed"):
        write_layer(store, "x", "facility", [], sites)
    assert counts(store) == (0, 0, 0)


def test_swapped_coordinates_are_refused_and_foreign_ones_warn(store, tmp_path):
    f = tmp_path / "swapped.csv"
    f.write_text("name,lon,lat,kind\nA,24.70,108.30,intake\nB,2.35,48.85,intake\n", encoding="utf-8")
    with pytest.raises(LayerImportError, match=r"look swapped \(columns 'lon' and 'lat'\).*CSV line 2 \('A'\)"
                                               r".*swap lon/lat.*nothing was imported"):
        import_layer(store, f)
    assert counts(store) == (0, 0, 0)
    f.write_text("name,lon,lat,kind\nB,2.35,48.85,intake\n", encoding="utf-8")
    res = import_layer(store, f)
    assert res.sites == 1 and any("outside China" in w and "'B'" in w for w in res.warnings)
    # a whole file in (lat, lon) order: swap_xy reads every pair swapped
    f.write_text("name,lon,lat,kind\nC,24.70,108.30,intake\n", encoding="utf-8")
    res2 = import_layer(store, f, swap_xy=True, name="fixed")
    assert res2.warnings == []
    assert store.conn.execute("SELECT lon, lat FROM map_sites WHERE layer_uuid = ?",
                              (res2.layer_uuid,)).fetchone() == (108.30, 24.70)


def test_a_2_gb_file_is_refused_before_reading(store, tmp_path):
    f = tmp_path / "huge.gpkg"
    with open(f, "wb") as fh:          # sparse: costs no disk
        fh.truncate(2 * 1024 ** 3)
    with pytest.raises(LayerImportError, match=r"2048\.0 MB.*up to 1024 MB.*split it by province"):
        import_layer(store, f)
    assert counts(store) == (0, 0, 0)
