"""Schematic map of sampling points and sensitive points, drawn with reportlab graphics (no network).

Order 17 Art. 13 asks for a schematic map of the sensitive points with the initial report. A local
equirectangular projection around the data's centre is exact enough at incident scale (tens of km)
and keeps the map independent of tiles: river lines, points coloured by status, intakes, scale bar,
north arrow and legend.
"""
from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Polygon, Rect, String
from reportlab.lib import colors

from fieldapp.vocab.verdict import COLOURS, STATUS_WORDS

from .fonts import FONT_NAME
from .texts import LABELS, t

STATUS_COLOURS = {k: colors.HexColor(v) for k, v in COLOURS.items()}
RIVER = colors.HexColor("#4a90d9")
INTAKE = colors.HexColor("#1f3f9f")
MAX_LABELS = 40


def _nice(n: float) -> float:
    """A round scale-bar length (1, 2, 5 x 10^k) not above n."""
    k = 10 ** math.floor(math.log10(n))
    return max(m * k for m in (1, 2, 5) if m * k <= n)


def draw_site_map(data, glyphs, lang: str = "zh", width: float = 460, height: float = 320) -> Drawing:
    pts = [(p["lon"], p["lat"]) for p in data.points]
    pts += [(s["lon"], s["lat"]) for s in data.sites if s["kind"] == "intake"]
    d = Drawing(width, height)
    d.add(Rect(0, 0, width, height, strokeColor=colors.black, fillColor=colors.HexColor("#fbfbf7")))
    if not pts:
        d.add(String(width / 2, height / 2, glyphs.clean("（无点位）" if lang == "zh" else "(no points)"),
                     fontName=FONT_NAME, fontSize=10, textAnchor="middle"))
        return d
    # Frame on the points, not the whole river (rivers can be long), with a margin.
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    lat0 = (min(lats) + max(lats)) / 2
    kx = 111_320 * math.cos(math.radians(lat0))
    ky = 110_574
    x0, x1 = min(lons) * kx, max(lons) * kx
    y0, y1 = min(lats) * ky, max(lats) * ky
    span = max(x1 - x0, y1 - y0, 500.0)
    pad, legend_h = 20, 34
    inner_w, inner_h = width - 2 * pad, height - 2 * pad - legend_h
    scale = min(inner_w / max(x1 - x0, span * 0.2), inner_h / max(y1 - y0, span * 0.2))  # pt per metre
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2

    def xy(lon, lat):
        return (width / 2 + (lon * kx - cx) * scale, pad + legend_h + inner_h / 2 + (lat * ky - cy) * scale)

    def inside(x, y):
        return 0 <= x <= width and 0 <= y <= height

    for line in data.rivers:
        coords = [xy(lon, lat) for lon, lat in line]
        # clip crudely: keep vertices near the frame so the river does not paint over the legend
        coords = [(min(max(x, 1), width - 1), min(max(y, legend_h + 2), height - 1)) for x, y in coords]
        d.add(PolyLine([v for c in coords for v in c], strokeColor=RIVER, strokeWidth=3.5))
    for s in data.sites:
        x, y = xy(s["lon"], s["lat"])
        if not inside(x, y) or y < legend_h:
            continue
        if s["kind"] == "intake":
            d.add(Polygon([x, y + 7, x - 6, y - 5, x + 6, y - 5], fillColor=INTAKE, strokeColor=colors.white))
            d.add(String(x + 8, y - 12, glyphs.clean(s["name"])[:16], fontName=FONT_NAME, fontSize=6.5,
                         fillColor=INTAKE))
        elif s["kind"] == "facility":
            d.add(Rect(x - 2.5, y - 2.5, 5, 5, fillColor=colors.HexColor("#7f7f7f"), strokeWidth=0))
    label_all = len(data.points) <= MAX_LABELS
    for p in data.points:
        x, y = xy(p["lon"], p["lat"])
        col = STATUS_COLOURS.get(p["status"], STATUS_COLOURS["none"])
        r = 5 if p["role"] in ("source", "water_intake") else 3.5
        d.add(Circle(x, y, r, fillColor=col, strokeColor=colors.black, strokeWidth=0.5))
        if label_all or p["role"] in ("source", "water_intake"):
            d.add(String(x + 5, y + 3, glyphs.clean(p["code"]), fontName=FONT_NAME, fontSize=6))
    # scale bar (bottom right above the legend)
    bar_m = _nice(inner_w * 0.25 / scale)
    bx, by = width - 12 - bar_m * scale, 12  # in the legend strip: never on top of the data
    d.add(Line(bx, by, bx + bar_m * scale, by, strokeWidth=2))
    d.add(Line(bx, by - 3, bx, by + 3))
    d.add(Line(bx + bar_m * scale, by - 3, bx + bar_m * scale, by + 3))
    txt = f"{bar_m / 1000:g} km" if bar_m >= 1000 else f"{bar_m:g} m"
    d.add(String(bx - 4, by - 3, txt, fontName=FONT_NAME, fontSize=7, textAnchor="end"))
    # north arrow (top right)
    nx, ny = width - pad, height - pad - 18
    d.add(Polygon([nx, ny + 18, nx - 6, ny, nx, ny + 5, nx + 6, ny], fillColor=colors.black))
    d.add(String(nx, ny - 10, t(LABELS, "north", lang), fontName=FONT_NAME, fontSize=8, textAnchor="middle"))
    # legend
    lx = 10
    shown = [k for k in ("exceeded", "inconclusive", "not_comparable", "within", "not_detected", "none")
             if k in ("exceeded", "within", "none") or any(p.get("status") == k for p in data.points)]
    for key in shown:
        d.add(Circle(lx + 4, 14, 3.5, fillColor=STATUS_COLOURS[key], strokeColor=colors.black, strokeWidth=0.5))
        label = STATUS_WORDS[key][1 if lang.startswith("en") else 0]
        d.add(String(lx + 11, 11, label, fontName=FONT_NAME, fontSize=7))
        lx += 22 + 7 * len(label) * (1.0 if lang == "zh" else 0.55)
    d.add(Polygon([lx + 4, 19, lx, 9, lx + 8, 9], fillColor=INTAKE))
    d.add(String(lx + 11, 11, t(LABELS, "legend_intake", lang), fontName=FONT_NAME, fontSize=7))
    d.add(Line(lx + 50, 14, lx + 70, 14, strokeColor=RIVER, strokeWidth=3))
    d.add(String(lx + 74, 11, "河流" if lang == "zh" else "river", fontName=FONT_NAME, fontSize=7))
    return d
