"""The "Plan serial counts" dialog and the Overview's plan progress line. Layout only."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from leukotrack.domain.serial_plan import DEFAULT_DAYS, DEFAULT_WEEKS, MAX_WEEKS, WEEKDAY_NAMES
from leukotrack.gui.views.entry_view import error_label
from leukotrack.gui.views.form_dialog_view import date_edit


class SerialPlanDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan serial counts")
        self.setModal(True)
        outer = QVBoxLayout(self)
        intro = QLabel(
            "When your hematologist asks for blood counts two or three times a week for a few "
            "weeks, plan the test days here. LeukoTrack shows how many are done, and can put "
            "them in your calendar with a reminder.",
            self,
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        form = QFormLayout()
        self.start = date_edit(self)
        self.start.setObjectName("planStart")
        self.start.setAccessibleName("First day of the plan")
        self.weeks = QSpinBox(self)
        self.weeks.setObjectName("planWeeks")
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.weeks.setSuffix(" weeks")
        self.weeks.setAccessibleName("Number of weeks")
        days = QWidget(self)
        row = QHBoxLayout(days)
        row.setContentsMargins(0, 0, 0, 0)
        self.days: list[QCheckBox] = []
        for n, name in enumerate(WEEKDAY_NAMES):
            box = QCheckBox(name[:3], days)
            box.setObjectName(f"planDay{n}")
            box.setAccessibleName(name)
            box.setChecked(n in DEFAULT_DAYS)
            self.days.append(box)
            row.addWidget(box)
        form.addRow("&First day:", self.start)
        form.addRow("&For:", self.weeks)
        form.addRow("Test days:", days)
        outer.addLayout(form)
        self.preview = QLabel(self)
        self.preview.setObjectName("planPreview")
        self.preview.setWordWrap(True)
        outer.addWidget(self.preview)
        self.message = error_label(self)
        self.message.setObjectName("planMessage")
        outer.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.ok = QPushButton("&Start plan", self)
        self.ok.setObjectName("planStartButton")
        self.ok.setDefault(True)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.setMinimumWidth(480)


class PlanProgressLabel(QLabel):
    """'Serial-count plan: 8 of 18 tests done · next test Wednesday 4 March 2026'.

    A separate widget so that a redesigned Overview can place it where it fits.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serialPlanProgress")
        self.setWordWrap(True)
        self.setAccessibleName("Serial-count plan progress")
        self.hide()
