"""Puts the trend chart in the overview after the window's first paint (pyqtgraph loads then)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from leukotrack.services.timeline import Timeline

if TYPE_CHECKING:
    from leukotrack.gui.charts.trend_chart import TrendChart
    from leukotrack.gui.views.overview_view import OverviewView


class ChartController(QObject):
    """Creates the chart once its area has first been painted, then follows every data change.

    Importing pyqtgraph and NumPy and building the plot takes longer than everything else on the
    first screen, so the tiles and flags are painted first and the chart fills in just after.
    """

    def __init__(self, overview: OverviewView) -> None:
        super().__init__(overview)
        self.overview = overview
        self.chart: TrendChart | None = None
        self._timeline: Timeline | None = None
        self._closed = False
        overview.chart_area.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.chart is None:
            self.overview.chart_area.removeEventFilter(self)
            QTimer.singleShot(0, self.build)
        return False

    def build(self) -> TrendChart | None:
        if self.chart is not None or self._closed:
            return self.chart
        from leukotrack.gui.charts.trend_chart import TrendChart

        self.chart = TrendChart(self.overview.chart_area)
        self.chart.setObjectName("trendChart")
        self.overview.chart_hint.hide()
        self.overview.skeleton.hide()
        self.overview.skeleton.setProperty("done", True)
        self.overview.chart_area.layout().addWidget(self.chart)
        if self._timeline is not None:
            self.chart.set_timeline(self._timeline)
        return self.chart

    def show(self, timeline: Timeline) -> None:
        self._timeline = timeline
        if self.chart is not None:
            self.chart.set_timeline(timeline)

    def close(self) -> None:
        self._closed = True
