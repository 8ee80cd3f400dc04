"""The "Add results" dialog: date and time, lab, and one row per analyte. Layout only."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from leukotrack.gui.views.style import message_colour

VALUE_MIN_CHARS = 11  # "< 0.5" or "1,234.5" stays readable with a large font
RANGE_MIN_CHARS = 14
SPARE_WIDTH_CHARS = 16  # beyond the narrowest the rows can be, for long values and ranges
SCREEN_SHARE = 0.92  # of the screen's free area the dialog may take


@dataclass
class AnalyteRow:
    key: str
    label: QLabel
    value: QLineEdit
    unit: QComboBox
    range: QLineEdit
    message: QLabel


def error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {message_colour()};")
    label.hide()
    return label


class EntryView(QDialog):
    def __init__(self, analytes: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        """`analytes`: (key, label) for each row, in the order a lab report lists them."""
        super().__init__(parent)
        self.setObjectName("entryDialog")
        self.setWindowTitle("Add results")
        self.setModal(True)
        outer = QVBoxLayout(self)

        top = QFormLayout()
        self.taken_at = QDateTimeEdit(self)
        self.taken_at.setObjectName("takenAt")
        self.taken_at.setCalendarPopup(True)
        self.taken_at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.taken_at.setAccessibleName("Date and time of the blood test")
        self.lab = QComboBox(self)
        self.lab.setObjectName("lab")
        self.lab.setEditable(True)
        self.lab.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lab.setAccessibleName("Lab")
        self.lab.lineEdit().setPlaceholderText("Name of the lab (optional)")
        top.addRow("&Date and time:", self.taken_at)
        top.addRow("&Lab:", self.lab)
        self.taken_at_message = error_label(self)
        top.addRow(self.taken_at_message)
        outer.addLayout(top)

        self.scroll = scroll = QScrollArea(self)
        scroll.setObjectName("entryRows")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = body = QWidget(scroll)
        grid = QGridLayout(body)
        grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        chars = self.fontMetrics().averageCharWidth()
        for col, text in enumerate(("Test", "Value", "Unit", "Lab's range (same unit)")):
            head = QLabel(f"<b>{text}</b>", body)
            grid.addWidget(head, 0, col)
        self.rows: dict[str, AnalyteRow] = {}
        for i, (key, text) in enumerate(analytes):
            r = 1 + 2 * i
            label = QLabel(text, body)
            value = QLineEdit(body)
            value.setObjectName(f"value_{key}")
            value.setAccessibleName(f"{text} value")
            value.setMinimumWidth(VALUE_MIN_CHARS * chars)
            label.setBuddy(value)
            unit = QComboBox(body)
            unit.setObjectName(f"unit_{key}")
            unit.setAccessibleName(f"{text} unit")
            rng = QLineEdit(body)
            rng.setObjectName(f"range_{key}")
            rng.setAccessibleName(f"{text} reference range on the lab report")
            rng.setPlaceholderText("low-high")
            rng.setMinimumWidth(RANGE_MIN_CHARS * chars)
            message = error_label(body)
            message.setObjectName(f"message_{key}")
            grid.addWidget(label, r, 0)
            grid.addWidget(value, r, 1)
            grid.addWidget(unit, r, 2)
            grid.addWidget(rng, r, 3)
            grid.addWidget(message, r + 1, 1, 1, 3)
            self.rows[key] = AnalyteRow(key, label, value, unit, rng, message)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 1)
        scroll.setWidget(body)
        bar = scroll.verticalScrollBar().sizeHint().width()
        scroll.setMinimumWidth(body.minimumSizeHint().width() + bar + 2 * scroll.frameWidth())
        outer.addWidget(scroll, 1)

        self.calculated_anc = QLabel(self)
        self.calculated_anc.setObjectName("calculatedAnc")
        outer.addWidget(self.calculated_anc)
        self.message = error_label(self)
        self.message.setObjectName("entryMessage")
        outer.addWidget(self.message)
        self.hint = QLabel(self)
        self.hint.setObjectName("entryHint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)

        self.buttons = QDialogButtonBox(self)
        self.save = QPushButton("&Save", self)
        self.save.setObjectName("saveResults")
        self.save.setDefault(True)
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        outer.addWidget(self.buttons)

        order: list[QWidget] = [self.taken_at, self.lab]
        for row in self.rows.values():
            order += [row.value, row.unit, row.range]
        order += [self.save, self.cancel]
        for a, b in itertools.pairwise(order):
            QWidget.setTabOrder(a, b)
        self._fitted = False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._fitted:  # once, when the style has given every field its real size
            self._fitted = True
            self.fit_to_screen()
        super().showEvent(event)

    def fit_to_screen(self) -> None:
        """As tall as all the rows need, but never taller or wider than the screen's free area.

        The rows scroll; the date and lab above them and the messages and buttons below stay in
        sight, so Save and Cancel can always be reached.
        """
        parent = self.parentWidget()
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        free = screen.availableGeometry()
        rows = self.body.sizeHint().height() + 2 * self.scroll.frameWidth()
        others = self.sizeHint().height() - self.scroll.sizeHint().height()
        height = min(rows + others, int(free.height() * SCREEN_SHARE))
        spare = SPARE_WIDTH_CHARS * self.fontMetrics().averageCharWidth()
        width = min(self.minimumSizeHint().width() + spare, int(free.width() * SCREEN_SHARE))
        self.resize(width, height)
