"""Report tab: the one-hour countdown, deadlines, proposed level, facts form, preview, generate, issue.

All the work is in fieldapp.reports (core); this controller moves values between the form and the
session and shows results. Every PDF is made by one call, ``fieldapp.reports.archive.produce``, as a
task off the GUI thread: a draft reads through its own connection, issuing runs on the store's writer
(write the PDF durably, then archive it in one transaction). Issuing follows Order No. 17 practice:
if facts are missing the tab lists them and issues nothing, unless the user confirms twice that it
must go out now, in which case every page says "含待补充项". The tab always shows the current incident:
switching incidents clears the previous one's preview and buttons. PDFs go to ``reports/`` beside the
store (fieldapp.reports.files).
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import QMessageBox, QWidget

from fieldapp.app.events import (IncidentChanged, LanguageChanged, QuickReportRequested, RecordsChanged,
                                 ReportIssued)
from fieldapp.core.errors import ValidationError
from fieldapp.core.gcpause import no_gc
from fieldapp.core.timeutil import to_local_display
from fieldapp.reports.choices import water_source_choices
from fieldapp.reports.files import custody_file_name, labels_file_name
from fieldapp.store import StoreError
from fieldapp.store.facts import save_facts
from fieldapp.ui.forms.ui_report_panel import Ui_ReportPanel
from fieldapp.ui.workers import start_task, start_write_task
from fieldapp.vocab.numbers import plain

NUMERIC = {"deathsEdit": "deaths", "poisonedEdit": "poisoned", "evacuatedEdit": "evacuated",
           "lossEdit": "economic_loss_yuan"}
LINES = {"unitEdit": "reporting_unit", "signatoryEdit": "signatory", "contactEdit": "contact"}
TEXTS = {"infoSourceEdit": "info_source", "causeEdit": "cause", "trendEdit": "trend", "measuresEdit": "measures",
         "nextStepsEdit": "next_steps", "processEdit": "process", "resultsEdit": "results",
         "lossesEdit": "losses", "remainingEdit": "remaining"}
FOCUS = {"signatory": "signatoryEdit", "contact": "contactEdit", "reporting_unit": "unitEdit",
         "casualties": "deathsEdit", "evacuated": "evacuatedEdit", "water_source_interrupted": "waterSourceCombo",
         "info_source": "infoSourceEdit", "cause": "causeEdit", "measures": "measuresEdit",
         "next_steps": "nextStepsEdit", "process": "processEdit", "results": "resultsEdit", "losses": "lossesEdit",
         "remaining": "remainingEdit", "economic_loss_yuan": "lossEdit"}
STATUS_TABLES = ("incidents", "sampling_points", "measurements", "incident_fact_values", "report_archive")
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


def _produce(store, incident, kind, lang, issue: bool, confirm_gaps: bool):
    """``archive.produce``, with missing facts RETURNED (not raised) so the GUI can ask about them."""
    from fieldapp.reports.archive import MissingFields, produce

    with no_gc():                       # a collection here would freeze the window (gcpause)
        try:
            return produce(store, incident, kind, lang, issue=issue, confirm_gaps=confirm_gaps)
        except MissingFields as missing:
            return missing


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
    report_done = Signal(object)          # the saved PDF's Path, or None when nothing was made

    def __init__(self, session, host):
        super().__init__()
        self.session, self.host = session, host
        self.ui = Ui_ReportPanel()
        self.ui.setupUi(self)
        self.last_pdf: Path | None = None
        self.generating = False
        self.open_url = QDesktopServices.openUrl      # tests replace it to see what would open
        self._quick_due: datetime | None = None
        self._quick_issued = ""
        self._fill_combos()
        ui = self.ui
        ui.langCombo.setCurrentIndex(max(0, ui.langCombo.findData(session.content_lang)))
        ui.saveFactsButton.clicked.connect(self.save_facts)
        ui.generateButton.clicked.connect(lambda: self.generate(issue=False))
        ui.issueButton.clicked.connect(lambda: self.generate(issue=True))
        ui.openPdfButton.clicked.connect(lambda: self.last_pdf and self.open_url(QUrl.fromLocalFile(str(self.last_pdf))))
        ui.openFolderButton.clicked.connect(
            lambda: self.last_pdf and self.open_url(QUrl.fromLocalFile(str(self.last_pdf.parent))))
        ui.labelsButton.clicked.connect(self.make_labels)
        ui.custodyButton.clicked.connect(self.make_custody_form)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_status)
        self.timer.start(30_000)  # deadlines and level: recomputed every half minute
        self.tick = QTimer(self)
        self.tick.timeout.connect(self.show_quick_countdown)
        self.tick.start(1_000)    # the one-hour countdown moves by the second
        host.add_close_hook(self.timer.stop)
        host.add_close_hook(self.tick.stop)

    def _fill_combos(self) -> None:
        ui = self.ui
        self._fill_water_choices()
        for kind, label in (("quick", self.tr("One-hour quick report")), ("initial", self.tr("Initial report")),
                            ("followup", self.tr("Follow-up report")), ("final", self.tr("Final report"))):
            ui.typeCombo.addItem(label, kind)
        ui.langCombo.addItem("中文", "zh")
        ui.langCombo.addItem("English", "en")

    def _fill_water_choices(self):
        combo, current = self.ui.waterSourceCombo, self.ui.waterSourceCombo.currentData()
        combo.clear()
        for value, words in water_source_choices(self.session.content_lang):
            combo.addItem(words, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))

    def lang(self) -> str:
        return self.ui.langCombo.currentData() or "zh"

    # ---- data <-> form -------------------------------------------------------------------
    def incident_changed(self, *_):
        """Show the current incident, and nothing of the previous one."""
        self.last_pdf = None
        self.ui.previewLabel.clear()
        self.ui.statusLabel.setText("")
        self.ui.openPdfButton.setEnabled(False)
        self.ui.openFolderButton.setEnabled(False)
        inc = self.session.incident
        if not inc:
            return
        from fieldapp.reports.gather import gather
        from fieldapp.reports.prefill import drafts

        data = gather(self.session.store, inc)
        facts, draft = data.facts, drafts(data)
        for name, key in NUMERIC.items():
            v = facts.get(key)
            getattr(self.ui, name).setText("" if v is None else plain(float(v)))
        for name, key in LINES.items():
            getattr(self.ui, name).setText(facts.get(key) or draft.get(key, ""))
        for name, key in TEXTS.items():
            getattr(self.ui, name).setPlainText(facts.get(key) or draft.get(key, ""))
        combo = self.ui.waterSourceCombo
        combo.setCurrentIndex(max(0, combo.findData(facts.get("water_source_interrupted"))))
        self._select_next_type(data.archive)
        self._fill_shipments()
        self._show_status(data)

    def _select_next_type(self, archive: list[dict]) -> None:
        """The type due next: quick report, then the initial, then follow-ups."""
        from fieldapp.reports import next_report_type

        kind = next_report_type(r["report_type"] for r in archive)
        self.ui.typeCombo.setCurrentIndex(self.ui.typeCombo.findData(kind))

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
            self.ui.statusLabel.setText(self.tr("Not saved: {0}").format(exc))
            return False
        return True                     # the status follows (RecordsChanged: incident_fact_values)

    # ---- status: the one-hour countdown, deadlines and level -----------------------------
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
        lang = self.lang()
        local = next((d for d in data.deadlines if d.key == "local"), None)
        self._quick_due = local.due if local else None
        self._quick_issued = next((r["report_no"] for r in data.archive if r["report_type"] == "quick"), "")
        self.show_quick_countdown()
        lines = []
        for d in data.deadlines:
            colour = "#c00000" if d.overdue else "#1a7f37"
            lines.append(f"<b style='color:{colour}'>{format_remaining(d.remaining, lang)}</b> "
                         f"({to_local_display(d.due.isoformat())}) {d.label(lang)}")
        self.ui.deadlinesLabel.setText("<br>".join(lines))
        g = data.grading
        level = LEVEL_NAMES[g.level][0 if lang == "zh" else 1]
        text = [f"<b>{level}</b>" + (self.tr(" (provisional)") if g.provisional else "")]
        text += [f"· {r.text(lang)}" for r in g.reasons]
        if g.escalate:
            text.append("<b>" + self.tr("Report on the {0} track ({1} h):").format(g.report_track, f"{g.deadline_hours:g}")
                        + "</b>")
            text += [f"· {r.text(lang)}" for r in g.escalation_reasons]
        text.append(f"<small>{g.basis_text(lang)}</small>")
        self.ui.levelLabel.setText("<br>".join(text))

    def show_quick_countdown(self) -> None:
        """'快报（1小时）：剩余 00:41:07', red once overdue; the number once it was issued."""
        label = self.ui.quickCountdownLabel
        if self._quick_issued:
            label.setText("<b style='color:#1a7f37'>" + self.tr("Quick report issued: {0}").format(self._quick_issued)
                          + "</b>")
            return
        if self._quick_due is None:
            label.setText("")
            return
        left = int((self._quick_due - datetime.now(timezone.utc)).total_seconds())
        h, rest = divmod(abs(left), 3600)
        clock = f"{h:02d}:{rest // 60:02d}:{rest % 60:02d}"
        if left >= 0:
            label.setText("<b style='font-size:15pt;color:#b35900'>" + self.tr("One-hour quick report: {0} left")
                          .format(clock) + "</b>")
        else:
            label.setText("<b style='font-size:15pt;color:#c00000'>" + self.tr("One-hour quick report overdue by {0}")
                          .format(clock) + "</b>")

    def _records_changed(self, e: RecordsChanged):
        if e.touches(*STATUS_TABLES):
            self.refresh_status()
        if e.touches("custody_events", "samples") and self.session.incident:
            self._fill_shipments()

    # ---- generate / issue / preview ------------------------------------------------------
    def generate(self, issue: bool = False, confirm_gaps: bool = False) -> None:
        """Build (and with ``issue``, write and archive) the chosen report as a task; ``report_done``
        follows with the PDF's path (None when nothing was made)."""
        if self.generating or not self.save_facts():
            if not self.generating:
                self.report_done.emit(None)
            return
        self.run_report(self.ui.typeCombo.currentData(), self.lang(), issue=issue, confirm_gaps=confirm_gaps)

    def run_report(self, kind: str, lang: str, *, issue: bool, confirm_gaps: bool) -> None:
        """The one path that makes a PDF: ``archive.produce`` on a reader (draft) or the writer (issue)."""
        session, inc = self.session, self.session.incident
        self.generating = True
        self._busy(True)
        self.ui.statusLabel.setText(self.tr("Making the report…"))
        done = lambda made: self._produced(made, kind, lang, issue)  # noqa: E731
        if issue:
            start_write_task(session, lambda st, progress, cancelled: _produce(st, inc, kind, lang, True, confirm_gaps),
                             done, self._failed, owner=self, label="report")
        else:
            start_task(lambda progress, cancelled: _with_reader(
                session, lambda st: _produce(st, inc, kind, lang, False, False)),
                done, self._failed, owner=self, label="report")

    def _busy(self, busy: bool):
        for b in (self.ui.generateButton, self.ui.issueButton):
            b.setEnabled(not busy)

    def _produced(self, made, kind: str, lang: str, issued: bool) -> None:
        from fieldapp.reports.archive import MissingFields

        self.generating = False
        self._busy(False)
        if isinstance(made, MissingFields):
            if self.confirm_missing(made):
                self.run_report(kind, lang, issue=True, confirm_gaps=True)
            else:
                self.report_done.emit(None)
            return
        self.show_result(made, issued)

    def confirm_missing(self, missing) -> bool:
        """List what is missing; issue only after a second, explicit confirmation."""
        box = QMessageBox(QMessageBox.Warning, self.tr("Not issued: facts are missing"),
                          self.tr("This report cannot be issued yet. Missing:") + "\n· " + "\n· ".join(missing.gaps),
                          parent=self)
        fill = box.addButton(self.tr("Fill them in"), QMessageBox.RejectRole)
        anyway = box.addButton(self.tr("Issue with missing items…"), QMessageBox.DestructiveRole)
        box.setDefaultButton(fill)
        box.exec()
        if box.clickedButton() is not anyway:
            self._focus_missing(missing.gap_keys)
            self.ui.statusLabel.setText(self.tr("Not issued. Still missing: {0}").format("; ".join(missing.gaps)))
            return False
        second = QMessageBox(QMessageBox.Question, self.tr("Issue with missing items?"),
                             self.tr("Every page of the issued report will say 含待补充项 (contains missing items), and "
                                     "the archive keeps it unchanged. The missing facts must follow in the next report. "
                                     "Issue now?"), parent=self)
        yes = second.addButton(self.tr("Issue now, marked 含待补充项"), QMessageBox.AcceptRole)
        second.addButton(self.tr("Cancel"), QMessageBox.RejectRole)
        second.exec()
        if second.clickedButton() is not yes:
            self.ui.statusLabel.setText(self.tr("Not issued."))
            return False
        return True

    def _focus_missing(self, keys: list[str]) -> None:
        name = next((FOCUS[k] for k in keys if k in FOCUS), None)
        if name:
            getattr(self.ui, name).setFocus()

    def show_result(self, made, issued: bool) -> None:
        report = made.report
        self.last_pdf = made.path
        self.ui.openPdfButton.setEnabled(True)
        self.ui.openFolderButton.setEnabled(True)
        msg = self.tr("{0}: {1} pages, saved to {2}").format(report.report_no, report.pages, str(made.path))
        if issued:
            msg += "\n" + self.tr("Issued and archived (cannot be changed).")
            if report.gaps:
                msg += "\n" + self.tr("Issued marked 含待补充项; still missing: {0}").format("; ".join(report.gaps))
            self.session.bus.publish(ReportIssued(report.report_no, str(made.path)))
        elif report.gaps:
            msg += "\n" + self.tr("Draft. Still missing: {0}").format("; ".join(report.gaps))
        self.ui.statusLabel.setText(msg)
        self.show_preview(made.path)

    def show_preview(self, path: Path) -> None:
        start_task(lambda progress, cancelled: render_preview(path), self._show_preview,
                   lambda e: self.report_done.emit(self.last_pdf), owner=self, label="report preview")

    def _show_preview(self, image):
        self.ui.previewLabel.setPixmap(QPixmap.fromImage(image))
        self.report_done.emit(self.last_pdf)

    def _failed(self, message: str):
        self.generating = False
        self._busy(False)
        self.ui.statusLabel.setText(self.tr("Not made: {0}").format(message))
        self.report_done.emit(None)

    def _language_changed(self):
        self._fill_water_choices()
        self.ui.langCombo.setCurrentIndex(max(0, self.ui.langCombo.findData(self.session.content_lang)))
        self.refresh_status()

    # ---- paper chain of custody ----------------------------------------------------------
    def _fill_shipments(self) -> None:
        from fieldapp.reports.labels import shipments

        combo = self.ui.shipmentCombo
        combo.clear()
        for i, sh in enumerate(shipments(self.session.store, self.session.incident_uuid)):
            when = self.tr("not handed over yet") if sh.key == "pending" else to_local_display(sh.at)
            combo.addItem(f"{when} · {sh.to_party or '—'} · {len(sh.items)}", i)
        combo.setCurrentIndex(combo.count() - 1)
        self.ui.custodyButton.setEnabled(combo.count() > 0)

    def _save_paper(self, name: str, pdf: bytes) -> Path:
        from fieldapp.reports.archive import reports_folder, write_durably

        path = write_durably(reports_folder(self.session.store) / name, pdf, overwrite=True)
        self.last_pdf = path
        self.ui.openPdfButton.setEnabled(True)
        self.ui.openFolderButton.setEnabled(True)
        self.show_preview(path)
        return path

    def make_labels(self) -> Path | None:
        from fieldapp.reports.labels import label_sheet

        inc = self.session.incident
        pdf, n = label_sheet(self.session.store, inc, lang=self.lang())
        path = self._save_paper(labels_file_name(inc["code"]), pdf)
        self.ui.statusLabel.setText(self.tr("{0} sample labels saved to {1}").format(n, str(path)))
        return path

    def make_custody_form(self) -> Path | None:
        from fieldapp.reports.labels import custody_form, shipments

        inc = self.session.incident
        found = shipments(self.session.store, inc["uuid"])
        i = self.ui.shipmentCombo.currentData()
        if i is None or i >= len(found):
            return None
        pdf = custody_form(self.session.store, inc, found[i], self.lang())
        path = self._save_paper(custody_file_name(inc["code"], i + 1), pdf)
        self.ui.statusLabel.setText(self.tr("Custody form saved to {0}").format(str(path)))
        return path

    def quick_report(self, report_type: str = "quick") -> None:
        """The first-hour guide's report step: this tab in front, a draft of the report due, in the
        session's language."""
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
