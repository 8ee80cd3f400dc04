"""Fatigue as a small weekly bar chart (0–10), drawn in grey and black so it prints in any ink."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

MAX_SCORE = 10


def paint_weekly_fatigue(
    p: QPainter, rect: QRectF, weeks: list[tuple[date, float, int]], font: QFont, pt: float
) -> None:
    """Bars of each week's average score; the axis labels the first week of each year."""
    if not weeks:
        return
    p.setFont(font)
    label_w = p.fontMetrics().horizontalAdvance("10") + 4 * pt
    label_h = p.fontMetrics().height()
    plot = QRectF(
        rect.left() + label_w,
        rect.top() + label_h / 2 + 2 * pt,
        rect.width() - label_w,
        rect.height() - 1.5 * label_h - 4 * pt,
    )
    grid = QPen(QColor("#bbbbbb"), 0.4 * pt)
    p.setPen(grid)
    for score in (0, 5, 10):
        y = plot.bottom() - plot.height() * score / MAX_SCORE
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        p.setPen(QColor("black"))
        p.drawText(
            QRectF(rect.left(), y - label_h / 2, label_w - 2 * pt, label_h),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(score),
        )
        p.setPen(grid)
    first, last = weeks[0][0], weeks[-1][0]
    span = max(1, (last - first).days // 7 + 1)
    slot = plot.width() / span
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor("#555555"))
    for week, avg, _n in weeks:
        x = plot.left() + slot * ((week - first).days // 7)
        h = plot.height() * avg / MAX_SCORE
        p.drawRect(QRectF(x + slot * 0.12, plot.bottom() - h, max(slot * 0.76, 0.5 * pt), h))
    p.setPen(QColor("black"))
    by_month = span <= 40  # a short period labels each month, a long one each year
    shown = ""
    right_edge = plot.left() - 1.0
    for week, _avg, _n in weeks:
        key = week.strftime("%Y-%m") if by_month else str(week.year)
        if key == shown:
            continue
        shown = key
        label = week.strftime("%b %Y") if by_month or shown == str(first.year) else str(week.year)
        x = plot.left() + slot * ((week - first).days // 7)
        if x < right_edge:  # would overlap the label before it
            continue
        p.drawText(
            QRectF(x, plot.bottom() + 2 * pt, 60 * pt, label_h),
            int(Qt.AlignmentFlag.AlignLeft),
            label,
        )
        right_edge = x + p.fontMetrics().horizontalAdvance(label) + 6 * pt
