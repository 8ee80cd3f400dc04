"""The print dialog: which document, which period, the appendix, the paper and the questions.

Layout only; the controller fills the choices and shows what applies to the chosen document.
"""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
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

KINDS = (
    ("Report for the hematologist", "hematologist"),
    ("Sheet before a procedure (surgeon, dentist, nurse)", "procedure"),
    ("Sheet for the emergency department", "emergency"),
)


def _date_edit(parent: QWidget, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class ReportView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Print or save a report")
        self.setObjectName("reportDialog")
        outer = QVBoxLayout(self)
        form = QFormLayout()
        self.kind = QComboBox(self)
        self.kind.setObjectName("reportKind")
        self.kind.setAccessibleName("Which document")
        for text, key in KINDS:
            self.kind.addItem(text, key)
        form.addRow("&Document:", self.kind)
        self.intro = QLabel(self)
        self.intro.setObjectName("reportIntro")
        self.intro.setWordWrap(True)
        form.addRow("", self.intro)
        self.period = QComboBox(self)
        self.period.setObjectName("reportPeriod")
        self.period.setAccessibleName("Report period")
        self.period_label = QLabel("&Period:", self)
        self.period_label.setBuddy(self.period)
        form.addRow(self.period_label, self.period)
        dates = QHBoxLayout()
        self.start = _date_edit(self, "Report from")
        self.end = _date_edit(self, "Report to")
        self.end.setDate(QDate.currentDate())
        dates.addWidget(QLabel("from"))
        dates.addWidget(self.start)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end)
        dates.addStretch(1)
        self.dates_row = QWidget(self)
        self.dates_row.setLayout(dates)
        form.addRow("", self.dates_row)
        appendix = QHBoxLayout()
        self.appendix_table = QCheckBox("Every &blood test (a table)", self)
        self.appendix_table.setObjectName("appendixTable")
        self.appendix_diary = QCheckBox("The &diary (temperatures, fatigue)", self)
        self.appendix_diary.setObjectName("appendixDiary")
        appendix.addWidget(self.appendix_table)
        appendix.addWidget(self.appendix_diary)
        appendix.addStretch(1)
        self.appendix_row = QWidget(self)
        self.appendix_row.setLayout(appendix)
        self.appendix_label = QLabel("Appendix:", self)
        form.addRow(self.appendix_label, self.appendix_row)
        self.paper = QComboBox(self)
        self.paper.setAccessibleName("Paper size")
        self.paper.addItem("A4", "A4")
        self.paper.addItem("US Letter", "Letter")
        form.addRow("P&aper:", self.paper)
        self.questions = QPlainTextEdit(self)
        self.questions.setObjectName("reportQuestions")
        self.questions.setAccessibleName("Questions for the next visit")
        self.questions.setPlaceholderText(
            "Questions you want to ask at the next visit, one per line."
        )
        self.questions.setTabChangesFocus(True)
        self.questions_label = QLabel("&Questions:", self)
        self.questions_label.setWordWrap(True)
        self.questions_label.setBuddy(self.questions)
        form.addRow(self.questions_label, self.questions)
        self.last_questions = QLabel(self)
        self.last_questions.setObjectName("lastVisitQuestions")
        self.last_questions.setWordWrap(True)
        form.addRow("", self.last_questions)
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
        self.resize(640, 520)
