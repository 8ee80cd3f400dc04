"""A read-only table model over a list of domain records, described by its columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

T = TypeVar("T")

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[T]):
    header: str
    text: Callable[[T], str]
    sort_key: Callable[[T], Any]
    numeric: bool = False
    tooltip: Callable[[T], str] | None = None
    colour: Callable[[T], str] | None = None  # "#rrggbb" or "" for the palette's text colour
    bold: Callable[[T], bool] | None = None  # a stronger mark than colour alone


class RecordTableModel(QAbstractTableModel, Generic[T]):
    """Rows of domain records, sorted in Python by each column's sort key.

    Sorting here (one `list.sort` with a key) instead of in a QSortFilterProxyModel keeps a
    ten-year diary fast: a proxy calls back into Python twice per comparison.
    """

    def __init__(self, columns: Sequence[Column[T]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[T] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self._rows = self._sorted(list(records))
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        kept = [self._rows[i.row()] for i in persistent]
        self._rows = self._sorted(self._rows)
        where = {id(r): n for n, r in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [self.index(where[id(r)], i.column()) for r, i in zip(kept, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    def _sorted(self, rows: list[T]) -> list[T]:
        """Empty cells (None) first when ascending, last when descending."""
        if self._sort is None or not 0 <= self._sort[0] < len(self._columns):
            return rows
        key = self._columns[self._sort[0]].sort_key
        keyed = [(key(r), r) for r in rows]
        missing = [r for k, r in keyed if k is None]
        present = [(k, r) for k, r in keyed if k is not None]
        descending = self._sort[1] == Qt.SortOrder.DescendingOrder
        present.sort(key=lambda kr: kr[0], reverse=descending)
        ordered = [r for _, r in present]
        return ordered + missing if descending else missing + ordered

    def set_columns(self, columns: Sequence[Column[T]]) -> None:
        self.beginResetModel()
        self._columns = list(columns)
        self._rows = self._sorted(self._rows)
        self.endResetModel()

    def record(self, row: int) -> T:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(item)
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(item)
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(item)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.FontRole and column.bold is not None and column.bold(item):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
