"""The Learn pane: a list of topics beside the chosen topic's text (Help → Learn, F1, "?")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)


class LearnView(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("learnPane")
        self.setWindowTitle("Learn about your counts")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        layout = QVBoxLayout(self)
        body = QHBoxLayout()
        self.topics = QListWidget(self)
        self.topics.setObjectName("learnTopics")
        self.topics.setAccessibleName("Topics")
        self.topics.setAccessibleDescription("Choose a topic to read it on the right.")
        self.topics.setWordWrap(True)
        self.topics.setSpacing(2)
        self.topics.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.topics.setUniformItemSizes(False)
        self.topics.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text = QTextBrowser(self)
        self.text.setObjectName("learnText")
        self.text.setAccessibleName("Topic text")
        self.text.setOpenExternalLinks(False)
        body.addWidget(self.topics, 2)
        body.addWidget(self.text, 5)
        layout.addLayout(body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setTabOrder(self.topics, self.text)
        chars = self.fontMetrics().averageCharWidth()
        lines = self.fontMetrics().lineSpacing()
        self.resize(110 * chars, 34 * lines)
