"""The cycle view: every treatment cycle's counts on one set of axes, by day of cycle.

One line per cycle, pale for early cycles and dark for recent ones (style.cycle_colour), each
labelled "C1", "C2"… at its last result; a ring on each cycle's nadir; a star on each G-CSF
day; the team's threshold (and for ANC the 1.0 and 0.5 limits) as lines.

Redrawing ~170 cycles within a frame: everything but the threshold lines is painted by one
item (`CyclesItem`), which also skips a label that would overlap another.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QTransform,
)
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.cycles import CycleSummary
from leukotrack.domain.units import format_number
from leukotrack.gui.charts import style
from leukotrack.gui.charts.trend_chart import star
from leukotrack.services.cycles import CycleView

MAX_COLOURS = 24  # cycles beyond this share colours in order (neighbours stay alike)
STAR = star(QPointF(0, 0), 7.5)  # moved onto each G-CSF day
LEGEND = (
    "Pale lines are earlier cycles, dark lines later ones. ○ the lowest result of a cycle · "
    "★ a growth-factor (G-CSF) day (at the bottom when no line passes that day) · dashed: "
    "your team's threshold before a cycle · dotted: 1.0 and 0.5 (neutrophils)."
)


@dataclass(frozen=True)
class CycleLine:
    number: int
    colour: str
    days: np.ndarray
    values: np.ndarray
    nadir_day: int | None
    nadir_value: float | None
    gcsf: tuple[tuple[int, float], ...]  # (day, y) of each G-CSF mark on this line


def gcsf_y(days: np.ndarray, values: np.ndarray, day: int, floor: float) -> float:
    """Where a G-CSF day sits on its cycle's line: on the line between two results, else on
    the floor of the chart (no line to sit on)."""
    if len(days) and days[0] <= day <= days[-1]:
        return float(np.interp(day, days, values))
    return floor


def cycle_lines(summaries: Sequence[CycleSummary]) -> list[CycleLine]:
    n = len(summaries)
    lines = []
    for i, s in enumerate(summaries):
        colour = style.cycle_colour(i, n) if n <= MAX_COLOURS else _binned(i, n)
        days = np.array([p.day for p in s.points], dtype=float)
        values = np.array([p.value for p in s.points], dtype=float)
        marks = tuple(
            (s.span.day_of(d), gcsf_y(days, values, s.span.day_of(d), 0.0)) for d in s.gcsf
        )
        lines.append(
            CycleLine(
                s.number,
                colour,
                days,
                values,
                None if s.nadir is None else s.nadir.day,
                None if s.nadir is None else s.nadir.value,
                marks,
            )
        )
    return lines


def _binned(i: int, n: int) -> str:
    return style.cycle_colour(i * MAX_COLOURS // n, MAX_COLOURS)


class CyclesItem(pg.GraphicsObject):
    """Every cycle's line, points, nadir ring, G-CSF stars and "C1"… label, in one paint.

    Painted in device pixels (crisp at any zoom, and one item instead of hundreds: ~170 cycles
    redraw within a frame). A label goes at its line's end, or under its nadir when that spot
    is taken, or is left out; later cycles are labelled first, so recent ones are always named.
    """

    def __init__(self, lines: Sequence[CycleLine], text: QColor, floor: float) -> None:
        super().__init__()
        self.lines = tuple(lines)
        self._text = QColor(text)
        self._floor = floor
        xs = [float(d) for g in self.lines for d in g.days] + [1.0]
        ys = [float(v) for g in self.lines for v in g.values] + [floor]
        self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs) + 1e-9, max(ys) - min(ys) + 1e-9)
        self.shown: list[str] = []  # the labels painted last time
        self._label_font: QFont | None = None
        self._label_size = (0.0, 0.0)
        # lines and points by colour, in data coordinates: a few painter calls per colour
        self._groups: dict[str, tuple[list[QLineF], QPolygonF]] = {}
        self._rings: dict[str, list[QPointF]] = {}  # nadirs, by colour
        self._stars: dict[str, list[QPointF]] = {}  # G-CSF days, by colour
        for g in self.lines:
            segs, pts = self._groups.setdefault(g.colour, ([], QPolygonF()))
            points = [QPointF(float(d), float(v)) for d, v in zip(g.days, g.values, strict=True)]
            segs.extend(QLineF(a, b) for a, b in itertools.pairwise(points))
            for point in points:
                pts.append(point)
            if g.nadir_day is not None and g.nadir_value is not None:
                self._rings.setdefault(g.colour, []).append(QPointF(g.nadir_day, g.nadir_value))
            for d, y in g.gcsf:
                self._stars.setdefault(g.colour, []).append(QPointF(d, y))

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, *args: object) -> None:
        t = painter.transform()
        painter.save()
        # Smooth lines for a usual course; above MAX_COLOURS cycles (years of them) plain ones,
        # which paint about five times faster, keep the redraw within a frame.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, len(self.lines) <= MAX_COLOURS)
        for colour, (segs, pts) in self._groups.items():
            line = QPen(QColor(colour), 2.0)
            line.setCosmetic(True)
            painter.setPen(line)
            painter.drawLines(segs)
            dot = QPen(QColor(colour), 6.0)
            dot.setCosmetic(True)
            dot.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(dot)
            painter.drawPoints(pts)
        painter.resetTransform()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for colour, rings in self._rings.items():
            painter.setPen(QPen(QColor(colour), 2.0))
            for ring in rings:
                painter.drawEllipse(t.map(ring), 6.5, 6.5)
        painter.setPen(QPen(self._text, 1.0))
        for colour, marks in self._stars.items():
            painter.setBrush(QColor(colour))
            for mark in marks:
                painter.drawPolygon(STAR.translated(t.map(mark)))
        self._paint_labels(painter, t)
        painter.restore()

    def _paint_labels(self, painter: QPainter, t: QTransform) -> None:
        if self._label_font is None:  # measured once: font metrics cost as much as the lines
            font = QFont(painter.font())
            font.setBold(True)
            metrics = QFontMetricsF(font)
            self._label_font = font
            self._label_size = (metrics.horizontalAdvance("C000") + 2, metrics.height())
        painter.setFont(self._label_font)
        width, height = self._label_size
        taken: list[QRectF] = []
        self.shown = []
        # The latest MAX_COLOURS cycles and the first may be named: more labels than that
        # would not be readable, and trying each against all the others costs a frame.
        many = len(self.lines) > MAX_COLOURS
        named = [*self.lines[-MAX_COLOURS:], *self.lines[:1]] if many else self.lines
        for g in reversed(named):
            if not len(g.days):
                continue
            end = t.map(QPointF(float(g.days[-1]), float(g.values[-1])))
            spots = [QRectF(end.x() + 6, end.y() - height / 2, width, height)]
            if g.nadir_day is not None and g.nadir_value is not None:
                low = t.map(QPointF(g.nadir_day, g.nadir_value))
                spots.append(QRectF(low.x() + 2, low.y() + 7, width, height))
            rect = next((r for r in spots if not any(r.intersects(o) for o in taken)), None)
            if rect is None:
                continue
            taken.append(rect)
            self.shown.append(f"C{g.number}")
            painter.setPen(QColor(g.colour))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter), f"C{g.number}")


class CycleChart(QWidget):
    """A plot of the counts by day of cycle; `show_view` draws a `CycleView`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.plot = pg.PlotWidget(self)
        self.plot.setObjectName("cycleChart")
        self.plot.setAccessibleName("Counts by day of cycle")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setLabel("bottom", "Day of cycle")
        layout.addWidget(self.plot, 1)
        self.legend = QLabel(LEGEND, self)
        self.legend.setObjectName("cycleLegend")
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self._items: list[pg.GraphicsObject] = []
        self._limit_lines: list[pg.InfiniteLine] = []  # made once, moved on each redraw
        self.item: CyclesItem | None = None
        self.lines: list[CycleLine] = []
        self.threshold_texts: list[str] = []
        self._apply_palette()

    def _apply_palette(self) -> None:
        pal = self.palette()
        self.plot.setBackground(pal.color(QPalette.ColorRole.Base))
        fg = pal.color(QPalette.ColorRole.Text)
        for name in ("left", "bottom"):
            axis = self.plot.getAxis(name)
            axis.setPen(pg.mkPen(fg))
            axis.setTextPen(pg.mkPen(fg))

    def _add(self, item: pg.GraphicsObject) -> None:
        self.plot.addItem(item)
        self._items.append(item)

    def clear(self) -> None:
        for item in self._items:
            self.plot.removeItem(item)
        self._items = []
        self.item = None
        self.lines = []
        self.threshold_texts = []

    def show_view(self, view: CycleView) -> None:
        self.clear()
        fg = self.palette().color(QPalette.ColorRole.Text)
        analyte = ANALYTES[view.analyte]
        self.plot.setLabel("left", f"{analyte.short} (×10⁹/L)")
        self.lines = lines = cycle_lines(view.summaries)
        self._add_thresholds(view, fg)
        drawn = [line for line in lines if len(line.days)]
        top = max([float(g.values.max()) for g in drawn] + [view.threshold * 1.3])
        self.item = CyclesItem(lines, fg, 0.0)
        self._add(self.item)
        self.plot.setXRange(1, max(view.longest, 2) + 1.5, padding=0.02)
        self.plot.setYRange(-0.04 * top, top * 1.08, padding=0)  # a G-CSF star at 0 stays whole

    def _add_thresholds(self, view: CycleView, fg: QColor) -> None:
        threshold = f"team's threshold {format_number(view.threshold)}"
        limits = [(view.threshold, threshold, Qt.PenStyle.DashLine)]
        if view.analyte == "anc":
            limits += [(1.0, "1.0", Qt.PenStyle.DotLine), (0.5, "0.5", Qt.PenStyle.DotLine)]
        while len(self._limit_lines) < len(limits):
            line = pg.InfiniteLine(
                angle=0,
                label="",
                labelOpts={"position": 0.98, "color": fg, "anchors": [(1, 1), (1, 1)]},
            )
            self.plot.addItem(line)
            self._limit_lines.append(line)
        for line, (value, text, pen_style) in zip(self._limit_lines, limits, strict=False):
            pen = QPen(fg, 1.2, pen_style)
            pen.setCosmetic(True)
            line.setPen(pen)
            line.setPos(value)
            line.label.setFormat(text)
            line.show()
            self.threshold_texts.append(text)
        for line in self._limit_lines[len(limits) :]:
            line.hide()
