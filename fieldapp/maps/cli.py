"""`fieldapp map|layers|spatial ...`: the incident map, layer import and spatial answers, headless.

    fieldapp map build [--incident CODE] [--out FILE] [--basemap DIR|FILE.mbtiles]
    fieldapp map demo-layers [--incident CODE]
    fieldapp layers import FILE [--kind river|intake|facility|warehouse] [--swap-xy] [--shared]
    fieldapp layers list
    fieldapp spatial point CODE                 chainage, distance from the source and to the intake
    fieldapp spatial near --lat --lon --radius-m
    fieldapp spatial warehouses --material 石灰 (--point CODE | --lat --lon) [--radius-km]
"""
from __future__ import annotations

import sys
from pathlib import Path

from fieldapp.cliutil import fail, find_incident, find_point, open_store_from_args, print_table


def _ctx(args):
    store = open_store_from_args(args)
    return store, find_incident(store, getattr(args, "incident", None))


def cmd_map_build(args) -> int:
    from fieldapp.maps.basemap import BasemapError, open_basemap
    from fieldapp.maps.loader import build_incident_map

    store, inc = _ctx(args)
    with store:
        out = Path(args.out or f"map-{inc['code']}.html").resolve()
        try:
            basemap = open_basemap(args.basemap, out.parent / ".tiles")
        except BasemapError as exc:
            return fail(str(exc))
        build_incident_map(store, inc["uuid"], out, lang="en" if (args.lang or "").startswith("en") else "zh",
                           basemap=basemap)
    print(out)
    return 0


def cmd_demo_layers(args) -> int:
    from fieldapp.maps.demo_layers import add_demo_layers

    store, inc = _ctx(args)
    with store:
        print(f"{len(add_demo_layers(store, inc['uuid']))} demo layer(s) for {inc['code']}")
    return 0


def cmd_import(args) -> int:
    from fieldapp.maps.layer_import import LayerImportError, import_layer

    store, inc = _ctx(args)
    with store:
        try:
            res = import_layer(store, args.file, kind=args.kind, name=args.name, swap_xy=args.swap_xy,
                               incident_uuid=None if args.shared else inc["uuid"])
        except LayerImportError as exc:
            return fail(f"{args.file}: {exc}")
    print(f"imported layer '{res.name}': {res.rivers} river line(s), {res.sites} site(s)")
    for w in res.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    with open_store_from_args(args) as store:
        print_table(list(store.db.query(
            "SELECT name, kind, feature_count AS features, source_file AS file, "
            "COALESCE(incident_uuid, '(shared)') AS incident FROM map_layers WHERE deleted = 0 "
            "ORDER BY created_at")), ["name", "kind", "features", "file", "incident"])
    return 0


def _where(store, inc, args) -> tuple[float, float]:
    if getattr(args, "point", None):
        p = find_point(store, inc, args.point)
        return p["lon"], p["lat"]
    if args.lat is None or args.lon is None:
        raise SystemExit(fail("give --point CODE or both --lat and --lon"))
    return args.lon, args.lat


def cmd_point(args) -> int:
    from fieldapp.maps.loader import LABELS, point_info

    store, inc = _ctx(args)
    with store:
        p = find_point(store, inc, args.code)
        src = next((q for q in store.list_points(inc["uuid"]) if q["role"] == "source"), None)
        rows = point_info(store, inc["uuid"], p, src, LABELS["en" if (args.lang or "").startswith("en") else "zh"])
    for k, v in rows or [("-", "no river line or intake near this point")]:
        print(f"{k}: {v}")
    return 0


def cmd_near(args) -> int:
    from fieldapp.maps import spatial

    store, inc = _ctx(args)
    with store:
        got = spatial.points_within(store, args.lon, args.lat, args.radius_m, incident_uuid=inc["uuid"])
        got += spatial.points_within(store, args.lon, args.lat, args.radius_m, table="map_sites",
                                     incident_uuid=inc["uuid"])
    for d in sorted(got, key=lambda d: d.distance_m):
        print(f"{d.distance_m:9.0f} m  {d.name}")
    return 0


def cmd_warehouses(args) -> int:
    from fieldapp.maps import spatial

    store, inc = _ctx(args)
    with store:
        lon, lat = _where(store, inc, args)
        try:
            got = spatial.warehouses_with(store, args.material, lon, lat,
                                          None if args.radius_km is None else args.radius_km * 1000, inc["uuid"])
        except ValueError as exc:
            return fail(str(exc))
    from fieldapp.plans.cli import print_material_hits

    print_material_hits(got)
    return 0


def add_parser(sub, common) -> None:
    m = sub.add_parser("map", parents=[common], help="build the incident map (offline HTML)")
    msub = m.add_subparsers(dest="map_command", metavar="ACTION", required=True)
    p = msub.add_parser("build", parents=[common], help="write the map of an incident to an HTML file")
    p.add_argument("--incident", help="incident code (default: the last one)")
    p.add_argument("--out", help="output file (default: map-<code>.html)")
    p.add_argument("--basemap", help="local tile folder (z/x/y.png) or .mbtiles file")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="legend language")
    p.set_defaults(func=cmd_map_build)
    p = msub.add_parser("demo-layers", parents=[common], help="add the demo river, intake, facilities, warehouses")
    p.add_argument("--incident", help="incident code (default: the last one)")
    p.set_defaults(func=cmd_demo_layers)

    lay = sub.add_parser("layers", parents=[common], help="import and list map layers")
    lsub = lay.add_subparsers(dest="layers_command", metavar="ACTION", required=True)
    p = lsub.add_parser("import", parents=[common], help="import a GeoPackage, Shapefile, GeoJSON, KML/KMZ, CSV or "
                        "XLSX (lon/lat) layer for one incident (whole plans: `fieldapp plan import`)")
    p.add_argument("file")
    p.add_argument("--kind", choices=["river", "intake", "facility", "warehouse", "mixed"],
                   help="force the kind of every feature (default: read it from each feature)")
    p.add_argument("--name", help="layer name (default: the file name)")
    p.add_argument("--incident", help="incident code (default: the last one)")
    p.add_argument("--shared", action="store_true", help="a layer for every incident (e.g. a river's one map)")
    p.add_argument("--swap-xy", action="store_true", help="the file stores (lat, lon) instead of (lon, lat)")
    p.set_defaults(func=cmd_import)
    p = lsub.add_parser("list", parents=[common], help="list imported layers")
    p.set_defaults(func=cmd_list)

    sp = sub.add_parser("spatial", parents=[common], help="distances along the river, radius and warehouse queries")
    ssub = sp.add_subparsers(dest="spatial_command", metavar="ACTION", required=True)
    p = ssub.add_parser("point", parents=[common], help="chainage, distance from the source and to the intake")
    p.add_argument("code")
    p.add_argument("--incident")
    p.add_argument("--lang", choices=["zh_CN", "en"])
    p.set_defaults(func=cmd_point)
    p = ssub.add_parser("near", parents=[common], help="points and sites within a radius")
    p.add_argument("--lat", type=float, required=True)
    p.add_argument("--lon", type=float, required=True)
    p.add_argument("--radius-m", type=float, default=1000)
    p.add_argument("--incident")
    p.set_defaults(func=cmd_near)
    p = ssub.add_parser("warehouses", parents=[common], help="warehouses holding a material, nearest first")
    p.add_argument("--material", required=True, help="lime/石灰, PAC/聚合氯化铝, PFS/聚合硫酸铁, 活性炭 ...")
    p.add_argument("--point", help="from this sampling point")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)
    p.add_argument("--radius-km", type=float)
    p.add_argument("--incident")
    p.set_defaults(func=cmd_warehouses)

