"""The frozen application (build.spec, scripts/build.sh) on this machine, run as an IT officer
would: no Python variables, no display, no network; the self-test, the demo incident with an
initial-report PDF checked with poppler, and the window with every panel."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from app_process import AppProcess  # noqa: E402
from frozen_tools import DIST, bare_env  # noqa: E402

pytestmark = pytest.mark.slow
STANDARD_14 = {"Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Helvetica", "Helvetica-Bold",
               "Helvetica-Oblique", "Helvetica-BoldOblique", "Courier", "Courier-Bold", "Courier-Oblique",
               "Courier-BoldOblique", "Symbol", "ZapfDingbats"}


def run(exe, *args, env, cwd, timeout=180) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_selftest_passes_with_everything_from_the_bundle(frozen_app, tmp_path):
    res = run(frozen_app.exe, "--selftest", env=bare_env(tmp_path), cwd=tmp_path)
    lines = res.stdout.splitlines()
    assert res.returncode == 0, res.stdout + res.stderr[-2000:]
    checks = [ln for ln in lines if ln.startswith(("PASS", "FAIL"))]
    assert len(checks) == 10 and all(ln.startswith("PASS") for ln in checks), res.stdout
    assert lines[-1].startswith("RESULT: PASSED") and "自检通过" in lines[-1]
    by_name = {ln.split(":")[0][6:]: ln for ln in checks}
    assert f"frozen copy, data in {DIST / '_internal' / 'resources'}" in by_name["data files"]
    assert f"Chinese font {DIST / '_internal' / 'fonts'}" in by_name["data files"]
    assert "loaded from the bundle" in by_name["store + SpatiaLite + spatial index"]
    assert "no network request" in by_name["offline map rendering"]
    assert "「取消」" in by_name["interface translations + font"]       # Qt's own zh_CN strings
    assert "reports" in by_name["main window with every panel"]       # every panel's libraries are in


def test_demo_incident_and_initial_report_pdf(frozen_app, tmp_path):
    env = bare_env(tmp_path)
    store, pdf = tmp_path / "field.sqlite", tmp_path / "initial.pdf"
    res = run(frozen_app.exe, "--store", str(store), "--create", "demo", env=env, cwd=tmp_path)
    assert res.returncode == 0 and "demo incident DEMO-01 created" in res.stdout, res.stderr
    res = run(frozen_app.exe, "--store", str(store), "report", "initial", "--out", str(pdf), env=env, cwd=tmp_path)
    assert res.returncode == 0 and pdf.is_file(), res.stderr
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = [ln.split() for ln in fonts.splitlines()[2:]]
    cjk = [r for r in rows if "WenQuanYi" in r[0]]
    assert cjk and all(r[-5] == "yes" for r in cjk), fonts                  # emb column
    assert all(r[-5] == "yes" or r[0] in STANDARD_14 for r in rows), fonts
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "突发环境事件信息初报" in text and "【演示】" in text
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    assert next(tmp_path.glob("p-*1.png")).stat().st_size > 5000          # a drawn page, not a blank one


def test_window_starts_and_attaches_every_panel(frozen_app, tmp_path):
    env = bare_env(tmp_path, QT_QPA_PLATFORM="offscreen", QTWEBENGINE_DISABLE_SANDBOX="1",
                   FIELDAPP_TRACE_STARTUP="1")
    store = tmp_path / "field.sqlite"
    assert run(frozen_app.exe, "--store", str(store), "--create", "demo", env=env, cwd=tmp_path).returncode == 0
    app = AppProcess(["--store", str(store)], env, command=[str(frozen_app.exe)])
    try:
        app.wait_for("first-window")
        app.wait_for("panels-attached")
        assert app.proc.poll() is None
    finally:
        rc = app.terminate()
    assert rc == 0, app.lines[-10:]
    assert not any("Traceback" in ln for ln in app.lines), app.lines
