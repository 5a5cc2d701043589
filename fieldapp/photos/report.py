"""The photos chosen for reports as reportlab flowables: a heading, then each picture (at most
8 cm wide) with its point, time and caption. Called by fieldapp.reports.builder."""
from __future__ import annotations

import io

from reportlab.lib.units import cm
from reportlab.platypus import Image, KeepTogether, Paragraph, Spacer

from fieldapp.core.timeutil import to_local_display

MAX_W, MAX_H = 8 * cm, 6 * cm


def photo_flowables(photos: list[dict], lang: str, styles: dict) -> list:
    en = lang.startswith("en")
    out = [Paragraph("Photos" if en else "现场照片", styles["h1"])]
    for p in photos:
        img = Image(io.BytesIO(p["data"]))
        scale = min(MAX_W / img.imageWidth, MAX_H / img.imageHeight, 1.0)
        img.drawWidth, img.drawHeight = img.imageWidth * scale, img.imageHeight * scale
        when = to_local_display(p["taken_at"]) if p.get("taken_at") else ""
        words = " · ".join(x for x in (p.get("point_code") or "", when, p.get("caption") or "") if x)
        out.append(KeepTogether([img, Paragraph(words, styles["small"]), Spacer(1, 6)]))
    return out
