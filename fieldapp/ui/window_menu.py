"""The main window's menu commands that open another dialog or window (File: new incident, demo,
identity, a server incident; Help; Drill) or hand over to a panel (proposed points). A mixin of
MainWindow: each reads the window's session and shows its own dialog."""
from __future__ import annotations

from fieldapp.app.events import ScenarioRequested
from fieldapp.store import StoreError
from fieldapp.ui import labels
from fieldapp.ui.common import show_error


class MenuActions:
    def new_incident(self):
        from fieldapp.ui.incident_dialog import IncidentDialog

        dlg = IncidentDialog(self.session, self)
        accepted = dlg.exec()
        dlg.deleteLater()           # a finished dialog is freed here, not by a collector on any thread
        if accepted and dlg.created:
            self.session.set_incident(dlg.created["uuid"])
            if dlg.created.get("scenario_id"):      # the kind's checklist, in front (first-hour guide)
                self.session.bus.publish(ScenarioRequested(dlg.created["scenario_id"]))

    def create_demo(self):
        from fieldapp.demo import create_demo_incident

        try:
            inc = self.session.write(create_demo_incident)
        except StoreError as exc:
            return show_error(self, exc)
        self.session.set_incident(inc["uuid"])

    def edit_identity(self):
        from fieldapp.ui.identity_dialog import IdentityDialog

        IdentityDialog(self.store.identity, self.session.set_identity, self).exec()

    def open_server_incident(self):
        from fieldapp.ui.server_dialog import open_server_incident

        return open_server_incident(self, "en" if labels.ui_lang() == "en" else "zh_CN")

    def show_help(self):
        from fieldapp.ui.help_window import show_help

        return show_help(self)

    def propose_points(self):
        guide = self.panels.get("guide")
        return guide.propose() if guide is not None else None

    def start_drill(self):
        from fieldapp.ui.drill_ui import start_drill

        return start_drill(self)

    def show_scorecard(self):
        from fieldapp.ui.drill_ui import show_scorecard

        return show_scorecard(self)

    def delete_drill(self):
        from fieldapp.ui.drill_ui import delete_drill

        return delete_drill(self)
