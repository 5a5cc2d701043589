"""The Instruments tab's two tables, drawn from the session's live values: one row per device (its
state in words and colour, with the reason) and one per channel (value as every view formats it,
unit, time, trend). A mixin of InstrumentsPanel, repainted from its 4 Hz timer."""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTableWidgetItem

from fieldapp.ui.labels import ui_lang
from fieldapp.ui.sparkline import sparkline
from fieldapp.vocab import format_value, get_parameter, parameter_label, resolve_id
from fieldapp.vocab.qualifiers import significant_digits

TREND_SLICES = 4              # trend pixmaps are redrawn for 1/4 of the rows per repaint pass
STATE_COLOURS = {"connected": "#d9f2d9", "no_data": "#fff3c4", "error": "#f8c0c0", "connecting": "#e8eef5",
                 "stopped": "#e0e0e0", "stopping": "#e0e0e0"}
POSITION_PARAMS = {"latitude", "longitude", "altitude", "hdop", "satellites", "fix_quality", "speed"}


def _value_text(r) -> tuple[str, str]:
    """(value, unit) as every view shows a stored value (the vocabulary's formatter: canonical unit,
    the device's significant figures, trace metals in µg/L); placeholders (OVER, ----, ERR) verbatim
    with what they mean."""
    if r.value is None:
        return (f"{r.text} ({r.flag})" if r.flag else r.text), r.unit_orig or r.unit
    p = get_parameter(None if r.flag == "unmapped" else resolve_id(r.parameter))
    digits = significant_digits(r.text) or 5
    return format_value(r.value, r.unit, trace=bool(p and p.trace_metal), digits=max(digits, 3),
                        qualifier=r.qualifier)


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return iso


def _state_text(state: str) -> str:
    return {"connecting": QCoreApplication.translate("InstrumentsPanel", "Connecting…"), "connected": QCoreApplication.translate("InstrumentsPanel", "Connected"),
            "no_data": QCoreApplication.translate("InstrumentsPanel", "No valid data"), "error": QCoreApplication.translate("InstrumentsPanel", "Error"),
            "stopping": QCoreApplication.translate("InstrumentsPanel", "Disconnecting…"),
            "stopped": QCoreApplication.translate("InstrumentsPanel", "Disconnected")}.get(state, state)


class DeviceTables:
    def _paint_row(self, row: int, state: str, reason: str):
        """The state in words and colour, with the reason (errors show on the row itself)."""
        t = self.ui.devicesTable
        t.item(row, 3).setText(_state_text(state))
        t.item(row, 4).setText(reason)
        t.item(row, 4).setToolTip(reason)
        colour = QColor(STATE_COLOURS.get(state, "#ffffff"))
        for c in range(t.columnCount()):
            t.item(row, c).setBackground(colour)

    def device_state(self, device: str) -> str:
        """The status text shown for a device (tests, diagnostics)."""
        row = self.device_rows.get(device)
        return self.ui.devicesTable.item(row, 3).text() if row is not None else ""

    def device_reason(self, device: str) -> str:
        row = self.device_rows.get(device)
        return self.ui.devicesTable.item(row, 4).text() if row is not None else ""

    def _device_row(self, device: str, port: str = "") -> int:
        t = self.ui.devicesTable
        if device not in self.device_rows:
            row = t.rowCount()
            t.insertRow(row)
            for c, text in enumerate((device, self.device_profiles.get(device, ""), port,
                                      _state_text("connecting"), "")):
                t.setItem(row, c, QTableWidgetItem(text))
            self.device_rows[device] = row
            for c in range(4):
                t.resizeColumnToContents(c)
        return self.device_rows[device]

    def _repaint_tables(self):
        self._update_gps()
        if not self._dirty:
            return
        self._dirty = False
        t = self.ui.liveTable
        added = False
        self._ticks += 1
        top, bottom = 0, t.viewport().height()
        for lv in self.mgr.live.current():
            r = lv.reading
            if lv.device in self._stopping:
                continue
            if r.parameter in POSITION_PARAMS and lv.profile and "gps" in lv.profile.lower():
                continue          # the fix is in the status bar
            key = (lv.device, r.channel)
            row = self.live_rows.get(key)
            if row is None:
                row = self.live_rows[key] = t.rowCount()
                t.insertRow(row)
                for c in range(5):
                    t.setItem(row, c, QTableWidgetItem(""))
                t.item(row, 0).setText(lv.device)
                t.item(row, 1).setText(self._channel_label(r))
                t.item(row, 2).setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                t.setItem(row, 5, QTableWidgetItem())
                added = True
            value, unit = _value_text(r)
            item = t.item(row, 2)
            if item.text() != value:             # unchanged cells cost nothing
                item.setText(value)
                item.setForeground(QColor("#b00000") if r.value is None else QColor("#000000"))
            if t.item(row, 3).text() != unit:
                t.item(row, 3).setText(unit)
            when = _local_time(lv.received_at)
            if t.item(row, 4).text() != when:
                t.item(row, 4).setText(when)
            # Trends: visible rows only, a quarter of them per pass (each at 1 Hz), so one pass
            # never holds the event loop for long.
            if (key in self._changed and row % TREND_SLICES == self._ticks % TREND_SLICES
                    and top - 40 <= t.rowViewportPosition(row) <= bottom):
                self._changed.discard(key)
                t.item(row, 5).setData(Qt.DecorationRole, sparkline(self.trends[key]))
        if added:
            for c in range(5):
                t.resizeColumnToContents(c)

    @staticmethod
    def _channel_label(r) -> str:
        """The vocabulary's name, with the device's label when a record repeats it (Temp #2)."""
        label = parameter_label(None if r.flag == "unmapped" else resolve_id(r.parameter), r.parameter, ui_lang())
        return f"{label} · {r.channel}" if r.channel not in (r.parameter, "") and "#" in r.channel else label

    def live_value(self, device: str, channel: str) -> str:
        row = self.live_rows.get((device, channel))
        return self.ui.liveTable.item(row, 2).text() if row is not None else ""
