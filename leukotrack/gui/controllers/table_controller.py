"""One table tab: its model, sorting, and the Add / Edit / Delete buttons and keys."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut

from leukotrack.gui.models.record_table import Column, RecordTableModel
from leukotrack.gui.views.table_tab_view import TableTabView

T = TypeVar("T")


class TableController(Generic[T]):
    """`open_form(record)` adds (None) or edits a record; `delete(records)` removes them."""

    def __init__(
        self,
        view: TableTabView,
        columns: Sequence[Column[T]],
        open_form: Callable[[T | None], None],
        delete: Callable[[list[T]], None],
        noun: str,
        sort_column: int = 0,
    ) -> None:
        self.view = view
        self.noun = noun
        self.model: RecordTableModel[T] = RecordTableModel(columns, view)
        self._stretch_last(columns)
        view.table.setModel(self.model)
        view.table.sortByColumn(sort_column, Qt.SortOrder.DescendingOrder)  # newest first
        self._open_form = open_form
        self._delete = delete
        view.add.clicked.connect(lambda: open_form(None))
        view.edit.clicked.connect(self.edit_selected)
        view.delete.clicked.connect(self.delete_selected)
        view.table.doubleClicked.connect(self._edit_at)
        shortcut = QShortcut(QKeySequence.StandardKey.Delete, view.table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(self.delete_selected)
        view.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_columns(self, columns: Sequence[Column[T]]) -> None:
        self.model.set_columns(columns)
        self._stretch_last(columns)

    def _stretch_last(self, columns: Sequence[Column[T]]) -> None:
        """A text column may take the spare width; a number stays beside its neighbours."""
        self.view.table.horizontalHeader().setStretchLastSection(not columns[-1].numeric)

    def set_records(self, records: Sequence[T]) -> None:
        self.model.set_records(records)
        n = len(records)
        self.view.count.setText(f"{n} {self.noun}{'' if n == 1 else 's'}")
        self._update_buttons()

    def selected(self) -> list[T]:
        rows = self.view.table.selectionModel().selectedRows()
        return [self.model.record(i.row()) for i in rows]

    def edit_selected(self) -> None:
        chosen = self.selected()
        if len(chosen) == 1:
            self._open_form(chosen[0])

    def delete_selected(self) -> None:
        chosen = self.selected()
        if chosen:
            self._delete(chosen)

    def _edit_at(self, index: QModelIndex) -> None:
        self._open_form(self.model.record(index.row()))

    def _update_buttons(self) -> None:
        n = len(self.view.table.selectionModel().selectedRows())
        self.view.edit.setEnabled(n == 1)
        self.view.delete.setEnabled(n >= 1)
