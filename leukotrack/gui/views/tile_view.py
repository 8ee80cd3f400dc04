"""One count on the first window: name, value, in or out of range, change since last."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from leukotrack.gui.views.style import scale_font


class TileView(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        layout = QVBoxLayout(self)
        self.name = QLabel(self)
        scale_font(self.name, 1.1, bold=True)
        self.value = QLabel(self)
        self.value.setObjectName("tileValue")
        scale_font(self.value, 1.8, bold=True)
        self.status = QLabel(self)
        self.status.setObjectName("tileStatus")
        scale_font(self.status, 1.0, bold=True)
        self.change = QLabel(self)
        self.range = QLabel(self)
        self.range.setWordWrap(True)
        self.taken = QLabel(self)
        for label in (self.name, self.value, self.status, self.change, self.range, self.taken):
            layout.addWidget(label)
        layout.addStretch(1)
