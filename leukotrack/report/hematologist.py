"""The hematologist report's pages: page 1 stands alone, page 2 holds the rest, then the appendix.

Page 1 answers "how have the counts been since the last visit, how low did they go, and what
does the patient want to ask": the header, the "Since" block, the flags, the questions and the
trend chart (at least a third of the page tall, the full width).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPagedPaintDevice, QPainter

from leukotrack.domain.dates import long_date
from leukotrack.report.content import ReportContent
from leukotrack.report.cycles_section import cycles_section_height, paint_cycles_section
from leukotrack.report.fatigue_chart import paint_weekly_fatigue
from leukotrack.report.layout import ChartPainter, Furniture, Layout
from leukotrack.report.your_numbers import paint_your_numbers, your_numbers_height

SEVERITY_WORD = {"emergency": "EMERGENCY", "danger": "DANGER", "caution": "CAUTION", "info": "NOTE"}
CHART_MIN_SHARE = 1 / 3  # of the page's height
CHART_MAX_SHARE = 0.45
FATIGUE_CHART_PTS = 64


PAGE_ONE_SCALES = (1.0, 0.94, 0.88, 0.82, 0.76)
PAGE_TWO_SCALES = PAGE_ONE_SCALES  # smaller type than 76% would be hard to read


def lay_out_hematologist(
    device: QPagedPaintDevice, content: ReportContent, chart: ChartPainter | None
) -> Layout:
    """Page 1 in the largest type at which it holds everything with the chart; then the rest."""
    furniture = Furniture(
        content.patient, "blood count report", content.printed_on, content.disclaimer
    )
    layout = Layout(device, furniture)
    for scale in PAGE_ONE_SCALES:
        layout = Layout(device, furniture, scale)
        _page_one(layout, content, chart)
        if layout.page_count <= 1:
            break
    layout.set_scale(1.0)
    if _has_page_two(content):
        _one_page_if_it_fits(layout, lambda: _page_two(layout, content))
    _appendix(layout, content)
    return layout


def _one_page_if_it_fits(layout: Layout, compose: Callable[[], None]) -> None:
    """Compose a new page in the largest type at which it fits one page (else full size)."""
    pages = [list(ops) for ops in layout.pages]
    y = layout.y
    for scale in (*PAGE_TWO_SCALES, 1.0):
        layout.pages = [list(ops) for ops in pages]
        layout.y = y
        layout.set_scale(scale)
        layout.new_page()
        compose()
        if len(layout.pages) == len(pages) + 1:
            break
    layout.set_scale(1.0)


def _page_one(layout: Layout, content: ReportContent, chart: ChartPainter | None) -> None:
    f = layout.fonts
    layout.paragraph("Blood count report for the hematologist", f.h1)
    layout.gap(4)
    layout.key_value_columns(content.header)
    if not content.has_data:
        layout.gap(6)
        layout.paragraph(
            "There are no records in this period: no blood tests, temperatures, infections, "
            "medicines or fatigue scores. Choose a longer period, or add results first."
        )
    layout.heading(content.since_title)
    if any(row[2] or row[3] for row in content.since.rows):
        layout.table(content.since, "")
    else:
        layout.paragraph("No blood tests in this period.", f.body, QColor("#333333"))
    layout.heading("What the numbers show")
    if not content.summary:
        layout.paragraph(f"No flags are active as of {long_date(content.period_end)}.")
    for line in content.summary:
        word = SEVERITY_WORD.get(line.severity, line.severity.upper())
        layout.paragraph(f"{word} · {line.title}", f.bold)
        layout.paragraph(line.detail, f.body, indent=12 * layout.pt)
        layout.gap(2)
    layout.heading(content.questions_title)
    layout.paragraph(content.questions or "None written.", f.body)
    layout.gap(4)
    layout.paragraph(content.thresholds, f.small, QColor("#333333"))
    if chart is not None:
        page_pts = layout.height / layout.pt
        layout.gap(8)
        room = layout.remaining() - 8
        height = max(page_pts * CHART_MIN_SHARE, min(room, page_pts * CHART_MAX_SHARE))
        layout.chart(chart, height)


def _has_page_two(c: ReportContent) -> bool:
    return bool(
        c.your_numbers is not None
        or c.cycles is not None
        or c.medicines.rows
        or c.infections.rows
        or c.fevers.rows
        or c.weekly_fatigue
    )


def _page_two(layout: Layout, c: ReportContent) -> None:
    f = layout.fonts
    if c.cycles is not None:
        cycles = c.cycles
        width = layout.width / layout.scale  # drawn at full size, then scaled with the type
        height = cycles_section_height(cycles, width, layout.writer) * layout.scale
        layout.heading("Treatment cycles", keep=height)
        layout.section(
            height, _scaled(layout.scale, lambda p, r: paint_cycles_section(p, r, cycles))
        )
    if c.your_numbers is not None:
        numbers = c.your_numbers
        layout.gap(4)
        width = layout.width / layout.scale
        height = your_numbers_height(layout.writer, width, numbers) * layout.scale
        layout.section(
            height, _scaled(layout.scale, lambda p, r: paint_your_numbers(p, r, numbers))
        )
    layout.heading("Medicines", keep=layout.table_lead(c.medicines))
    layout.table(c.medicines, "No medicines recorded in this period.")
    layout.heading("Infections and fevers")
    for start_to_end in infection_lines(c):
        layout.paragraph(start_to_end, f.body)
        layout.gap(1)
    layout.gap(3)
    layout.paragraph(fever_line(c), f.body)
    layout.heading("Fatigue by week", keep=FATIGUE_CHART_PTS * layout.scale * layout.pt)
    if c.weekly_fatigue:
        scored = sum(n for *_rest, n in c.weekly_fatigue)
        layout.paragraph(
            f"Each bar is a week's average score (0 = none, 10 = worst), from {scored} scored "
            f"days in {len(c.weekly_fatigue)} weeks.",
            f.small,
            QColor("#333333"),
        )

        def paint(p: QPainter, rect: QRectF) -> None:
            paint_weekly_fatigue(p, rect, c.weekly_fatigue, f.small, layout.pt)

        layout.chart(paint, FATIGUE_CHART_PTS * layout.scale)
    else:
        layout.paragraph("No fatigue scores in this period.", f.body, QColor("#333333"))


def _scaled(
    scale: float, paint: Callable[[QPainter, QRectF], object]
) -> Callable[[QPainter, QRectF], None]:
    """A block that paints itself at full size, shrunk by `scale` into the rectangle it gets."""

    def scaled(p: QPainter, rect: QRectF) -> None:
        p.translate(rect.topLeft())
        p.scale(scale, scale)
        paint(p, QRectF(0, 0, rect.width() / scale, rect.height() / scale))

    return scaled


def infection_lines(c: ReportContent) -> list[str]:
    """One line per infection: what, when, the treatment and the highest temperature."""
    if not c.infections.rows:
        return ["No infections recorded in this period."]
    lines = []
    for kind, start, end, treatment, highest in c.infections.rows:
        until = "ongoing" if end == "ongoing" else f"to {end}"
        temp = f"; highest {highest}" if highest else ""
        lines.append(f"{kind}: {start} {until}; treatment: {treatment}{temp}.")
    return lines


def fever_line(c: ReportContent) -> str:
    """The fever readings in one wrapped paragraph: each with its time and temperature."""
    rows = c.fevers.rows
    if not rows:
        return "No temperature of 38.0 °C or more recorded in this period."
    readings = " · ".join(
        f"{when}: {temp}" + (f" ({entered})" if "F" in entered else "")
        for when, temp, entered in rows
    )
    return f"{c.fevers.note.removesuffix('.')} ({len(rows)}): {readings}."


def _appendix(layout: Layout, c: ReportContent) -> None:
    if c.appendix_draws is None and not c.appendix_diary:
        return
    layout.new_page()
    layout.paragraph("Appendix", layout.fonts.h1)
    if c.appendix_draws is not None:
        layout.heading("Every blood test", keep=layout.table_lead(c.appendix_draws))
        layout.table(c.appendix_draws, "No blood tests in this period.")
    for title, table in c.appendix_diary:
        layout.heading(title, keep=layout.table_lead(table))
        layout.table(table, f"No {title.lower()} in this period.")
