"""Connects the main window to the services: refresh after every change, undo/redo, dialogs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox

from leukotrack import APP_NAME, NOT_A_DIAGNOSIS, __version__
from leukotrack.domain.care import Visit
from leukotrack.domain.growth_factors import is_growth_factor
from leukotrack.domain.medicines import lowers_white_cells, match_medicine
from leukotrack.domain.records import (
    Cycle,
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    Profile,
    TemperatureReading,
)
from leukotrack.domain.reminders import Reminder
from leukotrack.gui.controllers.backup_controller import BackupController
from leukotrack.gui.controllers.chart_controller import ChartController
from leukotrack.gui.controllers.commands import IdMap, RecordChange
from leukotrack.gui.controllers.file_controller import FileController
from leukotrack.gui.controllers.learn_controller import LearnController
from leukotrack.gui.controllers.overview_controller import FlagLike, OverviewController
from leukotrack.gui.controllers.patterns_controller import PatternsController
from leukotrack.gui.controllers.privacy_controller import PrivacyController
from leukotrack.gui.controllers.reminders_controller import RemindersController
from leukotrack.gui.controllers.report_controller import ReportController
from leukotrack.gui.controllers.report_import import ReportImport
from leukotrack.gui.controllers.table_controller import TableController
from leukotrack.gui.controllers.treatment_controller import CycleForm, TreatmentController
from leukotrack.gui.controllers.visit_form import VisitForm
from leukotrack.gui.models.columns import (
    FATIGUE_COLUMNS,
    INFECTION_COLUMNS,
    VISIT_COLUMNS,
    draw_columns,
    medication_columns,
    temperature_columns,
)
from leukotrack.gui.views.main_view import MainView
from leukotrack.services.editing import Record, delete_record
from leukotrack.services.flags import flags_and_next_test as flags_and_next
from leukotrack.services.overview import short_when
from leukotrack.services.timeline import Timeline, load_timeline
from leukotrack.services.visits import next_visit_text
from leukotrack.storage.db import Database

if TYPE_CHECKING:
    from leukotrack.gui.controllers.diary_forms import FormController

# timeline -> (active flags, or None when this build computes none; the next blood test)
FlagSource = Callable[[Timeline], tuple[list[FlagLike] | None, Reminder | None]]


def describe(record: Record) -> str:
    """A few words for the undo menu: 'blood test of 2026-03-03 09:30'."""
    if isinstance(record, Draw):
        return f"blood test of {record.taken_at:%Y-%m-%d %H:%M}"
    if isinstance(record, TemperatureReading):
        return f"temperature of {record.taken_at:%Y-%m-%d %H:%M}"
    if isinstance(record, FatigueEntry):
        return f"fatigue score of {record.day.isoformat()}"
    if isinstance(record, Infection):
        return f"infection of {record.start.isoformat()}"
    if isinstance(record, Visit):
        return f"visit of {short_when(record.at)}"
    if isinstance(record, Cycle):
        return f"treatment cycle of {record.start.isoformat()}"
    return f"medicine {record.name}"


def flags_and_next_test(timeline: Timeline) -> tuple[list[FlagLike] | None, Reminder | None]:
    """Flags and the next blood test, as of now, from the snapshot the window shows."""
    flags, reminder = flags_and_next(timeline, datetime.now())
    return list(flags), reminder


def white_cell_mark(med: Medication) -> str:
    """The Medicines tab's note for a medicine known (or marked) to lower white cells, or a
    growth factor (which raises neutrophils)."""
    if is_growth_factor(med):
        return "★ growth factor (G-CSF)"
    if match_medicine(med.name) is not None:
        return "▼ known to lower white cells"
    if lowers_white_cells(med):
        return f"▼ may lower white cells ({med.kind.value})"
    return ""


class MainController:
    def __init__(
        self,
        db: Database,
        view: MainView,
        data_dir: Path,
        open_demo: Callable[[], None] | None = None,
        flag_source: FlagSource = flags_and_next_test,
        restore_backup: Callable[[str], None] | None = None,
    ) -> None:
        self.db = db
        self.view = view
        self.data_dir = data_dir
        self.flag_source = flag_source
        self.timeline: Timeline = load_timeline(db)
        self.undo_stack = QUndoStack(view)
        self.ids = IdMap()
        self.dialog: QDialog | None = None
        self._closed = False
        self.learn = LearnController(view, lambda: self.timeline)
        self.overview = OverviewController(view.overview, self.learn.open)
        self.chart = ChartController(view.overview)
        self.patterns = PatternsController(
            db, view.patterns, view.tabs, view.plan_progress, self.refresh
        )
        self._setup_actions(open_demo)
        self.files = FileController(self)
        self.reports = ReportController(self)
        self.reminders = RemindersController(self)
        if restore_backup is not None:
            self.backups = BackupController(self, restore_backup)
        self.privacy = PrivacyController(self, view.close)
        profile = self.timeline.profile
        self.results = TableController(
            view.results, draw_columns(profile), self.open_entry, self.delete, "blood test"
        )
        self.temperatures = TableController(
            view.temperatures,
            temperature_columns(profile),
            self._form("TemperatureForm"),
            self.delete,
            "reading",
        )
        self.fatigue = TableController(
            view.fatigue, FATIGUE_COLUMNS, self._form("FatigueForm"), self.delete, "day"
        )
        self.infections = TableController(
            view.infections, INFECTION_COLUMNS, self._form("InfectionForm"), self.delete, "episode"
        )
        self.medicines = TableController(
            view.medicines,
            medication_columns(white_cell_mark),
            self._form("MedicationForm"),
            self.delete,
            "medicine",
            sort_column=3,
        )
        self.report_import = ReportImport(self)
        self.visits = TableController(
            view.visits, VISIT_COLUMNS, self._form(VisitForm), self.delete, "visit"
        )
        view.overview.emergency_sheet.clicked.connect(lambda: self.reports.open("emergency"))
        self.treatment = TreatmentController(view.treatment, self._form(CycleForm), self.delete)
        self.undo_stack.indexChanged.connect(self._stack_changed)
        self.refresh(self.timeline)

    def _setup_actions(self, open_demo: Callable[[], None] | None) -> None:
        v = self.view
        undo = self.undo_stack.createUndoAction(v, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(v, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        v.edit_menu.addAction(undo)
        v.edit_menu.addAction(redo)
        v.action_undo, v.action_redo = undo, redo
        v.action_add_results.triggered.connect(lambda: self.open_entry(None))
        v.overview.add_results.clicked.connect(lambda: self.open_entry(None))
        v.overview.welcome.first_results.clicked.connect(lambda: self.open_entry(None))
        v.action_profile.triggered.connect(self.open_profile)
        v.action_quit.triggered.connect(v.close)
        v.action_about.triggered.connect(self.show_about)
        v.action_learn.triggered.connect(lambda: self.learn.open(None))
        if open_demo is None:
            v.overview.welcome.demo.hide()
            v.overview.welcome.demo_note.hide()
        else:
            v.overview.welcome.demo.clicked.connect(open_demo)

    def close(self) -> None:
        """The window is closing: stop reacting (the stack empties itself as it is destroyed)."""
        if self._closed:
            return
        self._closed = True
        self.privacy.close()
        self.chart.close()
        self.reminders.close()
        self.patterns.close()
        self.undo_stack.indexChanged.disconnect(self._stack_changed)
        if self.dialog is not None:
            self.dialog.reject()

    def _stack_changed(self, _index: int) -> None:
        self.refresh()

    # -- refreshing -----------------------------------------------------------------------
    def refresh(self, timeline: Timeline | None = None) -> None:
        """Show the records as stored now (or the snapshot just read)."""
        self.timeline = t = timeline if timeline is not None else load_timeline(self.db)
        flags, next_due = self.flag_source(t)
        self.overview.show(t, flags, next_due, date.today())
        self.chart.show(t)
        self.patterns.show(t)
        self.results.set_columns(draw_columns(t.profile))
        self.results.set_records(t.draws)
        self.temperatures.set_columns(temperature_columns(t.profile))
        self.temperatures.set_records(t.temperatures)
        self.fatigue.set_records(t.fatigue)
        self.infections.set_records(t.infections)
        self.medicines.set_records(t.medications)
        self.visits.set_records(t.visits)
        self.overview.show_next_visit(next_visit_text(t.visits, datetime.now()))
        self.treatment.show(t)

    # -- changes --------------------------------------------------------------------------
    def record_change(self, before: Record | None, after: Record | None) -> None:
        """Push a change that has just been stored (adds, edits and deletes alike)."""
        subject = after if after is not None else before
        assert subject is not None
        verb = "Add" if before is None else ("Delete" if after is None else "Edit")
        text = f"{verb} {describe(subject)}"
        self.undo_stack.push(RecordChange(self.db, text, before, after, self.show_error, self.ids))
        self.view.statusBar().showMessage(f"{text} — done. Ctrl+Z undoes it.", 8000)

    def delete(self, records: list[Record]) -> None:
        if len(records) > 1:
            self.undo_stack.beginMacro(f"Delete {len(records)} records")
        try:
            for record in records:
                delete_record(self.db, record)
                self.record_change(record, None)
        finally:
            if len(records) > 1:
                self.undo_stack.endMacro()

    def show_error(self, exc: Exception) -> None:
        QMessageBox.warning(self.view, APP_NAME, str(exc))
        self.refresh()

    # -- dialogs --------------------------------------------------------------------------
    def _open_dialog(self, dialog: QDialog) -> None:
        """Window-modal, without blocking the event loop; `self.dialog` is the one open."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.finished.connect(self._dialog_closed)
        dialog.open()

    def _dialog_closed(self) -> None:
        self.dialog = None

    def open_entry(self, draw: Draw | None) -> None:
        from leukotrack.gui.controllers.entry_controller import EntryController, new_entry_view

        view = new_entry_view(self.view)
        EntryController(self.db, view, self.timeline.profile, self.record_change, draw)
        self._open_dialog(view)

    def _form(self, form: str | type[FormController]) -> Callable[[Record | None], None]:
        """The opener of one record form. A diary form is named, so that the diary forms'
        module loads only when one of them first opens."""

        def open_form(record: Record | None) -> None:
            form_class = form
            if isinstance(form_class, str):
                from leukotrack.gui.controllers import diary_forms

                form_class = getattr(diary_forms, form_class)
            assert not isinstance(form_class, str)
            controller = form_class(self.db, self.record_change, record, self.view)
            self._open_dialog(controller.view)

        return open_form

    def open_profile(self) -> None:
        from leukotrack.gui.controllers.profile_controller import ProfileController

        controller = ProfileController(
            self.db, self.timeline.profile, self._profile_saved, self.view
        )
        self._open_dialog(controller.view)

    def _profile_saved(self, _profile: Profile) -> None:
        self.refresh()

    def show_about(self) -> None:
        QMessageBox.about(
            self.view,
            f"About {APP_NAME}",
            f"<h3>{APP_NAME} {__version__}</h3>"
            "<p>A personal record of blood counts, temperatures, infections and medicines "
            "for people living with a low white-cell count.</p>"
            f"<p>{NOT_A_DIAGNOSIS}</p>"
            f"<p>Data folder: {self.data_dir}</p>",
        )
