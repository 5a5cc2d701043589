"""The photos chosen for reports as a report section: a numbered heading, then each picture (at
most 8 cm wide) with its point, time and caption. Registered by fieldapp.reports.builder through
its ``register_section`` hook (initial, follow-up and final reports)."""
from __future__ import annotations

import io

from reportlab.lib.units import cm
from reportlab.platypus import Image, KeepTogether, Spacer

from fieldapp.core.timeutil import to_local_display

MAX_W, MAX_H = 8 * cm, 6 * cm


def add_photos(st) -> None:
    """Append the photos of ``st.d.photos`` (fieldapp.photos.report_photos) to a report story;
    nothing when none was chosen. Captions go through the story's typesetting (glyphs, escaping)."""
    photos = getattr(st.d, "photos", None)
    if not photos:
        return
    st.sec("photos")
    for p in photos:
        img = Image(io.BytesIO(p["data"]))
        scale = min(MAX_W / img.imageWidth, MAX_H / img.imageHeight, 1.0)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        img.hAlign = "LEFT"                 # above its caption
        when = to_local_display(p["taken_at"]) if p.get("taken_at") else ""
        words = " · ".join(x for x in (p.get("point_code") or "", when, p.get("caption") or "") if x)
        st.flow.append(KeepTogether([img, st.p(words, "small"), Spacer(1, 6)]))
