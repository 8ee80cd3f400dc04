"""File → Plan my next blood test…: every N days after the latest result, on a date, or none."""

from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QSpinBox, QWidget

from leukotrack.domain.reminders import EVERY_DAYS_MAX
from leukotrack.gui.views.form_dialog_view import FormDialogView, date_edit


class PlanView(FormDialogView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Plan my next blood test", parent)
        self.setObjectName("planDialog")
        intro = QLabel(
            "LeukoTrack shows the soonest test from every plan on the Overview, and reminds you "
            "when you open it on the day or later. Your care team sets your actual schedule.",
            self,
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.choice = QButtonGroup(self)
        self.every = QRadioButton("&Every", self)
        self.on = QRadioButton("&On a date", self)
        self.none = QRadioButton("&No plan of my own", self)
        self.days = QSpinBox(self)
        self.days.setRange(1, EVERY_DAYS_MAX)
        self.days.setValue(28)
        self.days.setSuffix(" days after my latest blood test")
        self.date = date_edit(self)
        for button in (self.every, self.on, self.none):
            self.choice.addButton(button)
        self.add_row("", self.every, "Every few days after my latest blood test")
        self.add_row("", self.days, "Days between blood tests")
        self.add_row("", self.on, "On a date")
        self.add_row("", self.date, "Date of the next blood test")
        self.add_row("", self.none, "No plan of my own")
