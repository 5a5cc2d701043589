"""The Plans tab: the river "one map" plans in the store, which ones the incident uses, and the
questions a team asks of them (nearest material, what is downstream, what can intercept).

Plans are shared by all incidents; the tick "used by this incident" is a synced record
(fieldapp.plans.importer.pick_plan). Answers are the core's (fieldapp.plans.answers / query), run
as tasks with their own read connection; the map tab and `fieldapp plan …` give the same ones.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from fieldapp.app.events import IncidentChanged, LanguageChanged, PointChanged, RecordsChanged
from fieldapp.ui.workers import start_task

MATERIALS = ("lime", "pac", "pfs", "activated_carbon", "naoh", "pam", "kmno4", "sandbags", "oil_boom", "sorbent")



def ask_plans(store_path, incident_uuid, lon, lat, material, order, limit) -> dict:
    """Worker: the nearest warehouses with the material and what can intercept before the first intake."""
    from fieldapp.plans.answers import can_intercept, nearest_materials
    from fieldapp.store.writer import open_reader

    st = open_reader(store_path)
    try:
        return {"materials": nearest_materials(st, material, lon, lat, limit=limit, order=order,
                                               incident_uuid=incident_uuid),
                "intercept": can_intercept(st, lon, lat, incident_uuid)}
    finally:
        st.close()


def _table(headers: list[str]) -> QTableWidget:
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.setEditTriggers(QTableWidget.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    t.horizontalHeader().setStretchLastSection(True)
    return t


def _set_rows(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, v in enumerate(values):
            item = QTableWidgetItem(v)
            item.setToolTip(v)
            table.setItem(r, c, item)


class PlansPanel(QWidget):
    def __init__(self, session, host):
        super().__init__()
        self.session, self.host = session, host
        self.answers = 0                     # finished answers (tests wait on it)
        self._filling = False
        lay = QVBoxLayout(self)
        self.plansBox = QGroupBox()
        pl = QVBoxLayout(self.plansBox)
        self.plansTable = _table([""] * 6)
        self.plansTable.itemChanged.connect(self._use_toggled)
        pl.addWidget(self.plansTable)
        row = QHBoxLayout()
        self.importButton = QPushButton()
        self.importButton.clicked.connect(lambda: self.open_import())
        row.addWidget(self.importButton)
        row.addStretch(1)
        pl.addLayout(row)
        lay.addWidget(self.plansBox, 1)
        lay.addWidget(self._ask_box(), 2)
        self.retranslate()
        ev = host.events
        ev.on(RecordsChanged, lambda e: self.refresh() if e.touches("plans", "incident_plans", "map_layers") else None,
              owner=self)
        ev.on(IncidentChanged, lambda e: (self.refresh(), self._from_point()), owner=self)
        ev.on(PointChanged, lambda e: self._from_point(), owner=self)
        ev.on(LanguageChanged, lambda e: self.retranslate(), owner=self)
        QTimer.singleShot(0, self, lambda: (self.refresh(), self._from_point()))

    def _ask_box(self) -> QGroupBox:
        self.askBox = QGroupBox()
        box = QVBoxLayout(self.askBox)
        row = QHBoxLayout()
        self.lonSpin, self.latSpin = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, lo, hi in ((self.lonSpin, -180, 180), (self.latSpin, -90, 90)):
            spin.setRange(lo, hi)
            spin.setDecimals(5)
            spin.setSingleStep(0.01)
        self.lonLabel, self.latLabel = QLabel(), QLabel()
        self.pointButton = QPushButton()
        self.pointButton.clicked.connect(self._from_point)
        self.materialCombo = QComboBox()
        self.orderCombo = QComboBox()
        self.limitSpin = QSpinBox()
        self.limitSpin.setRange(1, 50)
        self.limitSpin.setValue(5)
        self.askButton = QPushButton()
        self.askButton.clicked.connect(self.ask)
        for w in (self.lonLabel, self.lonSpin, self.latLabel, self.latSpin, self.pointButton, self.materialCombo,
                  self.orderCombo, self.limitSpin, self.askButton):
            row.addWidget(w)
        row.addStretch(1)
        box.addLayout(row)
        self.materialTitle = QLabel()
        self.materialTable = _table([""] * 5)
        self.interceptTitle = QLabel()
        self.interceptTitle.setWordWrap(True)
        self.interceptTable = _table([""] * 4)
        for w in (self.materialTitle, self.materialTable, self.interceptTitle, self.interceptTable):
            box.addWidget(w, 1 if isinstance(w, QTableWidget) else 0)
        return self.askBox

    def retranslate(self) -> None:
        from fieldapp.maps.vocab import MATERIALS as NAMES

        self.plansBox.setTitle(QCoreApplication.translate("PlansPanel", "Plans in this store (shared by all incidents)"))
        self.plansTable.setHorizontalHeaderLabels([QCoreApplication.translate("PlansPanel", "Used by this incident"), QCoreApplication.translate("PlansPanel", "Plan"), QCoreApplication.translate("PlansPanel", "Layers"),
                                                   QCoreApplication.translate("PlansPanel", "Features"), QCoreApplication.translate("PlansPanel", "Files"), QCoreApplication.translate("PlansPanel", "Imported")])
        self.importButton.setText(QCoreApplication.translate("PlansPanel", "Import a plan file…"))
        self.askBox.setTitle(QCoreApplication.translate("PlansPanel", "Ask the plans"))
        self.lonLabel.setText(QCoreApplication.translate("PlansPanel", "Longitude"))
        self.latLabel.setText(QCoreApplication.translate("PlansPanel", "Latitude"))
        self.pointButton.setText(QCoreApplication.translate("PlansPanel", "Current point"))
        self.askButton.setText(QCoreApplication.translate("PlansPanel", "Ask"))
        current = self.materialCombo.currentData()
        self.materialCombo.clear()
        for key in MATERIALS:
            self.materialCombo.addItem(NAMES[key][0], key)
        self.materialCombo.setCurrentIndex(max(0, self.materialCombo.findData(current)))
        order = self.orderCombo.currentData()
        self.orderCombo.clear()
        self.orderCombo.addItem(QCoreApplication.translate("PlansPanel", "nearest first"), "distance")
        self.orderCombo.addItem(QCoreApplication.translate("PlansPanel", "most stock first"), "quantity")
        self.orderCombo.setCurrentIndex(max(0, self.orderCombo.findData(order)))
        self.materialTable.setHorizontalHeaderLabels([QCoreApplication.translate("PlansPanel", "Warehouse"), QCoreApplication.translate("PlansPanel", "Straight distance"), QCoreApplication.translate("PlansPanel", "Stock"),
                                                      QCoreApplication.translate("PlansPanel", "Tonnes"), QCoreApplication.translate("PlansPanel", "Contact")])
        self.interceptTable.setHorizontalHeaderLabels([QCoreApplication.translate("PlansPanel", "Along the river"), QCoreApplication.translate("PlansPanel", "Facility"), QCoreApplication.translate("PlansPanel", "Type"), QCoreApplication.translate("PlansPanel", "River")])

    # ---- plans --------------------------------------------------------------------------
    def refresh(self) -> None:
        from fieldapp.plans.importer import list_plans

        rows = list_plans(self.session.store, self.session.incident_uuid)
        self._filling = True
        self.plansTable.setRowCount(len(rows))
        for r, p in enumerate(rows):
            use = QTableWidgetItem()
            use.setFlags(Qt.ItemIsUserCheckable | Qt.ItemIsEnabled)
            use.setCheckState(Qt.Checked if p["used"] else Qt.Unchecked)
            use.setData(Qt.UserRole, p["uuid"])
            self.plansTable.setItem(r, 0, use)
            for c, v in enumerate((p["name"], str(p["layers"]), f"{p['features']:,}", p["files"] or "",
                                   f"{p['created_at'][:10]} {p['created_by_team']}"), 1):
                self.plansTable.setItem(r, c, QTableWidgetItem(v))
        self._filling = False

    def _use_toggled(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0 or not self.session.incident_uuid:
            return
        from fieldapp.plans.importer import pick_plan

        inc, plan, used = self.session.incident_uuid, item.data(Qt.UserRole), item.checkState() == Qt.Checked
        try:
            self.session.write(lambda st: pick_plan(st, inc, plan, used))
        except Exception as exc:          # noqa: BLE001 - shown to the user, the tick goes back
            self.host.show_message(str(exc))
            self.refresh()

    def open_import(self, path: str = ""):
        from fieldapp.ui.plan_import_dialog import PlanImportDialog

        dlg = PlanImportDialog(self.session, self, path)
        dlg.imported.connect(lambda w: self._imported(w))
        dlg.open()
        return dlg

    def _imported(self, written) -> None:
        from fieldapp.plans.importer import pick_plan

        inc = self.session.incident_uuid
        if inc and written.plan_uuid:
            self.session.write(lambda st: pick_plan(st, inc, written.plan_uuid, True))
        n = sum(lay["sites"] for lay in written.layers)
        self.host.show_message(QCoreApplication.translate("PlansPanel", "Plan imported: {0} site(s); this incident now uses it.").format(n))

    # ---- questions ----------------------------------------------------------------------
    def _from_point(self) -> None:
        p = self.session.current_point()
        if p:
            self.lonSpin.setValue(p["lon"])
            self.latSpin.setValue(p["lat"])

    def ask(self) -> None:
        args = (self.session.path, self.session.incident_uuid, self.lonSpin.value(), self.latSpin.value(),
                self.materialCombo.currentData(), self.orderCombo.currentData(), self.limitSpin.value())
        self.askButton.setEnabled(False)
        start_task(lambda progress, cancelled: ask_plans(*args), self._show, self._failed, owner=self,
                   label="plan answers")

    def _failed(self, text: str) -> None:
        self.askButton.setEnabled(True)
        self.materialTitle.setText(text)

    def _show(self, a: dict) -> None:
        self.askButton.setEnabled(True)
        self.answers += 1
        hits = a["materials"]
        name = self.materialCombo.currentText()
        self.materialTitle.setText(QCoreApplication.translate("PlansPanel", "Warehouses holding {0}: {1} found").format(name, len(hits)) if hits else
                                   QCoreApplication.translate("PlansPanel", "No warehouse in the plans this incident uses holds {0}.").format(name))
        _set_rows(self.materialTable, [[
            h.name, f"{h.distance_m / 1000:.1f} km",
            "; ".join(f"{s['material']} {s['quantity']} {s['unit']}".strip() for s in h.extra["stock"]),
            "" if h.extra["tonnes"] is None else f"{h.extra['tonnes']:.1f} t", h.extra["contact"]] for h in hits])
        res = a["intercept"]
        if res.located is None:
            text = QCoreApplication.translate("PlansPanel", "Not on a river line of the plans (none within 2 km): no answer along the river.")
        else:
            fi = res.first_intake
            where = QCoreApplication.translate("PlansPanel", "On {0} at {1:.2f} km.").format(res.located.river_name, res.located.chainage_m / 1000)
            intake = QCoreApplication.translate("PlansPanel", "First drinking-water intake downstream: {0}, {1:.2f} km along the river.").format(
                fi.name, fi.distance_m / 1000) if fi else QCoreApplication.translate("PlansPanel", "No drinking-water intake downstream on the network.")
            can = QCoreApplication.translate("PlansPanel", "{0} facility(ies) can intercept before it:").format(len(res.facilities)) if res.facilities \
                else QCoreApplication.translate("PlansPanel", "Nothing in the plans can intercept before it.")
            text = f"{where} {intake} {can}"
        self.interceptTitle.setText(text)
        from fieldapp.maps.builder import TEXT      # the map legend's words for facility types

        words = TEXT.get(self.session.content_lang, TEXT["zh"])
        _set_rows(self.interceptTable, [[f"{h.distance_m / 1000:.2f} km", h.name,
                                         words.get(h.facility_type, h.facility_type), h.river] for h in res.facilities])


def attach(session, host) -> PlansPanel:
    panel = PlansPanel(session, host)
    host.add_tab(panel, lambda: QCoreApplication.translate("PlansPanel", "Plans"), "plans")
    return panel
