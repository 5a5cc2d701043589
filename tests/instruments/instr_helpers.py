"""Helpers shared by the instrument tests (imported by name: tests/ has no packages)."""
from __future__ import annotations

import time


def wait_until(pred, timeout: float = 8.0, step: float = 0.02) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


def decode_all(decoder, chunks) -> list:
    out = []
    for chunk in chunks:
        out += decoder.feed(chunk, "2026-11-29T05:00:00.000Z")
    return out + decoder.flush("end of test stream")
