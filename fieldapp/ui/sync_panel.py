"""The Sync tab (forms/sync_panel.ui): export/import bundles, the receipt, conflicts, trusted keys.

Exports and imports run on a QThread with their own store connection (SQLite connections stay on
the thread that made them); progress and the result come back through queued signals, and Cancel
sets a flag the core checks between batches, which rolls the import back whole.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QFileDialog, QHeaderView, QInputDialog, QMessageBox, QTableWidgetItem, QWidget

from fieldapp.store import StoreError, open_store
from fieldapp.sync import conflicts, export_bundle, import_bundle, keys, peers, view
from fieldapp.ui.forms.ui_sync_panel import Ui_SyncPanel

BUNDLE_FILTER = "FieldApp bundle (*.fabundle *.zip);;All files (*)"


class SyncJob(QObject):
    """One export or import on a worker thread; ``kind`` is 'export' or 'import'."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, store_path: Path, kind: str, path: Path, options: dict):
        super().__init__()
        self.store_path, self.kind, self.path, self.options = store_path, kind, path, options
        self.cancel_flag = threading.Event()

    def run(self) -> None:
        try:
            with open_store(self.store_path) as st:
                fn = export_bundle if self.kind == "export" else import_bundle
                result = fn(
                    st,
                    self.path,
                    progress=lambda d, t: self.progress.emit(d, t),
                    cancel=self.cancel_flag.is_set,
                    **self.options,
                )
        except StoreError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001  (reported on screen, never raised into Qt's thread)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(result)


class SyncPanel(QWidget):
    busy_changed = Signal(bool)
    job_done = Signal(str)  # 'export' | 'import' | 'failed': lets tests and the window wait on it

    def __init__(self, win):
        super().__init__()
        self.win = win
        self.ui = Ui_SyncPanel()
        self.ui.setupUi(self)
        self.thread: QThread | None = None
        self.job: SyncJob | None = None
        self.last_receipt = None
        for table in (self.ui.conflictTable, self.ui.keysTable, self.ui.teamsTable):
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
            table.horizontalHeader().setStretchLastSection(True)
            table.verticalHeader().hide()
        u = self.ui
        u.exportButton.clicked.connect(self.choose_export)
        u.importButton.clicked.connect(self.choose_import)
        u.cancelButton.clicked.connect(self.cancel)
        u.exportKeyButton.clicked.connect(self.save_key_file)
        u.importKeyButton.clicked.connect(self.trust_key_file)
        u.removeKeyButton.clicked.connect(self.remove_key)
        u.reviewedButton.clicked.connect(self.mark_reviewed)
        u.saveReceiptButton.clicked.connect(self.save_receipt)
        u.encryptCheck.toggled.connect(u.encryptCombo.setEnabled)
        u.encryptCombo.setEnabled(False)
        self.refresh()

    @property
    def store(self):
        return self.win.store

    # ---- display ------------------------------------------------------------------------
    def refresh(self) -> None:
        st = self.store
        ident = st.identity
        if ident is None:
            return
        pub = keys.public_hex(st)
        self.ui.identityLabel.setText(
            QCoreApplication.translate("SyncPanel", "Team: %1   Device: %2")
            .replace("%1", ident.team)
            .replace("%2", ident.device)
        )
        self.ui.codeLabel.setText(
            QCoreApplication.translate("SyncPanel", "Read-aloud code: %1").replace("%1", keys.read_aloud(pub))
        )
        self.ui.codeLabel.setStyleSheet("font-family: monospace; font-weight: bold;")
        trusted = keys.trusted_keys(st)
        names = sorted({p["peer"] for p in peers(st)} | {k["team"] for k in trusted if k["team"]})
        current = self.ui.peerCombo.currentText()
        self.ui.peerCombo.clear()
        self.ui.peerCombo.addItems(names)
        if current:
            self.ui.peerCombo.setCurrentText(current)
        self.ui.encryptCombo.clear()
        for k in trusted:
            self.ui.encryptCombo.addItem(f"{k['team']} / {k['device']}  {k['code']}", k["public_key"])
        self._fill(
            self.ui.keysTable,
            [
                QCoreApplication.translate("SyncPanel", "Code"),
                QCoreApplication.translate("SyncPanel", "Team"),
                QCoreApplication.translate("SyncPanel", "Device"),
                QCoreApplication.translate("SyncPanel", "Added"),
            ],
            [[k["code"], k["team"], k["device"], k["added_at"][:16].replace("T", " ")] for k in trusted],
            [k["public_key"] for k in trusted],
        )
        cons = view.conflicts(st)
        self._fill(
            self.ui.conflictTable,
            [
                QCoreApplication.translate("SyncPanel", "Table"),
                QCoreApplication.translate("SyncPanel", "Record"),
                QCoreApplication.translate("SyncPanel", "Kept version"),
                QCoreApplication.translate("SyncPanel", "Team"),
                QCoreApplication.translate("SyncPanel", "Edited at"),
                QCoreApplication.translate("SyncPanel", "Current value"),
            ],
            [
                [
                    c["table_name"],
                    c["uuid"][:8],
                    str(c["version"]),
                    c["created_by_team"],
                    c["updated_at"][:16].replace("T", " "),
                    self._current_summary(c),
                ]
                for c in cons
            ],
            [(c["table_name"], c["uuid"], c["variant"]) for c in cons],
        )
        self.ui.detailTabs.setTabText(
            1,
            QCoreApplication.translate("SyncPanel", "Conflicts to review (%1)").replace("%1", str(len(cons))),
        )
        rows = view.summary(st)
        self._fill(
            self.ui.teamsTable,
            [
                QCoreApplication.translate("SyncPanel", "Team"),
                QCoreApplication.translate("SyncPanel", "Table"),
                QCoreApplication.translate("SyncPanel", "Records"),
            ],
            [[r["team"], r["table"], str(r["records"])] for r in rows],
            None,
        )

    def _current_summary(self, c: dict) -> str:
        return conflicts.summary(self.store, c)

    @staticmethod
    def _fill(table, headers, rows, keys_) -> None:
        table.clear()
        table.setColumnCount(len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if keys_ is not None and c == 0:
                    item.setData(256, keys_[r])
                table.setItem(r, c, item)

    # ---- jobs ---------------------------------------------------------------------------
    def choose_export(self) -> None:
        name = f"{self.store.require_identity().team}-{self.ui.peerCombo.currentText() or 'all'}.fabundle"
        path, _ = QFileDialog.getSaveFileName(
            self, QCoreApplication.translate("SyncPanel", "Export bundle"), name, BUNDLE_FILTER
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        peer = self.ui.peerCombo.currentText().strip() or None
        opts = {
            "peer": peer,
            "incremental": self.ui.incrementalRadio.isChecked() and bool(peer),
            "seal_to": self.ui.encryptCombo.currentData() if self.ui.encryptCheck.isChecked() else None,
        }
        self._start("export", path, opts)

    def choose_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("SyncPanel", "Import bundle"), "", BUNDLE_FILTER
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> None:
        self._start("import", path, {})

    def _start(self, kind: str, path: Path, options: dict) -> None:
        if self.thread is not None:
            return
        self.job = SyncJob(self.store.path, kind, path, options)
        self.thread = QThread(self)
        self.job.moveToThread(self.thread)
        self.thread.started.connect(self.job.run)
        self.job.progress.connect(self._progress)
        self.job.finished.connect(self._finished)
        self.job.failed.connect(self._failed)
        self.ui.progressBar.setValue(0)
        self.ui.statusLabel.setText(
            QCoreApplication.translate("SyncPanel", "Exporting…")
            if kind == "export"
            else QCoreApplication.translate("SyncPanel", "Importing…")
        )
        self._busy(True)
        self.thread.start()

    def _progress(self, done: int, total: int) -> None:
        self.ui.progressBar.setMaximum(max(total, 1))
        self.ui.progressBar.setValue(min(done, total))

    def cancel(self) -> None:
        if self.job:
            self.job.cancel_flag.set()

    def _stop_thread(self) -> str:
        kind = self.job.kind if self.job else ""
        self.thread.quit()
        self.thread.wait()
        self.thread.deleteLater()
        self.thread, self.job = None, None
        self._busy(False)
        return kind

    def _finished(self, result) -> None:
        kind = self._stop_thread()
        if kind == "export":
            n = sum(result["counts"].values())
            self.ui.statusLabel.setText(
                QCoreApplication.translate("SyncPanel", "Bundle written: %1 records (%2).")
                .replace("%1", str(n))
                .replace("%2", result["kind"])
            )
        else:
            self.last_receipt = result
            self.ui.receiptText.setPlainText(result.to_text())
            self.ui.saveReceiptButton.setEnabled(True)
            self.ui.detailTabs.setCurrentIndex(0)
            self.ui.statusLabel.setText(
                QCoreApplication.translate(
                    "SyncPanel", "Imported: %1 added, %2 updated, %3 conflicts kept for review, %4 refused."
                )
                .replace("%1", str(result.total("added")))
                .replace("%2", str(result.total("updated")))
                .replace("%3", str(result.total("conflicted")))
                .replace("%4", str(result.total("refused")))
                if result.status == "imported"
                else QCoreApplication.translate("SyncPanel", "Already imported earlier: nothing changed.")
            )
            self.win.data_changed.emit()
            if hasattr(self.win, "reload_points"):
                self.win.reload_points()
        self.refresh()
        self.job_done.emit(kind)

    def _failed(self, message: str) -> None:
        self._stop_thread()
        self.ui.statusLabel.setText(
            QCoreApplication.translate("SyncPanel", "Refused, nothing was changed: %1").replace("%1", message)
        )
        self.ui.receiptText.setPlainText(message)
        self.job_done.emit("failed")

    def _busy(self, busy: bool) -> None:
        for w in (self.ui.exportButton, self.ui.importButton):
            w.setEnabled(not busy)
        self.ui.cancelButton.setEnabled(busy)
        self.busy_changed.emit(busy)

    # ---- keys, conflicts, receipt --------------------------------------------------------
    def save_key_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("SyncPanel", "Save key file"),
            f"{self.store.require_identity().team}.fieldapp-key.json",
            "Key file (*.json)",
        )
        if path:
            keys.export_key(self.store, path)

    def trust_key_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, QCoreApplication.translate("SyncPanel", "Trust a key file"), "", "Key file (*.json)"
        )
        if not path:
            return
        code, ok = QInputDialog.getText(
            self,
            QCoreApplication.translate("SyncPanel", "Check the code"),
            QCoreApplication.translate(
                "SyncPanel", "Ask the sender to read their code aloud and type it here:"
            ),
        )
        if not ok:
            return
        try:
            keys.import_key_file(self.store, path, expected_code=code)
        except StoreError as exc:
            QMessageBox.warning(self, QCoreApplication.translate("SyncPanel", "Key not trusted"), str(exc))
        self.refresh()

    def remove_key(self) -> None:
        row = self.ui.keysTable.currentRow()
        if row >= 0:
            keys.untrust(self.store, self.ui.keysTable.item(row, 0).data(256))
            self.refresh()

    def mark_reviewed(self) -> None:
        rows = {i.row() for i in self.ui.conflictTable.selectedItems()}
        for r in rows:
            view.mark_reviewed(self.store, *self.ui.conflictTable.item(r, 0).data(256))
        self.refresh()

    def save_receipt(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("SyncPanel", "Save receipt"),
            "receipt.json",
            "JSON (*.json);;Text (*.txt)",
        )
        if path and self.last_receipt:
            self.last_receipt.write(path)


def attach(win) -> SyncPanel:
    panel = SyncPanel(win)
    win.sync_panel = panel
    win.ui.mainTabs.addTab(panel, QCoreApplication.translate("SyncPanel", "Sync"))
    return panel
