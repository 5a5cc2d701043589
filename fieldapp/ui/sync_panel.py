"""The Sync tab (forms/sync_panel.ui): export/import bundles, the receipt, conflicts, trusted keys.

Exports and imports are tasks on the store's writer thread (``start_write_task``: they write, and
the writer is the only one that does); progress and the result come back as signals on the GUI
thread, and Cancel sets the flag the core checks between batches, which rolls an import back
whole. What an import changed reaches every view through the session's ``RecordsChanged``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QFileDialog, QHeaderView, QInputDialog, QMessageBox, QTableWidgetItem, QWidget

from fieldapp.app.events import BundleImported, RecordsChanged
from fieldapp.store import StoreError
from fieldapp.sync import conflicts, export_bundle, import_bundle, keys, peers, view
from fieldapp.ui.forms.ui_sync_panel import Ui_SyncPanel
from fieldapp.ui.workers import start_write_task

BUNDLE_FILTER = "FieldApp bundle (*.fabundle *.zip);;All files (*)"
SYNC_TABLES = ("sync_trusted_keys", "sync_record_versions", "sync_peers", "meta")


def _bundle_job(kind: str, path: Path, options: dict):
    fn = export_bundle if kind == "export" else import_bundle

    def work(store, progress, cancelled):
        return fn(store, path, progress=progress, cancel=cancelled, **options)
    return work


class SyncPanel(QWidget):
    busy_changed = Signal(bool)
    job_done = Signal(str)  # 'export' | 'import' | 'failed': lets tests and the window wait on it

    def __init__(self, session, host):
        super().__init__()
        self.session, self.host = session, host
        self.ui = Ui_SyncPanel()
        self.ui.setupUi(self)
        self.task = None
        self.kind = ""
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
        if not session.read_only and session.store.identity is not None:
            session.write(keys.signing_key, touches=("meta",))     # made once, by the writer
        self.refresh()

    @property
    def store(self):
        """The GUI thread's read connection."""
        return self.session.store

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
            "include_drills": self.ui.includeDrillsCheck.isChecked(),     # drills stay out unless chosen
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
        if self.task is not None:
            return
        self.kind = kind
        self.ui.progressBar.setValue(0)
        self.ui.statusLabel.setText(
            QCoreApplication.translate("SyncPanel", "Exporting…")
            if kind == "export"
            else QCoreApplication.translate("SyncPanel", "Importing…")
        )
        self._busy(True)
        self.task = start_write_task(self.session, _bundle_job(kind, path, options), self._finished, self._failed,
                                     self._progress, owner=self, label=kind)

    def _progress(self, done: int, total: int) -> None:
        self.ui.progressBar.setMaximum(max(total, 1))
        self.ui.progressBar.setValue(min(done, total))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _stop_task(self) -> str:
        kind, self.task = self.kind, None
        self._busy(False)
        return kind

    def _finished(self, result) -> None:
        kind = self._stop_task()
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
            self.session.bus.publish(BundleImported(result))
        self.refresh()
        self.job_done.emit(kind)

    def _failed(self, message: str) -> None:
        self._stop_task()
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
            keys.export_key(self.store, path)      # reads the key; writes only the file

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
            self.session.write(lambda st: keys.import_key_file(st, path, expected_code=code),
                               touches=("sync_trusted_keys",))
        except StoreError as exc:
            QMessageBox.warning(self, QCoreApplication.translate("SyncPanel", "Key not trusted"), str(exc))

    def remove_key(self) -> None:
        row = self.ui.keysTable.currentRow()
        if row >= 0:
            key = self.ui.keysTable.item(row, 0).data(256)
            self.session.write(lambda st: keys.untrust(st, key), touches=("sync_trusted_keys",))

    def mark_reviewed(self) -> None:
        rows = {i.row() for i in self.ui.conflictTable.selectedItems()}
        which = [self.ui.conflictTable.item(r, 0).data(256) for r in rows]

        def mark(st):
            for ref in which:
                view.mark_reviewed(st, *ref)
        self.session.write(mark, touches=("sync_record_versions",))

    def save_receipt(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("SyncPanel", "Save receipt"),
            "receipt.json",
            "JSON (*.json);;Text (*.txt)",
        )
        if path and self.last_receipt:
            self.last_receipt.write(path)


def attach(session, host) -> SyncPanel:
    panel = SyncPanel(session, host)
    host.add_tab(panel, lambda: QCoreApplication.translate("SyncPanel", "Sync"), "sync")
    host.events.on(RecordsChanged, lambda e: panel.refresh() if e.touches(*SYNC_TABLES) else None, owner=panel)
    return panel
