"""The scorecard as a PDF (reportlab, the reports' fonts and page layout, the exercise watermark on
every page)."""
from __future__ import annotations

import io

from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from fieldapp.core.timeutil import now_iso, to_local_display
from fieldapp.reports.layout import BOTTOM, LEFT, PAGE, RIGHT, TOP, numbered_canvas, styles, table_style
from fieldapp.store.drills import watermark_text

from .score import Scorecard

WORDS = {
    "title": ("演练评分表", "Drill scorecard"), "item": ("项目", "Item"), "result": ("结果", "Result"),
    "score": ("得分", "Score"), "total": ("总分", "Total"), "done": ("已完成的处置要点", "Checklist steps done"),
    "skipped": ("未完成的处置要点", "Checklist steps skipped"), "none": ("无", "none"),
    "page": ("第 {x} 页 共 {y} 页", "page {x} of {y}"), "made": ("生成时间", "Made at"),
    "ok": ("达到", "met"), "judged": ("判定", "Judged"), "not": ("未达到", "not met"), "open": ("待定", "open"),
}


def _w(key: str, lang: str) -> str:
    return WORDS[key][1 if lang.startswith("en") else 0]


def scorecard_pdf(card: Scorecard, lang: str = "zh") -> bytes:
    s = styles("en" if lang.startswith("en") else "zh")
    en = lang.startswith("en")
    inc = card.incident
    flow = [Paragraph(_w("title", lang), s["title"]),
            Paragraph(f"{inc['code']}  {card.scenario.name(lang)}", s["sub"]),
            Paragraph(f"{_w('made', lang)}: {to_local_display(now_iso())}", s["sub"]), Spacer(1, 10)]
    rows = [[_w("item", lang), _w("result", lang), _w("judged", lang), _w("score", lang)]]
    for item in card.items:
        mark = _w("open", lang) if item.ok is None else (_w("ok", lang) if item.ok else _w("not", lang))
        rows.append([Paragraph(item.label(lang), s["cell"]), Paragraph(item.value(lang), s["cell"]), mark,
                     f"{item.points}/{item.max_points}"])
    rows.append([_w("total", lang), "", "", f"{card.points}/{card.max_points}"])
    flow.append(Table(rows, colWidths=[110, 222, 60, 50], style=table_style()))
    for key, steps in (("done", card.done_steps), ("skipped", card.skipped_steps)):
        flow.append(Paragraph(_w(key, lang), s["h2"]))
        lines = [en_ if en else zh for zh, en_ in steps] or [_w("none", lang)]
        flow += [Paragraph(f"• {line}", s["body"]) for line in lines]
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                            bottomMargin=BOTTOM, title=_w("title", lang))
    footer = f"{inc['code']} {_w('title', lang)}"
    doc.build(flow, canvasmaker=numbered_canvas(footer, _w("page", lang), watermark=watermark_text(inc)))
    return buf.getvalue()
