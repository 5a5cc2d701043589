"""The monitoring table, one block per parameter id (Order No. 17 Art. 13 "monitoring data").

Each block is headed by the parameter, the medium, the unit of every number in it and the standard
(with its class or table) and limit that judged it; its rows are the points in river order with
count, minimum, maximum, latest value, number of exceedances and the series verdict (from the one
verdict function: a pH that fell below 6 reads "超标（低于下限6）" whatever its maximum). One unit
per block: a trace metal whose values and limit are all below 0.001 mg/L is shown in µg/L.
"""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, Spacer, Table

from fieldapp.vocab import medium_label, parameter_label
from fieldapp.vocab.display import column_unit

from .layout import FRAME_WIDTH, table_style
from .texts import join, semi

# point | n | min | max | latest | n over | limit | verdict   (sum = FRAME_WIDTH, 156 mm)
WIDTHS = (116, 28, 52, 52, 52, 34, 44, 64.2)
RED = "#c00000"


def parameter_groups(summary: list[dict]) -> list[dict]:
    """Series grouped by (parameter, medium, unit); parameters that exceeded first (most first)."""
    groups: dict = {}
    for s in summary:
        g = groups.setdefault((s["key"], s["medium"], s["unit"]), {
            "key": s["key"], "parameter_id": s["parameter_id"], "parameter_text": s["parameter_text"],
            "medium": s["medium"], "unit": s["unit"], "series": []})
        g["series"].append(s)
    for g in groups.values():
        values = [r.value_mg for s in g["series"] for r in s["rows"]]
        uppers = [s["limit_row"].verdict.limit.upper for s in g["series"]
                  if s["limit_row"].verdict.limit is not None and s["limit_row"].verdict.limit.upper]
        g["shown"] = column_unit(g["parameter_id"], g["unit"], values, max(uppers) if uppers else None)
        g["n_exceeded"] = sum(s["n_exceeded"] for s in g["series"])
        g["top"] = max((r.ratio or 0) for s in g["series"] for r in s["rows"])
    return sorted(groups.values(), key=lambda g: (g["n_exceeded"] == 0, -g["top"], g["key"], g["medium"]))


def standards_of(group: dict, lang: str) -> list[str]:
    """'GB 3838-2002 Ⅲ类 ≤0.005 mg/L' for each distinct standard/limit in the block, or why none."""
    out = []
    for s in group["series"]:
        v = s["limit_row"].verdict
        if v.limit is not None:
            out.append(f"{v.standard_text(lang)} {v.limit_text(lang, group['shown'])}")
        else:
            out.append(v.words(lang))
    return list(dict.fromkeys(out))


def block_heading(group: dict, lang: str) -> str:
    name = parameter_label(group["parameter_id"], group["parameter_text"], lang)
    unit = group["shown"] or "—"
    stds = semi(standards_of(group, lang), lang)
    if lang == "zh":
        return f"{name}　{medium_label(group['medium'])}　单位：{unit}　评价标准：{stds}"
    return f"{name} - {medium_label(group['medium'], 'en').lower()} - unit: {unit} - standard: {stds}"


def _row(st, s: dict, shown: str, lang: str) -> list:
    """One series: plain strings where they fit (a table of hundreds of series stays fast)."""
    low = s["low"] or s["peak"]
    lim = s["limit_row"].verdict
    texts = (f"{s['point_code']} {s['point_name']}", str(s["n"]), low.shown_in(shown), s["peak"].shown_in(shown),
             s["latest"].shown_in(shown), str(s["n_exceeded"]),
             bare_limit(lim.limit_text(lang, shown), shown) if lim.limit else "—", _words(s["verdict"], lang))
    return [st.fit(text, w) for text, w in zip(texts, WIDTHS)]


def _words(verdict, lang: str) -> str:
    """The cell's verdict; a reason the block heading already gives is not repeated per row."""
    if verdict.status in ("not_comparable", "unknown_parameter", "no_limit") and verdict.limit is None:
        return verdict.status_word(lang)
    return verdict.words(lang)


def bare_limit(limit_text: str, unit: str) -> str:
    """The limit without its unit: the block heading names the unit once."""
    return limit_text[: -len(unit) - 1] if unit and limit_text.endswith(" " + unit) else limit_text


def monitoring_blocks(st, summary: list[dict]) -> list:
    """Flowables: per parameter a heading line and its table."""
    L = st.lang
    head = [st.cell(st.label(k), "head") for k in ("point", "n", "min", "max", "latest", "n_exc", "limit",
                                                  "verdict")]
    out = []
    for n, g in enumerate(parameter_groups(summary)):
        rows, extra = [head], [("VALIGN", (0, 1), (-1, -1), "TOP"),    # a row's numbers beside its code
                               ("ALIGN", (1, 1), (5, -1), "RIGHT")]
        for i, s in enumerate(g["series"], 1):
            rows.append(_row(st, s, g["shown"], L))
            if s["n_exceeded"]:
                extra.append(("BACKGROUND", (5, i), (7, i), "#fbe3e3"))
        table = Table(rows, colWidths=WIDTHS, repeatRows=1, style=table_style(extra))
        # a block heading never ends a page: start a new one unless the heading and a few rows fit
        out += ([CondPageBreak(90)] if n else []) + [st.p(block_heading(g, L), "h3"), table, Spacer(1, 6)]
    return out


def exceeded_parameters(summary: list[dict], lang: str) -> str:
    names = [parameter_label(g["parameter_id"], g["parameter_text"], lang)
             for g in parameter_groups(summary) if g["n_exceeded"]]
    return join(list(dict.fromkeys(names)), lang)


assert abs(sum(WIDTHS) - FRAME_WIDTH) < 1, (sum(WIDTHS), FRAME_WIDTH)
