"""File → Import… and Export…, files dropped on the window, and the import wizard.

Every import goes through the wizard: the preview is shown first and nothing is stored until the
person presses Import. Several files (chosen together or dropped together) get one wizard each,
in turn. The file dialogs are attributes (`choose_import_files`, `choose_export_file`) so tests
and other callers can replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from leukotrack import APP_NAME
from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.errors import LeukoTrackError
from leukotrack.gui.controllers.import_wording import (
    AMBIGUOUS,
    DATE_IN_MESSAGE,
    KINDS,
    added_message,
    blocked_reason,
    date_format,
    offers_the_rest,
    plural,
    problem_rows,
    rest_button_text,
    result_rows,
    summary_text,
)

if TYPE_CHECKING:  # the importers and the wizard load when first used, off the first paint
    from leukotrack.gui.controllers.main_controller import MainController
    from leukotrack.gui.views.import_view import ImportView
    from leukotrack.services.importing import ImportPreview

IMPORT_FILTERS = "Health records (*.json *.ndjson *.csv *.txt);;All files (*)"
# File dialog filter -> (export format, file suffix)
EXPORT_FILTERS: dict[str, tuple[str, str]] = {
    "CSV (*.csv)": ("csv", ".csv"),
    "LeukoTrack backup (*.json)": ("json", ".json"),
    "FHIR R4 (*.json)": ("fhir", ".json"),
}


class _DropFilter(QObject):
    """Accepts local files dragged onto the main window."""

    def __init__(self, on_drop: Callable[[list[Path]], None], parent: QObject) -> None:
        super().__init__(parent)
        self.on_drop = on_drop

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, QDragEnterEvent | QDropEvent)
            if local_files(event):
                event.acceptProposedAction()
            else:
                event.ignore()
            return True
        if kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            files = local_files(event)
            if not files:
                event.ignore()
                return True
            event.acceptProposedAction()
            self.on_drop(files)
            return True
        return False


def local_files(event: QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [p for p in paths if p.is_file()]


class FileController:
    def __init__(self, main: MainController) -> None:
        self.main = main
        view = main.view
        self.choose_import_files: Callable[[], list[Path]] = self._ask_import_files
        self.choose_export_file: Callable[[], tuple[Path, str] | None] = self._ask_export_file
        self.wizard: ImportView | None = None
        self.message: QMessageBox | None = None
        self._queue: list[Path] = []
        self._preview: ImportPreview | None = None
        self._separator = "/"

        self.action_import = QAction("&Import…", view)
        self.action_import.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.action_import.setStatusTip("Import results from a FHIR, CSV or LeukoTrack file")
        self.action_import.triggered.connect(self.import_chosen)
        self.action_export = QAction("&Export…", view)
        self.action_export.setShortcut(QKeySequence("Ctrl+E"))
        self.action_export.setStatusTip("Save all records as CSV, a backup, or FHIR R4")
        self.action_export.triggered.connect(self.export_chosen)
        view.add_file_actions([self.action_import, self.action_export])

        welcome = view.overview.welcome
        self.welcome_import = QPushButton("Im&port a file (FHIR, CSV or a backup)…", welcome)
        self.welcome_import.setObjectName("welcomeImport")
        self.welcome_import.clicked.connect(self.import_chosen)
        welcome.import_slot.addWidget(self.welcome_import)

        view.setAcceptDrops(True)
        self._drop_filter = _DropFilter(self.import_paths, view)
        view.installEventFilter(self._drop_filter)

    # -- choosing files -------------------------------------------------------------------
    def _ask_import_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self.main.view, "Import a file", str(Path.home()), IMPORT_FILTERS
        )
        return [Path(n) for n in names]

    def _ask_export_file(self) -> tuple[Path, str] | None:
        default = Path.home() / f"leukotrack-{date.today().isoformat()}.csv"
        name, chosen = QFileDialog.getSaveFileName(
            self.main.view, "Export records", str(default), ";;".join(EXPORT_FILTERS)
        )
        if not name:
            return None
        fmt, suffix = EXPORT_FILTERS.get(chosen, ("csv", ".csv"))
        path = Path(name)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        return path, fmt

    # -- import ---------------------------------------------------------------------------
    def import_chosen(self) -> None:
        self.import_paths(self.choose_import_files())

    def import_paths(self, paths: list[Path]) -> None:
        """One wizard per file, in turn (files already waiting keep their place); a lab report
        PDF opens the review window instead."""
        from leukotrack.services.labreports import is_report

        reports = [p for p in paths if is_report(p)]
        if reports:
            self.main.report_import.open_report(reports[0])
            paths = [p for p in paths if not is_report(p)]
        if not paths:
            return
        if self.wizard is not None:
            self._queue.extend(paths)
            return
        if self.main.dialog is not None:
            self.main.view.statusBar().showMessage(
                "Close the open window first, then import the file again.", 8000
            )
            return
        self._queue.extend(paths)
        self._next_file()

    def _next_file(self) -> None:
        if not self._queue or self.main.dialog is not None:
            self._queue.clear()
            return
        path = self._queue.pop(0)
        self._separator = "/"
        preview = self._run_preview(path, None)
        if preview is None:
            self._queue.clear()
            return
        from leukotrack.gui.views.import_view import ImportView

        wizard = ImportView(self.main.view)
        self.wizard = wizard
        wizard.file_name.setText(path.name)
        wizard.file_name.setToolTip(str(path))
        wizard.date_order.currentIndexChanged.connect(self._date_order_changed)
        wizard.import_button.clicked.connect(self._import_clicked)
        wizard.import_rest_button.clicked.connect(self._import_rest_clicked)
        wizard.cancel.clicked.connect(wizard.reject)
        self._show_preview(preview)
        self.main._open_dialog(wizard)
        wizard.finished.connect(self._wizard_closed)
        first = wizard.import_button if preview.can_import else wizard.cancel
        (wizard.date_order if wizard.date_row.isVisibleTo(wizard) else first).setFocus()

    def _run_preview(self, path: Path, fmt: str | None) -> ImportPreview | None:
        from leukotrack.services.importing import preview_import

        try:
            return preview_import(self.main.db, path, fmt)
        except (LeukoTrackError, OSError) as exc:
            self.show_error(f"{path.name} could not be read: {exc}")
            return None

    def _show_preview(self, p: ImportPreview) -> None:
        w = self.wizard
        assert w is not None
        self._preview = p
        for pr in p.problems:
            if AMBIGUOUS in pr.message and (m := DATE_IN_MESSAGE.search(pr.message)):
                self._separator = m.group("sep")
                break
        w.kind.setText(KINDS.get(p.kind, p.kind))
        w.date_row.setVisible(p.kind == "csv")
        if p.can_import:
            w.summary_heading.setText("What will be added")
        elif p.kind == "unreadable":
            w.summary_heading.setText("Nothing to add")
        else:
            w.summary_heading.setText("What would be added once the problems are fixed")
        w.summary.setText(summary_text(p))
        from leukotrack.gui.views.import_view import fill_table, fit_height

        fill_table(w.results, result_rows(p))
        fit_height(w.results, len(ANALYTES))
        w.results.setVisible(bool(p.new_results))
        blocking, left_out = len(p.blocking), len(p.problems) - len(p.blocking)
        if not p.problems:
            w.problems_heading.setText("No problems found")
        else:
            parts = (
                [f"{blocking} {'blocks' if blocking == 1 else 'block'} the import"]
                if blocking
                else []
            )
            if left_out:
                parts.append(f"{left_out} left out")
            w.problems_heading.setText(f"{plural(len(p.problems), 'problem')} ({', '.join(parts)})")
        fill_table(w.problems, problem_rows(p.problems))
        w.problems.setVisible(bool(p.problems))
        w.import_button.setEnabled(p.can_import)
        w.import_rest_button.setVisible(offers_the_rest(p))
        w.import_rest_button.setText(rest_button_text(p) if offers_the_rest(p) else "")
        w.reason.setText("" if p.can_import else blocked_reason(p))
        w.reason.setVisible(not p.can_import)
        if p.can_import and left_out:
            note = "The lines marked “Left out” carry no usable value and are not imported."
        elif p.can_import and not (p.added_results or p.temperatures or p.medications):
            note = "Everything in this file is already stored."
        else:
            note = ""
        if p.can_import:
            note += (" " if note else "") + (
                "A copy of your records is saved first, in the backups folder."
            )
        w.note.setText(note)

    def _date_format(self) -> str | None:
        w = self.wizard
        assert w is not None
        return date_format(w.date_order.currentData(), self._separator)

    def _date_order_changed(self, _index: int) -> None:
        if self.wizard is None or self._preview is None:
            return
        preview = self._run_preview(self._preview.path, self._date_format())
        if preview is not None:
            self._show_preview(preview)

    def _import_clicked(self) -> None:
        preview = self._preview
        if preview is not None and preview.can_import:
            self._import(skip_problems=False)

    def _import_rest_clicked(self) -> None:
        """Store the good rows; the rows listed as blocking are stored nowhere."""
        preview = self._preview
        if preview is not None and offers_the_rest(preview):
            self._import(skip_problems=True)

    def _import(self, skip_problems: bool) -> None:
        wizard, preview = self.wizard, self._preview
        if wizard is None or preview is None:
            return
        from leukotrack.services.importing import import_files

        try:
            report = import_files(
                self.main.db, [preview.path], self._date_format(), skip_problems=skip_problems
            )
        except (LeukoTrackError, OSError) as exc:
            self.show_error(f"{preview.path.name} was not imported: {exc}")
            return
        (done,) = report.files
        if not done.stored:  # the records changed since the preview: show why, keep the wizard
            self._show_preview(done.preview)
            return
        self.main.refresh()
        message = added_message(done.preview, done.left_out_problems)
        self.main.view.statusBar().showMessage(message, 15000)
        wizard.accept()

    def _wizard_closed(self, _result: int) -> None:
        self.wizard = None
        self._preview = None
        if self._queue:
            QTimer.singleShot(0, self._next_file)

    # -- export ---------------------------------------------------------------------------
    def export_chosen(self) -> None:
        choice = self.choose_export_file()
        if choice is None:
            return
        path, fmt = choice
        from leukotrack.services.exporting import export_records

        try:
            export_records(self.main.db, fmt, path)
        except (LeukoTrackError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self.show_error(
                f"The records were not exported to {path}: {reason}. "
                "Choose another folder or file name and try again."
            )
            return
        label = next(f for f, (k, _) in EXPORT_FILTERS.items() if k == fmt).split(" (")[0]
        self.main.view.statusBar().showMessage(
            f"Exported your records as {label} to {path}.", 15000
        )
        from leukotrack.services.privacy import export_notice

        notice = export_notice(self.main.db)  # once per encrypted record
        if notice:
            self.show_notice(f"Exported to {path}. {notice.removeprefix('Note: ')}")

    # -- messages -------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        """A warning that does not block the event loop (tests read `self.message`)."""
        self._show(QMessageBox.Icon.Warning, "fileMessage", text)

    def show_notice(self, text: str) -> None:
        self._show(QMessageBox.Icon.Information, "fileNotice", text)

    def _show(self, icon: QMessageBox.Icon, name: str, text: str) -> None:
        box = QMessageBox(icon, APP_NAME, text, parent=self.main.view)
        box.setObjectName(name)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._message_closed)
        self.message = box
        box.open()

    def _message_closed(self, _result: int) -> None:
        self.message = None
