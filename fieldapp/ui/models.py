"""Table models over lists of store rows (QAbstractTableModel; the views never touch SQL)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt


@dataclass
class Column:
    key: str
    title: Callable[[], str]                         # translated at display time (language can change)
    fmt: Callable[[dict], str] | None = None         # how to show the value of a row


_DISPLAY, _BACKGROUND, _TOOLTIP, _USER = (int(Qt.DisplayRole), int(Qt.BackgroundRole), int(Qt.ToolTipRole),
                                         int(Qt.UserRole))
_ANSWERED = frozenset((_DISPLAY, _BACKGROUND, _TOOLTIP, _USER))


class RecordTableModel(QAbstractTableModel):
    """Rows of dicts shown through ``columns``. A cell's text is formatted once and kept until the
    rows are replaced or the headers are refreshed (a language switch): Qt asks every visible cell
    for eight roles several times while laying a table out, which made the window's first paint
    cost half a second of Python formatting."""

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict] = []
        self.background: Callable[[dict], object] | None = None  # row -> QColor or None
        self.tooltip: Callable[[dict], str] | None = None
        self._text: dict[tuple[int, int], str] = {}
        self._background: dict[int, object] = {}
        self._titles: list[str] | None = None

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._text.clear()
        self._background.clear()
        self.endResetModel()

    def row_at(self, row: int) -> dict | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def find(self, uuid: str) -> int:
        for i, r in enumerate(self.rows):
            if r.get("uuid") == uuid:
                return i
        return -1

    def rowCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.DisplayRole):
        if role not in _ANSWERED or not index.isValid():
            return None
        if role == _DISPLAY:
            key = (index.row(), index.column())
            text = self._text.get(key)
            if text is None:
                text = self._text[key] = self._format(self.rows[key[0]], self.columns[key[1]])
            return text
        row = self.rows[index.row()]
        if role == _BACKGROUND and self.background:
            r = index.row()
            if r not in self._background:
                self._background[r] = self.background(row)
            return self._background[r]
        if role == Qt.ToolTipRole and self.tooltip:
            return self.tooltip(row)
        if role == Qt.UserRole:
            return row
        return None

    @staticmethod
    def _format(row: dict, col: Column) -> str:
        if col.fmt:
            return col.fmt(row)
        v = row.get(col.key)
        return "" if v is None else str(v)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        # Asked ~30 times per column while the window is laid out: the cheap test first, the
        # translated titles kept until refresh_headers
        if role != _DISPLAY or orientation != Qt.Horizontal:
            return None
        if self._titles is None:
            self._titles = [c.title() for c in self.columns]
        return self._titles[section]

    def refresh_headers(self) -> None:
        """Titles and cell texts again (the language changed); callers then emit layoutChanged."""
        self._text.clear()
        self._background.clear()
        self._titles = None
        self.headerDataChanged.emit(Qt.Horizontal, 0, max(0, len(self.columns) - 1))
