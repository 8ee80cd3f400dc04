"""The cycle view: every treatment cycle's counts on one set of axes, by day of cycle.

One line per cycle, pale for early cycles and dark for recent ones (style.cycle_colour), each
labelled "C1", "C2"… at its last result; a ring on each cycle's nadir; a star on each G-CSF
day; the team's threshold (and for ANC the 1.0 and 0.5 limits) as lines.

Redrawing ~170 cycles within a frame: lines of the same colour share one curve item (broken
between cycles with `connect`), points and markers are one scatter item each, and the labels
are painted by one item that skips a label that would overlap another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.cycles import CycleSummary
from leukotrack.domain.units import format_number
from leukotrack.gui.charts import style
from leukotrack.services.cycles import CycleView

MAX_COLOURS = 24  # cycles beyond this share colours in order (neighbours stay alike)
NADIR_SYMBOL = "o"
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
        marks = tuple((s.span.day_of(d), gcsf_y(days, values, s.span.day_of(d), 0.0)) for d in s.gcsf)
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


@dataclass(frozen=True)
class Label:
    """A line's name at its last point, or (when that spot is taken) below one of `fallbacks`."""

    x: float
    y: float
    text: str
    colour: str
    fallbacks: tuple[tuple[float, float, bool], ...] = ()


class LabelsItem(pg.GraphicsObject):
    """"C1", "C2"… beside each line's last point, in device pixels; overlapping ones are skipped
    (later cycles first, so the recent ones are always named)."""

    def __init__(self, labels: Sequence[Label], text: QColor) -> None:
        super().__init__()
        self.labels = tuple(labels)
        self._text = QColor(text)
        xs = [lab.x for lab in self.labels] or [0.0]
        ys = [lab.y for lab in self.labels] or [0.0]
        self._bounds = QRectF(min(xs), min(ys), max(xs) - min(xs) + 1e-9, max(ys) - min(ys) + 1e-9)
        self.shown: list[str] = []

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, *args: object) -> None:
        transform = painter.transform()
        painter.save()
        painter.resetTransform()
        font = QFont(painter.font())
        font.setBold(True)
        painter.setFont(font)
        metrics = QFontMetricsF(font)
        taken: list[QRectF] = []
        self.shown = []
        width = metrics.horizontalAdvance("C000") + 2
        for label in reversed(self.labels):
            for x, y, below in ((label.x, label.y, False), *label.fallbacks):
                at = transform.map(QPointF(x, y))
                top = at.y() + (6 if below else -metrics.height() / 2)
                rect = QRectF(at.x() + (2 if below else 5), top, width, metrics.height())
                if not any(rect.intersects(r) for r in taken):
                    break
            else:
                continue
            taken.append(rect)
            self.shown.append(label.text)
            painter.setPen(QColor(label.colour))
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignVCenter), label.text)
        painter.restore()


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
        self.plot.showGrid(x=True, y=True, alpha=0.15)
        self.plot.setLabel("bottom", "Day of cycle")
        layout.addWidget(self.plot, 1)
        self.legend = QLabel(LEGEND, self)
        self.legend.setObjectName("cycleLegend")
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self._items: list[pg.GraphicsObject] = []
        self.labels: LabelsItem | None = None
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
        self.labels = None
        self.lines = []
        self.threshold_texts = []

    def show_view(self, view: CycleView) -> None:
        self.clear()
        fg = self.palette().color(QPalette.ColorRole.Text)
        analyte = ANALYTES[view.analyte]
        self.plot.setLabel("left", f"{analyte.short} (×10⁹/L)")
        self.lines = lines = cycle_lines(view.summaries)
        self._add_thresholds(view, fg)
        by_colour: dict[str, list[CycleLine]] = {}
        for line in lines:
            if len(line.days):
                by_colour.setdefault(line.colour, []).append(line)
        for colour, group in by_colour.items():
            xs = np.concatenate([g.days for g in group])
            ys = np.concatenate([g.values for g in group])
            connect = np.concatenate([np.r_[np.ones(len(g.days) - 1), 0] for g in group])
            curve = pg.PlotCurveItem(xs, ys, pen=pg.mkPen(colour, width=2), connect=connect)
            self._add(curve)
        drawn = [line for line in lines if len(line.days)]
        if drawn:
            xs = np.concatenate([g.days for g in drawn])
            ys = np.concatenate([g.values for g in drawn])
            brushes = [pg.mkBrush(g.colour) for g in drawn for _ in g.days]
            self._add(pg.ScatterPlotItem(xs, ys, size=6, pen=pg.mkPen(None), brush=brushes))
            nadirs = [g for g in drawn if g.nadir_day is not None]
            self._add(
                pg.ScatterPlotItem(
                    [g.nadir_day for g in nadirs],
                    [g.nadir_value for g in nadirs],
                    symbol=NADIR_SYMBOL,
                    size=13,
                    pen=[pg.mkPen(g.colour, width=2) for g in nadirs],
                    brush=pg.mkBrush(None),
                )
            )
        marks = [(d, y, g.colour) for g in lines for d, y in g.gcsf]
        if marks:
            self._add(
                pg.ScatterPlotItem(
                    [m[0] for m in marks],
                    [m[1] for m in marks],
                    symbol=style.GCSF_SYMBOL,
                    size=14,
                    pen=pg.mkPen(fg),
                    brush=[pg.mkBrush(m[2]) for m in marks],
                )
            )
        labels = [
            Label(
                float(g.days[-1]),
                float(g.values[-1]),
                f"C{g.number}",
                g.colour,
                ((float(g.nadir_day), float(g.nadir_value), True),)
                if g.nadir_day is not None and g.nadir_value is not None
                else (),
            )
            for g in drawn
        ]
        self.labels = LabelsItem(labels, fg)
        self._add(self.labels)
        top = max([float(g.values.max()) for g in drawn] + [view.threshold * 1.3])
        self.plot.setXRange(1, max(view.longest, 2) + 1.5, padding=0.02)
        self.plot.setYRange(-0.04 * top, top * 1.08, padding=0)  # a G-CSF star at 0 stays whole

    def _add_thresholds(self, view: CycleView, fg: QColor) -> None:
        limits = [(view.threshold, f"team's threshold {format_number(view.threshold)}", Qt.PenStyle.DashLine)]
        if view.analyte == "anc":
            limits += [(1.0, "1.0", Qt.PenStyle.DotLine), (0.5, "0.5", Qt.PenStyle.DotLine)]
        for value, text, pen_style in limits:
            pen = QPen(fg, 1.2, pen_style)
            pen.setCosmetic(True)
            line = pg.InfiniteLine(
                pos=value,
                angle=0,
                pen=pen,
                label=text,
                labelOpts={"position": 0.98, "color": fg, "anchors": [(1, 1), (1, 1)]},
            )
            self._add(line)
            self.threshold_texts.append(text)
