"""The report's "Your numbers" block: a self-contained painter (QtGui only).

`paint_your_numbers(painter, rect, numbers)` paints the block into `rect` and returns the
height it used; `your_numbers_height(device, width, numbers)` measures it without painting (for
a layout that breaks pages first). The block shows the baseline, the share of results below
each threshold (in words and as a strip), and whichever of fatigue, infections and rhythm have
enough data; a part without enough data is left out, not printed empty. It ends with
CLINICAL.md's closing line.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter

from leukotrack.domain.dates import long_date
from leukotrack.domain.pattern_text import (
    CLOSING,
    HEADINGS,
    baseline_text,
    findings,
    limit,
)
from leukotrack.domain.patterns import Patterns
from leukotrack.report.content import YourNumbers
from leukotrack.report.drawing import report_font
from leukotrack.report.pattern_charts import paint_share_strip

STRIP_ROW_PTS = 15.0


def threshold_labels(numbers: YourNumbers) -> list[str]:
    return [
        f"below {'lower limit ' if b.lower_limit else ''}{limit(b.threshold, numbers.unit)}"
        for b in numbers.patterns.below
    ]


def title(p: Patterns) -> str:
    return f"Your numbers: {HEADINGS[p.analyte]}, {long_date(p.start)} to {long_date(p.end)}"


def _run(
    painter: QPainter | None, device: QPaintDevice, rect: QRectF, numbers: YourNumbers
) -> float:
    pt = device.logicalDpiY() / 72.0
    y = rect.top()
    flags = int(Qt.TextFlag.TextWordWrap)

    def text(s: str, font: QFont, colour: str = "#000000", indent: float = 0.0) -> None:
        nonlocal y
        box = QRectF(rect.left() + indent, y, rect.width() - indent, 1e7)
        h = QFontMetricsF(font, device).boundingRect(box, flags, s).height()
        if painter is not None:
            painter.setFont(font)
            painter.setPen(QColor(colour))
            painter.drawText(QRectF(box.left(), y, box.width(), h), flags, s)
        y += h

    def chart(height: float, paint: Callable[[QPainter, QRectF], None]) -> None:
        nonlocal y
        if painter is not None:
            paint(painter, QRectF(rect.left(), y, rect.width(), height))
        y += height

    p = numbers.patterns
    body = report_font(9.5)
    text(title(p), report_font(11, bold=True))
    y += 3 * pt
    base = baseline_text(p.baseline, p.analyte, numbers.unit)
    if base is not None:
        text(base, body)
        y += 3 * pt
    if p.below:
        strip_h = STRIP_ROW_PTS * pt * len(p.below)
        labels = threshold_labels(numbers)
        chart(strip_h, lambda q, r: paint_share_strip(q, r, p.below, labels, p.baseline.n, pt))
        y += 3 * pt
    for s in findings(p, numbers.unit):
        text(f"• {s}", body, indent=4 * pt)
        y += 1.5 * pt
    y += 2 * pt
    text(CLOSING, report_font(8.5, italic=True), "#333333")
    return y - rect.top()


def paint_your_numbers(painter: QPainter, rect: QRectF, numbers: YourNumbers) -> float:
    """Paint the block at the top of `rect`; returns the height used (device units)."""
    painter.save()
    try:
        return _run(painter, painter.device(), rect, numbers)
    finally:
        painter.restore()


def your_numbers_height(device: QPaintDevice, width: float, numbers: YourNumbers) -> float:
    """The height `paint_your_numbers` will use at this width on this device."""
    return _run(None, device, QRectF(0, 0, width, 0), numbers)
