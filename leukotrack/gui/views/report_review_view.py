"""The lab-report review window: the page with a box on every value read, and the table of
rows to confirm, correct or leave out. Layout only (controllers/report_review_controller.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from leukotrack.gui.views.entry_view import error_label
from leukotrack.gui.views.style import scale_font

COLUMNS = ("Status", "Test", "Value", "Unit", "Lab's range", "Flag", "Page")
STATUS, TEST, VALUE, UNIT, RANGE, FLAG, PAGE = range(len(COLUMNS))


class ReportReviewView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportReview")
        self.setWindowTitle("Review the lab report")
        self.setSizeGripEnabled(True)
        outer = QVBoxLayout(self)
        self.heading = QLabel(self)
        scale_font(self.heading, 1.25, bold=True)
        self.explain = QLabel(
            "Check each value against the report on the left. Rows marked “Needs a look” must be "
            "confirmed, corrected (type in the Value, Unit or Lab's range cell) or left out "
            "before you can save. Nothing is stored until you press Save.",
            self,
        )
        self.explain.setWordWrap(True)
        outer.addWidget(self.heading)
        outer.addWidget(self.explain)

        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        pages = QHBoxLayout()
        self.previous_page = QPushButton("◀ Previous page", left)
        self.page_label = QLabel(left)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_page = QPushButton("Next page ▶", left)
        self.zoom_out = QPushButton("−", left)
        self.zoom_out.setAccessibleName("Zoom out of the page")
        self.zoom_out.setToolTip("Zoom out (Ctrl+−)")
        self.zoom_out.setShortcut("Ctrl+-")
        self.zoom_in = QPushButton("+", left)
        self.zoom_in.setAccessibleName("Zoom into the page")
        self.zoom_in.setToolTip("Zoom in (Ctrl++)")
        self.zoom_in.setShortcut("Ctrl++")
        for b in (self.zoom_out, self.zoom_in):
            b.setFixedWidth(b.fontMetrics().horizontalAdvance("M") * 3)
        for w in (self.previous_page, self.page_label, self.next_page, self.zoom_out, self.zoom_in):
            pages.addWidget(w)
        left_layout.addLayout(pages)
        self.scene = QGraphicsScene(left)
        self.page_view = QGraphicsView(self.scene, left)
        self.page_view.setObjectName("reportPage")
        self.page_view.setAccessibleName("The report page, with a box around each value read")
        self.page_view.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.page_view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        left_layout.addWidget(self.page_view, 1)

        right = QWidget(splitter)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.draw_choice = QComboBox(right)
        self.draw_choice.setObjectName("reviewDraw")
        self.draw_choice.setAccessibleName("Collection shown in the table")
        self.draw_label = QLabel("&Collection:", right)
        self.draw_label.setBuddy(self.draw_choice)
        form.addRow(self.draw_label, self.draw_choice)
        self.taken_at = QLineEdit(right)
        self.taken_at.setObjectName("reviewTakenAt")
        self.taken_at.setPlaceholderText("YYYY-MM-DD HH:MM")
        self.taken_at.setAccessibleName("Collection date and time")
        form.addRow("&Date and time:", self.taken_at)
        self.lab = QLineEdit(right)
        self.lab.setObjectName("reviewLab")
        self.lab.setAccessibleName("Lab")
        form.addRow("&Lab:", self.lab)
        self.date_message = error_label(right)
        form.addRow("", self.date_message)
        right_layout.addLayout(form)

        self.table = QTableWidget(0, len(COLUMNS), right)
        self.table.setObjectName("reviewTable")
        self.table.setAccessibleName("Results read from the report")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(STATUS, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(STATUS, 220)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        right_layout.addWidget(self.table, 1)
        self.row_message = error_label(right)
        right_layout.addWidget(self.row_message)
        row_buttons = QHBoxLayout()
        self.confirm = QPushButton("C&onfirm as read", right)
        self.confirm.setObjectName("reviewConfirm")
        self.leave_out = QPushButton("Leave &out", right)
        self.leave_out.setObjectName("reviewLeaveOut")
        for b in (self.confirm, self.leave_out):
            row_buttons.addWidget(b)
        row_buttons.addStretch(1)
        right_layout.addLayout(row_buttons)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)

        bottom = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.save = QPushButton("&Save", self)
        self.save.setObjectName("reviewSave")
        self.save.setDefault(True)
        self.cancel = QPushButton("Cancel", self)
        self.cancel.setObjectName("reviewCancel")
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.save)
        bottom.addWidget(self.cancel)
        outer.addLayout(bottom)
