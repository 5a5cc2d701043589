"""Report faces (GB/T 9704-style) that apt provides and reportlab embeds, and the glyph policy.

GB/T 9704-2012 sets official documents in 小标宋 (title), 黑体 (first-level headings), 楷体
(second-level headings), 仿宋/宋体 (body) with Times New Roman for Latin letters and digits. The
free TrueType faces Debian ships for those roles:

  title  AR PL SungtiL GB 文鼎简报宋 (fonts-arphic-gbsn00lp)   heavy Song, for titles
  song   AR PL UMing CN (fonts-arphic-uming)                    body text and tables
  kai    AR PL UKai CN (fonts-arphic-ukai)                      second-level headings
  hei    WenQuanYi Zen Hei (fonts-wqy-zenhei)                   first-level headings; the fallback
  latin  Liberation Serif (fonts-liberation2)                   Latin letters and digits (Times metrics)
  (last) DejaVu Sans (fonts-dejavu-core)                        symbols the others lack (⁻ in CN⁻)

Only WenQuanYi Zen Hei is required: it covers every character the others may lack (℃, µ, ³…), and
any face that is not installed is replaced by it, so a report always builds. Every face is embedded
as a subset (pdffonts: emb yes). Text is split into runs per face (``Glyphs.para``): Latin runs in
the Latin face, CJK in the role's face, characters that face lacks in Zen Hei. A character no face
has is printed as a visible □ and listed at the end of the report (never an invisible gap).

Where a face's file is: ``FIELDAPP_REPORT_FONT`` for the fallback face when set, else the copy the
frozen build carries (build.spec bundles every file of ``FACE_FILES`` into fonts/; a Windows laptop
has no /usr/share/fonts), else the system path (``face_path``, through
fieldapp.core.resources.font_file). The window uses the fallback face's file for Chinese too.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from fieldapp.core.resources import font_file

FONT_NAME = "WQYZenHei"       # the fallback face: charts, maps and page furniture use it directly
PLACEHOLDER = "□"
_AR = "/usr/share/fonts/truetype/arphic"
_LIB = "/usr/share/fonts/truetype/liberation2"
FACE_FILES = {   # reportlab name -> (path candidates, subfont index)
    FONT_NAME: (("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",), 0),
    "UMingCN": ((f"{_AR}/uming.ttc",), 0),
    "UKaiCN": ((f"{_AR}/ukai.ttc",), 0),
    "SungtiLGB": (("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf",), 0),
    "LiberationSerif": ((f"{_LIB}/LiberationSerif-Regular.ttf",), 0),
    "LiberationSerif-Bold": ((f"{_LIB}/LiberationSerif-Bold.ttf",), 0),
    "DejaVuSans": (("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",), 0),   # ⁻ and other symbols
}
ROLES = {"title": "SungtiLGB", "song": "UMingCN", "kai": "UKaiCN", "hei": FONT_NAME,
         "latin": "LiberationSerif", "latin_bold": "LiberationSerif-Bold"}


class FontMissing(RuntimeError):
    """No usable CJK TrueType font: install fonts-wqy-zenhei or set FIELDAPP_REPORT_FONT."""


@dataclass
class _Faces:
    fonts: dict            # registered name -> TTFont
    role: dict             # role -> registered name (the fallback when a face is missing)

    def has(self, name: str, ch: str) -> bool:
        return ord(ch) in self.fonts[name].face.charToGlyph


_faces: _Faces | None = None


def _load(name: str, index: int):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    path = face_path(name)
    if path is None:
        return None
    font = TTFont(name, str(path), subfontIndex=index)
    pdfmetrics.registerFont(font)
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


def faces() -> _Faces:
    """Register every available face once; the fallback (Zen Hei) is required."""
    global _faces
    if _faces is not None:
        return _faces
    from reportlab.lib.fonts import addMapping

    fonts = {}
    for name, (_paths, index) in FACE_FILES.items():
        font = _load(name, index)
        if font is not None:
            fonts[name] = font
    if FONT_NAME not in fonts:
        raise FontMissing("no Chinese font for reports: install fonts-wqy-zenhei "
                          "(/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc) or set FIELDAPP_REPORT_FONT")
    role = {r: (n if n in fonts else FONT_NAME) for r, n in ROLES.items()}
    if role["latin_bold"] == FONT_NAME and role["latin"] != FONT_NAME:
        role["latin_bold"] = role["latin"]
    # <b>/<i> must never fall back to (unembedded) Helvetica: CJK faces have no bold cut
    for name in fonts:
        bold = role["latin_bold"] if name == role["latin"] else name
        for b in (0, 1):
            for i in (0, 1):
                addMapping(name, b, i, bold if b else name)
    _faces = _Faces(fonts, role)
    return _faces


def register_font():
    """The fallback TTFont (kept for callers that draw on a canvas with FONT_NAME)."""
    return faces().fonts[FONT_NAME]


def face(role: str) -> str:
    """Registered font name for a role ('title', 'song', 'kai', 'hei', 'latin')."""
    return faces().role[role]


def _is_latin(ch: str) -> bool:
    return ord(ch) < 0x2000 and ch not in "·"


class Glyphs:
    """Splits text into per-face runs; characters no face has become PLACEHOLDER and are remembered."""

    def __init__(self):
        self.f = faces()
        self.missing: dict[str, int] = {}

    def clean(self, text, any_face: bool = False) -> str:
        """Text safe for FONT_NAME (canvas drawing) or, with ``any_face``, for some registered face
        (paragraphs, which switch faces per run): control characters dropped; a character no face
        has becomes its compatibility form when that is drawable (C₆H₆ -> C6H6 on a chart), else □."""
        out = []
        for ch in "" if text is None else str(text):
            if ch in "\n\t" or self.f.has(FONT_NAME, ch) or (any_face and self._anywhere(ch)):
                out.append(ch)
            elif ord(ch) < 32:
                continue  # control characters never belong in a report
            else:
                alt = unicodedata.normalize("NFKC", ch)
                if alt != ch and alt and all(self.f.has(FONT_NAME, c) for c in alt):
                    out.append(alt)
                    continue
                self.missing[ch] = self.missing.get(ch, 0) + 1
                out.append(PLACEHOLDER)
        return "".join(out)

    def _anywhere(self, ch: str) -> bool:
        return any(self.f.has(n, ch) for n in self.f.fonts)

    def _face_for(self, ch: str, primary: str, latin: str | None, cjk: str | None) -> str:
        if latin and _is_latin(ch) and self.f.has(latin, ch):
            return latin
        if self.f.has(primary, ch):
            return primary
        if cjk and not _is_latin(ch) and self.f.has(cjk, ch):
            return cjk
        if self.f.has(FONT_NAME, ch):
            return FONT_NAME
        return next((n for n in self.f.fonts if self.f.has(n, ch)), FONT_NAME)

    def para(self, text, primary: str | None = None, latin: str | None = None, cjk: str | None = None) -> str:
        """Clean + XML-escape for a Paragraph whose style font is ``primary``: Latin runs go to
        ``latin``, CJK runs the primary face lacks to ``cjk``, anything else to Zen Hei, each through
        <font face>; newlines become line breaks."""
        cleaned = self.clean(text, any_face=True)
        primary = primary or FONT_NAME
        if primary == FONT_NAME and not latin and not cjk and all(
                c in "\n\t" or self.f.has(FONT_NAME, c) for c in cleaned):
            return escape(cleaned).replace("\n", "<br/>")
        parts, run, run_face = [], [], primary

        def flush():
            if run:
                chunk = escape("".join(run)).replace("\n", "<br/>")
                parts.append(chunk if run_face == primary else f'<font face="{run_face}">{chunk}</font>')
                run.clear()
        for ch in cleaned:
            f = run_face if ch in " \n" else self._face_for(ch, primary, latin, cjk)
            if f != run_face:
                flush()
                run_face = f
            run.append(ch)
        flush()
        return "".join(parts)
