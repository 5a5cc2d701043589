"""The instrument bench with the real GUI attached: GUI event-loop stall while 9 devices stream.

Runs ``bench_instruments.main`` (8 analyzers + 1 GPS at 10 Hz over real ptys, 60 s by default) on
a worker thread while the main thread runs the Qt event loop with a main window and its
Instruments tab. Every record the bench's ConnectionManager delivers also goes to the panel's
thread bridge, so the live table, trends, device statuses and GPS label update as in the field.
A ``StallProbe`` (a 5 ms QTimer on the GUI thread) is passed through the bench's ``stall_probe``
hook; the bench prints its worst lateness (target < 50 ms) next to lines lost and throughput.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_instruments_gui.py [--seconds 60] [--quick]
"""
from __future__ import annotations

import os
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_instruments

from fieldapp.instruments import ConnectionManager


def main(argv=None) -> int:
    from PySide6.QtCore import QTimer

    from fieldapp.app.events import DeviceStatusChanged, ReadingsArrived
    from fieldapp.store import open_store
    from fieldapp.ui import instruments_panel
    from fieldapp.ui.app import build_main_window, create_application
    from fieldapp.ui.workers import StallProbe

    app, translations = create_application()
    folder = tempfile.TemporaryDirectory()
    store = open_store(Path(folder.name) / "gui.sqlite", create=True)
    store.set_identity("bench unit", "bench team", "bench-laptop")
    inc = store.create_incident("bench GUI")
    store.add_point(inc["uuid"], 24.7, 108.3, code="B-01")
    win = build_main_window(store, translations, "zh_CN", make_demo=False, panels=False)
    panel = instruments_panel.attach(win.session, win)
    bus = win.session.bus
    win.resize(1280, 800)
    win.show()
    win.ui.mainTabs.setCurrentWidget(panel)

    class PanelFedManager(ConnectionManager):
        """The bench's manager, also feeding the panel exactly as the panel's own manager would."""

        def _deliver(self, records):
            super()._deliver(records)
            panel.mgr.live.update(records)
            bus.publish(ReadingsArrived(records))       # reader thread -> Qt adapter -> GUI thread

        def _status(self, status):
            super()._status(status)
            bus.publish(DeviceStatusChanged(status))

    bench_instruments.ConnectionManager = PanelFedManager
    sys.setswitchinterval(min(sys.getswitchinterval(), 0.001))   # as the panel does on connect
    probe = StallProbe(5)
    result = {}

    def work():
        try:
            result["rc"] = bench_instruments.main(argv, stall_probe=probe)
        except BaseException as exc:  # noqa: BLE001 - report it, and still end the event loop
            result["rc"] = 2
            result["error"] = exc

    worker = threading.Thread(target=work, name="bench", daemon=True)
    watch = QTimer(interval=200)
    watch.timeout.connect(lambda: app.quit() if not worker.is_alive() else None)
    worker.start()
    watch.start()
    app.exec()
    print(f"GUI: {panel.records_seen} records reached the panel, {len(panel.live_rows)} live channels, "
          f"probe ticks {probe.ticks}; worst stall ended {probe.worst_at_ms / 1000:.1f} s into the run", flush=True)
    if "error" in result:
        print(f"bench failed: {result['error']!r}", file=sys.stderr)
    gui_ok = probe.max_late_ms < 50
    print(f"GUI event-loop stall {probe.max_late_ms:.1f} ms (target < 50 ms) -> {'OK' if gui_ok else 'FAIL'}")
    panel.shutdown()
    win.close()                   # closes the session (and the store it was handed)
    folder.cleanup()
    return result.get("rc", 2) or (0 if gui_ok else 1)


if __name__ == "__main__":
    raise SystemExit(main())
