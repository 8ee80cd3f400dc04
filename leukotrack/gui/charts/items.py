"""pyqtgraph items for what pyqtgraph has no item for: many shaded rectangles, labelled spans."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from pyqtgraph.graphicsItems.DateAxisItem import (
    DAY_SPACING,
    HOUR_SPACING,
    MONTH_SPACING,
    YEAR_SPACING,
    TickSpec,
    ZoomLevel,
    makeMStepper,
    makeSStepper,
    makeYStepper,
)
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen

from leukotrack.gui.charts.chart_data import Band, Span
from leukotrack.gui.charts.ticks import calendar_labels


def _union(rects: Sequence[QRectF]) -> QRectF:
    out = QRectF()
    for r in rects:
        out = out.united(r)
    return out


class BandsItem(pg.GraphicsObject):
    """Shaded rectangles in data coordinates, painted in one pass (a band, a zone, a step band)."""

    def __init__(self, bands: Sequence[Band], brush: QBrush, pen: QPen | None = None) -> None:
        super().__init__()
        self.bands = tuple(bands)
        self._rects = [QRectF(b.x0, b.low, b.x1 - b.x0, b.high - b.low) for b in self.bands]
        self._brush = brush
        self._pen = QPen(Qt.PenStyle.NoPen) if pen is None else QPen(pen)
        self._pen.setCosmetic(True)
        self._bounds = _union(self._rects)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, *args: object) -> None:
        painter.setPen(self._pen)
        painter.setBrush(self._brush)
        for r in self._rects:
            painter.drawRect(r)


class SpansItem(pg.GraphicsObject):
    """Bars along the top (medicines, infections), each labelled inside, elided to fit.

    A lane is one unit high; lane 0 is drawn at the top (y = top_lane). Labels are painted in
    device pixels so they stay readable at any zoom.
    """

    def __init__(
        self,
        spans: Sequence[Span],
        top_lane: int,
        colour: str,
        emphasis_colour: str,
        text_colour: QColor,
        hatched: bool = False,
    ) -> None:
        super().__init__()
        self.spans = tuple(spans)
        self._top = top_lane
        self._colour = QColor(colour)
        self._emphasis = QColor(emphasis_colour)
        self._text = QColor(text_colour)
        self._hatched = hatched
        self.rects = [self.rect_of(s) for s in self.spans]
        self._bounds = _union(self.rects)

    def rect_of(self, span: Span) -> QRectF:
        y = self._top - span.lane
        return QRectF(span.x0, y - 0.38, span.x1 - span.x0, 0.76)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def span_at(self, x: float, y: float) -> Span | None:
        for span, rect in zip(self.spans, self.rects, strict=True):
            if rect.left() <= x <= rect.right() and rect.top() <= y <= rect.bottom():
                return span
        return None

    def paint(self, painter: QPainter, *args: object) -> None:
        transform = painter.transform()
        visible = transform.mapRect(self.viewRect()) if self.viewRect() is not None else None
        painter.save()
        painter.resetTransform()
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
        bold = QFont(font)
        bold.setBold(True)
        for span, rect in zip(self.spans, self.rects, strict=True):
            dev = transform.mapRect(rect).normalized()
            colour = self._emphasis if span.emphasised else self._colour
            fill = QColor(colour)
            fill.setAlpha(255 if span.emphasised else 110)
            painter.setPen(QPen(colour, 1.0))
            style = Qt.BrushStyle.BDiagPattern if self._hatched else Qt.BrushStyle.SolidPattern
            painter.setBrush(QBrush(fill, style))
            painter.drawRect(dev)
            shown_rect = dev.intersected(visible) if visible is not None else dev
            if shown_rect.width() < 24:
                continue
            painter.setFont(bold if span.emphasised else font)
            metrics = QFontMetricsF(painter.font())
            text = span.label + (" →" if span.ongoing else "")
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, shown_rect.width() - 6)
            painter.setPen(QColor("white") if span.emphasised and not self._hatched else self._text)
            baseline = dev.center().y() + (metrics.ascent() - metrics.descent()) / 2
            painter.drawText(QPointF(shown_rect.left() + 3, baseline), shown)
        painter.restore()


_DAY = 86400.0
# Tick levels sized for labels like "14 Mar 2025", so the wider labels never crowd each other.
_ZOOM_LEVELS = {
    np.inf: ZoomLevel(
        [
            TickSpec(YEAR_SPACING, makeYStepper(1), "%Y", autoSkip=[1, 2, 5, 10]),
            TickSpec(MONTH_SPACING, makeMStepper(1), "%b"),
        ],
        "MMM 0000",
    ),
    5 * _DAY: ZoomLevel(
        [
            TickSpec(MONTH_SPACING, makeMStepper(1), "%b"),
            TickSpec(DAY_SPACING, makeSStepper(DAY_SPACING), "%d", autoSkip=[1, 2, 7]),
        ],
        "00 MMM 00",
    ),
    6 * 3600.0: ZoomLevel(
        [
            TickSpec(DAY_SPACING, makeSStepper(DAY_SPACING), "%d"),
            TickSpec(HOUR_SPACING, makeSStepper(HOUR_SPACING), "%H:%M", autoSkip=[1, 6]),
        ],
        "00 MMM 00",
    ),
}


class CalendarAxis(pg.DateAxisItem):
    """A date axis whose labels always name the month, and the year where it changes."""

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation=orientation)
        self.zoomLevels = OrderedDict(_ZOOM_LEVELS)
        self._labels: dict[float, str] = {}

    def tickValues(
        self, minVal: float, maxVal: float, size: float
    ) -> list[tuple[float, list[float]]]:
        levels: list[tuple[float, list[float]]] = super().tickValues(minVal, maxVal, size)
        days_shown = self.zoomLevel is not _ZOOM_LEVELS[np.inf]
        ticks = []
        for spacing, values in levels:
            if spacing >= YEAR_SPACING:
                level = "year"
            elif spacing >= MONTH_SPACING:
                level = "day" if days_shown else "month"
            elif spacing >= DAY_SPACING:
                level = "day"
            else:
                level = "hour"
            ticks += [(float(v), level) for v in values]
        self._labels = calendar_labels(ticks)
        return levels

    def tickStrings(self, values: Sequence[float], scale: float, spacing: float) -> list[str]:
        return [self._labels.get(float(v), "") for v in values]
