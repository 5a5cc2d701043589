"""The one resource lookup (fieldapp.core.resources) from a checkout and from an installed wheel
(the frozen bundle is checked by tests/frozen), and that no module looks for its files itself."""
from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.core import resources

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "fieldapp"

# What an installed copy must find through the lookup: every kind of file the app reads.
PROBE = r"""
import json, sys
import fieldapp
from fieldapp.core.resources import resource_root, resource_path, where
from fieldapp.toolkit import load_toolkit
from fieldapp.vocab import load_vocabulary
from fieldapp.reports.grading import load_thresholds
from fieldapp.instruments import load_profiles
from fieldapp.maps.assets import page_assets, vendor_dir
from fieldapp.store.migrations.m008_log_entries import _steps_by_name
print(json.dumps({
    "package": fieldapp.__file__, "root": str(resource_root()), "where": where(),
    "pollutants": len(load_toolkit().pollutants), "parameters": len(load_vocabulary().parameters),
    "grading": sorted(load_thresholds())[:2], "profiles": sorted(load_profiles()),
    "leaflet": str(vendor_dir()), "page_assets": len(page_assets()), "qm": resource_path("i18n", "fieldapp_zh_CN.qm").stat().st_size,
    "scenarios": len(_steps_by_name()),
}))
"""


def probe(python: str, cwd: Path, env: dict) -> dict:
    res = subprocess.run([python, "-c", PROBE], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_from_the_checkout(tmp_path):
    assert resources.resource_root() == ROOT / "resources"
    assert resources.where() == "source"
    found = probe(sys.executable, tmp_path, {**os.environ, "PYTHONPATH": str(ROOT)})
    assert found["root"] == str(ROOT / "resources") and found["where"] == "source"
    assert found["pollutants"] == 25 and found["scenarios"] > 0 and found["qm"] > 1000


@pytest.mark.slow
def test_from_an_installed_wheel(tmp_path):
    """Build the wheel from a copy of the checkout (with the generated files setup made), install it
    with pip into a fresh folder, and run from there with the checkout out of reach: the package
    data must carry every file (resources/ whole, compiled forms)."""
    tree = tmp_path / "tree"
    shutil.copytree(ROOT, tree, ignore=shutil.ignore_patterns(".venv", ".git", "build", "dist", "__pycache__",
                                                               "*.egg-info", ".pytest_cache", ".hypothesis"))
    wheels = tmp_path / "wheels"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(pip + ["wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(tree)],
                   check=True, timeout=300, cwd=tmp_path)
    (wheel,) = wheels.glob("fieldapp-*.whl")
    site = tmp_path / "site"
    subprocess.run(pip + ["install", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
                   check=True, timeout=300, cwd=tmp_path)
    shutil.rmtree(tree)                                  # nothing of the checkout's copy is left
    deps = [p for p in sys.path if p.endswith("site-packages")]   # PyYAML etc., not fieldapp itself
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *deps]), "PYTHONNOUSERSITE": "1"}
    found = probe(sys.executable, tmp_path, env)
    assert Path(found["package"]).is_relative_to(site), found
    assert found["root"] == str(site / "fieldapp" / "resources") and found["where"] == "installed"
    assert found["pollutants"] == 25 and found["parameters"] > 25 and found["scenarios"] > 0
    assert found["profiles"] == sorted(p.stem for p in (ROOT / "resources" / "instruments").glob("*.yaml"))
    assert found["leaflet"].startswith(str(site / "fieldapp" / "resources" / "web"))
    assert found["page_assets"] > 100_000                 # Leaflet's script and styles, inlined
    assert (site / "fieldapp" / "ui" / "forms" / "ui_main_window.py").is_file()


def test_missing_data_files_are_said_plainly(tmp_path, monkeypatch):
    monkeypatch.setattr(resources, "candidate_roots", lambda: [tmp_path / "nowhere"])
    resources.resource_root.cache_clear()
    try:
        with pytest.raises(resources.ResourcesMissing, match="data files .* missing.*Reinstall"):
            resources.resource_root()
    finally:
        resources.resource_root.cache_clear()


def _string_constants(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.Attribute) and node.attr == "_MEIPASS":
            yield node.lineno, "_MEIPASS"


def test_no_module_looks_for_the_app_files_itself():
    """Every path into resources/, the bundle or the system font folders goes through the one lookup
    (core/resources.py; report fonts name their system places in reports/fonts.py only)."""
    own = {PACKAGE / "core" / "resources.py"}
    font_places = {PACKAGE / "reports" / "fonts.py"}
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in own or "forms" in path.relative_to(PACKAGE).parts[:2]:
            continue
        for line, text in _string_constants(path):
            if text == "_MEIPASS" or text == "resources" or text.startswith(("resources/", "resources\\")):
                found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
            if text.startswith("/usr/share/fonts") and path not in font_places:
                found.append(f"{path.relative_to(ROOT)}:{line}: {text!r}")
    assert not found, "use fieldapp.core.resources (resource_path / font_file):\n" + "\n".join(found)
