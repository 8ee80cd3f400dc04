"""The visit dialog: when, with whom, a note and the questions for it. Layout only."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QPlainTextEdit, QWidget

from leukotrack.gui.views.form_dialog_view import FormDialogView


class VisitDialogView(FormDialogView):
    def __init__(self, suggestions: list[str], parent: QWidget | None = None) -> None:
        super().__init__("Visit", parent)
        self.at = QDateTimeEdit(self)
        self.at.setObjectName("visitAt")
        self.at.setCalendarPopup(True)
        self.at.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.with_whom = QComboBox(self)
        self.with_whom.setObjectName("visitWith")
        self.with_whom.setEditable(True)
        self.with_whom.addItems(suggestions)
        self.with_whom.setCurrentIndex(0)
        self.note = QLineEdit(self)
        self.note.setObjectName("visitNote")
        self.note.setPlaceholderText("e.g. bring the printed report")
        self.questions = QPlainTextEdit(self)
        self.questions.setObjectName("visitQuestions")
        self.questions.setPlaceholderText("What you want to ask at this visit, one per line.")
        self.questions.setTabChangesFocus(True)
        self.questions.setFixedHeight(self.fontMetrics().lineSpacing() * 5)
        self.add_row("&When:", self.at, "Date and time of the visit")
        self.add_row("&With:", self.with_whom, "Who the visit is with")
        self.add_row("&Note:", self.note, "Note")
        self.add_row("&Questions:", self.questions, "Questions for this visit")
