"""Concentration-over-time charts for the key sections (reportlab graphics; no matplotlib).

Key sections: the source, drinking-water intakes and the point with the highest exceedance. One
chart per key parameter (those over the limit first), x = hours since discovery, y = mg/L, with the
limit as a dashed line, so a reader sees at a glance when the plume passed and whether it is gone.
"""
from __future__ import annotations

from datetime import datetime

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from fieldapp.vocab import get_parameter, parameter_label
from fieldapp.vocab.numbers import plain, sig

from .fonts import FONT_NAME
from .texts import LABELS, t

PALETTE = [colors.HexColor(c) for c in ("#d62728", "#1f77b4", "#2ca02c", "#9467bd", "#8c564b")]
MAX_CHARTS = 4
MAX_SERIES = 4


def _hours(iso: str, t0: datetime) -> float:
    return (datetime.fromisoformat(iso.replace("Z", "+00:00")) - t0).total_seconds() / 3600


def _chart_unit(parameter_id, series, limit) -> tuple[float, str]:
    """µg/L for a trace metal whose values and limit are all below 0.001 mg/L (readable axis)."""
    p = get_parameter(parameter_id)
    unit = first_unit = p and ("mg/L" if p.quantity == "concentration" else "")
    top = max([v for s in series for _, v in s] + [limit or 0])
    if p and p.trace_metal and first_unit == "mg/L" and top < 0.001:
        return 1000.0, "µg/L"
    return 1.0, unit or ("pH" if p and p.quantity == "ph" else "")


def key_sections(data) -> list[str]:
    codes = [p["code"] for p in data.points if p["role"] in ("source", "water_intake")]
    worst = max((r for r in data.rows if r.ratio is not None), key=lambda r: r.ratio, default=None)
    if worst and worst.point_code not in codes:
        codes.append(worst.point_code)
    return codes[:MAX_SERIES]


def key_parameters(data) -> list[str]:
    """Series keys (parameter ids) with a limit, the most exceeded first."""
    best: dict = {}
    for r in data.rows:
        if r.ratio is not None:
            best[r.key] = max(best.get(r.key, 0), r.ratio)
    return sorted(best, key=lambda p: -best[p])[:MAX_CHARTS]


def line_plot(series: list, width: float, height: float, bounds=()) -> tuple[Drawing, LinePlot]:
    """A drawing with one line per series of (x, value) points from y = 0, coloured from PALETTE (with
    a dot per value, so a single value shows too), and each (value, label) bound as a dashed line
    (a limit; both ends of a range such as pH 6–9): the frame every report chart shares."""
    d = Drawing(width, height, initialFontName=FONT_NAME)  # else renderPDF starts in (unembedded) Helvetica
    lp = LinePlot()
    lp.x, lp.y, lp.width, lp.height = 45, 30, width - 150, height - 55
    lp.data = series
    ymax = max([v for s in series for _, v in s] + [b for b, _ in bounds])
    lp.yValueAxis.valueMin, lp.yValueAxis.valueMax = 0, ymax * 1.1 or 1
    lp.xValueAxis.valueMin = min(0, min(x for s in series for x, _ in s))
    lp.xValueAxis.labels.fontName = lp.yValueAxis.labels.fontName = FONT_NAME
    lp.xValueAxis.labels.fontSize = lp.yValueAxis.labels.fontSize = 7
    lp.yValueAxis.labelTextFormat = lambda v: sig(v, 3) if v else "0"
    for i in range(len(series)):
        colour = PALETTE[i % len(PALETTE)]
        lp.lines[i].strokeColor = colour
        lp.lines[i].strokeWidth = 1.2
        lp.lines[i].symbol = makeMarker("FilledCircle", size=2.5, fillColor=colour)
    d.add(lp)
    for bound, label in bounds:
        yl = lp.y + lp.height * bound / lp.yValueAxis.valueMax
        d.add(Line(lp.x, yl, lp.x + lp.width, yl, strokeColor=colors.black, strokeDashArray=[3, 2]))
        d.add(String(lp.x + 3, yl + 2, label, fontName=FONT_NAME, fontSize=6.5))
    return d, lp


def concentration_chart(data, parameter: str, sections: list[str], glyphs, lang: str = "zh",
                        width: float = 460, height: float = 170) -> Drawing | None:
    t0 = datetime.fromisoformat(data.incident["discovered_at"].replace("Z", "+00:00"))
    series, names, limit, lower = [], [], None, None
    for code in sections:
        rows = [r for r in data.rows if r.point_code == code and r.key == parameter]
        pts = [(_hours(r.measured_at, t0), r.value_mg) for r in rows if r.value_mg is not None]
        lim = next((r.verdict.limit for r in rows if r.verdict.limit is not None), None)
        if lim is not None and limit is None:
            limit, lower = lim.upper, lim.lower    # a range (pH 6–9) draws both bounds
        if pts:
            series.append(sorted(pts))
            names.append(code)
    if not series:
        return None
    first = next(r for r in data.rows if r.key == parameter)
    scale, unit = _chart_unit(first.parameter_id, series, limit)
    series = [[(x, v * scale) for x, v in s] for s in series]
    limit = limit * scale if limit else limit
    lower = lower * scale if lower else lower
    d, lp = line_plot(series, width, height, [(b, f"{t(LABELS, 'limit_line', lang)} {plain(b)}")
                                              for b in (limit, lower) if b])
    name = glyphs.clean(parameter_label(first.parameter_id, first.parameter_text, lang))
    title = f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"
    d.add(String(lp.x, height - 14, title, fontName=FONT_NAME, fontSize=9))
    d.add(String(lp.x + lp.width / 2, 6, "距发现时间（小时）" if lang == "zh" else "hours since discovery",
                 fontName=FONT_NAME, fontSize=7, textAnchor="middle"))
    lg = Legend()
    lg.x, lg.y = lp.x + lp.width + 12, lp.y + lp.height - 5
    lg.fontName, lg.fontSize = FONT_NAME, 7
    lg.colorNamePairs = [(PALETTE[i % len(PALETTE)], glyphs.clean(n)) for i, n in enumerate(names)]
    d.add(lg)
    return d
