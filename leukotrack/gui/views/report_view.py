"""The report dialog: which period, which paper, and the patient's questions. Layout only."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PERIODS = (
    ("Everything recorded", "all"),
    ("The last 12 months", "12m"),
    ("The last 3 months", "3m"),
    ("Choose dates…", "custom"),
)


class ReportView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report for your hematologist")
        self.setObjectName("reportDialog")
        outer = QVBoxLayout(self)
        intro = QLabel(
            "The report sums up what your numbers show, with the chart, every blood test, "
            "medicines, infections, fatigue and your questions. Print it or save it as a PDF."
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        form = QFormLayout()
        self.period = QComboBox(self)
        self.period.setAccessibleName("Report period")
        for text, key in PERIODS:
            self.period.addItem(text, key)
        form.addRow("&Period:", self.period)
        dates = QHBoxLayout()
        self.start = QDateEdit(self)
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat("yyyy-MM-dd")
        self.start.setAccessibleName("Report from")
        self.end = QDateEdit(self)
        self.end.setCalendarPopup(True)
        self.end.setDisplayFormat("yyyy-MM-dd")
        self.end.setAccessibleName("Report to")
        self.end.setDate(QDate.currentDate())
        dates.addWidget(QLabel("from"))
        dates.addWidget(self.start)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.dates_row = QWidget(self)
        self.dates_row.setLayout(dates)
        form.addRow("", self.dates_row)
        self.paper = QComboBox(self)
        self.paper.setAccessibleName("Paper size")
        self.paper.addItem("A4", "A4")
        self.paper.addItem("US Letter", "Letter")
        form.addRow("P&aper:", self.paper)
        self.questions = QPlainTextEdit(self)
        self.questions.setAccessibleName("Questions for the hematologist")
        self.questions.setPlaceholderText(
            "Questions you want to ask at the next appointment, one per line."
        )
        self.questions.setTabChangesFocus(True)
        form.addRow("&Questions for\nthe hematologist:", self.questions)
        outer.addLayout(form)
        self.error = QLabel(self)
        self.error.setObjectName("reportError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000;")
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.preview = QPushButton("&Print preview…", self)
        self.save_pdf = QPushButton("&Save as PDF…", self)
        self.buttons.addButton(self.preview, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.save_pdf, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.resize(560, 420)
