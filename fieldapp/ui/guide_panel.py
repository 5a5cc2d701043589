"""The first-hour strip under the incident bar: the reporting countdown (always visible), the next
steps (each a button doing its action: Alt+1 … Alt+6), a drill's exercise mark and the banner
that a drinking-water point is over its limit, with the toolkit's next actions.

The decisions are fieldapp.guide's (Qt-free); this module lays them out. The state is read by a
task with its own read connection whenever the session says something changed; steps newly done
are written to the incident log as structured entries (entry_kind 'guide_step').
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFrame, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QPushButton, QVBoxLayout, QWidget)

from fieldapp.app.events import (IncidentChanged, LanguageChanged, QuickReportRequested, RecordsChanged,
                                 ScenarioRequested)
from fieldapp.guide.feedback import measurement_feedback
from fieldapp.guide.proposals import add_proposals, propose_points
from fieldapp.guide.state import read_state
from fieldapp.guide.steps import countdown, first_open, log_entries, next_steps, report_due
from fieldapp.store import StoreError
from fieldapp.ui.common import show_error
from fieldapp.vocab import role_label

STYLE = """
QFrame#guideStrip { background: #f4f7ec; border: 1px solid #c9d6a8; }
QLabel#countdown { font-size: 13pt; font-weight: bold; padding: 0px 8px; }
QFrame#guideStrip QPushButton { min-height: 28px; padding: 2px 10px; }
QLabel#drillMark { background: #6a3d9a; color: white; font-weight: bold; padding: 4px 10px; }
QLabel#nextStep { padding: 2px 6px; }
QFrame#exceedanceBanner { background: #d7301f; border: 2px solid #8b1a10; }
QFrame#exceedanceBanner QLabel { color: white; }
QLabel#bannerTitle { font-size: 15pt; font-weight: bold; }
"""
ICONS = {"done": "✓", "todo": "○", "overdue": "!"}
STEP_COLOURS = {"done": "#3b6e22", "todo": "#202020", "overdue": "#b00000"}
REFRESH_MS = 30_000        # the countdown moves by the minute



class ProposalsDialog(QDialog):
    """The proposed first points, all ticked; Space unticks, Enter adds the ticked ones."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(QCoreApplication.translate("GuidePanel", "Proposed sampling points"))
        lang = session.content_lang
        self.proposals = propose_points(session.store, session.incident_uuid)
        lay = QVBoxLayout(self)
        intro = QLabel(QCoreApplication.translate("GuidePanel", "Proposed from the river line (chainage from its upstream end). Space unticks a point; "
                          "Enter adds the ticked ones."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        self.list = QListWidget()
        for p in self.proposals.items:
            item = QListWidgetItem(f"{p.code}  {role_label(p.role, lang)} · {p.name(lang)} · {p.chainage_text(lang)}"
                                   f" · {p.lat:.5f}, {p.lon:.5f}")
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked)
            self.list.addItem(item)
        lay.addWidget(self.list)
        self.problem = QLabel(self.proposals.problem(lang))
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(self.proposals.problem(lang)))
        lay.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.list.setCurrentRow(0)
        self.list.setFocus()
        self.added: list[dict] = []
        self.resize(760, 420)

    def chosen(self):
        return [p for i, p in enumerate(self.proposals.items) if self.list.item(i).checkState() == Qt.Checked]

    def accept(self):
        chosen, inc = self.chosen(), self.session.incident_uuid
        if chosen:
            try:
                self.added = self.session.write(lambda st: add_proposals(st, inc, chosen))
            except StoreError as exc:
                return show_error(self, exc)
        super().accept()


class ExceedanceBanner(QFrame):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("exceedanceBanner")
        lay = QHBoxLayout(self)
        text = QVBoxLayout()
        self.title = QLabel(objectName="bannerTitle")
        self.title.setWordWrap(True)
        self.actions = QLabel()
        self.actions.setWordWrap(True)
        text.addWidget(self.title)
        text.addWidget(self.actions)
        lay.addLayout(text, 1)
        self.dismiss = QPushButton()
        self.dismiss.clicked.connect(self.hide)
        lay.addWidget(self.dismiss, 0, Qt.AlignTop)
        self.feedback = None
        self.hide()

    def show_feedback(self, feedback, lang: str) -> None:
        self.feedback = feedback
        self.render(lang)
        self.show()

    def render(self, lang: str) -> None:
        self.dismiss.setText(QCoreApplication.translate("GuidePanel", "Understood"))
        if self.feedback is None or self.feedback.banner is None:
            return
        banner = self.feedback.banner
        self.title.setText(banner.title(lang))
        self.actions.setText("\n".join(f"→ {line}" for line in banner.lines(lang)))


class GuidePanel(QWidget):
    refreshed = Signal()
    banner_shown = Signal(object)

    def __init__(self, session, host):
        super().__init__()
        self.session, self.host = session, host
        self.setStyleSheet(STYLE)
        self.state = None
        self.steps: list = []
        self._submitted: set[tuple[str, str]] = set()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        # Two rows so the window fits 1366 px in both languages: the countdown and what to do next,
        # then one button per step.
        self.strip = QFrame(objectName="guideStrip")
        rows = QVBoxLayout(self.strip)
        rows.setContentsMargins(4, 1, 4, 1)
        rows.setSpacing(0)
        top = QHBoxLayout()
        self.drill_mark = QLabel(objectName="drillMark")
        self.drill_mark.hide()
        self.countdown = QLabel(objectName="countdown")
        self.next_label = QLabel(objectName="nextStep")
        self.next_label.setWordWrap(True)
        self.next_label.setMinimumWidth(200)
        top.addWidget(self.drill_mark)
        top.addWidget(self.countdown)
        top.addWidget(self.next_label, 1)
        rows.addLayout(top)
        self.buttons_row = QHBoxLayout()
        rows.addLayout(self.buttons_row)
        self.buttons_row.addStretch(1)
        outer.addWidget(self.strip)
        self.banner = ExceedanceBanner()
        outer.addWidget(self.banner)
        self.step_buttons: list[QPushButton] = []
        for i in range(6):
            b = QPushButton()
            b.clicked.connect(lambda _=False, n=i: self.run_step(n))
            b.hide()
            self.buttons_row.insertWidget(i, b)
            self.step_buttons.append(b)
        self._timer = QTimer(self, interval=REFRESH_MS, timeout=self.refresh)
        self._timer.start()
        self._debounce = QTimer(self, interval=50, singleShot=True, timeout=self.refresh_now)
        host.add_close_hook(self._timer.stop)
        host.add_close_hook(self._debounce.stop)

    # ---- reading the state ------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the state again soon: events come in bursts (one write touches several tables)."""
        self._debounce.start()

    def refresh_now(self) -> None:
        """Reading the state takes a few ms (2.5 ms on the demo incident: points, measured roles, log,
        deadlines), so it runs here on the GUI thread's read connection rather than as a task."""
        if self.session.closed:
            return
        inc = self.session.incident_uuid
        if inc is None:
            self.state, self.steps = None, []
        else:
            try:
                self.state = read_state(self.session.store, inc)
            except StoreError as exc:
                self.next_label.setText("⚠ " + exc.text(self.session.content_lang))
                self.refreshed.emit()
                return
            self.steps = next_steps(self.state)
        self._render()
        if self.state is not None:
            self._log_done_steps()
        self.refreshed.emit()

    def _log_done_steps(self) -> None:
        inc = self.state.incident["uuid"]
        entries = [e for e in log_entries(self.state, self.steps, self.session.content_lang)
                   if (inc, e["step_id"]) not in self._submitted]       # queued but not read back yet
        if not entries or self.session.read_only:
            return
        self._submitted.update((inc, e["step_id"]) for e in entries)
        try:        # queued, not awaited: the strip never waits for the writer
            self.session.submit(lambda st: [st.log(inc, **e) for e in entries], label="guide")
        except StoreError:
            pass        # logged next time

    # ---- drawing ------------------------------------------------------------------------------
    def _render(self) -> None:
        lang = self.session.content_lang
        state = self.state
        self.drill_mark.setVisible(bool(state and state.incident.get("is_drill")))
        self.drill_mark.setText(QCoreApplication.translate("GuidePanel", "DRILL — exercise, not a real incident"))
        if state is None:
            self.countdown.setText(QCoreApplication.translate("GuidePanel", "No incident open"))
            self.next_label.setText("")
            for b in self.step_buttons:
                b.hide()
            return
        cd = countdown(state)
        colour = "#b00000" if cd.overdue else ("#3b6e22" if cd.met else "#8a4b00")
        self.countdown.setText(f"<span style='color:{colour}'>{cd.text(lang)}</span>")
        for i, b in enumerate(self.step_buttons):
            if i >= len(self.steps):
                b.hide()
                continue
            step = self.steps[i]
            title = step.title(lang)
            b.setText(f"&{i + 1} {ICONS[step.status]} {title}")
            b.setToolTip(f"{step.text(lang)}\n{step.detail(lang)}")
            if b.property("stepStatus") != step.status:
                # The state shows in the text (✓ ○ !) and the palette. Never re-style a button here: it
                # may be mid-click (a mnemonic animates its click) and a re-polish deletes the style's
                # running animation under Qt's timer (a crash).
                b.setProperty("stepStatus", step.status)
                pal = b.palette()
                pal.setColor(QPalette.ButtonText, QColor(STEP_COLOURS[step.status]))
                b.setPalette(pal)
            b.show()
        nxt = first_open(self.steps)
        if nxt is None:
            self.next_label.setText(QCoreApplication.translate("GuidePanel", "All first-hour steps are done. Keep the follow-up reports coming."))
        else:
            self.next_label.setText(QCoreApplication.translate("GuidePanel", "Next: {0} — {1}").format(nxt.text(lang), nxt.detail(lang)))
        self.banner.render(lang)

    # ---- actions --------------------------------------------------------------------------------
    def run_step(self, index: int) -> None:
        if index >= len(self.steps):
            return
        step = self.steps[index]
        if step.action == "open_checklist" and self.state.scenario:
            self.session.bus.publish(ScenarioRequested(self.state.scenario_id))
        elif step.action == "propose_points":
            self.propose()
        elif step.action == "add_measurement":
            self._select_role(step.role)
            self.host.request_measurement()
        elif step.action == "add_sample":
            self.host.request_sample()
        elif step.action == "quick_report":
            self.session.bus.publish(QuickReportRequested(report_due(self.state)))

    def _select_role(self, role: str) -> None:
        """Measurements at an intake go to the intake point (else the first downstream section)."""
        current = self.session.current_point()
        if current and current["role"] == role:
            return
        pts = self.session.store.list_points(self.session.incident_uuid)
        target = next((p for p in pts if p["role"] == role), None) or next(
            (p for p in pts if p["role"] in ("downstream", "source")), None)
        if target:
            self.session.set_point(target["uuid"])

    def propose(self) -> ProposalsDialog | None:
        if not self.session.incident_uuid:
            return None
        dlg = ProposalsDialog(self.session, self)
        accepted = dlg.exec()
        dlg.deleteLater()
        if accepted and dlg.added:
            self.host.show_message(QCoreApplication.translate("GuidePanel", "{0} sampling point(s) added").format(len(dlg.added)))
            self.session.set_point(dlg.added[0]["uuid"])
        return dlg

    # ---- events ---------------------------------------------------------------------------------
    def records_changed(self, e: RecordsChanged) -> None:
        if e.touches("measurements"):
            self._judge_new(e.ids("measurements"))
        if e.touches("incidents", "sampling_points", "measurements", "samples", "incident_log", "report_archive",
                     "incident_facts", "map_layers", "map_sites", "map_rivers"):
            self.refresh()

    def _judge_new(self, ids) -> None:
        """A new measurement at a drinking-water point over its limit: the banner, at once."""
        for uuid in sorted(ids or ()):
            try:
                row = self.session.store.get("measurements", uuid)
                fb = measurement_feedback(self.session.store, row)
            except StoreError:
                continue
            if fb.banner is not None and row.get("incident_uuid") == self.session.incident_uuid:
                self.banner.show_feedback(fb, self.session.content_lang)
                self.banner_shown.emit(fb)

    def incident_changed(self, _e=None) -> None:
        self.banner.feedback = None
        self.banner.hide()
        self.refresh()

    def language_changed(self, _e=None) -> None:
        self._render()


def attach(session, host) -> GuidePanel:
    panel = GuidePanel(session, host)
    host.add_header_widget(panel)
    host.panels["guide"] = panel
    ev = host.events
    ev.on(RecordsChanged, panel.records_changed, owner=panel)
    ev.on(IncidentChanged, panel.incident_changed, owner=panel)
    ev.on(LanguageChanged, panel.language_changed, owner=panel)
    panel.refresh()
    return panel
