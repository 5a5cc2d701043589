"""Report tab: deadline countdowns, proposed level with reasons, facts form, preview, generate, issue.

All the work is in fieldapp.reports (core); this controller only moves values between the form and
the store and shows results. Generated PDFs go to a `reports/` folder next to the store file, named
by report number, so a lead finds them without a file dialog in the way.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QWidget

from fieldapp.core.errors import ValidationError
from fieldapp.core.timeutil import to_local_display
from fieldapp.reports.facts import load_facts, save_facts
from fieldapp.ui.forms.ui_report_panel import Ui_ReportPanel

NUMERIC = {"deathsEdit": "deaths", "poisonedEdit": "poisoned", "evacuatedEdit": "evacuated",
           "lossEdit": "economic_loss_yuan"}
LINES = {"unitEdit": "reporting_unit", "signatoryEdit": "signatory", "contactEdit": "contact"}
TEXTS = {"infoSourceEdit": "info_source", "causeEdit": "cause", "trendEdit": "trend", "measuresEdit": "measures",
         "nextStepsEdit": "next_steps", "processEdit": "process", "resultsEdit": "results",
         "lossesEdit": "losses", "remainingEdit": "remaining"}
WATER = (None, "none", "township", "county", "city")


class ReportPanel(QWidget):
    def __init__(self, win):
        super().__init__()
        self.win = win
        self.ui = Ui_ReportPanel()
        self.ui.setupUi(self)
        self.last_pdf: Path | None = None
        ui = self.ui
        for label in (QCoreApplication.translate("ReportPanel", "not known yet"),
                      QCoreApplication.translate("ReportPanel", "no"),
                      QCoreApplication.translate("ReportPanel", "yes: township source"),
                      QCoreApplication.translate("ReportPanel", "yes: county-level city source"),
                      QCoreApplication.translate("ReportPanel", "yes: districted city or above")):
            ui.waterSourceCombo.addItem(label)
        ui.typeCombo.addItem(QCoreApplication.translate("ReportPanel", "Initial report"), "initial")
        ui.typeCombo.addItem(QCoreApplication.translate("ReportPanel", "Follow-up report"), "followup")
        ui.typeCombo.addItem(QCoreApplication.translate("ReportPanel", "Final report"), "final")
        ui.langCombo.addItem("中文", "zh")
        ui.langCombo.addItem("English", "en")
        ui.saveFactsButton.clicked.connect(self.save_facts)
        ui.generateButton.clicked.connect(lambda: self.generate(issue=False))
        ui.issueButton.clicked.connect(lambda: self.generate(issue=True))
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh_status)
        self.timer.start(30_000)  # countdowns move by the minute

    # ---- data <-> form -------------------------------------------------------------------
    def incident_changed(self, *_):
        inc = self.win.incident
        if not inc:
            return
        from fieldapp.reports.gather import gather
        from fieldapp.reports.prefill import drafts

        facts = load_facts(self.win.store, inc["uuid"])
        draft = drafts(gather(self.win.store, inc))
        for name, key in NUMERIC.items():
            v = facts.get(key)
            getattr(self.ui, name).setText("" if v is None else f"{v:g}")
        for name, key in LINES.items():
            getattr(self.ui, name).setText(facts.get(key) or draft.get(key, ""))
        for name, key in TEXTS.items():
            getattr(self.ui, name).setPlainText(facts.get(key) or draft.get(key, ""))
        self.ui.waterSourceCombo.setCurrentIndex(WATER.index(facts.get("water_source_interrupted")))
        self.refresh_status()

    def form_facts(self) -> dict:
        out = {key: getattr(self.ui, n).text() for n, key in NUMERIC.items()}
        out.update({key: getattr(self.ui, n).text() for n, key in LINES.items()})
        out.update({key: getattr(self.ui, n).toPlainText() for n, key in TEXTS.items()})
        out["water_source_interrupted"] = WATER[self.ui.waterSourceCombo.currentIndex()]
        return out

    def save_facts(self) -> bool:
        try:
            save_facts(self.win.store, self.win.incident["uuid"], **self.form_facts())
        except ValidationError as exc:
            self.ui.statusLabel.setText(QCoreApplication.translate("ReportPanel", "Not saved: {0}").format(exc))
            return False
        self.refresh_status()
        return True

    # ---- status: deadlines and level -----------------------------------------------------
    def refresh_status(self):
        inc = self.win.incident
        if not inc:
            return
        from fieldapp.reports.gather import gather
        from fieldapp.reports.grading import format_remaining
        from fieldapp.reports.texts import LEVEL_NAMES

        lang = "zh" if self.win.property("lang") != "en" and self.ui.langCombo.currentData() != "en" else "en"
        data = gather(self.win.store, inc)
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
        self.ui.levelLabel.setText("<br>".join(text))

    # ---- generate / issue / preview ------------------------------------------------------
    def generate(self, issue: bool = False) -> Path | None:
        from fieldapp.reports.archive import issue_report, make_report

        if not self.save_facts():
            return None
        kind, lang = self.ui.typeCombo.currentData(), self.ui.langCombo.currentData()
        store, inc = self.win.store, self.win.incident
        report = issue_report(store, inc, kind, lang)[0] if issue else make_report(store, inc, kind, lang)
        folder = Path(store.path).parent / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        suffix = "" if issue else "-draft"
        path = folder / f"{report.report_no}{suffix}.pdf"
        path.write_bytes(report.pdf)
        self.last_pdf = path
        msg = QCoreApplication.translate("ReportPanel", "{0}: {1} pages, saved to {2}").format(
            report.report_no, report.pages, str(path))
        if issue:
            msg += "\n" + QCoreApplication.translate("ReportPanel", "Issued and archived (cannot be changed).")
        if report.gaps:
            msg += "\n" + QCoreApplication.translate("ReportPanel", "Still missing: {0}").format("; ".join(report.gaps))
        self.ui.statusLabel.setText(msg)
        self.show_preview(path)
        if issue:
            self.win.data_changed.emit()
        return path

    def show_preview(self, path: Path) -> None:
        from PySide6.QtPdf import QPdfDocument

        doc = QPdfDocument(self)
        doc.load(str(path))
        size = doc.pagePointSize(0)
        width = 560
        img = doc.render(0, QSize(width, int(width * size.height() / max(size.width(), 1))))
        self.ui.previewLabel.setPixmap(QPixmap.fromImage(img))
        doc.close()


def attach(win) -> ReportPanel:
    panel = ReportPanel(win)
    win.report_panel = panel
    win.ui.mainTabs.addTab(panel, QCoreApplication.translate("ReportPanel", "Reports"))
    win.incident_changed.connect(panel.incident_changed)
    panel.incident_changed()
    return panel
