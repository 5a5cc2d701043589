"""`fieldapp report quick|initial|followup|final|grade|deadlines|facts|archive|labels|custody` and `fieldapp export csv|geojson|kml|gpkg`.

Reports and exports use the incident last worked on unless --incident CODE is given.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fieldapp.core.timeutil import to_local_display

from . import REPORT_TYPES
from .files import custody_file_name, labels_file_name


def _fail(message: str) -> int:
    print(f"fieldapp: error: {message}", file=sys.stderr)
    return 2


def _open(args):
    from fieldapp.cliutil import find_incident, open_store_from_args

    st = open_store_from_args(args)
    return st, find_incident(st, getattr(args, "incident", None))


def cmd_report(args) -> int:
    from .archive import MissingFields, Produced, make_report, produce, write_durably
    from .builder import ReportError


    st, inc = _open(args)
    with st:
        try:
            if args.issue:
                made = produce(st, inc, args.kind, args.lang, issue=True, confirm_gaps=args.confirm_gaps,
                               folder=Path(args.out) if args.out else None)
            else:
                report = make_report(st, inc, args.kind, args.lang)
                out = Path(args.out or f"{report.report_no}-draft.pdf")
                made = Produced(report, write_durably(out, report.pdf, overwrite=True))
        except MissingFields as exc:
            print(f"fieldapp: error: {exc}", file=sys.stderr)
            print("re-run with --confirm-gaps to issue it marked 含待补充项 (contains missing items)"
                  if args.lang != "zh" else "如确需先行签发，请加 --confirm-gaps（报告将标注“含待补充项”）",
                  file=sys.stderr)
            return 2
        except (ReportError, OSError) as exc:
            return _fail(str(exc))
        report = made.report
        print(f"{made.path}  {report.report_no}  {report.pages} pages")
        if made.row:
            print(f"issued and archived: sha256 {made.row['sha256']}")
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

    from fieldapp.store.facts import FIELDS, load_facts, save_facts

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
    from .archive import list_archive, shown_report_no

    st, inc = _open(args)
    with st:
        for r in list_archive(st, inc["uuid"]):
            print(f"{shown_report_no(r)}  {r['report_type']:8}  {to_local_display(r['issued_at'])}  {r['sha256']}")
    return 0


def cmd_labels(args) -> int:
    from .archive import write_durably
    from .labels import label_sheet

    st, inc = _open(args)
    with st:
        pdf, n = label_sheet(st, inc, lang=args.lang)
        try:
            out = write_durably(Path(args.out or labels_file_name(inc["code"])), pdf, overwrite=True)
        except OSError as exc:
            return _fail(str(exc))
    print(f"{out}  {n} labels")
    return 0


def cmd_custody(args) -> int:
    from .archive import write_durably
    from .labels import custody_form, shipments

    st, inc = _open(args)
    with st:
        found = shipments(st, inc["uuid"])
        if args.list or args.shipment is None:
            for i, sh in enumerate(found, 1):
                when = "pending" if sh.key == "pending" else to_local_display(sh.at)
                print(f"{i:3}  {when:16}  {sh.from_party} -> {sh.to_party}  {len(sh.items)} samples")
            return 0
        if not 1 <= args.shipment <= len(found):
            return _fail(f"--shipment {args.shipment}: choose 1..{len(found)} (see --list)")
        pdf = custody_form(st, inc, found[args.shipment - 1], args.lang)
        try:
            out = write_durably(Path(args.out or custody_file_name(inc["code"], args.shipment)), pdf, overwrite=True)
        except OSError as exc:
            return _fail(str(exc))
    print(out)
    return 0


def cmd_export(args) -> int:
    from fieldapp.exports.gpkg import write_gpkg
    from fieldapp.exports.tables import ExportError, export_layers
    from fieldapp.exports.writers import write_csv, write_geojson, write_kml

    writers = {"csv": write_csv, "geojson": write_geojson, "kml": write_kml, "gpkg": write_gpkg}
    st, inc = _open(args)
    with st:
        layers = export_layers(st, inc["uuid"], args.lang, include_drills=args.include_drills)
    try:
        paths = writers[args.format](layers, args.out)
    except (ExportError, OSError) as exc:
        return _fail(str(exc))
    for p in paths:
        print(p)
    print(", ".join(f"{k}: {len(v.rows)}" for k, v in layers.items()))
    return 0


def add_parser(sub, common) -> None:
    p = sub.add_parser("report", parents=[common], help="situation reports (PDF), grading and deadlines")
    rs = p.add_subparsers(dest="report_command", required=True)
    for kind in REPORT_TYPES:
        q = rs.add_parser(kind, parents=[common], help=f"{kind} report PDF"
                          + (" (快报: one page for the one-hour rule)" if kind == "quick" else ""))
        q.add_argument("--out", help="draft: PDF path (default: ./<report no>-draft.pdf); "
                                     "--issue: folder (default: reports/ beside the store)")
        q.add_argument("--issue", action="store_true",
                       help="issue: write the PDF, then archive it immutably; refused while facts are missing")
        q.add_argument("--confirm-gaps", action="store_true",
                       help="with --issue: issue although facts are missing; every page says 含待补充项")
        q.set_defaults(func=cmd_report, kind=kind)
    for name, func, hlp in (("grade", cmd_grade, "proposed incident level with reasons"),
                            ("deadlines", cmd_deadlines, "reporting deadlines and time left"),
                            ("archive", cmd_archive, "issued reports with their SHA-256")):
        q = rs.add_parser(name, parents=[common], help=hlp)
        q.set_defaults(func=func)
    q = rs.add_parser("labels", parents=[common], help="sample-label sheet (PDF, QR codes) for every sample")
    q.add_argument("--out", help="PDF path (default: <incident>-labels.pdf)")
    q.set_defaults(func=cmd_labels)
    q = rs.add_parser("custody", parents=[common], help="custody form per shipment (PDF); --list shows them")
    q.add_argument("--shipment", type=int, help="number from --list (the last one: samples not handed over)")
    q.add_argument("--list", action="store_true")
    q.add_argument("--out", help="PDF path")
    q.set_defaults(func=cmd_custody)
    q = rs.add_parser("facts", parents=[common], help="show or set facts: --set deaths=0 --set cause=...")
    q.add_argument("--set", action="append", metavar="KEY=VALUE")
    q.set_defaults(func=cmd_facts)
    for q in [*rs.choices.values()]:
        q.add_argument("--incident", help="incident code (default: the last one)")
        q.add_argument("--lang", choices=("zh", "en"), default="zh")
    p = sub.add_parser("export", parents=[common], help="export the incident, points, samples, measurements, "
                                                        "instrument readings, rivers and sites")
    p.add_argument("format", choices=("csv", "geojson", "kml", "gpkg"))
    p.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the label fields")
    p.add_argument("--out", required=True, help="folder (csv, geojson) or file (kml, gpkg)")
    p.add_argument("--incident", help="incident code (default: the last one)")
    p.add_argument("--include-drills", action="store_true", help="export a drill (exercises are refused otherwise)")
    p.set_defaults(func=cmd_export)
