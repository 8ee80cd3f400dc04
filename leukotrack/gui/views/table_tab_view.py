"""A tab with a sortable table of records and Add / Edit / Delete buttons."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class TableTabView(QWidget):
    def __init__(self, what: str, add_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{what}Tab")
        layout = QVBoxLayout(self)
        self.buttons = buttons = QHBoxLayout()
        self.add = QPushButton(add_text, self)
        self.add.setObjectName(f"{what}Add")
        self.edit = QPushButton("&Edit…", self)
        self.edit.setObjectName(f"{what}Edit")
        self.delete = QPushButton("&Delete", self)
        self.delete.setObjectName(f"{what}Delete")
        self.count = QLabel(self)
        for b in (self.add, self.edit, self.delete):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.count)
        layout.addLayout(buttons)
        self.table = QTableView(self)
        self.table.setObjectName(f"{what}Table")
        self.table.setAccessibleName(f"{what} table")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Columns fit their contents (measured on the first rows only: 3,650 diary rows would
        # stall), from the first time the tab is shown: hidden tabs cost nothing at start-up.
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self._sized = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._sized:
            self._sized = True
            header = self.table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        super().showEvent(event)
