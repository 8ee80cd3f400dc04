"""The Treatment tab and the cycle dialog. Layout only (controllers/treatment_controller.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QSplitter, QVBoxLayout, QWidget

from leukotrack.gui.views.form_dialog_view import FormDialogView, date_edit
from leukotrack.gui.views.table_tab_view import TableTabView

if TYPE_CHECKING:  # pyqtgraph loads when the tab is first shown, not with the window
    from leukotrack.gui.charts.cycle_chart import CycleChart


class TreatmentView(TableTabView):
    """Cycles: Add / Edit / Delete and the count picker above the chart, then the sentence
    and one row per cycle. Until a cycle exists, a note says how to add one.

    The chart is made the first time the tab is shown (`shown`), so that pyqtgraph stays off
    the window's first paint."""

    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("cycles", "&Add cycle…", parent)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        buttons = layout.itemAt(0).layout()
        self.analyte = QComboBox(self)
        self.analyte.setObjectName("cycleAnalyte")
        self.analyte.setAccessibleName("Count shown by day of cycle")
        self.analyte.view().setAccessibleName("Counts to choose from")
        buttons.insertWidget(3, QLabel("Show:", self))
        buttons.insertWidget(4, self.analyte)
        layout.removeWidget(self.table)
        self.empty = QLabel(self)
        self.empty.setObjectName("cyclesEmpty")
        self.empty.setWordWrap(True)
        self.empty.setTextFormat(Qt.TextFormat.RichText)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.empty)
        self.chart: CycleChart | None = None
        self.sentence = QLabel(self)
        self.sentence.setObjectName("cycleSentence")
        self.sentence.setWordWrap(True)
        self.sentence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lower = QWidget(self)
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.sentence)
        lower_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.chart_area = QWidget(self)
        QVBoxLayout(self.chart_area).setContentsMargins(0, 0, 0, 0)
        self.splitter.addWidget(self.chart_area)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([520, 280])
        layout.addWidget(self.splitter, 1)

    def ensure_chart(self) -> CycleChart:
        if self.chart is None:
            from leukotrack.gui.charts.cycle_chart import CycleChart

            self.chart = CycleChart(self.chart_area)
            self.chart_area.layout().addWidget(self.chart)
        return self.chart

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def show_empty(self, empty: bool) -> None:
        self.empty.setVisible(empty)
        self.splitter.setVisible(not empty)


class CycleDialogView(FormDialogView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Treatment cycle", parent)
        self.start = date_edit(self)
        self.start.setObjectName("cycleStart")
        self.regimen = QLineEdit(self)
        self.regimen.setObjectName("cycleRegimen")
        self.regimen.setPlaceholderText("optional, e.g. FOLFOX, AC, R-CHOP")
        self.length = QLineEdit(self)
        self.length.setObjectName("cycleLength")
        self.length.setPlaceholderText("optional, e.g. 14 or 21")
        self.note = QLineEdit(self)
        self.note.setObjectName("cycleNote")
        self.add_row("&Day 1 (treatment given):", self.start, "Cycle start date")
        self.add_row("&Regimen:", self.regimen, "Regimen name")
        self.add_row("Planned &length (days):", self.length, "Planned length in days")
        self.add_row("&Note:", self.note, "Note")
