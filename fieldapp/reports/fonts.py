"""The embedded Chinese font and the fallback-glyph policy.

WenQuanYi Zen Hei (fonts-wqy-zenhei) is a TrueType collection reportlab embeds as a subset (pdffonts
shows emb=yes) and it has ℃. A character the font lacks would print as an invisible gap, so every
text passes through ``Glyphs.clean``: unknown characters become a visible placeholder and are
collected, and the report lists them (the reader knows a name was altered, and how).
"""
from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

FONT_NAME = "WQYZenHei"
CANDIDATES = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",)
PLACEHOLDER = "□"


class FontMissing(RuntimeError):
    """No usable CJK TrueType font: install fonts-wqy-zenhei or set FIELDAPP_REPORT_FONT."""


_registered = None


def register_font():
    """Register the CJK font once; returns the reportlab TTFont."""
    global _registered
    if _registered is not None:
        return _registered
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    paths = [os.environ.get("FIELDAPP_REPORT_FONT", "")] + list(CANDIDATES)
    for p in paths:
        if p and Path(p).is_file():
            font = TTFont(FONT_NAME, p, subfontIndex=0)
            pdfmetrics.registerFont(font)
            # <b>/<i> in paragraphs must not fall back to (unembedded) Helvetica
            from reportlab.lib.fonts import addMapping
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(FONT_NAME, bold, italic, FONT_NAME)
            _registered = font
            return font
    raise FontMissing("no Chinese font for reports: install fonts-wqy-zenhei "
                      "(/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc) or set FIELDAPP_REPORT_FONT")


class Glyphs:
    """Replaces characters outside the font with PLACEHOLDER and remembers them."""

    def __init__(self):
        font = register_font()
        self._have = font.face.charToGlyph
        self.missing: dict[str, int] = {}

    def clean(self, text) -> str:
        s = "" if text is None else str(text)
        out = []
        for ch in s:
            if ch in "\n\t" or ord(ch) in self._have:
                out.append(ch)
            elif ord(ch) < 32:
                continue  # control characters never belong in a report
            else:
                self.missing[ch] = self.missing.get(ch, 0) + 1
                out.append(PLACEHOLDER)
        return "".join(out)

    def para(self, text) -> str:
        """Clean + XML-escape for a Paragraph; newlines become line breaks."""
        return escape(self.clean(text)).replace("\n", "<br/>")
