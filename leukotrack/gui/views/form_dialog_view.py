"""Small dialogs for the diary: a form, a message line, Save and Cancel. Layout only."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leukotrack.gui.views.entry_view import error_label


class FormDialogView(QDialog):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        outer = QVBoxLayout(self)
        self.form = QFormLayout()
        outer.addLayout(self.form)
        self.message = error_label(self)
        self.message.setObjectName("formMessage")
        outer.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton("&Save", self)
        self.save.setObjectName("formSave")
        self.save.setDefault(True)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def add_row(self, label: str, widget: QWidget, accessible: str) -> None:
        widget.setAccessibleName(accessible)
        self.form.addRow(label, widget)


def date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(QDate.currentDate())
    return edit


class OptionalDate(QWidget):
    """A date that may be left out (an ongoing infection, a medicine still taken)."""

    def __init__(self, checkbox_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.known = QCheckBox(checkbox_text, self)
        self.date = date_edit(self)
        self.date.setEnabled(False)
        layout.addWidget(self.known)
        layout.addWidget(self.date, 1)


class TemperatureDialogView(FormDialogView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Temperature", parent)
        self.taken_at = QDateTimeEdit(self)
        self.taken_at.setCalendarPopup(True)
        self.taken_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.value = QLineEdit(self)
        self.value.setObjectName("temperatureValue")
        self.value.setPlaceholderText("e.g. 38.4")
        self.unit = QComboBox(self)
        self.unit.setObjectName("temperatureUnit")
        self.add_row("&When:", self.taken_at, "Time of the reading")
        self.add_row("&Temperature:", self.value, "Temperature")
        self.add_row("&Unit:", self.unit, "Temperature unit")


NO_SCORE = -1


class FatigueDialogView(FormDialogView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Fatigue", parent)
        self.day = date_edit(self)
        self.score = QSpinBox(self)
        self.score.setObjectName("fatigueScore")
        # One below 0 stands for "no score yet": a new form must not record 0 by accident.
        self.score.setRange(NO_SCORE, 10)
        self.score.setValue(NO_SCORE)
        self.score.setSpecialValueText("choose 0 (none) to 10 (worst)")
        self.score.setSuffix("  (0 none – 10 worst)")
        self.note = QLineEdit(self)
        self.note.setObjectName("fatigueNote")
        self.add_row("&Date:", self.day, "Date")
        self.add_row("&Fatigue:", self.score, "Fatigue score from 0 to 10")
        self.add_row("&Note:", self.note, "Note")


class InfectionDialogView(FormDialogView):
    def __init__(self, treatments: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Infection", parent)
        self.start = date_edit(self)
        self.end = OptionalDate("Ended on", self)
        self.kind = QLineEdit(self)
        self.kind.setObjectName("infectionKind")
        self.kind.setPlaceholderText("e.g. chest infection")
        self.treatment = QComboBox(self)
        self.treatment.addItems(treatments)
        self.max_temp = QLineEdit(self)
        self.max_temp.setObjectName("infectionMaxTemp")
        self.max_temp.setPlaceholderText("e.g. 38.6 C or 101.5 F (optional)")
        self.add_row("&Started:", self.start, "Start date")
        self.add_row("&Ended:", self.end, "End date")
        self.end.known.setAccessibleName("The infection has ended")
        self.add_row("&Kind:", self.kind, "Kind of infection")
        self.add_row("&Treatment:", self.treatment, "Treatment")
        self.add_row("&Highest temperature:", self.max_temp, "Highest temperature")


class MedicationDialogView(FormDialogView):
    def __init__(self, kinds: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Medicine", parent)
        self.name = QLineEdit(self)
        self.name.setObjectName("medicineName")
        self.dose = QLineEdit(self)
        self.dose.setObjectName("medicineDose")
        self.dose.setPlaceholderText("e.g. 200 mg at night")
        self.kind = QComboBox(self)
        self.kind.addItems(kinds)
        self.start = date_edit(self)
        self.stop = OptionalDate("Stopped on", self)
        self.add_row("&Name:", self.name, "Medicine name")
        self.add_row("&Dose:", self.dose, "Dose")
        self.add_row("&Kind:", self.kind, "Kind of medicine")
        self.add_row("&Started:", self.start, "Start date")
        self.add_row("St&opped:", self.stop, "Stop date")
        self.stop.known.setAccessibleName("The medicine has been stopped")
