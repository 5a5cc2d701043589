"""The text in a sample label's QR code, and reading it back (typed, or from a barcode scanner that
acts as a keyboard).

Format: ``FASMP1:<sample uuid>:<sample code>`` (ASCII only: a keyboard-wedge scanner types what it
reads through the keyboard layout, so non-ASCII characters in a code are percent-encoded). The uuid
identifies the sample; the code is there for a person reading a decoded text and for labels printed
by an older store. ``parse_label`` also accepts a bare uuid or a sample code typed by hand.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

PREFIX = "FASMP1"
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


@dataclass(frozen=True)
class LabelCode:
    uuid: str | None        # None when only a sample code was given
    code: str


def label_text(sample: dict) -> str:
    return f"{PREFIX}:{sample['uuid']}:{quote(sample['sample_code'], safe='-_.~')}"


def parse_label(text: str) -> LabelCode | None:
    """What a scan or a typed text names, or None for empty input. Scanners may add a newline or
    a stray prefix character; both are ignored."""
    s = (text or "").strip()
    if not s:
        return None
    if PREFIX in s.upper():
        rest = s[s.upper().index(PREFIX) + len(PREFIX):].lstrip(":")
        uuid, _, code = rest.partition(":")
        if _UUID.fullmatch(uuid):
            return LabelCode(uuid.lower(), unquote(code))
    m = _UUID.search(s)
    if m:
        return LabelCode(m.group(0).lower(), "")
    return LabelCode(None, s)


def find_sample(store, text: str) -> dict | None:
    """The live sample a label names (by uuid, else by its code), or None."""
    found = parse_label(text)
    if found is None:
        return None
    if found.uuid:
        rows = list(store.db.query("SELECT * FROM samples WHERE uuid = ? AND deleted = 0", [found.uuid]))
        if rows:
            return rows[0]
    code = found.code
    if code:
        rows = list(store.db.query("SELECT * FROM samples WHERE sample_code = ? AND deleted = 0 "
                                   "ORDER BY created_at DESC", [code]))
        return rows[0] if rows else None
    return None
