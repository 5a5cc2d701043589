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
    """One value judged exactly as the table, map and reports judge it (fieldapp.vocab.judge)."""
    import json

    from fieldapp.vocab import VocabError, judge, parameter_label, standard_for_point
    from fieldapp.vocab.display import value_parts

    lang = _lang(args)
    try:
        standard = args.standard or standard_for_point(
            {"standard": args.incident_standard, "source_standard": args.source_standard}, {"role": args.role})
        v = judge(args.parameter, args.value, args.unit, args.qualifier, medium=args.medium, standard=standard)
    except (VocabError, ToolkitDataError) as exc:
        return _fail(exc.text(lang) if isinstance(exc, VocabError) else str(exc))
    if args.json:
        print(json.dumps(verdict_json(v, lang), ensure_ascii=False))
    else:
        number, unit = value_parts({"value": v.value, "unit": v.unit, "qualifier": v.qualifier,
                                    "value_orig": args.value, "parameter_id": v.parameter_id})
        shown = number if number == "ND" or unit in ("", "pH") else f"{number} {unit}"
        limit = v.limit_text(lang, unit)
        tail = (f"；限值{limit}（{v.standard_text(lang)}）" if lang == "zh" else
                f"; limit {limit} ({v.standard_text(lang)})") if v.limit else ""
        print(f"{parameter_label(v.parameter_id, v.parameter_text, lang)}: {shown} → {v.words(lang)}{tail}")
    if v.status in ("unknown_parameter", "not_comparable", "no_limit", "inconclusive"):
        print(("fieldapp: 注意：" if lang == "zh" else "fieldapp: warning: ") + v.words(lang), file=sys.stderr)
    return {"exceeded": 3, "within": 0, "not_detected": 0}.get(v.status, 4)


def verdict_json(v, lang: str) -> dict:
    """The documented JSON of `toolkit assess --json` (also used by tests as one of the outputs)."""
    return {"parameter": v.parameter_text, "parameter_id": v.parameter_id, "status": v.status,
            "words": v.words(lang), "standard": v.standard, "standard_text": v.standard_text(lang),
            "limit_text": v.limit_text(lang), "value": v.value, "unit": v.unit, "qualifier": v.qualifier,
            "multiple": v.multiple, "medium": v.medium}


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

    p = tsub.add_parser(
        "assess", parents=parents + [lang], help="judge one value against its standard",
        description="Judge one value exactly as the measurement table, map and reports do. Exit status: "
                    "0 within the limit or not detected, 3 exceeded, 4 not judged (inconclusive, not "
                    "comparable, no limit, or not in the toolkit: said on stderr), 2 bad input.")
    p.add_argument("parameter", help="any name, symbol or synonym: Cd, 镉, cadmium, pH, COD …")
    p.add_argument("value", help='number, or "<0.001", "0.001L", "ND"')
    p.add_argument("unit", nargs="?", default="mg/L", help="mg/L, µg/L (ug/L), mg/m3, ppm, pH … (default mg/L)")
    p.add_argument("--qualifier", default=None, help="<, >, ND")
    p.add_argument("--medium", default="water", choices=["water", "air", "soil", "sediment"],
                   help="medium of the sampling point (default water)")
    p.add_argument("--role", default="downstream",
                   help="point role: upstream_control, source, downstream (default), water_intake, "
                        "drinking_water, background, other")
    p.add_argument("--standard", default=None,
                   help="override: GB3838-I..GB3838-V, GB3838-source-II, GB3838-source-III, GB5749 "
                        "(default: from the role and the incident standards below)")
    p.add_argument("--incident-standard", default="GB3838-III", help="the incident's class (default GB3838-III)")
    p.add_argument("--source-standard", default="GB3838-source-II",
                   help="standard for intakes (default GB3838-source-II, the stricter one)")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.set_defaults(func=cmd_assess)


def main(argv: list[str] | None = None) -> int:
    """Stand-alone entry (python -m fieldapp.toolkit.cli ...), same commands as `fieldapp toolkit`."""
    ap = argparse.ArgumentParser(prog="fieldapp")
    add_parser(ap.add_subparsers(dest="command", required=True))
    args = ap.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
