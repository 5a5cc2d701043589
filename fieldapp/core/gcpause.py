"""Keeping CPython's cyclic garbage collector from stopping every thread at a bad moment.

A full collection walks the whole heap (a Qt window with its web engine, the toolkit data…)
while holding the GIL: measured 75-90 ms with the window open, all of it a frozen GUI. Jobs that
allocate heavily but make no reference cycles (building a report PDF, writing a map page) run
inside ``no_gc()``; the app freezes its start-up heap once (``freeze_startup_heap``) so later
collections only look at new objects.
"""
from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def no_gc():
    """No cyclic collection while the block runs (reference counting still frees everything)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def freeze_startup_heap() -> None:
    """Collect once, then move every surviving object out of the collector's sight (gc.freeze),
    and collect from here on (the entry point turns it off while the modules load)."""
    gc.collect()
    gc.freeze()
    gc.enable()
