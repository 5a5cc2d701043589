"""Reading a generated PDF the way an outside reader does: poppler's pdftotext, pdffonts, pdftoppm."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from report_tools import run


def squeeze(text: str) -> str:
    """pdftotext keeps or drops spaces between CJK runs unpredictably: compare without them."""
    return re.sub(r"\s+", "", text)


def text_of(path, layout: bool = False) -> str:
    """The PDF's text in reading order (``layout``: table rows kept on one line each)."""
    args = ["pdftotext", "-layout"] if layout else ["pdftotext"]
    return re.sub(r"[ \t]+", " ", run(*args, str(path), "-"))


def pages_of(path) -> list[str]:
    """Text per page (pdftotext separates pages with form feeds)."""
    return run("pdftotext", "-layout", str(path), "-").split("\f")[:-1]


def fonts_not_embedded(path) -> list[str]:
    lines = run("pdffonts", str(path)).splitlines()[2:]
    # columns: name type... encoding emb sub uni object ID; 'emb' is the 5th from the end
    return [ln for ln in lines if ln.split()[-5] != "yes"]


def inked_fraction(path, page: int, tmp: Path) -> float:
    """Share of dark pixels on a page rendered to greyscale by pdftoppm (0 = blank page)."""
    out = tmp / f"ink-{page}"
    run("pdftoppm", "-gray", "-r", "30", "-f", str(page), "-l", str(page), str(path), str(out))
    pgm = next(tmp.glob(f"ink-{page}*.pgm")).read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    pixels = pgm[header.end():]
    return sum(1 for b in pixels if b < 160) / max(len(pixels), 1)


def section(text: str, start: str, ends: list[str]) -> str:
    """The text from heading ``start`` to the first of ``ends`` that follows it."""
    flat = squeeze(text)
    i = flat.index(squeeze(start))
    stops = [flat.find(squeeze(e), i + 1) for e in ends]
    stops = [s for s in stops if s > 0]
    return flat[i:min(stops) if stops else len(flat)]


def save_png(path, page: int, out_prefix: Path, dpi: int = 60) -> None:
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), str(path),
                    str(out_prefix)], check=True)
