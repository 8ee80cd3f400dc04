"""One count on the first window, compact: name and "?", value, status in words, change, range."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from leukotrack.gui.views.flag_row_view import help_button
from leukotrack.gui.views.style import scale_font


class TileView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 6)
        layout.setSpacing(1)
        top = QHBoxLayout()
        top.setSpacing(2)
        self.name = QLabel(self)
        scale_font(self.name, 1.0, bold=True)
        self.help = help_button(self, "this count")
        top.addWidget(self.name, 1)
        top.addWidget(self.help, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(top)
        self.value = QLabel(self)
        self.value.setObjectName("tileValue")
        scale_font(self.value, 1.45, bold=True)
        self.status = QLabel(self)
        self.status.setObjectName("tileStatus")
        scale_font(self.status, 1.0, bold=True)
        self.change = QLabel(self)
        self.range = QLabel(self)
        self.range.setWordWrap(True)
        self.taken = QLabel(self)  # shown only when older than the latest blood test
        for label in (self.value, self.status, self.change, self.range, self.taken):
            layout.addWidget(label)
        layout.addStretch(1)
