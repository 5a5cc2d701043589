"""Generated forms import only the Qt classes they use (fieldapp.build_assets.prune_imports):
PySide6 builds a class and its enums when it is first imported, so uic's fixed import list cost the
window's start for nothing."""
from __future__ import annotations

import ast

from fieldapp.build_assets import PRUNED, UI_OUT, prune_imports

GENERATED = '''# -*- coding: utf-8 -*-
from PySide6.QtCore import (QCoreApplication, QDate, QMetaObject,
    Qt)
from PySide6.QtGui import (QBrush, QConicalGradient, QPainter)
from PySide6.QtWidgets import QLabel as Label, QWidget

class Ui_Form(object):
    def setupUi(self, Form):
        self.label = Label(Form)
        self.label.setAlignment(Qt.AlignCenter)
        QMetaObject.connectSlotsByName(Form)
        self.retranslateUi(Form)

    def retranslateUi(self, Form):
        self.label.setText(QCoreApplication.translate("Form", u"Hello", None))
'''


def imported(source: str) -> dict[str, list[str]]:
    return {node.module: [a.asname or a.name for a in node.names]
            for node in ast.parse(source).body if isinstance(node, ast.ImportFrom)}


def test_only_the_used_names_are_imported():
    pruned = prune_imports(GENERATED)
    assert pruned.startswith(PRUNED) and "coding: utf-8" in pruned.splitlines()[1]
    assert imported(pruned) == {"PySide6.QtCore": ["QCoreApplication", "QMetaObject", "Qt"],
                                "PySide6.QtWidgets": ["Label"]}          # QtGui: nothing used, gone
    assert "class Ui_Form(object):" in pruned and pruned.endswith(GENERATED.split("class Ui_Form")[1])
    compile(pruned, "ui_form.py", "exec")


def test_the_compiled_forms_are_pruned():
    forms = sorted(UI_OUT.glob("ui_*.py"))
    assert len(forms) >= 10
    for form in forms:
        text = form.read_text(encoding="utf-8")
        names = {n for ns in imported(text).values() for n in ns}
        assert text.startswith(PRUNED) and "QConicalGradient" not in names and "QPainter" not in names, form.name


def test_relative_star_and_resource_imports_are_kept():
    source = ("from . import resources_rc\nfrom .widgets import Dial\nfrom PySide6.QtGui import *\n"
              "from PySide6.QtCore import QSize, Qt\nx = QSize(1, 2)\n")
    pruned = prune_imports(source)
    for line in ("from . import resources_rc", "from .widgets import Dial", "from PySide6.QtGui import *",
                 "from PySide6.QtCore import QSize\n"):
        assert line in pruned, pruned
