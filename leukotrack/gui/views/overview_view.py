"""The first tab, laid out for the glance: everything that matters fits a 1366×768 laptop.

From the top: the emergency banner (first and in full), the reminder banner, one heading row
(whose records, the latest test, "Show as table", "Add results…"), one row of compact tiles,
then the panel of one-line flags and the next blood test beside the trend chart, which takes
the rest of the height. On a narrow window or with a large font the tiles wrap into rows, the
panel goes above the chart, and the page scrolls rather than squash the chart.
"""

from __future__ import annotations

from itertools import pairwise

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
    QTableView,
    QVBoxLayout,
    QWidget,
)

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.gui.views.flag_row_view import FlagRow
from leukotrack.gui.views.skeleton_view import ChartSkeleton
from leukotrack.gui.views.style import EMERGENCY_STYLE, NOTICE_STYLE, scale_font
from leukotrack.gui.views.welcome_view import WelcomeView

# Widths in average characters of the application font, so the layout follows the font size.
PANEL_BESIDE_MIN_CHARS = 110  # the flags panel beside the chart
SIX_COLUMNS_MIN_CHARS = 150  # all six tiles in one row
THREE_COLUMNS_MIN_CHARS = 80  # below this, the tiles wrap into two columns
PANEL_CHARS = 46  # the panel's width beside the chart
CHART_MIN_HEIGHT = 280  # the chart with its controls, never squashed below this


class OverviewView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 4)
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
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
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

        self.notice = QFrame(self.body)  # the in-app reminder when no desktop notification
        self.notice.setObjectName("reminderBanner")
        self.notice.setStyleSheet(NOTICE_STYLE)
        notice_row = QHBoxLayout(self.notice)
        notice_row.setContentsMargins(8, 4, 4, 4)
        self.notice_text = QLabel(self.notice)
        self.notice_text.setObjectName("reminderText")
        self.notice_text.setWordWrap(True)
        self.notice_dismiss = QPushButton("&Dismiss", self.notice)
        self.notice_dismiss.setAccessibleName("Dismiss the reminder")
        notice_row.addWidget(self.notice_text, 1)
        notice_row.addWidget(self.notice_dismiss, 0, Qt.AlignmentFlag.AlignVCenter)
        self.notice.hide()
        layout.addWidget(self.notice)

        top = QHBoxLayout()
        self.heading = QLabel(self.body)
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        scale_font(self.heading, 1.2, bold=True)
        self.show_table = QPushButton("Show chart as &table", self.body)
        self.show_table.setObjectName("showAsTable")
        self.show_table.setCheckable(True)
        self.show_table.setAccessibleDescription(
            "Shows the points of the trend chart as a table you can read with the keyboard."
        )
        self.add_results = QPushButton("&Add results…", self.body)
        self.add_results.setObjectName("addResultsButton")
        scale_font(self.add_results, 1.1, bold=True)
        top.addWidget(self.heading, 1)
        top.addWidget(self.show_table, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.add_results, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addLayout(top)
        self.next_visit = QLabel(self.body)  # a line of its own, placed wherever suits
        self.next_visit.setObjectName("nextVisit")
        self.next_visit.setWordWrap(True)
        self.next_visit.setAccessibleName("Next visit")
        layout.addWidget(self.next_visit)

        self.tiles_box = QWidget(self.body)
        self.tiles_box.setObjectName("tiles")
        self.tiles_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.tiles = QGridLayout(self.tiles_box)
        self.tiles.setContentsMargins(0, 0, 0, 0)
        self.tiles.setSpacing(6)
        self.tile_widgets: list[QWidget] = []
        self.tile_columns = 6
        layout.addWidget(self.tiles_box)

        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.panel = QWidget(self.body)
        self.panel.setObjectName("sidePanel")
        panel_layout = QVBoxLayout(self.panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        self.flags_box = QGroupBox("What the numbers show", self.panel)
        self.flags_box.setObjectName("flagsPanel")
        self.flags = QVBoxLayout(self.flags_box)
        self.flags.setSpacing(2)
        self.no_flags = QLabel("Nothing stands out in the latest results.", self.flags_box)
        self.no_flags.setObjectName("noFlags")
        self.no_flags.setWordWrap(True)
        self.flags.addWidget(self.no_flags)
        self.next_box = QGroupBox("Next blood test", self.panel)
        self.next_box.setObjectName("nextTestBox")
        next_layout = QVBoxLayout(self.next_box)
        next_layout.setSpacing(2)
        self.next_test = FlagRow(self.next_box)
        self.next_test.setObjectName("nextTestDue")
        self.plan_tests = QPushButton("&Plan my next blood test…", self.next_box)
        self.plan_tests.setObjectName("planTests")
        next_layout.addWidget(self.next_test)
        next_layout.addWidget(self.plan_tests, 0, Qt.AlignmentFlag.AlignLeft)
        panel_layout.addWidget(self.flags_box)
        panel_layout.addWidget(self.next_box)
        panel_layout.addStretch(1)
        self.middle.addWidget(self.panel, 0)

        self.chart_stack = QStackedWidget(self.body)
        self.chart_stack.setObjectName("chartStack")
        self.chart_stack.setMinimumHeight(CHART_MIN_HEIGHT)
        self.chart_area = QWidget(self.chart_stack)
        self.chart_area.setObjectName("chartArea")
        chart_layout = QVBoxLayout(self.chart_area)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        self.skeleton = ChartSkeleton(self.chart_area)
        self.chart_hint = QLabel("The trend chart appears here once you have results.")
        self.chart_hint.setObjectName("chartHint")
        self.chart_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        chart_layout.addWidget(self.chart_hint)
        chart_layout.addWidget(self.skeleton, 1)
        self.chart_table = QTableView(self.chart_stack)
        self.chart_table.setObjectName("chartTable")
        self.chart_table.setAccessibleName("Trend chart as a table")
        self.chart_table.setAccessibleDescription(
            "Every blood test on the chart: date, then each count with L or H when out of range."
        )
        self.chart_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.chart_table.verticalHeader().hide()
        self.chart_stack.addWidget(self.chart_area)
        self.chart_stack.addWidget(self.chart_table)
        self.middle.addWidget(self.chart_stack, 1)
        layout.addLayout(self.middle, 1)

        footer = QLabel(NOT_A_DIAGNOSIS, self)
        footer.setObjectName("notADiagnosis")
        footer.setWordWrap(True)
        outer.addWidget(footer)

    def set_reading_order(self, tiles: list[QWidget], rows: list[FlagRow]) -> None:
        """Tab moves as a person reads: heading buttons, tiles left to right, flags top to
        bottom, the next test, then the chart (its table when shown)."""
        chain: list[QWidget] = [self.notice_dismiss, self.show_table, self.add_results]
        for tile in tiles:
            chain += [tile, tile.findChild(QWidget, "helpButton") or tile]
        for row in [*rows, self.next_test]:
            chain += [row.toggle, row.help]
        chain += [self.plan_tests, self.chart_table]
        for before, after in pairwise(chain):
            if before is not after:
                QWidget.setTabOrder(before, after)

    def add_flag(self, row: FlagRow) -> None:
        self.flags.addWidget(row)

    def add_tile(self, tile: QWidget) -> None:
        self.tile_widgets.append(tile)
        n = len(self.tile_widgets) - 1
        self.tiles.addWidget(tile, n // self.tile_columns, n % self.tile_columns)

    def arrange(self, width: int) -> None:
        """Six tiles in a row when wide (three or two when not); the panel beside the chart
        only when wide, above it otherwise."""
        chars = width / max(1, self.fontMetrics().averageCharWidth())
        beside = chars >= PANEL_BESIDE_MIN_CHARS
        self.middle.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        panel_width = PANEL_CHARS * self.fontMetrics().averageCharWidth()
        self.panel.setMaximumWidth(panel_width if beside else 16777215)
        self.panel.setMinimumWidth(panel_width if beside else 0)
        if chars >= SIX_COLUMNS_MIN_CHARS:
            columns = 6
        else:
            columns = 3 if chars >= THREE_COLUMNS_MIN_CHARS else 2
        if columns != self.tile_columns:
            self.tile_columns = columns
            for tile in self.tile_widgets:
                self.tiles.removeWidget(tile)
            for col in range(6):
                self.tiles.setColumnStretch(col, 1 if col < columns else 0)
            for n, tile in enumerate(self.tile_widgets):
                self.tiles.addWidget(tile, n // columns, n % columns)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.arrange(event.size().width())
        super().resizeEvent(event)
