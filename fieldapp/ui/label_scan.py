"""Scanning a sample label: a field above the samples table takes the QR text, typed or from a
barcode scanner that acts as a keyboard (it types the text and presses Enter), and selects the
sample: its incident, its point, its row. F8 puts the cursor in the field from anywhere in the
window, so a scan lands there. What the text means is decided in the core (reports.label_code).
"""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from fieldapp.reports.label_code import find_sample


class LabelScan(QWidget):
    """The scan field. The window owns it (it sits above the window's samples table) and gives it
    ``select(sample)``, which switches incident and point through the session and selects the row."""

    def __init__(self, session, select, parent=None):
        super().__init__(parent)
        self.session, self.select = session, select
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

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def scanned(self) -> dict | None:
        sample = find_sample(self.session.store, self.edit.text())
        if sample is None:
            self.result.setText("<span style='color:#c00000'>" + self.tr("No sample with this label in this store")
                                + "</span>")
            self.edit.selectAll()
            return None
        self.select(sample)
        self.result.setText(self.tr("Selected {0}").format(sample["sample_code"]))
        self.edit.clear()
        return sample
