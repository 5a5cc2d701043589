"""Application bootstrap: Qt application, fonts, translations, first run, the main window."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from fieldapp import settings as settings_mod
from fieldapp.store import StoreError, open_store

ROOT = Path(__file__).resolve().parent.parent.parent
I18N = ROOT / "resources" / "i18n"
CJK_FONTS = ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",)

STYLE = """
QWidget { font-size: %dpt; }
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
            for path in (I18N / "fieldapp_zh_CN.qm", I18N / "qt_extra_zh_CN.qm"):
                t = QTranslator(self.app)
                if t.load(str(path)):
                    self.app.installTranslator(t)
                    self.translators.append(t)
            qt = QTranslator(self.app)  # Qt's own strings (OK/Cancel…)
            from PySide6.QtCore import QLibraryInfo

            if qt.load(QLocale(QLocale.Chinese, QLocale.China), "qtbase", "_",
                       QLibraryInfo.path(QLibraryInfo.TranslationsPath)):
                self.app.installTranslator(qt)
                self.translators.append(qt)


def ensure_cjk_font(app: QApplication) -> None:
    """Make Chinese render (no boxes) even where the system has no CJK font configured."""
    families = set(QFontDatabase.families())
    if any("WenQuanYi" in f or "Noto Sans CJK" in f for f in families):
        preferred = "WenQuanYi Zen Hei" if "WenQuanYi Zen Hei" in families else None
    else:
        preferred = None
        for path in CJK_FONTS:
            if Path(path).exists():
                fid = QFontDatabase.addApplicationFont(path)
                if fid >= 0:
                    preferred = QFontDatabase.applicationFontFamilies(fid)[0]
                    break
    if preferred:
        font = QFont(app.font())
        font.setFamilies([font.family(), preferred])
        app.setFont(font)


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
                      panels: bool = True):
    """First run (identity), demo data when the store is empty, then the session, the main window
    and its panels. ``store`` is handed to the session (its writer thread owns it from here on)."""
    from fieldapp.app.session import Session
    from fieldapp.ui.identity_dialog import IdentityDialog
    from fieldapp.ui.main_window import MainWindow

    translations.set_language(lang)
    if store.identity is None:
        if IdentityDialog(None, lambda *a: store.set_identity(*a)).exec() != QDialog.Accepted:
            return None
    if make_demo and not store.list_incidents():
        from fieldapp.demo import create_demo_incident

        create_demo_incident(store)
    session = Session(store, lang)
    win = MainWindow(session)
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
    import importlib

    for modname in modules:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name == modname:
                continue
            raise
        mod.attach(win.session, win)


def run(store_path=None, lang: str | None = None, read_only: bool = False) -> int:
    """``read_only``: open ``store_path`` without writing (a server incident's copy: no demo, no edits)."""
    app, translations = create_application()
    s = settings_mod.load()
    lang = lang or s.language or "zh_CN"
    app.setStyleSheet(STYLE % s.font_point_size)
    try:
        # first run: no store named anywhere, so the default location may be created
        first_run = not (store_path or s.store_path or os.environ.get("FIELDAPP_STORE"))
        store = open_store(store_path or s.store_path or None, read_only=read_only,
                           create=first_run and not read_only)
    except StoreError as exc:
        translations.set_language(lang)
        QMessageBox.critical(None, QCoreApplication.translate("App", "Cannot open the store"), str(exc))
        return 2
    win = build_main_window(store, translations, lang, make_demo=not read_only)
    if win is None:
        return 0
    win.resize(1280, 800)
    win.show()
    from fieldapp.core.gcpause import freeze_startup_heap

    freeze_startup_heap()      # later collections skip the start-up heap: no 80 ms GUI pauses
    app.aboutToQuit.connect(lambda: win.close() if not win.session.closed else None)
    rc = app.exec()
    win.session.close()        # normally done by the window's close (waits for work to finish)
    return rc
