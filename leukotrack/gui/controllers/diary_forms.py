"""The diary dialogs' logic: fill from a record, check as the person types, store through services."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QObject
from PySide6.QtWidgets import QWidget

from leukotrack.domain.errors import InputError, LeukoTrackError
from leukotrack.domain.records import (
    FatigueEntry,
    Infection,
    Medication,
    MedicationKind,
    TemperatureReading,
    Treatment,
)
from leukotrack.domain.units import format_number
from leukotrack.gui.views.form_dialog_view import (
    FatigueDialogView,
    FormDialogView,
    InfectionDialogView,
    MedicationDialogView,
    OptionalDate,
    TemperatureDialogView,
)
from leukotrack.services import diary
from leukotrack.services import editing as edits
from leukotrack.services.editing import Record
from leukotrack.storage.db import Database

Saved = Callable[[Record | None, Record], None]


def py_date(edit_date: QDate) -> date:
    value = edit_date.toPython()
    assert isinstance(value, date)
    return value


def optional_date(widget: OptionalDate) -> date | None:
    return py_date(widget.date.date()) if widget.known.isChecked() else None


def set_optional_date(widget: OptionalDate, value: date | None) -> None:
    widget.known.setChecked(value is not None)
    widget.date.setEnabled(value is not None)
    if value is not None:
        widget.date.setDate(QDate(value))


class FormController(QObject):
    """Common to the diary dialogs; subclasses read their fields and call their services.

    Save is enabled only while the form is valid, but a message shows only once the person has
    changed something (or pressed Save): a new, empty form does not open with an error.
    """

    def __init__(
        self, db: Database, view: FormDialogView, on_saved: Saved, editing: Record | None
    ) -> None:
        super().__init__(view)
        self.db = db
        self.view = view
        self.on_saved = on_saved
        self.editing = editing
        self.touched = False
        view.save.clicked.connect(self.save)
        view.cancel.clicked.connect(view.reject)

    def watch(self, *signals: object) -> None:
        for signal in signals:
            signal.connect(self._changed)  # type: ignore[attr-defined]
        self.validate()

    def _changed(self, *_: object) -> None:
        self.touched = True
        self.validate()

    def check(self) -> None:
        raise NotImplementedError

    def store(self) -> tuple[Record | None, Record]:
        raise NotImplementedError

    def validate(self, *_: object) -> bool:
        try:
            self.check()
        except InputError as exc:
            self._show(str(exc) if self.touched else "")
            self.view.save.setEnabled(False)
            return False
        self._show("")
        self.view.save.setEnabled(True)
        return True

    def _show(self, text: str) -> None:
        self.view.message.setText(text)
        self.view.message.setVisible(bool(text))

    def save(self) -> None:
        self.touched = True
        if not self.validate():
            return
        try:
            before, after = self.store()
        except LeukoTrackError as exc:  # bad input, or a full / read-only disk: keep what was typed
            self._show(str(exc))
            return
        self.on_saved(before, after)
        self.view.accept()

    def _id(self) -> int:
        assert self.editing is not None and self.editing.id is not None
        return self.editing.id


def _optional_date_signals(widget: OptionalDate) -> tuple[object, ...]:
    widget.known.toggled.connect(widget.date.setEnabled)
    return (widget.known.toggled, widget.date.dateChanged)


class TemperatureForm(FormController):
    def __init__(
        self, db: Database, on_saved: Saved, editing: TemperatureReading | None, parent: QWidget
    ) -> None:
        view = TemperatureDialogView(parent)
        super().__init__(db, view, on_saved, editing)
        self.v = view
        view.unit.addItems(["°C", "°F"])
        view.taken_at.setDateTime(QDateTime(datetime.now().replace(second=0, microsecond=0)))
        if editing is not None:
            view.taken_at.setDateTime(QDateTime(editing.taken_at))
            number, _, unit = editing.entered.partition(" ")
            view.value.setText(number)
            view.unit.setCurrentText(unit if unit in ("°C", "°F") else "°C")
        self.watch(
            view.value.textChanged, view.unit.currentTextChanged, view.taken_at.dateTimeChanged
        )

    def _values(self) -> tuple[datetime, str]:
        when = self.v.taken_at.dateTime().toPython()
        assert isinstance(when, datetime)
        text = self.v.value.text().strip()
        if text and text[-1].isdigit():
            text = f"{text} {self.v.unit.currentText()}"
        return when.replace(second=0, microsecond=0), text

    def check(self) -> None:
        when, text = self._values()
        if not text:
            raise InputError("Type the temperature, for example 38.4.")
        edits.check_temperature(self.db, when, text)

    def store(self) -> tuple[Record | None, Record]:
        if self.editing is None:
            return None, diary.add_temperature(self.db, *self._values())
        return edits.edit_temperature(self.db, self._id(), *self._values())


class FatigueForm(FormController):
    def __init__(
        self, db: Database, on_saved: Saved, editing: FatigueEntry | None, parent: QWidget
    ) -> None:
        view = FatigueDialogView(parent)
        super().__init__(db, view, on_saved, editing)
        self.v = view
        if editing is not None:
            view.day.setDate(QDate(editing.day))
            view.score.setValue(editing.score)
            view.note.setText(editing.note)
        self.watch(view.day.dateChanged, view.score.valueChanged, view.note.textChanged)

    def _values(self) -> tuple[date, int, str]:
        return py_date(self.v.day.date()), self.v.score.value(), self.v.note.text()

    def check(self) -> None:
        record_id = None if self.editing is None else self.editing.id
        day, score, note = self._values()
        chosen = score != self.v.score.minimum()
        edits.check_fatigue(self.db, day, score if chosen else 0, note, record_id=record_id)
        if not chosen:
            raise InputError("Choose a fatigue score from 0 (none) to 10 (worst).")

    def store(self) -> tuple[Record | None, Record]:
        if self.editing is None:
            return None, diary.add_fatigue(self.db, *self._values())
        return edits.edit_fatigue(self.db, self._id(), *self._values())


class InfectionForm(FormController):
    def __init__(
        self, db: Database, on_saved: Saved, editing: Infection | None, parent: QWidget
    ) -> None:
        view = InfectionDialogView([t.value for t in Treatment], parent)
        super().__init__(db, view, on_saved, editing)
        self.v = view
        if editing is not None:
            view.start.setDate(QDate(editing.start))
            set_optional_date(view.end, editing.end)
            view.kind.setText(editing.kind)
            view.treatment.setCurrentText(editing.treatment.value)
            if editing.max_temp_c is not None:
                view.max_temp.setText(f"{format_number(round(editing.max_temp_c, 1))} C")
        self.watch(
            view.start.dateChanged,
            *_optional_date_signals(view.end),
            view.kind.textChanged,
            view.treatment.currentTextChanged,
            view.max_temp.textChanged,
        )

    def _values(self) -> tuple[date, str, date | None, str, str | None]:
        v = self.v
        temp = v.max_temp.text().strip() or None
        return (
            py_date(v.start.date()),
            v.kind.text(),
            optional_date(v.end),
            v.treatment.currentText(),
            temp,
        )

    def check(self) -> None:
        edits.check_infection(self.db, *self._values())

    def store(self) -> tuple[Record | None, Record]:
        start, kind, end, treatment, temp = self._values()
        if self.editing is None:
            return None, diary.add_infection(self.db, start, kind, end, treatment, temp)
        return edits.edit_infection(self.db, self._id(), start, kind, end, treatment, temp)


class MedicationForm(FormController):
    def __init__(
        self, db: Database, on_saved: Saved, editing: Medication | None, parent: QWidget
    ) -> None:
        view = MedicationDialogView([k.value for k in MedicationKind], parent)
        super().__init__(db, view, on_saved, editing)
        self.v = view
        view.kind.setCurrentText(MedicationKind.OTHER.value)
        if editing is not None:
            view.name.setText(editing.name)
            view.dose.setText(editing.dose)
            view.kind.setCurrentText(editing.kind.value)
            view.start.setDate(QDate(editing.start))
            set_optional_date(view.stop, editing.stop)
        self.watch(
            view.name.textChanged,
            view.dose.textChanged,
            view.kind.currentTextChanged,
            view.start.dateChanged,
            *_optional_date_signals(view.stop),
        )

    def _values(self) -> tuple[str, date, date | None, str, str]:
        v = self.v
        return (
            v.name.text(),
            py_date(v.start.date()),
            optional_date(v.stop),
            v.dose.text(),
            v.kind.currentText(),
        )

    def check(self) -> None:
        edits.check_medication(self.db, *self._values())

    def store(self) -> tuple[Record | None, Record]:
        if self.editing is None:
            return None, diary.add_medication(self.db, *self._values())
        return edits.edit_medication(self.db, self._id(), *self._values())
