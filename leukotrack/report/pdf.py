"""Lay out the hematologist report on a QPdfWriter: real text, vector chart, page numbers.

The layout runs twice: a first pass measures every block and breaks pages (so the footer can say
"page 2 of 3"), the second paints. A failed report never leaves a file at the target path: it is
written to a temporary file beside it and renamed when complete.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from leukotrack import APP_NAME, __version__
from leukotrack.domain.dates import long_date
from leukotrack.report.content import ReportContent, Table, YourNumbers
from leukotrack.report.your_numbers import paint_your_numbers, your_numbers_height

ChartPainter = Callable[[QPainter, QRectF], None]
"""Paints the trend chart into the rectangle it is given (injected by the caller)."""

RESOLUTION = 600  # device units per inch; fonts are set in points and scale with it
SEVERITY_WORD = {"emergency": "EMERGENCY", "danger": "DANGER", "caution": "CAUTION", "info": "NOTE"}
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}

Op = Callable[[QPainter], None]


@dataclass
class _Fonts:
    body: QFont
    small: QFont
    bold: QFont
    h1: QFont
    h2: QFont


def _fonts() -> _Fonts:
    def font(size: float, bold: bool = False) -> QFont:
        f = QFont("DejaVu Sans")
        f.setStyleHint(QFont.StyleHint.SansSerif)
        f.setPointSizeF(size)
        f.setBold(bold)
        # No ligatures: "ﬂags" would not be found when someone searches the PDF for "flags".
        for tag in ("liga", "clig", "dlig"):
            f.setFeature(QFont.Tag(tag), 0)
        return f

    return _Fonts(font(9.5), font(8), font(9.5, True), font(16, True), font(12, True))


class _Layout:
    """Places blocks top to bottom, starting a new page when one does not fit."""

    def __init__(self, device: QPagedPaintDevice, content: ReportContent) -> None:
        self.writer = device
        self.content = content
        self.fonts = _fonts()
        resolution = device.logicalDpiY()
        full = device.pageLayout().paintRectPixels(resolution)
        self.width = float(full.width())
        self.height = float(full.height())
        self.pt = resolution / 72.0
        self.header_h = 16 * self.pt
        self.footer_h = 26 * self.pt
        self.top = self.header_h
        self.bottom = self.height - self.footer_h
        self.pages: list[list[Op]] = [[]]
        self.y = self.top

    # -- measuring ------------------------------------------------------------------------
    def _metrics(self, font: QFont) -> QFontMetricsF:
        return QFontMetricsF(font, self.writer)

    def text_height(self, text: str, font: QFont, width: float) -> float:
        flags = int(Qt.TextFlag.TextWordWrap)
        rect = self._metrics(font).boundingRect(QRectF(0, 0, width, 1e7), flags, text)
        return rect.height()

    def need(self, h: float) -> None:
        if self.y + h > self.bottom and self.y > self.top:
            self.pages.append([])
            self.y = self.top

    def add(self, op: Op) -> None:
        self.pages[-1].append(op)

    # -- blocks ---------------------------------------------------------------------------
    def gap(self, pts: float) -> None:
        self.y += pts * self.pt

    def paragraph(
        self, text: str, font: QFont | None = None, color: QColor | None = None, indent: float = 0
    ) -> None:
        font = font or self.fonts.body
        width = self.width - indent
        h = self.text_height(text, font, width)
        self.need(h)
        rect = QRectF(indent, self.y, width, h)

        def op(p: QPainter, rect: QRectF = rect, font: QFont = font) -> None:
            p.setFont(font)
            p.setPen(color or QColor("black"))
            p.drawText(rect, int(Qt.TextFlag.TextWordWrap), text)

        self.add(op)
        self.y += h

    def heading(self, text: str, keep: float = 0.0) -> None:
        """A section heading, kept on one page with the first `keep` units of what follows."""
        self.gap(8)
        self.need(self.text_height(text, self.fonts.h2, self.width) + max(keep, 40 * self.pt))
        self.paragraph(text, self.fonts.h2)
        y = self.y + 1.5 * self.pt

        def rule(p: QPainter, y: float = y) -> None:
            p.setPen(QPen(QColor("black"), 0.6 * self.pt))
            p.drawLine(0, int(y), int(self.width), int(y))

        self.add(rule)
        self.gap(5)

    def key_values(self, pairs: list[tuple[str, str]]) -> None:
        label_w = 110 * self.pt
        for label, value in pairs:
            h = max(
                self.text_height(value, self.fonts.body, self.width - label_w),
                self.text_height(label, self.fonts.bold, label_w),
            )
            self.need(h)
            y = self.y

            def op(
                p: QPainter, y: float = y, h: float = h, label: str = label, value: str = value
            ) -> None:
                p.setPen(QColor("black"))
                p.setFont(self.fonts.bold)
                p.drawText(QRectF(0, y, label_w, h), int(Qt.TextFlag.TextWordWrap), label)
                p.setFont(self.fonts.body)
                p.drawText(
                    QRectF(label_w, y, self.width - label_w, h),
                    int(Qt.TextFlag.TextWordWrap),
                    value,
                )

            self.add(op)
            self.y += h + 1 * self.pt

    def _xs(self, table: Table) -> list[float]:
        total = sum(table.widths)
        xs = [0.0]
        for w in table.widths:
            xs.append(xs[-1] + self.width * w / total)
        return xs

    def _row_height(self, cells: tuple[str, ...], font: QFont, xs: list[float]) -> float:
        pad = 3 * self.pt
        widths = [xs[i + 1] - xs[i] - 2 * pad for i in range(len(cells))]
        return (
            max(self.text_height(c or " ", font, w) for c, w in zip(cells, widths, strict=True))
            + 2 * pad
        )

    def table_lead(self, table: Table) -> float:
        """Height of a table's note, header and first two rows: what its heading keeps with it."""
        if not table.rows:
            return 0.0
        xs = self._xs(table)
        note = self.text_height(table.note, self.fonts.small, self.width) if table.note else 0.0
        rows = sum(self._row_height(r, self.fonts.body, xs) for r in table.rows[:2])
        return note + self._row_height(table.headers, self.fonts.bold, xs) + rows + 4 * self.pt

    def table(self, table: Table, empty: str) -> None:
        if not table.rows:
            self.paragraph(empty, self.fonts.body, QColor("#333333"))
            return
        if table.note:  # above the rows, so it is on the page where the table starts
            self.paragraph(table.note, self.fonts.small, QColor("#333333"))
            self.gap(2)
        xs = self._xs(table)
        pad = 3 * self.pt

        def row_height(cells: tuple[str, ...], font: QFont) -> float:
            return self._row_height(cells, font, xs)

        header_h = row_height(table.headers, self.fonts.bold)

        def header_op(y: float) -> Op:
            def op(p: QPainter) -> None:
                p.fillRect(QRectF(0, y, self.width, header_h), QColor("#e6e6e6"))
                p.setPen(QColor("black"))
                p.setFont(self.fonts.bold)
                for i, c in enumerate(table.headers):
                    p.drawText(
                        QRectF(xs[i] + pad, y + pad, xs[i + 1] - xs[i] - 2 * pad, header_h),
                        int(Qt.TextFlag.TextWordWrap),
                        c,
                    )
                p.setPen(QPen(QColor("black"), 0.6 * self.pt))
                p.drawLine(0, int(y + header_h), int(self.width), int(y + header_h))

            return op

        self.need(header_h + row_height(table.rows[0], self.fonts.body))
        self.add(header_op(self.y))
        self.y += header_h
        for n, row in enumerate(table.rows):
            h = row_height(row, self.fonts.body)
            if self.y + h > self.bottom:
                self.pages.append([])
                self.y = self.top
                self.add(header_op(self.y))
                self.y += header_h
            y = self.y

            def op(
                p: QPainter,
                y: float = y,
                h: float = h,
                row: tuple[str, ...] = row,
                shade: bool = n % 2 == 1,
            ) -> None:
                if shade:
                    p.fillRect(QRectF(0, y, self.width, h), QColor("#f4f4f4"))
                p.setPen(QColor("black"))
                p.setFont(self.fonts.body)
                for i, c in enumerate(row):
                    p.drawText(
                        QRectF(xs[i] + pad, y + pad, xs[i + 1] - xs[i] - 2 * pad, h),
                        int(Qt.TextFlag.TextWordWrap),
                        c,
                    )

            self.add(op)
            self.y += h

    def your_numbers(self, numbers: YourNumbers) -> None:
        """The "Your numbers" block (report/your_numbers.py), kept whole on one page."""
        self.gap(10)
        h = your_numbers_height(self.writer, self.width, numbers)
        self.need(h)
        rect = QRectF(0, self.y, self.width, h)

        def op(p: QPainter, rect: QRectF = rect) -> None:
            paint_your_numbers(p, rect, numbers)

        self.add(op)
        self.y += h

    def chart(self, painter_fn: ChartPainter | None, height_pts: float) -> None:
        if painter_fn is None:
            return
        h = height_pts * self.pt
        self.need(h)
        rect = QRectF(0, self.y, self.width, h)

        def op(p: QPainter, rect: QRectF = rect) -> None:
            p.save()
            try:
                painter_fn(p, rect)
            finally:
                p.restore()

        self.add(op)
        self.y += h

    # -- page furniture -------------------------------------------------------------------
    def furniture(self, p: QPainter, page: int, pages: int) -> None:
        c = self.content
        p.setPen(QColor("black"))
        p.setFont(self.fonts.small)
        p.drawText(
            QRectF(0, 0, self.width, self.header_h),
            int(Qt.AlignmentFlag.AlignLeft),
            f"{c.patient} · blood count trend report",
        )
        p.drawText(
            QRectF(0, 0, self.width, self.header_h),
            int(Qt.AlignmentFlag.AlignRight),
            f"printed {long_date(c.printed_on)}",
        )
        y = self.height - self.footer_h + 5 * self.pt
        line_h = self.footer_h / 2
        p.setPen(QPen(QColor("black"), 0.4 * self.pt))
        p.drawLine(0, int(y - 3 * self.pt), int(self.width), int(y - 3 * self.pt))
        p.drawText(QRectF(0, y, self.width, line_h), int(Qt.AlignmentFlag.AlignLeft), c.disclaimer)
        p.drawText(
            QRectF(0, y + line_h * 0.8, self.width, line_h),
            int(Qt.AlignmentFlag.AlignLeft),
            c.patient,
        )
        p.drawText(
            QRectF(0, y + line_h * 0.8, self.width, line_h),
            int(Qt.AlignmentFlag.AlignRight),
            f"Page {page} of {pages}",
        )


def _compose(layout: _Layout, content: ReportContent, chart: ChartPainter | None) -> None:
    f = layout.fonts
    layout.paragraph("Blood count trend report", f.h1)
    layout.gap(6)
    layout.key_values(content.header)
    layout.heading("Summary")
    if not content.has_data:
        layout.paragraph(
            "There are no records in this period: no blood tests, temperatures, infections, "
            "medicines or fatigue scores. Choose a longer period, or add results first."
        )
    elif not content.summary:
        layout.paragraph(f"No flags are active as of {long_date(content.period_end)}.")
    for line in content.summary:
        word = SEVERITY_WORD.get(line.severity, line.severity.upper())
        layout.paragraph(f"{word} · {line.title}", f.bold)
        layout.paragraph(line.detail, f.body, indent=12 * layout.pt)
        layout.gap(3)
    layout.gap(2)
    layout.paragraph(content.thresholds, f.small, QColor("#333333"))
    if content.questions:  # on the first page, where a short appointment will see them
        layout.heading("Questions for the hematologist")
        layout.paragraph(content.questions)
    if content.draws.rows and chart is not None:
        layout.heading("Trend")
        layout.chart(chart, 250)
    if content.your_numbers is not None:
        layout.your_numbers(content.your_numbers)
    layout.heading("Blood counts", keep=layout.table_lead(content.draws))
    layout.table(content.draws, "No blood tests in this period.")
    layout.heading("Medicines", keep=layout.table_lead(content.medicines))
    layout.table(content.medicines, "No medicines recorded in this period.")
    layout.heading("Infections and fevers", keep=layout.table_lead(content.infections))
    layout.table(content.infections, "No infections recorded in this period.")
    layout.gap(4)
    layout.table(content.fevers, "No temperature of 38.0 °C or more recorded in this period.")
    layout.heading("Fatigue by week", keep=layout.table_lead(content.fatigue))
    layout.table(content.fatigue, "No fatigue scores in this period.")


def write_report_pdf(
    content: ReportContent,
    target: Path,
    paper: str = "A4",
    chart: ChartPainter | None = None,
) -> int:
    """Write the report to `target` atomically; returns the number of pages."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=".report-", suffix=".pdf", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        pages = _paint(content, tmp, paper, chart)
        os.replace(tmp, target)
        return pages
    finally:
        tmp.unlink(missing_ok=True)


def _paint(content: ReportContent, path: Path, paper: str, chart: ChartPainter | None) -> int:
    writer = QPdfWriter(str(path))
    writer.setResolution(RESOLUTION)
    writer.setPageLayout(page_layout(paper))
    writer.setTitle(f"Blood count trend report: {content.patient}")
    writer.setAuthor(content.patient)
    writer.setCreator(f"{APP_NAME} {__version__}")
    return paint_report(content, writer, chart)


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAGE_SIZES[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(16, 14, 16, 14),
        QPageLayout.Unit.Millimeter,
    )


def paint_report(
    content: ReportContent, device: QPagedPaintDevice, chart: ChartPainter | None
) -> int:
    """Lay out and paint the report on a PDF writer or a printer; returns the page count."""
    layout = _Layout(device, content)
    _compose(layout, content, chart)
    pages = [ops for ops in layout.pages if ops]
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("Cannot start painting the report (is the printer or file available?)")
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.LosslessImageRendering)
        for n, ops in enumerate(pages, start=1):
            if n > 1:
                device.newPage()
            for op in ops:
                op(painter)
            layout.furniture(painter, n, len(pages))
    finally:
        painter.end()
    return len(pages)
