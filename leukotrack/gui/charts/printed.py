"""The report's chart: painted with QPainter as vectors, readable in black and white.

No pyqtgraph and no window: the report calls `render_chart` with its own painter (a QPdfWriter,
a printer or a QImage). Lines differ by style and symbol, zones by hatching and by a word, bars
by outline and weight, so a grey-scale print keeps every distinction.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen

from leukotrack.gui.charts import style
from leukotrack.gui.charts.chart_data import (
    DAY,
    DEFAULT_ANALYTES,
    LAB_RANGE_LEGEND,
    Band,
    ChartData,
    Series,
    Span,
    band_legend,
    build_chart_data,
    day_start,
    fever_legend,
)
from leukotrack.gui.charts.ticks import date_ticks, value_ticks
from leukotrack.report.drawing import star
from leukotrack.services.timeline import Timeline

ZONE_PATTERNS = {
    "mild": Qt.BrushStyle.Dense6Pattern,
    "moderate": Qt.BrushStyle.BDiagPattern,
    "severe": Qt.BrushStyle.DiagCrossPattern,
}
INK = QColor("#000000")


class _Frame:
    """Maps data (x seconds, y value) into a device rectangle."""

    def __init__(self, rect: QRectF, x0: float, x1: float, y0: float, y1: float) -> None:
        self.rect, self.x0, self.x1, self.y0, self.y1 = rect, x0, x1, y0, y1

    def px(self, x: float) -> float:
        return self.rect.left() + (x - self.x0) / (self.x1 - self.x0) * self.rect.width()

    def py(self, y: float) -> float:
        return self.rect.bottom() - (y - self.y0) / (self.y1 - self.y0) * self.rect.height()

    def band(self, b: Band) -> QRectF:
        left, right = max(self.px(b.x0), self.rect.left()), min(self.px(b.x1), self.rect.right())
        top = max(self.py(b.high), self.rect.top())
        bottom = min(self.py(b.low), self.rect.bottom())
        return QRectF(QPointF(left, top), QPointF(right, bottom))


def render_chart(
    painter: QPainter,
    rect: QRectF,
    timeline: Timeline,
    start: date | None = None,
    end: date | None = None,
) -> None:
    """Paint WBC and ANC with bands and zones, medicines, infections, fevers and fatigue."""
    data = build_chart_data(timeline, DEFAULT_ANALYTES)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(rect)
        _Printer(painter, rect, data, start, end).paint()
    finally:
        painter.restore()


class _Printer:
    def __init__(
        self,
        painter: QPainter,
        rect: QRectF,
        data: ChartData,
        start: date | None,
        end: date | None,
    ) -> None:
        self.p = painter
        self.rect = rect
        self.d = data
        dpi = painter.device().logicalDpiY() if painter.device() is not None else 96
        self.pt = dpi / 72.0  # one typographic point in device units
        span = data.x_max - data.x_min
        pad = max(2 * DAY, 0.02 * span)
        self.x0 = day_start(start) if start else data.x_min - pad
        self.x1 = day_start(end + timedelta(days=1)) if end else data.x_max + pad
        if self.x1 - self.x0 < 14 * DAY:
            mid = (self.x0 + self.x1) / 2
            self.x0, self.x1 = mid - 7 * DAY, mid + 7 * DAY
        self.font = QFont("Sans Serif")
        self.font.setPointSizeF(7.5)
        self.small = QFont(self.font)
        self.small.setPointSizeF(6.5)
        self.bold = QFont(self.font)
        self.bold.setBold(True)

    def pen(self, width_pt: float, colour: QColor | str = INK, line=Qt.PenStyle.SolidLine) -> QPen:
        pen = QPen(QColor(colour), width_pt * self.pt, line)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def text_height(self, font: QFont) -> float:
        return QFontMetricsF(font, self.p.device()).height()

    # ------------------------------------------------------------------ layout

    def paint(self) -> None:
        p = self.p
        p.setFont(self.font)
        if not self.d.has_draws:
            p.setPen(self.pen(0.5))
            p.drawRect(self.rect)
            p.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, "No blood results in this period.")
            return
        line = self.text_height(self.font)
        axis_w = QFontMetricsF(self.font, p.device()).horizontalAdvance("Infection  ") + 4 * self.pt
        left = self.rect.left() + axis_w
        right = self.rect.right() - 2 * self.pt
        top = self.rect.top()
        legend_h = self._legend(QRectF(left, top, right - left, 3 * line)) + 0.4 * line
        top += legend_h
        lanes = self.d.medicine_lanes + 1 + (1 if self.d.fevers else 0)
        lane_h = line * 1.25
        events = QRectF(left, top, right - left, lanes * lane_h)
        top = events.bottom() + 0.4 * line
        bottom_axis = line * 1.4
        remaining = self.rect.bottom() - top - bottom_axis
        fatigue_h = remaining * 0.18 if len(self.d.fatigue_x) else 0.0
        counts = QRectF(left, top, right - left, remaining - fatigue_h - (line if fatigue_h else 0))
        fatigue = QRectF(left, counts.bottom() + line, right - left, fatigue_h)
        self._date_grid(
            QRectF(
                left,
                events.top(),
                right - left,
                (fatigue if fatigue_h else counts).bottom() - events.top(),
            )
        )
        self._events(events, lane_h)
        self._counts(counts)
        if fatigue_h:
            self._fatigue(fatigue)

    def _legend(self, area: QRectF) -> float:
        p = self.p
        p.setFont(self.small)
        fm = QFontMetricsF(self.small, p.device())
        h = fm.height()
        sw = 14 * self.pt
        entries: list[tuple[Callable[[QRectF], None], str]] = []
        for key in DEFAULT_ANALYTES:
            if key in self.d.series:
                s = self.d.series[key]
                entries.append((lambda r, s=s: self._line_sample(r, s, False), s.label))
                if s.calculated.any():
                    entries.append(
                        (lambda r, s=s: self._line_sample(r, s, True), f"{s.label} calculated")
                    )
                entries.append(
                    (
                        lambda r, s=s: self._fill_sample(r, self._band_brush(s.key)),
                        band_legend(s.label),
                    )
                )
        if any(s.lab_steps for s in self.d.series.values()):
            entries.append((lambda r: self._outline_sample(r), LAB_RANGE_LEGEND))
        if "anc" in self.d.series:
            for z in self.d.zones:
                entries.append((lambda r, n=z.name: self._zone_sample(r, n), z.label))
        if any(m.emphasised for m in self.d.medicines):
            entries.append(
                (
                    lambda r: self._fill_sample(r, QBrush(QColor("#333333"))),
                    "medicine known to lower white cells",
                )
            )
        if self.d.infections:
            entries.append(
                (
                    lambda r: self._fill_sample(r, QBrush(INK, Qt.BrushStyle.BDiagPattern)),
                    "infection",
                )
            )
        if self.d.gcsf:
            entries.append(
                (
                    lambda r: self._star(r.center(), r.height() * 0.6),
                    "growth factor (G-CSF) given",
                )
            )
        if self.d.fevers:
            entries.append(
                (
                    lambda r: self._triangle(
                        QPointF(r.center().x(), r.center().y()), r.height() * 0.5
                    ),
                    fever_legend(self.d.fever_c),
                )
            )
        x, y = area.left(), area.top()
        for draw, label in entries:
            w = sw + 3 * self.pt + fm.horizontalAdvance(label) + 10 * self.pt
            if x + w > area.right() and x > area.left():
                x, y = area.left(), y + h * 1.15
            sample = QRectF(x, y + h * 0.15, sw, h * 0.7)
            draw(sample)
            p.setPen(self.pen(0.5))
            p.setFont(self.small)
            p.drawText(QPointF(x + sw + 3 * self.pt, y + fm.ascent()), label)
            x += w
        p.setFont(self.font)
        return y + h * 1.15 - area.top()

    # ------------------------------------------------------------------ pieces

    def _band_brush(self, key: str) -> QBrush:
        c = QColor(style.SERIES[key].colour)
        c.setAlpha(45)
        return QBrush(c)

    def _zone_brushes(self, name: str) -> tuple[QBrush, QBrush]:
        tint = QColor(style.ZONES[name])
        tint.setAlpha(90)
        hatch = QBrush(QColor("#555555"), ZONE_PATTERNS[name])
        hatch.setTransform(hatch.transform().scale(self.pt * 0.8, self.pt * 0.8))
        return QBrush(tint), hatch

    def _fill_sample(self, r: QRectF, brush: QBrush) -> None:
        self.p.setPen(self.pen(0.4))
        self.p.setBrush(brush)
        self.p.drawRect(r)

    def _outline_sample(self, r: QRectF) -> None:
        self.p.setPen(self.pen(0.8, INK, Qt.PenStyle.DotLine))
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRect(r)

    def _zone_sample(self, r: QRectF, name: str) -> None:
        tint, hatch = self._zone_brushes(name)
        self._fill_sample(r, tint)
        self.p.setBrush(hatch)
        self.p.drawRect(r)

    def _line_sample(self, r: QRectF, s: Series, hollow: bool) -> None:
        st = style.SERIES[s.key]
        self.p.setPen(self.pen(1.0, st.colour, st.line))
        self.p.drawLine(QPointF(r.left(), r.center().y()), QPointF(r.right(), r.center().y()))
        self._symbol(r.center(), st.symbol, st.colour, hollow)

    def _symbol(self, c: QPointF, symbol: str, colour: str, hollow: bool) -> None:
        size = 2.2 * self.pt
        self.p.setPen(self.pen(0.7, colour))
        self.p.setBrush(QBrush(QColor("white")) if hollow else QBrush(QColor(colour)))
        if symbol == "s":
            self.p.drawRect(QRectF(c.x() - size, c.y() - size, 2 * size, 2 * size))
        elif symbol == "t":
            self._triangle(c, size * 1.2, colour, hollow)
        else:
            self.p.drawEllipse(c, size, size)

    def _triangle(
        self, c: QPointF, size: float, colour: str = style.FEVER, hollow: bool = False
    ) -> None:
        path = QPainterPath()
        path.moveTo(c.x(), c.y() - size)
        path.lineTo(c.x() + size, c.y() + size * 0.8)
        path.lineTo(c.x() - size, c.y() + size * 0.8)
        path.closeSubpath()
        self.p.setPen(self.pen(0.6))
        self.p.setBrush(QBrush(QColor("white")) if hollow else QBrush(QColor(colour)))
        self.p.drawPath(path)

    def _date_grid(self, area: QRectF) -> None:
        p = self.p
        f = _Frame(area, self.x0, self.x1, 0, 1)
        ticks = date_ticks(self.x0, self.x1, max_ticks=max(3, int(area.width() / (60 * self.pt))))
        fm = QFontMetricsF(self.small, p.device())
        p.setFont(self.small)
        for x, label in ticks:
            px = f.px(x)
            p.setPen(self.pen(0.3, "#BBBBBB"))
            p.drawLine(QPointF(px, area.top()), QPointF(px, area.bottom()))
            p.setPen(self.pen(0.5))
            p.drawLine(QPointF(px, area.bottom()), QPointF(px, area.bottom() + 2 * self.pt))
            w = fm.horizontalAdvance(label)
            p.drawText(QPointF(px - w / 2, area.bottom() + 2 * self.pt + fm.ascent()), label)
        p.setFont(self.font)

    def _events(self, area: QRectF, lane_h: float) -> None:
        p = self.p
        lanes = self.d.medicine_lanes
        fever_y = -1.0  # fevers in a lane of their own, under the infections
        f = _Frame(area, self.x0, self.x1, (fever_y if self.d.fevers else 0.0) - 0.5, lanes + 0.5)
        p.setFont(self.small)
        fm = QFontMetricsF(self.small, p.device())
        label_x = self.rect.left()
        p.setPen(self.pen(0.5))
        if lanes:
            p.drawText(QPointF(label_x, f.py(lanes) + fm.ascent() / 2), "Medicines")
        p.drawText(QPointF(label_x, f.py(0) + fm.ascent() / 2), "Infection")
        if self.d.fevers:
            p.drawText(QPointF(label_x, f.py(fever_y) + fm.ascent() / 2), "Fever")
        self._taken = [self._bar_rect(f, s, lanes - s.lane, lane_h) for s in self.d.medicines]
        self._taken += [self._bar_rect(f, s, 0, lane_h) for s in self.d.infections]
        for s in self.d.medicines:
            self._span(f, s, lanes - s.lane, lane_h, fm, medicine=True)
        for s in self.d.infections:
            self._span(f, s, 0, lane_h, fm, medicine=False)
        for m in self.d.fevers:
            x = f.px(m.x)
            if area.left() <= x <= area.right():
                self._triangle(QPointF(x, f.py(fever_y)), lane_h * 0.3)
        for gx, lane, _hover in self.d.gcsf:  # growth-factor days, on their medicine's bar
            x = f.px(gx)
            if area.left() <= x <= area.right():
                self._star(QPointF(x, f.py(lanes - lane)), lane_h * 0.42)
        p.setFont(self.font)

    def _star(self, c: QPointF, size: float) -> None:
        self.p.setPen(self.pen(0.5))
        self.p.setBrush(QBrush(QColor("white")))
        self.p.drawPolygon(star(c, size))

    def _bar_rect(self, f: _Frame, s: Span, y: float, lane_h: float) -> QRectF:
        left, right = max(f.px(s.x0), f.rect.left()), min(f.px(s.x1), f.rect.right())
        return QRectF(left, f.py(y) - lane_h * 0.38, max(0.0, right - left), lane_h * 0.76)

    def _span(
        self, f: _Frame, s: Span, y: float, lane_h: float, fm: QFontMetricsF, medicine: bool
    ) -> None:
        p = self.p
        left, right = max(f.px(s.x0), f.rect.left()), min(f.px(s.x1), f.rect.right())
        if right <= left:
            return
        r = QRectF(left, f.py(y) - lane_h * 0.38, right - left, lane_h * 0.76)
        if medicine and s.emphasised:
            p.setPen(self.pen(0.6))
            p.setBrush(QBrush(QColor("#333333")))
            text_pen = QPen(QColor("white"))
        elif medicine:
            p.setPen(self.pen(0.6))
            p.setBrush(QBrush(QColor("white")))
            text_pen = QPen(INK)
        else:
            p.setPen(self.pen(0.6))
            p.setBrush(QBrush(INK, Qt.BrushStyle.BDiagPattern))
            text_pen = QPen(INK)
        p.drawRect(r)
        label = s.label + (" →" if s.ongoing and s.x1 >= f.x1 else "")
        p.setFont(self.bold if (medicine and s.emphasised) else self.small)
        metrics = QFontMetricsF(p.font(), p.device())
        base = r.center().y() + metrics.ascent() / 2 - metrics.descent() / 2
        fits = metrics.horizontalAdvance(label) <= r.width() - 4 * self.pt
        if not (fits and medicine) and self._label_beside(f, r, label, metrics, base):
            return
        if medicine and r.width() > 16 * self.pt:
            shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, r.width() - 4 * self.pt)
            p.setPen(text_pen)
            p.drawText(QPointF(r.left() + 2 * self.pt, base), shown)

    def _label_beside(
        self, f: _Frame, r: QRectF, label: str, metrics: QFontMetricsF, base: float
    ) -> bool:
        """Write `label` right of a bar on a white ground, if nothing is in the way there."""
        p = self.p
        tx = r.right() + 2 * self.pt
        w = metrics.horizontalAdvance(label)
        box = QRectF(tx, r.top(), w, r.height())
        if tx + w > f.rect.right() or any(box.intersects(t) for t in self._taken):
            return False
        self._taken.append(box)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QBrush(QColor("white")))
        p.drawRect(QRectF(tx, base - metrics.ascent(), w, metrics.height()))
        p.setPen(QPen(INK))
        p.drawText(QPointF(tx, base), label)
        return True

    def _counts(self, area: QRectF) -> None:
        p = self.p
        series = [self.d.series[k] for k in DEFAULT_ANALYTES if k in self.d.series]
        highs = [float(s.y[(s.x >= self.x0) & (s.x <= self.x1)].max(initial=0.0)) for s in series]
        lows = [s.normal[-1].low for s in series if s.normal]
        top = max(max(highs, default=1.0) * 1.12, max(lows, default=0.0) * 1.25, 1.0)
        f = _Frame(area, self.x0, self.x1, 0.0, top)
        p.save()
        p.setClipRect(area)
        for s in series:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(self._band_brush(s.key))
            for b in s.normal:
                p.drawRect(f.band(b))
        if "anc" in self.d.series:
            for z in self.d.zones:
                tint, hatch = self._zone_brushes(z.name)
                for b in z.bands:
                    r = f.band(b)
                    p.setPen(Qt.PenStyle.NoPen)
                    p.setBrush(tint)
                    p.drawRect(r)
                    p.setBrush(hatch)
                    p.drawRect(r)
        for s in series:
            st = style.SERIES[s.key]
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.setPen(self.pen(1.3 if s.lab_latest else 0.8, st.colour, Qt.PenStyle.DotLine))
            for b in s.lab_steps:
                p.drawRect(f.band(b))
        for s in series:
            st = style.SERIES[s.key]
            path = QPainterPath()
            for i, (x, y) in enumerate(zip(s.x, s.y, strict=True)):
                pt = QPointF(f.px(float(x)), f.py(float(y)))
                path.moveTo(pt) if i == 0 else path.lineTo(pt)
            p.setPen(self.pen(1.1, st.colour, st.line))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawPath(path)
            for x, y, calc in zip(s.x, s.y, s.calculated, strict=True):
                if self.x0 <= x <= self.x1:
                    self._symbol(
                        QPointF(f.px(float(x)), f.py(float(y))), st.symbol, st.colour, bool(calc)
                    )
        self._zone_words(f)
        p.restore()
        p.setPen(self.pen(0.6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(area)
        self._value_axis(f, "×10⁹/L" if "10" in self.d.count_unit else self.d.count_unit)

    def _zone_words(self, f: _Frame) -> None:
        if "anc" not in self.d.series:
            return
        p = self.p
        p.setFont(self.small)
        fm = QFontMetricsF(self.small, p.device())
        for z in self.d.zones:
            if not z.bands:
                continue
            b = z.bands[-1]
            r = f.band(b)
            if r.height() < fm.height() * 0.8:
                continue
            word = z.name
            w = fm.horizontalAdvance(word) + 4 * self.pt
            box = QRectF(
                r.right() - w - 2 * self.pt, r.center().y() - fm.height() / 2, w, fm.height()
            )
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QBrush(QColor("white")))
            p.drawRect(box)
            p.setPen(self.pen(0.5))
            p.drawText(box, Qt.AlignmentFlag.AlignCenter, word)
        p.setFont(self.font)

    def _value_axis(self, f: _Frame, unit: str) -> None:
        p = self.p
        p.setFont(self.small)
        fm = QFontMetricsF(self.small, p.device())
        for v, label in value_ticks(
            f.y0, f.y1, max_ticks=max(3, int(f.rect.height() / (28 * self.pt)))
        ):
            y = f.py(v)
            p.setPen(self.pen(0.5))
            p.drawLine(QPointF(f.rect.left() - 2 * self.pt, y), QPointF(f.rect.left(), y))
            w = fm.horizontalAdvance(label)
            p.drawText(QPointF(f.rect.left() - 3 * self.pt - w, y + fm.ascent() / 2 - 1), label)
        p.save()
        p.translate(self.rect.left() + fm.ascent(), f.rect.center().y())
        p.rotate(-90)
        title = f"count ({unit})"
        p.drawText(QPointF(-fm.horizontalAdvance(title) / 2, 0), title)
        p.restore()
        p.setFont(self.font)

    def _fatigue(self, area: QRectF) -> None:
        p = self.p
        f = _Frame(area, self.x0, self.x1, 0.0, 10.0)
        p.save()
        p.setClipRect(area)
        p.setPen(self.pen(0.3, "#333333"))
        p.setBrush(QBrush(QColor("#BBBBBB")))
        half = 3 * DAY
        for x, y in zip(self.d.fatigue_x, self.d.fatigue_y, strict=True):
            if self.x0 - half <= x <= self.x1 + half:
                left, right = f.px(float(x) - half), f.px(float(x) + half)
                p.drawRect(QRectF(QPointF(left, f.py(float(y))), QPointF(right, f.py(0.0))))
        p.restore()
        p.setPen(self.pen(0.6))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawRect(area)
        p.setFont(self.small)
        fm = QFontMetricsF(self.small, p.device())
        for v in (0, 5, 10):
            y = f.py(v)
            p.drawLine(QPointF(area.left() - 2 * self.pt, y), QPointF(area.left(), y))
            label = str(v)
            p.drawText(
                QPointF(
                    area.left() - 3 * self.pt - fm.horizontalAdvance(label), y + fm.ascent() / 2 - 1
                ),
                label,
            )
        p.drawText(
            QPointF(area.left(), area.top() - 1.5 * self.pt), "Fatigue (weekly average, 0–10)"
        )
        p.setFont(self.font)
