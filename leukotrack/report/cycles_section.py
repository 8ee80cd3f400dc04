"""The report's "Treatment cycles" section: an overlay chart by day of cycle and a per-cycle table.

Self-contained: `paint_cycles_section` paints the whole section into the rectangle it is given
and returns the height it used; `cycles_section_height` measures it first (for page breaks).
Everything is vectors and black-and-white safe: cycles are a grey ramp from pale (early) to
black (latest), each named "C1", "C2"… at its end; a ring marks each nadir, a star each G-CSF
day; the team's threshold is dashed, 1.0 and 0.5 are dotted.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPaintDevice,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from leukotrack.report.fonts import report_font

CHART_PTS = 190.0
GREY_FIRST = 175  # the palest grey of the first cycle (0 = black)


@dataclass(frozen=True)
class SectionLine:
    number: int
    days: tuple[int, ...]
    values: tuple[float, ...]
    nadir: tuple[int, float] | None
    gcsf: tuple[tuple[int, float | None], ...]  # (day, y on the line, or None: no line there)


@dataclass(frozen=True)
class CyclesSection:
    analyte_label: str  # "ANC (×10⁹/L)"
    threshold: float
    limits: tuple[float, ...]  # dotted lines (1.0 and 0.5 for ANC)
    lines: tuple[SectionLine, ...]
    longest: int
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    widths: tuple[float, ...]
    sentence: str  # the nadir-window sentence, or what it still needs
    thresholds_text: str  # the team's thresholds used
    note: str = ""  # e.g. which cycles are shown when there are many
    legend: str = field(
        default="Pale lines are earlier cycles, black the latest. ○ lowest result · ★ growth "
        "factor (G-CSF) given (on the axis when no line passes that day) · dashed: the team's "
        "threshold · dotted: 1.0 and 0.5."
    )


def _fonts(device: QPaintDevice) -> tuple[QFont, QFont, QFont]:
    return report_font(9.5), report_font(7.5), report_font(7.5, True)


def _pt(device: QPaintDevice) -> float:
    return device.logicalDpiY() / 72.0


@dataclass
class _Blocks:
    chart_h: float
    legend_h: float
    sentence_h: float
    thresholds_h: float
    note_h: float
    row_h: float
    gap: float

    def total(self, rows: int) -> float:
        return (
            self.chart_h
            + self.legend_h
            + self.sentence_h
            + self.thresholds_h
            + self.note_h
            + self.row_h * (rows + 2)  # the header row is two lines high
            + 5 * self.gap
        )


def _text_h(text: str, font: QFont, width: float, device: QPaintDevice) -> float:
    if not text:
        return 0.0
    flags = int(Qt.TextFlag.TextWordWrap)
    return QFontMetricsF(font, device).boundingRect(QRectF(0, 0, width, 1e7), flags, text).height()


def _blocks(section: CyclesSection, width: float, device: QPaintDevice) -> _Blocks:
    body, small, _bold = _fonts(device)
    pt = _pt(device)
    return _Blocks(
        chart_h=CHART_PTS * pt,
        legend_h=_text_h(section.legend, small, width, device),
        sentence_h=_text_h(section.sentence, body, width, device),
        thresholds_h=_text_h(section.thresholds_text, small, width, device),
        note_h=_text_h(section.note, small, width, device),
        row_h=QFontMetricsF(small, device).height() + 4 * pt,
        gap=4 * pt,
    )


def cycles_section_height(section: CyclesSection, width: float, device: QPaintDevice) -> float:
    return _blocks(section, width, device).total(len(section.rows))


def grey(index: int, count: int) -> QColor:
    """Pale grey for the first cycle to black for the latest."""
    level = 0 if count <= 1 else round(GREY_FIRST * (1 - index / (count - 1)))
    return QColor(level, level, level)


def star(centre: QPointF, radius: float) -> QPolygonF:
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        a = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(centre.x() + r * math.cos(a), centre.y() + r * math.sin(a)))
    return QPolygonF(points)


def paint_cycles_section(painter: QPainter, rect: QRectF, section: CyclesSection) -> float:
    """Paint the section at the top of `rect`; returns the height used."""
    device = painter.device()
    body, small, bold = _fonts(device)
    b = _blocks(section, rect.width(), device)
    pt = _pt(device)
    y = rect.top()
    painter.save()
    try:
        _paint_chart(painter, QRectF(rect.left(), y, rect.width(), b.chart_h), section, small, pt)
        y += b.chart_h + b.gap
        painter.setPen(QColor("#333333"))
        painter.setFont(small)
        flags = int(Qt.TextFlag.TextWordWrap)
        painter.drawText(QRectF(rect.left(), y, rect.width(), b.legend_h), flags, section.legend)
        y += b.legend_h + b.gap
        painter.setPen(QColor("black"))
        painter.setFont(body)
        painter.drawText(
            QRectF(rect.left(), y, rect.width(), b.sentence_h), flags, section.sentence
        )
        y += b.sentence_h + b.gap
        painter.setFont(small)
        painter.drawText(
            QRectF(rect.left(), y, rect.width(), b.thresholds_h), flags, section.thresholds_text
        )
        y += b.thresholds_h + b.gap
        if section.note:
            painter.drawText(QRectF(rect.left(), y, rect.width(), b.note_h), flags, section.note)
            y += b.note_h
        y = _paint_table(painter, rect.left(), y, rect.width(), b.row_h, section, small, bold, pt)
    finally:
        painter.restore()
    return y + b.gap - rect.top()


def _paint_table(
    p: QPainter,
    left: float,
    y: float,
    width: float,
    row_h: float,
    s: CyclesSection,
    small: QFont,
    bold: QFont,
    pt: float,
) -> float:
    total = sum(s.widths)
    xs = [left]
    for w in s.widths:
        xs.append(xs[-1] + width * w / total)
    pad = 2 * pt
    header_h = 2 * row_h - 4 * pt
    p.fillRect(QRectF(left, y, width, header_h), QColor("#e6e6e6"))
    p.setFont(bold)
    p.setPen(QColor("black"))
    for i, cell in enumerate(s.headers):
        cw = xs[i + 1] - xs[i] - 2 * pad
        p.drawText(
            QRectF(xs[i] + pad, y + pad, cw, header_h - pad), int(Qt.TextFlag.TextWordWrap), cell
        )
    y += header_h
    p.setPen(QPen(QColor("black"), 0.6 * pt))
    p.drawLine(QPointF(left, y), QPointF(left + width, y))
    p.setFont(small)
    metrics = QFontMetricsF(small, p.device())
    for n, cells in enumerate(s.rows):
        if n % 2 == 1:
            p.fillRect(QRectF(left, y, width, row_h), QColor("#f4f4f4"))
        p.setPen(QColor("black"))
        for i, cell in enumerate(cells):
            cw = xs[i + 1] - xs[i] - 2 * pad
            shown = metrics.elidedText(cell, Qt.TextElideMode.ElideRight, cw)
            p.drawText(QRectF(xs[i] + pad, y, cw, row_h), int(Qt.AlignmentFlag.AlignVCenter), shown)
        y += row_h
    return y


def _paint_chart(p: QPainter, rect: QRectF, s: CyclesSection, font: QFont, pt: float) -> None:
    metrics = QFontMetricsF(font, p.device())
    left_w = metrics.horizontalAdvance("0000") + 8 * pt
    bottom_h = metrics.height() * 2 + 4 * pt
    plot = QRectF(
        rect.left() + left_w,
        rect.top() + 4 * pt,
        rect.width() - left_w - 28 * pt,
        rect.height() - bottom_h - 4 * pt,
    )
    values = [v for line in s.lines for v in line.values]
    top = max([*values, s.threshold * 1.3, 0.1]) * 1.08
    last_day = max(s.longest, 2) + 1

    def at(day: float, value: float) -> QPointF:
        x = plot.left() + (day - 1) / (last_day - 1) * plot.width()
        return QPointF(x, plot.bottom() - value / top * plot.height())

    p.setFont(font)
    axis = QPen(QColor("black"), 0.6 * pt)
    p.setPen(axis)
    p.drawRect(plot)
    step = _nice_step(top / 5)
    value = 0.0
    while value <= top:
        pos = at(1, value)
        p.drawLine(QPointF(plot.left() - 3 * pt, pos.y()), QPointF(plot.left(), pos.y()))
        label = f"{value:g}"
        p.drawText(
            QRectF(rect.left(), pos.y() - metrics.height() / 2, left_w - 5 * pt, metrics.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            label,
        )
        value = round(value + step, 6)
    day_step = 1 if last_day <= 15 else (2 if last_day <= 30 else 7)
    for day in range(1, last_day + 1, day_step):
        pos = at(day, 0)
        p.drawLine(QPointF(pos.x(), plot.bottom()), QPointF(pos.x(), plot.bottom() + 3 * pt))
        p.drawText(
            QRectF(pos.x() - 20 * pt, plot.bottom() + 3 * pt, 40 * pt, metrics.height()),
            int(Qt.AlignmentFlag.AlignHCenter),
            str(day),
        )
    p.drawText(
        QRectF(
            plot.left(), plot.bottom() + 3 * pt + metrics.height(), plot.width(), metrics.height()
        ),
        int(Qt.AlignmentFlag.AlignHCenter),
        f"Day of cycle · {s.analyte_label}",
    )
    limits = [(s.threshold, Qt.PenStyle.DashLine, f"team {s.threshold:g}")]
    limits += [(v, Qt.PenStyle.DotLine, f"{v:g}") for v in s.limits]
    for value, style, text in limits:
        if value > top:
            continue
        y = at(1, value).y()
        p.setPen(QPen(QColor("black"), 0.8 * pt, style))
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(QColor("black"))
        p.drawText(QPointF(plot.right() + 2 * pt, y + metrics.ascent() / 2), text)
    p.save()
    p.setClipRect(plot.adjusted(-6 * pt, -6 * pt, 6 * pt, 6 * pt))
    n = len(s.lines)
    taken: list[QRectF] = []
    for i, line in enumerate(s.lines):
        colour = grey(i, n)
        if line.days:
            path = QPainterPath(at(line.days[0], line.values[0]))
            for d, v in zip(line.days[1:], line.values[1:], strict=True):
                path.lineTo(at(d, v))
            p.setPen(QPen(colour, 1.2 * pt))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            p.setBrush(QBrush(colour))
            for d, v in zip(line.days, line.values, strict=True):
                p.drawEllipse(at(d, v), 1.3 * pt, 1.3 * pt)
        if line.nadir is not None:
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(QPen(colour, 0.9 * pt))
            p.drawEllipse(at(*line.nadir), 3.5 * pt, 3.5 * pt)
        for d, on_line in line.gcsf:
            p.setPen(QPen(QColor("black"), 0.4 * pt))
            p.setBrush(QBrush(colour))
            p.drawPolygon(star(at(d, on_line if on_line is not None else 0.0), 4 * pt))
    for i, line in reversed(list(enumerate(s.lines))):  # latest first: they keep their labels
        if not line.days:
            continue
        end = at(line.days[-1], line.values[-1])
        text = f"C{line.number}"
        box = QRectF(
            end.x() + 3 * pt,
            end.y() - metrics.height() / 2,
            metrics.horizontalAdvance(text),
            metrics.height(),
        )
        if any(box.intersects(r) for r in taken) and line.nadir is not None:
            low = at(*line.nadir)
            box = QRectF(low.x() + 2 * pt, low.y() + 4 * pt, box.width(), box.height())
        if any(box.intersects(r) for r in taken):
            continue
        taken.append(box)
        p.setPen(grey(i, n).darker(130) if i < n - 1 else QColor("black"))
        p.drawText(box, int(Qt.AlignmentFlag.AlignVCenter), text)
    p.restore()


def _nice_step(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1.0
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * power:
            return m * power
    return 10 * power
