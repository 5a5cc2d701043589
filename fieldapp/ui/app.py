"""Application bootstrap: Qt application, fonts, translations, first run, the main window.

``fieldapp.ui.startup.run`` is the window's start (lock, store, window first, panels after);
this module holds what tests and benches build windows with.
"""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog

from fieldapp import settings as settings_mod
from fieldapp.core.resources import frozen_dir, resource_path

# The interface's size rules for gloved hands. The font size is the application font's
# (apply_style), not a "QWidget { font-size }" rule: that rule made Qt resolve a style-sheet font
# for every widget and cost the window's first paint ~20 ms.
STYLE = """
QPushButton { min-height: 36px; padding: 4px 14px; }
QLineEdit, QComboBox, QDateTimeEdit { min-height: 32px; }
QTabBar::tab { min-height: 32px; padding: 4px 16px; }
QCheckBox::indicator, QRadioButton::indicator, QListView::indicator { width: 24px; height: 24px; }
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button { width: 24px; }
QAbstractSpinBox { min-height: 32px; }
QFrame#incidentPanel { background: #eef3f8; }
"""


class Translations:
    """Installs the app's .qm for the chosen language; English is the source text."""

    # Kept per process, not per instance: whoever switches the language removes every translator
    # FieldApp installed before, even one installed through another Translations object.
    _installed: list[QTranslator] = []

    def __init__(self, app: QApplication):
        self.app = app
        self.translators = Translations._installed

    def set_language(self, lang: str) -> None:
        from fieldapp.ui.labels import set_ui_lang

        set_ui_lang(lang)
        for t in self.translators:
            self.app.removeTranslator(t)
        self.translators.clear()
        if lang == "zh_CN":
            # the app's strings, and Qt's own that qtbase's translation leaves English (file dialog)
            for path in (resource_path("i18n", "fieldapp_zh_CN.qm"), resource_path("i18n", "qt_extra_zh_CN.qm")):
                t = QTranslator(self.app)
                if t.load(str(path)):
                    self.app.installTranslator(t)
                    self.translators.append(t)
            qt = QTranslator(self.app)  # Qt's own strings (OK/Cancel, file dialogs…)
            if qt.load(QLocale(QLocale.Chinese, QLocale.China), "qtbase", "_", qt_translations_dir()):
                self.app.installTranslator(qt)
                self.translators.append(qt)


def qt_translations_dir() -> str:
    """Qt's own translations (qtbase_zh_CN.qm): PySide6's folder, which the frozen build carries
    under the same relative path (build.spec collects them)."""
    path = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
    bundle = frozen_dir()
    if bundle is not None and not list(Path(path).glob("qtbase_*.qm")):
        for candidate in (bundle / "PySide6" / "Qt" / "translations", bundle / "PySide6" / "translations"):
            if candidate.is_dir():
                return str(candidate)
    return path


def ensure_cjk_font(app: QApplication) -> str | None:
    """Make Chinese render (no boxes) even where the system has no CJK font configured (a Windows
    laptop without WenQuanYi, a bare Linux): the reports' font file, bundled with the frozen app, is
    added to the application. Returns the family used for Chinese (None: the system's own)."""
    families = set(QFontDatabase.families())
    if any("WenQuanYi" in f or "Noto Sans CJK" in f for f in families):
        preferred = "WenQuanYi Zen Hei" if "WenQuanYi Zen Hei" in families else None
    else:
        from fieldapp.reports.fonts import FONT_NAME, face_path

        preferred, path = None, face_path(FONT_NAME)
        if path is not None:
            fid = QFontDatabase.addApplicationFont(str(path))
            if fid >= 0:
                preferred = QFontDatabase.applicationFontFamilies(fid)[0]
    if preferred:
        font = QFont(app.font())
        font.setFamilies([font.family(), preferred])
        app.setFont(font)
    return preferred or next((f for f in families if "CJK" in f or "WenQuanYi" in f), None)


def apply_style(app: QApplication, font_point_size: int) -> None:
    """The interface's look: ``font_point_size`` for every widget, big targets (STYLE)."""
    font = QFont(app.font())
    font.setPointSize(font_point_size)
    app.setFont(font)
    app.setStyleSheet(STYLE)


def create_application(argv=None) -> tuple[QApplication, Translations]:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("FieldApp")
    app.setOrganizationName("FieldApp")
    ensure_cjk_font(app)
    return app, Translations(app)


PANEL_MODULES = ("fieldapp.ui.guide_panel", "fieldapp.ui.toolkit_panel", "fieldapp.ui.map_panel",
                 "fieldapp.ui.plans_panel", "fieldapp.ui.instruments_panel", "fieldapp.ui.drill_ui",
                 "fieldapp.ui.sync_panel", "fieldapp.ui.report_panel", "fieldapp.ui.plume_panel")


def build_main_window(store, translations: Translations, lang: str, make_demo: bool = True,
                      panels: bool = True, points_after_paint: bool = False):
    """First run (identity), demo data when the store is empty, then the session, the main window
    and its panels. ``store`` is handed to the session (its writer thread owns it from here on).
    ``points_after_paint``: the window's start fills the points table after the first paint
    (``MainWindow.show_points_now``), and SpatiaLite is loaded then (``session.load_spatial``):
    ``store`` may come without it."""
    from fieldapp.app.session import Session
    from fieldapp.ui.main_window import MainWindow

    translations.set_language(lang)
    if store.identity is None:
        from fieldapp.ui.identity_dialog import IdentityDialog

        if IdentityDialog(None, lambda *a: store.set_identity(*a)).exec() != QDialog.Accepted:
            return None
    if make_demo and not store.list_incidents():
        from fieldapp.demo import create_demo_incident

        store.load_spatial()
        create_demo_incident(store)
    session = Session(store, lang, spatial_later=points_after_paint)
    win = MainWindow(session, points_after_paint=points_after_paint)
    win.set_language_checks(lang)
    if panels:
        attach_panels(win)

    def switch(new_lang: str):
        s = settings_mod.load()
        s.language = new_lang
        settings_mod.save(s)
        translations.set_language(new_lang)   # Qt retranslates every widget (LanguageChange)
        session.set_language(new_lang)        # then the content in the new language

    win.language_requested.connect(switch)
    return win


def attach_panels(win, modules=PANEL_MODULES) -> None:
    """Capability panels add themselves as tabs when present: ``attach(session, host)``."""
    for modname in modules:
        attach_panel(win, modname)


def attach_panel(win, modname: str):
    """Import one panel module and attach it; None when that capability is not in this build.
    (The window's start attaches them one per event-loop turn, after the window is shown.)"""
    import importlib

    try:
        mod = importlib.import_module(modname)
    except ModuleNotFoundError as exc:
        if exc.name == modname:
            return None
        raise
    return mod.attach(win.session, win)
