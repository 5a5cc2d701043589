"""Trend sparklines for live instrument channels, painted into pixmaps."""
from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap, QPolygonF

TREND_POINTS = 120  # samples a sparkline holds once it is full (the panel keeps as many)


def sparkline(values, width: int = 180, height: int = 26, points: int = TREND_POINTS) -> QPixmap:
    """A short trend line as a pixmap, drawn with QPainter (no plotting library).

    A pixmap in the cell, not a widget: the table then paints it in C++, and a repaint of the
    window never calls back into Python, where every call may wait for the GIL held by reader
    threads (a painted widget per channel made the GUI stall 60+ ms under a 9-device stream)."""
    pix = QPixmap(width, height)
    pix.fill(Qt.transparent)
    vals = list(values)
    if len(vals) < 2:
        return pix
    lo, hi = min(vals), max(vals)
    if hi == lo:                       # a steady value: a flat line through the middle
        lo, hi = lo - 1.0, hi + 1.0
    w, h, span = width - 6, height - 6, hi - lo
    step = w / (max(len(vals), points) - 1)      # fills up from the left as samples arrive
    poly = QPolygonF([QPointF(2 + step * i, 3 + h - h * (v - lo) / span) for i, v in enumerate(vals)])
    p = QPainter(pix)
    p.setRenderHint(QPainter.Antialiasing)
    p.setPen(QPen(QColor("#2c7fb8"), 1.5))
    p.drawPolyline(poly)
    p.setPen(QPen(QColor("#d7301f"), 4))
    p.drawPoint(poly[poly.size() - 1])
    p.end()
    return pix
