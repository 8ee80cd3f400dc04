"""What the report's painters share: its font, and the shapes its marks are drawn with."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF
from PySide6.QtGui import QFont, QPolygonF


def report_font(size: float, bold: bool = False, italic: bool = False) -> QFont:
    """The one typeface of every printed document, DejaVu Sans at `size` points."""
    f = QFont("DejaVu Sans")
    f.setStyleHint(QFont.StyleHint.SansSerif)
    f.setPointSizeF(size)
    f.setBold(bold)
    f.setItalic(italic)
    # No ligatures: "ﬂags" would not be found when someone searches the PDF for "flags".
    for tag in ("liga", "clig", "dlig"):
        f.setFeature(QFont.Tag(tag), 0)
    return f


def star(centre: QPointF, radius: float) -> QPolygonF:
    """A five-pointed star: the growth-factor (G-CSF) mark on every chart."""
    points = []
    for i in range(10):
        r = radius if i % 2 == 0 else radius * 0.45
        a = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(centre.x() + r * math.cos(a), centre.y() + r * math.sin(a)))
    return QPolygonF(points)
