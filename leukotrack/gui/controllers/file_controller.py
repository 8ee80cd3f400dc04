"""File → Import… and Export…, files dropped on the window, and the import wizard.

Every import goes through the wizard: the preview is shown first and nothing is stored until the
person presses Import. Several files (chosen together or dropped together) get one wizard each,
in turn. The file dialogs are attributes (`choose_import_files`, `choose_export_file`) so tests
and other callers can replace them.
"""

from __future__ import annotations

import re
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
from leukotrack.gui.views.import_view import ImportView, fill_table, fit_height

if TYPE_CHECKING:  # the importers load when first used, off the window's first paint
    from leukotrack.gui.controllers.main_controller import MainController
    from leukotrack.io.parsed import Problem
    from leukotrack.services.importing import ImportPreview

IMPORT_FILTERS = "Health records (*.json *.ndjson *.csv *.txt);;All files (*)"
# File dialog filter -> (export format, file suffix)
EXPORT_FILTERS: dict[str, tuple[str, str]] = {
    "CSV (*.csv)": ("csv", ".csv"),
    "LeukoTrack backup (*.json)": ("json", ".json"),
    "FHIR R4 (*.json)": ("fhir", ".json"),
}
KINDS = {
    "fhir": "FHIR R4 health record (for example an export from a patient portal)",
    "csv": "CSV spreadsheet",
    "backup": "LeukoTrack backup",
    "unreadable": "LeukoTrack cannot read this file",
}
_AMBIGUOUS = "could be day/month or month/day"
_DATE_IN_MESSAGE = re.compile(r"'\d{1,2}(?P<sep>[./-])\d{1,2}(?P=sep)\d{4}")
_CLI_DATE_HINT = re.compile(r"give the file's date format \(for example --date-format[^)]*\)")
_FORMAT_GIVEN = re.compile(r" \(the date format '[^']*' given for this file\)")


def gui_wording(message: str) -> str:
    """The services speak to the command line; in the window the date order is chosen above."""
    message = _FORMAT_GIVEN.sub(" (the date order chosen above)", message)
    return _CLI_DATE_HINT.sub("choose the file's date order above", message)


def date_format(order: str | None, separator: str) -> str | None:
    if order == "day":
        return f"%d{separator}%m{separator}%Y"
    if order == "month":
        return f"%m{separator}%d{separator}%Y"
    return None


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def summary_text(p: ImportPreview) -> str:
    """What importing would add, in a few plain sentences."""
    if p.kind == "unreadable":
        return "Nothing can be read from this file."
    noun = {"fhir": "resources", "csv": "rows"}.get(p.kind, "records")
    parts = [f"{_plural(p.rows, noun[:-1], noun)} read."]
    added = []
    if p.added_results:
        added.append(
            f"{_plural(p.added_results, 'blood count result')} "
            f"({_plural(p.new_draws, 'new blood test')})"
        )
    for n, one, many in (
        (p.temperatures, "temperature reading", None),
        (p.medications, "medicine", None),
        (p.diary_entries, "diary entry", "diary entries"),
    ):
        if n:
            added.append(_plural(n, one, many))
    verb = "Adds" if p.can_import else "Would add, once the problems are fixed,"
    parts.append(f"{verb} {', '.join(added)}." if added else "Adds nothing new.")
    if p.duplicates:
        parts.append(f"{_plural(p.duplicates, 'item')} already stored: skipped.")
    if p.fills_profile:
        parts.append("Your profile is empty: it will be filled from the file.")
    return " ".join(parts)


def result_rows(p: ImportPreview) -> list[tuple[str, ...]]:
    """In the order a lab report lists them: 'WBC — white blood cells', count, units."""
    order = list(ANALYTES)
    return [
        (
            f"{ANALYTES[key].short} — {ANALYTES[key].name}",
            str(p.new_results[key]),
            ", ".join(u or "(no unit)" for u in p.units_seen.get(key, ())),
        )
        for key in sorted(p.new_results, key=order.index)
    ]


def problem_rows(problems: tuple[Problem, ...]) -> list[tuple[str, ...]]:
    ordered = sorted(problems, key=lambda pr: pr.skipped)  # blocking first
    return [
        (pr.where, gui_wording(pr.message), "Left out" if pr.skipped else "Blocks import")
        for pr in ordered
    ]


def blocked_reason(p: ImportPreview) -> str:
    """Why Import is disabled, and what to do about it."""
    if p.kind == "unreadable":
        return (
            "This file cannot be imported. LeukoTrack reads FHIR R4 JSON (a Bundle, an "
            "Observation or NDJSON), CSV with a date column, and its own backups."
        )
    if any(_AMBIGUOUS in pr.message for pr in p.blocking):
        return (
            "Some dates could be read day-first or month-first. Choose the file's date order "
            "above; nothing has been stored."
        )
    return (
        f"Nothing can be imported while the file has {_plural(len(p.blocking), 'problem')} "
        "marked “Blocks import”. Correct those lines in the file (or the stored records they "
        "clash with) and import it again. Nothing has been stored."
    )


def added_message(p: ImportPreview) -> str:
    """The status bar line after a file was stored."""
    parts = []
    if p.added_results:
        parts.append(_plural(p.added_results, "result"))
    for n, one, many in (
        (p.temperatures, "temperature", None),
        (p.medications, "medicine", None),
        (p.diary_entries, "diary entry", "diary entries"),
    ):
        if n:
            parts.append(_plural(n, one, many))
    what = ", ".join(parts) if parts else "nothing new"
    skipped = f"; {p.duplicates} already stored" if p.duplicates else ""
    return f"Imported {p.path.name}: added {what}{skipped}."


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
        self.action_import.setShortcut(QKeySequence("Ctrl+I"))
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
        """One wizard per file, in turn (files already waiting keep their place)."""
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
        wizard = ImportView(self.main.view)
        self.wizard = wizard
        wizard.file_name.setText(path.name)
        wizard.file_name.setToolTip(str(path))
        wizard.date_order.currentIndexChanged.connect(self._date_order_changed)
        wizard.import_button.clicked.connect(self._import_clicked)
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
            if _AMBIGUOUS in pr.message and (m := _DATE_IN_MESSAGE.search(pr.message)):
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
            w.problems_heading.setText(
                f"{_plural(len(p.problems), 'problem')} ({', '.join(parts)})"
            )
        fill_table(w.problems, problem_rows(p.problems))
        w.problems.setVisible(bool(p.problems))
        w.import_button.setEnabled(p.can_import)
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
        wizard, preview = self.wizard, self._preview
        if wizard is None or preview is None or not preview.can_import:
            return
        from leukotrack.services.importing import import_files

        try:
            report = import_files(self.main.db, [preview.path], self._date_format())
        except (LeukoTrackError, OSError) as exc:
            self.show_error(f"{preview.path.name} was not imported: {exc}")
            return
        (done,) = report.files
        if not done.stored:  # the records changed since the preview: show why, keep the wizard
            self._show_preview(done.preview)
            return
        self.main.refresh()
        self.main.view.statusBar().showMessage(added_message(done.preview), 15000)
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
