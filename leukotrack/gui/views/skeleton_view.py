"""What the chart's place shows until the chart is drawn: its outline, never a blank area."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget


class ChartSkeleton(QWidget):
    """A light outline of the chart (controls, the plot frame, a few grid lines) and a note."""

    TEXT = "Drawing the trend chart…"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartSkeleton")
        self.setAccessibleName(self.TEXT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            text = self.palette().windowText().color()
            faint = QColor(text)
            faint.setAlphaF(0.12)
            line = QColor(text)
            line.setAlphaF(0.25)
            h = self.fontMetrics().height()
            r = self.rect().adjusted(4, 4, -4, -4)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(faint)
            x = r.left()
            for width in (7, 7, 5):  # the range buttons
                painter.drawRoundedRect(QRectF(x, r.top(), width * h, h * 1.4), 4, 4)
                x += width * h + h // 2
            plot = QRectF(r.left() + 3 * h, r.top() + 3 * h, r.width() - 3 * h, r.height() - 5 * h)
            painter.setPen(line)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(plot)
            for i in range(1, 4):
                y = plot.top() + plot.height() * i / 4
                painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(text)
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.TEXT)
        finally:
            painter.end()
