"""`fieldapp server …`: the working group's PostGIS database.

    fieldapp server init --team 部工作组 [--unit …]       create or upgrade the schema; the server's key
    fieldapp server status                              schema, key, records per team, imports, conflicts
    fieldapp server import FILE… [--receipts DIR]       verify and merge team bundles (one transaction each)
    fieldapp server export FILE --peer TEAM [--incremental | --resend | --since N] [--incident CODE]
    fieldapp server incidents                           incidents held, with teams and counts
    fieldapp server open --incident CODE                the desktop app on a read-only copy of it
    fieldapp server pull --incident CODE --out FILE     that read-only copy as a store file
    fieldapp server report quick|initial|followup|final --incident CODE [--out F.pdf]   consolidated report
    fieldapp server plan FILE --plan NAME [--layer … --crs … --map …]   a province's plan file into the server
    fieldapp server rejudge                             verdicts of the GIS views again (after an update)
    fieldapp server keys … | peers | conflicts …        as for a laptop (`fieldapp keys`, `bundle …`)

Every command takes --db (a libpq URL, key=value string or service name; default $FIELDAPP_SERVER).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _open(args):
    from .connection import open_server

    return open_server(args.db)


def cmd_init(args) -> int:
    from fieldapp.sync import keys

    from .connection import init_server

    db, ran = init_server(args.db, team=args.team or "", unit=args.unit or "", device=args.device or "")
    with db:
        ident = db.require_identity()
        print(f"server schema {'upgraded: ' + ', '.join(map(str, ran)) if ran else 'up to date'}; "
              f"identity {ident.team} / {ident.device}; key {keys.read_aloud(keys.public_hex(db))}")
    return 0


def cmd_status(args) -> int:
    from fieldapp.cliutil import print_table
    from fieldapp.sync import keys

    from .status import server_status

    with _open(args) as db:
        st = server_status(db)
        print(f"server {st['team']} / {st['device']}, key {keys.read_aloud(keys.public_hex(db))}, "
              f"schema {st['schema']}, change {st['change_seq']}")
        print(f"{st['imports']} bundle(s) imported, {st['conflicts']} conflict version(s) waiting for review, "
              f"{st['trusted']} trusted team key(s)")
        print_table(st["records"], ["team", "table", "records"])
    return 0


def cmd_import(args) -> int:
    from .importer import import_bundles

    if args.receipts:
        Path(args.receipts).mkdir(parents=True, exist_ok=True)
    with _open(args) as db:
        from .connection import conninfo
        from .importer import default_jobs

        import_bundles(db, args.files, receipt_dir=args.receipts, jobs=args.jobs or default_jobs(),
                       target=conninfo(args.db),
                       on_done=lambda path, rc: print(f"{path}:\n{rc.to_text()}"))
    return 0


def cmd_export(args) -> int:
    from .exporter import export_for_team

    seal = None
    if args.encrypt_to:
        from fieldapp.sync.cli import _key_hex

        seal = _key_hex(args.encrypt_to)
    with _open(args) as db:
        man = export_for_team(db, args.file, peer=args.peer, incremental=args.incremental, since=args.since,
                              resend=args.resend, incidents=args.incident, seal_to=seal)
    print(f"{args.file}: {man['kind']} bundle {man['serial'] or ''} for {args.peer or '(no peer)'}, "
          f"{sum(man['counts'].values())} records, changes {man['changes']['from_seq']}..{man['changes']['to_seq']}, "
          f"key {man['sender']['code']}")
    return 0


def cmd_incidents(args) -> int:
    from fieldapp.cliutil import print_table

    from .status import incidents

    with _open(args) as db:
        print_table(incidents(db), ["code", "name", "teams", "points", "measurements", "exceeded", "uuid"])
    return 0


def cmd_pull(args) -> int:
    import shutil

    from .snapshot import pull_incident

    with _open(args) as db:
        path = pull_incident(db, args.incident, Path(args.out).parent if args.out else None, source=args.db or "")
    if args.out:
        shutil.move(path, args.out)
        path = Path(args.out)
    print(f"{path}: read-only copy of {args.incident}")
    return 0


def cmd_open(args) -> int:
    from fieldapp.gui_launch import display_problem, launch

    from .snapshot import pull_incident

    problem = display_problem()
    if problem:  # say it before pulling anything
        print(f"fieldapp: {problem}", file=sys.stderr)
        return 1
    with _open(args) as db:
        path = pull_incident(db, args.incident, source=args.db or "")
    return launch(store_path=str(path), lang=getattr(args, "lang", None), read_only=True)


def cmd_report(args) -> int:
    import tempfile

    from fieldapp.reports.archive import make_report
    from fieldapp.reports.files import report_file_name

    from .snapshot import open_copy, pull_incident

    with _open(args) as db, tempfile.TemporaryDirectory(prefix="fieldapp-report-") as tmp:
        path = pull_incident(db, args.incident, tmp, source=args.db or "")
        with open_copy(path) as st:
            inc = st.get("incidents", st.get_meta("last_incident"))
            report = make_report(st, inc, args.kind, args.lang)
    out = Path(args.out or report_file_name(report.report_no, draft=True))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(report.pdf)
    print(f"{out}  {report.report_no}  {report.pages} pages (draft from the server's consolidated data)")
    if report.gaps:
        print(("待补充：" if args.lang == "zh" else "missing: ") + "; ".join(report.gaps))
    return 0


def cmd_plan(args) -> int:
    from fieldapp.cliutil import fail
    from fieldapp.plans.cli import import_options, print_written
    from fieldapp.plans.errors import PlanImportError

    from .plans import load_plan

    with _open(args) as db:
        try:
            written, rc = load_plan(db, args.file, plan_name=args.plan, **import_options(None, args))
        except PlanImportError as exc:   # the plan importer's own one-line refusal
            return fail(f"{args.file}: {exc}")
    print_written(written, args.plan, " on the server")
    print(f"{rc.total('added')} record(s) stored; the plan's layers are in gis.rivers and gis.facilities")
    return 0


def cmd_rejudge(args) -> int:
    from .verdicts import rejudge_all

    with _open(args) as db:
        print(f"{rejudge_all(db)} measurements judged again")
    return 0


def add_parser(sub, common) -> None:
    from fieldapp.sync.cli import add_key_commands, add_review_commands

    srv = argparse.ArgumentParser(add_help=False)  # --db, not --store: these commands work on the server
    srv.add_argument("--db", help="the server: postgresql://user@host/db, 'host=… dbname=…' or a service name "
                                  "(default: $FIELDAPP_SERVER)")
    srv.set_defaults(open_db=_open)
    s = sub.add_parser("server", parents=[srv], help="the working group's PostGIS server: consolidate team bundles")
    ss = s.add_subparsers(dest="server_command", metavar="ACTION", required=True)
    p = ss.add_parser("init", parents=[srv], help="create or upgrade the server schema (idempotent)")
    p.add_argument("--team", help="the working group's name, stamped on what the server sends (first time)")
    p.add_argument("--unit", help="its unit")
    p.add_argument("--device", help="this server's name (default: server)")
    p.set_defaults(func=cmd_init)
    ss.add_parser("status", parents=[srv], help="schema, key, records per team, imports").set_defaults(func=cmd_status)
    p = ss.add_parser("import", parents=[srv], help="verify and merge team bundles (each in one transaction)")
    p.add_argument("files", nargs="+")
    p.add_argument("--receipts", help="folder for one receipt (.json) per bundle")
    p.add_argument("--jobs", type=int, help="bundles imported at once, each in its own process, as several "
                                            "desks would (default: one per core, at most 4)")
    p.set_defaults(func=cmd_import)
    p = ss.add_parser("export", parents=[srv], help="a signed bundle for a team (incremental, resend, since)")
    p.add_argument("file")
    p.add_argument("--peer", help="the team it is for; incremental exports start where the last one ended")
    p.add_argument("--incremental", action="store_true")
    p.add_argument("--resend", action="store_true", help="from what --peer confirmed holding")
    p.add_argument("--since", type=int, metavar="N")
    p.add_argument("--incident", action="append", help="only this incident (code); may repeat")
    p.add_argument("--encrypt-to", help="recipient's key file or public key (hex)")
    p.set_defaults(func=cmd_export)
    ss.add_parser("incidents", parents=[srv], help="incidents on the server").set_defaults(func=cmd_incidents)
    for name, func, hlp in (("open", cmd_open, "open a server incident read-only in the desktop app"),
                            ("pull", cmd_pull, "write a read-only copy of a server incident")):
        p = ss.add_parser(name, parents=[srv], help=hlp)
        p.add_argument("--incident", required=True, help="incident code (or uuid)")
        if name == "pull":
            p.add_argument("--out", help="store file to write (default: under ~/.cache/fieldapp/server)")
        else:
            p.add_argument("--lang", choices=("zh_CN", "en"), help="interface language")
        p.set_defaults(func=func)
    p = ss.add_parser("report", parents=[srv], help="the consolidated situation report of a server incident (PDF)")
    from fieldapp.reports import REPORT_TYPES

    p.add_argument("kind", choices=REPORT_TYPES)
    p.add_argument("--incident", required=True)
    p.add_argument("--out", help="PDF path")
    p.add_argument("--lang", choices=("zh", "en"), default="zh")
    p.set_defaults(func=cmd_report)
    from fieldapp.plans.cli import _source_args

    p = ss.add_parser("plan", parents=[srv], help="load a province's plan file (rivers, intakes, facilities, "
                                                   "warehouses) into the server, for every incident")
    _source_args(p)
    p.add_argument("--plan", required=True, help="name of the new plan on the server")
    p.add_argument("--skip-empty", action="store_true", help="drop features without geometry instead of refusing")
    p.set_defaults(func=cmd_plan)
    ss.add_parser("rejudge", parents=[srv], help="recompute the verdicts the GIS views show").set_defaults(
        func=cmd_rejudge)
    k = ss.add_parser("keys", parents=[srv], help="the server's key and the trusted team keys")
    add_key_commands(k, srv)
    add_review_commands(ss, srv)
