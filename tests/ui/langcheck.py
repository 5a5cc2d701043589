"""What the language test looks for: text in the other language and raw identifiers.

* Chinese interface: an English word (lower-case, 3+ letters: prose, not a unit, standard number,
  acronym or brand) that is not on the short list below.
* English interface: any Chinese character.
* Not counted: a file or folder path shown as it is, and (in Chinese) an author-year citation naming
  a formula, e.g. the dispersion formulas "Fischer (1975)".
* Either: a raw identifier from the vocabulary (role, medium, kind, scenario, verdict, log kind,
  sample status, parameter id with an underscore: 'water_intake', 'upstream_control' …).

The strings come from what the window shows: labels, buttons, group boxes, tabs, menus and
actions, placeholders, combo items, table headers and the cells the app renders from codes.
"""
from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QGroupBox, QLabel, QLineEdit,
                               QMenu, QTabWidget, QTextBrowser, QWidget)

from fieldapp.store.records import LOG_ENTRY_KINDS, LOG_KINDS, SAMPLE_STATUS
from fieldapp.toolkit import load_toolkit
from fieldapp.vocab import MEDIA, ROLE_CODES, VERDICTS, load_vocabulary
from fieldapp.vocab.incidents import KIND_CODES

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# English that is fine inside Chinese text: units, file kinds, keys, brands, model and method names.
ALLOWED_ZH = {
    "mg", "ug", "ppm", "ppb", "pH", "km", "NTU", "FNU", "LEL", "vol", "psu", "mV", "cm", "mL",
    "Ctrl", "Shift", "Alt", "Enter", "Esc", "Space", "Tab", "FieldApp", "English", "PDF", "CSV", "GPS",
    "USB", "ASV", "ICP", "MS", "GB", "HJ", "ND", "Cd", "Tl", "Sb", "Pb", "Hg", "As", "Cr", "Ni", "Cu", "Zn",
    "Mo", "Mn", "ID", "OK", "KN", "XRF", "AAS", "OES", "GC", "VOC", "VOCs", "AFS", "CVAAS", "DPC", "PAN", "LC",
    "PAC", "PAM", "PFS", "TCP", "PCP", "GFAAS", "WGS", "UTC", "HNO", "HCl", "NaOH", "SO", "NH", "KMnO", "ClO",
    "FeSO", "Fe", "III", "II", "IV", "V", "I", "DEMO", "DRILL", "SRC", "UP", "DN", "WI", "DW", "BG", "P",
    "Orion", "Star", "WTW", "Multi", "IDS", "YSI", "EXO", "RAE", "MultiRAE", "Pro", "NMEA", "GGA", "RMC",
    "BeiDou", "GLONASS", "Galileo", "Thermo", "VWR", "Ed", "CB", "XB", "JG", "Tm", "MEE", "IUPAC", "CAS",
    "DMS", "QGIS", "GeoJSON", "KML", "GPKG", "GeoPackage", "ZIP", "T", "S", "E", "N", "W", "d", "m", "s", "e",
    "g", "h", "min", "dB", "x", "y", "Hz", "VOA", "PE", "FA", "AP", "BOM", "GBK", "Excel",
    "Thallium",            # the search field's example of an English search term
}


@lru_cache(maxsize=1)
def allowed_zh() -> set[str]:
    """ALLOWED_ZH plus parameter symbols (Sal, NH₃-N …) and device profile names (model ids)."""
    from fieldapp.instruments.profiles import load_profiles

    symbols = {w for p in load_vocabulary().parameters.values() for w in WORD.findall(p.symbol)}
    return ALLOWED_ZH | symbols | set(load_profiles()) | {"yaml", "yml"}


def identifiers() -> set[str]:
    """Codes stored in the data that must never be shown as they are."""
    tk = load_toolkit()
    ids = set(ROLE_CODES) | set(MEDIA) | set(KIND_CODES) | set(VERDICTS) | set(LOG_KINDS) | set(SAMPLE_STATUS)
    ids |= set(LOG_ENTRY_KINDS) | {sc["id"] for sc in tk.scenarios} | {e["id"] for e in tk.pollutants}
    ids |= set(load_vocabulary().parameters)
    return ids


def _raw(text: str, ids: set[str]) -> list[str]:
    return [w for w in WORD.findall(text) if w in ids and ("_" in w or len(w) > 2)]


# A file or folder path (two separators or more), and an author-year citation naming a formula.
PATH = re.compile(r"(?:[A-Za-z]:)?(?:[/\\][^\s/\\，。；：]+){2,}[/\\]?")
CITATION = re.compile(r"\b[A-Z][a-z]+(?: (?:&|and) [A-Z][a-z]+| et al\.)? \(\d{4}\)")

# Chinese that belongs in the English interface: the language's own name, the search field's example
KEEP_EN = ("中文", "铊")


def problems(text: str, lang: str, ids: set[str], where: str, data=()) -> list[str]:
    """What is wrong with one shown string (empty: nothing). ``data``: texts people typed (point and
    incident names) that may appear inside a shown string in their own language."""
    text = re.sub(r"<[^>]+>", " ", text or "").replace("&amp;", "&").replace("&nbsp;", " ")
    for d in sorted(data, key=len, reverse=True):
        text = text.replace(d, " ")
    if lang == "en":
        for keep in KEEP_EN:
            text = text.replace(keep, " ")
    text = re.sub(r"\(&\w\)|&(?=\w)", "", text)         # accelerator marks
    text = PATH.sub(" ", text)                          # a folder shown as it is (user data)
    if lang == "zh":
        text = CITATION.sub(" ", text)                  # a formula named by its authors: Fischer (1975)
    if not text.strip():
        return []
    out = []
    raw = [w for w in _raw(text, ids) if "_" in w or lang == "zh"]
    if raw:
        out.append(f"{where}: raw identifier {raw} in {text!r}")
    if lang == "en" and CJK.search(text):
        out.append(f"{where}: Chinese in the English interface: {text!r}")
    if lang == "zh":
        ok = allowed_zh()
        english = [w for w in WORD.findall(text) if w not in ok and len(w) >= 3 and w[1:].islower()]
        if english:
            out.append(f"{where}: English {english} in the Chinese interface: {text!r}")
    return out


def widget_strings(root: QWidget, skip: set[str] = frozenset()) -> list[tuple[str, str]]:
    """(where, text) for every visible string under ``root``; ``skip``: object names of widgets
    that show user data (an incident list, a port list)."""
    out: list[tuple[str, str]] = []

    def name(w) -> str:
        return f"{type(w).__name__}#{w.objectName() or '?'}"
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) and w is not root:
            continue
        if any(a.objectName() in skip for a in _ancestors(w, root)):
            continue
        if isinstance(w, QLabel):
            out.append((name(w), w.text()))
        elif isinstance(w, QAbstractButton):
            out += [(name(w), w.text()), (name(w) + ".tip", w.toolTip())]
        elif isinstance(w, QGroupBox):
            out.append((name(w), w.title()))
        elif isinstance(w, QLineEdit):
            out.append((name(w), w.placeholderText()))
        elif isinstance(w, QComboBox) and not (w.isEditable() and w.objectName() in skip):
            out += [(name(w), w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            out += [(name(w), w.tabText(i)) for i in range(w.count())]
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QTextBrowser) and w.model() is not None:
            from PySide6.QtCore import QModelIndex, Qt

            m = w.model()
            try:
                ncols = m.columnCount(QModelIndex())
            except TypeError:                  # a list model (one column, no header)
                ncols = 0
            out += [(name(w) + ".header", str(m.headerData(c, Qt.Horizontal) or "")) for c in range(ncols)]
    return out


def _ancestors(w: QWidget, root: QWidget):
    while w is not None and w is not root:
        yield w
        w = w.parentWidget()


def menu_strings(menubar) -> list[tuple[str, str]]:
    out = []
    for action in menubar.actions():
        out.append(("menu", action.text()))
        menu = action.menu()
        if isinstance(menu, QMenu):
            out += [(f"menu:{action.text()}", a.text()) for a in menu.actions() if not a.isSeparator()]
    return out


def table_cells(view, columns: list[int] | None = None) -> list[tuple[str, str]]:
    m = view.model()
    cols = columns if columns is not None else range(m.columnCount())
    return [(f"{view.objectName()}[{r},{c}]", str(m.index(r, c).data() or ""))
            for r in range(min(m.rowCount(), 40)) for c in cols]
