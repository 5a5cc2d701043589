"""`fieldapp report initial|followup|final|grade|deadlines|facts|archive` and `fieldapp export csv|geojson|kml|gpkg`.

Reports and exports use the incident last worked on unless --incident CODE is given.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fieldapp.core.timeutil import to_local_display

from . import REPORT_TYPES


def _fail(message: str) -> int:
    print(f"fieldapp: error: {message}", file=sys.stderr)
    return 2


def _open(args):
    from fieldapp.cliutil import find_incident, open_store_from_args

    st = open_store_from_args(args)
    return st, find_incident(st, getattr(args, "incident", None))


def cmd_report(args) -> int:
    from .archive import issue_report, make_report
    from .builder import ReportError
    from .files import report_file_name

    st, inc = _open(args)
    with st:
        try:
            if args.issue:
                report, row = issue_report(st, inc, args.kind, args.lang)
            else:
                report, row = make_report(st, inc, args.kind, args.lang), None
        except ReportError as exc:
            return _fail(str(exc))
        out = Path(args.out or report_file_name(report.report_no, draft=False))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(report.pdf)
        print(f"{out}  {report.report_no}  {report.pages} pages")
        if row:
            print(f"issued and archived: sha256 {row['sha256']}")
        if report.gaps:
            print(("待补充：" if args.lang == "zh" else "missing: ") + "; ".join(report.gaps))
        if report.replaced_chars:
            print("characters outside the font: " + " ".join(f"U+{ord(c):04X}" for c in report.replaced_chars))
    return 0


def cmd_grade(args) -> int:
    from .gather import gather

    st, inc = _open(args)
    with st:
        g = gather(st, inc).grading
    print(f"level: {g.level}{' (provisional: unknown ' + ', '.join(g.unknown) + ')' if g.provisional else ''}")
    for r in g.reasons:
        print(f"  - {r.text(args.lang)}")
    if g.escalate:
        print(f"report on the {g.report_track} track (Order 17 Art. 4):")
        for r in g.escalation_reasons:
            print(f"  - {r.text(args.lang)}")
    print(f"deadline: {g.deadline_hours:g} h from discovery\n{g.basis_text(args.lang)}")
    return 0


def cmd_deadlines(args) -> int:
    from .gather import gather
    from .grading import format_remaining

    st, inc = _open(args)
    with st:
        data = gather(st, inc)
    for d in data.deadlines:
        print(f"{to_local_display(d.due.isoformat())}  {format_remaining(d.remaining, args.lang):>18}  "
              f"{d.label(args.lang)}")
    return 0


def cmd_facts(args) -> int:
    from fieldapp.core.errors import ValidationError

    from .facts import FIELDS, load_facts, save_facts

    st, inc = _open(args)
    with st:
        changes = {}
        for item in args.set or []:
            key, _, value = item.partition("=")
            changes[key.strip()] = value
        try:
            facts = save_facts(st, inc["uuid"], **changes) if changes else load_facts(st, inc["uuid"])
        except ValidationError as exc:
            return _fail(str(exc))
        for k in FIELDS:
            print(f"{k}: {'' if facts.get(k) is None else facts[k]}")
    return 0


def cmd_archive(args) -> int:
    from .archive import list_archive

    st, inc = _open(args)
    with st:
        for r in list_archive(st, inc["uuid"]):
            print(f"{r['report_no']}  {r['report_type']:8}  {to_local_display(r['issued_at'])}  {r['sha256']}")
    return 0


def cmd_export(args) -> int:
    from fieldapp.exports.gpkg import write_gpkg
    from fieldapp.exports.tables import ExportError, export_rows
    from fieldapp.exports.writers import write_csv, write_geojson, write_kml

    writers = {"csv": write_csv, "geojson": write_geojson, "kml": write_kml, "gpkg": write_gpkg}
    st, inc = _open(args)
    with st:
        tables = export_rows(st, inc["uuid"], include_drills=args.include_drills)
    try:
        paths = writers[args.format](tables, args.out)
    except (ExportError, OSError) as exc:
        return _fail(str(exc))
    for p in paths:
        print(p)
    print(", ".join(f"{k}: {len(v)}" for k, v in tables.items()))
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("report", parents=[common], help="situation reports (PDF), grading and deadlines")
    rs = p.add_subparsers(dest="report_command", required=True)
    for kind in REPORT_TYPES:
        q = rs.add_parser(kind, parents=[common], help=f"{kind} report PDF")
        q.add_argument("--out", help="PDF path (default: <report no>.pdf)")
        q.add_argument("--issue", action="store_true", help="archive it immutably as issued")
        q.set_defaults(func=cmd_report, kind=kind)
    for name, func, hlp in (("grade", cmd_grade, "proposed incident level with reasons"),
                            ("deadlines", cmd_deadlines, "reporting deadlines and time left"),
                            ("archive", cmd_archive, "issued reports with their SHA-256")):
        q = rs.add_parser(name, parents=[common], help=hlp)
        q.set_defaults(func=func)
    q = rs.add_parser("facts", parents=[common], help="show or set facts: --set deaths=0 --set cause=...")
    q.add_argument("--set", action="append", metavar="KEY=VALUE")
    q.set_defaults(func=cmd_facts)
    for q in [*rs.choices.values()]:
        q.add_argument("--incident", help="incident code (default: the last one)")
        q.add_argument("--lang", choices=("zh", "en"), default="zh")
    p = sub.add_parser("export", parents=[common], help="export points, samples, measurements")
    p.add_argument("format", choices=("csv", "geojson", "kml", "gpkg"))
    p.add_argument("--out", required=True, help="folder (csv, geojson) or file (kml, gpkg)")
    p.add_argument("--incident", help="incident code (default: the last one)")
    p.add_argument("--include-drills", action="store_true", help="export a drill (exercises are refused otherwise)")
    p.set_defaults(func=cmd_export)
