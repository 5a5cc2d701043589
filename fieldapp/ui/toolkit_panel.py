"""Toolkit tab (forms/toolkit_panel.ui): search the 25 compiled pollutants and the scenario guides, read
their detail pages, tick scenario checklists into the incident log, and colour measurements by exceedance.

attach(session, host) adds the tab; a measurement row activated in the sampling tables
(double-click / Enter: ``PollutantRequested``) opens its pollutant page. The content is the core's
(fieldapp.toolkit): this module only lays it out and records checklist ticks with who/when as
structured log entries (fieldapp.toolkit.checklist), and reads the ticks back from the log.
"""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QListWidgetItem, QTreeWidgetItem, QWidget

from fieldapp.app.events import (IncidentChanged, LanguageChanged, PollutantRequested, RecordsChanged,
                                 ScenarioRequested)
from fieldapp.vocab.incidents import scenario_for_kind
from fieldapp.core.timeutil import to_local_display
from fieldapp.store import StoreError
from fieldapp.toolkit import detail_page, load_toolkit, open_search, render_html
from fieldapp.toolkit.checklist import checklist_state, tick_entry
from fieldapp.toolkit.detail import CONFIDENCE_COLOUR, CONFIDENCE_LABEL
from fieldapp.ui.common import show_error
from fieldapp.ui.forms.ui_toolkit_panel import Ui_ToolkitPanel

DOC_ROLE = Qt.UserRole
STEP_ROLE = Qt.UserRole + 1
STYLE = """
QLineEdit#searchEdit { font-size: 18pt; min-height: 46px; }
QLabel#noticeLabel, QLabel#checklistNotice { background: #fff4d6; border: 1px solid #e8d49a; padding: 6px; }
QLabel#scenarioTitle { font-size: 16pt; font-weight: bold; }
QListWidget#stepsList::item { padding: 8px 4px; border-bottom: 1px solid #ddd; }
QListWidget#stepsList::indicator { width: 24px; height: 24px; }
QListWidget#resultsList::item { padding: 6px 2px; }
QTreeWidget#browseTree::item { padding: 4px 0px; }
"""


def _search_index(session, tk):
    """The FTS index is kept in the store: (re)built by the writer, then read on the GUI's own
    connection. A store that cannot be written searches a private in-memory copy."""
    if not session.read_only:
        try:
            session.write(lambda st: open_search(st, tk) and None)
        except StoreError:
            return open_search(None, tk)
    return open_search(session.store, tk)


class ToolkitPanel(QWidget):
    def __init__(self, session, host, parent=None):
        super().__init__(parent)
        self.session, self.host = session, host
        self.tk = load_toolkit()
        self.search_index = _search_index(session, self.tk)
        self.lang = session.content_lang
        self.current_doc: str | None = None
        self.ticks: dict[tuple[str, str], dict] = {}   # (scenario, step) -> latest log row for it
        self._filling = False
        self.ui = Ui_ToolkitPanel()
        self.ui.setupUi(self)
        self.setStyleSheet(STYLE)
        ui = self.ui
        ui.splitter.setStretchFactor(0, 2)
        ui.splitter.setStretchFactor(1, 5)
        ui.leftTabs.setCurrentWidget(ui.browseTab)
        ui.searchEdit.textChanged.connect(self.run_search)
        ui.searchEdit.returnPressed.connect(self.open_current_result)
        ui.searchEdit.installEventFilter(self)
        ui.resultsList.currentItemChanged.connect(self._item_chosen)
        ui.resultsList.itemActivated.connect(self._item_chosen)
        ui.browseTree.currentItemChanged.connect(self._item_chosen)
        ui.stepsList.itemChanged.connect(self._step_toggled)
        ui.detailBrowser.anchorClicked.connect(self._link_clicked)
        ui.scenarioBrowser.anchorClicked.connect(self._link_clicked)
        self._fill_texts()

    # ---- language ------------------------------------------------------------------------
    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:
            self.ui.retranslateUi(self)       # the form's own strings; content follows LanguageChanged
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        """Show the content (detail pages, result titles, log texts, table annotations) in zh or en."""
        self.lang = lang
        self._fill_texts()
        self.run_search(self.ui.searchEdit.text())
        if self.current_doc:
            self.open_doc(self.current_doc)

    def _fill_texts(self):
        ui, lang = self.ui, self.lang
        notice = self.tk.meta["compiled_notice"][lang]
        ui.noticeLabel.setText(notice)  # under the list: the official list is not public
        marks = " &nbsp; ".join(
            f"<span style='color:{CONFIDENCE_COLOUR[k]}'>■ {html.escape(CONFIDENCE_LABEL[lang][k])}</span>"
            for k in ("confirmed", "verify", "uncertain"))
        ui.legendLabel.setText(html.escape(QCoreApplication.translate(
            "ToolkitPanel", "Every value carries its source and a confidence mark:")) + " " + marks)
        ui.checklistNotice.setText(self.tk.scenario_meta["compiled_notice"][lang] + " " + QCoreApplication.translate(
            "ToolkitPanel", "Each tick is written to the incident log with the team and the time."))
        self._fill_tree()
        if not ui.searchEdit.text():
            ui.resultCountLabel.setText(QCoreApplication.translate(
                "ToolkitPanel", "Type a name, symbol, pinyin or CAS number; Enter opens the first result."))

    def _fill_tree(self):
        tree, lang, tk = self.ui.browseTree, self.lang, self.tk
        keep = self.current_doc
        tree.blockSignals(True)
        tree.clear()
        for key, label in tk.meta["categories"].items():
            members = [e for e in tk.pollutants if e["category"] == key]
            group = QTreeWidgetItem(tree, [f"{label[lang]} ({len(members)})"])
            group.setFlags(Qt.ItemIsEnabled)
            for e in members:
                other = e["name"]["en" if lang == "zh" else "zh"]
                item = QTreeWidgetItem(group, [f"{e['number']}. {e['name'][lang]}  {other}"])
                item.setToolTip(0, item.text(0))
                item.setData(0, DOC_ROLE, e["id"])
        for title, kind, items in (
            (QCoreApplication.translate("ToolkitPanel", "Scenario checklists (compiled from public practice)"),
             "scenario", tk.scenarios),
            (QCoreApplication.translate("ToolkitPanel", "Technology categories"), "technology", tk.tech_categories),
            (QCoreApplication.translate("ToolkitPanel", "Engineering facility types"), "facility",
             tk.facility_types),
        ):
            group = QTreeWidgetItem(tree, [title])
            group.setFlags(Qt.ItemIsEnabled)
            for it in items:
                child = QTreeWidgetItem(group, [it["name"][lang]])
                child.setToolTip(0, it["name"][lang])
                child.setData(0, DOC_ROLE, f"{kind}:{it['id']}")
        tree.expandAll()
        tree.blockSignals(False)
        if keep:
            self._select_in_tree(keep)

    def _select_in_tree(self, doc_id: str):
        tree = self.ui.browseTree
        tree.blockSignals(True)
        for i in range(tree.topLevelItemCount()):
            group = tree.topLevelItem(i)
            for j in range(group.childCount()):
                if group.child(j).data(0, DOC_ROLE) == doc_id:
                    tree.setCurrentItem(group.child(j))
                    tree.scrollToItem(group.child(j), QAbstractItemView.PositionAtCenter)
        tree.blockSignals(False)

    # ---- search --------------------------------------------------------------------------
    def run_search(self, text: str) -> list:
        ui = self.ui
        hits = self.search_index.search(text) if text.strip() else []
        ui.resultsList.blockSignals(True)
        ui.resultsList.clear()
        for h in hits:
            other = h.title_en if self.lang == "zh" else h.title_zh
            sub = h.subtitle_zh if self.lang == "zh" else h.subtitle_en
            item = QListWidgetItem(f"{h.title(self.lang)}  {other}\n{sub}")
            item.setData(DOC_ROLE, h.doc_id)
            ui.resultsList.addItem(item)
        ui.resultsList.setCurrentRow(-1)
        ui.resultsList.blockSignals(False)
        if text.strip():
            ui.leftTabs.setCurrentWidget(ui.resultsTab)
            ui.resultCountLabel.setText(
                QCoreApplication.translate("ToolkitPanel", "{0} result(s), best first. Enter opens the first.")
                .format(len(hits)) if hits else
                QCoreApplication.translate("ToolkitPanel", "Nothing found. Try another spelling, the symbol or "
                                                           "the CAS number."))
        else:
            ui.leftTabs.setCurrentWidget(ui.browseTab)
            ui.resultCountLabel.setText(QCoreApplication.translate(
                "ToolkitPanel", "Type a name, symbol, pinyin or CAS number; Enter opens the first result."))
        return hits

    def open_current_result(self):
        lst = self.ui.resultsList
        item = lst.currentItem() or lst.item(0)
        if item is not None:
            self.open_doc(item.data(DOC_ROLE))

    def eventFilter(self, obj, event):
        # Down arrow from the search box walks into the results, like a browser's address bar.
        if (obj is self.ui.searchEdit and event.type() == QEvent.KeyPress and event.key() == Qt.Key_Down
                and self.ui.resultsList.count()):
            self.ui.resultsList.setFocus()
            self.ui.resultsList.setCurrentRow(0)
            return True
        return False

    def _item_chosen(self, item, *_):
        if item is None:
            return
        doc = item.data(0, DOC_ROLE) if isinstance(item, QTreeWidgetItem) else item.data(DOC_ROLE)
        if doc:
            self.open_doc(doc)

    # ---- pages ---------------------------------------------------------------------------
    def open_doc(self, doc_id: str) -> bool:
        """Show a pollutant / technology / facility page, or a scenario checklist."""
        page = detail_page(doc_id, self.lang, self.tk)
        if page is None:
            return False
        self.current_doc = page.doc_id
        if page.kind == "scenario":
            self._show_checklist(page)
        else:
            self.ui.detailBrowser.setHtml(self._with_sources(render_html(page), page))
            self.ui.pageStack.setCurrentWidget(self.ui.detailPage)
        self._select_in_tree(page.doc_id)
        return True

    def _link_clicked(self, url):
        if url.scheme() == "toolkit":
            self.open_doc(url.path())

    def show_pollutant(self, ident: str) -> bool:
        """Open the toolkit tab at a pollutant (any name, symbol or CAS); False if it is not in the list."""
        entry = self.tk.pollutant(ident or "")
        self.host.show_tab(self)
        if entry is None:
            self.ui.searchEdit.setText(ident or "")
            return False
        return self.open_doc(entry["id"])

    def _with_sources(self, page_html: str, page) -> str:
        """Append the titles of the source keys the page cites (S13, GB3838, …) so marks can be checked."""
        known = self.tk.meta["sources"]
        cited = []
        for sec in page.sections:
            for row in sec.rows:
                for key in re.findall(r"[A-Za-z0-9]+", row.source or ""):
                    if key in known and key not in cited:
                        cited.append(key)
        if not cited:
            return page_html
        title = html.escape(QCoreApplication.translate("ToolkitPanel", "Sources cited on this page"))
        items = "".join(f"<li><b>{html.escape(k)}</b>: {html.escape(known[k])}</li>" for k in cited)
        extra = f"<h3>{title}</h3><ul style='color:#444'>{items}</ul>"
        return page_html.replace("</body>", extra + "</body>", 1)

    # ---- scenario checklists -------------------------------------------------------------
    def _show_checklist(self, page):
        ui = self.ui
        sc = self.tk.scenario(page.doc_id.split(":", 1)[1])
        self.current_scenario = sc
        ui.scenarioTitle.setText(page.title)
        ui.scenarioBrowser.setHtml(self._scenario_overview(sc, page))
        self.reload_ticks()
        ui.pageStack.setCurrentWidget(ui.checklistPage)

    def _scenario_overview(self, sc: dict, page) -> str:
        """Related pollutants as links to their pages, and the reference incidents with their marks
        (the steps themselves are the tickable list above)."""
        e, lang = html.escape, self.lang
        links = ("、" if lang == "zh" else ", ").join(
            f"<a href='toolkit:{e(p)}'>{e(self.tk.pollutant(p)['name'][lang])}</a>" for p in sc["pollutants"])
        ref = next(r for s in page.sections if s.key == "overview" for r in s.rows if r.confidence)
        source = QCoreApplication.translate("ToolkitPanel", "Source")
        confidence = QCoreApplication.translate("ToolkitPanel", "Confidence")
        related = QCoreApplication.translate("ToolkitPanel", "Related pollutants")
        mark = f"{e(source)}: {e(ref.source)} · {e(confidence)}: {e(CONFIDENCE_LABEL[lang][ref.confidence])}"
        return (f"<p><b>{e(related)}:</b> {links}</p><p><b>{e(ref.label)}:</b> {e(ref.value)}<br/>"
                f"<span style='color:{CONFIDENCE_COLOUR[ref.confidence]}'>{mark}</span></p>")

    def reload_ticks(self):
        """Rebuild tick state from the incident log (the log is the record; nothing else is stored)."""
        if self.session.closed:         # a redraw queued (singleShot) just before the window closed
            return
        inc = self.session.incident
        self.ticks = checklist_state(self.session.store.list_log(inc["uuid"])) if inc else {}
        if getattr(self, "current_scenario", None):
            self._fill_steps()

    def _fill_steps(self):
        ui, sc, lang = self.ui, self.current_scenario, self.lang
        has_incident = self.session.incident is not None
        self._filling = True
        ui.stepsList.clear()
        done_count = 0
        for n, step in enumerate(sc["steps"], 1):
            tick = self.ticks.get((sc["id"], step["id"]))
            done = bool(tick and tick["done"])
            done_count += done
            text = f"{n}. {step[lang]}"
            if done:
                text += "\n" + QCoreApplication.translate("ToolkitPanel", "✓ done — {0}, {1}").format(
                    tick["who"], to_local_display(tick["at"]))
            item = QListWidgetItem(text)
            item.setData(STEP_ROLE, step["id"])
            flags = Qt.ItemIsEnabled | Qt.ItemIsSelectable
            item.setFlags(flags | Qt.ItemIsUserCheckable if has_incident else flags)
            item.setCheckState(Qt.Checked if done else Qt.Unchecked)
            ui.stepsList.addItem(item)
        self._filling = False
        if not has_incident:
            ui.progressLabel.setText(QCoreApplication.translate(
                "ToolkitPanel", "Open or create an incident to tick steps (ticks go to its log)."))
        else:
            ui.progressLabel.setText(QCoreApplication.translate(
                "ToolkitPanel", "{0} of {1} steps done for incident {2}").format(
                    done_count, len(sc["steps"]), self.session.incident["code"]))

    def _step_toggled(self, item: QListWidgetItem):
        inc = self.session.incident
        if self._filling or inc is None:
            return
        sc, step_id = self.current_scenario, item.data(STEP_ROLE)
        done = item.checkState() == Qt.Checked
        tick = self.ticks.get((sc["id"], step_id))
        if bool(tick and tick["done"]) == done:
            return
        entry = tick_entry(sc["id"], step_id, done, self.lang, self.tk)
        try:
            ident = self.session.store.require_identity()
            row = self.session.write(lambda st: st.log(inc["uuid"], who=f"{ident.team} / {ident.device}", **entry))
        except StoreError as exc:
            QTimer.singleShot(0, self, self._fill_steps)  # put the box back as the log says
            return show_error(self, exc)
        self.ticks[(sc["id"], step_id)] = {**row, "done": done}  # now: a quick second toggle sees it
        # Redraw after the signal returns: clearing the list inside its own itemChanged is unsafe.
        QTimer.singleShot(0, self, self._fill_steps)

    def incident_changed(self, *_):
        self.reload_ticks()
        inc = self.session.incident
        scenario = (inc.get("scenario_id") or scenario_for_kind(inc.get("kind"))) if inc else None
        if scenario and self.current_doc is None:
            self.open_doc("scenario:" + scenario)

    def show_scenario(self, scenario_id: str) -> None:
        """A new incident of that kind, or the guide's checklist step: the checklist, in front."""
        if self.open_doc("scenario:" + scenario_id):
            self.host.show_tab(self)
            if self.ui.stepsList.count():
                self.ui.stepsList.setCurrentRow(0)
            # after the dialog that asked for it has given the focus back to the window
            QTimer.singleShot(0, self, lambda: self.ui.stepsList.setFocus(Qt.OtherFocusReason))

    def _records_changed(self, e: RecordsChanged):
        # ticks may arrive from elsewhere (sync, another device); redraw after the writer's slot returns
        if e.touches("incident_log"):
            QTimer.singleShot(0, self, self.reload_ticks)


def attach(session, host) -> ToolkitPanel:
    panel = ToolkitPanel(session, host)
    host.add_tab(panel, lambda: QCoreApplication.translate("ToolkitPanel", "Toolkit"), "toolkit")
    ev = host.events
    ev.on(PollutantRequested, lambda e: panel.show_pollutant(e.ident), owner=panel)
    ev.on(ScenarioRequested, lambda e: panel.show_scenario(e.scenario_id), owner=panel)
    ev.on(IncidentChanged, panel.incident_changed, owner=panel)
    ev.on(LanguageChanged, lambda e: panel.set_language(session.content_lang), owner=panel)
    ev.on(RecordsChanged, panel._records_changed, owner=panel)
    panel.incident_changed()
    return panel
