"""Shown instead of the dashboard while the data folder is empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from leukotrack.gui.views.style import scale_font


class WelcomeView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel("Welcome to LeukoTrack", self)
        scale_font(title, 1.8, bold=True)
        text = QLabel(
            "Keep your blood counts, temperatures, infections and medicines in one place on "
            "this computer, and print a trend report for your hematologist.\n\n"
            "How would you like to start?",
            self,
        )
        text.setWordWrap(True)
        text.setMaximumWidth(560)
        self.first_results = QPushButton("Enter my first &results…", self)
        self.first_results.setObjectName("welcomeFirstResults")
        self.demo = QPushButton("Look around with the &demo data (fictional)", self)
        self.demo.setObjectName("welcomeDemo")
        self.demo_note = QLabel(
            "The demo opens its own data folder; it is never mixed with your records.", self
        )
        self.demo_note.setWordWrap(True)
        for w in (title, text, self.first_results):
            layout.addWidget(w)
        self.import_slot = QVBoxLayout()  # "Import a file…" sits between the two other choices
        layout.addLayout(self.import_slot)
        for w in (self.demo, self.demo_note):
            layout.addWidget(w)
