"""Chain of custody on paper: the label sheet's QR codes decode (zbar, from the rendered page) back
to the sample uuids; each shipment gets a custody form listing its samples; a scanned or typed
label text finds its sample."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from fieldapp.reports.label_code import find_sample, label_text, parse_label
from fieldapp.reports.labels import custody_form, label_sheet, shipments

from pdf_tools import fonts_not_embedded, squeeze, text_of


def _decode(png) -> list[str]:
    if shutil.which("zbarimg") is None:
        pytest.skip("zbarimg (zbar-tools) not installed")
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True)
    return [ln for ln in out.stdout.splitlines() if ln.strip()]


def test_label_qr_codes_decode_to_the_sample_uuids(benzene, demo, tmp_path):
    for st, inc in (benzene, demo):
        uuids = [r[0] for r in st.conn.execute("SELECT uuid FROM samples WHERE incident_uuid = ? AND deleted = 0 "
                                               "ORDER BY uuid", (inc["uuid"],))][:30]
        pdf, n = label_sheet(st, inc, uuids)
        path = tmp_path / f"{inc['code']}.pdf"
        path.write_bytes(pdf)
        assert n == len(uuids) and fonts_not_embedded(path) == []
        decoded = []
        for page in (1, 2) if n > 24 else (1,):
            subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-f", str(page), "-l", str(page), str(path),
                            str(tmp_path / f"{inc['code']}-p{page}")], check=True)
            png = next(tmp_path.glob(f"{inc['code']}-p{page}*.png"))
            decoded += _decode(png)
        assert sorted(parse_label(d).uuid for d in decoded) == sorted(uuids)
        for d in decoded:
            assert find_sample(st, d)["uuid"] == parse_label(d).uuid
        text = squeeze(text_of(path))
        sample = st.get("samples", uuids[0])
        assert squeeze(sample["sample_code"]) in text and squeeze(sample["container"]) in text


def test_label_text_round_trip_and_scanner_noise(benzene):
    st, inc = benzene
    s = st.db.query("SELECT * FROM samples WHERE incident_uuid = ?", [inc["uuid"]]).__next__()
    text = label_text(s)
    assert text.isascii() and text.startswith("FASMP1:")
    for typed in (text, text + "\r\n", " " + text.lower(), s["uuid"], s["sample_code"]):
        assert find_sample(st, typed)["uuid"] == s["uuid"], typed
    assert parse_label("") is None and find_sample(st, "FASMP1:not-a-uuid") is None
    odd = dict(s, sample_code="水样-01")
    assert parse_label(label_text(odd)).code == "水样-01" and label_text(odd).isascii()


def test_custody_form_per_shipment_and_pending(benzene, tmp_path):
    st, inc = benzene
    found = shipments(st, inc["uuid"])
    done = [sh for sh in found if sh.key != "pending"]
    assert done and done[0].to_party == "市监测站实验室"
    for i, sh in enumerate(found):
        path = tmp_path / f"c{i}.pdf"
        path.write_bytes(custody_form(st, inc, sh, "zh"))
        text = squeeze(text_of(path))
        assert "样品交接记录单" in text and "交样人签字" in text and "接样人签字" in text
        for s, _e in sh.items:
            assert squeeze(s["sample_code"]) in text
        assert fonts_not_embedded(path) == []
    assert "完好，无气泡" in squeeze(text_of(tmp_path / "c0.pdf"))
