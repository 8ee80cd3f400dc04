"""Puts the trend chart in the overview, after the first paint (pyqtgraph loads lazily)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from leukotrack.services.timeline import Timeline

if TYPE_CHECKING:
    from leukotrack.gui.charts.trend_chart import TrendChart
    from leukotrack.gui.views.overview_view import OverviewView


class ChartController:
    """Creates the chart once the window has shown its tiles, then follows every data change."""

    def __init__(self, overview: OverviewView) -> None:
        self.overview = overview
        self.chart: TrendChart | None = None
        self._timeline: Timeline | None = None
        self._closed = False
        QTimer.singleShot(0, self.build)

    def build(self) -> TrendChart | None:
        if self.chart is not None or self._closed:
            return self.chart
        from leukotrack.gui.charts.trend_chart import TrendChart

        self.chart = TrendChart(self.overview.chart_area)
        self.chart.setObjectName("trendChart")
        self.overview.chart_hint.hide()
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
