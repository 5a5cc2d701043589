"""The Forecast tab: where the plume is going, when it reaches each section and intake, how high.

A self-contained widget: it gets the store and the current incident through ``set_store`` /
``set_incident`` and says what it saved through ``scenario_saved`` (the map and the reports read
the saved scenario), so it does not depend on the main window's internals; ``attach(win)`` is the
only place that knows the window. All numbers come from fieldapp.plume (the same as the CLI and
the report); every forecast and fit runs on a worker thread with its own read-only store.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QScrollArea, QSlider, QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from fieldapp.core.timeutil import to_local_display
from fieldapp.plume.errors import PlumeError
from fieldapp.ui.plume_charts import ConcentrationChart
from fieldapp.ui.plume_form import PlumeForm, translate
from fieldapp.app.events import IncidentChanged, RecordsChanged
from fieldapp.ui.workers import start_task

EXCEEDED = "#f4c7c3"


def num(v, digits: int = 3) -> str:
    """A number for people: '—' for unknown, never nan or inf."""
    if v is None or not math.isfinite(float(v)):
        return "—"
    return f"{float(v):.{digits}g}"


def plume_message(exc: PlumeError) -> str:
    """The error in the user's language (by its code); the core's English text otherwise."""
    p = exc.params
    texts = {
        "not_positive": lambda: translate("PlumePanel", "{0} must be greater than zero.").format(p.get("what", exc.field)),
        "missing": lambda: translate("PlumePanel", "Missing: {0}. Give the river width and two of depth, velocity and flow, and the "
                              "release time.").format(exc.field),
        "contradiction": lambda: translate("PlumePanel", "Velocity × width × depth = {0} m³/s, but the flow is {1} m³/s: they contradict "
                                    "each other. Leave one out or check it (a float moves faster than the mean "
                                    "current).").format(num(p.get("product")), num(p.get("flow"))),
        "implausible": lambda: translate("PlumePanel", "{0} = {1} {2} is not plausible for a river; check the number and its unit.")
        .format(p.get("what", ""), num(p.get("value")), p.get("unit", "")),
        "off_river": lambda: translate("PlumePanel", "The release point is {0} km from the nearest river line: it is not on the river. "
                                "Check its coordinates or import the river.").format(num((p.get("offset_m") or 0) / 1000)),
        "no_river": lambda: translate("PlumePanel", "This incident has no river line yet: import the river on the Map tab first."),
        "no_release_point": lambda: translate("PlumePanel", "Where was the release? Add the source as a sampling point (role: source)."),
        "no_downstream": lambda: translate("PlumePanel", "No section lies downstream of the release point."),
        "no_sections": lambda: translate("PlumePanel", "There is no section to forecast: add downstream sections or intakes."),
        "unknown_parameter": lambda: translate("PlumePanel", "Unknown pollutant '{0}': use a name or symbol from the toolkit, e.g. Cd.")
        .format(p.get("value", "")),
        "too_few": lambda: translate("PlumePanel", "Only {0} measurement(s) below the release so far: at least {1} are needed to fit.")
        .format(p.get("n", 0), p.get("needed", 5)),
        "no_signal": lambda: translate("PlumePanel", "No measurement is above the background yet: nothing to fit."),
        "fit_failed": lambda: translate("PlumePanel", "The fit did not converge: the measurements do not follow one plume from this "
                                 "release. Check the release time and point."),
        "not_identifiable": lambda: translate("PlumePanel", "The measurements cannot pin down these parameters yet (too few times or "
                                       "sections). Wait for more data."),
        "bad_time": lambda: translate("PlumePanel", "The release time is not a valid time."),
    }
    return texts[exc.code]() if exc.code in texts else str(exc)


def warning_text(code: str, message: str) -> str:
    return {"no_intake": translate("PlumePanel", "No drinking-water intake lies downstream on this river: only the sections are "
                            "forecast."),
            "no_limit": translate("PlumePanel", "No limit is known for this pollutant: exceedance times cannot be given.")}.get(code, message)


def compute(store_path, incident: dict, inputs: dict, fit: bool, saved_fit):
    """Worker-thread job: the forecast (or a PlumeError to show), on this thread's read connection."""
    from fieldapp.plume import service
    from fieldapp.store.writer import open_reader

    st = open_reader(store_path)
    try:
        return service.run(st, incident, inputs, fit=fit, saved_fit=saved_fit)
    except PlumeError as exc:
        return exc
    finally:
        st.close()


COLUMNS = (lambda: translate("PlumePanel", "Section"), lambda: translate("PlumePanel", "km below"), lambda: translate("PlumePanel", "Front arrives"), lambda: translate("PlumePanel", "Peak at"),
           lambda: translate("PlumePanel", "Peak mg/L (range)"), lambda: translate("PlumePanel", "Limit"), lambda: translate("PlumePanel", "Over limit from"),
           lambda: translate("PlumePanel", "Over limit until"))


class PlumePanel(QWidget):
    scenario_saved = Signal(str)        # scenario uuid: the map and the reports show it
    finished = Signal()                 # a forecast or fit came back (tests wait on it)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.store = None                 # a read connection (the session's)
        self.write = None                 # session.write: every save goes through the store's writer
        self.incident: dict | None = None
        self.outcome = None
        self.saved: dict | None = None
        self.busy = False
        self._saving = False              # our own save: the data_changed it causes is not new data
        self._build()

    # ---- layout --------------------------------------------------------------------------
    def _build(self):
        outer = QHBoxLayout(self)
        split = QSplitter(Qt.Horizontal)
        outer.addWidget(split)
        split.addWidget(self._inputs_side())
        split.addWidget(self._results_side())
        split.setSizes([420, 900])
        self._wire()

    def _inputs_side(self) -> QWidget:
        self.form = PlumeForm()
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)    # hints wrap instead
        scroll.setMinimumWidth(430)
        left = QWidget()
        lv = QVBoxLayout(left)
        lv.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.forecast_button = QPushButton(translate("PlumePanel", "Forecast"))
        self.fit_button = QPushButton(translate("PlumePanel", "Fit to measurements"))
        buttons.addWidget(self.forecast_button)
        buttons.addWidget(self.fit_button)
        lv.addLayout(buttons)
        self.auto_refit = QCheckBox(translate("PlumePanel", "Refit when new measurements arrive"))
        self.auto_refit.setChecked(True)
        lv.addWidget(self.auto_refit)
        return left

    def _results_side(self) -> QWidget:

        right = QWidget()
        rv = QVBoxLayout(right)
        self.summary = QLabel(translate("PlumePanel", "Enter what is known and press Forecast."))
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        rv.addWidget(self.summary)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([c() for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        rv.addWidget(self.table, 3)
        charts = QHBoxLayout()
        self.time_chart = ConcentrationChart(translate("PlumePanel", "Concentration over time"), translate("PlumePanel", "hours since the release began"))
        self.distance_chart = ConcentrationChart(translate("PlumePanel", "Along the river"), translate("PlumePanel", "km below the release"))
        charts.addWidget(self.time_chart)
        charts.addWidget(self.distance_chart)
        rv.addLayout(charts, 3)
        slide = QHBoxLayout()
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, 0)
        self.front_label = QLabel("")
        self.map_button = QPushButton(translate("PlumePanel", "Show this front on the map"))
        slide.addWidget(QLabel(translate("PlumePanel", "Front at")))
        slide.addWidget(self.slider, 1)
        slide.addWidget(self.front_label)
        slide.addWidget(self.map_button)
        rv.addLayout(slide)
        return right

    def _wire(self):
        self.forecast_button.clicked.connect(lambda: self.run(fit=False))
        self.fit_button.clicked.connect(lambda: self.run(fit=True))
        self.table.currentCellChanged.connect(lambda *_: self._draw_time_chart())
        self.slider.valueChanged.connect(self._draw_profile)
        self.map_button.clicked.connect(self.show_on_map)
        self._refit_timer = QTimer(self, singleShot=True, interval=1500, timeout=lambda: self.run(fit=True))

    # ---- explicit inputs -----------------------------------------------------------------
    def set_store(self, store) -> None:
        self.store = store

    def set_incident(self, incident: dict | None) -> None:
        """Show the incident's saved scenario (or a blank form) and forecast it."""
        from fieldapp.plume import records

        self.incident, self.outcome = incident, None
        self.table.setRowCount(0)
        if not incident or self.store is None:
            return
        params = sorted({m["parameter"] for m in self.store.list_measurements(incident_uuid=incident["uuid"])
                         if m["unit"] == "mg/L"})
        self.form.set_choices(params, self.store.list_points(incident["uuid"]))
        self.saved = records.load(self.store, incident["uuid"])
        if self.saved:
            self.form.load(self.saved["inputs"])
            self.run(fit=False)
        else:
            from fieldapp.ui.common import iso_to_qdt

            self.form.start.setDateTime(iso_to_qdt(incident["discovered_at"]))
            self.summary.setText(translate("PlumePanel", "Enter what is known and press Forecast."))

    def data_changed(self) -> None:
        """New measurements may have arrived: refit if a fit is in use and the user wants that."""
        if self._saving:
            return
        if self.incident and self.auto_refit.isChecked() and self.outcome is not None and self.outcome.fit:
            self._refit_timer.start()

    # ---- running -------------------------------------------------------------------------
    def run(self, fit: bool = False) -> None:
        if self.busy or not self.incident or self.store is None:
            return
        inputs = self.form.inputs()
        same = self.saved is not None and self.saved["inputs"] == inputs
        saved_fit = self.saved["fit"] if same and not fit and self.saved else None
        self.busy = True
        self.fit_button.setEnabled(False)
        self.forecast_button.setEnabled(False)
        self.summary.setText(translate("PlumePanel", "Fitting to the measurements…") if fit else translate("PlumePanel", "Forecasting…"))
        path, inc = self.store.path, self.incident
        start_task(lambda _progress, _cancelled: compute(path, inc, inputs, fit, saved_fit),
                   lambda res: self._done(res, inputs, fit), self._failed, owner=self, label="plume forecast")

    def _failed(self, text: str) -> None:
        self._idle()
        self.summary.setText(f"<span style='color:#c00000'>{translate('PlumePanel', 'The forecast failed: {0}').format(text.splitlines()[0])}</span>")
        self.finished.emit()

    def _idle(self):
        self.busy = False
        self.fit_button.setEnabled(True)
        self.forecast_button.setEnabled(True)

    def _done(self, res, inputs: dict, fit: bool) -> None:
        self._idle()
        if isinstance(res, PlumeError):
            self.outcome = None
            self.table.setRowCount(0)
            self.time_chart.clear()
            self.distance_chart.clear()
            self.summary.setText(f"<span style='color:#c00000'>{plume_message(res)}</span>")
            self.finished.emit()
            return
        self.outcome = res
        self._save(inputs, res)
        self._show(res)
        self.finished.emit()

    def _save(self, inputs: dict, res) -> None:
        from fieldapp.plume import records
        from fieldapp.store import StoreError

        new_fit = res.fit if res.fit is not None and (self.saved is None or res.fit is not self.saved["fit"]) else None
        if self.saved and self.saved["inputs"] == inputs and new_fit is None:
            return
        incident_uuid, map_time = self.incident["uuid"], self.saved["map_time"] if self.saved else None
        try:
            self.saved = self.write(lambda st: records.save(st, incident_uuid, inputs, fit=new_fit,
                                                            map_time=map_time, keep_fit=res.fit is not None))
        except StoreError as exc:
            self.summary.setText(str(exc))
            return
        self._announce()

    # ---- showing -------------------------------------------------------------------------
    def _summary_html(self, res) -> str:
        fc = res.forecast
        lines = []
        if res.fit is not None:
            v, ci = res.fit.values, res.fit.value_ci
            kind = fc.scenario.release.kind
            amount = (translate("PlumePanel", "mass {0} kg ({1}–{2})").format(num(v["strength"] / 1000), num(ci["strength"][0] / 1000),
                                                         num(ci["strength"][1] / 1000)) if kind == "instantaneous"
                      else translate("PlumePanel", "release rate {0} g/s ({1}–{2})").format(num(v["strength"]), num(ci["strength"][0]),
                                                                      num(ci["strength"][1])))
            lines.append("<b>" + translate("PlumePanel", "Fitted to {0} measurements at {1} sections:").format(
                res.fit.n, len(res.fit.data_used)) + "</b> " + translate("PlumePanel",
                "dispersion {0} m²/s ({1}–{2}), velocity {3} m/s ({4}–{5}), {6}. Ranges: 95 % for all together.").format(
                num(v["dispersion_m2_s"]), num(ci["dispersion_m2_s"][0]), num(ci["dispersion_m2_s"][1]),
                num(v["velocity_m_s"]), num(ci["velocity_m_s"][0]), num(ci["velocity_m_s"][1]), amount))
        else:
            d = fc.model.dispersion[0]
            lines.append(translate("PlumePanel", "<b>From your estimates</b> (not fitted yet). Ranges: the spread of the dispersion "
                            "formulas, {0}–{1} m²/s.").format(num(d.low), num(d.high)))
        if res.fit_error is not None:
            lines.append("<span style='color:#c00000'>" + plume_message(res.fit_error) + "</span>")
        if fc.model.dispersion[0].shear_assumed:
            lines.append(translate("PlumePanel", "Bed slope unknown: shear velocity taken as 0.1 × velocity."))
        lines += [warning_text(c, m) for c, m in fc.warnings]
        if res.bound.skipped:
            lines.append(translate("PlumePanel", "Not on the river, left out: {0}").format(", ".join(res.bound.skipped)))
        return "<br>".join(lines)

    def _show(self, res) -> None:
        fc = res.forecast
        self.summary.setText(self._summary_html(res))
        rows = fc.sections
        self.table.setRowCount(len(rows))
        for r, s in enumerate(rows):
            v = s.values
            band = s.band.get("peak_mg_l")
            until = translate("PlumePanel", "after the forecast window") if s.ends_after_horizon else self._when(fc, v["exceed_end"])
            cells = [f"{s.section.code} {s.section.name}".strip(), num(s.distance_m / 1000),
                     translate("PlumePanel", "upstream") if s.position == "upstream" else self._when(fc, v["arrival"]),
                     self._when(fc, v["peak_time"]) if fc.scenario.release.kind != "continuous" else translate("PlumePanel", "steady"),
                     num(v["peak_mg_l"]) + (f" ({num(band[0])}–{num(band[1])})" if band else ""),
                     num(s.section.limit_mg_l), self._when(fc, v["exceed_start"]) if s.exceeds else
                     (translate("PlumePanel", "possible") if s.exceed_possible else ""), until if s.exceeds else ""]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if s.exceeds:
                    from PySide6.QtGui import QColor

                    item.setBackground(QColor(EXCEEDED))
                self.table.setItem(r, c, item)
        intake = next((i for i, s in enumerate(rows) if s.section.kind == "intake" and s.position == "downstream"), 0)
        self.table.setCurrentCell(intake, 0)
        self.slider.blockSignals(True)
        self.slider.setRange(0, int(fc.horizon_s / 1800))
        first = rows[intake].values.get("peak_time") if rows else None
        self.slider.setValue(int((first or fc.horizon_s / 2) / 1800))
        self.slider.blockSignals(False)
        self._draw_time_chart()
        self._draw_profile()

    @staticmethod
    def _when(fc, seconds) -> str:
        return to_local_display(fc.at(seconds))[5:] if seconds is not None else ""

    def _draw_time_chart(self):
        if self.outcome is None:
            return
        fc = self.outcome.forecast
        down = [s for s in fc.sections if s.position == "downstream"]
        row = self.table.currentRow()
        chosen = fc.sections[row] if 0 <= row < len(fc.sections) else None
        picks = [s for s in down if s.section.kind == "intake" or s is chosen]
        series = []
        for s in picks[:4]:
            i = down.index(s)
            step = max(1, fc.times_s.size // 400)
            series.append((s.section.code or s.section.name,
                           list(zip(fc.times_s[::step] / 3600, fc.conc[i][::step]))))
        limit = next((s.section.limit_mg_l for s in picks if s.section.limit_mg_l), None)
        obs = [(o.t_s / 3600, o.c_mg_l) for o in self.outcome.observations if chosen and o.code == chosen.section.code]
        self.time_chart.show_series(series, limit, obs)

    def _draw_profile(self, *_):
        if self.outcome is None:
            return
        from fieldapp.plume.forecast import profile

        fc = self.outcome.forecast
        seconds = self.slider.value() * 1800.0
        x, c = profile(fc, seconds, n=300)
        limit = next((s.section.limit_mg_l for s in fc.sections if s.section.limit_mg_l), None)
        self.distance_chart.show_series([(fc.scenario.parameter, list(zip(x / 1000, c)))], limit, [])
        peak = float(c.max()) if c.size else 0.0
        ahead = x[c >= 0.05 * peak] if peak > 0 else []
        km = num(float(ahead.max()) / 1000) if len(ahead) else "—"
        if len(ahead) and ahead.max() >= x.max():       # past the farthest section drawn
            km = "> " + km
        self.front_label.setText(translate("PlumePanel", "{0}: front {1} km below the release").format(
            to_local_display(fc.at(seconds))[5:], km))

    def show_on_map(self) -> None:
        """Save the chosen time as the scenario's map time: the map draws that front."""
        from fieldapp.plume import records
        from fieldapp.store import StoreError

        if self.outcome is None or not self.saved:
            return
        at = self.outcome.forecast.at(self.slider.value() * 1800.0)
        uuid = self.saved["uuid"]
        try:
            self.write(lambda st: records.set_map_time(st, uuid, at))
        except StoreError as exc:
            self.summary.setText(str(exc))
            return
        self.saved["map_time"] = at
        self._announce()

    def _announce(self) -> None:
        self._saving = True
        try:
            self.scenario_saved.emit(self.saved["uuid"])
        finally:
            self._saving = False


def attach(session, host) -> PlumePanel:
    """The forecast tab: reads through the session's read connection, writes through its writer,
    follows the current incident and new measurements through the session's events."""
    panel = PlumePanel()
    panel.set_store(session.store)
    panel.write = session.write
    host.add_tab(panel, lambda: QCoreApplication.translate("PlumePanel", "Forecast"), "plume")
    ev = host.events
    ev.on(IncidentChanged, lambda e: panel.set_incident(session.incident), owner=panel)
    ev.on(RecordsChanged, lambda e: panel.data_changed() if e.touches("measurements", "samples") else None,
          owner=panel)
    if session.incident:
        panel.set_incident(session.incident)
    return panel
