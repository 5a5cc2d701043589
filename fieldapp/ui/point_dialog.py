"""Add or edit a sampling point (forms/point_dialog.ui): DMS or decimal, or the GPS fix.

"Use GPS position" fills the point only with a fix that is plausibly at this incident: one farther
than the configured distance (default 50 km) from every point of the incident, or in a datum other
than WGS 84, is held back with the reason and filled only after the user confirms it
(fieldapp.instruments.gps_check, the same check the CLI uses).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton

from fieldapp.core.coords import china_warning, format_dms, parse_angle
from fieldapp.guide.plausibility import position_problems
from fieldapp.store import StoreError, ValidationError
from fieldapp.ui import labels
from fieldapp.ui.common import EnterMovesOn, confirm_problems, error_text, show_error
from fieldapp.ui.forms.ui_point_dialog import Ui_PointDialog
from fieldapp.ui.labels import ui_lang

class PointDialog(QDialog):
    """A new point of the session's incident, or ``point`` edited; "Use GPS position" takes the
    session's fresh GPS fix (a connected receiver)."""

    def __init__(self, session, point: dict | None = None, lat_lon: tuple[float, float] | None = None,
                 parent=None):
        super().__init__(parent)
        self.session, self.point = session, point
        self.incident_uuid = point["incident_uuid"] if point else session.incident_uuid
        self.result_row: dict | None = None
        self.previous: dict | None = None
        self.ui = Ui_PointDialog()
        self.ui.setupUi(self)
        ui = self.ui
        labels.fill_combo(ui.roleCombo, labels.roles(), point["role"] if point else "downstream")
        labels.fill_combo(ui.mediaCombo, labels.media(), point["media"] if point else "water")
        # '' = by the point's role and the incident's choices (an intake: the drinking-water source)
        auto = {"": QCoreApplication.translate("PointDialog", "By role (incident's choice)")}
        labels.fill_combo(ui.standardCombo, {**auto, **labels.standards()}, (point or {}).get("standard", ""))
        if point:
            ui.codeEdit.setText(point["code"])
            ui.nameEdit.setText(point["name"])
            ui.latEdit.setText(f"{point['lat']:.6f}")
            ui.lonEdit.setText(f"{point['lon']:.6f}")
            ui.descriptionEdit.setText(point["description"])
        else:
            self._suggest_code()
            ui.roleCombo.currentIndexChanged.connect(self._suggest_code)
        if lat_lon:
            ui.latEdit.setText(f"{lat_lon[0]:.6f}")
            ui.lonEdit.setText(f"{lat_lon[1]:.6f}")
        ui.gpsButton.clicked.connect(self.use_gps)
        self._held_fix = None
        self._add_confirm_box()
        ui.latEdit.textChanged.connect(self._preview)
        ui.lonEdit.textChanged.connect(self._preview)
        ui.buttonBox.accepted.connect(self.accept)
        EnterMovesOn(self, [ui.roleCombo, ui.codeEdit, ui.nameEdit, ui.mediaCombo, ui.standardCombo, ui.latEdit,
                            ui.lonEdit, ui.descriptionEdit])
        self._preview()
        self.setMinimumWidth(620)
        # room for the longest message (a reason and a warning), so the dialog never jumps in size
        ui.coordPreview.setWordWrap(True)
        ui.coordPreview.setMinimumHeight(4 * ui.coordPreview.fontMetrics().lineSpacing())

    def _suggest_code(self, *_):
        self.ui.codeEdit.setPlaceholderText(
            self.session.store.next_point_code(self.incident_uuid, self.ui.roleCombo.currentData()))

    def _add_confirm_box(self):
        """A hidden strip under the coordinates: why a fix is held back, and the buttons to decide."""
        self.confirmBox = QFrame(self)
        self.confirmBox.setFrameShape(QFrame.StyledPanel)
        self.confirmBox.setStyleSheet("QFrame { background: #fff3c4; }")
        row = QHBoxLayout(self.confirmBox)
        self.confirmLabel = QLabel(self.confirmBox)
        self.confirmLabel.setWordWrap(True)
        self.confirmLabel.setMinimumWidth(360)
        self.confirmUseButton = QPushButton(QCoreApplication.translate("PointDialog", "Use this position anyway"), self.confirmBox)
        self.confirmCancelButton = QPushButton(QCoreApplication.translate("PointDialog", "Do not use it"), self.confirmBox)
        row.addWidget(self.confirmLabel, 1)
        row.addWidget(self.confirmUseButton)
        row.addWidget(self.confirmCancelButton)
        self.confirmUseButton.clicked.connect(self._confirm_fix)
        self.confirmCancelButton.clicked.connect(self._drop_fix)
        # The strip takes the GPS button's place while the user decides (no widget is moved: moving
        # the preview into a new container made PySide crash later in the test run).
        grid = self.ui.formLayout
        row, col, rows, cols = grid.getItemPosition(grid.indexOf(self.ui.gpsButton))
        grid.addWidget(self.confirmBox, row, col, rows, cols)
        self.confirmBox.hide()

    def use_gps(self):
        fix = self.session.gps_fix()
        if not fix:
            self.ui.coordPreview.setText(QCoreApplication.translate("PointDialog", "No GPS fix yet: check the receiver has a clear sky."))
            return
        from fieldapp.instruments.gps_check import check_fix

        check = check_fix(self.session.store, self.incident_uuid, fix[0], fix[1],
                          datum=getattr(fix, "datum", "WGS84"))
        zh = not ui_lang().startswith("en")
        problems = []
        if check.far:
            problems.append(check.message_zh() if zh else check.message())
        if check.datum.upper().replace(" ", "") not in ("WGS84", "W84"):
            problems.append(QCoreApplication.translate("PointDialog", "the receiver reports datum {0}, not WGS 84: the position may be "
                               "offset").format(check.datum))
        if problems:
            self._held_fix = fix
            self.confirmLabel.setText("⚠ " + "；".join(problems) + "\n" + QCoreApplication.translate(
                "PointDialog", "Check the receiver (demo mode? last fix from elsewhere?) before using it."))
            self.ui.gpsButton.hide()
            self.confirmBox.show()
            self.adjustSize()
            return
        self._fill_fix(fix)
        if not check.judged:
            self.ui.coordPreview.setText(self.ui.coordPreview.text() + "\nℹ " + (
                check.message_zh() if zh else check.message()))

    def _close_confirm(self):
        self.confirmBox.hide()
        self.ui.gpsButton.show()
        self.adjustSize()

    def _fill_fix(self, fix):
        self._close_confirm()
        self._held_fix = None
        self.ui.latEdit.setText(f"{fix[0]:.7f}")
        self.ui.lonEdit.setText(f"{fix[1]:.7f}")
        self._source = "gps"

    def _confirm_fix(self):
        if self._held_fix is not None:
            self._fill_fix(self._held_fix)

    def _drop_fix(self):
        self._held_fix = None
        self._close_confirm()

    def _preview(self, *_):
        lat_t, lon_t = self.ui.latEdit.text(), self.ui.lonEdit.text()
        if not lat_t.strip() or not lon_t.strip():
            self.ui.coordPreview.setText("")
            return
        try:
            lat, lon = parse_angle(lat_t, "lat"), parse_angle(lon_t, "lon")
        except ValidationError as exc:
            self.ui.coordPreview.setText(f"⚠ {error_text(exc)}")
            return
        text = f"✓ {lat:.6f}, {lon:.6f}  ({format_dms(lat, 'lat')}, {format_dms(lon, 'lon')})"
        warn = china_warning(lat, lon, labels.ui_lang())
        if warn:
            text += "\n⚠ " + warn
        self.ui.coordPreview.setText(text)

    def _plausible(self, fields: dict) -> bool:
        """Outside China, or outside the incident area: save only when the user says so."""
        try:
            lat, lon = parse_angle(fields["lat"], "lat"), parse_angle(fields["lon"], "lon")
        except ValidationError:
            return True                     # the store refuses it with the exact reason
        incident = self.session.store.get("incidents", self.incident_uuid)
        problems = position_problems(self.session.store, incident, lat, lon,
                                     exclude_uuid=self.point["uuid"] if self.point else None)
        if confirm_problems(self, problems):
            return True
        self.ui.latEdit.setFocus()
        self.ui.latEdit.selectAll()
        return False

    def accept(self):
        ui = self.ui
        fields = dict(code=ui.codeEdit.text().strip() or ui.codeEdit.placeholderText(), name=ui.nameEdit.text(),
                      role=ui.roleCombo.currentData(), media=ui.mediaCombo.currentData(),
                      standard=ui.standardCombo.currentData() or "",
                      lat=ui.latEdit.text(), lon=ui.lonEdit.text(), description=ui.descriptionEdit.text())
        if not self._plausible(fields):
            return
        try:
            if self.point:
                self.previous = {k: self.point[k] for k in fields}
                uuid = self.point["uuid"]
                self.result_row = self.session.write(lambda st: st.update_point(uuid, **fields))
            else:
                source = getattr(self, "_source", "typed")
                code = fields.pop("code")
                lat, lon = fields.pop("lat"), fields.pop("lon")
                inc = self.incident_uuid
                self.result_row = self.session.write(
                    lambda st: st.add_point(inc, lat, lon, code=code, coord_source=source, **fields))
        except StoreError as exc:
            show_error(self, exc)
            field = getattr(exc, "field", "")
            target = {"lat": ui.latEdit, "lon": ui.lonEdit, "code": ui.codeEdit}.get(field)
            if target:
                target.setFocus()
                target.selectAll()
            return
        super().accept()
