"""Page layout shared by every report, after GB/T 9704-2012 (党政机关公文格式): A4, type area
156 mm × 225 mm (top 37 mm, left 28 mm), title in 二号 (22 pt) 小标宋-style Song, first-level
headings 三号 (16 pt) 黑体, second-level 四号 (14 pt) 楷体, body 小四 (12 pt) 宋体 with Latin
letters and digits in a Times-metric serif, tables 小五 (9 pt).

Every page carries the report number and the issue state in its header and "第 x 页 共 y 页" in its
footer. The page total is only known after layout, so the canvas keeps each page's state and writes
the furniture at save time (two-pass numbering without laying the story out twice).
"""
from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import Paragraph, TableStyle

from .fonts import FONT_NAME, Glyphs, face

PAGE = A4
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
MARGIN = LEFT                       # kept for callers that need one number
FRAME_WIDTH = PAGE[0] - LEFT - RIGHT   # 156 mm
RED = colors.HexColor("#c00000")
GREY = colors.HexColor("#444444")


def _style(name, font, size, leading, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK", **kw)


def styles(lang: str = "zh") -> dict:
    """Paragraph styles; each also records which faces its runs use (``faces``)."""
    zh = lang == "zh"
    song, kai, hei, title = face("song"), face("kai"), face("hei"), face("title")
    latin, latin_b = face("latin"), face("latin_bold")
    body_font = song if zh else latin
    s = {
        "masthead": _style("masthead", title if zh else latin_b, 24 if zh else 20, 32, alignment=1,
                           textColor=RED),
        "title": _style("title", title if zh else latin_b, 22 if zh else 18, 32, alignment=1, spaceBefore=6,
                        spaceAfter=4),
        "sub": _style("sub", body_font, 10.5, 15, alignment=1, textColor=GREY),
        "h1": _style("h1", hei if zh else latin_b, 16 if zh else 13, 24, spaceBefore=8, spaceAfter=3,
                     keepWithNext=1),
        "h2": _style("h2", kai if zh else latin_b, 14 if zh else 11.5, 21, spaceBefore=5, spaceAfter=2,
                     keepWithNext=1),
        "h3": _style("h3", hei if zh else latin_b, 10.5, 15, spaceBefore=4, spaceAfter=2),
        "body": _style("body", body_font, 12 if zh else 11, 21 if zh else 16),
        "prose": _style("prose", body_font, 12 if zh else 11, 21 if zh else 16,
                        firstLineIndent=24 if zh else 0, spaceAfter=2),
        "small": _style("small", body_font, 9, 13),
        "cell": _style("cell", body_font, 9, 11),
        "head": _style("head", hei if zh else latin_b, 9, 11, alignment=1),
        "acell": _style("acell", FONT_NAME, 9, 11),
        "qcell": _style("qcell", body_font, 11, 16),
        "qgap": _style("qgap", body_font, 11, 16, textColor=RED),
        "qhead": _style("qhead", hei if zh else latin_b, 11, 16),
        "num": _style("num", body_font, 9, 11, alignment=2),
        "gap": _style("gap", body_font, 12 if zh else 11, 21 if zh else 16, textColor=RED),
        "mark": _style("mark", hei if zh else latin_b, 12, 18, alignment=1, textColor=RED,
                       borderColor=RED, borderWidth=1, borderPadding=4, spaceBefore=4, spaceAfter=8),
        "box": _style("box", body_font, 10.5, 15, borderColor=RED, borderWidth=0.8, borderPadding=5,
                      backColor=colors.HexColor("#fff4f4"), spaceBefore=6, spaceAfter=8),
    }
    # latin runs inside Chinese text use the serif; CJK runs inside English text use Song
    for st in s.values():
        st.faces = (st.fontName, latin if zh and st.fontName in (song, kai, title) else None, song)
    return s


class Typeset:
    """Paragraphs with per-face runs for one report language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.g = Glyphs()
        self.s = styles(lang)

    def markup(self, text, key: str = "body") -> str:
        primary, latin, cjk = self.s[key].faces
        return self.g.para(text, primary, latin, cjk)

    def para(self, text, key: str = "body") -> Paragraph:
        return Paragraph(self.markup(text, key), self.s[key])

    def raw(self, markup: str, key: str = "body") -> Paragraph:
        """A paragraph from markup already built with ``markup`` (labels in bold and the like)."""
        return Paragraph(markup, self.s[key])


def table_style(extra=(), head_rows: int = 1) -> TableStyle:
    return TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT_NAME, 9),
        ("BACKGROUND", (0, 0), (-1, head_rows - 1), colors.HexColor("#e8edf3")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#666666")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        *extra,
    ])


def numbered_canvas(report_no: str, page_fmt: str, mark: str = "", footer_note: str = "", watermark: str = ""):
    """A canvas class writing the report number and ``mark`` (issue state, red) at the top of every
    page and '第 x 页 共 y 页' at the bottom, and ``watermark`` (a drill's exercise mark,
    fieldapp.store.drills.watermark_text) across each page."""

    class NumberedCanvas(rl_canvas.Canvas):
        def __init__(self, *args, **kw):
            # the default initial font is (unembedded) Helvetica: pdffonts would list it
            kw["initialFontName"] = FONT_NAME   # the doc template passes None explicitly
            super().__init__(*args, **kw)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._furniture(total)
                if watermark:
                    draw_watermark(self, watermark)
                super().showPage()
            super().save()

        def _furniture(self, total: int):
            top = PAGE[1] - TOP + 8 * mm
            self.setFont(FONT_NAME, 9)
            self.setFillColor(GREY)
            self.drawString(LEFT, top, report_no)
            if footer_note:
                self.drawString(LEFT, BOTTOM - 12 * mm, footer_note)
            if mark:
                self.setFillColor(RED)
                self.setFont(FONT_NAME, 10)
                self.drawRightString(PAGE[0] - RIGHT, top, mark)
            self.setStrokeColor(colors.HexColor("#999999"))
            self.setLineWidth(0.4)
            self.line(LEFT, top - 2.5 * mm, PAGE[0] - RIGHT, top - 2.5 * mm)
            self.setFillColor(GREY)
            self.setFont(FONT_NAME, 10)
            self.drawCentredString(PAGE[0] / 2, BOTTOM - 18 * mm,
                                   "— " + page_fmt.format(x=self._pageNumber, y=total) + " —")

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
