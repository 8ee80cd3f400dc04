"""The Treatment tab's logic: the cycle dialog, the per-cycle table, the chart and the sentence."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QWidget

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.cycles import CYCLE_ANALYTES, CycleSummary
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Cycle
from leukotrack.gui.controllers.diary_forms import FormController, Saved, py_date
from leukotrack.gui.controllers.table_controller import TableController
from leukotrack.gui.models.record_table import Column
from leukotrack.gui.views.treatment_view import CycleDialogView, TreatmentView
from leukotrack.services import cycles as service
from leukotrack.services.cycles import CycleView, cycle_view
from leukotrack.services.cycles_text import headers, row_cells, window_text
from leukotrack.services.editing import Record
from leukotrack.services.timeline import Timeline
from leukotrack.storage.db import Database

EMPTY_HTML = (
    "<h3>No treatment cycles yet</h3>"
    "<p>If you are having chemotherapy, add each cycle with <b>Add cycle…</b>: day 1 is the "
    "day the treatment is given. LeukoTrack then lines up your blood counts by day of cycle, "
    "so you can see when they were lowest in each cycle and whether they were back up before "
    "the next one.</p>"
    "<p>Growth-factor injections (such as pegfilgrastim or filgrastim) go in the Medicines "
    "tab; they are marked on each cycle.</p>"
)


class CycleForm(FormController):
    def __init__(
        self, db: Database, on_saved: Saved, editing: Cycle | None, parent: QWidget
    ) -> None:
        view = CycleDialogView(parent)
        super().__init__(db, view, on_saved, editing)
        self.v = view
        if editing is not None:
            view.start.setDate(QDate(editing.start))
            view.regimen.setText(editing.regimen)
            view.length.setText("" if editing.length_days is None else str(editing.length_days))
            view.note.setText(editing.note)
        self.watch(
            view.start.dateChanged,
            view.regimen.textChanged,
            view.length.textChanged,
            view.note.textChanged,
        )

    def _values(self) -> tuple[date, str, str, str]:
        v = self.v
        return py_date(v.start.date()), v.regimen.text(), v.length.text(), v.note.text()

    def check(self) -> None:
        record_id = None if self.editing is None else self.editing.id
        service.check_cycle(self.db, *self._values(), record_id=record_id)

    def store(self) -> tuple[Record | None, Record]:
        if self.editing is None:
            return None, service.add_cycle(self.db, *self._values())
        return service.edit_cycle(self.db, self._id(), *self._values())


def _sort_number(s: CycleSummary) -> float:
    return s.number


def _sort_nadir(s: CycleSummary) -> float:
    return math.inf if s.nadir is None else s.nadir.value


def summary_columns(view: CycleView) -> list[Column[CycleSummary]]:
    """One column per cell of `cycles_text.row_cells`, sorted by cycle unless by numbers."""
    names = headers(view)
    keys: dict[int, Callable[[CycleSummary], object]] = {3: lambda s: len(s.points), 4: _sort_nadir}
    return [
        Column(
            name,
            (lambda s, i=i: row_cells(s)[i]),
            keys.get(i, _sort_number),
            numeric=i in (3, 4),
        )
        for i, name in enumerate(names)
    ]


class TreatmentController:
    def __init__(
        self,
        view: TreatmentView,
        open_form: Callable[[Record | None], None],
        delete: Callable[[list[Record]], None],
    ) -> None:
        self.view = view
        self.timeline: Timeline | None = None
        self.cycle_view: CycleView | None = None
        for key in CYCLE_ANALYTES:
            view.analyte.addItem(ANALYTES[key].short, key)
        view.empty.setText(EMPTY_HTML)
        empty = CycleView("anc", 1.5, [], None)
        self.table: TableController[CycleSummary] = TableController(
            view,
            summary_columns(empty),
            lambda s: open_form(None if s is None else s.span.cycle),
            lambda chosen: delete([s.span.cycle for s in chosen]),
            "cycle",
        )
        view.analyte.currentIndexChanged.connect(self._redraw)
        view.shown.connect(self._draw_chart)

    @property
    def analyte(self) -> str:
        key = self.view.analyte.currentData()
        return key if isinstance(key, str) else "anc"

    def show(self, timeline: Timeline) -> None:
        self.timeline = timeline
        self._redraw()

    def _redraw(self, *_: object) -> None:
        if self.timeline is None:
            return
        try:
            cv = cycle_view(self.timeline, self.analyte)
        except InputError:  # pragma: no cover - the picker offers only known counts
            return
        self.cycle_view = cv
        v = self.view
        v.show_empty(not cv.summaries)
        self.table.set_columns(summary_columns(cv))
        self.table.set_records(cv.summaries)
        v.sentence.setText(window_text(cv))
        v.sentence.setVisible(bool(v.sentence.text()))
        if v.chart is not None or v.isVisible():
            self._draw_chart()

    def _draw_chart(self) -> None:
        if self.cycle_view is not None:
            self.view.ensure_chart().show_view(self.cycle_view)
