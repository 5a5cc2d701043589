"""Schematic map of sampling points and sensitive points, drawn with reportlab graphics (no network).

Order 17 Art. 13 asks for a schematic map of the sensitive points with the initial report. A local
equirectangular projection around the data's centre is exact enough at incident scale (tens of km)
and keeps the map independent of tiles: river lines, points coloured by status, the source,
intakes, facilities and warehouses in the same colours as the incident map, scale bar, north arrow
and a legend with every symbol drawn. Labels are placed greedily (source and intakes first) where
they overlap no other label or symbol; a label that fits nowhere is listed under the map instead.
"""
from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from fieldapp.maps.mapdata import SITE_COLOURS, SOURCE_COLOUR
from fieldapp.vocab.verdict import COLOURS, STATUS_WORDS

from .fonts import FONT_NAME
from .layout import FRAME_WIDTH
from .texts import LABELS, t

STATUS_COLOURS = {k: colors.HexColor(v) for k, v in COLOURS.items()}
SITE = {k: colors.HexColor(v) for k, v in SITE_COLOURS.items()}
RIVER = colors.HexColor("#4a90d9")
LABEL_SIZE = 6.5
LEGEND_H = 34


def _nice(n: float) -> float:
    """A round scale-bar length (1, 2, 5 x 10^k) not above n."""
    k = 10 ** math.floor(math.log10(n))
    return max(m * k for m in (1, 2, 5) if m * k <= n)


class _Labels:
    """Greedy label placement: each label takes the first candidate box that is free."""

    OFFSETS = ((6, 2), (-6, 2), (6, -8), (-6, -8), (0, 7), (0, -12), (10, 8), (-10, 8), (10, -14), (-10, -14))

    def __init__(self, width: float, height: float):
        self.w, self.h = width, height
        self.boxes: list[tuple] = []
        self.unplaced: list[str] = []

    def block(self, x: float, y: float, r: float) -> None:
        self.boxes.append((x - r, y - r, x + r, y + r))

    def _free(self, b) -> bool:
        inside = b[0] >= 2 and b[2] <= self.w - 2 and b[1] >= LEGEND_H + 2 and b[3] <= self.h - 2
        return inside and all(b[2] <= o[0] or b[0] >= o[2] or b[3] <= o[1] or b[1] >= o[3] for o in self.boxes)

    def place(self, d: Drawing, x: float, y: float, text: str, colour=colors.black) -> None:
        w = stringWidth(text, FONT_NAME, LABEL_SIZE)
        for dx, dy in self.OFFSETS:
            x0 = x + dx if dx > 0 else x + dx - w if dx < 0 else x - w / 2
            box = (x0 - 1, y + dy - 1.5, x0 + w + 1, y + dy + LABEL_SIZE)
            if self._free(box):
                self.boxes.append(box)
                d.add(String(x0, y + dy, text, fontName=FONT_NAME, fontSize=LABEL_SIZE, fillColor=colour))
                return
        self.unplaced.append(text)


def _projection(data, width: float, height: float):
    pts = [(p["lon"], p["lat"]) for p in data.points] + [(s["lon"], s["lat"]) for s in data.sites
                                                         if s["kind"] == "intake"]
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    lat0 = (min(lats) + max(lats)) / 2
    kx, ky = 111_320 * math.cos(math.radians(lat0)), 110_574
    x0, x1, y0, y1 = min(lons) * kx, max(lons) * kx, min(lats) * ky, max(lats) * ky
    span = max(x1 - x0, y1 - y0, 500.0)
    pad = 24
    inner_w, inner_h = width - 2 * pad, height - 2 * pad - LEGEND_H
    scale = min(inner_w / max(x1 - x0, span * 0.2), inner_h / max(y1 - y0, span * 0.2))  # pt per metre
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2

    def xy(lon, lat):
        return (width / 2 + (lon * kx - cx) * scale, pad + LEGEND_H + inner_h / 2 + (lat * ky - cy) * scale)
    return xy, scale, inner_w


def _intake_symbol(d: Drawing, x: float, y: float, size: float = 6) -> None:
    """A triangle standing above the location on a short stem: it never hides the point's circle."""
    top = y + 7
    d.add(Line(x, y, x, top, strokeColor=SITE["intake"], strokeWidth=0.8))
    d.add(Polygon([x, top + 2 * size, x - size, top, x + size, top], fillColor=SITE["intake"],
                  strokeColor=colors.white, strokeWidth=0.6))


def _draw_sites(d: Drawing, data, xy, labels: _Labels, inside) -> list:
    intakes = []
    for s in data.sites:
        x, y = xy(s["lon"], s["lat"])
        if not inside(x, y):
            continue
        if s["kind"] == "intake":
            intakes.append((x, y, s))
        else:
            d.add(Rect(x - 3, y - 3, 6, 6, fillColor=SITE.get(s["kind"], SITE["facility"]),
                       strokeColor=colors.white, strokeWidth=0.5))
            labels.block(x, y, 3.5)
    return intakes


def draw_site_map(data, glyphs, lang: str = "zh", width: float = FRAME_WIDTH,
                  height: float = 330) -> tuple[Drawing, list[str]]:
    d = Drawing(width, height, initialFontName=FONT_NAME)  # else renderPDF starts in (unembedded) Helvetica
    d.add(Rect(0, 0, width, height, strokeColor=colors.black, fillColor=colors.HexColor("#fbfbf7")))
    if not data.points and not any(s["kind"] == "intake" for s in data.sites):
        d.add(String(width / 2, height / 2, glyphs.clean("（无点位）" if lang == "zh" else "(no points)"),
                     fontName=FONT_NAME, fontSize=10, textAnchor="middle"))
        return d, []
    xy, scale, inner_w = _projection(data, width, height)

    def inside(x, y):
        return 0 <= x <= width and LEGEND_H <= y <= height

    for line in data.rivers:
        coords = [xy(lon, lat) for lon, lat in line]
        coords = [(min(max(x, 1), width - 1), min(max(y, LEGEND_H + 2), height - 1)) for x, y in coords]
        d.add(PolyLine([v for c in coords for v in c], strokeColor=RIVER, strokeWidth=3.5))
    labels = _Labels(width, height)
    intakes = _draw_sites(d, data, xy, labels, inside)
    placed = []
    for p in data.points:
        x, y = xy(p["lon"], p["lat"])
        src = p["role"] == "source"
        r = 5 if src or p["role"] == "water_intake" else 3.6
        d.add(Circle(x, y, r, fillColor=STATUS_COLOURS.get(p["status"], STATUS_COLOURS["none"]),
                     strokeColor=colors.HexColor(SOURCE_COLOUR) if src else colors.black,
                     strokeWidth=1.6 if src else 0.5))
        labels.block(x, y, r + 0.5)
        placed.append((0 if src or p["role"] == "water_intake" else 1, x, y, p["code"]))
    for x, y, _s in intakes:
        _intake_symbol(d, x, y)
        labels.block(x, y + 13, 7)
    for x, y, s in intakes:
        labels.place(d, x, y + 16, glyphs.clean(s["name"])[:16], SITE["intake"])
    for _rank, x, y, code in sorted(placed, key=lambda v: v[0]):
        labels.place(d, x, y, glyphs.clean(code))
    _scale_bar(d, height, inner_w, scale)
    _north(d, width, height, lang)
    _legend(d, data, lang)
    return d, labels.unplaced      # the caller lists the unplaced labels under the map


def _scale_bar(d: Drawing, height: float, inner_w: float, scale: float) -> None:
    """Top left, in the map's margin: the legend strip stays free for the legend."""
    bar_m = _nice(inner_w * 0.25 / scale)
    bx, by = 10, height - 12
    d.add(Line(bx, by, bx + bar_m * scale, by, strokeWidth=2))
    d.add(Line(bx, by - 3, bx, by + 3))
    d.add(Line(bx + bar_m * scale, by - 3, bx + bar_m * scale, by + 3))
    txt = f"{bar_m / 1000:g} km" if bar_m >= 1000 else f"{bar_m:g} m"
    d.add(String(bx + bar_m * scale + 4, by - 3, txt, fontName=FONT_NAME, fontSize=7))


def _north(d: Drawing, width: float, height: float, lang: str) -> None:
    nx, ny = width - 16, height - 30
    d.add(Polygon([nx, ny + 18, nx - 6, ny, nx, ny + 5, nx + 6, ny], fillColor=colors.black))
    d.add(String(nx, ny - 9, t(LABELS, "north", lang), fontName=FONT_NAME, fontSize=7, textAnchor="middle"))


def _legend(d: Drawing, data, lang: str) -> None:
    """Every symbol the map can show that this map shows, drawn as on the map."""
    lx, y = 8, 14

    def label(text):
        nonlocal lx
        d.add(String(lx, y - 3, text, fontName=FONT_NAME, fontSize=7))
        lx += stringWidth(text, FONT_NAME, 7) + 10
    shown = [k for k in ("exceeded", "inconclusive", "not_comparable", "within", "not_detected", "no_limit", "none")
             if k in ("exceeded", "within", "none") or any(p.get("status") == k for p in data.points)]
    for key in shown:
        d.add(Circle(lx + 3.5, y, 3.5, fillColor=STATUS_COLOURS[key], strokeColor=colors.black, strokeWidth=0.5))
        lx += 10
        label(STATUS_WORDS[key][1 if lang.startswith("en") else 0])
    if any(p["role"] == "source" for p in data.points):
        d.add(Circle(lx + 4, y, 4, fillColor=colors.white, strokeColor=colors.HexColor(SOURCE_COLOUR), strokeWidth=1.6))
        lx += 11
        label(t(LABELS, "legend_source", lang))
    kinds = {s["kind"] for s in data.sites}
    if "intake" in kinds:
        d.add(Polygon([lx + 4, y + 5, lx, y - 4, lx + 8, y - 4], fillColor=SITE["intake"]))
        lx += 11
        label(t(LABELS, "legend_intake", lang))
    for kind in ("facility", "warehouse"):
        if kind in kinds:
            d.add(Rect(lx, y - 3, 6, 6, fillColor=SITE[kind], strokeWidth=0))
            lx += 9
            label(t(LABELS, f"legend_{kind}", lang))
    if data.rivers:
        d.add(Line(lx, y, lx + 16, y, strokeColor=RIVER, strokeWidth=3))
        lx += 19
        label(t(LABELS, "legend_river", lang))
