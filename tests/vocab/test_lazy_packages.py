"""fieldapp.vocab and fieldapp.toolkit load their names on first use (PEP 562): every public name
resolves to its submodule's object, ``__all__`` lists exactly those, and importing one light
submodule does not load the heavy ones (the window's first paint relies on it)."""
from __future__ import annotations

import importlib
import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["fieldapp.vocab", "fieldapp.toolkit"])
def test_every_public_name_resolves_to_its_submodule(package):
    pkg = importlib.import_module(package)
    exported = dict(pkg._EXPORTS)
    assert sorted(pkg.__all__) == sorted([*exported, *(["open_search"] if package.endswith("toolkit") else [])])
    for name, where in exported.items():
        module, attr = where if isinstance(where, tuple) else (where, name)
        assert getattr(pkg, name) is getattr(importlib.import_module(f"{package}.{module}"), attr), name
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        pkg.nonsense  # noqa: B018


def test_light_submodules_do_not_load_the_vocabulary_tables():
    probe = ("import sys, fieldapp.vocab.roles, fieldapp.vocab.standards, fieldapp.toolkit.schema, fieldapp.store; "
             "print(sorted(m for m in ('fieldapp.vocab.parameters', 'fieldapp.vocab.units', 'fieldapp.toolkit.data', "
             "'fieldapp.toolkit.detail') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", out
