"""Profile and settings: fill the dialog from the stored profile, check, save via services."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QTableWidgetItem, QWidget

from leukotrack.domain.care import CareContact
from leukotrack.domain.dates import parse_date
from leukotrack.domain.errors import InputError, LeukoTrackError
from leukotrack.domain.records import CountUnit, Profile, ReferenceProfile, Sex, Thresholds
from leukotrack.gui.views.profile_view import ProfileView
from leukotrack.services.entry import EntryError
from leukotrack.services.profile import check_allergies, check_care_team, update_profile
from leukotrack.services.settings import (
    CLOZAPINE_SCHEMES,
    CTCAE_VERSIONS,
    EDITABLE_THRESHOLDS,
    parse_thresholds,
    threshold_texts,
)
from leukotrack.storage.db import Database

# Combo data are the enums' string values (Qt compares those reliably).
REFERENCES = {
    ReferenceProfile.ADULT.value: "Adult",
    ReferenceProfile.CHILD.value: "Child (age bands from the birth date)",
    ReferenceProfile.DUFFY_NULL.value: "Duffy-null associated neutrophil count",
}
COUNT_UNITS = {
    CountUnit.PER_NANOLITRE.value: "×10⁹/L (same numbers as K/µL)",
    CountUnit.CELLS_PER_UL.value: "cells/µL",
}
SEXES = {"": "Not given", Sex.FEMALE.value: "Female", Sex.MALE.value: "Male"}


class ProfileController(QObject):
    def __init__(
        self, db: Database, profile: Profile, on_saved: Callable[[Profile], None], parent: QWidget
    ) -> None:
        fields = [(k, label) for k, (label, *_rest) in EDITABLE_THRESHOLDS.items()]
        self.view = ProfileView(fields, parent)
        super().__init__(self.view)
        self.db = db
        self.profile = profile
        self.on_saved = on_saved
        v = self.view
        for combo, options in (
            (v.sex, SEXES),
            (v.reference, REFERENCES),
            (v.count_unit, COUNT_UNITS),
            (v.clozapine, CLOZAPINE_SCHEMES),
        ):
            for data, text in options.items():
                combo.addItem(text, data)
        for version in CTCAE_VERSIONS:
            v.ctcae.addItem(f"CTCAE v{version}", version)
        if profile.sex is not None:
            v.sex.removeItem(0)  # a stored sex can be changed but not taken back out
        v.name.setText(profile.name)
        v.birth_date.setText(profile.birth_date.isoformat() if profile.birth_date else "")
        select(v.sex, profile.sex.value if profile.sex else "")
        select(v.reference, profile.reference.value)
        select(v.count_unit, profile.count_unit.value)
        select(v.ctcae, profile.thresholds.ctcae_version)
        select(v.clozapine, profile.thresholds.clozapine_scheme)
        for key, text in threshold_texts(profile.thresholds).items():
            v.thresholds[key].setText(text)
        v.allergies.setPlainText(profile.allergies)
        for contact in profile.care_team:
            self.add_contact(contact)
        v.add_contact.clicked.connect(lambda: self.add_contact(None))
        v.remove_contact.clicked.connect(self.remove_contact)
        v.contacts.itemChanged.connect(self.validate)
        v.allergies.textChanged.connect(self.validate)
        for edit in (v.name, v.birth_date, *v.thresholds.values()):
            edit.textChanged.connect(self.validate)
        v.save.clicked.connect(self.save)
        v.cancel.clicked.connect(v.reject)
        self.validate()

    def add_contact(self, contact: CareContact | None) -> None:
        """A row for a contact (an empty one to type into when `contact` is None)."""
        table = self.view.contacts
        row = table.rowCount()
        table.insertRow(row)
        c = contact or CareContact("")
        for col, text in enumerate((c.name, c.role, c.phone)):
            table.setItem(row, col, QTableWidgetItem(text))
        line = QTableWidgetItem("24 hours")
        line.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        line.setCheckState(Qt.CheckState.Checked if c.around_the_clock else Qt.CheckState.Unchecked)
        table.setItem(row, 3, line)
        if contact is None:
            table.setCurrentCell(row, 0)
            table.editItem(table.item(row, 0))

    def remove_contact(self) -> None:
        table = self.view.contacts
        rows = sorted({i.row() for i in table.selectedIndexes()} or {table.currentRow()})
        for row in reversed(rows):
            if row >= 0:
                table.removeRow(row)
        self.validate()

    def contacts(self) -> list[CareContact]:
        table = self.view.contacts

        def text(row: int, col: int) -> str:
            item = table.item(row, col)
            return item.text() if item is not None else ""

        out = []
        for row in range(table.rowCount()):
            check = table.item(row, 3)
            checked = check is not None and check.checkState() == Qt.CheckState.Checked
            out.append(CareContact(text(row, 0), text(row, 1), text(row, 2), checked))
        return out

    def _thresholds(self) -> Thresholds:
        v = self.view
        texts = {k: e.text() for k, e in v.thresholds.items()}
        return parse_thresholds(
            self.profile.thresholds, texts, v.ctcae.currentData(), v.clozapine.currentData()
        )

    def validate(self, *_: object) -> bool:
        v = self.view
        message = ""
        try:
            if v.birth_date.text().strip():
                parse_date(v.birth_date.text())
            self._thresholds()
            check_care_team(self.contacts())
            check_allergies(v.allergies.toPlainText())
        except EntryError as exc:
            key, text = next(iter(exc.by_field.items()))
            known = EDITABLE_THRESHOLDS.get(key)
            message = f"{known[0]}: {text}" if known else text
        except InputError as exc:
            message = str(exc)
        v.message.setText(message)
        v.message.setVisible(bool(message))
        v.save.setEnabled(not message)
        return not message

    def save(self) -> None:
        if not self.validate():
            return
        v = self.view
        birth = v.birth_date.text().strip()
        try:
            saved = update_profile(
                self.db,
                name=v.name.text(),
                sex=Sex(v.sex.currentData()) if v.sex.currentData() else None,
                birth_date=parse_date(birth) if birth else None,
                reference=ReferenceProfile(v.reference.currentData()),
                count_unit=CountUnit(v.count_unit.currentData()),
                thresholds=self._thresholds(),
                allergies=v.allergies.toPlainText(),
                care_team=self.contacts(),
            )
        except LeukoTrackError as exc:  # bad input, or a full / read-only disk: keep what was typed
            v.message.setText(str(exc))
            v.message.setVisible(True)
            return
        self.on_saved(saved)
        v.accept()


def select(combo: QComboBox, data: str) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)
