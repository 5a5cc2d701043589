"""Every visible string goes through Qt's translation and has a Chinese translation shipped."""
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "i18n" / "fieldapp_zh_CN.ts"


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    out = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.find("name").text
        for m in ctx.iter("message"):
            out[(name, m.find("source").text)] = m.find("translation")
    return out


def test_every_source_string_has_a_finished_chinese_translation(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "forms").glob("*.ui")) + sorted(
        str(p) for p in (ROOT / "fieldapp" / "ui").glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    found = _messages(fresh)
    shipped = _messages(TS)
    assert len(found) > 100
    missing = [k for k in found if k not in shipped]
    unfinished = [k for k, tr in shipped.items() if k in found and (
        tr.get("type") in ("unfinished",) or not (tr.text or "").strip())]
    assert not missing, f"strings not in the .ts (run lupdate and translate): {missing[:10]}"
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_qm_is_built_and_loads(qapp):
    from PySide6.QtCore import QCoreApplication, QTranslator
    qm = TS.with_suffix(".qm")
    assert qm.exists(), "run scripts/setup.sh (it builds .qm from .ts)"
    t = QTranslator()
    assert t.load(str(qm))
    QCoreApplication.installTranslator(t)
    try:
        assert QCoreApplication.translate("Labels", "In transit") == "运送中"
        assert QCoreApplication.translate("ReportPanel", "Open PDF") == "打开PDF"
    finally:
        QCoreApplication.removeTranslator(t)
