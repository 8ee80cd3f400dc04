"""The first tab: emergency banner, tiles, flags, next test due, and the chart area."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.gui.views.style import EMERGENCY_STYLE, scale_font
from leukotrack.gui.views.welcome_view import WelcomeView


class OverviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack)
        self.welcome = WelcomeView(self.stack)
        self.dashboard = QWidget(self.stack)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.dashboard)

        layout = QVBoxLayout(self.dashboard)
        self.banner = QLabel(self.dashboard)
        self.banner.setObjectName("feverBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(EMERGENCY_STYLE)
        scale_font(self.banner, 1.3, bold=True)
        self.banner.setAccessibleName("Emergency")
        self.banner.hide()
        layout.addWidget(self.banner)

        top = QHBoxLayout()
        self.heading = QLabel(self.dashboard)
        self.heading.setObjectName("heading")
        scale_font(self.heading, 1.3, bold=True)
        self.add_results = QPushButton("&Add results…", self.dashboard)
        self.add_results.setObjectName("addResultsButton")
        scale_font(self.add_results, 1.2, bold=True)
        top.addWidget(self.heading, 1)
        top.addWidget(self.add_results)
        layout.addLayout(top)

        middle = QHBoxLayout()
        tiles_box = QWidget(self.dashboard)
        self.tiles = QGridLayout(tiles_box)
        self.tiles.setContentsMargins(0, 0, 0, 0)
        middle.addWidget(tiles_box, 3)

        self.flags_box = QGroupBox("What the numbers show", self.dashboard)
        self.flags_box.setObjectName("flagsPanel")
        flags_outer = QVBoxLayout(self.flags_box)
        scroll = QScrollArea(self.flags_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(scroll.Shape.NoFrame)
        flags_inner = QWidget(scroll)
        self.flags = QVBoxLayout(flags_inner)
        self.flags.addStretch(1)
        scroll.setWidget(flags_inner)
        flags_outer.addWidget(scroll, 1)
        self.next_test = QLabel(self.flags_box)
        self.next_test.setObjectName("nextTestDue")
        self.next_test.setWordWrap(True)
        flags_outer.addWidget(self.next_test)
        middle.addWidget(self.flags_box, 2)
        layout.addLayout(middle)

        self.chart_area = QWidget(self.dashboard)
        self.chart_area.setObjectName("chartArea")
        self.chart_area.setMinimumHeight(220)
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
