"""File → Import lab report… (Ctrl+I), the welcome page's entry, PDFs dropped on the window,
and the Results tab's "Original report…" button (the kept PDF opens in the system's viewer)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QFileDialog, QPushButton

from leukotrack.domain.errors import LeukoTrackError

if TYPE_CHECKING:  # the reading pipeline and SQLAlchemy load with the first report, not at start
    from collections.abc import Sequence
    from datetime import date

    from leukotrack.gui.controllers.main_controller import MainController
    from leukotrack.gui.controllers.report_ocr import OcrProgress
    from leukotrack.gui.controllers.report_review_controller import (
        PageImage,
        ReportReviewController,
    )
    from leukotrack.io.labreport.ocr.read import FileReading
    from leukotrack.io.labreport.reading import ReportReading
    from leukotrack.services.labreports import SavedReport

REPORT_FILTER = (
    "Lab reports (*.pdf *.PDF *.png *.jpg *.jpeg *.JPG *.JPEG *.tif *.tiff *.webp *.PNG);;"
    "All files (*)"
)


def saved_message(name: str, saved: SavedReport) -> str:
    if saved.already_imported:
        return f"{name} was imported before ({saved.report.imported_at:%Y-%m-%d}); nothing added."
    skipped = f"; {saved.skipped} already stored, skipped" if saved.skipped else ""
    return (
        f"Imported {name}: added {saved.added} result{'s' if saved.added != 1 else ''} in "
        f"{saved.draws} blood test{'s' if saved.draws != 1 else ''}{skipped}. The original is "
        "kept with them (Results → Original report…)."
    )


class ReportImport:
    def __init__(self, main: MainController) -> None:
        self.main = main
        view = main.view
        self.choose_report: Callable[[], Path | None] = self._ask_report
        self.open_file: Callable[[Path], object] = lambda p: QDesktopServices.openUrl(
            QUrl.fromLocalFile(str(p))
        )
        self.review: ReportReviewController | None = None
        self.ocr: OcrProgress | None = None  # a photo being read

        self.action = QAction("Import &lab report…", view)
        self.action.setShortcut(QKeySequence("Ctrl+I"))
        self.action.setStatusTip(
            "Read the values from a lab report (a PDF, or a photo or scan of it), check them, then save"
        )
        self.action.triggered.connect(self.import_chosen)
        view.add_file_actions([self.action])

        welcome = view.overview.welcome
        self.welcome_button = QPushButton(
            "Import a &lab report (a PDF, or a photo of the paper)…", welcome
        )
        self.welcome_button.setObjectName("welcomeImportReport")
        self.welcome_button.clicked.connect(self.import_chosen)
        welcome.import_slot.insertWidget(0, self.welcome_button)

        results = view.results
        self.original = QPushButton("&Original report…", results)
        self.original.setObjectName("resultsOriginal")
        self.original.setToolTip("Open the lab report PDF this blood test was read from")
        self.original.clicked.connect(self.open_original)
        results.buttons.insertWidget(3, self.original)
        QTimer.singleShot(1500, self._warm_up)

    def _warm_up(self) -> None:
        """Load the reading pipeline and PDFium off the GUI thread once the window is up, so the
        review window opens quickly when a report is chosen (imports only: no Qt, no data)."""
        import threading

        def load() -> None:
            import pypdfium2  # noqa: F401

            import leukotrack.io.labreport.correct
            import leukotrack.io.labreport.pdf
            import leukotrack.io.labreport.reader
            import leukotrack.services.labreports  # noqa: F401

        threading.Thread(target=load, name="warm-labreport", daemon=True).start()

    def _ask_report(self) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            self.main.view, "Import a lab report", str(Path.home()), REPORT_FILTER
        )
        return Path(name) if name else None

    def import_chosen(self) -> None:
        path = self.choose_report()
        if path is not None:
            self.open_report(path)

    def open_report(self, path: Path) -> None:
        """Read the report and open the review window (nothing is stored until Save)."""
        from leukotrack.gui.controllers.report_review_controller import page_images
        from leukotrack.services.labreports import birth_date, needs_ocr, read_report

        if self.main.dialog is not None or self.ocr is not None:
            self.main.view.statusBar().showMessage(
                "Close the open window first, then import the report again.", 8000
            )
            return
        try:
            birth = birth_date(self.main.db)
            if needs_ocr(path):
                self._read_photo(path, birth)
                return
            reading = read_report(path, birth)
            pages = page_images(path, reading.pages)
        except (LeukoTrackError, OSError) as exc:
            self.main.files.show_error(f"{path.name} could not be read: {exc}")
            return
        self._review(path, reading, pages, birth)

    def _review(
        self, path: Path, reading: ReportReading, pages: Sequence[PageImage], birth: date | None
    ) -> None:
        from leukotrack.gui.controllers.report_review_controller import ReportReviewController
        from leukotrack.gui.views.report_review_view import ReportReviewView

        if self.main.dialog is not None:
            return
        view = ReportReviewView(self.main.view)
        self.review = ReportReviewController(
            self.main.db, view, path, reading, pages, self._saved, birth
        )
        view.finished.connect(self._closed)
        self.main._open_dialog(view)
        screen = self.main.view.screen().availableGeometry()
        width = min(1300, screen.width() - 40)
        view.resize(width, min(860, screen.height() - 60))
        view.splitter.setSizes([width * 9 // 20, width * 11 // 20])  # the table needs the room
        QTimer.singleShot(0, self.review.fit_page)
        view.table.setFocus()

    def _read_photo(self, path: Path, birth: date | None) -> None:
        """OCR off the GUI thread with a progress dialog; the review opens when it is done."""
        from leukotrack.gui.controllers.report_ocr import OcrProgress, ScannedPageImages

        def read(result: FileReading) -> None:
            self.ocr = None
            pages = ScannedPageImages(path, result.reading.pages, result.scanned)
            self._review(path, result.reading, pages, birth)

        def stopped() -> None:
            self.ocr = None
            self.main.view.statusBar().showMessage("Reading stopped; nothing was stored.", 8000)

        def failed(message: str) -> None:
            self.ocr = None
            self.main.files.show_error(message)

        self.ocr = OcrProgress(self.main.view, path, birth, read, failed, stopped)
        self.ocr.start()

    def _saved(self, saved: SavedReport) -> None:
        assert self.review is not None
        self.main.refresh()
        self.main.view.statusBar().showMessage(saved_message(self.review.path.name, saved), 15000)

    def _closed(self, _result: int) -> None:
        self.review = None

    def open_original(self) -> None:
        from leukotrack.services.labreports import report_sources, stored_report_copy
        from leukotrack.services.privacy import OPENED_REPORTS

        chosen = self.main.results.selected()
        if not chosen:
            self.main.view.statusBar().showMessage("Choose a blood test in the table first.", 8000)
            return
        draw = chosen[0]
        sources = report_sources(self.main.db, draw.id) if draw.id is not None else []
        if not sources:
            self.main.view.statusBar().showMessage(
                "This blood test was not read from a lab report.", 8000
            )
            return
        if self.main.db.key is not None:
            # an encrypted record never writes a report out in plain (not even a temporary file)
            self.main.files.show_notice(
                "The original report is kept encrypted inside your records. To open it in "
                "another program LeukoTrack would have to write it out unencrypted, so it does "
                "not while encryption is on; the results read from it are in the table."
            )
            return
        folder = self.main.data_dir / OPENED_REPORTS
        try:
            path = stored_report_copy(self.main.db, sources[0].report_id, folder)
        except (LeukoTrackError, OSError) as exc:
            self.main.files.show_error(f"The report could not be opened: {exc}")
            return
        self.open_file(path)
