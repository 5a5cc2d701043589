"""Report tab: deadline countdowns, proposed level with reasons, facts form, preview, generate, issue.

All the work is in fieldapp.reports (core); this controller moves values between the form and the
session and shows results. Building a PDF is a task off the GUI thread (a draft reads through its
own connection; issuing runs on the store's writer, which numbers and archives it in one
transaction), and so are the status (grading reads every measurement) and the preview picture:
the window stays responsive while a report is made. PDFs are saved where
``fieldapp.reports.files`` says (``reports/`` next to the store, named by report number).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QTimer, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from fieldapp.core.gcpause import no_gc
from fieldapp.app.events import (IncidentChanged, LanguageChanged, QuickReportRequested, RecordsChanged,
                                 ReportIssued)
from fieldapp.core.errors import ValidationError
from fieldapp.core.timeutil import to_local_display
from fieldapp.reports.choices import water_source_choices
from fieldapp.reports.facts import load_facts, save_facts
from fieldapp.store import StoreError
from fieldapp.ui.forms.ui_report_panel import Ui_ReportPanel
from fieldapp.ui.workers import start_task, start_write_task

NUMERIC = {"deathsEdit": "deaths", "poisonedEdit": "poisoned", "evacuatedEdit": "evacuated",
           "lossEdit": "economic_loss_yuan"}
LINES = {"unitEdit": "reporting_unit", "signatoryEdit": "signatory", "contactEdit": "contact"}
TEXTS = {"infoSourceEdit": "info_source", "causeEdit": "cause", "trendEdit": "trend", "measuresEdit": "measures",
         "nextStepsEdit": "next_steps", "processEdit": "process", "resultsEdit": "results",
         "lossesEdit": "losses", "remainingEdit": "remaining"}
STATUS_TABLES = ("incidents", "sampling_points", "measurements", "incident_facts", "report_archive")
PREVIEW_WIDTH = 560


# ---- work done off the GUI thread (no widgets) ---------------------------------------------------
def _with_reader(session, fn):
    st = session.open_reader()
    try:
        return fn(st)
    finally:
        st.close()


def _status_data(session, incident):
    from fieldapp.reports.gather import gather

    return _with_reader(session, lambda st: gather(st, incident))


def _draft(session, incident, kind, lang):
    from fieldapp.reports.archive import make_report
    from fieldapp.reports.files import save_report_pdf

    with no_gc():                       # a collection here would freeze the window (gcpause)
        report = _with_reader(session, lambda st: make_report(st, incident, kind, lang))
    return report, save_report_pdf(session.path, report, draft=True)


def _issue(store, session_path, incident, kind, lang):
    from fieldapp.reports.archive import issue_report
    from fieldapp.reports.files import save_report_pdf

    with no_gc():                       # a collection here would freeze the window (gcpause)
        report = issue_report(store, incident, kind, lang)[0]
    return report, save_report_pdf(session_path, report, draft=False)


def render_preview(path: Path, width: int = PREVIEW_WIDTH):
    """First page as a QImage (QImage, unlike QPixmap, may be made on a worker thread)."""
    from PySide6.QtPdf import QPdfDocument

    doc = QPdfDocument()
    doc.load(str(path))
    size = doc.pagePointSize(0)
    img = doc.render(0, QSize(width, int(width * size.height() / max(size.width(), 1))))
    doc.close()
    return img


class ReportPanel(QWidget):
    report_done = Signal(object)          # the saved PDF's Path, or None when it failed

    def __init__(self, session, host):
        super().__init__()
        self.session, self.host = session, host
        self.ui = Ui_ReportPanel()
        self.ui.setupUi(self)
        self.last_pdf: Path | None = None
        self.generating = False
        ui = self.ui
        self._fill_water_choices()
        ui.typeCombo.addItem(QCoreApplication.translate("ReportPanel", "Initial report"), "initial")
        ui.typeCombo.addItem(QCoreApplication.translate("ReportPanel", "Follow-up report"), "followup")
        ui.typeCombo.addItem(QCoreApplication.translate("ReportPanel", "Final report"), "final")
        ui.langCombo.addItem("中文", "zh")
        ui.langCombo.addItem("English", "en")
        ui.langCombo.setCurrentIndex(max(0, ui.langCombo.findData(session.content_lang)))
        ui.saveFactsButton.clicked.connect(self.save_facts)
        ui.generateButton.clicked.connect(lambda: self.generate(issue=False))
        ui.issueButton.clicked.connect(lambda: self.generate(issue=True))
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_status)
        self.timer.start(30_000)  # countdowns move by the minute
        host.add_close_hook(self.timer.stop)

    def _fill_water_choices(self):
        combo, current = self.ui.waterSourceCombo, self.ui.waterSourceCombo.currentData()
        combo.clear()
        for value, words in water_source_choices(self.session.content_lang):
            combo.addItem(words, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    # ---- data <-> form -------------------------------------------------------------------
    def incident_changed(self, *_):
        inc = self.session.incident
        if not inc:
            return
        from fieldapp.reports.gather import gather
        from fieldapp.reports.prefill import drafts

        facts = load_facts(self.session.store, inc["uuid"])
        data = gather(self.session.store, inc)
        draft = drafts(data)
        for name, key in NUMERIC.items():
            v = facts.get(key)
            getattr(self.ui, name).setText("" if v is None else f"{v:g}")
        for name, key in LINES.items():
            getattr(self.ui, name).setText(facts.get(key) or draft.get(key, ""))
        for name, key in TEXTS.items():
            getattr(self.ui, name).setPlainText(facts.get(key) or draft.get(key, ""))
        combo = self.ui.waterSourceCombo
        combo.setCurrentIndex(max(0, combo.findData(facts.get("water_source_interrupted"))))
        self._show_status(data)

    def form_facts(self) -> dict:
        out = {key: getattr(self.ui, n).text() for n, key in NUMERIC.items()}
        out.update({key: getattr(self.ui, n).text() for n, key in LINES.items()})
        out.update({key: getattr(self.ui, n).toPlainText() for n, key in TEXTS.items()})
        out["water_source_interrupted"] = self.ui.waterSourceCombo.currentData()
        return out

    def save_facts(self) -> bool:
        uuid, facts = self.session.incident_uuid, self.form_facts()
        try:
            self.session.write(lambda st: save_facts(st, uuid, **facts))
        except (ValidationError, StoreError) as exc:
            self.ui.statusLabel.setText(QCoreApplication.translate("ReportPanel", "Not saved: {0}").format(exc))
            return False
        return True                     # the status follows (RecordsChanged: incident_facts)

    # ---- status: deadlines and level -----------------------------------------------------
    def _lang(self) -> str:
        return "zh" if self.session.content_lang != "en" and self.ui.langCombo.currentData() != "en" else "en"

    def refresh_status(self):
        inc = self.session.incident
        if not inc:
            return
        session = self.session
        start_task(lambda progress, cancelled: _status_data(session, inc), self._show_status,
                   lambda e: self.ui.levelLabel.setText(e), owner=self, label="report status")

    def _show_status(self, data):
        from fieldapp.reports.grading import format_remaining
        from fieldapp.reports.texts import LEVEL_NAMES

        if data is None or data.incident["uuid"] != self.session.incident_uuid:
            return
        lang = self._lang()
        lines = []
        for d in data.deadlines:
            colour = "#c00000" if d.overdue else "#1a7f37"
            lines.append(f"<b style='color:{colour}'>{format_remaining(d.remaining, lang)}</b> "
                         f"({to_local_display(d.due.isoformat())}) {d.label(lang)}")
        self.ui.deadlinesLabel.setText("<br>".join(lines))
        g = data.grading
        level = LEVEL_NAMES[g.level][0 if lang == "zh" else 1]
        text = [f"<b>{level}</b>" + (QCoreApplication.translate("ReportPanel", " (provisional)")
                                     if g.provisional else "")]
        text += [f"· {r.text(lang)}" for r in g.reasons]
        if g.escalate:
            text.append("<b>" + QCoreApplication.translate(
                "ReportPanel", "Report on the {0} track ({1} h):").format(g.report_track, f"{g.deadline_hours:g}")
                + "</b>")
            text += [f"· {r.text(lang)}" for r in g.escalation_reasons]
        text.append(f"<small>{g.basis_text(lang)}</small>")
        self.ui.levelLabel.setText("<br>".join(text))

    def _records_changed(self, e: RecordsChanged):
        if e.touches(*STATUS_TABLES):
            self.refresh_status()

    # ---- generate / issue / preview ------------------------------------------------------
    def generate(self, issue: bool = False) -> None:
        """Build (and with ``issue``, number and archive) the chosen report; ``report_done`` follows."""
        if self.generating or not self.save_facts():
            if not self.generating:
                self.report_done.emit(None)
            return
        kind, lang = self.ui.typeCombo.currentData(), self.ui.langCombo.currentData()
        session, inc = self.session, self.session.incident
        self.generating = True
        self._busy(True)
        self.ui.statusLabel.setText(QCoreApplication.translate("ReportPanel", "Making the report…"))
        if issue:
            path = session.path
            start_write_task(session, lambda st, progress, cancelled: _issue(st, path, inc, kind, lang),
                             lambda r: self._generated(r, True), self._failed, owner=self, label="report")
        else:
            start_task(lambda progress, cancelled: _draft(session, inc, kind, lang),
                       lambda r: self._generated(r, False), self._failed, owner=self, label="report")

    def _busy(self, busy: bool):
        for b in (self.ui.generateButton, self.ui.issueButton):
            b.setEnabled(not busy)

    def _generated(self, result, issued: bool):
        report, path = result
        self.generating = False
        self._busy(False)
        self.last_pdf = path
        msg = QCoreApplication.translate("ReportPanel", "{0}: {1} pages, saved to {2}").format(
            report.report_no, report.pages, str(path))
        if issued:
            msg += "\n" + QCoreApplication.translate("ReportPanel", "Issued and archived (cannot be changed).")
            self.session.bus.publish(ReportIssued(report.report_no, str(path)))
        if report.gaps:
            msg += "\n" + QCoreApplication.translate("ReportPanel", "Still missing: {0}").format("; ".join(report.gaps))
        self.ui.statusLabel.setText(msg)
        start_task(lambda progress, cancelled: render_preview(path), self._show_preview,
                   lambda e: None, owner=self, label="report preview")

    def _failed(self, message: str):
        self.generating = False
        self._busy(False)
        self.ui.statusLabel.setText(QCoreApplication.translate("ReportPanel", "Not made: {0}").format(message))
        self.report_done.emit(None)

    def _show_preview(self, image):
        self.ui.previewLabel.setPixmap(QPixmap.fromImage(image))
        self.report_done.emit(self.last_pdf)

    def _language_changed(self):
        self._fill_water_choices()
        self.ui.langCombo.setCurrentIndex(max(0, self.ui.langCombo.findData(self.session.content_lang)))
        self.refresh_status()

    def quick_report(self, report_type: str = "initial") -> None:
        """The first-hour guide's report step: this tab in front, a draft in the session's language."""
        self.host.show_tab(self)
        self.ui.typeCombo.setCurrentIndex(max(0, self.ui.typeCombo.findData(report_type)))
        self.ui.langCombo.setCurrentIndex(max(0, self.ui.langCombo.findData(self.session.content_lang)))
        self.generate(issue=False)


def attach(session, host) -> ReportPanel:
    panel = ReportPanel(session, host)
    host.add_tab(panel, lambda: QCoreApplication.translate("ReportPanel", "Reports"), "reports")
    ev = host.events
    ev.on(IncidentChanged, panel.incident_changed, owner=panel)
    ev.on(RecordsChanged, panel._records_changed, owner=panel)
    ev.on(LanguageChanged, lambda e: panel._language_changed(), owner=panel)
    ev.on(QuickReportRequested, lambda e: panel.quick_report(e.report_type), owner=panel)
    panel.incident_changed()
    return panel
