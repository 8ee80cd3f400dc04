"""File → Print report / Save report as PDF: the print dialog, print preview, saving a PDF.

The dialog offers the three documents. The hematologist report has a period (since the last
visit by default), an appendix and the questions for the next visit; the two sheets show the
latest records as of today. The last choices are remembered for the next time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from leukotrack.domain.care import last_past_visit, next_visit
from leukotrack.domain.dates import long_date
from leukotrack.domain.errors import LeukoTrackError

# The report's layout and printing modules load on first use, off the window's first paint.

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from leukotrack.gui.controllers.main_controller import MainController
    from leukotrack.gui.views.report_view import ReportView
    from leukotrack.services.reporting import ReportRequest

SaveChooser = Callable[[str], str | None]

INTROS = {
    "hematologist": "Page 1 sums up the counts since the last visit, what the numbers show, your "
    "questions and the trend chart; page 2 has the medicines, infections, fevers and fatigue.",
    "procedure": "One page for a surgeon, a dentist or a nurse before a procedure: the latest "
    "count with its ranges, the lowest values of the last 90 days, your medicines and your care "
    "team. It shows your records as of today.",
    "emergency": "One page in large type for the emergency department: allergies, temperatures of "
    "the last 48 hours, the latest neutrophils, your medicines and your care team's 24-hour "
    "number. It shows your records as of now.",
}
FILE_NAMES = {
    "hematologist": "report",
    "procedure": "procedure-sheet",
    "emergency": "emergency-sheet",
}


def ask_pdf_path(suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(None, "Save report as PDF", suggested, "PDF (*.pdf)")
    return path or None


class ReportController:
    def __init__(self, main: MainController, choose_path: SaveChooser = ask_pdf_path) -> None:
        self.main = main
        self.choose_path = choose_path
        self.preview_dialog: QPrintPreviewDialog | None = None
        view = main.view
        self.action_print = QAction("&Print report…", view)
        self.action_print.setShortcut(QKeySequence.StandardKey.Print)
        self.action_print.triggered.connect(lambda: self.open())
        self.action_save = QAction("Save report as P&DF…", view)
        self.action_save.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.action_save.triggered.connect(lambda: self.open())
        view.add_file_actions([self.action_print, self.action_save])
        self.view: ReportView | None = None
        self._paper_shown = ""

    def open(self, kind: str | None = None) -> ReportView:
        """The print dialog, on the last choices (or on `kind`, e.g. from the fever banner)."""
        from leukotrack.gui.report_export import system_locale_name
        from leukotrack.gui.views.report_view import ReportView
        from leukotrack.services.reporting import choose_paper, remembered_choices

        view = ReportView(self.main.view)
        self.view = view
        timeline = self.main.timeline
        now = datetime.now()
        last = last_past_visit(timeline.visits, now)
        since = f" ({long_date(last.at)})" if last else " (none recorded yet: everything)"
        for text, key in (
            (f"Since the last visit{since}", "since_visit"),
            ("The last 3 months", "3m"),
            ("The last year", "12m"),
            ("Everything recorded", "all"),
            ("Choose dates…", "custom"),
        ):
            view.period.addItem(text, key)
        choices = remembered_choices(self.main.db)
        view.kind.setCurrentIndex(max(0, view.kind.findData(kind or choices.kind)))
        view.period.setCurrentIndex(max(0, view.period.findData(choices.period)))
        view.appendix_table.setChecked("table" in choices.appendix)
        view.appendix_diary.setChecked("diary" in choices.appendix)
        self._show_questions(view, now)
        paper = choose_paper(self.main.db, system_locale_name())
        view.paper.setCurrentIndex(max(0, view.paper.findData(paper)))
        self._paper_shown = paper
        first = min((d.taken_at.date() for d in timeline.draws), default=date.today())
        view.start.setDate(QDate(first.year, first.month, first.day))
        view.kind.currentIndexChanged.connect(lambda _i: self._show_kind())
        view.period.currentIndexChanged.connect(lambda _i: self._show_kind())
        self._show_kind()
        view.preview.clicked.connect(self.preview)
        view.save_pdf.clicked.connect(self.save)
        self.main._open_dialog(view)
        return view

    def _show_questions(self, view: ReportView, now: datetime) -> None:
        from leukotrack.services.visits import questions_home

        timeline = self.main.timeline
        visit, text = questions_home(timeline.visits, timeline.profile.questions, now)
        view.questions.setPlainText(text)
        view.questions.setProperty("stored", text)
        if visit is None:
            view.questions_label.setText("&Questions for\nthe next visit:")
        else:
            view.questions_label.setText(f"&Questions for\nthe visit on\n{visit.at:%d %b %Y}:")
        last = last_past_visit(timeline.visits, now)
        asked = last.questions.strip() if last is not None else ""
        view.last_questions.setText(
            f"Asked at the visit on {long_date(last.at)}: " + " · ".join(asked.splitlines())
            if last is not None and asked
            else ""
        )
        view.last_questions.setVisible(bool(view.last_questions.text()))
        if next_visit(timeline.visits, now) is None:
            view.questions.setToolTip("Kept until you add the next visit, then kept with it.")

    def _show_kind(self) -> None:
        v = self.view
        assert v is not None
        kind = str(v.kind.currentData())
        report = kind == "hematologist"
        v.intro.setText(INTROS[kind])
        for widget in (
            v.period_label,
            v.period,
            v.appendix_label,
            v.appendix_row,
            v.questions_label,
            v.questions,
        ):
            widget.setVisible(report)
        v.last_questions.setVisible(report and bool(v.last_questions.text()))
        v.dates_row.setVisible(report and v.period.currentData() == "custom")

    def _choices(self) -> tuple[ReportRequest, str]:
        from leukotrack.services.reporting import (
            ReportChoices,
            ReportRequest,
            check_period,
            period_start,
            remember_choices,
            save_paper,
        )
        from leukotrack.services.visits import save_questions

        assert self.view is not None
        v = self.view
        kind = str(v.kind.currentData())
        key = str(v.period.currentData())
        appendix = frozenset(
            part
            for part, box in (("table", v.appendix_table), ("diary", v.appendix_diary))
            if box.isChecked()
        )
        today = date.today()
        start: date | None
        end: date | None = None
        if key == "custom":
            start, end = _py(v.start.date()), _py(v.end.date())
            check_period(start, end)
        else:
            start = period_start(key, self.main.timeline, today)
        if kind == "hematologist":
            text = v.questions.toPlainText().strip()
            if text != v.questions.property("stored"):
                save_questions(self.main.db, text)
                v.questions.setProperty("stored", text)
                self.main.refresh()
        remember_choices(self.main.db, ReportChoices(kind, key, appendix))
        paper = str(v.paper.currentData())
        if paper != self._paper_shown:
            save_paper(self.main.db, paper)  # the next report starts on the same paper
            self._paper_shown = paper
        request = ReportRequest(kind, start, end, appendix, all_data=key == "all")
        return request, paper

    def preview(self) -> QPrintPreviewDialog | None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from leukotrack.gui.report_export import chart_painter
        from leukotrack.report.content import ReportContent
        from leukotrack.report.pdf import page_layout, paint_report, title_of
        from leukotrack.services.reporting import build_document

        try:
            request, paper = self._choices()
            content, period, start, end = build_document(self.main.db, request, datetime.now())
        except (LeukoTrackError, OSError) as exc:
            self._error(str(exc))
            return None
        chart = None
        if isinstance(content, ReportContent) and period.draws:
            chart = chart_painter(period, start, end)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(paper))
        printer.setDocName(title_of(content))
        dialog = QPrintPreviewDialog(printer, self.view)
        dialog.setWindowTitle(f"Print preview: {title_of(content)}")
        dialog.paintRequested.connect(lambda p: paint_report(content, p, chart))
        self.preview_dialog = dialog
        self._error("")
        dialog.open()
        return dialog

    def save(self) -> Path | None:
        from leukotrack.gui.report_export import save_report

        try:
            request, paper = self._choices()
        except (LeukoTrackError, OSError) as exc:
            self._error(str(exc))
            return None
        name = FILE_NAMES.get(request.kind, "report")
        suggested = str(Path.home() / f"leukotrack-{name}-{date.today().isoformat()}.pdf")
        chosen = self.choose_path(suggested)
        if not chosen:
            return None
        out = Path(chosen)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        try:
            pages = save_report(self.main.db, out, request, paper)
        except (LeukoTrackError, OSError) as exc:
            self._error(f"The report was not saved: {exc}")
            return None
        noun = "page" if pages == 1 else "pages"
        self.main.view.statusBar().showMessage(
            f"Saved the report ({pages} {noun}) to {out}.", 10000
        )
        self._error("")
        return out

    def _error(self, message: str) -> None:
        if self.view is not None:
            self.view.error.setText(message)


def _py(value: QDate) -> date:
    out = value.toPython()
    assert isinstance(out, date)
    return out
