"""Behind the review window: rows and their statuses, boxes on the page, corrections, Save.

A row that needs a look is settled when the person confirms it, corrects it (a value, unit or
range typed in its cell, read again in the report's language) or leaves it out. Save stays
disabled until every such row is settled and every collection has a valid date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsRectItem, QHeaderView, QTableWidgetItem

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.dates import parse_datetime
from leukotrack.domain.errors import LeukoTrackError
from leukotrack.gui.controllers.page_images import PageImage, PdfPageImages, page_images
from leukotrack.gui.views.report_review_view import (
    RANGE,
    STATUS,
    UNIT,
    VALUE,
    ReportReviewView,
)
from leukotrack.gui.views.style import message_colour
from leukotrack.io.labreport.correct import confirmed, corrected, unit_text, value_text
from leukotrack.io.labreport.reading import ReadResult, ReportReading, UnreadLine, taken_at_text
from leukotrack.io.labreport.rows import Box
from leukotrack.services.labreports import ReviewedDraw, SavedReport, save_report
from leukotrack.storage.db import Database

__all__ = ["PageImage", "PdfPageImages", "ReportReviewController", "Row", "page_images"]


@dataclass
class Row:
    draw: int | None  # index of its collection; None for a line not read
    result: ReadResult | None
    unread: UnreadLine | None = None
    keep: bool = True
    state: str = "read"  # read, needs, confirmed, corrected, out, unread

    @property
    def box(self) -> Box:
        found = self.result.box if self.result else self.unread.box if self.unread else None
        assert found is not None
        return found

    @property
    def unsettled(self) -> bool:
        return self.state == "needs"


def status_text(row: Row) -> str:
    if row.state == "needs":
        assert row.result is not None
        return f"⚠ Needs a look: {row.result.why}"
    if row.state == "unread":
        return "Not read: no test LeukoTrack keeps matched this line"
    return {
        "read": "✓ Read",
        "confirmed": "✓ Confirmed",
        "corrected": "✓ Corrected",
        "out": "— Left out",
    }[row.state]


class ReportReviewController:
    def __init__(
        self,
        db: Database,
        view: ReportReviewView,
        path: Path,
        reading: ReportReading,
        pages: Sequence[PageImage],
        on_saved: Callable[[SavedReport], None],
        birth: date | None = None,
    ) -> None:
        self.db, self.view, self.path, self.reading = db, view, path, reading
        self.pages = pages
        self.on_saved = on_saved
        self.birth = birth
        self.page = 1
        self.drafts = [[(taken_at_text(d) or "").replace("T", " "), d.lab] for d in reading.draws]
        self.rows: list[Row] = [
            Row(i, r, state="needs" if r.needs_review else "read")
            for i, d in enumerate(reading.draws)
            for r in d.results
        ]
        self.rows += [Row(None, None, u, keep=False, state="unread") for u in reading.unread]
        self.shown: list[int] = []  # table row -> index in self.rows
        self._filling = False
        self._boxes: dict[int, QGraphicsRectItem] = {}
        self.current = 0
        self.zoom = 1.0  # times the page's full width

        v = view
        v.heading.setText(f"{path.name}: {len(reading.results)} values read")
        for i, d in enumerate(reading.draws):
            v.draw_choice.addItem(taken_at_text(d) or f"Collection {i + 1} (no date printed)")
        many = len(reading.draws) > 1
        v.draw_choice.setVisible(many)
        v.draw_label.setVisible(many)
        v.draw_choice.currentIndexChanged.connect(self.show_draw)
        v.taken_at.textEdited.connect(self._date_edited)
        v.lab.textEdited.connect(self._lab_edited)
        v.table.itemChanged.connect(self._cell_edited)
        v.table.itemSelectionChanged.connect(self._selection_changed)
        v.confirm.clicked.connect(self.confirm_selected)
        v.leave_out.clicked.connect(self.toggle_selected)
        v.previous_page.clicked.connect(lambda: self.show_page(self.page - 1))
        v.next_page.clicked.connect(lambda: self.show_page(self.page + 1))
        v.zoom_in.clicked.connect(lambda: self.set_zoom(self.zoom * 1.25))
        v.zoom_out.clicked.connect(lambda: self.set_zoom(self.zoom / 1.25))
        v.save.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)
        self.show_draw(0)
        self.show_page(1)
        self._update()

    # -- the collections -------------------------------------------------------------------
    def show_draw(self, index: int) -> None:
        self.current = max(index, 0)
        taken_at, lab = self.drafts[self.current]
        self.view.taken_at.setText(taken_at)
        self.view.lab.setText(lab)
        self._fill_table()
        self._check_dates()

    def _date_edited(self, text: str) -> None:
        self.drafts[self.current][0] = text.strip()
        self._check_dates()
        self._update()

    def _lab_edited(self, text: str) -> None:
        self.drafts[self.current][1] = text.strip()

    def _moment(self, text: str) -> datetime:
        moment = parse_datetime(text.replace(" ", "T", 1) if " " in text.strip() else text)
        if moment > datetime.now():
            raise LeukoTrackError(f"{text} is in the future; type the date the blood was taken.")
        if self.birth is not None and moment.date() < self.birth:
            raise LeukoTrackError(f"{text} is before the birth date; check the year.")
        return moment

    def _date_problem(self) -> str | None:
        for i, (text, _) in enumerate(self.drafts):
            name = "" if len(self.drafts) == 1 else f"Collection {i + 1}: "
            if not text:
                return f"{name}the report gives no collection date; type it (YYYY-MM-DD HH:MM)."
            try:
                self._moment(text)
            except LeukoTrackError as exc:
                return f"{name}{exc}"
        return None

    def _check_dates(self) -> None:
        problem = self._date_problem()
        self.view.date_message.setText(problem or "")
        self.view.date_message.setVisible(problem is not None)

    # -- the table ---------------------------------------------------------------------------
    def _fill_table(self) -> None:
        t = self.view.table
        self._filling = True
        self.shown = [i for i, r in enumerate(self.rows) if r.draw in (self.current, None)]
        t.setUpdatesEnabled(False)
        rows = t.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # sized once, below
        t.setRowCount(len(self.shown))
        for line, index in enumerate(self.shown):
            self._fill_row(line, self.rows[index])
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.setUpdatesEnabled(True)
        self._filling = False

    def _fill_row(self, line: int, row: Row) -> None:
        t = self.view.table
        self._filling = True
        if row.result is not None:
            r = row.result
            cells = [
                status_text(row),
                ANALYTES[r.analyte].name,
                value_text(r),
                unit_text(r),
                r.range_text,
                r.flag or "",
                str(r.page),
            ]
        else:
            assert row.unread is not None
            cells = [status_text(row), row.unread.text, "", "", "", "", str(row.unread.page)]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            editable = row.result is not None and column in (VALUE, UNIT, RANGE)
            flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
            if editable:
                flags |= Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags)
            if column == STATUS and row.state == "needs":
                item.setForeground(QBrush(QColor(message_colour())))
            if row.state in ("out", "unread"):
                font = item.font()
                font.setStrikeOut(row.state == "out")
                item.setFont(font)
                item.setForeground(QBrush(QColor("#888888")))
            t.setItem(line, column, item)
        self._filling = False

    def _row_at(self, line: int) -> Row:
        return self.rows[self.shown[line]]

    def _cell_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() not in (VALUE, UNIT, RANGE):
            return
        line = item.row()
        row = self._row_at(line)
        if row.result is None:
            return
        t = self.view.table
        texts = [t.item(line, c).text() for c in (VALUE, UNIT, RANGE)]
        try:
            fixed = corrected(row.result, *texts, self.reading.language)  # type: ignore[arg-type]
        except LeukoTrackError as exc:
            self._say(f"{ANALYTES[row.result.analyte].name}: {exc}")
            row.state = "needs"
            self._update()
            return
        row.result = fixed
        row.state, row.keep = "corrected", True
        self._say("")
        self._fill_row(line, row)
        self._update()

    def _say(self, text: str) -> None:
        self.view.row_message.setText(text)
        self.view.row_message.setVisible(bool(text))

    def selected(self) -> Row | None:
        lines = self.view.table.selectionModel().selectedRows()
        return self._row_at(lines[0].row()) if lines else None

    def confirm_selected(self) -> None:
        row = self.selected()
        if row is None or row.result is None:
            return
        row.result = confirmed(row.result)
        row.state, row.keep = "confirmed", True
        self._fill_row(self.view.table.currentRow(), row)
        self._update()

    def toggle_selected(self) -> None:
        row = self.selected()
        if row is None or row.result is None:
            return
        if row.state == "out":
            row.keep = True
            row.state = "needs" if row.result.needs_review else "read"
        else:
            row.keep, row.state = False, "out"
        self._fill_row(self.view.table.currentRow(), row)
        self._update()

    # -- the page and its boxes ----------------------------------------------------------------
    def show_page(self, number: int) -> None:
        if not self.pages or not 1 <= number <= len(self.pages):
            return
        self.page = number
        scene = self.view.scene
        scene.clear()
        self._boxes.clear()
        image, scale = self.pages[number - 1]
        scene.addPixmap(QPixmap.fromImage(image))
        scene.setSceneRect(QRectF(image.rect()))
        for index, row in enumerate(self.rows):
            b = row.box
            if b.page != number:
                continue
            rect = QRectF(
                b.x0 * scale - 2,
                b.top * scale - 2,
                (b.x1 - b.x0) * scale + 4,
                (b.bottom - b.top) * scale + 4,
            )
            item = scene.addRect(rect, self._pen(row, False))
            item.setToolTip(status_text(row))
            self._boxes[index] = item
        self.fit_page()
        v = self.view
        v.page_label.setText(f"Page {number} of {len(self.pages)}")
        v.previous_page.setEnabled(number > 1)
        v.next_page.setEnabled(number < len(self.pages))
        self._highlight()

    def fit_page(self) -> None:
        """Show the page's whole width (the person scrolls down, never sideways)."""
        image, _ = self.pages[self.page - 1]
        width = self.view.page_view.viewport().width() - 2
        if width > 50 and image.width() > 0:
            factor = self.zoom * width / image.width()
            self.view.page_view.setTransform(QTransform.fromScale(factor, factor))

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(4.0, max(0.5, zoom))
        self.fit_page()
        self._highlight()

    def _pen(self, row: Row, chosen: bool) -> QPen:
        colour = {"needs": "#D55E00", "unread": "#888888", "out": "#888888"}.get(
            row.state, "#0072B2"
        )
        pen = QPen(QColor(colour), 4 if chosen else 1.5)
        if row.state == "unread":
            pen.setStyle(Qt.PenStyle.DashLine)
        return pen

    def _selection_changed(self) -> None:
        row = self.selected()
        if row is not None and row.box.page != self.page:
            self.show_page(row.box.page)
        self._highlight()

    def _highlight(self) -> None:
        chosen = self.selected()
        for index, item in self._boxes.items():
            row = self.rows[index]
            is_chosen = row is chosen
            item.setPen(self._pen(row, is_chosen))
            item.setBrush(QBrush(QColor(255, 200, 0, 70)) if is_chosen else QBrush())
            if is_chosen:
                self.view.page_view.ensureVisible(item, 40, 80)

    def box_of(self, row: Row) -> QGraphicsRectItem | None:
        for index, item in self._boxes.items():
            if self.rows[index] is row:
                return item
        return None

    # -- saving ----------------------------------------------------------------------------
    def unsettled(self) -> list[Row]:
        return [r for r in self.rows if r.unsettled]

    def _update(self) -> None:
        left = len(self.unsettled())
        kept = sum(1 for r in self.rows if r.result is not None and r.keep)
        problem = self._date_problem()
        unread = sum(1 for r in self.rows if r.state == "unread")
        parts = [f"{kept} value{'s' if kept != 1 else ''} to save"]
        if left:
            parts.append(f"{left} still need{'s' if left == 1 else ''} a look")
        if unread:
            parts.append(f"{unread} line{'s' if unread != 1 else ''} not read")
        self.view.summary.setText("; ".join(parts) + ".")
        self.view.save.setEnabled(left == 0 and kept > 0 and problem is None)

    def reviewed(self) -> list[ReviewedDraw]:
        out = []
        for i, draw in enumerate(self.reading.draws):
            results = tuple(
                r.result for r in self.rows if r.draw == i and r.keep and r.result is not None
            )
            if results:
                taken_at, lab = self.drafts[i]
                out.append(ReviewedDraw(self._moment(taken_at), lab or draw.lab, results))
        return out

    def save(self) -> None:
        if not self.view.save.isEnabled():
            return
        try:
            saved = save_report(self.db, self.path, self.reading, self.reviewed())
        except (LeukoTrackError, OSError) as exc:
            self._say(f"Nothing was saved: {exc}")
            return
        self.on_saved(saved)
        self.view.accept()
