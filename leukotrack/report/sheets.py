"""The procedure sheet and the emergency sheet: one page each.

The blocks are laid out in the sheet's type size; when they would run onto a second page the
sheet is laid out again a step smaller, so the whole sheet stays on one page.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPagedPaintDevice

from leukotrack.report.content import SheetContent
from leukotrack.report.layout import Furniture, Layout

LARGE = 1.5
SCALES = (1.0, 0.92, 0.85, 0.78, 0.7, 0.62)


def compose_sheet(layout: Layout, sheet: SheetContent) -> None:
    f = layout.fonts
    layout.paragraph(sheet.title, f.h1)
    for block in sheet.blocks:
        layout.heading(block.heading, keep=20 * layout.pt)
        shown = False
        if block.pairs:
            layout.key_values(list(block.pairs), label_width=180 if sheet.large else 120)
            shown = True
        if block.table is not None and block.table.rows:
            layout.table(block.table, "")
            shown = True
        for line in block.lines:
            layout.paragraph(line)
            layout.gap(1)
            shown = True
        if not shown:
            layout.paragraph(block.empty, f.body, QColor("#333333"))
    if sheet.closing:
        layout.gap(10)
        layout.paragraph(sheet.closing, f.bold)


def lay_out_sheet(device: QPagedPaintDevice, sheet: SheetContent) -> Layout:
    """The largest type size at which the sheet fits one page (the smallest tried, otherwise)."""
    furniture = Furniture(sheet.patient, sheet.title.lower(), sheet.printed_on, sheet.disclaimer)
    base = LARGE if sheet.large else 1.0
    layout = Layout(device, furniture, base)
    for step in SCALES:
        layout = Layout(device, furniture, base * step)
        compose_sheet(layout, sheet)
        if layout.page_count <= 1:
            break
    return layout
