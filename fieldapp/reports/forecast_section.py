"""Draw the plume forecast section of a follow-up report from fieldapp.plume.report.forecast_data.

Wording in both languages lives here; the numbers come from the plume package (the same ones the
panel and `fieldapp plume forecast --json` show). Two charts: concentration over time at the
intakes and the farthest sections, and along the river when the first intake peaks.
"""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from fieldapp.core.timeutil import to_local_display
from fieldapp.vocab.numbers import limit_number, sig

from .charts import PALETTE, line_plot
from .fonts import FONT_NAME
from .layout import table_style


def _num(v: float) -> str:
    return sig(v, 4)

TEXT = {
    "title": ("污染团迁移预测（一维对流-扩散模型）", "Plume forecast (1-D advection-dispersion model)"),
    "basis_fit": ("预测依据：已用 {n} 个监测数据拟合（{when}），95% 联合置信区间：",
                  "Basis: fitted to {n} measurements ({when}); joint 95 % confidence intervals:"),
    "basis_inputs": ("预测依据：现场估计参数，尚未用监测数据拟合；不确定范围取各弥散系数公式的差异（E = {lo}–{hi} m²/s）。",
                     "Basis: the team's estimates, not yet fitted to measurements; the range spans the "
                     "dispersion formulas (E = {lo}-{hi} m²/s)."),
    "E": ("纵向弥散系数", "dispersion coefficient"), "u": ("流速", "velocity"),
    "S_mass": ("释放量", "released mass"), "S_load": ("释放速率", "release rate"),
    "used": ("所用数据", "Data used"),
    "head": (("断面", "距源(km)", "前锋到达", "峰值时间", "峰值(mg/L)", "峰值范围", "超标开始", "超标结束"),
             ("Section", "km below", "Front", "Peak time", "Peak (mg/L)", "Peak range", "Over from", "Over until")),
    "open": ("预测期后仍超标", "after the forecast window"), "no": ("不超标", "not over"),
    "chart_t": ("{p} 预测浓度随时间变化（mg/L）", "{p} predicted concentration over time (mg/L)"),
    "chart_x": ("{p} 沿程预测浓度，释放后 {h:.0f} 小时（mg/L）", "{p} predicted along the river, {h:.0f} h after release (mg/L)"),
    "x_t": ("距释放开始（小时）", "hours since the release began"), "x_x": ("距释放点（km）", "km below the release"),
    "limit": ("限值", "limit"), "error": ("无法预测：{e}", "No forecast possible: {e}"),
}


def _t(key: str, lang: str) -> str:
    zh, en = TEXT[key]
    return zh if lang == "zh" else en


def _when(iso: str | None) -> str:
    return to_local_display(iso) if iso else "—"


def _short(iso: str | None) -> str:
    """MM-DD HH:MM: the table has eight columns; the year is in the report's header."""
    return to_local_display(iso)[5:16] if iso else "—"


def _basis(st, fc: dict) -> list:
    L, g, s = st.lang, st.g, st.s
    fit = fc["fit"]
    if fit is None:
        lo, hi = fc["dispersion_band"]
        return [Paragraph(g.para(_t("basis_inputs", L).format(lo=f"{lo:.0f}", hi=f"{hi:.0f}")), s["body"])]
    out = [Paragraph(g.para(_t("basis_fit", L).format(n=fit["n"], when=_when(fc["fitted_at"]))), s["body"])]
    kind = "S_mass" if fc["release"]["kind"] == "instantaneous" else "S_load"
    names = {"dispersion_m2_s": (_t("E", L), "m²/s", 1.0), "velocity_m_s": (_t("u", L), "m/s", 1.0),
             "strength": (_t(kind, L), "g" if kind == "S_mass" else "g/s", 1.0)}
    for key, (name, unit, _f) in names.items():
        lo, hi = fit["ci"].get(key, (None, None))
        rng = f"（{_num(lo)}–{_num(hi)}）" if lo is not None else ""
        out.append(Paragraph(g.para(f"· {name} {_num(fit['values'][key])} {unit}{rng}"), s["body"]))
    used = "；".join(f"{d['code']} ×{d['n']}（{_when(d['first'])}–{_when(d['last'])}）" for d in fit["data_used"])
    out.append(Paragraph(g.para(f"{_t('used', L)}：{used}"), s["small"]))
    return out


def _rows(st, fc: dict) -> Table:
    L = st.lang
    head = list(TEXT["head"][0 if L == "zh" else 1])
    rows, extra = [head], []
    for i, r in enumerate(fc["rows"], 1):
        band = r["band"].get("peak_mg_l")
        if r["exceed_start"] is None:
            over, until = _t("no", L), ""
        else:
            over = _short(r["exceed_start"])
            until = _t("open", L) if r["exceed_continues_past_forecast"] else _short(r["exceed_end"])
            extra.append(("TEXTCOLOR", (6, i), (7, i), "#c00000"))
        rows.append([st.cell(f"{r['code']} {r['name']}".strip()), f"{r['distance_m'] / 1000:.1f}",
                     _short(r["arrival"]), _short(r["peak_time"]),
                     sig(r["peak_mg_l"], 3) if r["peak_mg_l"] is not None else "—",
                     f"{sig(band[0], 3)}–{sig(band[1], 3)}" if band else "—", over, st.cell(until)])
    return Table(rows, colWidths=[96, 36, 58, 58, 48, 84, 58, 58], repeatRows=1, style=table_style(extra))


def _plot(st, series: list, title: str, x_label: str, limit: float | None) -> Drawing:
    width, height = 460, 170
    bounds = [(limit, f"{_t('limit', st.lang)} {limit_number(limit)}")] if limit else []
    d, lp = line_plot([s["points"] for s in series], width, height, bounds)
    d.add(String(lp.x, height - 14, st.g.clean(title), fontName=FONT_NAME, fontSize=9))
    d.add(String(lp.x + lp.width / 2, 6, x_label, fontName=FONT_NAME, fontSize=7, textAnchor="middle"))
    for i, s in enumerate(series):
        y = lp.y + lp.height - 10 - 11 * i
        d.add(Line(lp.x + lp.width + 12, y + 3, lp.x + lp.width + 24, y + 3, strokeColor=PALETTE[i % len(PALETTE)]))
        d.add(String(lp.x + lp.width + 28, y, st.g.clean(s["name"]), fontName=FONT_NAME, fontSize=7))
    return d


def add_forecast(st) -> None:
    """Append the forecast section to a report story (nothing when no forecast was saved)."""
    fc = getattr(st.d, "forecast", None)
    if not fc:
        return
    L = st.lang
    st.flow.append(Paragraph(st.g.para(_t("title", L)), st.s["h1"]))
    if fc.get("error"):
        st.flow.append(Paragraph(st.g.para(_t("error", L).format(e=fc["error"])), st.s["gap"]))
        return
    st.flow.extend(_basis(st, fc))
    st.flow.append(_rows(st, fc))
    for w in fc["warnings"]:
        st.flow.append(Paragraph(st.g.para(f"· {w}"), st.s["small"]))
    limit = next((r["limit_mg_l"] for r in fc["rows"] if r["kind"] == "intake" and r["limit_mg_l"]), None)
    chart = fc["chart"]
    p = fc["parameter"]
    st.flow.append(KeepTogether([Spacer(1, 4), _plot(st, chart["time_series"], _t("chart_t", L).format(p=p),
                                                     _t("x_t", L), limit)]))
    st.flow.append(KeepTogether([_plot(st, [{"name": p, "points": chart["profile"]}],
                                       _t("chart_x", L).format(p=p, h=chart["profile_hours"]), _t("x_x", L), limit)]))
