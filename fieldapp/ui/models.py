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


class RecordTableModel(QAbstractTableModel):
    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[dict] = []
        self.background: Callable[[dict], object] | None = None  # row -> QColor or None
        self.tooltip: Callable[[dict], str] | None = None

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
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
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.DisplayRole:
            if col.fmt:
                return col.fmt(row)
            v = row.get(col.key)
            return "" if v is None else str(v)
        if role == Qt.BackgroundRole and self.background:
            return self.background(row)
        if role == Qt.ToolTipRole and self.tooltip:
            return self.tooltip(row)
        if role == Qt.UserRole:
            return row
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if role == Qt.DisplayRole and orientation == Qt.Horizontal:
            return self.columns[section].title()
        return None

    def refresh_headers(self) -> None:
        self.headerDataChanged.emit(Qt.Horizontal, 0, max(0, len(self.columns) - 1))
