"""Plan import through GDAL: every format with Chinese attributes, coordinates (CGCS2000, projected,
GCJ-02 against an independent implementation), saved mappings, and each bad input refused with the
store unchanged."""
from __future__ import annotations

import json
import zipfile

import eviltransform
import numpy as np
import pyogrio.raw as raw
import pytest
import shapely
from pyproj import Geod, Transformer

from fieldapp.plans.errors import PlanImportError
from fieldapp.plans.fixture import make_fixture
from fieldapp.plans.importer import import_plan, preview
from fieldapp.plans.mapping import FieldMapping
from fieldapp.plans.prepare import Options

GEOD = Geod(ellps="WGS84")
NAMES = ["县自来水厂取水口", "某村拦河闸", "第一应急物资库"]
TYPES = ["取水口", "水闸", "物资库"]
LON = [108.3312, 108.3405, 108.3551]
LAT = [24.6534, 24.6611, 24.6702]
TABLES = ("plans", "map_layers", "map_rivers", "map_sites", "plan_items", "plan_mappings")


def counts(store):
    return tuple(store.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES)


def obj(values):
    return np.array(list(values), dtype=object)


def write_points(path, *, driver, encoding=None, crs="EPSG:4490", x=LON, y=LAT, names=NAMES, ids=("A1", "A2", "A3")):
    raw.write(str(path), shapely.to_wkb(shapely.points(x, y)), [obj(ids), obj(names), obj(TYPES)],
              ["编号", "名称", "类型"], driver=driver, geometry_type="Point", crs=crs, encoding=encoding)
    return path


def sites(store):
    return {n: (k, t, x, y) for n, k, t, x, y in store.conn.execute(
        "SELECT name, kind, facility_type, lon, lat FROM map_sites ORDER BY name")}


def test_geopackage_national_shape_imports_with_network_and_items(store, tmp_path):
    fx = make_fixture(tmp_path / "plan.gpkg", rivers=60, facilities=3000, warehouses=80, items=900)
    res = import_plan(store, fx.path, plan_name="测试省")
    by = {lay["name"]: lay for lay in res.layers}
    assert (by["河流"]["rivers"], by["设施点位"]["sites"], by["物资库"]["sites"], by["物资清单"]["items"]) == \
        (60, 3000, 80, 900)
    kinds = dict(store.conn.execute("SELECT kind, COUNT(*) FROM map_sites GROUP BY kind"))
    assert kinds["intake"] > 0 and kinds["facility"] + kinds["intake"] == 3000
    assert store.conn.execute("SELECT COUNT(*) FROM map_rivers WHERE downstream_uuid IS NOT NULL").fetchone()[0] > 40
    on_river = store.conn.execute("SELECT COUNT(*) FROM map_sites WHERE river_uuid IS NOT NULL AND kind != "
                                  "'warehouse'").fetchone()[0]
    assert on_river > 2900                                 # generated within a few hundred metres of a line
    name, ftype = store.conn.execute("SELECT name, facility_type FROM map_sites WHERE name LIKE '%号水闸'").fetchone()
    assert ftype == "gate" and "河" in name
    lime = store.conn.execute("SELECT COUNT(*) FROM plan_items WHERE material_key = 'lime'").fetchone()[0]
    assert lime > 50
    kg = store.conn.execute("SELECT quantity, quantity_t FROM plan_items WHERE unit = 'kg' LIMIT 1").fetchone()
    assert kg[1] == pytest.approx(kg[0] / 1000)
    layer = store.conn.execute("SELECT source_file, source_format, source_crs, coord_conversion, imported_by "
                               "FROM map_layers WHERE name = '设施点位'").fetchone()
    assert layer == ("plan.gpkg", "GPKG", "EPSG:4490", "none", "某县生态环境监测站 应急一队")
    assert store.conn.execute("SELECT CheckSpatialIndex('map_sites', 'geom')").fetchone()[0] == 1


@pytest.mark.parametrize("encoding,cpg", [("UTF-8", True), ("GBK", True), ("GBK", False)])
def test_shapefile_utf8_and_gbk(store, tmp_path, encoding, cpg):
    shp = write_points(tmp_path / "sites.shp", driver="ESRI Shapefile", encoding=encoding)
    if not cpg:
        (tmp_path / "sites.cpg").unlink()
    raw_dbf = (tmp_path / "sites.dbf").read_bytes()
    assert ("某村拦河闸".encode("gbk") in raw_dbf) == (encoding == "GBK")       # really GBK bytes on disk
    res = import_plan(store, shp, plan_name="桂")
    assert res.layers[0]["sites"] == 3
    got = sites(store)
    assert got["某村拦河闸"][:2] == ("facility", "gate") and got["县自来水厂取水口"][0] == "intake"
    enc = store.conn.execute("SELECT source_encoding FROM map_layers").fetchone()[0]
    assert enc == (encoding if cpg else ("UTF-8" if encoding == "UTF-8" else "GB18030"))


def test_kmz_with_chinese_names(store, tmp_path):
    kml = tmp_path / "doc.kml"
    kml.write_text("""<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><Folder><name>一河一图</name>
 <Placemark><name>临时筑坝点1</name><Point><coordinates>108.31,24.69,0</coordinates></Point></Placemark>
 <Placemark><name>清溪河</name><LineString><coordinates>108.30,24.70 108.35,24.68 108.40,24.65</coordinates>
 </LineString></Placemark>
 <Placemark><name>县水厂取水口</name><Point><coordinates>108.39,24.6549,0</coordinates></Point></Placemark>
</Folder></Document></kml>""", encoding="utf-8")
    kmz = tmp_path / "plan.kmz"
    with zipfile.ZipFile(kmz, "w") as z:
        z.write(kml, "doc.kml")
    kml.unlink()
    res = import_plan(store, kmz, plan_name="清溪河")
    assert sum(lay["rivers"] for lay in res.layers) == 1 and sum(lay["sites"] for lay in res.layers) == 2
    got = sites(store)
    assert got["临时筑坝点1"][:2] == ("facility", "temporary_dam") and got["县水厂取水口"][0] == "intake"
    river = store.conn.execute("SELECT name, length_m FROM map_rivers").fetchone()
    assert river[0] == "清溪河" and 10_000 < river[1] < 13_000
    ch = store.conn.execute("SELECT chainage_m FROM map_sites WHERE name = '县水厂取水口'").fetchone()[0]
    assert 0 < ch < river[1]


def test_gb18030_csv_with_columns_chosen_by_the_user(store, tmp_path):
    csv = tmp_path / "物资库.csv"
    csv.write_bytes("库名;东经度数;北纬度数;储备\n物资库A;108.35;24.66;石灰:20t；聚合硫酸铁:5 t\n"
                    "物资库B;108°27'00\"E;24°36'36\"N;活性炭 3 t\n".encode("gb18030"))
    m = FieldMapping("warehouse", {"name": "库名", "lon": "东经度数", "lat": "北纬度数", "stock": "储备"})
    pv = preview(csv, store=store, mappings={"物资库": m})
    assert pv.ok and pv.layers[0].encoding == "GB18030"
    import_plan(store, csv, plan_name="物资", mappings={"物资库": m})
    got = sites(store)
    assert got["物资库B"][2:] == pytest.approx((108.45, 24.61))
    items = dict(store.conn.execute("SELECT material_key, quantity_t FROM plan_items"))
    assert items == {"lime": 20.0, "pfs": 5.0, "activated_carbon": 3.0}
    # the next file of the same source, same columns: the saved mapping applies without being given
    csv2 = tmp_path / "物资库2.csv"
    csv2.write_bytes("库名;东经度数;北纬度数;储备\n物资库C;108.5;24.7;PAC 2 t\n".encode("gb18030"))
    pv2 = preview(csv2, store=store, source_key="物资")
    assert pv2.ok and pv2.layers[0].mapping_saved and pv2.layers[0].sites == {"warehouse": 1}


def test_xlsx_point_table(store, tmp_path):
    xlsx = tmp_path / "取水口.xlsx"
    raw.write(str(xlsx), None, [obj(NAMES[:1]), np.array([LON[0]]), np.array([LAT[0]]), obj(["0771-1234567"])],
              ["取水口名称", "X坐标", "Y坐标", "值守电话"], layer="取水口", driver="XLSX")
    m = FieldMapping("intake", {"name": "取水口名称", "lon": "X坐标", "lat": "Y坐标", "contact": "值守电话"})
    import_plan(store, xlsx, plan_name="取水口", mappings={"取水口": m})
    (name, kind, lon, lat, attrs), = store.conn.execute("SELECT name, kind, lon, lat, attributes FROM map_sites")
    assert (name, kind) == (NAMES[0], "intake") and (lon, lat) == pytest.approx((LON[0], LAT[0]))
    assert json.loads(attrs)["contact"] == "0771-1234567"


def test_gcj02_layer_lands_within_a_metre_of_wgs84(store, tmp_path):
    # Reference WGS 84 positions across China; their GCJ-02 shift by an independent implementation
    # (eviltransform, googollee's), not the one the app uses (prcoords).
    ref = [(108.3312, 24.6534), (116.3975, 39.9087), (121.4737, 31.2304), (87.6168, 43.8256), (113.2644, 23.1291),
           (104.0665, 30.5723), (126.6425, 45.7567), (91.1322, 29.6604)]
    gcj = [eviltransform.wgs2gcj(lat, lon)[::-1] for lon, lat in ref]
    shift = [GEOD.inv(a[0], a[1], b[0], b[1])[2] for a, b in zip(ref, gcj)]
    assert min(shift) > 100                                    # the offsets are hundreds of metres
    path = tmp_path / "from_web_map.csv"
    path.write_text("name,kind,lon,lat\n" + "".join(f"P{i},取水口,{x!r},{y!r}\n" for i, (x, y) in enumerate(gcj)),
                    encoding="utf-8")
    import_plan(store, path, plan_name="web", options=Options(gcj02=True))
    got = dict((n, (x, y)) for n, x, y in store.conn.execute("SELECT name, lon, lat FROM map_sites"))
    for i, (x, y) in enumerate(ref):
        assert GEOD.inv(x, y, *got[f"P{i}"])[2] < 1.0
    assert store.conn.execute("SELECT coord_conversion FROM map_layers").fetchone()[0] == "gcj02"
    # without the user's word the positions stay where the web map put them
    import_plan(store, path, plan_name="as-is")
    far = store.conn.execute("SELECT lon, lat FROM map_sites WHERE name = 'P0' AND layer_uuid IN (SELECT uuid "
                             "FROM map_layers WHERE coord_conversion = 'none')").fetchone()
    assert GEOD.inv(*ref[0], *far)[2] > 100


def test_projected_gauss_krueger_is_reprojected(store, tmp_path):
    to_gk = Transformer.from_crs(4326, 4545, always_xy=True)          # CGCS2000 3-degree GK, CM 108°E
    x, y = to_gk.transform(LON, LAT)
    assert min(x) > 400_000                                           # metres, not degrees
    write_points(tmp_path / "gk.gpkg", driver="GPKG", crs="EPSG:4545", x=x, y=y)
    import_plan(store, tmp_path / "gk.gpkg", plan_name="gk")
    got = sites(store)
    for name, lon, lat in zip(NAMES, LON, LAT):
        assert GEOD.inv(lon, lat, got[name][2], got[name][3])[2] < 0.01
    assert store.conn.execute("SELECT source_crs, coord_conversion FROM map_layers").fetchone() == \
        ("EPSG:4545", "reprojected")


# ---- bad input: a message per problem, nothing stored --------------------------------------------
def _shapefile(tmp_path, **kw):
    return write_points(tmp_path / "bad.shp", driver="ESRI Shapefile", **kw)


def _geojson(tmp_path, features):
    p = tmp_path / "bad.geojson"
    p.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False), "utf-8")
    return p


def _feature(name, geom, **props):
    return {"type": "Feature", "properties": {"名称": name, "类型": "水闸", **props}, "geometry": geom}


def _pt(x, y):
    return {"type": "Point", "coordinates": [x, y]}


def bad_missing_prj(tmp_path):
    p = _shapefile(tmp_path)
    (tmp_path / "bad.prj").unlink()
    return p, {}, "coordinate system is unknown.*EPSG:4490"


def bad_missing_dbf(tmp_path):
    p = _shapefile(tmp_path)
    (tmp_path / "bad.dbf").unlink()
    return p, {}, r"bad\.dbf is missing"


def bad_mixed(tmp_path):
    line = {"type": "LineString", "coordinates": [[108.3, 24.6], [108.4, 24.7]]}
    p = _geojson(tmp_path, [_feature("闸1", _pt(108.3, 24.6)), _feature("拦河坝", line)])
    return p, {"mappings": {"bad": FieldMapping("facility", {"name": "名称", "type": "类型"})}}, \
        r"mixed geometry types: 1 line feature\(s\) in a facility layer.*feature 2 \('拦河坝'\)"


def bad_empty(tmp_path):
    p = _geojson(tmp_path, [_feature("闸1", _pt(108.3, 24.6)), _feature("闸2", None),
                            _feature("闸3", {"type": "Point", "coordinates": []})])
    return p, {}, r"2 feature\(s\) without geometry.*feature 2 \('闸2'\), feature 3 \('闸3'\)"


def bad_crs(tmp_path):
    p = _shapefile(tmp_path)
    (tmp_path / "bad.prj").write_text('LOCAL_CS["工地坐标系",LOCAL_DATUM["site",0],UNIT["metre",1],'
                                      'AXIS["X",EAST],AXIS["Y",NORTH]]')
    return p, {}, "local system that cannot be converted|cannot convert|cannot be read"


def bad_encoding(tmp_path):
    p = _shapefile(tmp_path, encoding="GBK")
    (tmp_path / "bad.cpg").write_text("UTF-8")
    return p, {}, r"field '名称'.*not valid UTF-8 text \(declared by bad\.cpg\); it reads as GBK/GB18030"


def bad_duplicates(tmp_path):
    p = _shapefile(tmp_path, ids=("A1", "A2", "A1"))
    return p, {}, "duplicate ids in column '编号': 'A1'"


def bad_swapped(tmp_path):
    p = _shapefile(tmp_path, x=LAT, y=LON)
    return p, {}, r"look swapped: every position.*swap lon/lat"


def bad_huge(tmp_path):
    p = tmp_path / "bad.gpkg"
    with open(p, "wb") as fh:
        fh.truncate(2 * 1024 ** 3 + 1)            # sparse: no disk used
    return p, {}, r"2048\.0 MB; layer files up to 1024 MB"


def bad_unknown_warehouse(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text("物资库编号,物资名称,数量,单位\nW9,石灰,5,t\n", encoding="utf-8")
    return p, {}, r"1 item row\(s\) name a warehouse id that is not in the plan: CSV line 2 \('W9'\)"


@pytest.mark.parametrize("make", [bad_missing_prj, bad_missing_dbf, bad_mixed, bad_empty, bad_crs, bad_encoding,
                                  bad_duplicates, bad_swapped, bad_huge, bad_unknown_warehouse],
                         ids=lambda f: f.__name__)
def test_bad_input_is_refused_and_the_store_is_unchanged(store, tmp_path, make):
    write_points(tmp_path / "ok.gpkg", driver="GPKG")
    import_plan(store, tmp_path / "ok.gpkg", plan_name="已有")
    before = counts(store)
    path, kw, msg = make(tmp_path)
    with pytest.raises(PlanImportError, match=msg) as err:
        import_plan(store, path, plan_name="坏数据", **kw)
    assert "\n" not in str(err.value)
    assert counts(store) == before


def test_a_cancel_mid_write_leaves_nothing(store, tmp_path):
    fx = make_fixture(tmp_path / "plan.gpkg", rivers=30, facilities=12_000, warehouses=20, items=40)
    before = counts(store)
    calls = []
    with pytest.raises(PlanImportError, match="cancelled"):
        import_plan(store, fx.path, plan_name="x", progress=lambda d, t: calls.append(d), cancelled=lambda: bool(calls))
    assert counts(store) == before
    assert store.conn.execute("SELECT CheckSpatialIndex('map_sites', 'geom')").fetchone()[0] == 1
    triggers = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                                 "AND tbl_name = 'map_sites'")}
    assert {"ggi_map_sites_geom", "gii_map_sites_geom", "tmi_map_sites_geom"} <= triggers
