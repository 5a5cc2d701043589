"""Chain of custody on paper: a sheet of sample labels with QR codes, and a custody form per shipment.

Labels: A4 sheets of 3 × 8 labels (70 × 37 mm, the common self-adhesive label sheet), each with a QR
code (label_code.label_text: the sample's uuid and code) and, readable without a scanner, the sample
code, the point, the collection time, container and preservative, and the incident code.

Custody form: one per shipment, a shipment being the hand-over events with the same sender,
receiver and time (what one cool box carries); or, for samples not handed over yet, a form to fill
in at the hand-over. Both sides sign on paper; the form lists every sample with its condition.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import SimpleDocTemplate, Spacer, Table

from fieldapp.core.timeutil import to_local_display
from fieldapp.vocab import medium_label

from .fonts import FONT_NAME, Glyphs, faces
from .label_code import label_text
from .layout import BOTTOM, LEFT, PAGE, RIGHT, TOP, Typeset, numbered_canvas, table_style

COLS, ROWS = 3, 8
LABEL_W, LABEL_H = 70 * mm, 37.125 * mm
QR_SIZE = 27 * mm
WORDS = {
    "zh": {"collected": "采样", "container": "容器", "preservative": "保存", "point": "点位",
           "title": "样品交接记录单", "from": "交样方", "to": "接样方", "at": "交接时间", "place": "交接地点",
           "no": "序号", "code": "样品编号", "matrix": "介质", "condition": "样品状态", "note": "备注",
           "sign_from": "交样人签字：", "sign_to": "接样人签字：", "time": "时间：", "pending": "（待交接）",
           "incident": "事件", "count": "样品数", "page": "第 {x} 页 共 {y} 页"},
    "en": {"collected": "Taken", "container": "Container", "preservative": "Preserv.", "point": "Point",
           "title": "Sample custody form", "from": "Handed over by", "to": "Received by", "at": "Time",
           "place": "Place", "no": "No.", "code": "Sample code", "matrix": "Matrix", "condition": "Condition",
           "note": "Note", "sign_from": "Signature (handed over): ", "sign_to": "Signature (received): ",
           "time": "Time: ", "pending": "(to be handed over)", "incident": "Incident", "count": "Samples",
           "page": "Page {x} of {y}"},
}


def _samples(store, incident_uuid: str, uuids=None) -> list[dict]:
    rows = list(store.db.query(
        "SELECT s.*, p.code AS point_code, p.name AS point_name FROM samples s JOIN sampling_points p "
        "ON p.uuid = s.point_uuid WHERE s.incident_uuid = ? AND s.deleted = 0 ORDER BY p.code, s.collected_at",
        [incident_uuid]))
    if uuids is not None:
        wanted = set(uuids)
        rows = [r for r in rows if r["uuid"] in wanted]
    return rows


def _qr(c, text: str, x: float, y: float, size: float) -> None:
    w = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = w.getBounds()
    d = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0], initialFontName=FONT_NAME)
    d.add(w)
    renderPDF.draw(d, c, x, y)


def _label(c, g: Glyphs, s: dict, inc: dict, x: float, y: float, lang: str) -> None:
    w = WORDS[lang]
    _qr(c, label_text(s), x + 2 * mm, y + (LABEL_H - QR_SIZE) / 2, QR_SIZE)
    tx, ty = x + QR_SIZE + 4 * mm, y + LABEL_H - 7 * mm
    c.setFont(FONT_NAME, 9.5)
    c.drawString(tx, ty, g.clean(s["sample_code"]))
    c.setFont(FONT_NAME, 7)
    lines = [f"{w['point']} {s['point_code']} {s['point_name']}"[:26],
             f"{w['collected']} {to_local_display(s['collected_at'])}",
             f"{w['container']} {s['container']}"[:26], f"{w['preservative']} {s['preservative']}"[:26],
             f"{inc['code']}"]
    for i, line in enumerate(lines):
        c.drawString(tx, ty - (i + 1) * 4.4 * mm, g.clean(line))


def label_sheet(store, incident: dict, sample_uuids=None, lang: str = "zh") -> tuple[bytes, int]:
    """PDF bytes of the label sheet(s) and the number of labels (every live sample, or those given)."""
    faces()
    samples = _samples(store, incident["uuid"], sample_uuids)
    buf = io.BytesIO()
    c = rl_canvas.Canvas(buf, pagesize=PAGE, initialFontName=FONT_NAME)
    c.setTitle(f"{incident['code']} sample labels")
    g = Glyphs()
    left = (PAGE[0] - COLS * LABEL_W) / 2
    bottom = (PAGE[1] - ROWS * LABEL_H) / 2
    for i, s in enumerate(samples):
        slot = i % (COLS * ROWS)
        if i and slot == 0:
            c.showPage()
        col, row = slot % COLS, slot // COLS
        x, y = left + col * LABEL_W, bottom + (ROWS - 1 - row) * LABEL_H
        c.setStrokeColorRGB(0.8, 0.8, 0.8)
        c.setLineWidth(0.3)
        c.rect(x + 1, y + 1, LABEL_W - 2, LABEL_H - 2)   # a cutting guide on plain paper
        _label(c, g, s, incident, x, y, lang)
    if not samples:
        c.setFont(FONT_NAME, 12)
        c.drawString(LEFT, PAGE[1] - TOP, "（无样品）" if lang == "zh" else "(no samples)")
    c.save()
    return buf.getvalue(), len(samples)


@dataclass
class Shipment:
    key: str                    # 'YYYY-MM-DDTHH:MM|from|to', or 'pending'
    from_party: str
    to_party: str
    at: str
    place: str = ""
    items: list = field(default_factory=list)   # (sample row, custody event or None)


def shipments(store, incident_uuid: str) -> list[Shipment]:
    """Hand-overs grouped per (time to the minute, sender, receiver), oldest first; then the samples
    never handed over as one 'pending' shipment."""
    samples = {s["uuid"]: s for s in _samples(store, incident_uuid)}
    out: dict[str, Shipment] = {}
    handed = set()
    for e in store.db.query("SELECT * FROM custody_events WHERE deleted = 0 AND sample_uuid IN "
                            "(SELECT uuid FROM samples WHERE incident_uuid = ?) ORDER BY at", [incident_uuid]):
        s = samples.get(e["sample_uuid"])
        if s is None:
            continue
        key = f"{e['at'][:16]}|{e['from_party']}|{e['to_party']}"
        sh = out.setdefault(key, Shipment(key, e["from_party"], e["to_party"], e["at"], e["place"]))
        sh.items.append((s, e))
        handed.add(s["uuid"])
    result = list(out.values())
    pending = [s for u, s in samples.items() if u not in handed]
    if pending:
        result.append(Shipment("pending", "", "", "", "", [(s, None) for s in pending]))
    return result


def custody_form(store, incident: dict, shipment: Shipment, lang: str = "zh") -> bytes:
    """One shipment's custody form as PDF bytes (blank lines where a pending hand-over is filled in)."""
    w, ts = WORDS[lang], Typeset(lang)
    flow = [ts.para(w["title"] + ("" if shipment.key != "pending" else " " + w["pending"]), "title"),
            ts.para(f"{w['incident']}：{incident['code']} {incident['name']}" if lang == "zh"
                    else f"{w['incident']}: {incident['code']} {incident['name']}", "sub"), Spacer(1, 6)]
    blank, sep = "_" * 18, "：" if lang == "zh" else ": "
    head = [[ts.para(f"{w['from']}{sep}{shipment.from_party or blank}"),
             ts.para(f"{w['to']}{sep}{shipment.to_party or blank}")],
            [ts.para(f"{w['at']}{sep}{to_local_display(shipment.at) if shipment.at else blank}"),
             ts.para(f"{w['place']}{sep}{shipment.place or blank}")]]
    flow.append(Table(head, colWidths=[221, 221.2], style=table_style(head_rows=0)))
    flow.append(Spacer(1, 8))
    rows = [[ts.para(w[k], "head") for k in ("no", "code", "point", "collected", "matrix", "container",
                                              "preservative", "condition")]]
    for i, (s, e) in enumerate(shipment.items, 1):
        rows.append([ts.para(str(i), "cell"), ts.para(s["sample_code"], "cell"),
                     ts.para(f"{s['point_code']} {s['point_name']}", "cell"),
                     ts.para(to_local_display(s["collected_at"]), "cell"), ts.para(medium_label(s["matrix"], lang), "cell"),
                     ts.para(s["container"], "cell"), ts.para(s["preservative"], "cell"),
                     ts.para(e["condition"] if e else "", "cell")])
    flow.append(Table(rows, colWidths=[22, 80, 80, 62, 34, 58, 58, 48.2], repeatRows=1, style=table_style()))
    flow.append(Spacer(1, 8))
    flow.append(ts.para(f"{w['count']}{sep}{len(shipment.items)}"))
    sign = [[ts.para(w["sign_from"] + "_" * 14), ts.para(w["sign_to"] + "_" * 14)],
            [ts.para(w["time"] + "_" * 16), ts.para(w["time"] + "_" * 16)]]
    flow.append(Table(sign, colWidths=[221, 221.2], style=[("FONT", (0, 0), (-1, -1), FONT_NAME, 9),
                                                            ("TOPPADDING", (0, 0), (-1, -1), 12)]))
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=PAGE, leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
                            bottomMargin=BOTTOM, title=w["title"])
    when = w["pending"] if shipment.key == "pending" else to_local_display(shipment.at)
    number = f"{incident['code']} {w['title']} {when}"
    doc.build(flow, canvasmaker=numbered_canvas(number, w["page"]))
    return buf.getvalue()
