"""Offline web assets for the incident map (Leaflet), fetched through pip at setup time.

folium's default page loads Leaflet, jQuery, Bootstrap and Font Awesome from CDNs: offline that
gives a blank page. The map only uses plain Leaflet (circle markers, polylines, div icons, popups,
layer control, scale bar), so the whole asset set is Leaflet's JS, CSS and its control images.

They come from the ``xstatic-leaflet`` wheel (a pip dependency pinned to the Leaflet version
folium's templates are written for). Nothing third-party is committed: setup copies the files into
``resources/web/vendor/leaflet-<version>/`` (git-ignored). When the package is not installed,
``pip download`` fetches the pinned wheel and the files are taken out of it. Map pages carry the
files inlined (``page_assets``), so an exported map never depends on this folder.
"""
from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from fieldapp.core.resources import resource_path

LEAFLET_VERSION = "1.9.3"
XSTATIC_PIN = "xstatic-leaflet==1.9.3.0"

LEAFLET_PARTS = ("web", "vendor", f"leaflet-{LEAFLET_VERSION}")
# Where setup puts the files: resources/ of the checkout (the build and the wheel take them from there).
LEAFLET_DIR = resource_path(*LEAFLET_PARTS)

# Files the map page needs, relative to Leaflet's dist folder.
FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
)


class AssetsMissing(RuntimeError):
    """The offline Leaflet files are not in resources/web/vendor: run the setup script."""


def vendor_dir() -> Path:
    """Where the assets are read from: resources/ of this copy (checkout, installed package or bundle)."""
    return resource_path(*LEAFLET_PARTS)


def _missing(dest: Path) -> list[str]:
    return [f for f in FILES if not (dest / f).is_file() or (dest / f).stat().st_size == 0]


def _installed_source() -> Path | None:
    try:
        import xstatic.pkg.leaflet as xl  # type: ignore[import-not-found]
    except ImportError:
        return None
    if xl.VERSION != LEAFLET_VERSION:
        return None
    return Path(xl.BASE_DIR)


def _copy_from_dir(src: Path, dest: Path, names: list[str]) -> int:
    for name in names:
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / name, target)
    return len(names)


def _copy_from_wheel(dest: Path, names: list[str]) -> int:
    """Fetch the pinned wheel with pip (no install) and extract only the files we need."""
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--disable-pip-version-check",
             "-q", "-d", tmp, XSTATIC_PIN],
            check=True,
        )
        wheels = list(Path(tmp).glob("*.whl"))
        if not wheels:
            raise AssetsMissing(f"pip download {XSTATIC_PIN} produced no wheel")
        with zipfile.ZipFile(wheels[0]) as zf:
            for name in names:
                data = zf.read(f"xstatic/pkg/leaflet/data/{name}")
                target = dest / name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
    return len(names)


def ensure_offline_assets() -> int:
    """Make sure every Leaflet file is in the vendor folder. Returns how many files were fetched.

    Idempotent: a second call with everything present does nothing and returns 0.
    """
    dest = LEAFLET_DIR
    names = _missing(dest)
    if not names:
        return 0
    dest.mkdir(parents=True, exist_ok=True)
    src = _installed_source()
    if src is not None and not _missing(src):
        return _copy_from_dir(src, dest, names)
    return _copy_from_wheel(dest, names)


def _checked_base() -> Path:
    """The vendor folder, or AssetsMissing with the fix when setup has not fetched the files
    (rather than silently producing a page that stays blank offline)."""
    base = vendor_dir()
    missing = _missing(base)
    if missing:
        raise AssetsMissing(
            f"offline map files missing in {base} ({', '.join(missing)}): "
            "run scripts/setup.sh (or python -m fieldapp.build_assets)"
        )
    return base


_INLINE: dict = {}


def page_assets() -> str:
    """Leaflet's CSS and JS for the page's <head>, inlined: the map file then works anywhere (sent to
    someone else, opened after the app moved, from a USB stick) with no install tree and no network.
    The CSS's control images become data: URIs. Read once per process (~160 kB)."""
    base = _checked_base()
    key = str(base)
    if key not in _INLINE:
        css = (base / "leaflet.css").read_text(encoding="utf-8")
        for name in FILES:
            if name.startswith("images/"):
                data = base64.b64encode((base / name).read_bytes()).decode("ascii")
                css = css.replace(f"url({name})", f"url(data:image/png;base64,{data})")
        js = (base / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
        _INLINE[key] = f"<style>{css}</style>\n<script>{js}</script>"
    return _INLINE[key]


if __name__ == "__main__":  # python -m fieldapp.maps.assets
    print(f"{ensure_offline_assets()} file(s) fetched into {LEAFLET_DIR}")
