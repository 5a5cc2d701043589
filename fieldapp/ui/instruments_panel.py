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
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QHeaderView, QLabel, QWidget

from fieldapp.app.events import (DeviceStatusChanged, IncidentChanged, PointChanged, ReadingsArrived,
                                 SaveFailed)
from fieldapp.instruments import (
    DeviceConfig,
    ProfileError,
    list_serial_ports,
    load_profile,
    recognise,
)
from fieldapp.instruments.connection import PortInUse
from fieldapp.instruments.profiles import scan_profiles, user_profile_dir
from fieldapp.ui.forms.ui_instruments_panel import Ui_InstrumentsPanel
from fieldapp.ui.instrument_tables import POSITION_PARAMS, DeviceTables
from fieldapp.ui.labels import ui_lang
from fieldapp.ui.sparkline import TREND_POINTS
from fieldapp.ui.workers import error_text, start_task, when_done

REPAINT_MS = 250
DEVICE_ROWS_SHOWN = 2         # the device table always shows this many whole rows (more when there is room)



class InstrumentsPanel(DeviceTables, QWidget):
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
        self._stopping: set[str] = set()     # disconnect asked: nothing more from it is shown
        self._add_learn_row()

        self.gps_label = QLabel()
        host.add_status_widget(self.gps_label)
        self._setup_tables()
        ui_split = self.ui.splitter
        ui_split.setStretchFactor(0, 1)
        ui_split.setStretchFactor(1, 3)
        ui_split.setSizes([self.ui.devicesTable.minimumHeight() + 2 * 32, 480])
        self._split_sized = False           # four device rows once the tab has its real height
        ui_split.setCollapsible(0, False)
        self.load_profiles()
        self.refresh_ports()
        self._update_gps()

        ui = self.ui
        ui.refreshPortsButton.clicked.connect(self.refresh_ports)
        ui.portCombo.activated.connect(self._port_chosen)
        ui.profileFileButton.clicked.connect(self.add_profile_file)
        ui.connectButton.clicked.connect(self.connect_device)
        ui.disconnectButton.clicked.connect(lambda: self.disconnect_device())
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

    def showEvent(self, event):  # noqa: N802
        super().showEvent(event)
        if not self._split_sized:
            self._split_sized = True
            QTimer.singleShot(0, self, self._size_splitter)

    def _size_splitter(self):
        """Four whole device rows where the window has room (two at the least: 1366×768 laptops)."""
        sp = self.ui.splitter
        total, want = sum(sp.sizes()), self.ui.devicesTable.minimumHeight() + 2 * 32
        if total >= want + 160:
            sp.setSizes([want, total - want])

    @property
    def sink(self):
        return self.hub.sink

    # ---- setup ---------------------------------------------------------------------------
    def _add_learn_row(self):
        """The profile folder (the one the CLI reads too) and the way to set up a new device."""
        from PySide6.QtWidgets import QPushButton

        self.folderLabel = QLabel()
        self.folderLabel.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.folderLabel.setWordWrap(True)
        self.learnButton = QPushButton(QCoreApplication.translate("InstrumentsPanel", "Learn a ne&w device…"))
        self.learnButton.setToolTip(QCoreApplication.translate(
            "InstrumentsPanel", "Connect an instrument FieldApp does not know: it listens, proposes a profile "
            "and shows what it would read"))
        self.learnButton.clicked.connect(lambda: self.open_learn_dialog())
        # Two rows of buttons and the folder line, so the tab fits 1366×768 under the first-hour
        # strip: Connect beside the name, Learn and Disconnect beside the profile.
        ui, grid = self.ui, self.ui.connectLayout
        grid.removeWidget(ui.connectButton)
        grid.addWidget(ui.connectButton, 0, 5)
        grid.addWidget(self.learnButton, 1, 3)
        ui.deviceButtons.removeWidget(ui.disconnectButton)
        grid.addWidget(ui.disconnectButton, 1, 4, 1, 2)
        grid.addWidget(self.folderLabel, 2, 0, 1, 6)

    def open_learn_dialog(self, port: str | None = None, show: bool = True):
        from fieldapp.ui.learn_dialog import LearnDialog

        dlg = LearnDialog(self, port or self._port_text(), busy_ports=self._open_ports())
        dlg.saved.connect(self._learned)
        if show:
            dlg.open()
        return dlg

    def _learned(self, name: str):
        self.load_profiles()
        self.ui.profileCombo.setCurrentIndex(self.ui.profileCombo.findData(name))
        self.ui.resultLabel.setText(QCoreApplication.translate(
            "InstrumentsPanel", "Profile {0} saved in your profile folder: choose it and connect.").format(name))

    def _open_ports(self) -> set:
        return {r.current_port or r.cfg.port for r in self.mgr.readers.values()}

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
        # Tall enough for several whole rows (not one and a half): header + rows + frame.
        d.setMinimumHeight(d.horizontalHeader().sizeHint().height() + DEVICE_ROWS_SHOWN * 32 + 2 * d.frameWidth() + 4)
        d.setWordWrap(False)

    def load_profiles(self):
        """Built-in profiles plus the team's own folder (the same one the CLI reads); a broken file is
        listed, never fatal."""
        self.profiles, problems = scan_profiles()
        self.folderLabel.setText(QCoreApplication.translate("InstrumentsPanel", "Your device profiles: {0}").format(
            f"<code>{user_profile_dir()}</code>"))
        combo = self.ui.profileCombo
        current = combo.currentData()
        combo.clear()
        for name in sorted(self.profiles):
            prof = self.profiles[name]
            # descriptions are English (profile files); in Chinese a profile is named by its model id
            desc = prof.data.get("description_zh") if ui_lang() == "zh" else prof.description
            label = f"{name} — {desc}" if desc else name
            if prof.modelled:
                label += QCoreApplication.translate("InstrumentsPanel", " (modelled format: check with the device)")
            combo.addItem(label, name)
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
        for vp in self.hub.virtual_ports:     # a drill's simulated instruments (fieldapp.ui.drill_ui)
            prof = vp["profile"]
            if prof.name not in self.profiles:
                self.profiles[prof.name] = prof
                self.ui.profileCombo.addItem(vp["label"], prof.name)
            combo.addItem(f"{vp['port']}  ({vp['label']})", {"port": vp["port"], "profile": prof.name})
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
        user = self.mgr.port_user(port)
        if user is not None:
            self.ui.resultLabel.setText("⚠ " + QCoreApplication.translate(
                "InstrumentsPanel", "Port {0} is already open for {1}: disconnect it first, or choose another "
                "port.").format(port, user))
            return None
        # Reader threads and the GUI share the GIL: a 1 ms switch interval (default 5 ms) lets the
        # GUI thread get it back sooner while devices stream (measured: worst GUI stall 56 -> 36 ms
        # with nine devices; bench/bench_instruments_gui.py).
        sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))
        try:
            self.hub.connect(DeviceConfig(name, self.profiles[profile_name], port=port))
        except PortInUse as exc:          # the check above raced with another connect
            self.ui.resultLabel.setText(f"⚠ {exc}")
            return None
        self._stopping.discard(name)
        self.device_profiles[name] = profile_name
        row = self._device_row(name, port)
        t = self.ui.devicesTable
        t.item(row, 1).setText(profile_name)
        t.item(row, 2).setText(port)
        self._paint_row(row, "connecting", QCoreApplication.translate("InstrumentsPanel", "opening the port…"))
        t.selectRow(row)
        self.ui.nameEdit.clear()
        return name

    def disconnect_device(self, device: str | None = None):
        """Stop the selected device (or the only one): no value of it is shown after this call, and
        its reader thread ends within a second."""
        if device is None:
            row = self.ui.devicesTable.currentRow()
            device = next((d for d, r in self.device_rows.items() if r == row), None)
            active = [d for d in self.mgr.readers if d not in self._stopping]
            if device not in active and len(active) == 1:
                device = active[0]
        if device is None or device not in self.mgr.readers or device in self._stopping:
            if len(self.mgr.readers) > 1:
                self.ui.resultLabel.setText(QCoreApplication.translate(
                    "InstrumentsPanel", "Select the device row to disconnect first."))
            return
        self._stopping.add(device)
        self._paint_row(self.device_rows[device], "stopping", "")
        self._drop_live_rows(device)
        # joining the reader thread can take up to a read timeout: not on the GUI thread
        start_task(lambda progress, cancelled: self.hub.disconnect(device),
                   lambda _result: self._stopped(device), owner=self, label="disconnect")

    def _stopped(self, device: str):
        if device in self.device_rows and device not in self.mgr.readers:
            self._paint_row(self.device_rows[device], "stopped", "")

    def _drop_live_rows(self, device: str):
        """The device's values leave the live table: they are no longer current."""
        t = self.ui.liveTable
        for row in sorted((r for (dev, _c), r in self.live_rows.items() if dev == device), reverse=True):
            t.removeRow(row)
        kept = sorted(((r, k) for k, r in self.live_rows.items() if k[0] != device))
        self.live_rows = {k: i for i, (_r, k) in enumerate(kept)}
        for key in [k for k in self.trends if k[0] == device]:
            del self.trends[key]

    def _context_changed(self):
        point = self.session.current_point()
        self.ui.pointLabel.setText(QCoreApplication.translate("InstrumentsPanel", "Readings go to point {0}").format(
            f"<b>{point['code']}</b> {point['name'] or ''}") if point else
            QCoreApplication.translate("InstrumentsPanel", "No sampling point selected: readings are kept, linked to the incident only."))
        self.ui.recordButton.setEnabled(point is not None)

    # ---- GUI-thread slots ----------------------------------------------------------------
    def _records(self, records):
        for rec in records:
            if rec.device in self._stopping:        # disconnect asked: in-flight values are not shown
                continue
            for r in rec.readings:
                if r.parameter in POSITION_PARAMS and rec.fix is not None:
                    continue
                key = (rec.device, r.channel)
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
        if status.device in self._stopping and status.state != "stopped":
            return                        # a late status of a device being disconnected
        row = self._device_row(status.device, status.port)
        if status.port:
            self.ui.devicesTable.item(row, 2).setText(status.port)
        self._paint_row(row, status.state, status.reason)

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
            if not fix.datum_ok:
                extra.append("⚠ " + QCoreApplication.translate("InstrumentsPanel", "datum {0}, not WGS 84").format(
                    fix.datum))
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
