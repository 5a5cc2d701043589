"""Command line: ``fieldapp`` alone opens the window; subcommands work headless on the same core.

Every subcommand takes ``--store PATH`` (default: $FIELDAPP_STORE, else fieldapp.sqlite in the user
data folder: ~/.local/share/fieldapp/ on Linux, %LOCALAPPDATA%\\fieldapp on Windows; ``--data-dir``).
Errors print one plain line on stderr and exit with status 2; nothing half-written stays behind.
"""
from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import sys

from fieldapp.cliutil import find_incident, find_point, open_store_from_args, print_table
from fieldapp.core.userdirs import CONFIG_ENV, DATA_ENV, config_dir, data_dir
from fieldapp.store import StoreError, default_store_path
from fieldapp.vocab.roles import MEDIA, ROLE_CODES
from fieldapp.vocab.standards import (CLASS_STANDARDS, DEFAULT_SOURCE_STANDARD, DEFAULT_STANDARD, SOURCE_STANDARDS,
                                      STANDARDS)

# Subcommand groups that live with their own package: module path -> needs `add_parser(subparsers)`.
PLUGGABLE = ("fieldapp.toolkit.cli", "fieldapp.instruments.cli", "fieldapp.maps.cli",
             "fieldapp.sync.cli", "fieldapp.reports.cli", "fieldapp.plume.cli",
             "fieldapp.plans.cli", "fieldapp.drills.cli", "fieldapp.server.cli")


# ---- command implementations ---------------------------------------------------------------
# Shared helpers (open the store, find an incident or point, print a table) live in fieldapp.cliutil.
def cmd_gui(args) -> int:
    from fieldapp.gui_launch import launch

    return launch(store_path=args.store, lang=getattr(args, "lang", None), read_only=getattr(args, "read_only", False))


def cmd_identity(args) -> int:
    with open_store_from_args(args) as st:
        if args.team or args.unit or args.device:
            st.set_identity(args.unit or "", args.team or "", args.device or "",
                            [m for m in (args.members or "").split(",") if m])
        ident = st.identity
        if not ident:
            print("no identity set: fieldapp identity --unit UNIT --team TEAM --device NAME")
            return 1
        print(f"unit: {ident.unit}\nteam: {ident.team}\nmembers: {', '.join(ident.members)}\n"
              f"device: {ident.device} ({ident.device_id})")
    return 0


def cmd_demo(args) -> int:
    from fieldapp.demo import DEMO_CODE, create_demo_incident

    with open_store_from_args(args) as st:
        if st.identity is None:
            st.set_identity("演示单位 Demo unit", "演示队 Demo team", "demo-laptop")
        if any(i["code"] == DEMO_CODE for i in st.list_incidents()) and not args.again:
            print("the demo incident exists already (use --again for another copy)")
            return 0
        inc = create_demo_incident(st)
        n = st.conn.execute("SELECT COUNT(*) FROM measurements WHERE incident_uuid=?", (inc["uuid"],)).fetchone()[0]
        print(f"demo incident {inc['code']} created: {len(st.list_points(inc['uuid']))} points, {n} measurements")
    return 0


def cmd_incidents(args) -> int:
    with open_store_from_args(args) as st:
        if args.action == "create":
            inc = st.create_incident(args.name, args.discovered, kind=args.kind or "", location=args.location or "",
                                     standard=args.standard, source_standard=args.source_standard)
            st.set_meta("last_incident", inc["uuid"])
            print(f"created incident {inc['code']} ({inc['uuid']})")
        else:
            print_table(st.list_incidents(), ["code", "name", "status", "discovered_at", "standard"])
    return 0


def cmd_points(args) -> int:
    with open_store_from_args(args) as st:
        inc = find_incident(st, args.incident)
        if args.action == "add":
            p = st.add_point(inc["uuid"], args.lat, args.lon, code=args.code or "", name=args.name or "",
                             media=args.media, role=args.role, description=args.description or "",
                             standard=args.standard or "")
            print(f"added point {p['code']} at {p['lat']:.6f}, {p['lon']:.6f}")
        else:
            print_table(st.list_points(inc["uuid"]), ["code", "name", "role", "media", "lat", "lon"])
    return 0


def cmd_measurements(args) -> int:
    from fieldapp.vocab import get_parameter, judge_row, medium_warnings, parameter_label, standard_for_point
    from fieldapp.vocab.display import value_text

    lang = "en" if (getattr(args, "lang", None) or "").startswith("en") else "zh"
    with open_store_from_args(args) as st:
        inc = find_incident(st, args.incident)
        if args.action == "add":
            pt = find_point(st, inc, args.point)
            m = st.add_measurement(pt["uuid"], args.parameter, args.value, args.unit,
                                   measured_at=args.at, method=args.method or "",
                                   entered_by=st.require_identity().team)
            for w in medium_warnings(get_parameter(m["parameter_id"]), pt["media"]):
                print(f"fieldapp: {'warning' if lang == 'en' else '注意'}: {w.text(lang)}", file=sys.stderr)
            v = judge_row(m, standard_for_point(inc, pt), pt["media"])
            print(f"{pt['code']}: {parameter_label(m['parameter_id'], m['parameter'], lang)} = {value_text(m)}"
                  f" → {v.words(lang)}" + (f" ({v.standard_text(lang)})" if v.standard_text(lang) else ""))
        else:
            rows = st.list_measurements(find_point(st, inc, args.point)["uuid"] if args.point else None,
                                        incident_uuid=inc["uuid"])
            for r in rows:
                r["parameter"] = parameter_label(r["parameter_id"], r["parameter"], lang)
                r["value"] = value_text(r)
            print_table(rows, ["point_code", "parameter", "value", "value_orig", "unit_orig", "measured_at"])
    return 0


def cmd_log(args) -> int:
    with open_store_from_args(args) as st:
        inc = find_incident(st, args.incident)
        if args.text:
            st.log(inc["uuid"], args.kind, " ".join(args.text))
        print_table(st.list_log(inc["uuid"]), ["at", "kind", "who", "text"])
    return 0


def cmd_check(args) -> int:
    with open_store_from_args(args, read_only=True) as st:  # read-only: checking never changes the store
        res = st.check()
    print(json.dumps(res, ensure_ascii=False, indent=2))
    ok = res["integrity"] == "ok" and res["foreign_keys"] == "ok" and res["spatial_index"] == "ok"
    return 0 if ok else 1


# ---- parser ----------------------------------------------------------------------------------
STORE_HELP = "store file (default: $FIELDAPP_STORE or {default})"
CREATE_HELP = "make a new store at --store if there is no file there (never replaces a file)"


def _top_parser(add_help: bool = True) -> argparse.ArgumentParser:
    """The options before any subcommand (shared by the full parser and the window's fast path)."""
    ap = argparse.ArgumentParser(
        prog="fieldapp", add_help=add_help,
        description="FieldApp: offline field tool for environmental emergency response. "
                    "Without a subcommand it opens the window.")
    ap.add_argument("--store", default=None, help=STORE_HELP.format(default=default_store_path()))
    ap.add_argument("--create", action="store_true", help=CREATE_HELP)
    ap.add_argument("--lang", choices=["zh_CN", "en"], help="interface language (default: zh_CN)")
    ap.add_argument("--data-dir", metavar="DIR",
                    help=f"folder for the store, crash logs and other user data (default: ${DATA_ENV} or "
                         f"{data_dir()})")
    ap.add_argument("--config-dir", metavar="DIR",
                    help=f"folder for settings and the team's device profiles (default: ${CONFIG_ENV} or "
                         f"{config_dir()})")
    ap.add_argument("--selftest", action="store_true",
                    help="check on this machine that the store, SpatiaLite, toolkit search, verdicts, "
                         "offline maps, Chinese PDFs and serial input work; one line per check, exit "
                         "status 0 when all pass")
    return ap


def build_parser() -> argparse.ArgumentParser:
    store_help = STORE_HELP.format(default=default_store_path())
    # Subcommands accept --store too; SUPPRESS keeps their default from overwriting a --store
    # given before the subcommand name.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--store", default=argparse.SUPPRESS, help=store_help)
    common.add_argument("--create", action="store_true", default=argparse.SUPPRESS, help=CREATE_HELP)
    ap = _top_parser()
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    p.add_argument("--lang", choices=["zh_CN", "en"], help="interface language (default: zh_CN)")
    p.add_argument("--read-only", action="store_true",
                   help="open --store without writing to it (a server incident's copy: `fieldapp server pull`)")
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("identity", parents=[common], help="show or set the team identity stamped on records")
    p.add_argument("--unit", help="reporting unit, e.g. 某县生态环境监测站")
    p.add_argument("--team", help="team name")
    p.add_argument("--device", help="this laptop's name")
    p.add_argument("--members", help="comma-separated member names")
    p.set_defaults(func=cmd_identity)

    p = sub.add_parser("demo", parents=[common], help="create the demo incident (clearly marked 【演示】)")
    p.add_argument("--again", action="store_true", help="create another copy even if one exists")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("incidents", parents=[common], help="list or create incidents")
    p.add_argument("action", nargs="?", choices=["list", "create"], default="list")
    p.add_argument("name", nargs="?", help="name of the new incident (create)")
    p.add_argument("--discovered", help="discovery time, YYYY-MM-DD HH:MM local (default: now)")
    p.add_argument("--kind", help="e.g. tailings_leak, tanker_accident")
    p.add_argument("--location", help="place description")
    p.add_argument("--standard", default=DEFAULT_STANDARD, choices=CLASS_STANDARDS,
                   help=f"surface-water class for ordinary sections (default {DEFAULT_STANDARD})")
    p.add_argument("--source-standard", default=DEFAULT_SOURCE_STANDARD, choices=SOURCE_STANDARDS,
                   help=f"standard at drinking-water intakes (default {DEFAULT_SOURCE_STANDARD}: class II, "
                        "the stricter one)")
    p.set_defaults(func=cmd_incidents)

    p = sub.add_parser("points", parents=[common], help="list or add sampling points")
    p.add_argument("action", nargs="?", choices=["list", "add"], default="list")
    p.add_argument("--incident", help="incident code (default: the last one)")
    p.add_argument("--lat", help="latitude: decimal or DMS, e.g. 24.65 or 24°39'00\"N")
    p.add_argument("--lon", help="longitude: decimal or DMS")
    p.add_argument("--code", help="point code (default: generated from the role, e.g. DN-03)")
    p.add_argument("--name", help="point name")
    p.add_argument("--media", default="water", choices=MEDIA)
    p.add_argument("--role", default="other", choices=ROLE_CODES)
    p.add_argument("--standard", choices=STANDARDS,
                   help="this point's own standard (default: by its role and the incident's choices)")
    p.add_argument("--description")
    p.set_defaults(func=cmd_points)

    p = sub.add_parser("measurements", parents=[common], help="list or add measurements")
    p.add_argument("action", nargs="?", choices=["list", "add"], default="list")
    p.add_argument("--incident", help="incident code (default: the last one)")
    p.add_argument("--point", help="sampling point code")
    p.add_argument("--parameter", help="e.g. Cd, 镉, pH")
    p.add_argument("--value", help="number, <LOD (e.g. <0.001) or ND")
    p.add_argument("--unit", help="e.g. mg/L, µg/L (ug/L), ppm, mg/m3, pH")
    p.add_argument("--at", help="measured at, YYYY-MM-DD HH:MM local (default: now)")
    p.add_argument("--method")
    p.add_argument("--lang", default=argparse.SUPPRESS, help="zh (default) or en: the language of the verdict")
    p.set_defaults(func=cmd_measurements)

    p = sub.add_parser("log", parents=[common], help="show the incident log, or append to it")
    p.add_argument("text", nargs="*", help="text to append (omit to just show the log)")
    p.add_argument("--incident")
    p.add_argument("--kind", default="observation",
                   choices=["action", "decision", "observation", "report", "system", "checklist"])
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("check", parents=[common], help="check the store: integrity, foreign keys, spatial index")
    p.set_defaults(func=cmd_check)

    for modname in PLUGGABLE:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name and modname.startswith(exc.name):
                continue  # that capability is not installed in this build
            raise
        mod.add_parser(sub, common)
    return ap


def _names_a_subcommand(top: argparse.ArgumentParser, argv: list[str]) -> bool:
    """Whether argv goes beyond the top options (a subcommand, or --help listing them)."""
    takes_value = {o for a in top._actions if a.nargs != 0 for o in a.option_strings}
    tokens = iter(argv)
    for token in tokens:
        if token in ("-h", "--help") or not token.startswith("-"):
            return True
        if token in takes_value:
            next(tokens, None)
    return False


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse the command line. Opening the window (no subcommand, no --help) needs only the top
    options: the capability parsers, and the libraries their modules import, are then not loaded,
    which keeps the window's start fast."""
    top = _top_parser()
    args = build_parser().parse_args(argv) if _names_a_subcommand(top, argv) else top.parse_args(argv)
    for value, env in ((args.data_dir, DATA_ENV), (args.config_dir, CONFIG_ENV)):
        if value:   # through the environment: every module (and any process started) sees it
            os.environ[env] = os.path.abspath(value)
    return args


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.selftest or getattr(args, "command", None):
        gc.enable()                  # off while the modules loaded (fieldapp/__main__.py)
    if args.selftest:
        from fieldapp.selftest import run as run_selftest

        return run_selftest()
    if not getattr(args, "command", None):
        args.func = cmd_gui          # garbage collection resumes after the first paint (ui/startup.py)
    try:
        return args.func(args) or 0
    except StoreError as exc:
        # one line, whatever the message quotes (a bundle's field names, a path)
        print(f"fieldapp: error: {' '.join(str(exc).splitlines())}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0
