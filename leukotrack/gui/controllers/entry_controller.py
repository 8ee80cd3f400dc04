"""The logic of "Add results": checking as the person types, live ANC, lab ranges, saving."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QDateTime, QObject
from PySide6.QtWidgets import QWidget

from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.errors import LeukoTrackError
from leukotrack.domain.records import Draw, Profile
from leukotrack.domain.reference import default_range
from leukotrack.domain.units import format_number
from leukotrack.gui.views.entry_view import EntryView
from leukotrack.services.editing import find_draw_at
from leukotrack.services.entry import (
    EntryError,
    ResultEntry,
    build_draw,
    entry_from_draw,
    range_text,
    record_results,
    update_draw,
)
from leukotrack.services.preferences import (
    known_labs,
    last_lab_ranges,
    remember_units,
    remembered_units,
    unit_by_symbol,
    unit_choices,
)
from leukotrack.services.results import show_value
from leukotrack.storage.db import Database

# The order of a typical lab report: totals, then the differential, then red cells and platelets.
FORM_ANALYTES = (
    "wbc",
    "neutrophils_pct",
    "bands_pct",
    "anc",
    "bands",
    "lymphocytes",
    "lymphocytes_pct",
    "monocytes",
    "monocytes_pct",
    "eosinophils",
    "eosinophils_pct",
    "basophils",
    "basophils_pct",
    "hemoglobin",
    "platelets",
)
_BARE_NUMBER = re.compile(r"\s*(<=?|>=?)?\s*[0-9][0-9.,]*\s*")

# (draw before, draw after); before is None when a new draw was stored
Saved = Callable[[Draw | None, Draw], None]


# Row names where the analyte's own name would be unclear on a lab report's terms.
FORM_LABELS = {"anc": "Neutrophils, absolute (ANC)"}


def form_label(key: str) -> str:
    return FORM_LABELS.get(key) or ANALYTES[key].name.capitalize()


def new_entry_view(parent: QWidget | None) -> EntryView:
    return EntryView([(k, form_label(k)) for k in FORM_ANALYTES], parent)


class EntryController(QObject):
    """Drives one EntryView. With `editing`, the dialog corrects that stored draw."""

    def __init__(
        self,
        db: Database,
        view: EntryView,
        profile: Profile,
        on_saved: Saved,
        editing: Draw | None = None,
    ) -> None:
        super().__init__(view)
        self.db = db
        self.view = view
        self.profile = profile
        self.on_saved = on_saved
        self.editing = editing
        self._prefilled: dict[str, str] = {}  # range texts we filled in (not typed)
        self._setup()

    # -- setup ------------------------------------------------------------------------------
    def _setup(self) -> None:
        v = self.view
        units = remembered_units(self.db)
        for key, row in v.rows.items():
            for unit in unit_choices(key):
                row.unit.addItem(unit.symbol)
            row.unit.setEnabled(row.unit.count() > 1)
            if key in units:
                row.unit.setCurrentText(units[key])
        for key in v.rows:
            self._show_range_example(key)
        v.lab.addItems(known_labs(self.db))
        v.lab.setCurrentText("")
        now = datetime.now().replace(second=0, microsecond=0)
        v.taken_at.setDateTime(QDateTime(now))
        if self.editing is not None:
            self._fill_from(self.editing)
        for row in v.rows.values():
            row.value.textChanged.connect(self.validate)
            row.range.textChanged.connect(self.validate)
            row.range.textEdited.connect(lambda _t, k=row.key: self._prefilled.pop(k, None))
            row.unit.currentTextChanged.connect(lambda _t, k=row.key: self._unit_changed(k))
        v.taken_at.dateTimeChanged.connect(self.validate)
        v.lab.currentTextChanged.connect(self._lab_changed)
        v.save.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)
        self.validate()

    def _fill_from(self, draw: Draw) -> None:
        v = self.view
        v.setWindowTitle(f"Edit results of {draw.taken_at:%Y-%m-%d %H:%M}")
        entry = entry_from_draw(draw)
        v.taken_at.setDateTime(QDateTime(entry.taken_at))
        v.lab.setCurrentText(entry.lab)
        for key, text in entry.values.items():
            row = v.rows[key]
            number, _, unit = text.partition(" ")
            if unit and row.unit.findText(unit) >= 0:
                row.unit.setCurrentText(unit)
                row.value.setText(number)
            else:
                row.value.setText(text)
            row.range.setText(entry.ranges.get(key, ""))

    # -- reacting to typing -----------------------------------------------------------------
    def _lab_changed(self, lab: str) -> None:
        """Prefill range fields from this lab's last report (never over what was typed)."""
        ranges = last_lab_ranges(self.db, lab)
        for key, row in self.view.rows.items():
            typed = row.range.text() and key not in self._prefilled
            if typed:
                continue
            if key in ranges:
                low, high = ranges[key]
                text = range_text(low, high, unit_by_symbol(key, row.unit.currentText()))
                self._prefilled[key] = text
                row.range.setText(text)
            elif key in self._prefilled:
                del self._prefilled[key]
                row.range.clear()
        self.validate()

    def _show_range_example(self, key: str) -> None:
        """The range box's grey hint: the profile's usual range for this row, in its unit."""
        row = self.view.rows[key]
        usual = default_range(key, self.profile, datetime.now().date())
        example = ""
        if usual is not None and usual.low is not None and usual.high is not None:
            unit = unit_by_symbol(key, row.unit.currentText())
            low, high = (_three_digits(unit.from_canonical(x)) for x in (usual.low, usual.high))
            example = f"{low}-{high}"
        row.range.setPlaceholderText(f"low-high, e.g. {example}" if example else "low-high")

    def _unit_changed(self, key: str) -> None:
        self._show_range_example(key)
        if key in self._prefilled:
            self._lab_changed(self.view.lab.currentText())
        self.validate()

    def entry(self) -> ResultEntry:
        v = self.view
        values: dict[str, str] = {}
        ranges: dict[str, str] = {}
        for key, row in v.rows.items():
            text = row.value.text().strip()
            if not text:
                continue
            if _BARE_NUMBER.fullmatch(text):
                text = f"{text} {row.unit.currentText()}"
            values[key] = text
            if row.range.text().strip():
                ranges[key] = row.range.text().strip()
        when = v.taken_at.dateTime().toPython()
        assert isinstance(when, datetime)
        source = self.editing.source if self.editing is not None else "manual"
        return ResultEntry(
            when.replace(second=0, microsecond=0), values, v.lab.currentText(), ranges, source
        )

    def validate(self) -> bool:
        """Check everything typed so far; show each message beside its field. True if valid."""
        v = self.view
        errors: dict[str, str] = {}
        draw: Draw | None = None
        try:
            draw = build_draw(self.entry(), self.profile, datetime.now())
        except EntryError as exc:
            errors = exc.by_field
        for key, row in v.rows.items():
            text = errors.get(key) or errors.get(f"{key}.range", "")
            show(row.message, text)
            row.value.setProperty("invalid", key in errors)
        show(v.taken_at_message, errors.get("taken_at", ""))
        show(v.message, errors.get("differential", ""))
        empty = set(errors) == {"values"}
        v.hint.setText(
            "Type the results from the lab report; a value without a unit takes the unit "
            "beside it. Enter saves, Escape cancels."
            if empty
            else ""
        )
        self._show_calculated_anc(draw)
        v.save.setEnabled(draw is not None)
        return draw is not None

    def _show_calculated_anc(self, draw: Draw | None) -> None:
        calc = draw.get("anc") if draw is not None else None
        label = self.view.calculated_anc
        if calc is None or not calc.calculated:
            label.clear()
            return
        shown = show_value("anc", calc.value, self.profile.count_unit)
        label.setText(f"ANC (calculated from WBC and differential): {shown}")

    # -- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        if not self.validate():
            return
        entry = self.entry()
        try:
            if self.editing is not None:
                assert self.editing.id is not None
                before: Draw | None = self.editing
                after = update_draw(self.db, self.editing.id, entry)
            else:
                before = find_draw_at(self.db, entry.taken_at)
                after = record_results(self.db, entry)
        except LeukoTrackError as exc:  # bad input, or a full / read-only disk: keep what was typed
            show(self.view.message, str(exc))
            return
        remember_units(self.db, self._units_used(entry))
        self.on_saved(before, after)
        self.view.accept()

    def _units_used(self, entry: ResultEntry) -> dict[str, str]:
        """The picker's unit for each value typed as a bare number (the others named their own)."""
        rows = self.view.rows
        return {
            key: rows[key].unit.currentText()
            for key in entry.values
            if _BARE_NUMBER.fullmatch(rows[key].value.text())
        }


def _three_digits(value: float) -> str:
    """An example number, rounded to three significant digits: 7.45, 10.6, 4500."""
    return format_number(float(f"{value:.3g}"))


def show(label: QWidget, text: str) -> None:
    label.setText(text)  # type: ignore[attr-defined]
    label.setVisible(bool(text))
