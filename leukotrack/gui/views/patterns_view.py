"""The Patterns tab: one card per pattern in plain words, small charts, the serial-count plan.

Layout only: the controller (controllers/patterns_controller.py) fills the cards and decides
what shows. The charts are QtGui painters shared with the report (report/pattern_charts.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.gui.views.style import scale_font
from leukotrack.report.pattern_charts import Ink

# paints into (painter, rect, device units per point, colours)
ChartPaint = Callable[[QPainter, QRectF, float, Ink], None]


class PaintedChart(QWidget):
    """A small chart drawn by a report painter, in the palette's colours."""

    def __init__(self, min_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paint_fn: ChartPaint | None = None
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_paint(self, fn: ChartPaint | None, description: str = "") -> None:
        self.paint_fn = fn
        self.setAccessibleDescription(description)
        self.setVisible(fn is not None)
        self.update()

    def ink(self) -> Ink:
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        base = pal.color(QPalette.ColorRole.Window)
        track = base.darker(112) if base.lightness() >= 128 else base.lighter(160)
        return Ink(text.name(), pal.color(QPalette.ColorRole.PlaceholderText).name(), track.name())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.paint_fn is None:
            return
        painter = QPainter(self)
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.paint_fn(painter, QRectF(self.rect()), self.logicalDpiY() / 72.0, self.ink())
        finally:
            painter.end()


class PatternCard(QGroupBox):
    """A title, the statement (or why there is none yet), a chart, and the closing line."""

    def __init__(self, title: str, name: str, chart_height: int, parent: QWidget) -> None:
        super().__init__(title, parent)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setObjectName(f"{name}Text")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.chart = PaintedChart(chart_height, self)
        self.chart.setObjectName(f"{name}Chart")
        self.chart.setMinimumHeight(chart_height)
        self.chart.hide()
        self.closing = QLabel(self)
        self.closing.setObjectName(f"{name}Closing")
        self.closing.setWordWrap(True)
        self.closing.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        layout.addWidget(self.text)
        layout.addWidget(self.chart)
        layout.addWidget(self.closing)


class PatternsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        top = QHBoxLayout()
        pick = QLabel("Patterns &in:", self)
        self.analyte = QComboBox(self)
        self.analyte.setObjectName("patternsAnalyte")
        self.analyte.setAccessibleName("Count to look at")
        self.analyte.view().setAccessibleName("Counts to choose from")
        pick.setBuddy(self.analyte)
        self.start_plan = QPushButton("Plan &serial counts…", self)
        self.start_plan.setObjectName("startSerialPlan")
        self.start_plan.setToolTip(
            "Blood counts on set weekdays for a few weeks, when your hematologist asks for them"
        )
        top.addWidget(pick)
        top.addWidget(self.analyte)
        top.addStretch(1)
        top.addWidget(self.start_plan)
        outer.addLayout(top)

        self.plan_box = QGroupBox("Serial-count plan", self)
        self.plan_box.setObjectName("serialPlanBox")
        plan = QHBoxLayout(self.plan_box)
        self.plan_text = QLabel(self.plan_box)
        self.plan_text.setObjectName("serialPlanText")
        self.plan_text.setWordWrap(True)
        self.export_plan = QPushButton("Save to &calendar (.ics)…", self.plan_box)
        self.export_plan.setObjectName("exportSerialPlan")
        self.end_plan = QPushButton("&End plan", self.plan_box)
        self.end_plan.setObjectName("endSerialPlan")
        plan.addWidget(self.plan_text, 1)
        plan.addWidget(self.export_plan)
        plan.addWidget(self.end_plan)
        self.plan_box.hide()
        outer.addWidget(self.plan_box)

        self.message = QLabel(self)
        self.message.setObjectName("patternsMessage")
        self.message.setWordWrap(True)
        scale_font(self.message, 1.1)
        outer.addWidget(self.message)

        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget(scroll)
        self.body.setObjectName("patternsBody")
        scroll.setWidget(self.body)
        cards = QVBoxLayout(self.body)
        self.period = QLabel(self.body)
        self.period.setObjectName("patternsPeriod")
        scale_font(self.period, 1.2, bold=True)
        cards.addWidget(self.period)
        line = self.fontMetrics().lineSpacing()
        self.usual = PatternCard("How low, how often", "usualCard", 4 * line, self.body)
        self.fatigue = PatternCard("Fatigue on low days", "fatigueCard", 9 * line, self.body)
        self.infections = PatternCard("Infections on low days", "infectionsCard", 0, self.body)
        self.rhythm = PatternCard("A repeating pattern?", "rhythmCard", 11 * line, self.body)
        self.cards = (self.usual, self.fatigue, self.infections, self.rhythm)
        grid = QHBoxLayout()
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.usual)
        left.addWidget(self.infections)
        left.addStretch(1)
        right.addWidget(self.fatigue)
        right.addWidget(self.rhythm)
        right.addStretch(1)
        grid.addLayout(left, 1)
        grid.addLayout(right, 1)
        cards.addLayout(grid)
        cards.addStretch(1)
        outer.addWidget(scroll, 1)
        self.scroll = scroll

        footer = QLabel(NOT_A_DIAGNOSIS, self)
        footer.setObjectName("patternsNotADiagnosis")
        footer.setWordWrap(True)
        outer.addWidget(footer)
