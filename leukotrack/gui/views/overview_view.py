"""The first tab: emergency banner, tiles, flags, next test due, and the chart area.

The dashboard scrolls vertically, so a small screen or a large font never squashes the chart or
cuts a flag: the tiles wrap (three columns, two when narrow) and the flags panel grows to fit its
flags, beside the tiles on a wide window and under them on a narrow one.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.gui.views.style import EMERGENCY_STYLE, scale_font
from leukotrack.gui.views.welcome_view import WelcomeView

# Widths in average characters of the application font, so the layout follows the font size.
FLAGS_BESIDE_MIN_CHARS = 150  # tiles in three columns with the flags beside them
THREE_COLUMNS_MIN_CHARS = 110  # below this, the tiles wrap into two columns
CHART_MIN_HEIGHT = 280  # the plot itself
CHART_CONTROLS_LINES = 6  # range buttons, series boxes and legend above the plot, in text lines


class OverviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)
        self.welcome = WelcomeView(self.stack)
        self.dashboard = QScrollArea(self.stack)
        self.dashboard.setObjectName("dashboard")
        self.dashboard.setWidgetResizable(True)
        self.dashboard.setFrameShape(QFrame.Shape.NoFrame)
        self.dashboard.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget(self.dashboard)
        self.body.setObjectName("dashboardBody")
        self.dashboard.setWidget(self.body)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.dashboard)

        layout = QVBoxLayout(self.body)
        self.banner = QLabel(self.body)
        self.banner.setObjectName("feverBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(EMERGENCY_STYLE)
        scale_font(self.banner, 1.3, bold=True)
        self.banner.setAccessibleName("Emergency")
        self.banner.hide()
        layout.addWidget(self.banner)
        # Under the fever banner: the sheet to show in the emergency department.
        self.emergency_sheet = QPushButton("Open the &emergency sheet to print or save…", self.body)
        self.emergency_sheet.setObjectName("emergencySheetButton")
        scale_font(self.emergency_sheet, 1.15, bold=True)
        self.emergency_sheet.hide()
        layout.addWidget(self.emergency_sheet, 0, Qt.AlignmentFlag.AlignLeft)

        top = QHBoxLayout()
        self.heading = QLabel(self.body)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        scale_font(self.heading, 1.3, bold=True)
        self.add_results = QPushButton("&Add results…", self.body)
        self.add_results.setObjectName("addResultsButton")
        scale_font(self.add_results, 1.2, bold=True)
        top.addWidget(self.heading, 1)
        top.addWidget(self.add_results, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.next_visit = QLabel(self.body)  # a line of its own, placed wherever suits
        self.next_visit.setObjectName("nextVisit")
        self.next_visit.setWordWrap(True)
        self.next_visit.setAccessibleName("Next visit")
        layout.addWidget(self.next_visit)

        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        tiles_box = QWidget(self.body)
        tiles_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.tiles = QGridLayout(tiles_box)
        self.tiles.setContentsMargins(0, 0, 0, 0)
        self.tile_widgets: list[QWidget] = []
        self.tile_columns = 3
        self.middle.addWidget(tiles_box, 3, Qt.AlignmentFlag.AlignTop)

        self.flags_box = QGroupBox("What the numbers show", self.body)
        self.flags_box.setObjectName("flagsPanel")
        self.flags = QVBoxLayout(self.flags_box)
        self.next_test = QLabel(self.flags_box)
        self.next_test.setObjectName("nextTestDue")
        self.next_test.setWordWrap(True)
        self.flags.addWidget(self.next_test)
        self.flags.addStretch(1)
        self.middle.addWidget(self.flags_box, 2)
        layout.addLayout(self.middle)

        self.chart_area = QWidget(self.body)
        self.chart_area.setObjectName("chartArea")
        controls = CHART_CONTROLS_LINES * self.fontMetrics().lineSpacing()
        self.chart_area.setMinimumHeight(CHART_MIN_HEIGHT + controls)
        chart_layout = QVBoxLayout(self.chart_area)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        self.chart_hint = QLabel("The trend chart appears here once you have results.")
        self.chart_hint.setObjectName("chartHint")
        chart_layout.addWidget(self.chart_hint)
        layout.addWidget(self.chart_area, 1)

        footer = QLabel(NOT_A_DIAGNOSIS, self)
        footer.setObjectName("notADiagnosis")
        footer.setWordWrap(True)
        outer.addWidget(footer)

    def add_flag(self, label: QLabel) -> None:
        """A flag goes above the next-test line, after the flags already shown."""
        self.flags.insertWidget(self.flags.indexOf(self.next_test), label)

    def add_tile(self, tile: QWidget) -> None:
        self.tile_widgets.append(tile)
        n = len(self.tile_widgets) - 1
        self.tiles.addWidget(tile, n // self.tile_columns, n % self.tile_columns)

    def arrange(self, width: int) -> None:
        """Tiles in three columns (two when narrow); flags beside the tiles only when wide."""
        chars = width / max(1, self.fontMetrics().averageCharWidth())
        beside = chars >= FLAGS_BESIDE_MIN_CHARS
        self.middle.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        columns = 3 if chars >= THREE_COLUMNS_MIN_CHARS else 2
        if columns != self.tile_columns:
            self.tile_columns = columns
            for tile in self.tile_widgets:
                self.tiles.removeWidget(tile)
            for col in range(3):
                self.tiles.setColumnStretch(col, 1 if col < columns else 0)
            for n, tile in enumerate(self.tile_widgets):
                self.tiles.addWidget(tile, n // columns, n % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.arrange(event.size().width())
        super().resizeEvent(event)
