"""The Map tab (forms/map_panel.ui): the incident map in a QWebEngineView, linked both ways with the tables.

* The page is the file written by ``fieldapp.maps.loader.build_incident_map`` and is loaded with
  ``view.load(QUrl.fromLocalFile(...))``, never setHtml (which caps pages at 2 MB and gives them an
  opaque origin, so the Leaflet files next to them would not load).
* Building runs as a task on a worker thread with its own read-only store connection (WAL lets it
  read while the writer writes); a busy bar appears when a build takes over a second. Point
  colours and the side list's answers are the core's (``fieldapp.maps.status``), the same ones
  ``fieldapp map build`` draws.
* QWebChannel object ``fieldapp``: a click on the map starts a new sampling point there
  (``host.request_new_point``), a click on a marker makes it the session's point; the session's
  point pans the map (``fieldappPanTo``). Refreshes pass the current view to the builder, so data
  changes (``RecordsChanged``) never throw the user's pan/zoom away.
* Remote requests are blocked at the profile: the map must work with no network, and a field
  laptop must not leak positions to a tile server.
"""
from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineUrlRequestInterceptor
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QTreeWidgetItem, QWidget

from fieldapp.app.events import IncidentChanged, LanguageChanged, PointChanged, RecordsChanged
from fieldapp.maps.status import SIDE_LIST_MATERIALS
from fieldapp.ui.forms.ui_map_panel import Ui_MapPanel
from fieldapp.ui.labels import ui_lang
from fieldapp.ui.workers import start_task

LOCAL_SCHEMES = {"file", "qrc", "data", "blob", "about"}


# ---- plain functions run on worker threads (no widgets) -----------------------------------------
def build_map_file(store_path, incident: dict, out: Path, lang: str, view) -> Path:
    from fieldapp.maps.loader import build_incident_map
    from fieldapp.store.writer import open_reader

    st = open_reader(store_path)
    try:
        return build_incident_map(st, incident["uuid"], out, lang=lang, view=view)
    finally:
        st.close()


def answers_for(store_path, incident_uuid: str, point: dict, radius_m: float) -> dict:
    from fieldapp.maps.status import point_answers
    from fieldapp.store.writer import open_reader

    st = open_reader(store_path)
    try:
        return point_answers(st, incident_uuid, point, radius_m)
    finally:
        st.close()


# Tables whose changes show on the map.
MAP_TABLES = ("incidents", "sampling_points", "measurements", "map_layers", "map_rivers", "map_sites",
              "incident_plans")


# ---- Qt side ------------------------------------------------------------------------------------
class _BlockRemote(QWebEngineUrlRequestInterceptor):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.blocked: list[str] = []

    def interceptRequest(self, info):
        if info.requestUrl().scheme() not in LOCAL_SCHEMES:
            self.blocked.append(info.requestUrl().toString())
            info.block(True)


class MapBridge(QObject):
    """The object the page reaches as ``fieldapp`` over QWebChannel (slot names are the JS API)."""

    def __init__(self, panel: MapPanel):
        super().__init__(panel)
        self.panel = panel

    @Slot(float, float)
    def mapClicked(self, lat, lon):
        # deferred: the add-point dialog is modal and must not run inside the channel's callback
        QTimer.singleShot(0, self.panel, lambda: self.panel.map_clicked(lat, lon))

    @Slot(str)
    def pointSelected(self, uuid):
        QTimer.singleShot(0, self.panel, lambda: self.panel.marker_selected(uuid))

    @Slot()
    def mapReady(self):
        self.panel.page_ready()

    @Slot(int, float, float, float, float, int)
    def planView(self, request, west, south, east, north, zoom):
        self.panel.plan_view(request, (west, south, east, north), zoom)


def _km(m: float) -> str:
    return f"{abs(m) / 1000:.2f} km"


class MapPanel(QWidget):
    def __init__(self, session, host):
        super().__init__()
        self.session, self.host = session, host
        self.ui = Ui_MapPanel()
        self.ui.setupUi(self)
        self.ui.busyBar.hide()
        self._dir = Path(tempfile.mkdtemp(prefix="fieldapp-map-"))
        self.ready = False
        self.builds = 0                  # finished builds (tests wait on it)
        self._building = False
        self._again = False
        self._incident_uuid = None
        self._pending_pan: str | None = None
        self._from_map: str | None = None
        self._answers_for: str | None = None
        self._warm_for: str | None = None
        self._dirty = False
        self._selected = session.point_uuid

        self.profile = self.page = self.view = None     # made when the tab is first shown
        from fieldapp.plans.viewport import PlanViewServer

        self.plan_server = PlanViewServer(session.path)  # the plans, one view at a time (never the whole)
        self.plan_answers = 0
        self.guard = _BlockRemote(self)
        self.bridge = MapBridge(self)
        self.ui.splitter.setStretchFactor(0, 4)
        self.ui.splitter.setStretchFactor(1, 1)
        self.ui.splitter.setSizes([860, 480])
        self.ui.answersTree.setColumnWidth(0, 150)

        self._debounce = QTimer(self, singleShot=True, interval=300, timeout=self.refresh)
        self._busy_timer = QTimer(self, singleShot=True, interval=1000, timeout=self.ui.busyBar.show)
        self.ui.refreshButton.clicked.connect(self.refresh)
        self.ui.radiusSpin.valueChanged.connect(lambda *_: self._update_answers(force=True))
        ev = host.events
        ev.on(RecordsChanged, lambda e: self._data_changed() if e.touches(*MAP_TABLES) else None, owner=self)
        ev.on(IncidentChanged, lambda e: self._incident_changed(e.uuid), owner=self)
        ev.on(PointChanged, lambda e: self._point_selected(e.uuid), owner=self)
        ev.on(LanguageChanged, lambda e: self._language_changed(), owner=self)
        host.add_close_hook(self.shutdown)
        if session.incident:
            # the window chose its first incident and point before this panel was attached
            QTimer.singleShot(0, self, lambda: self._incident_changed(session.incident_uuid))
            QTimer.singleShot(0, self, self._update_answers)

    def _ensure_view(self):
        """The web view, made on first show: a window whose map is never opened costs no browser."""
        if self.view is not None:
            return
        # Off-the-record profile, not a child of the panel: it must outlive its page (a child of the
        # view, so gone with the window); shutdown() (also on aboutToQuit) deletes page, then profile.
        self.profile = QWebEngineProfile()
        self.profile.setUrlRequestInterceptor(self.guard)
        self.view = QWebEngineView(self.ui.mapHost)
        self.page = QWebEnginePage(self.profile, self.view)      # deleted with the view
        self.view.setPage(self.page)
        self.view.setContextMenuPolicy(Qt.NoContextMenu)
        self.view.setMinimumWidth(360)
        self.ui.mapLayout.addWidget(self.view, 1)
        self.channel = QWebChannel(self.page)
        self.channel.registerObject("fieldapp", self.bridge)
        self.page.setWebChannel(self.channel)
        self.page.loadFinished.connect(self._load_finished)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    # ---- building and loading ------------------------------------------------------------
    @property
    def map_path(self) -> Path:
        return self._dir / f"map-{self._incident_uuid or 'none'}.html"

    def _incident_changed(self, uuid: str | None):
        self._incident_uuid = uuid
        self.ready = False
        self._ensure_demo_layers()
        self._start_build(None)

    def _data_changed(self):
        self._debounce.start()

    def refresh(self):
        """Rebuild the current incident's map, keeping the user's view."""
        if not self.session.incident:
            return
        if self.ready:
            self._js("fieldapp.getView()", lambda v: self._start_build(
                (v["lat"], v["lng"], v["zoom"]) if isinstance(v, dict) else None))
        else:
            self._start_build(None)

    def _ensure_demo_layers(self):
        inc = self.session.incident
        if not inc or not inc.get("is_demo"):
            return
        has = self.session.store.conn.execute("SELECT 1 FROM map_layers WHERE incident_uuid = ? AND deleted = 0",
                                              (inc["uuid"],)).fetchone()
        if has:
            return
        from fieldapp.maps.demo_layers import add_demo_layers
        from fieldapp.store import StoreError

        try:
            self.session.write(lambda st: add_demo_layers(st, inc["uuid"]))
        except StoreError as exc:          # read-only store: the map just lacks the layers
            self.ui.mapStatus.setText(str(exc))

    def _start_build(self, view):
        inc = self.session.incident
        if not inc:
            return
        if not self.isVisible() or self.view is None:
            # Leaflet started in a hidden (zero-size) view fits the map to nothing; build when shown
            self._dirty = True
            return
        self._dirty = False
        if self._building:
            self._again = True
            return
        self._building, self._again = True, False
        self._busy_timer.start()
        self.ui.mapStatus.setText("")
        out, store_path, lang = self.map_path, self.session.path, self.session.content_lang

        start_task(lambda progress, cancelled: build_map_file(store_path, inc, out, lang, view),
                   self._built, self._build_failed, owner=self, label="map")
        self._warm_for = inc["uuid"]

    def _warm_plans(self):
        """After the page is built: the plan index and grids for the far-out views (close views are
        answered without them), so they are ready when the user zooms out."""
        inc, server = self._warm_for, self.plan_server
        if inc:
            start_task(lambda progress, cancelled: server.warm(inc), None,
                       lambda e: self.ui.mapStatus.setText(e), owner=self, label="plan index")

    def _built(self, path):
        self._finish_build()
        if Path(path) != self.map_path:        # the incident changed while building
            return self.refresh()
        self.ready = False                     # until the new page says it has drawn
        self.view.load(QUrl.fromLocalFile(str(path)))
        self._warm_plans()
        if self._again:
            self.refresh()

    def _build_failed(self, text: str):
        self._finish_build()
        self.ui.mapStatus.setText(QCoreApplication.translate("MapPanel", "The map could not be built: {0}").format(
            text.splitlines()[0]))

    def _finish_build(self):
        self._building = False
        self._busy_timer.stop()
        self.ui.busyBar.hide()
        self.builds += 1

    def _load_finished(self, ok: bool):
        # loadFinished says "ok" even on a blank page: ask the page whether it really drew
        self._js("!!(window.fieldapp && window.fieldapp.ready)", lambda r: self.page_ready() if r else
                 self.ui.mapStatus.setText(QCoreApplication.translate("MapPanel", "The map page did not start.")))

    def page_ready(self):
        if self.ready:
            return
        self.ready = True
        uuid, self._pending_pan = self._pending_pan, None
        if uuid:          # selected while the page was loading; otherwise the kept view stays
            self.pan_to(uuid)

    def _js(self, script: str, callback=None):
        """Run JS and hand its JSON result to callback. The page always answers with a string:
        PySide6 mishandles undefined results in runJavaScript callbacks."""
        wrapped = ("(function () { try { var r = eval(" + json.dumps(script) + "); return r === undefined ? 'null'"
                   " : JSON.stringify(r); } catch (e) { return JSON.stringify({'__error__': String(e)}); } })()")
        if self.page is None:
            return
        if callback is None:
            self.page.runJavaScript(wrapped, 0)
        else:
            self.page.runJavaScript(wrapped, 0, lambda r: callback(json.loads(r) if isinstance(r, str) else None))

    def plan_view(self, request: int, bounds, zoom: int):
        """The page asks for what one view of the incident's plans needs: answered on a worker."""
        inc, server = self.session.incident_uuid, self.plan_server
        start_task(lambda progress, cancelled: (request, server.answer(inc, bounds, zoom)), self._plan_answer,
                   lambda e: self.ui.mapStatus.setText(e), owner=self, label="plan view")

    def _plan_answer(self, result):
        request, text = result
        self.plan_answers += 1
        if self.page is not None:
            self.page.runJavaScript(f"fieldapp.planReceive({int(request)}, {text}) && 'ok'", 0)

    # ---- the two-way link ----------------------------------------------------------------
    def map_clicked(self, lat: float, lon: float):
        self.host.request_new_point(lat, lon)

    def marker_selected(self, uuid: str):
        known = self.session.store.conn.execute(
            "SELECT 1 FROM sampling_points WHERE uuid = ? AND incident_uuid = ? AND deleted = 0",
            (uuid, self.session.incident_uuid)).fetchone()
        if known:
            self._from_map = uuid              # the map is already there: no pan back
            self.session.set_point(uuid)
        # a site (warehouse, intake...): its popup is open on the map; nothing to select in the table

    def _point_selected(self, uuid: str | None):
        # The window re-announces the same point after every reload: pan only on a real change,
        # so a data refresh never moves the map away from where the user is looking.
        changed, self._selected = uuid != self._selected, uuid
        if uuid == self._from_map:
            self._from_map = None
        elif not changed:
            pass
        elif self.ready:
            self.pan_to(uuid)
        else:
            self._pending_pan = uuid
        self._update_answers(force=not changed)

    def pan_to(self, uuid: str):
        self._js(f"fieldappPanTo({json.dumps(uuid)})")

    # ---- side list -----------------------------------------------------------------------
    def _update_answers(self, force: bool = False):
        p, inc = self.session.current_point(), self.session.incident
        if not p or not inc:
            self.ui.answersTree.clear()
            return
        if p["uuid"] == self._answers_for and not force:
            return
        self._answers_for = p["uuid"]
        self.ui.pointLabel.setText(f"<b>{p['code']}</b> {p['name'] or ''}".replace("<b></b>", ""))
        radius = self.ui.radiusSpin.value() * 1000.0
        store_path = self.session.path
        start_task(lambda progress, cancelled: (p["uuid"], answers_for(store_path, inc["uuid"], p, radius)),
                   self._show_answers, lambda e: self.ui.mapStatus.setText(e), owner=self, label="map answers")

    def _show_answers(self, result):
        uuid, a = result
        if uuid != self.session.point_uuid:
            return
        from fieldapp.maps.vocab import material_name

        tree = self.ui.answersTree
        tree.clear()

        def add(parent, q, ans=""):
            item = QTreeWidgetItem([q, ans])
            item.setToolTip(1, ans)
            (parent.addChild(item) if parent is not None else tree.addTopLevelItem(item))
            return item

        ch = a["chainage"]
        if ch.method == "river":
            add(None, QCoreApplication.translate("MapPanel", "River chainage"), f"{_km(ch.chainage_m)} · {ch.river_name}")
        d = a["from_source"]
        if d is not None:
            how = QCoreApplication.translate("MapPanel", "along the river") if d.method == "river" else QCoreApplication.translate("MapPanel", "straight line")
            up = QCoreApplication.translate("MapPanel", " (upstream)") if d.method == "river" and d.distance_m < 0 else ""
            add(None, QCoreApplication.translate("MapPanel", "From the source"), f"{_km(d.distance_m)} {how}{up}")
        i = a["intake"]
        if i is None:
            add(None, QCoreApplication.translate("MapPanel", "Nearest downstream intake"), QCoreApplication.translate("MapPanel", "none downstream"))
        else:
            how = QCoreApplication.translate("MapPanel", "along the river") if i.method == "river" else QCoreApplication.translate("MapPanel", "straight line")
            add(None, QCoreApplication.translate("MapPanel", "Nearest downstream intake"), f"{_km(i.distance_m)} {how} · {i.name}")
        self._show_intercept(add, a.get("intercept"))
        km = self.ui.radiusSpin.value()
        for key in SIDE_LIST_MATERIALS:
            found = a["warehouses"][key]
            head = add(None, QCoreApplication.translate("MapPanel", "{0} within {1} km").format(material_name(key, ui_lang()), km),
                       QCoreApplication.translate("MapPanel", "{0} warehouse(s)").format(len(found)) if found else QCoreApplication.translate("MapPanel", "none"))
            for w in found:
                stock = ", ".join(f"{s.get('material', '')} {s.get('quantity', '')} {s.get('unit', '')}".strip()
                                  for s in (w.extra or {}).get("stock", []))
                add(head, w.name, f"{_km(w.distance_m)} · {stock}")
            head.setExpanded(True)
        tree.resizeColumnToContents(0)

    def _show_intercept(self, add, ic):
        """What can hold the plume before the first intake (only when the point is on a river line)."""
        if ic is None or ic.located is None:
            return
        from fieldapp.maps.builder import TEXT      # the map legend's words for facility types

        words = TEXT.get(self.session.content_lang, TEXT["zh"])
        head = add(None, QCoreApplication.translate("MapPanel", "Can intercept before the first intake"),
                   QCoreApplication.translate("MapPanel", "{0} facility(ies)").format(len(ic.facilities))
                   if ic.facilities else QCoreApplication.translate("MapPanel", "none"))
        for h in ic.facilities[:8]:
            add(head, h.name, f"{_km(h.distance_m)} · {words.get(h.facility_type, h.facility_type)}")
        head.setExpanded(True)

    # ---- housekeeping --------------------------------------------------------------------
    def showEvent(self, event):
        super().showEvent(event)
        self._ensure_view()
        if self._dirty:
            QTimer.singleShot(0, self, lambda: self._start_build(None) if not self.ready else self.refresh())

    def resizeEvent(self, event):
        super().resizeEvent(event)
        if self.ready:
            self._js("fieldapp.map.invalidateSize(false) && true")

    def changeEvent(self, event):
        if event.type() == QEvent.LanguageChange:
            self.ui.retranslateUi(self)
            self._answers_for = None
            self._update_answers()
        super().changeEvent(event)

    def _language_changed(self):
        self._debounce.start()          # popups and legend are in the page's language

    def shutdown(self):
        """Release the page before its profile (Qt warns and may crash otherwise) and the temp folder."""
        import shiboken6

        self.ready = False
        if self.view is not None and shiboken6.isValid(self.view):
            self.view.setPage(None)
        if self.page is not None and shiboken6.isValid(self.page):
            shiboken6.delete(self.page)
        if self.profile is not None and shiboken6.isValid(self.profile):
            shiboken6.delete(self.profile)
        self.page = self.profile = None
        self._debounce.stop()
        self.plan_server.close()
        shutil.rmtree(self._dir, ignore_errors=True)


def attach(session, host) -> MapPanel:
    panel = MapPanel(session, host)
    host.add_tab(panel, lambda: QCoreApplication.translate("MapPanel", "Map"), "map")
    return panel
