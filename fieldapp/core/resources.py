"""Where the app's own files are: the one lookup every module uses for resources/ and fonts.

Three ways FieldApp runs, three places its files sit:

* a source checkout: ``<checkout>/resources/`` next to the ``fieldapp`` package;
* an installed wheel: ``site-packages/fieldapp/resources/`` (pyproject.toml maps the top-level
  resources/ folder into the package as package data, so ``pip install`` carries all of it);
* the PyInstaller bundle: ``sys._MEIPASS/resources/`` (build.spec collects the whole folder).

Fonts the app shows and embeds come from the bundle's ``fonts/`` folder first (the build copies
them there, since a Windows laptop has no /usr/share/fonts), then from the system places the
caller names. Nothing here imports Qt or any other FieldApp package: every layer can use it.
"""
from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]          # .../fieldapp
# Set to a folder holding the same layout as resources/ to run against other data (a data review
# of the toolkit before it is merged, say); normally unset.
ENV_OVERRIDE = "FIELDAPP_RESOURCES"


class ResourcesMissing(RuntimeError):
    """The app's own data files are not where this copy of FieldApp expects them."""


def frozen_dir() -> Path | None:
    """The unpacked bundle (PyInstaller's ``sys._MEIPASS``), or None when not frozen."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if base and getattr(sys, "frozen", False) else None


def candidate_roots() -> list[Path]:
    """Where resources/ may be, in the order they are tried (the first that exists wins)."""
    roots = []
    if os.environ.get(ENV_OVERRIDE):
        roots.append(Path(os.environ[ENV_OVERRIDE]))
    bundle = frozen_dir()
    if bundle is not None:
        roots.append(bundle / "resources")
    roots.append(PACKAGE_DIR / "resources")          # installed wheel (package data)
    roots.append(PACKAGE_DIR.parent / "resources")   # source checkout
    return roots


@lru_cache(maxsize=1)
def resource_root() -> Path:
    """The folder with toolkit/, vocab/, i18n/, instruments/, reports/, web/ … for this run."""
    roots = candidate_roots()
    for root in roots:
        if (root / "toolkit").is_dir():
            return root
    raise ResourcesMissing("FieldApp's data files (resources/) are missing; looked in: "
                           + ", ".join(str(r) for r in roots) + ". Reinstall the application.")


def resource_path(*parts: str) -> Path:
    """A file or folder inside resources/, e.g. ``resource_path("toolkit", "pollutants.yaml")``.
    The path is returned whether or not it exists: callers say what is missing in their words."""
    return resource_root().joinpath(*parts)


def where() -> str:
    """How this copy runs: "frozen", "installed" or "source" (the self-test prints it)."""
    root = resource_root()
    if frozen_dir() is not None and root == frozen_dir() / "resources":
        return "frozen"
    return "installed" if root == PACKAGE_DIR / "resources" else "source"


BUNDLED_FONTS = "fonts"   # folder inside the bundle holding the fonts build.spec copied in


def font_file(name: str, system_paths: tuple[str, ...] = ()) -> Path | None:
    """The font file ``name`` (a file name such as "wqy-zenhei.ttc"): the bundled copy first, then
    the first existing path of ``system_paths``; None when neither exists."""
    bundle = frozen_dir()
    if bundle is not None and (bundle / BUNDLED_FONTS / name).is_file():
        return bundle / BUNDLED_FONTS / name
    for p in system_paths:
        if p and Path(p).is_file():
            return Path(p)
    return None
