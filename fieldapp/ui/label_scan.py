"""Scanning a sample label: a field above the samples table takes the QR text, typed or from a
barcode scanner that acts as a keyboard (it types the text and presses Enter), and selects the
sample: its incident, its point, its row. F8 puts the cursor in the field from anywhere in the
window, so a scan lands there. What the text means is decided in the core (reports.label_code).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from fieldapp.reports.label_code import find_sample


class LabelScan(QWidget):
    def __init__(self, win):
        super().__init__()
        self.win = win
        self.edit = QLineEdit(self)
        self.edit.setObjectName("labelScanEdit")
        self.edit.setPlaceholderText(self.tr("Scan or type a sample label (F8)"))
        self.edit.setClearButtonEnabled(True)
        self.result = QLabel(self)
        self.result.setObjectName("labelScanResult")
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 2)
        lay.addWidget(self.result, 3)
        self.edit.returnPressed.connect(self.scanned)
        QShortcut(QKeySequence(Qt.Key_F8), win, self.focus)

    def focus(self) -> None:
        tabs = self.win.ui.detailTabs
        tabs.setCurrentWidget(self.win.ui.samplesTab)
        self.edit.setFocus()
        self.edit.selectAll()

    def scanned(self) -> dict | None:
        text = self.edit.text()
        sample = find_sample(self.win.store, text)
        if sample is None:
            self.result.setText("<span style='color:#c00000'>" + self.tr("No sample with this label in this store")
                                + "</span>")
            self.edit.selectAll()
            return None
        win = self.win
        if not win.incident or win.incident["uuid"] != sample["incident_uuid"]:
            win.reload_incidents(select=sample["incident_uuid"])
        win.select_point(sample["point_uuid"])
        row = win.samples_model.find(sample["uuid"])
        if row >= 0:
            win.ui.samplesTable.selectRow(row)
        win.ui.detailTabs.setCurrentWidget(win.ui.samplesTab)
        self.result.setText(self.tr("Selected {0}").format(sample["sample_code"]))
        self.edit.clear()
        return sample


def attach(win) -> LabelScan:
    scan = LabelScan(win)
    win.label_scan = scan
    win.ui.samplesLayout.insertWidget(0, scan)
    return scan
