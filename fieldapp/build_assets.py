"""Build the generated files the app needs: compiled Qt forms, translations, offline web assets.

Run by scripts/setup.sh (``python -m fieldapp.build_assets``). Each step only redoes work
whose inputs are newer than its outputs, so running it again is cheap.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

from fieldapp.core.resources import PACKAGE_DIR, resource_path

# Run in a checkout only: forms/ sits next to the package, translations in its resources/.
FORMS = PACKAGE_DIR.parent / "forms"
UI_OUT = PACKAGE_DIR / "ui" / "forms"
I18N = resource_path("i18n")


def _tool(name: str) -> str:
    """Find a PySide6 tool next to this interpreter (the venv) or on PATH."""
    here = Path(sys.executable).parent / name
    if here.exists():
        return str(here)
    found = shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: is PySide6 installed in this environment?")
    return found


def _stale(src: Path, dst: Path) -> bool:
    return not dst.exists() or dst.stat().st_mtime < src.stat().st_mtime


PRUNED = "# imports: only the names this form uses (fieldapp.build_assets.prune_imports)\n"


def prune_imports(source: str) -> str:
    """pyside6-uic imports a fixed list of Qt classes (gradients, QPainter, QImage, ...) whatever
    the form uses; PySide6 builds each class and its enums on first import, ~4 ms of the window's
    start for the main window alone. Keep the names the module uses."""
    tree = ast.parse(source)
    used = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    lines = source.splitlines(keepends=True)
    imports = [node for node in tree.body if isinstance(node, ast.ImportFrom) and node.level == 0
               and node.module and all(a.name != "*" for a in node.names)]   # relative, resources, *: kept
    for node in sorted(imports, key=lambda n: n.lineno, reverse=True):
        keep = [a.name if a.asname is None else f"{a.name} as {a.asname}" for a in node.names
                if (a.asname or a.name) in used]
        lines[node.lineno - 1:node.end_lineno] = [f"from {node.module} import {', '.join(keep)}\n"] if keep else []
    return PRUNED + "".join(lines)


def compile_forms() -> int:
    UI_OUT.mkdir(parents=True, exist_ok=True)
    init = UI_OUT / "__init__.py"
    if not init.exists():
        init.write_text('"""Generated from forms/*.ui by fieldapp.build_assets: do not edit."""\n')
    n = 0
    for ui in sorted(FORMS.glob("*.ui")):
        out = UI_OUT / f"ui_{ui.stem}.py"
        if _stale(ui, out) or not out.read_text(encoding="utf-8").startswith(PRUNED):
            generated = subprocess.run([_tool("pyside6-uic"), str(ui)], check=True, capture_output=True,
                                       text=True, encoding="utf-8").stdout
            out.write_text(prune_imports(generated), encoding="utf-8")
            n += 1
    return n


def compile_translations() -> int:
    n = 0
    for ts in sorted(I18N.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if _stale(ts, qm):
            subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)], check=True)
            n += 1
    return n


def fetch_web_assets() -> int:
    try:
        from fieldapp.maps import assets
    except ImportError:  # the map package is optional while it is being built
        return 0
    return assets.ensure_offline_assets()


def main() -> None:
    forms = compile_forms()
    qms = compile_translations()
    web = fetch_web_assets()
    print(f"assets: {forms} form(s) compiled, {qms} translation(s) built, {web} web asset(s) fetched",
          file=sys.stderr)


if __name__ == "__main__":
    main()
