"""Set up a new device without YAML (forms/learn_dialog.ui): listen, check the proposal, save.

The core does the work (``fieldapp.instruments.learn``): listening at the common baud rates runs on
a worker thread; the proposal's channels are shown with the vocabulary's names, each editable
from the parameters whose units fit; the preview column shows what the proposed profile reads
from the lines just heard, so the technician sees the values before saving anything.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QHeaderView, QTableWidgetItem

from fieldapp.instruments.learn import LearnError, listen, preview, propose, save
from fieldapp.ui.forms.ui_learn_dialog import Ui_LearnDialog
from fieldapp.ui.labels import ui_lang
from fieldapp.ui.workers import start_task
from fieldapp.vocab import load_vocabulary, parameter_label, plain, unit_fits


def _converted(r) -> bool:
    """True when the stored value differs from the token (the unit was converted)."""
    if r.value is None or not r.unit_orig:
        return False
    try:
        return abs(float(r.text.replace(",", ".").lstrip("<>")) - r.value) > 1e-12 * max(1.0, abs(r.value))
    except ValueError:
        return False


class LearnDialog(QDialog):
    saved = Signal(str)              # the new profile's name

    def __init__(self, parent=None, port: str = "", busy_ports: set | None = None, seconds: float = 2.5):
        super().__init__(parent)
        self.ui = Ui_LearnDialog()
        self.ui.setupUi(self)
        self.busy_ports = busy_ports or set()
        self.seconds = seconds
        self.capture = None
        self.proposal = None
        self.saved_path = None
        self.listening = False
        ui = self.ui
        ui.portEdit.setText(port)
        ui.channelsTable.setColumnCount(4)
        ui.channelsTable.setHorizontalHeaderLabels([
            QCoreApplication.translate("LearnDialog", "Device label"),
            QCoreApplication.translate("LearnDialog", "Parameter"),
            QCoreApplication.translate("LearnDialog", "Unit"),
            QCoreApplication.translate("LearnDialog", "Value read")])
        ui.channelsTable.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        ui.channelsTable.verticalHeader().setVisible(False)
        ui.listenButton.clicked.connect(self.start_listening)
        ui.saveButton.clicked.connect(self.save_profile)
        ui.closeButton.clicked.connect(self.reject)

    # ---- listening -----------------------------------------------------------------------
    def _commands(self) -> list[str]:
        return [c.strip() for c in self.ui.commandEdit.text().split(";") if c.strip()]

    def start_listening(self):
        port = self.ui.portEdit.text().strip()
        if not port:
            self.ui.statusLabel.setText("⚠ " + QCoreApplication.translate(
                "LearnDialog", "Type the port the cable is on first."))
            return
        if port in self.busy_ports:
            self.ui.statusLabel.setText("⚠ " + QCoreApplication.translate(
                "LearnDialog", "Port {0} is open for a connected device: disconnect it first.").format(port))
            return
        self.listening = True
        self.ui.listenButton.setEnabled(False)
        self.ui.statusLabel.setText(QCoreApplication.translate(
            "LearnDialog", "Listening on {0} at the common baud rates…").format(port))
        send, seconds = self._commands(), self.seconds
        start_task(lambda progress, cancelled: listen(port, seconds=seconds, send=send), self._heard,
                   self._failed, owner=self, label="learn a device")

    def _failed(self, text: str):
        self.listening = False
        self.ui.listenButton.setEnabled(True)
        first = text.splitlines()[0]
        self.ui.statusLabel.setText("⚠ " + first.split(": ", 1)[-1] if first.startswith("LearnError") else
                                    "⚠ " + first)

    def _heard(self, capture):
        self.listening = False
        self.ui.listenButton.setEnabled(True)
        self.capture = capture
        self.ui.linesView.setPlainText("\n".join(line.decode("cp1252", "replace") for line in capture.lines[:40]))
        name = self.ui.nameEdit.text().strip() or "new_device"
        try:
            self.proposal = propose(capture.lines, name, capture.baudrate, self._commands())
        except LearnError as exc:
            self.ui.statusLabel.setText(f"⚠ {exc}")
            return
        self.ui.statusLabel.setText(QCoreApplication.translate("LearnDialog", "Heard {0} lines at {1} baud.").format(
            len(capture.lines), capture.baudrate))
        self.ui.nameEdit.setText(name)
        self._show_proposal()

    # ---- the proposal --------------------------------------------------------------------
    def _parameter_combo(self, unit: str, current: str | None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(QCoreApplication.translate("LearnDialog", "— not named —"), None)
        lang = ui_lang()
        for p in sorted(load_vocabulary().parameters.values(), key=lambda p: p.name(lang)):
            if not unit or unit_fits(p, unit):
                combo.addItem(f"{p.label(lang)} ({p.id})", p.id)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        return combo

    def _show_proposal(self):
        t = self.ui.channelsTable
        entries = self.proposal.entries()
        t.setRowCount(len(entries))
        values = self._preview_values()
        for row, (channel, unit, pid) in enumerate(entries):
            t.setItem(row, 0, QTableWidgetItem(channel))
            combo = self._parameter_combo(unit, pid)
            combo.currentIndexChanged.connect(lambda _i, c=channel, box=combo: self._renamed(c, box))
            t.setCellWidget(row, 1, combo)
            t.setItem(row, 2, QTableWidgetItem(unit))
            t.setItem(row, 3, QTableWidgetItem(values.get(channel, "")))
        self.ui.notesLabel.setText("\n".join(f"• {n}" for n in self.proposal.notes))
        self.ui.saveButton.setEnabled(not self.proposal.unnamed)

    def _preview_values(self) -> dict:
        """channel -> value text of the last line the proposed profile reads."""
        records = [r for r in preview(self.proposal.profile, self.capture.lines, self._commands()) if r.is_data]
        if not records:
            return {}
        return {r.channel: f"{r.text} {r.unit_orig}".strip()
                + (f" → {plain(r.value)} {r.unit}" if _converted(r) else "") for r in records[-1].readings}

    def _renamed(self, channel: str, combo: QComboBox):
        pid = combo.currentData()
        if pid is None:
            return
        self.proposal.rename(channel, pid)
        self._show_proposal()

    def channel_parameters(self) -> dict:
        """channel -> parameter label as shown (tests, screenshots)."""
        t = self.ui.channelsTable
        return {t.item(r, 0).text(): t.cellWidget(r, 1).currentText() for r in range(t.rowCount())}

    def set_parameter(self, channel: str, pid: str):
        t = self.ui.channelsTable
        for r in range(t.rowCount()):
            if t.item(r, 0).text() == channel:
                combo = t.cellWidget(r, 1)
                combo.setCurrentIndex(combo.findData(pid))
                return

    # ---- saving --------------------------------------------------------------------------
    def save_profile(self, folder=None):
        if self.proposal is None:
            return None
        name = self.ui.nameEdit.text().strip()
        self.proposal.profile["name"] = name
        try:
            self.saved_path = save(self.proposal.profile, folder)
        except LearnError as exc:
            self.ui.statusLabel.setText(f"⚠ {exc}")
            return None
        self.ui.statusLabel.setText(QCoreApplication.translate("LearnDialog", "Saved {0}.").format(str(self.saved_path)))
        self.saved.emit(name)
        return self.saved_path

    def label_of(self, pid: str) -> str:
        return parameter_label(pid, pid, ui_lang())
