"""Import a plan file: choose it, say how to read it, look at the preview, then import (one transaction).

The preview (fieldapp.plans.importer.preview) reads and checks the whole file on a worker and
shows, per layer, what it will become, the field mapping (a column per app field, changeable),
sample rows, and every problem; Import stays disabled until there are none. The import itself is
a writer task with progress and Cancel; a cancel or an error leaves nothing behind.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QProgressBar,
                               QPushButton, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from fieldapp.plans.mapping import KIND_FIELDS, LAYER_KINDS
from fieldapp.ui.workers import start_task, start_write_task

FILTER = "Plan files (*.gpkg *.shp *.geojson *.json *.kml *.kmz *.csv *.txt *.xlsx)"



def kind_words() -> dict:
    return {"auto": QCoreApplication.translate("PlanImportDialog", "read from each feature"), "river": QCoreApplication.translate("PlanImportDialog", "river lines"), "intake": QCoreApplication.translate("PlanImportDialog", "drinking-water intakes"),
            "facility": QCoreApplication.translate("PlanImportDialog", "emergency facilities"), "warehouse": QCoreApplication.translate("PlanImportDialog", "material warehouses"),
            "items": QCoreApplication.translate("PlanImportDialog", "material items (table)")}


def field_words() -> dict:
    return {"id": QCoreApplication.translate("PlanImportDialog", "id"), "name": QCoreApplication.translate("PlanImportDialog", "name"), "kind": QCoreApplication.translate("PlanImportDialog", "kind"), "type": QCoreApplication.translate("PlanImportDialog", "facility type"),
            "lon": QCoreApplication.translate("PlanImportDialog", "longitude"), "lat": QCoreApplication.translate("PlanImportDialog", "latitude"), "river": QCoreApplication.translate("PlanImportDialog", "river"), "stock": QCoreApplication.translate("PlanImportDialog", "stock text"),
            "contact": QCoreApplication.translate("PlanImportDialog", "contact"), "warehouse": QCoreApplication.translate("PlanImportDialog", "warehouse id"), "material": QCoreApplication.translate("PlanImportDialog", "material"),
            "quantity": QCoreApplication.translate("PlanImportDialog", "quantity"), "unit": QCoreApplication.translate("PlanImportDialog", "unit")}


class PlanImportDialog(QDialog):
    imported = Signal(object)          # fieldapp.plans.write.Written

    def __init__(self, session, parent=None, path: str = ""):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(QCoreApplication.translate("PlanImportDialog", "Import a plan"))
        self.resize(1000, 680)
        self.preview = None
        self.task = None
        self.mappings: dict = {}
        self._build(path)

    # ---- layout -------------------------------------------------------------------------
    def _build(self, path: str) -> None:
        form = QFormLayout()
        self.fileEdit = QLineEdit(path)
        browse = QPushButton(QCoreApplication.translate("PlanImportDialog", "Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.fileEdit, 1)
        row.addWidget(browse)
        form.addRow(QCoreApplication.translate("PlanImportDialog", "File:"), row)
        self.planEdit = QLineEdit(Path(path).stem if path else "")
        form.addRow(QCoreApplication.translate("PlanImportDialog", "Plan name:"), self.planEdit)
        self.encodingCombo = QComboBox()
        self.encodingCombo.addItem(QCoreApplication.translate("PlanImportDialog", "detect (.cpg, UTF-8, GBK)"), None)
        for enc in ("UTF-8", "GBK", "GB18030"):
            self.encodingCombo.addItem(enc, enc)
        form.addRow(QCoreApplication.translate("PlanImportDialog", "Text encoding:"), self.encodingCombo)
        self.crsEdit = QLineEdit()
        self.crsEdit.setPlaceholderText(QCoreApplication.translate("PlanImportDialog", "from the file (e.g. EPSG:4490 when it has none)"))
        form.addRow(QCoreApplication.translate("PlanImportDialog", "Coordinate system:"), self.crsEdit)
        self.webMapCheck = QCheckBox(QCoreApplication.translate("PlanImportDialog", "Positions were copied from a consumer web map (GCJ-02): convert to WGS 84"))
        self.swapCheck = QCheckBox(QCoreApplication.translate("PlanImportDialog", "The file stores latitude before longitude"))
        self.skipCheck = QCheckBox(QCoreApplication.translate("PlanImportDialog", "Skip features without geometry"))
        for w in (self.webMapCheck, self.swapCheck, self.skipCheck):
            form.addRow("", w)
        self.previewButton = QPushButton(QCoreApplication.translate("PlanImportDialog", "Preview"))
        self.previewButton.clicked.connect(self.run_preview)
        top = QVBoxLayout(self)
        top.addLayout(form)
        top.addWidget(self.previewButton, 0, Qt.AlignLeft)
        top.addWidget(self._preview_area(), 1)
        self.statusLabel = QLabel()
        self.statusLabel.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.hide()
        top.addWidget(self.statusLabel)
        top.addWidget(self.progress)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Cancel)
        self.importButton = self.buttons.addButton(QCoreApplication.translate("PlanImportDialog", "Import"), QDialogButtonBox.AcceptRole)
        self.importButton.setEnabled(False)
        self.importButton.clicked.connect(self.run_import)
        self.buttons.rejected.connect(self._cancel)
        top.addWidget(self.buttons)

    def _preview_area(self) -> QWidget:
        split = QSplitter(Qt.Horizontal)
        self.layerList = QListWidget()
        self.layerList.currentRowChanged.connect(self._show_layer)
        split.addWidget(self.layerList)
        right = QWidget()
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        kind_row = QHBoxLayout()
        kind_row.addWidget(QLabel(QCoreApplication.translate("PlanImportDialog", "This layer holds:")))
        self.kindCombo = QComboBox()
        for k in LAYER_KINDS:
            self.kindCombo.addItem(kind_words()[k], k)
        self.kindCombo.activated.connect(self._kind_changed)
        kind_row.addWidget(self.kindCombo, 1)
        box.addLayout(kind_row)
        self.mappingTable = QTableWidget(0, 2)
        self.mappingTable.setHorizontalHeaderLabels([QCoreApplication.translate("PlanImportDialog", "App field"), QCoreApplication.translate("PlanImportDialog", "Column in the file")])
        self.mappingTable.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.mappingTable, 1)
        self.sampleTable = QTableWidget(0, 6)
        self.sampleTable.setHorizontalHeaderLabels([QCoreApplication.translate("PlanImportDialog", "Kind"), QCoreApplication.translate("PlanImportDialog", "Type"), QCoreApplication.translate("PlanImportDialog", "Name"), QCoreApplication.translate("PlanImportDialog", "Id"), QCoreApplication.translate("PlanImportDialog", "Longitude"),
                                                    QCoreApplication.translate("PlanImportDialog", "Latitude")])
        self.sampleTable.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.sampleTable, 1)
        self.messages = QListWidget()
        box.addWidget(self.messages, 1)
        split.addWidget(right)
        split.setSizes([220, 760])
        return split

    # ---- preview ------------------------------------------------------------------------
    def _browse(self):
        path, _f = QFileDialog.getOpenFileName(self, QCoreApplication.translate("PlanImportDialog", "Plan file"), self.fileEdit.text(), FILTER)
        if path:
            self.fileEdit.setText(path)
            if not self.planEdit.text():
                self.planEdit.setText(Path(path).stem)
            self.mappings = {}
            self.run_preview()

    def options(self):
        from fieldapp.plans.prepare import Options

        return Options(crs=self.crsEdit.text().strip() or None, gcj02=self.webMapCheck.isChecked(),
                       swap_xy=self.swapCheck.isChecked(), skip_empty=self.skipCheck.isChecked())

    def run_preview(self):
        from fieldapp.plans.importer import preview
        from fieldapp.store.writer import open_reader

        path, opts, enc = self.fileEdit.text().strip(), self.options(), self.encodingCombo.currentData()
        maps, key, store_path = dict(self.mappings) or None, self.planEdit.text().strip() or None, self.session.path
        if not path:
            return
        self.importButton.setEnabled(False)
        self.previewButton.setEnabled(False)
        self.statusLabel.setText(QCoreApplication.translate("PlanImportDialog", "Reading and checking the whole file…"))

        def work(progress, cancelled):
            st = open_reader(store_path)
            try:
                return preview(path, store=st, encoding=enc, options=opts, mappings=maps, source_key=key)
            finally:
                st.close()
        self.task = start_task(work, self._previewed, self._failed, owner=self, label="plan preview")

    def _previewed(self, pv):
        self.preview = pv
        self.previewButton.setEnabled(True)
        self.mappings = {lp.name: lp.mapping for lp in pv.layers}
        self.layerList.clear()
        for lp in pv.layers:
            item = QListWidgetItem(f"{'✔' if not lp.problems else '✘'} {lp.name} ({lp.count})")
            item.setForeground(Qt.darkGreen if not lp.problems else Qt.red)
            self.layerList.addItem(item)
        self.layerList.setCurrentRow(0)
        n_prob = sum(len(lp.problems) for lp in pv.layers)
        self.importButton.setEnabled(pv.ok and bool(pv.prepared))
        self.statusLabel.setText(QCoreApplication.translate("PlanImportDialog", "Ready to import: nothing is stored until you press Import.") if pv.ok else
                                 QCoreApplication.translate("PlanImportDialog", "{0} problem(s): fix the file or the choices above, then preview again.")
                                 .format(n_prob))

    def _failed(self, text: str):
        self.previewButton.setEnabled(True)
        self.progress.hide()
        self.statusLabel.setText(f"<span style='color:#b00'>{text}</span>")

    def _show_layer(self, row: int):
        if self.preview is None or not 0 <= row < len(self.preview.layers):
            return
        lp = self.preview.layers[row]
        self.kindCombo.setCurrentIndex(max(0, self.kindCombo.findData(lp.mapping.layer_kind)))
        self._fill_mapping(lp)
        self.sampleTable.setRowCount(len(lp.sample))
        for r, values in enumerate(lp.sample):
            for c, v in enumerate(values):
                self.sampleTable.setItem(r, c, QTableWidgetItem(str(v)))
        self.messages.clear()
        head = QCoreApplication.translate("PlanImportDialog", "{0} feature(s) as {1}; coordinates {2} ({3}); text {4}").format(
            lp.count, kind_words().get(lp.mapping.layer_kind, lp.kind), lp.crs or "-", lp.conversion, lp.encoding)
        self.messages.addItem(head + (QCoreApplication.translate("PlanImportDialog", " · saved mapping") if lp.mapping_saved else ""))
        for p in lp.problems:
            item = QListWidgetItem("✘ " + p)
            item.setForeground(Qt.red)
            self.messages.addItem(item)
        for w in lp.warnings:
            self.messages.addItem("⚠ " + w)

    def _fill_mapping(self, lp):
        fields = KIND_FIELDS.get(lp.mapping.layer_kind, KIND_FIELDS["auto"])
        self.mappingTable.setRowCount(len(fields))
        for r, f in enumerate(fields):
            self.mappingTable.setItem(r, 0, QTableWidgetItem(field_words()[f]))
            combo = QComboBox()
            combo.addItem(QCoreApplication.translate("PlanImportDialog", "(none)"), "")
            for col in lp.fields:
                combo.addItem(col, col)
            combo.setCurrentIndex(max(0, combo.findData(lp.mapping.fields.get(f, ""))))
            combo.activated.connect(lambda _i, f=f, c=combo, name=lp.name: self._field_changed(name, f, c.currentData()))
            self.mappingTable.setCellWidget(r, 1, combo)

    def _field_changed(self, layer: str, app_field: str, column: str):
        m = self.mappings[layer]
        if column:
            m.fields[app_field] = column
        else:
            m.fields.pop(app_field, None)
        self.run_preview()

    def _kind_changed(self, _i):
        row = self.layerList.currentRow()
        if self.preview is None or row < 0:
            return
        lp = self.preview.layers[row]
        from fieldapp.plans.mapping import guess_mapping

        kind = self.kindCombo.currentData()
        self.mappings[lp.name] = guess_mapping(lp.fields, kind)
        self.run_preview()

    # ---- import -------------------------------------------------------------------------
    def run_import(self):
        from fieldapp.plans.write import write_prepared

        pv, name = self.preview, self.planEdit.text().strip() or Path(self.fileEdit.text()).stem
        if pv is None or not pv.ok:
            return
        self.importButton.setEnabled(False)
        self.previewButton.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.statusLabel.setText(QCoreApplication.translate("PlanImportDialog", "Importing… (Cancel leaves nothing behind)"))
        self.task = start_write_task(
            self.session, lambda store, progress, cancelled: write_prepared(
                store, pv.prepared, plan_name=name, source_key=name, progress=progress, cancelled=cancelled),
            self._imported, self._failed, self._progress, owner=self, label=QCoreApplication.translate("PlanImportDialog", "plan import"))

    def _progress(self, done: int, total: int):
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _imported(self, written):
        self.progress.hide()
        self.task = None
        self.imported.emit(written)
        self.accept()

    def _cancel(self):
        if self.task is not None and not self.task.finished:
            self.task.cancel()
            self.statusLabel.setText(QCoreApplication.translate("PlanImportDialog", "Cancelling…"))
            return
        self.reject()
