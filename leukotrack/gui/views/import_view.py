"""The import wizard: what a file would add, its problems, then Import or Cancel. Layout only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from leukotrack.gui.views.entry_view import error_label
from leukotrack.gui.views.style import scale_font

# (label, what the controller reads): None = the dates as written (ISO or unambiguous).
DATE_ORDERS: tuple[tuple[str, str | None], ...] = (
    ("As written in the file (e.g. 2024-12-31)", None),
    ("Day first (31/12/2024)", "day"),
    ("Month first (12/31/2024)", "month"),
)


def _table(columns: list[str], parent: QWidget, name: str) -> QTableWidget:
    table = QTableWidget(0, len(columns), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)


def fit_height(table: QTableWidget, max_rows: int) -> None:
    """Tall enough for its rows (up to `max_rows`), so short lists leave no empty box."""
    rows = min(table.rowCount(), max_rows)
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    height += sum(table.verticalHeader().sectionSize(r) for r in range(rows))
    table.setFixedHeight(height + 4)


class ImportView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importDialog")
        self.setWindowTitle("Import a file")
        self.setModal(True)
        outer = QVBoxLayout(self)

        self.file_name = QLabel(self)
        self.file_name.setObjectName("importFileName")
        self.file_name.setWordWrap(True)
        scale_font(self.file_name, 1.2, bold=True)
        self.kind = QLabel(self)
        self.kind.setObjectName("importKind")
        self.kind.setWordWrap(True)
        outer.addWidget(self.file_name)
        outer.addWidget(self.kind)

        self.date_row = QWidget(self)
        form = QFormLayout(self.date_row)
        form.setContentsMargins(0, 0, 0, 0)
        self.date_order = QComboBox(self.date_row)
        self.date_order.setObjectName("importDateOrder")
        self.date_order.setAccessibleName("Order of day and month in the file's dates")
        for label, key in DATE_ORDERS:
            self.date_order.addItem(label, key)
        form.addRow("&Dates in the file:", self.date_order)
        outer.addWidget(self.date_row)

        self.summary_heading = QLabel("What will be added", self)
        self.summary_heading.setObjectName("importSummaryHeading")
        scale_font(self.summary_heading, 1.05, bold=True)
        outer.addWidget(self.summary_heading)
        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.results = _table(
            ["Blood count", "New results", "Units in the file"], self, "importResults"
        )
        self.results.setAccessibleName("New results per blood count")
        outer.addWidget(self.results)

        self.problems_heading = QLabel(self)
        self.problems_heading.setObjectName("importProblemsHeading")
        scale_font(self.problems_heading, 1.05, bold=True)
        outer.addWidget(self.problems_heading)
        self.problems = _table(["Where", "What is wrong", "Effect"], self, "importProblems")
        self.problems.setAccessibleName("Problems found in the file")
        self.problems.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.problems.horizontalHeader().setStretchLastSection(False)
        outer.addWidget(self.problems, 1)

        self.reason = error_label(self)
        self.reason.setObjectName("importReason")
        outer.addWidget(self.reason)
        self.note = QLabel(self)
        self.note.setObjectName("importNote")
        self.note.setWordWrap(True)
        outer.addWidget(self.note)
        outer.addStretch(0)

        self.buttons = QDialogButtonBox(self)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setObjectName("importButton")
        self.import_button.setDefault(True)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_rest_button = QPushButton(self)
        self.import_rest_button.setObjectName("importRestButton")
        self.import_rest_button.setAccessibleName(
            "Import the good rows and leave out the rows listed"
        )
        self.import_rest_button.hide()
        self.buttons.addButton(self.import_rest_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        outer.addWidget(self.buttons)
        self.resize(760, 620)
