"""Page layout shared by every report: styles, the table style, and "第 x 页 共 y 页" footers.

The page total is only known after layout, so the canvas keeps each page's state and writes the
footers at save time (two-pass numbering without laying the story out twice).
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import TableStyle

from .fonts import FONT_NAME, register_font

PAGE = A4
MARGIN = 2 * cm


def styles() -> dict:
    register_font()
    base = ParagraphStyle("body", fontName=FONT_NAME, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=1, spaceAfter=6),
        "sub": ParagraphStyle("sub", parent=base, fontSize=9, leading=13, alignment=1,
                              textColor=colors.HexColor("#444444")),
        "h1": ParagraphStyle("h1", parent=base, fontSize=13, leading=19, spaceBefore=10, spaceAfter=4),
        "h2": ParagraphStyle("h2", parent=base, fontSize=11, leading=16, spaceBefore=6, spaceAfter=2),
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
        "gap": ParagraphStyle("gap", parent=base, textColor=colors.HexColor("#c00000")),
        "box": ParagraphStyle("box", parent=base, fontSize=9.5, leading=14, borderColor=colors.HexColor("#c00000"),
                              borderWidth=0.8, borderPadding=5, backColor=colors.HexColor("#fff4f4"),
                              spaceBefore=6, spaceAfter=8),
    }


def table_style(extra=()) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 8),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dde6f0")),
        ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        *extra,
    ])


def numbered_canvas(footer_left: str, page_fmt: str, watermark: str = ""):
    """A canvas class writing '<footer_left>   第 x 页 共 y 页' on every page, and ``watermark``
    (a drill's exercise mark, fieldapp.store.drills.watermark_text) across each page."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kw):
            # the default initial font is (unembedded) Helvetica: pdffonts would list it
            kw.setdefault("initialFontName", FONT_NAME)
            super().__init__(*args, **kw)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(FONT_NAME, 8)
                self.setFillColor(colors.HexColor("#555555"))
                self.drawString(MARGIN, 1.2 * cm, footer_left)
                self.drawRightString(PAGE[0] - MARGIN, 1.2 * cm,
                                     page_fmt.format(x=self._pageNumber, y=total))
                if watermark:
                    draw_watermark(self, watermark)
                super().showPage()
            super().save()

    return NumberedCanvas


def draw_watermark(canv, text: str) -> None:
    """Large diagonal grey text across the page, behind nothing important (drawn last, translucent)."""
    canv.saveState()
    canv.setFont(FONT_NAME, 54)
    canv.setFillColor(colors.Color(0.55, 0.2, 0.6, alpha=0.22))
    canv.translate(PAGE[0] / 2, PAGE[1] / 2)
    canv.rotate(35)
    canv.drawCentredString(0, 0, text)
    canv.restoreState()
