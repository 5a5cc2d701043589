"""New incident (forms/incident_dialog.ui): its kind and what is known (pollutant, where it was
released). The kind opens its scenario checklist; a known release position becomes the source
point SRC-01, from which the first-hour guide proposes the river sections."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from fieldapp.core.coords import china_problem, parse_angle
from fieldapp.store import StoreError
from fieldapp.toolkit import load_toolkit
from fieldapp.ui import labels
from fieldapp.ui.common import EnterMovesOn, confirm_problems, qdt_to_iso, set_now, show_error
from fieldapp.ui.forms.ui_incident_dialog import Ui_IncidentDialog
from fieldapp.vocab import DEFAULT_SOURCE_STANDARD
from fieldapp.vocab.incidents import scenario_for_kind
from fieldapp.vocab.parameters import parameter_for_pollutant


class IncidentDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.created: dict | None = None
        self.source: dict | None = None
        self.ui = Ui_IncidentDialog()
        self.ui.setupUi(self)
        ui = self.ui
        labels.fill_combo(ui.kindCombo, labels.incident_kinds(), "other")
        labels.fill_combo(ui.standardCombo, labels.class_standards(), "GB3838-III")
        labels.fill_combo(ui.sourceStandardCombo, labels.source_standards(), DEFAULT_SOURCE_STANDARD)
        ui.kindCombo.currentIndexChanged.connect(self._fill_pollutants)
        self._fill_pollutants()
        set_now(ui.discoveredEdit)
        ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [ui.kindCombo, ui.nameEdit, ui.pollutantCombo, ui.sourceLatEdit, ui.sourceLonEdit,
                            ui.locationEdit, ui.discoveredEdit, ui.standardCombo,
                            ui.sourceStandardCombo])
        ui.kindCombo.setFocus()

    def _fill_pollutants(self, *_):
        """The kind's typical pollutants first, then every other toolkit pollutant."""
        combo, lang = self.ui.pollutantCombo, labels.ui_lang()
        tk = load_toolkit()
        sc = tk.scenario(scenario_for_kind(self.ui.kindCombo.currentData()) or "")
        typical = list(sc["pollutants"]) if sc else []
        combo.clear()
        combo.addItem(QCoreApplication.translate("IncidentDialog", "(not known yet)"), "")
        for tid in typical + [e["id"] for e in tk.pollutants if e["id"] not in typical]:
            p = parameter_for_pollutant(tid)
            if p is not None:
                combo.addItem(p.label(lang), p.id)

    def _source_position(self) -> tuple[float, float] | None:
        lat_t, lon_t = self.ui.sourceLatEdit.text().strip(), self.ui.sourceLonEdit.text().strip()
        if not lat_t and not lon_t:
            return None
        return parse_angle(lat_t, "lat"), parse_angle(lon_t, "lon")

    def accept(self):
        ui = self.ui
        try:
            pos = self._source_position()
            if pos and not confirm_problems(self, [p for p in [china_problem(*pos)] if p]):
                ui.sourceLatEdit.setFocus()
                return
            name, when = ui.nameEdit.text() or ui.kindCombo.currentText(), qdt_to_iso(ui.discoveredEdit.dateTime())
            fields = dict(kind=ui.kindCombo.currentData(), location=ui.locationEdit.text(),
                          standard=ui.standardCombo.currentData(),
                          source_standard=ui.sourceStandardCombo.currentData(),
                          description=ui.descriptionEdit.toPlainText(),
                          pollutant_id=ui.pollutantCombo.currentData() or "")
            source_name = QCoreApplication.translate("IncidentDialog", "Release point")

            def create(st):
                with st.transaction():
                    inc = st.create_incident(name, when, **fields)
                    src = st.add_point(inc["uuid"], pos[0], pos[1], code="SRC-01", role="source",
                                       name=source_name) if pos else None
                return inc, src
            self.created, self.source = self.session.write(create)
        except StoreError as exc:
            show_error(self, exc)
            target = {"lat": ui.sourceLatEdit, "lon": ui.sourceLonEdit, "name": ui.nameEdit}.get(getattr(exc, "field", ""))
            if target:
                target.setFocus()
            return
        super().accept()
