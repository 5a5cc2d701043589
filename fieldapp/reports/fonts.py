"""The embedded Chinese font and the fallback-glyph policy.

WenQuanYi Zen Hei (fonts-wqy-zenhei) is a TrueType collection reportlab embeds as a subset (pdffonts
shows emb=yes) and it has ℃. A character the font lacks would print as an invisible gap, so every
text passes through ``Glyphs.clean``: unknown characters become a visible placeholder and are
collected, and the report lists them (the reader knows a name was altered, and how).

Where the font file is: ``FIELDAPP_REPORT_FONT`` when set, else the copy the frozen build carries
(build.spec bundles every file of ``FACE_FILES``; a Windows laptop has no /usr/share/fonts), else
the system path (fieldapp.core.resources.font_file). The window uses the same file for Chinese.
"""
from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from fieldapp.core.resources import font_file

FONT_NAME = "WQYZenHei"
FACE_FILES = {   # reportlab name -> (system path candidates, subfont index); the build bundles each
    FONT_NAME: (("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",), 0),
}
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

    p = face_path(FONT_NAME)
    if p is None:
        raise FontMissing("no Chinese font for reports: install fonts-wqy-zenhei "
                          "(/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc) or set FIELDAPP_REPORT_FONT")
    font = TTFont(FONT_NAME, str(p), subfontIndex=FACE_FILES[FONT_NAME][1])
    pdfmetrics.registerFont(font)
    # <b>/<i> in paragraphs must not fall back to (unembedded) Helvetica
    from reportlab.lib.fonts import addMapping
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT_NAME, bold, italic, FONT_NAME)
    _registered = font
    return font


def face_path(name: str) -> Path | None:
    """The file of face ``name`` for this run (see the module docstring), or None."""
    chosen = os.environ.get("FIELDAPP_REPORT_FONT", "") if name == FONT_NAME else ""
    if chosen and Path(chosen).is_file():
        return Path(chosen)
    paths = FACE_FILES[name][0]
    return font_file(Path(paths[0]).name, paths)


def font_files_to_bundle() -> list[Path]:
    """Every face file found on this (build) machine: build.spec copies them into the bundle."""
    return [p for p in (font_file(Path(paths[0]).name, paths) for paths, _ in FACE_FILES.values()) if p]


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
