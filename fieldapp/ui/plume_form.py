"""The forecast panel's input form: what is known about the release and the river, in units, with a
plain hint under every field for someone doing this for the first time.

A spin box at 0 shows "unknown" and means "not given" (e.g. leave the flow out when width, depth
and velocity are known); the core says which inputs are missing or contradict each other.
``inputs()`` gives the scenario dict of fieldapp.plume.records (SI units); ``load()`` fills the form
from one.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QDoubleSpinBox, QFormLayout, QGroupBox, QLabel,
                               QVBoxLayout, QWidget)

from fieldapp.plume.dispersion import PRESETS
from fieldapp.ui.common import iso_to_qdt, qdt_to_iso


translate = QCoreApplication.translate   # lupdate reads translate("Context", "text") calls


def _spin(unit: str, maximum: float, decimals: int = 2, step: float = 1.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, maximum)
    box.setDecimals(decimals)
    box.setSingleStep(step)
    box.setSuffix(f" {unit}")
    box.setSpecialValueText(translate("PlumePanel", "unknown"))
    box.setMinimumWidth(130)
    return box


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555; font-size: 11px;")
    return label


def _row(form: QFormLayout, label: str, widget: QWidget, hint: str) -> None:
    """A field and, under it, the plain hint for a first-timer."""
    form.addRow(label, widget)
    form.addRow("", _hint(hint))


class PlumeForm(QWidget):
    """Inputs of a forecast. ``changed`` fires on any edit (the panel marks its results stale)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._build()
        self._wire()
        self._kind_changed()

    # ---- widgets -------------------------------------------------------------------------
    def _build(self):
        lay = QVBoxLayout(self)
        lay.addWidget(self._release_group())
        lay.addWidget(self._river_group())
        lay.addWidget(self._reach_group())
        lay.addStretch(1)

    def _release_group(self) -> QGroupBox:
        rel = QGroupBox(translate("PlumePanel", "What was released"))
        f = QFormLayout(rel)
        self.parameter = QComboBox()
        self.parameter.setEditable(True)
        f.addRow(translate("PlumePanel", "Pollutant"), self.parameter)
        self.kind = QComboBox()
        for key, text in (("finite", translate("PlumePanel", "Leak for a known time")), ("instantaneous", translate("PlumePanel", "All at once (a slug)")),
                          ("continuous", translate("PlumePanel", "Continuous, still leaking"))):
            self.kind.addItem(text, key)
        f.addRow(translate("PlumePanel", "Kind of release"), self.kind)
        self.start = QDateTimeEdit()
        self.start.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.start.setCalendarPopup(True)
        f.addRow(translate("PlumePanel", "Release began"), self.start)
        self.point = QComboBox()
        f.addRow(translate("PlumePanel", "Release point"), self.point)
        self.mass = _spin("kg", 1e7, 2, 10)
        _row(f, translate("PlumePanel", "Mass released"), self.mass,
             translate("PlumePanel", "Best guess is fine: volume lost × concentration (m³ × mg/L = g). The fit to "
                              "measurements corrects it later."))
        self.load_rate = _spin("g/s", 1e6, 3, 0.1)
        f.addRow(translate("PlumePanel", "Release rate"), self.load_rate)
        self.duration = _spin("h", 24 * 30, 1, 1)
        f.addRow(translate("PlumePanel", "Duration"), self.duration)
        return rel

    def _river_group(self) -> QGroupBox:
        riv = QGroupBox(translate("PlumePanel", "The river below the release"))
        f = QFormLayout(riv)
        self.width = _spin("m", 15_000, 1, 1)
        _row(f, translate("PlumePanel", "Width"), self.width,
             translate("PlumePanel", "Water surface, bank to bank: a rangefinder, or count paces along a bridge."))
        self.depth = _spin("m", 60, 2, 0.1)
        _row(f, translate("PlumePanel", "Mean depth"), self.depth,
             translate("PlumePanel", "Sound with a pole at 3-5 places across and take the average."))
        self.velocity = _spin("m/s", 8, 2, 0.05)
        _row(f, translate("PlumePanel", "Mean velocity"), self.velocity,
             translate("PlumePanel", "No current meter? Mark 50 m along the bank, drop an orange or a half-full bottle "
                              "in mid-stream and time it with a stopwatch: velocity = 50 ÷ seconds. Take 0.85 of "
                              "that: the surface moves faster than the mean."))
        self.flow = _spin("m³/s", 1e5, 1, 1)
        _row(f, translate("PlumePanel", "Flow"), self.flow,
             translate("PlumePanel", "From the hydrology station or the dam operator. Give two of depth, velocity and flow "
                              "(all three are checked against each other)."))
        self.slope = _spin("‰", 100, 2, 0.1)
        _row(f, translate("PlumePanel", "Bed slope"), self.slope,
             translate("PlumePanel", "Drop in metres per km of river (from a map). Unknown: a typical value is assumed."))
        self.decay = _spin("1/d", 50, 3, 0.1)
        _row(f, translate("PlumePanel", "Loss rate"), self.decay,
             translate("PlumePanel", "How fast the pollutant leaves the water (sorption, breakdown) per day; "
                              "unknown = none, the cautious choice."))
        self.method = QComboBox()
        names = {"fischer": "Fischer (1975)", "seo_cheong": "Seo & Cheong (1998)",
                 "kashefipour_falconer": "Kashefipour & Falconer (2002)", "deng": "Deng et al. (2001)"}
        for key in PRESETS:
            self.method.addItem(names[key], key)
        self.method.addItem(translate("PlumePanel", "Known value"), "given")
        self.method.setCurrentIndex(self.method.findData("seo_cheong"))
        f.addRow(translate("PlumePanel", "Spreading (dispersion)"), self.method)
        self.dispersion = _spin("m²/s", 5000, 1, 5)
        _row(f, translate("PlumePanel", "Dispersion coefficient"), self.dispersion,
             translate("PlumePanel", "Leave the formula unless a tracer test gave a value: the spread between the "
                              "formulas is shown as the forecast's range."))
        return riv

    def _reach_group(self) -> QGroupBox:
        trib = QGroupBox(translate("PlumePanel", "Tributary or change of river (optional)"))
        f = QFormLayout(trib)
        self.reach_km = _spin("km", 500, 1, 0.5)
        f.addRow(translate("PlumePanel", "Distance below the release"), self.reach_km)
        self.inflow = _spin("m³/s", 1e5, 1, 1)
        f.addRow(translate("PlumePanel", "Inflow joining there"), self.inflow)
        self.reach_width = _spin("m", 15_000, 1, 1)
        f.addRow(translate("PlumePanel", "Width below"), self.reach_width)
        self.reach_depth = _spin("m", 60, 2, 0.1)
        f.addRow(translate("PlumePanel", "Depth below"), self.reach_depth)
        return trib

    def _wire(self):
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.method.currentIndexChanged.connect(self._kind_changed)
        for w in self.findChildren(QDoubleSpinBox):
            w.valueChanged.connect(self.changed)
        for w in (self.kind, self.point, self.method):
            w.currentIndexChanged.connect(self.changed)
        self.parameter.currentTextChanged.connect(self.changed)
        self.start.dateTimeChanged.connect(self.changed)

    def _kind_changed(self, *_):
        kind = self.kind.currentData()
        self.mass.setEnabled(kind in ("instantaneous", "finite"))
        self.load_rate.setEnabled(kind in ("continuous", "finite"))
        self.duration.setEnabled(kind == "finite")
        self.dispersion.setEnabled(self.method.currentData() == "given")

    # ---- values --------------------------------------------------------------------------
    def set_choices(self, parameters: list[str], points: list[dict]) -> None:
        keep = self.parameter.currentText()
        self.parameter.blockSignals(True)
        self.parameter.clear()
        self.parameter.addItems(parameters)
        self.parameter.setEditText(keep or (parameters[0] if parameters else ""))
        self.parameter.blockSignals(False)
        self.point.blockSignals(True)
        self.point.clear()
        for p in points:
            self.point.addItem(f"{p['code']}  {p['name'] or ''}".strip(), p["uuid"])
        src = next((i for i, p in enumerate(points) if p["role"] == "source"), 0)
        self.point.setCurrentIndex(src)
        self.point.blockSignals(False)

    def load(self, inputs: dict) -> None:
        """Fill the form from a saved scenario (SI units)."""
        self.blockSignals(True)
        rel = inputs.get("release") or {}
        self.parameter.setEditText(inputs.get("parameter", ""))
        self.kind.setCurrentIndex(max(0, self.kind.findData(rel.get("kind", "finite"))))
        if rel.get("start"):
            self.start.setDateTime(iso_to_qdt(rel["start"]))
        if rel.get("point_uuid") and self.point.findData(rel["point_uuid"]) >= 0:
            self.point.setCurrentIndex(self.point.findData(rel["point_uuid"]))
        self.mass.setValue((rel.get("mass_g") or 0) / 1000)
        self.load_rate.setValue(rel.get("load_g_s") or 0)
        self.duration.setValue((rel.get("duration_s") or 0) / 3600)
        reaches = inputs.get("reaches") or [{}]
        first = reaches[0]
        for box, key in ((self.width, "width_m"), (self.depth, "depth_m"), (self.velocity, "velocity_m_s"),
                         (self.flow, "flow_m3_s")):
            box.setValue(first.get(key) or 0)
        more = reaches[1] if len(reaches) > 1 else {}
        self.reach_km.setValue((more.get("from_m") or 0) / 1000)
        self.inflow.setValue(more.get("inflow_m3_s") or 0)
        self.reach_width.setValue(more.get("width_m") or 0)
        self.reach_depth.setValue(more.get("depth_m") or 0)
        self.slope.setValue((inputs.get("slope") or 0) * 1000)
        self.decay.setValue(inputs.get("decay_per_day") or 0)
        self.method.setCurrentIndex(max(0, self.method.findData(inputs.get("method") or "seo_cheong")))
        self.dispersion.setValue(inputs.get("dispersion_m2_s") or 0)
        self.blockSignals(False)
        self._kind_changed()

    def inputs(self) -> dict:
        """The scenario dict (SI units); unknowns are left out for the core to judge."""
        def val(box, scale=1.0):
            return box.value() * scale if box.value() > 0 else None

        kind = self.kind.currentData()
        rel = {"kind": kind, "start": qdt_to_iso(self.start.dateTime()),
               "point_uuid": self.point.currentData()}
        if kind in ("instantaneous", "finite") and val(self.mass):
            rel["mass_g"] = val(self.mass, 1000.0)
        if kind in ("continuous", "finite") and val(self.load_rate) and not (kind == "finite" and val(self.mass)):
            rel["load_g_s"] = val(self.load_rate)
        if kind == "finite":
            rel["duration_s"] = val(self.duration, 3600.0)
        first = {"from_m": 0, "width_m": val(self.width), "depth_m": val(self.depth),
                 "velocity_m_s": val(self.velocity), "flow_m3_s": val(self.flow)}
        reaches = [{k: v for k, v in first.items() if v is not None}]
        if val(self.reach_km):
            more = {"from_m": val(self.reach_km, 1000.0), "inflow_m3_s": val(self.inflow),
                    "width_m": val(self.reach_width), "depth_m": val(self.reach_depth)}
            reaches.append({k: v for k, v in more.items() if v is not None})
        out = {"parameter": self.parameter.currentText().strip(), "release": rel, "reaches": reaches,
               "decay_per_day": self.decay.value(), "method": self.method.currentData()}
        if val(self.slope):
            out["slope"] = val(self.slope, 0.001)
        if self.method.currentData() == "given":
            out["dispersion_m2_s"] = self.dispersion.value()
        return out

