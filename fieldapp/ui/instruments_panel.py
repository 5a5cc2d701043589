"""The Instruments tab (forms/instruments_panel.ui): serial devices, live values, trends, recording.

Threads: the devices belong to the session (``session.instruments``, fieldapp/app/instruments.py):
each reader thread hands records to the sink, which gives them to the store's writer (stored rows
never wait for the GUI), and publishes ``ReadingsArrived``, which the Qt adapter brings to the GUI
thread. The GUI only appends to small trend buffers there; the tables repaint from a timer (4 Hz),
so a 10 Hz stream from nine devices costs the event loop a few short slots a second. Recording
values runs on the writer and disconnecting (which joins a reader thread) on a worker: the window
never waits on a serial port or the store.
"""
from __future__ import annotations

import sys
from collections import deque
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QTableWidgetItem, QWidget

from fieldapp.app.events import (DeviceStatusChanged, IncidentChanged, PointChanged, ReadingsArrived,
                                 SaveFailed)
from fieldapp.instruments import (
    DeviceConfig,
    ProfileError,
    list_serial_ports,
    load_profile,
    load_profiles,
    recognise,
)
from fieldapp.ui.forms.ui_instruments_panel import Ui_InstrumentsPanel
from fieldapp.ui.labels import ui_lang
from fieldapp.ui.sparkline import TREND_POINTS, sparkline
from fieldapp.ui.workers import error_text, start_task, when_done
from fieldapp.vocab import parameter_label, resolve_id
from fieldapp.vocab.numbers import sig

REPAINT_MS = 250
TREND_SLICES = 4              # trend pixmaps are redrawn for 1/4 of the rows per repaint pass
STATE_COLOURS = {"connected": "#d9f2d9", "no_data": "#fff3c4", "error": "#f8c0c0", "connecting": "#e8eef5",
                 "stopped": "#e0e0e0"}
POSITION_PARAMS = {"latitude", "longitude", "altitude", "hdop", "satellites", "fix_quality", "speed"}


def _value_text(r) -> str:
    """As the device printed it when that is a short number (its own resolution), else 5 figures;
    placeholders (OVER, ----, ERR) verbatim with what they mean."""
    if r.value is None:
        return f"{r.text} ({r.flag})" if r.flag else r.text
    token = r.text.strip().lstrip("<>").strip()
    if token and len(token) <= 10 and token.replace(".", "", 1).lstrip("+-").isdigit():
        return f"{r.qualifier}{token}"
    return f"{r.qualifier}{sig(r.value, 5)}"


def _local_time(iso: str) -> str:
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%H:%M:%S")
    except ValueError:
        return iso


def user_profile_dir() -> Path:
    """Where the team keeps its own device profiles (one .yaml per device type)."""
    from fieldapp.core.userdirs import config_dir

    return config_dir() / "instruments"


def _state_text(state: str) -> str:
    return {"connecting": QCoreApplication.translate("InstrumentsPanel", "Connecting…"), "connected": QCoreApplication.translate("InstrumentsPanel", "Connected"),
            "no_data": QCoreApplication.translate("InstrumentsPanel", "No data"), "error": QCoreApplication.translate("InstrumentsPanel", "Error"),
            "stopped": QCoreApplication.translate("InstrumentsPanel", "Disconnected")}.get(state, state)


class InstrumentsPanel(QWidget):
    def __init__(self, session, host):
        super().__init__()
        self.session, self.host = session, host
        self.hub = session.instruments
        self.mgr = self.hub.mgr
        self.ui = Ui_InstrumentsPanel()
        self.ui.setupUi(self)
        self.profiles: dict = {}
        self.trends: dict[tuple[str, str], deque] = {}
        self.live_rows: dict[tuple[str, str], int] = {}
        self.device_rows: dict[str, int] = {}
        self.device_profiles: dict[str, str] = {}
        self.records_seen = 0
        self.recordings = 0                 # finished "record current values" runs
        self._dirty = False
        self._changed: set = set()          # channels whose trend got a value since its last drawing
        self._ticks = 0
        self._new_values = False
        self._recording = False

        self.gps_label = QLabel()
        host.add_status_widget(self.gps_label)
        self._setup_tables()
        ui_split = self.ui.splitter
        ui_split.setStretchFactor(0, 1)
        ui_split.setStretchFactor(1, 3)
        ui_split.setSizes([180, 520])
        self.load_profiles()
        self.refresh_ports()
        self._update_gps()

        ui = self.ui
        ui.refreshPortsButton.clicked.connect(self.refresh_ports)
        ui.portCombo.activated.connect(self._port_chosen)
        ui.profileFileButton.clicked.connect(self.add_profile_file)
        ui.connectButton.clicked.connect(self.connect_device)
        ui.disconnectButton.clicked.connect(self.disconnect_device)
        ui.recordButton.clicked.connect(self.record)
        ui.autoRecordCheck.toggled.connect(self._auto_toggled)
        ui.intervalSpin.valueChanged.connect(lambda s: self._auto_timer.setInterval(s * 1000))
        host.add_shortcut(Qt.Key_F9, self.record)
        self._repaint = QTimer(self, interval=REPAINT_MS, timeout=self._repaint_tables)
        self._repaint.start()
        self._auto_timer = QTimer(self, interval=ui.intervalSpin.value() * 1000, timeout=self._auto_record)
        ev = host.events
        ev.on(ReadingsArrived, lambda e: self._records(e.records), owner=self)
        ev.on(DeviceStatusChanged, lambda e: self._status(e.status), owner=self)
        ev.on(SaveFailed, lambda e: self._status(e), owner=self)
        ev.on(PointChanged, lambda e: self._context_changed(), owner=self)
        ev.on(IncidentChanged, lambda e: self._context_changed(), owner=self)
        self._context_changed()
        host.add_close_hook(self.shutdown)

    @property
    def sink(self):
        return self.hub.sink

    # ---- setup ---------------------------------------------------------------------------
    def _setup_tables(self):
        d, lv = self.ui.devicesTable, self.ui.liveTable
        d.setColumnCount(5)
        d.setHorizontalHeaderLabels([QCoreApplication.translate("InstrumentsPanel", "Device"), QCoreApplication.translate("InstrumentsPanel", "Profile"),
                                     QCoreApplication.translate("InstrumentsPanel", "Port"), QCoreApplication.translate("InstrumentsPanel", "Status"),
                                     QCoreApplication.translate("InstrumentsPanel", "Reason")])
        lv.setColumnCount(6)
        lv.setHorizontalHeaderLabels([QCoreApplication.translate("InstrumentsPanel", "Device"), QCoreApplication.translate("InstrumentsPanel", "Parameter"),
                                      QCoreApplication.translate("InstrumentsPanel", "Value"), QCoreApplication.translate("InstrumentsPanel", "Unit"),
                                      QCoreApplication.translate("InstrumentsPanel", "Received"), QCoreApplication.translate("InstrumentsPanel", "Trend")])
        for t in (d, lv):
            t.verticalHeader().setVisible(False)
            t.verticalHeader().setDefaultSectionSize(32)
            t.verticalHeader().setSectionResizeMode(QHeaderView.Fixed)
            # Not ResizeToContents: it re-measures every cell on every value change (50-160 ms per
            # repaint with 35 live channels). Columns are fitted once when rows are added.
            t.horizontalHeader().setSectionResizeMode(QHeaderView.Interactive)
            t.horizontalHeader().setStretchLastSection(True)

    def load_profiles(self):
        """Built-in profiles plus the team's own files; a broken user file is reported, not fatal."""
        self.profiles = load_profiles()
        problems = []
        folder = user_profile_dir()
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            try:
                prof = load_profile(path)
            except ProfileError as exc:
                problems.append(str(exc))
                continue
            self.profiles[prof.name] = prof
        combo = self.ui.profileCombo
        current = combo.currentData()
        combo.clear()
        for name in sorted(self.profiles):
            prof = self.profiles[name]
            combo.addItem(f"{name} — {prof.description}" if prof.description else name, name)
        if current:
            combo.setCurrentIndex(max(0, combo.findData(current)))
        if problems:
            self.ui.resultLabel.setText("⚠ " + "\n⚠ ".join(problems))

    def refresh_ports(self):
        combo = self.ui.portCombo
        typed = combo.currentText()
        combo.clear()
        for port in list_serial_ports():
            known = recognise(port, self.profiles)
            label = port.device + (f"  ({port.description})" if port.description and port.description != "n/a" else "")
            if known:
                label += "  → " + ", ".join(known)
            combo.addItem(label, {"port": port.device, "profile": known[0] if len(known) == 1 else None})
        combo.setEditText(typed if typed else (combo.itemData(0) or {}).get("port", "") if combo.count() else "")

    def _port_chosen(self, index: int):
        data = self.ui.portCombo.itemData(index) or {}
        if data.get("profile"):
            self.ui.profileCombo.setCurrentIndex(self.ui.profileCombo.findData(data["profile"]))
        if data.get("port"):
            self.ui.portCombo.setEditText(data["port"])

    def add_profile_file(self, path: str | None = None):
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, QCoreApplication.translate("InstrumentsPanel", "Device profile"), "",
                                                  QCoreApplication.translate("InstrumentsPanel", "Device profiles (*.yaml *.yml)"))
            if not path:
                return None
        try:
            prof = load_profile(path)
        except ProfileError as exc:
            self.ui.resultLabel.setText(f"⚠ {exc}")
            return None
        folder = user_profile_dir()
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{prof.name}.yaml"
        if Path(path).resolve() != target.resolve():
            target.write_bytes(Path(path).read_bytes())     # remembered for the next start
        self.load_profiles()
        self.ui.profileCombo.setCurrentIndex(self.ui.profileCombo.findData(prof.name))
        self.ui.resultLabel.setText(QCoreApplication.translate("InstrumentsPanel", "Profile {0} added.").format(prof.name))
        return prof

    # ---- connecting ----------------------------------------------------------------------
    def _port_text(self) -> str:
        combo = self.ui.portCombo
        text = combo.currentText().strip()
        i = combo.findText(text)
        data = combo.itemData(i) if i >= 0 else None
        return data["port"] if data else text.split("  ")[0]

    def connect_device(self, port: str | None = None, profile_name: str | None = None, name: str | None = None):
        port = port or self._port_text()
        profile_name = profile_name or self.ui.profileCombo.currentData()
        if not port or profile_name not in self.profiles:
            self.ui.resultLabel.setText(QCoreApplication.translate("InstrumentsPanel", "Choose a port and a device profile first."))
            return None
        name = (name or self.ui.nameEdit.text().strip() or profile_name)
        base, n = name, 2
        while name in self.mgr.readers:
            name, n = f"{base}-{n}", n + 1
        # Reader threads and the GUI share the GIL: a 1 ms switch interval (default 5 ms) lets the
        # GUI thread get it back sooner while devices stream (measured: worst GUI stall 56 -> 36 ms
        # with nine devices; bench/bench_instruments_gui.py).
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        self.hub.connect(DeviceConfig(name, self.profiles[profile_name], port=port))
        self.device_profiles[name] = profile_name
        self._device_row(name, port)
        self.ui.nameEdit.clear()
        return name

    def disconnect_device(self, device: str | None = None):
        if device is None:
            row = self.ui.devicesTable.currentRow()
            device = next((d for d, r in self.device_rows.items() if r == row), None)
        if device is None or device not in self.mgr.readers:
            return
        # joining the reader thread can take up to a read timeout: not on the GUI thread
        start_task(lambda progress, cancelled: self.hub.disconnect(device), label="disconnect")

    def _context_changed(self):
        point = self.session.current_point()
        self.ui.pointLabel.setText(QCoreApplication.translate("InstrumentsPanel", "Readings go to point {0}").format(
            f"<b>{point['code']}</b> {point['name'] or ''}") if point else
            QCoreApplication.translate("InstrumentsPanel", "No sampling point selected: readings are kept, linked to the incident only."))
        self.ui.recordButton.setEnabled(point is not None)

    # ---- GUI-thread slots ----------------------------------------------------------------
    def _records(self, records):
        for rec in records:
            for r in rec.readings:
                if r.parameter in POSITION_PARAMS and rec.fix is not None:
                    continue
                key = (rec.device, r.parameter)
                buf = self.trends.get(key)
                if buf is None:
                    buf = self.trends[key] = deque(maxlen=TREND_POINTS)
                if r.value is not None:
                    buf.append(r.value)
                    self._changed.add(key)
                self._new_values = True
            self.records_seen += 1
        self._dirty = True

    def _status(self, status):
        if isinstance(status, SaveFailed):          # the sink could not write (disk full...)
            self.ui.resultLabel.setText(QCoreApplication.translate(
                "InstrumentsPanel", "⚠ Readings are not being saved yet: {0}").format(status.message))
            return
        row = self._device_row(status.device, status.port)
        t = self.ui.devicesTable
        t.item(row, 3).setText(_state_text(status.state))
        t.item(row, 4).setText(status.reason)
        t.item(row, 4).setToolTip(status.reason)
        if status.port:
            t.item(row, 2).setText(status.port)
        colour = QColor(STATE_COLOURS.get(status.state, "#ffffff"))
        for c in range(t.columnCount()):
            t.item(row, c).setBackground(colour)

    def device_state(self, device: str) -> str:
        """The status text shown for a device (tests, diagnostics)."""
        row = self.device_rows.get(device)
        return self.ui.devicesTable.item(row, 3).text() if row is not None else ""

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
            if r.parameter in POSITION_PARAMS and lv.profile and "gps" in lv.profile.lower():
                continue          # the fix is in the status bar
            key = (lv.device, r.parameter)
            row = self.live_rows.get(key)
            if row is None:
                row = self.live_rows[key] = t.rowCount()
                t.insertRow(row)
                for c in range(5):
                    t.setItem(row, c, QTableWidgetItem(""))
                t.item(row, 0).setText(lv.device)
                t.item(row, 1).setText(parameter_label(resolve_id(r.parameter), r.parameter, ui_lang()))
                t.item(row, 2).setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                t.setItem(row, 5, QTableWidgetItem())
                added = True
            value = _value_text(r)
            item = t.item(row, 2)
            if item.text() != value:             # unchanged cells cost nothing
                item.setText(value)
                item.setForeground(QColor("#b00000") if r.value is None else QColor("#000000"))
            if t.item(row, 3).text() != r.unit:
                t.item(row, 3).setText(r.unit)
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

    def live_value(self, device: str, parameter: str) -> str:
        row = self.live_rows.get((device, parameter))
        return self.ui.liveTable.item(row, 2).text() if row is not None else ""

    # ---- GPS -----------------------------------------------------------------------------
    def _update_gps(self):
        fix = self.mgr.live.fix if self.hub.gps_fix() else None
        if fix is None:
            text = QCoreApplication.translate("InstrumentsPanel", "GPS: no fix")
        else:
            extra = []
            if fix.satellites is not None:
                extra.append(QCoreApplication.translate("InstrumentsPanel", "{0} sat.").format(fix.satellites))
            if fix.hdop is not None:
                extra.append(f"HDOP {fix.hdop:g}")
            text = QCoreApplication.translate("InstrumentsPanel", "GPS: {0:.6f}, {1:.6f}").format(fix.lat, fix.lon) + (
                " · " + " · ".join(extra) if extra else "")
        if self.gps_label.text() != text:
            self.gps_label.setText(text)

    # ---- recording -----------------------------------------------------------------------
    def record(self):
        """Record the current values of every connected device as measurements of the selected point."""
        point = self.session.current_point()
        if point is None:
            self.ui.resultLabel.setText(QCoreApplication.translate("InstrumentsPanel", "Select a sampling point first."))
            return
        values = self.mgr.live.current()
        if not values:
            self.ui.resultLabel.setText(QCoreApplication.translate("InstrumentsPanel", "No live values to record yet."))
            return
        if self._recording:
            return
        self._recording = True
        self._new_values = False
        try:
            future = self.hub.record_current(point["uuid"])
        except Exception as exc:  # noqa: BLE001 - a read-only store: said on screen
            return self._record_failed(error_text(exc))
        when_done(future, lambda res: self._recorded((point, res)), self._record_failed, owner=self,
                  label="record values")

    def _recorded(self, result):
        self._recording = False
        self.recordings += 1
        point, res = result
        text = QCoreApplication.translate("InstrumentsPanel", "Recorded {0} value(s) at {1}.").format(len(res.written), point["code"])
        skipped = [(label, why) for label, why in res.skipped if "position data" not in why]
        if skipped:
            text += " " + QCoreApplication.translate("InstrumentsPanel", "Not recorded: {0}").format(
                "; ".join(f"{label}: {why}" for label, why in skipped[:4]))
        self.ui.resultLabel.setText(text)
        self.host.show_message(text)      # the tables follow by themselves (RecordsChanged)

    def _record_failed(self, text: str):
        self._recording = False
        self.recordings += 1
        self.ui.resultLabel.setText("⚠ " + text.splitlines()[0])

    def _auto_toggled(self, on: bool):
        if on:
            self._auto_timer.start()
        else:
            self._auto_timer.stop()

    def _auto_record(self):
        if self._new_values and self.session.point_uuid is not None:
            self.record()

    # ---- housekeeping --------------------------------------------------------------------
    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:
            self.ui.retranslateUi(self)
            self._setup_tables()
            self._context_changed()
        super().changeEvent(event)

    def shutdown(self):
        """Stop the timers, the readers, and write out what they delivered (window close, tests)."""
        self._repaint.stop()
        self._auto_timer.stop()
        self.hub.stop()


def attach(session, host) -> InstrumentsPanel:
    panel = InstrumentsPanel(session, host)
    host.add_tab(panel, lambda: QCoreApplication.translate("InstrumentsPanel", "Instruments"), "instruments")
    return panel
