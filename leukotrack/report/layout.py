"""Places blocks on pages: text, key-value pairs, tables, painted figures, page furniture.

The layout runs twice: a first pass measures every block and breaks pages (so the footer can say
"page 2 of 3"), the second paints the recorded operations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.domain.dates import long_date
from leukotrack.report.content import Table
from leukotrack.report.drawing import report_font

ChartPainter = Callable[[QPainter, QRectF], None]
"""Paints a figure into the rectangle it is given (the trend chart is injected by the caller)."""

Op = Callable[[QPainter], None]


@dataclass(frozen=True)
class Furniture:
    """What every page repeats: whose it is, which document, when printed, the disclaimer."""

    patient: str
    title: str
    printed_on: date
    disclaimer: str = NOT_A_DIAGNOSIS


@dataclass
class Fonts:
    body: QFont
    small: QFont
    bold: QFont
    h1: QFont
    h2: QFont


def make_fonts(scale: float = 1.0) -> Fonts:
    font = report_font
    s = scale
    return Fonts(
        font(9.5 * s), font(8 * s), font(9.5 * s, True), font(16 * s, True), font(12 * s, True)
    )


class Layout:
    """Places blocks top to bottom, starting a new page when one does not fit."""

    def __init__(self, device: QPagedPaintDevice, furniture: Furniture, scale: float = 1.0) -> None:
        self.writer = device
        self.page_furniture = furniture
        self.scale = scale
        self.fonts = make_fonts(scale)
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

    def set_scale(self, scale: float) -> None:
        """The type size (and the small figures' height) of what is laid out next."""
        self.scale = scale
        self.fonts = make_fonts(scale)

    def new_page(self) -> None:
        """Start the next page (unless this one is still empty)."""
        if self.pages[-1]:
            self.pages.append([])
            self.y = self.top

    def remaining(self) -> float:
        """Height left on this page, in points."""
        return (self.bottom - self.y) / self.pt

    @property
    def page_count(self) -> int:
        return len([ops for ops in self.pages if ops])

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
        self.gap(6)
        self.need(self.text_height(text, self.fonts.h2, self.width) + max(keep, 40 * self.pt))
        self.paragraph(text, self.fonts.h2)
        y = self.y + 1.5 * self.pt

        def rule(p: QPainter, y: float = y) -> None:
            p.setPen(QPen(QColor("black"), 0.6 * self.pt))
            p.drawLine(0, int(y), int(self.width), int(y))

        self.add(rule)
        self.gap(5)

    def key_values(self, pairs: list[tuple[str, str]], label_width: float = 110) -> None:
        fonts = self.fonts  # the type size of this block, whatever comes later
        label_w = label_width * self.pt
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
                p.setFont(fonts.bold)
                p.drawText(QRectF(0, y, label_w, h), int(Qt.TextFlag.TextWordWrap), label)
                p.setFont(fonts.body)
                p.drawText(
                    QRectF(label_w, y, self.width - label_w, h),
                    int(Qt.TextFlag.TextWordWrap),
                    value,
                )

            self.add(op)
            self.y += h + 1 * self.pt

    def key_value_columns(self, pairs: list[tuple[str, str]], label_width: float = 62) -> None:
        """Pairs two to a line (the header): each half has its label and its value."""
        fonts = self.fonts
        half = self.width / 2
        label_w = label_width * self.pt
        for n in range(0, len(pairs), 2):
            row = pairs[n : n + 2]
            h = max(
                self.text_height(value, self.fonts.body, half - label_w - 4 * self.pt)
                for _label, value in row
            )
            self.need(h)
            y = self.y

            def op(
                p: QPainter, y: float = y, h: float = h, row: list[tuple[str, str]] = row
            ) -> None:
                p.setPen(QColor("black"))
                for i, (label, value) in enumerate(row):
                    x = i * half
                    p.setFont(fonts.bold)
                    p.drawText(QRectF(x, y, label_w, h), int(Qt.TextFlag.TextWordWrap), label)
                    p.setFont(fonts.body)
                    p.drawText(
                        QRectF(x + label_w, y, half - label_w - 4 * self.pt, h),
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
        pad = 2.5 * self.pt
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
        pad = 2.5 * self.pt
        fonts = self.fonts

        def row_height(cells: tuple[str, ...], font: QFont) -> float:
            return self._row_height(cells, font, xs)

        header_h = row_height(table.headers, self.fonts.bold)

        def header_op(y: float) -> Op:
            def op(p: QPainter) -> None:
                p.fillRect(QRectF(0, y, self.width, header_h), QColor("#e6e6e6"))
                p.setPen(QColor("black"))
                p.setFont(fonts.bold)
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
                p.setFont(fonts.body)
                for i, c in enumerate(row):
                    p.drawText(
                        QRectF(xs[i] + pad, y + pad, xs[i + 1] - xs[i] - 2 * pad, h),
                        int(Qt.TextFlag.TextWordWrap),
                        c,
                    )

            self.add(op)
            self.y += h

    def chart(self, painter_fn: ChartPainter | None, height_pts: float) -> None:
        """A figure the full width of the page, `height_pts` tall, kept on one page."""
        if painter_fn is not None:
            self.section(height_pts * self.pt, painter_fn)

    def section(
        self, height: float, paint: Callable[[QPainter, QRectF], object], keep_whole: bool = True
    ) -> None:
        """A block that paints itself into a rectangle `height` device units tall (a chart, the
        treatment-cycles section)."""
        if keep_whole:
            self.need(height)
        rect = QRectF(0, self.y, self.width, height)

        def op(p: QPainter, rect: QRectF = rect) -> None:
            p.save()
            try:
                paint(p, rect)
            finally:
                p.restore()

        self.add(op)
        self.y += height

    # -- page furniture -------------------------------------------------------------------
    def furniture(self, p: QPainter, page: int, pages: int) -> None:
        f = self.page_furniture
        small = make_fonts().small  # the furniture keeps its size when the body is scaled
        p.setPen(QColor("black"))
        p.setFont(small)
        p.drawText(
            QRectF(0, 0, self.width, self.header_h),
            int(Qt.AlignmentFlag.AlignLeft),
            f"{f.patient} · {f.title}",
        )
        p.drawText(
            QRectF(0, 0, self.width, self.header_h),
            int(Qt.AlignmentFlag.AlignRight),
            f"printed {long_date(f.printed_on)}",
        )
        y = self.height - self.footer_h + 5 * self.pt
        line_h = self.footer_h / 2
        p.setPen(QPen(QColor("black"), 0.4 * self.pt))
        p.drawLine(0, int(y - 3 * self.pt), int(self.width), int(y - 3 * self.pt))
        p.drawText(QRectF(0, y, self.width, line_h), int(Qt.AlignmentFlag.AlignLeft), f.disclaimer)
        p.drawText(
            QRectF(0, y + line_h * 0.8, self.width, line_h),
            int(Qt.AlignmentFlag.AlignLeft),
            f.patient,
        )
        p.drawText(
            QRectF(0, y + line_h * 0.8, self.width, line_h),
            int(Qt.AlignmentFlag.AlignRight),
            f"Page {page} of {pages}",
        )

    def paint(self, device: QPagedPaintDevice) -> int:
        """Paint the laid-out pages on `device`; returns the page count."""
        pages = [ops for ops in self.pages if ops]
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
                self.furniture(painter, n, len(pages))
        finally:
            painter.end()  # an exception inside an open painter on a QPdfWriter kills the process
        return len(pages)
