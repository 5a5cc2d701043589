"""`fieldapp plume forecast|front|dispersion`: the river plume forecast, headless.

    fieldapp plume forecast [--fit] [--save] [--json] [inputs...]
        starts from the incident's saved scenario (if any) and overrides it with the inputs given;
        --fit refits E, velocity and mass/load to the measurements first; --save stores the inputs
        (and the fit) with the incident. --json fields are documented in docs/plume.md.
    fieldapp plume front --at "YYYY-MM-DD HH:MM" [--geojson]
        the predicted concentration along the river at that time (map overlay data)
    fieldapp plume dispersion --velocity U --width B --depth H [--slope S]
        E by every published formula, with the band the forecast uses
"""
from __future__ import annotations

import json
import sys

from fieldapp.core.timeutil import parse_time, to_local_display
from fieldapp.vocab.numbers import sig

from .errors import PlumeError

REACH_KEYS = {"width": "width_m", "depth": "depth_m", "velocity": "velocity_m_s", "flow": "flow_m3_s",
              "inflow": "inflow_m3_s"}


def _reach(text: str) -> dict:
    """'5.5:inflow=6,width=45' -> a reach starting 5.5 km below the release."""
    head, _, rest = text.partition(":")
    try:
        spec = {"from_m": float(head) * 1000.0}
        for part in filter(None, rest.split(",")):
            key, _, value = part.partition("=")
            spec[REACH_KEYS[key.strip()]] = float(value)
    except (KeyError, ValueError):
        raise PlumeError("bad_reach", "reach", f"--reach {text!r}: write KM:key=value,... with keys "
                         f"{', '.join(REACH_KEYS)} (e.g. 5.5:inflow=6,width=45)", value=text) from None
    return spec


def _inputs(args, saved: dict | None) -> dict:
    inp = json.loads(json.dumps(saved or {}))
    rel = inp.setdefault("release", {})
    reaches = inp.setdefault("reaches", [{"from_m": 0}])
    if args.parameter:
        inp["parameter"] = args.parameter
    inp.setdefault("parameter", "")
    for key, value in (("kind", args.release_kind), ("start", args.release_time and parse_time(args.release_time))):
        if value:
            rel[key] = value
    if args.release_point:
        rel.pop("lon", None), rel.pop("lat", None)
        rel["point_code"] = args.release_point
    if args.lat is not None and args.lon is not None:
        rel.pop("point_uuid", None)
        rel.update(lon=args.lon, lat=args.lat)
    for key, value, scale in (("mass_g", args.mass_kg, 1000.0), ("load_g_s", args.load_g_s, 1.0),
                              ("duration_s", args.duration_h, 3600.0)):
        if value is not None:
            rel[key] = value * scale
    for key, value in (("width_m", args.width), ("depth_m", args.depth), ("velocity_m_s", args.velocity),
                       ("flow_m3_s", args.flow)):
        if value is not None:
            reaches[0][key] = value
    if args.reach:
        inp["reaches"] = [reaches[0]] + [_reach(r) for r in args.reach]
    for key, value in (("slope", args.slope), ("decay_per_day", args.decay_per_day),
                       ("dispersion_m2_s", args.dispersion)):
        if value is not None:
            inp[key] = value
    if args.dispersion is not None:
        inp["method"] = "given"
    if args.method:
        inp["method"] = args.method
    rel.setdefault("start", "")
    if not rel["start"]:
        raise PlumeError("missing", "release.start", "when did the release start? give --release-time")
    return inp


def _resolve_point(store, inc, inp: dict) -> None:
    code = inp["release"].pop("point_code", None)
    if code:
        from fieldapp.cliutil import find_point as _point

        inp["release"]["point_uuid"] = _point(store, inc, code)["uuid"]


def cmd_forecast(args) -> int:
    from fieldapp.cliutil import find_incident as _incident, open_store_from_args as _store

    from . import records, service

    with _store(args) as st:
        inc = _incident(st, args.incident)
        saved = records.load(st, inc["uuid"], args.parameter)
        inp = _inputs(args, saved["inputs"] if saved else None)
        _resolve_point(st, inc, inp)
        reuse = saved["fit"] if saved and not args.fit and saved["inputs"] == inp else None
        out = service.run(st, inc, inp, fit=args.fit, saved_fit=reuse,
                          horizon_s=args.hours * 3600 if args.hours else None)
        if args.save:
            records.save(st, inc["uuid"], inp, fit=out.fit, keep_fit=reuse is not None,
                         map_time=saved["map_time"] if saved else None)
    if out.fit_error is not None:      # the forecast below is from the inputs; say why on stderr
        print(f"fieldapp: fit not possible: {out.fit_error}", file=sys.stderr)
    if args.json:
        print(json.dumps(service.to_json(out), ensure_ascii=False, indent=2))
        return 0
    _print_table(service.to_json(out))
    return 0


def _t(iso) -> str:
    return to_local_display(iso) if iso else "-"


def _print_table(j: dict) -> None:
    print(f"{j['parameter']} on {j['river']}: release {j['release']['kind']} at {_t(j['release']['start'])}, "
          f"forecast {j['horizon_hours']:.0f} h, band from {j['band_source']}")
    if j["fit"]:
        v, ci = j["fit"]["values"], j["fit"]["ci95"]
        print(f"fitted to {j['fit']['n']} measurements: " + ", ".join(
            f"{k} {sig(v[k], 4)} [{sig(ci[k][0], 4)}, {sig(ci[k][1], 4)}]" for k in ci))
    if j["fit_error"]:
        print(f"fit not possible: {j['fit_error']}")
    cols = ("code", "name", "chainage_m", "arrival", "peak_time", "peak_mg_l", "exceed_start", "exceed_end")
    print("  ".join(cols))
    for s in j["sections"]:
        if s["position"] == "upstream":
            print(f"{s['code'] or '-'}  {s['name']}  {s['chainage_m']:.0f}  upstream of the release")
            continue
        end = _t(s["exceed_end"]) if not s["exceed_continues_past_forecast"] else "after the forecast window"
        peak = sig(s["peak_mg_l"], 4) if s["peak_mg_l"] is not None else "-"
        print(f"{s['code'] or '-'}  {s['name']}  {s['chainage_m']:.0f}  {_t(s['arrival'])}  {_t(s['peak_time'])}  "
              f"{peak}  {_t(s['exceed_start'])}  {end}")
    for w in j["warnings"]:
        print(f"note: {w}")


def cmd_front(args) -> int:
    from fieldapp.cliutil import find_incident as _incident, open_store_from_args as _store

    from . import overlay

    with _store(args) as st:
        inc = _incident(st, args.incident)
        layer = overlay.front_layer(st, inc, parse_time(args.at, "at", allow_future=True), args.parameter)
    if layer is None:
        raise PlumeError("no_scenario", "scenario", "no forecast saved for this incident: run "
                         "`fieldapp plume forecast ... --save` first")
    print(json.dumps(layer if args.geojson else layer["properties"], ensure_ascii=False, indent=2))
    return 0


def cmd_dispersion(args) -> int:
    from . import dispersion
    from .river import build_reaches

    r = build_reaches([{"width_m": args.width, "depth_m": args.depth, "velocity_m_s": args.velocity,
                        "flow_m3_s": args.flow}])[0]
    us, assumed = dispersion.shear_velocity(r.depth_m, r.velocity_m_s, args.slope)
    values = dispersion.by_method(r.velocity_m_s, r.width_m, r.depth_m, us)
    print(f"u* = {us:.4f} m/s{' (assumed 0.1 x velocity: no slope given)' if assumed else ''}")
    for key, value in values.items():
        mark = "*" if key in dispersion.PRESETS else " "
        print(f"{mark} {dispersion.FORMULAS[key][0]:<38} E = {value:9.2f} m²/s")
    lo, hi = dispersion.band(values)
    print(f"band over the presets (*): {lo:.1f}-{hi:.1f} m²/s")
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("plume", parents=[common], help="river plume forecast: arrival, peak and exceedance "
                       "at every downstream section and intake")
    ps = p.add_subparsers(dest="plume_command", metavar="ACTION", required=True)
    f = ps.add_parser("forecast", parents=[common], help="forecast every section (from the saved scenario, "
                      "overridden by the options given)")
    f.add_argument("--incident", help="incident code (default: the last one)")
    f.add_argument("--parameter", help="pollutant, e.g. Cd, 镉, thallium")
    f.add_argument("--release-kind", choices=["instantaneous", "continuous", "finite"])
    f.add_argument("--release-time", help="when the release began, YYYY-MM-DD HH:MM local")
    f.add_argument("--release-point", help="sampling point code of the release (default: the source point)")
    f.add_argument("--lat", type=float, help="release latitude (instead of a point)")
    f.add_argument("--lon", type=float, help="release longitude")
    f.add_argument("--mass-kg", type=float, help="released mass (kg): instantaneous, or finite in total")
    f.add_argument("--load-g-s", type=float, help="release rate (g/s): continuous, or finite")
    f.add_argument("--duration-h", type=float, help="release duration (h), finite releases")
    f.add_argument("--width", type=float, help="river width (m)")
    f.add_argument("--depth", type=float, help="mean depth (m)")
    f.add_argument("--velocity", type=float, help="mean velocity (m/s)")
    f.add_argument("--flow", type=float, help="flow (m³/s)")
    f.add_argument("--slope", type=float, help="bed slope (m/m, e.g. 0.0005)")
    f.add_argument("--decay-per-day", type=float, help="first-order decay rate (1/d), 0 = none")
    f.add_argument("--method", help="dispersion formula: fischer, seo_cheong, kashefipour_falconer, deng, ...")
    f.add_argument("--dispersion", type=float, help="dispersion coefficient E (m²/s), instead of a formula")
    f.add_argument("--reach", action="append", help="a further reach: KM below the release:key=value,... "
                   "(keys width, depth, velocity, flow, inflow), e.g. 5.5:inflow=6")
    f.add_argument("--hours", type=float, help="forecast window (h; default: until the plume has passed)")
    f.add_argument("--fit", action="store_true", help="fit E, velocity and mass/load to the measurements first")
    f.add_argument("--save", action="store_true", help="store the inputs (and the fit) with the incident")
    f.add_argument("--json", action="store_true", help="machine-readable output (docs/plume.md)")
    f.set_defaults(func=cmd_forecast)
    fr = ps.add_parser("front", parents=[common], help="the predicted concentration along the river at a time")
    fr.add_argument("--incident")
    fr.add_argument("--parameter")
    fr.add_argument("--at", required=True, help="YYYY-MM-DD HH:MM local")
    fr.add_argument("--geojson", action="store_true", help="the whole GeoJSON feature, not just its summary")
    fr.set_defaults(func=cmd_front)
    d = ps.add_parser("dispersion", parents=[common], help="dispersion coefficient by every published formula")
    d.add_argument("--velocity", type=float)
    d.add_argument("--width", type=float, required=True)
    d.add_argument("--depth", type=float)
    d.add_argument("--flow", type=float)
    d.add_argument("--slope", type=float)
    d.set_defaults(func=cmd_dispersion)
