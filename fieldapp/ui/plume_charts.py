"""A concentration chart (QtCharts): forecast lines, the limit dashed, measurements as dots."""
from __future__ import annotations

from fieldapp.vocab.numbers import limit_number

import math

from PySide6.QtCharts import QChartView, QLineSeries, QScatterSeries, QValueAxis
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b")


class ConcentrationChart(QChartView):
    def __init__(self, title: str, x_label: str, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.Antialiasing)
        self.setMinimumHeight(220)
        self.x_label = x_label
        self.chart().setTitle(title)
        self.chart().legend().setAlignment(Qt.AlignBottom)
        self.clear()

    def clear(self) -> None:
        ch = self.chart()
        ch.removeAllSeries()
        for ax in ch.axes():
            ch.removeAxis(ax)

    def show_series(self, series: list[tuple[str, list]], limit: float | None, dots: list) -> None:
        """series: [(name, [(x, mg/L), ...])]; limit drawn dashed; dots: measured (x, mg/L)."""
        self.clear()
        ch = self.chart()
        ax, ay = QValueAxis(), QValueAxis()
        ax.setTitleText(self.x_label)
        ay.setTitleText("mg/L")
        ay.setLabelFormat("%.3g")
        ch.addAxis(ax, Qt.AlignBottom)
        ch.addAxis(ay, Qt.AlignLeft)
        xs, ys = [], []
        for i, (name, pts) in enumerate(series):
            line = QLineSeries()
            line.setName(name)
            line.setPen(QPen(QColor(COLOURS[i % len(COLOURS)]), 2))
            line.replace([QPointF(float(x), float(y)) for x, y in pts if math.isfinite(x) and math.isfinite(y)])
            xs += [float(x) for x, _ in pts]
            ys += [float(y) for _, y in pts if math.isfinite(y)]
            self._add(line, ax, ay)
        if dots:
            sc = QScatterSeries()
            sc.setName(QCoreApplication.translate("PlumePanel", "measured"))
            sc.setMarkerSize(7)
            sc.setColor(QColor("#000000"))
            sc.replace([QPointF(float(x), float(y)) for x, y in dots])
            ys += [float(y) for _, y in dots]
            self._add(sc, ax, ay)
        x0, x1 = (min(xs), max(xs)) if xs else (0.0, 1.0)
        top = max(ys + [limit or 0.0, 1e-9]) * 1.1
        if limit:
            lim = QLineSeries()
            lim.setName(QCoreApplication.translate("PlumePanel", "limit {0} mg/L").format(limit_number(limit)))
            pen = QPen(QColor("#000000"), 1, Qt.DashLine)
            lim.setPen(pen)
            lim.replace([QPointF(x0, limit), QPointF(x1, limit)])
            self._add(lim, ax, ay)
        ax.setRange(x0, x1 if x1 > x0 else x0 + 1)
        ay.setRange(0.0, top)
        ax.applyNiceNumbers()
        ay.applyNiceNumbers()

    def _add(self, series, ax, ay) -> None:
        self.chart().addSeries(series)
        series.attachAxis(ax)
        series.attachAxis(ay)
