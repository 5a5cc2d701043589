"""`fieldapp plan …`: import plans, pick them for an incident, ask them questions, headless.

    fieldapp plan preview FILE [--layer L] [--encoding GBK] [--crs EPSG:4545] [--web-map] [--swap-xy]
                               [--map LAYER:FIELD=COLUMN ...] [--kind LAYER=KIND ...]
    fieldapp plan import FILE --plan NAME [same options] [--skip-empty]
    fieldapp plan list | use PLAN [--off] [--incident CODE]
    fieldapp plan downstream|upstream (--point CODE | --lat --lon) [--kind intake] [--limit 10]
    fieldapp plan materials --material 石灰 (--point CODE | --lat --lon) [--radius-km] [--limit 5] [--by quantity]
    fieldapp plan intercept (--point CODE | --lat --lon)
    fieldapp plan fixture --out FILE.gpkg [--scale 0.1]
    fieldapp plan export PLAN --out FILE.gpkg

Queries see every plan unless --incident is given (then: that incident's layers and the plans it
uses). Errors are one line on stderr, exit status 2.
"""
from __future__ import annotations

import sys

from fieldapp.cliutil import fail, find_incident, find_point, open_store_from_args, print_table

from .errors import PlanImportError


def _mappings(args) -> dict | None:
    """--map 设施点位:name=设施名称 and --kind 设施点位=facility -> {layer: FieldMapping}."""
    from .mapping import LAYER_KINDS, FieldMapping

    out: dict = {}
    for spec in args.kind or []:
        layer, _, kind = spec.partition("=")
        if kind not in LAYER_KINDS:
            raise PlanImportError(f"--kind {spec}: the kind must be one of {', '.join(LAYER_KINDS)}")
        out.setdefault(layer, FieldMapping(kind)).layer_kind = kind
    for spec in args.map or []:
        head, _, column = spec.partition("=")
        layer, _, app_field = head.rpartition(":")
        if not app_field or not column:
            raise PlanImportError(f"--map {spec}: write LAYER:FIELD=COLUMN (e.g. 设施点位:name=设施名称)")
        out.setdefault(layer, FieldMapping()).fields[app_field] = column
    return out or None


def _merge_with_guess(store, path, args, explicit: dict | None):
    """Explicit --map/--kind on top of the saved or guessed mapping of each layer."""
    from .importer import preview

    if not explicit:
        return None
    base = preview(path, store=store, layer=args.layer, encoding=args.encoding, options=_options(args),
                   source_key=getattr(args, "plan", None))
    out = {}
    for lp in base.layers:
        m = lp.mapping
        ex = explicit.get(lp.name) or explicit.get("")
        if ex:
            m.layer_kind = ex.layer_kind if ex.layer_kind != "auto" or not ex.fields else m.layer_kind
            m.fields.update(ex.fields)
        out[lp.name] = m
    return out


def _options(args):
    from .prepare import Options

    return Options(crs=args.crs, gcj02=args.web_map, swap_xy=args.swap_xy,
                   skip_empty=getattr(args, "skip_empty", False))


def _print_preview(pv) -> None:
    for lp in pv.layers:
        sites = ", ".join(f"{k or '?'} {n}" for k, n in sorted(lp.sites.items()))
        print(f"layer '{lp.name}': {lp.count} feature(s) as {lp.kind}"
              f"{' (saved mapping)' if lp.mapping_saved else ''}; CRS {lp.crs or '-'} ({lp.conversion}); "
              f"text {lp.encoding}")
        print("  mapping: " + (", ".join(f"{k}={v}" for k, v in sorted(lp.mapping.fields.items())) or "(none)"))
        print(f"  rivers {lp.rivers}; sites {sites or 0}; items {lp.items}")
        for row in lp.sample[:5]:
            print("  | " + " | ".join(row))
        for w in lp.warnings:
            print(f"  warning: {w}")
        for p in lp.problems:
            print(f"  PROBLEM: {p}")


def cmd_preview(args) -> int:
    from .importer import preview

    with open_store_from_args(args) as store:
        try:
            pv = preview(args.file, store=store, layer=args.layer, encoding=args.encoding, options=_options(args),
                         mappings=_merge_with_guess(store, args.file, args, _mappings(args)), source_key=args.source)
        except PlanImportError as exc:
            return fail(f"{args.file}: {exc}")
    _print_preview(pv)
    return 0 if pv.ok else 2


def cmd_import(args) -> int:
    from .importer import import_plan

    with open_store_from_args(args) as store:
        try:
            res = import_plan(store, args.file, plan_name=args.plan, layer=args.layer, encoding=args.encoding,
                              options=_options(args), mappings=_merge_with_guess(store, args.file, args, _mappings(args)),
                              source_key=args.source)
        except PlanImportError as exc:
            return fail(f"{args.file}: {exc}")
    for lay in res.layers:
        print(f"imported '{lay['name']}' into plan '{args.plan}': {lay['rivers']} river line(s), {lay['sites']} "
              f"site(s), {lay['items']} item(s)")
        for w in lay["warnings"]:
            print(f"warning: {w}", file=sys.stderr)
    return 0


def cmd_list(args) -> int:
    from .importer import list_plans

    with open_store_from_args(args) as store:
        inc = find_incident(store, args.incident) if args.incident or store.last_incident() else None
        rows = list_plans(store, inc["uuid"] if inc else None)
    for r in rows:
        r["used"] = "yes" if r["used"] else ""
        r["imported"] = f"{r['created_at'][:10]} {r['created_by_team']}"
    print_table(rows, ["name", "layers", "features", "files", "imported", "used"])
    return 0


def _plan_uuid(store, name: str) -> str:
    from fieldapp.store import StoreError

    row = store.conn.execute("SELECT uuid FROM plans WHERE (name = ? OR uuid = ?) AND deleted = 0",
                             (name, name)).fetchone()
    if row is None:
        raise StoreError(f"no plan '{name}'; see `fieldapp plan list`")
    return row[0]


def cmd_use(args) -> int:
    from .importer import pick_plan

    with open_store_from_args(args) as store:
        inc = find_incident(store, args.incident)
        pick_plan(store, inc["uuid"], _plan_uuid(store, args.plan), used=not args.off)
    print(f"incident {inc['code']} {'no longer uses' if args.off else 'uses'} plan '{args.plan}'")
    return 0


def _where(store, args):
    inc = find_incident(store, args.incident) if args.incident or args.point else None
    if args.point:
        p = find_point(store, inc, args.point)
        return p["lon"], p["lat"], (inc["uuid"] if args.incident else None)
    if args.lat is None or args.lon is None:
        raise SystemExit(fail("give --point CODE or both --lat and --lon"))
    return args.lon, args.lat, (inc["uuid"] if inc else None)


def _print_hits(hits, along: bool) -> None:
    if hits is None:
        print("(not on a river line: no river within 2 km)")
        return
    if not hits:
        print("(none)")
    for h in hits:
        what = h.facility_type or h.kind
        where = f" · {h.river}" if h.river else ""
        print(f"{h.distance_m / 1000:8.2f} km {'along the river' if along else '(straight)'}  {what:13s} "
              f"{h.name}{where}")


def cmd_walk(args) -> int:
    from .query import downstream, upstream

    fn = downstream if args.plan_command == "downstream" else upstream
    with open_store_from_args(args) as store:
        lon, lat, inc = _where(store, args)
        hits = fn(store, lon, lat, kinds=tuple(args.kind or ["intake"]), incident_uuid=inc, limit=args.limit,
                  max_m=args.max_km * 1000 if args.max_km else None)
    _print_hits(hits, True)
    return 0


def cmd_materials(args) -> int:
    from .answers import nearest_materials

    with open_store_from_args(args) as store:
        lon, lat, inc = _where(store, args)
        try:
            hits = nearest_materials(store, args.material, lon, lat, incident_uuid=inc, limit=args.limit,
                                     radius_m=args.radius_km * 1000 if args.radius_km else None, order=args.by)
        except ValueError as exc:
            return fail(str(exc))
    print_material_hits(hits)
    return 0


def print_material_hits(hits) -> None:
    """Warehouses with their stock of the material, one line each (also `fieldapp spatial warehouses`)."""
    if not hits:
        print("(none)")
    for h in hits:
        stock = ", ".join(f"{s['material']} {s['quantity']}{s['unit']}" for s in h.extra["stock"])
        contact = h.extra.get("contact") or ""
        print(f"{h.distance_m / 1000:8.2f} km (straight)  {h.name}  [{stock}]  {contact}".rstrip())


def cmd_intercept(args) -> int:
    from .answers import can_intercept

    with open_store_from_args(args) as store:
        lon, lat, inc = _where(store, args)
        res = can_intercept(store, lon, lat, inc)
    if res.located is None:
        print("(not on a river line: no river within 2 km)")
        return 0
    print(f"on {res.located.river_name or 'a river'} at {res.located.chainage_m / 1000:.2f} km")
    fi = res.first_intake
    print(f"first intake downstream: {fi.name} at {fi.distance_m / 1000:.2f} km along the river" if fi
          else "first intake downstream: none on the river network below")
    print("can intercept before it:" if res.facilities else "nothing can intercept before it")
    _print_hits(res.facilities, True) if res.facilities else None
    return 0


def cmd_fixture(args) -> int:
    from .fixture import NATIONAL, make_fixture

    sizes = {k: max(2, int(v * args.scale)) for k, v in NATIONAL.items()}
    fx = make_fixture(args.out, **sizes, seed=args.seed)
    print(f"{fx.path}: " + ", ".join(f"{v} {k}" for k, v in fx.counts.items()))
    return 0


def cmd_export(args) -> int:
    from .export import export_plan

    with open_store_from_args(args) as store:
        try:
            out = export_plan(store, _plan_uuid(store, args.plan), args.out)
        except PlanImportError as exc:
            return fail(str(exc))
    print(out)
    return 0


def _source_args(p) -> None:
    p.add_argument("file", help="GeoPackage, Shapefile, GeoJSON, KML/KMZ, CSV or XLSX")
    p.add_argument("--layer", help="only this layer of the file")
    p.add_argument("--encoding", help="attribute text encoding (default: .cpg, else detected: UTF-8 or GBK/GB18030)")
    p.add_argument("--crs", help="the coordinate system when the file has none (e.g. EPSG:4490, EPSG:4545)")
    p.add_argument("--web-map", action="store_true",
                   help="positions were copied from a consumer web map (GCJ-02): convert them to WGS 84")
    p.add_argument("--swap-xy", action="store_true", help="the file stores (lat, lon) instead of (lon, lat)")
    p.add_argument("--map", action="append", metavar="LAYER:FIELD=COLUMN",
                   help="which column holds an app field (id, name, kind, type, lon, lat, stock, contact, "
                        "warehouse, material, quantity, unit); repeatable")
    p.add_argument("--kind", action="append", metavar="LAYER=KIND",
                   help="what a layer holds: auto, river, intake, facility, warehouse, items; repeatable")
    p.add_argument("--source", help="name the mapping is saved under (default: the plan's name)")


def _where_args(p) -> None:
    p.add_argument("--point", help="from this sampling point (of --incident, default the last one)")
    p.add_argument("--lat", type=float)
    p.add_argument("--lon", type=float)
    p.add_argument("--incident", help="only this incident's layers and the plans it uses")


def add_parser(sub, common) -> None:
    top = sub.add_parser("plan", parents=[common], help="river 'one map' plans: import, pick, ask")
    ps = top.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    p = ps.add_parser("preview", parents=[common], help="read and check a plan file; nothing is stored")
    _source_args(p)
    p.set_defaults(func=cmd_preview)
    p = ps.add_parser("import", parents=[common], help="import a plan file (one transaction)")
    _source_args(p)
    p.add_argument("--plan", required=True, help="plan name (a new plan, or add the file's layers to it)")
    p.add_argument("--skip-empty", action="store_true", help="drop features without geometry instead of refusing")
    p.set_defaults(func=cmd_import)
    p = ps.add_parser("list", parents=[common], help="plans in the store, and which the incident uses")
    p.add_argument("--incident")
    p.set_defaults(func=cmd_list)
    p = ps.add_parser("use", parents=[common], help="the incident uses this plan (--off: stops using it)")
    p.add_argument("plan")
    p.add_argument("--incident")
    p.add_argument("--off", action="store_true")
    p.set_defaults(func=cmd_use)
    for name, text in (("downstream", "sites downstream along the river network"),
                       ("upstream", "sites upstream, tributaries included")):
        p = ps.add_parser(name, parents=[common], help=text)
        _where_args(p)
        p.add_argument("--kind", action="append", choices=["intake", "facility", "warehouse"],
                       help="kind of site (default intake); repeatable")
        p.add_argument("--limit", type=int, default=10)
        p.add_argument("--max-km", type=float)
        p.set_defaults(func=cmd_walk)
    p = ps.add_parser("materials", parents=[common], help="warehouses holding a material, nearest first")
    _where_args(p)
    p.add_argument("--material", required=True, help="lime/石灰, PAC/聚合氯化铝, PFS/聚合硫酸铁, 活性炭 ...")
    p.add_argument("--radius-km", type=float)
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--by", choices=["distance", "quantity"], default="distance")
    p.set_defaults(func=cmd_materials)
    p = ps.add_parser("intercept", parents=[common], help="what can intercept before the first intake")
    _where_args(p)
    p.set_defaults(func=cmd_intercept)
    p = ps.add_parser("fixture", parents=[common], help="write the generated national-scale test plan")
    p.add_argument("--out", required=True)
    p.add_argument("--scale", type=float, default=1.0, help="fraction of the national sizes (default 1)")
    p.add_argument("--seed", type=int, default=18)
    p.set_defaults(func=cmd_fixture)
    p = ps.add_parser("export", parents=[common], help="write a plan with its provenance to a GeoPackage")
    p.add_argument("plan")
    p.add_argument("--out", required=True)
    p.set_defaults(func=cmd_export)
