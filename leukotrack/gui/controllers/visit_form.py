"""The visit dialog's logic: fill from a visit, check as the person types, store via services."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QWidget

from leukotrack.domain.care import VISIT_WITH, Visit
from leukotrack.gui.controllers.diary_forms import FormController, Saved
from leukotrack.gui.views.visit_view import VisitDialogView
from leukotrack.services import visits
from leukotrack.services.editing import Record
from leukotrack.storage.db import Database


class VisitForm(FormController):
    def __init__(
        self, db: Database, on_saved: Saved, editing: Visit | None, parent: QWidget
    ) -> None:
        view = VisitDialogView(list(VISIT_WITH), parent)
        super().__init__(db, view, on_saved, editing)
        self.v = view
        tomorrow = datetime.combine(datetime.now().date() + timedelta(days=1), time(9, 0))
        view.at.setDateTime(QDateTime(editing.at if editing is not None else tomorrow))
        if editing is not None:
            view.with_whom.setCurrentText(editing.with_whom)
            view.note.setText(editing.note)
            view.questions.setPlainText(editing.questions)
        self.watch(
            view.at.dateTimeChanged,
            view.with_whom.currentTextChanged,
            view.note.textChanged,
            view.questions.textChanged,
        )

    def _values(self) -> tuple[datetime, str, str, str]:
        v = self.v
        at = v.at.dateTime().toPython()
        assert isinstance(at, datetime)
        return (
            at.replace(second=0, microsecond=0),
            v.with_whom.currentText(),
            v.note.text(),
            v.questions.toPlainText(),
        )

    def check(self) -> None:
        visits.check_visit(self.db, *self._values())

    def store(self) -> tuple[Record | None, Record]:
        if self.editing is None:
            return None, visits.add_visit(self.db, *self._values())
        return visits.edit_visit(self.db, self._id(), *self._values())
