"""`fieldapp toolkit ...`: search and show toolkit pages headless, with the same content as the UI panel.

The search runs on a private in-memory index (built from resources/toolkit in well under a second), so
the CLI never writes to a store.
"""

from __future__ import annotations

import argparse
import sys

from .validate import ToolkitDataError


def _lang(args) -> str:
    return "en" if (getattr(args, "lang", None) or "zh").startswith("en") else "zh"


def _fail(message: str) -> int:
    print(f"fieldapp: error: {message}", file=sys.stderr)
    return 2


def cmd_search(args) -> int:
    from .search import open_search

    lang = _lang(args)
    try:
        hits = open_search().search(" ".join(args.query), limit=args.limit)
    except ToolkitDataError as exc:
        return _fail(str(exc))
    if not hits:
        print("没有找到匹配项" if lang == "zh" else "no match")
        return 1
    for n, h in enumerate(hits, 1):
        other = h.title_en if lang == "zh" else h.title_zh
        sub = h.subtitle_zh if lang == "zh" else h.subtitle_en
        print(f"{n:2}. {h.title(lang)} ({other})  [{h.doc_id}]  {sub}  <{h.match}>")
    return 0


def cmd_show(args) -> int:
    from .detail import detail_page, render_html, render_text

    lang = _lang(args)
    ident = " ".join(args.name)
    try:
        page = detail_page(ident, lang)
        if page is None:
            from .search import open_search

            hits = open_search().search(ident, limit=5)
            if len(hits) == 1 or (hits and hits[0].match in ("exact", "pinyin", "fuzzy")):
                page = detail_page(hits[0].doc_id, lang)
    except ToolkitDataError as exc:
        return _fail(str(exc))
    if page is None:
        return _fail(f"no toolkit entry {ident!r}; try `fieldapp toolkit search {ident}`")
    print(render_html(page) if args.html else render_text(page), end="")
    return 0


def cmd_list(args) -> int:
    from .data import load_toolkit

    lang = _lang(args)
    try:
        tk = load_toolkit()
    except ToolkitDataError as exc:
        return _fail(str(exc))
    print(tk.meta["compiled_notice"][lang])
    for e in tk.pollutants:
        print(f"{e['number']:2}. {e['name'][lang]:<24} [{e['id']}]  {tk.category_label(e['category'], lang)}")
    print(tk.scenario_meta["compiled_notice"][lang])
    for sc in tk.scenarios:
        print(f"    {sc['name'][lang]}  [scenario:{sc['id']}]  ({len(sc['steps'])})")
    return 0


def cmd_assess(args) -> int:
    from .exceedance import MeasurementError, assess, format_multiple

    lang = _lang(args)
    try:
        a = assess(args.parameter, args.value, args.unit, args.qualifier, args.standard)
    except (MeasurementError, ToolkitDataError) as exc:
        return _fail(str(exc))
    lim = a.limit
    if lim is None:
        limit_text = "-"
    elif lim.is_range:
        limit_text = f"{lim.low:g}-{lim.high:g}"
    else:
        limit_text = f"{lim.value:g} mg/L" + (" (source-area value)" if lim.reference_only else "")
    value = "-" if a.value is None else f"{a.value:g}"
    extra = format_multiple(a.multiple, lang) or (a.direction or "")
    print(
        f"{a.parameter} [{a.pollutant_id or '?'}] {args.standard}: value {value}, limit {limit_text}, "
        f"status {a.status} {extra}".rstrip()
    )
    return 0 if a.status not in ("exceeded",) else 3


def add_parser(subparsers, common: argparse.ArgumentParser | None = None) -> None:
    """Register `toolkit search|show|list|assess` on the main CLI's subparsers."""
    parents = [common] if common is not None else []
    lang = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: a --lang given before the subcommand (fieldapp --lang en toolkit ...) is kept.
    lang.add_argument("--lang", default=argparse.SUPPRESS, help="zh (default) or en")
    tk = subparsers.add_parser("toolkit", help="pollutant toolkit: search, show pages, assess exceedance")
    tsub = tk.add_subparsers(dest="toolkit_command", metavar="ACTION", required=True)

    p = tsub.add_parser("search", parents=parents + [lang], help="search pollutants and scenario guides")
    p.add_argument("query", nargs="+", help="Chinese, English, pinyin, CAS, formula or synonym")
    p.add_argument("--limit", type=int, default=10)
    p.set_defaults(func=cmd_search)

    p = tsub.add_parser("show", parents=parents + [lang], help="show one entry's page")
    p.add_argument("name", nargs="+", help="entry id (from search) or any name / CAS")
    p.add_argument("--html", action="store_true", help="print the HTML the UI panel shows")
    p.set_defaults(func=cmd_show)

    p = tsub.add_parser(
        "list", parents=parents + [lang], help="list the 25 pollutants and the scenario guides"
    )
    p.set_defaults(func=cmd_list)

    p = tsub.add_parser("assess", parents=parents + [lang], help="check one value against a standard")
    p.add_argument("parameter")
    p.add_argument("value", help='number, or "<0.001", "0.001L", "ND"')
    p.add_argument("unit", nargs="?", default="mg/L")
    p.add_argument("--qualifier", default=None, help="<, >, ND")
    p.add_argument(
        "--standard",
        default="GB3838-III",
        help="GB3838-I..GB3838-V, GB3838-source, GB5749 (default GB3838-III)",
    )
    p.set_defaults(func=cmd_assess)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (python -m fieldapp.toolkit.cli ...), same commands as `fieldapp toolkit`."""
    ap = argparse.ArgumentParser(prog="fieldapp")
    add_parser(ap.add_subparsers(dest="command", required=True))
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
