"""File → Print report / Save report as PDF: the report dialog, print preview, saving a PDF."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog

from leukotrack.domain.errors import LeukoTrackError
from leukotrack.services.profile import update_profile

# The report's layout and printing modules load on first use, off the window's first paint.

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    from leukotrack.gui.controllers.main_controller import MainController
    from leukotrack.gui.views.report_view import ReportView

SaveChooser = Callable[[str], str | None]


def ask_pdf_path(suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(None, "Save report as PDF", suggested, "PDF (*.pdf)")
    return path or None


def period_bounds(key: str, today: date, start: QDate, end: QDate) -> tuple[date | None, date]:
    if key == "12m":
        return today - timedelta(days=365), today
    if key == "3m":
        return today - timedelta(days=91), today
    if key == "custom":
        return start.toPython(), end.toPython()  # type: ignore[return-value]
    return None, today


class ReportController:
    def __init__(self, main: MainController, choose_path: SaveChooser = ask_pdf_path) -> None:
        self.main = main
        self.choose_path = choose_path
        self.preview_dialog: QPrintPreviewDialog | None = None
        view = main.view
        self.action_print = QAction("&Print report…", view)
        self.action_print.setShortcut(QKeySequence.StandardKey.Print)
        self.action_print.triggered.connect(self.open)
        self.action_save = QAction("Save report as P&DF…", view)
        self.action_save.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.action_save.triggered.connect(self.open)
        view.add_file_actions([self.action_print, self.action_save])
        self.view: ReportView | None = None
        self._paper_shown = ""

    def open(self) -> ReportView:
        from leukotrack.gui.report_export import system_locale_name
        from leukotrack.gui.views.report_view import ReportView
        from leukotrack.services.reporting import choose_paper

        view = ReportView(self.main.view)
        profile = self.main.timeline.profile
        view.questions.setPlainText(profile.questions)
        paper = choose_paper(self.main.db, system_locale_name())
        view.paper.setCurrentIndex(max(0, view.paper.findData(paper)))
        self._paper_shown = paper
        first = min((d.taken_at.date() for d in self.main.timeline.draws), default=date.today())
        view.start.setDate(QDate(first.year, first.month, first.day))
        view.dates_row.setVisible(False)
        view.period.currentIndexChanged.connect(
            lambda _i: view.dates_row.setVisible(view.period.currentData() == "custom")
        )
        view.preview.clicked.connect(self.preview)
        view.save_pdf.clicked.connect(self.save)
        self.view = view
        self.main._open_dialog(view)
        return view

    def _choices(self) -> tuple[date | None, date, str]:
        from leukotrack.services.reporting import save_paper

        assert self.view is not None
        v = self.view
        start, end = period_bounds(
            v.period.currentData(), date.today(), v.start.date(), v.end.date()
        )
        self._save_questions()
        paper = str(v.paper.currentData())
        if paper != self._paper_shown:
            save_paper(self.main.db, paper)  # the next report starts on the same paper
            self._paper_shown = paper
        return start, end, paper

    def _save_questions(self) -> None:
        assert self.view is not None
        text = self.view.questions.toPlainText().strip()
        if text != self.main.timeline.profile.questions:
            update_profile(self.main.db, questions=text)
            self.main.refresh()

    def preview(self) -> QPrintPreviewDialog | None:
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        from leukotrack.gui.report_export import chart_painter
        from leukotrack.report.pdf import page_layout, paint_report
        from leukotrack.services.reporting import report_content, summary_lines

        try:
            start, end, paper = self._choices()
            now = datetime.now()
            moment = now if end >= now.date() else datetime.combine(end, datetime.max.time())
            content, period = report_content(
                self.main.db, start, end, now.date(), summary_lines(self.main.db, moment)
            )
        except (LeukoTrackError, OSError) as exc:
            self._error(str(exc))
            return None
        chart = chart_painter(period, start, end) if period.draws else None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(paper))
        printer.setDocName(f"Blood count trend report: {content.patient}")
        dialog = QPrintPreviewDialog(printer, self.view)
        dialog.setWindowTitle("Print preview: report for your hematologist")
        dialog.paintRequested.connect(lambda p: paint_report(content, p, chart))
        self.preview_dialog = dialog
        dialog.open()
        return dialog

    def save(self) -> Path | None:
        from leukotrack.gui.report_export import save_report

        try:
            start, end, paper = self._choices()
        except (LeukoTrackError, OSError) as exc:
            self._error(str(exc))
            return None
        suggested = str(Path.home() / f"leukotrack-report-{date.today().isoformat()}.pdf")
        chosen = self.choose_path(suggested)
        if not chosen:
            return None
        out = Path(chosen)
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        try:
            pages = save_report(self.main.db, out, start, end, paper)
        except (LeukoTrackError, OSError) as exc:
            self._error(f"The report was not saved: {exc}")
            return None
        self.main.view.statusBar().showMessage(f"Saved the report ({pages} pages) to {out}.", 10000)
        if self.view is not None:
            self.view.error.setText("")
        return out

    def _error(self, message: str) -> None:
        if self.view is not None:
            self.view.error.setText(message)
