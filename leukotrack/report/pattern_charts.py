"""The Patterns charts, painted with QtGui into a given rectangle (the app's cards and the PDF).

- `paint_share_strip`: one bar per threshold, the share of results below it, with the counts;
- `paint_fatigue_bars`: fatigue on low days against other days, two bars with their counts;
- `paint_periodogram`: power against period (10–40 days), the 1-in-100 false-alarm level
  dashed, the highest peak marked.

Sizes are in points times `pt` (device units per point), so the same code draws a 96-dpi
widget and a 600-dpi PDF page. Colours: Okabe–Ito, and every mark also carries words or a
line style, so nothing rests on colour alone (print is black and white).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen

from leukotrack.domain.patterns import Below, FatigueComparison
from leukotrack.domain.periodicity import LONGEST_PERIOD_DAYS, SHORTEST_PERIOD_DAYS, Periodicity
from leukotrack.domain.units import format_number

# Okabe–Ito: a lightness ramp for the thresholds (as the chart's neutropenia zones)
RAMP = ("#F0E442", "#E69F00", "#D55E00")
LOW = "#0072B2"
OTHER = "#999999"
CURVE = "#009E73"


@dataclass(frozen=True, slots=True)
class Ink:
    """The colours of text, axes and the empty part of a bar (the palette's, on screen)."""

    text: str = "#000000"
    axis: str = "#555555"
    track: str = "#e6e6e6"


def _font(size: float, pt: float, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setStyleHint(QFont.StyleHint.SansSerif)
    f.setPixelSize(max(1, round(size * pt)))
    f.setBold(bold)
    return f


def _text(p: QPainter, rect: QRectF, text: str, align: Qt.AlignmentFlag, colour: str) -> None:
    p.setPen(QColor(colour))
    p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), text)


def paint_share_strip(
    p: QPainter,
    rect: QRectF,
    items: Sequence[Below],
    labels: Sequence[str],
    n: int,
    pt: float,
    ink: Ink = Ink(),
) -> None:
    """One row per threshold: 'below 1.5' | bar filled to the share | '28% (20 of 71)'."""
    if not items:
        return
    p.save()
    try:
        p.setFont(_font(8, pt))
        row = rect.height() / len(items)
        label_w, value_w = 80 * pt, 90 * pt
        bar_w = max(10 * pt, rect.width() - label_w - value_w - 8 * pt)
        for k, (item, label) in enumerate(zip(items, labels, strict=True)):
            y = rect.top() + k * row
            bar_h = min(row * 0.62, 14 * pt)
            bar = QRectF(rect.left() + label_w, y + (row - bar_h) / 2, bar_w, bar_h)
            _text(p, QRectF(rect.left(), y, label_w - 6 * pt, row), label,
                  Qt.AlignmentFlag.AlignRight, ink.text)  # fmt: skip
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(QColor(ink.track)))
            p.drawRect(bar)
            filled = QRectF(bar.left(), bar.top(), bar.width() * min(item.share, 1.0), bar_h)
            p.setBrush(QBrush(QColor(RAMP[min(k, len(RAMP) - 1)])))
            p.drawRect(filled)
            p.setPen(QPen(QColor(ink.axis), 0.6 * pt))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(bar)
            share = f"{format_number(round(100 * item.share))}% ({item.results_below} of {n})"
            _text(p, QRectF(bar.right() + 6 * pt, y, value_w, row), share,
                  Qt.AlignmentFlag.AlignLeft, ink.text)  # fmt: skip
    finally:
        p.restore()


def paint_fatigue_bars(
    p: QPainter, rect: QRectF, f: FatigueComparison, pt: float, ink: Ink = Ink()
) -> None:
    """Two bars on a 0–10 scale: the average fatigue on low days and on other days."""
    if f.mean_low is None or f.mean_other is None:
        return
    p.save()
    try:
        small = _font(8, pt)
        p.setFont(small)
        line = 12 * pt
        plot = QRectF(rect.left() + 18 * pt, rect.top() + 2.2 * line, rect.width() - 24 * pt,
                      rect.height() - 3.6 * line)  # fmt: skip
        p.setPen(QPen(QColor(ink.axis), 0.6 * pt))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        _text(p, QRectF(rect.left(), rect.top(), rect.width(), line),
              "average fatigue (0–10)", Qt.AlignmentFlag.AlignLeft, ink.axis)  # fmt: skip
        for tick in (0, 5, 10):
            y = plot.bottom() - plot.height() * tick / 10
            _text(p, QRectF(rect.left(), y - line / 2, 14 * pt, line), str(tick),
                  Qt.AlignmentFlag.AlignRight, ink.axis)  # fmt: skip
        bars = (
            ("Low days", f.mean_low, f.low_days, LOW, Qt.BrushStyle.SolidPattern),
            ("Other days", f.mean_other, f.other_days, OTHER, Qt.BrushStyle.Dense4Pattern),
        )
        slot = plot.width() / 2
        for k, (name, mean, days, colour, pattern) in enumerate(bars):
            w = min(slot * 0.55, 60 * pt)
            x = plot.left() + slot * k + (slot - w) / 2
            h = plot.height() * mean / 10
            bar = QRectF(x, plot.bottom() - h, w, h)
            p.setPen(QPen(QColor(colour), 0.8 * pt))
            p.setBrush(QBrush(QColor(colour), pattern))
            p.drawRect(bar)
            _text(p, QRectF(x - slot / 4, bar.top() - line, w + slot / 2, line),
                  f"{format_number(round(mean, 1))}", Qt.AlignmentFlag.AlignHCenter, ink.text)  # fmt: skip
            _text(p, QRectF(plot.left() + slot * k, plot.bottom() + 1 * pt, slot, line),
                  f"{name} ({days})", Qt.AlignmentFlag.AlignHCenter, ink.text)  # fmt: skip
    finally:
        p.restore()


def paint_periodogram(
    p: QPainter, rect: QRectF, r: Periodicity, pt: float, ink: Ink = Ink()
) -> None:
    """Power over periods of 10–40 days, the 1-in-100 level dashed, the highest peak marked."""
    if not r.periods:
        return
    p.save()
    try:
        p.setFont(_font(8, pt))
        line = 12 * pt
        plot = QRectF(rect.left() + 26 * pt, rect.top() + line, rect.width() - 32 * pt,
                      rect.height() - 3.2 * line)  # fmt: skip
        top = max(max(r.power), r.power_at_limit or 0.0) * 1.15 or 1.0

        def at(period: float, power: float) -> QPointF:
            x = (period - SHORTEST_PERIOD_DAYS) / (LONGEST_PERIOD_DAYS - SHORTEST_PERIOD_DAYS)
            return QPointF(
                plot.left() + plot.width() * x, plot.bottom() - plot.height() * power / top
            )

        p.setPen(QPen(QColor(ink.axis), 0.6 * pt))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        p.drawLine(plot.bottomLeft(), plot.topLeft())
        for days in (10, 14, 21, 28, 35, 40):
            x = at(days, 0).x()
            p.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 2 * pt))
            _text(p, QRectF(x - 15 * pt, plot.bottom() + 2 * pt, 30 * pt, line), str(days),
                  Qt.AlignmentFlag.AlignHCenter, ink.axis)  # fmt: skip
        _text(p, QRectF(plot.left(), plot.bottom() + line, plot.width(), line),
              "days between one peak and the next", Qt.AlignmentFlag.AlignHCenter, ink.axis)  # fmt: skip
        _text(p, QRectF(rect.left(), plot.top() - line, 120 * pt, line), "strength",
              Qt.AlignmentFlag.AlignLeft, ink.axis)  # fmt: skip
        path = QPainterPath(at(r.periods[0], r.power[0]))
        for period, power in zip(r.periods[1:], r.power[1:], strict=True):
            path.lineTo(at(period, power))
        p.setPen(QPen(QColor(CURVE), 1.2 * pt))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawPath(path)
        if r.power_at_limit is not None:
            y = at(SHORTEST_PERIOD_DAYS, r.power_at_limit).y()
            pen = QPen(QColor(ink.text), 0.8 * pt, Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            _text(p, QRectF(plot.left() + 4 * pt, y - line, plot.width() - 8 * pt, line),
                  "chance 1 in 100", Qt.AlignmentFlag.AlignRight, ink.text)  # fmt: skip
        if r.pattern and r.period_days is not None:
            best = max(range(len(r.power)), key=r.power.__getitem__)
            peak = at(r.periods[best], r.power[best])
            p.setPen(QPen(QColor(ink.text), 0.8 * pt))
            p.setBrush(QBrush(QColor(CURVE)))
            p.drawEllipse(peak, 2.5 * pt, 2.5 * pt)
            label = f"about every {format_number(r.period_days)} days"
            box = QRectF(peak.x() + 5 * pt, peak.y() - line, 110 * pt, line)
            if box.right() > plot.right():
                box.moveRight(peak.x() - 5 * pt)
            _text(p, box, label, Qt.AlignmentFlag.AlignLeft, ink.text)
    finally:
        p.restore()
