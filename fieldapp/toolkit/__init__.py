"""Pollutant toolkit: the 25 compiled pollutants, scenario checklists, search and exceedance. No Qt here.

Public entry points:
  load_toolkit()                    validated data from resources/toolkit/ (cached)
  open_search(store_or_conn=None)   FTS5 search (index kept in the store, or in memory)
  (verdicts of measurements are fieldapp.vocab.judge: one function for every view)
  detail_page(id, lang) + render_html / render_text   the page the UI panel and the CLI show
"""

from .data import Toolkit, load_toolkit
from .detail import DetailPage, checklist_log_text, detail_page, render_html, render_text
from .validate import ToolkitDataError

__all__ = [
    "DetailPage", "Toolkit", "ToolkitDataError", "checklist_log_text", "detail_page", "load_toolkit",
    "open_search", "render_html", "render_text",
]


def open_search(target=None, toolkit=None):
    """See fieldapp.toolkit.search.open_search (imported lazily: it pulls in sqlean/pinyin only when used)."""
    from .search import open_search as _open

    return _open(target, toolkit)
