"""Write a document (the hematologist report or a sheet) as a PDF, or paint it on a printer.

Real text and a vector chart. A failed document never leaves a file at the target path: it is
written to a temporary file beside it and renamed when complete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter

from leukotrack import APP_NAME, __version__
from leukotrack.report.content import ReportContent, SheetContent
from leukotrack.report.hematologist import lay_out_hematologist
from leukotrack.report.layout import ChartPainter
from leukotrack.report.sheets import lay_out_sheet

__all__ = ["ChartPainter", "Document", "page_layout", "paint_report", "write_report_pdf"]

RESOLUTION = 600  # device units per inch; fonts are set in points and scale with it
PAGE_SIZES = {"A4": QPageSize.PageSizeId.A4, "Letter": QPageSize.PageSizeId.Letter}

Document = ReportContent | SheetContent


def title_of(content: Document) -> str:
    if isinstance(content, SheetContent):
        return f"{content.title}: {content.patient}"
    return f"Blood count report for the hematologist: {content.patient}"


def write_report_pdf(
    content: Document,
    target: Path,
    paper: str = "A4",
    chart: ChartPainter | None = None,
) -> int:
    """Write the document to `target` atomically; returns the number of pages."""
    target = Path(target)
    fd, tmp_name = tempfile.mkstemp(prefix=".report-", suffix=".pdf", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        writer = QPdfWriter(str(tmp))
        writer.setResolution(RESOLUTION)
        writer.setPageLayout(page_layout(paper))
        writer.setTitle(title_of(content))
        writer.setAuthor(content.patient)
        writer.setCreator(f"{APP_NAME} {__version__}")
        pages = paint_report(content, writer, chart)
        del writer  # closes the file before it is moved
        os.replace(tmp, target)
        return pages
    finally:
        tmp.unlink(missing_ok=True)


def page_layout(paper: str) -> QPageLayout:
    return QPageLayout(
        QPageSize(PAGE_SIZES[paper]),
        QPageLayout.Orientation.Portrait,
        QMarginsF(16, 14, 16, 14),
        QPageLayout.Unit.Millimeter,
    )


def paint_report(content: Document, device: QPagedPaintDevice, chart: ChartPainter | None) -> int:
    """Lay out and paint the document on a PDF writer or a printer; returns the page count."""
    if isinstance(content, SheetContent):
        layout = lay_out_sheet(device, content)
    else:
        layout = lay_out_hematologist(device, content, chart)
    return layout.paint(device)
