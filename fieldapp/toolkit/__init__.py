"""Pollutant toolkit: the 25 compiled pollutants, scenario checklists, search and exceedance. No Qt here.

Public entry points:
  load_toolkit()                    validated data from resources/toolkit/ (cached)
  open_search(store_or_conn=None)   FTS5 search (index kept in the store, or in memory)
  (verdicts of measurements are fieldapp.vocab.judge: one function for every view)
  detail_page(id, lang) + render_html / render_text   the page the UI panel and the CLI show

The names are loaded from their submodule when first used (PEP 562), so importing one submodule
(``fieldapp.toolkit.schema`` for the store's migration 2) does not load the data readers.
"""
from __future__ import annotations

import importlib

_EXPORTS = {
    "Toolkit": "data", "load_toolkit": "data", "ToolkitDataError": "validate",
    **{n: "detail" for n in ("DetailPage", "checklist_log_text", "detail_page", "render_html", "render_text")},
}

__all__ = [
    "DetailPage", "Toolkit", "ToolkitDataError", "checklist_log_text", "detail_page",
    "load_toolkit", "open_search", "render_html", "render_text",
]  # the names of _EXPORTS (tests/vocab/test_lazy_packages.py)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'fieldapp.toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    globals()[name] = value
    return value


def open_search(target=None, toolkit=None):
    """See fieldapp.toolkit.search.open_search (imported lazily: it pulls in sqlean/pinyin only when used)."""
    from .search import open_search as _open

    return _open(target, toolkit)
