"""One line of the Overview's panel: severity and title, expanding to the detail; and "?".

Used for each flag and for the next blood test. The arrow button (and a click on the title)
expands the row; "?" opens the Learn topic that explains it. The severity is said in words, so
colour is never the only signal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QWidget


class _TitleLabel(QLabel):
    clicked = Signal()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mousePressEvent(event)


def help_button(parent: QWidget, what: str) -> QToolButton:
    """A small "?" that opens the Learn topic about `what`."""
    button = QToolButton(parent)
    button.setText("?")
    button.setObjectName("helpButton")
    button.setAutoRaise(True)
    button.setAccessibleName(f"What does {what} mean?")
    button.setToolTip(f"What does {what} mean? Opens the Learn pane.")
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    return button


class FlagRow(QWidget):
    """Collapsed: ▸ severity word and title. Expanded: ▾ and the detail underneath."""

    toggled = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 1, 0, 1)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(2)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("flagToggle")
        self.toggle.setCheckable(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = _TitleLabel(self)
        self.title.setObjectName("flagTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        self.title.setCursor(Qt.CursorShape.PointingHandCursor)
        self.help = help_button(self, "this")
        self.detail = QLabel(self)
        self.detail.setObjectName("flagDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.hide()
        grid.addWidget(self.toggle, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.title, 0, 1)
        grid.addWidget(self.help, 0, 2, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.detail, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.toggle.toggled.connect(self._expand)
        self.title.clicked.connect(self.toggle.toggle)
        self.plain_title = ""

    def set_content(
        self, word: str, title: str, detail: str, colour: str, topic_words: str
    ) -> None:
        """`word` is the severity in words ("Important"); `colour` its hue ("" = palette)."""
        style = f' style="color:{colour}"' if colour else ""
        self.title.setText(f"<span{style}><b>{word}:</b></span> {title}")
        self.detail.setText(detail)
        self.plain_title = f"{word}: {title}"
        name = f"{self.plain_title}. Press to {'hide' if self.expanded else 'show'} the detail."
        self.toggle.setAccessibleName(name)
        self.toggle.setAccessibleDescription(detail)
        self.toggle.setToolTip("Show or hide the detail")
        self.help.setAccessibleName(f"What does “{title}” mean?")
        self.help.setToolTip(f"What does “{title}” mean? Opens the Learn pane on {topic_words}.")
        self.setAccessibleName(self.plain_title)
        self.setAccessibleDescription(detail)

    @property
    def expanded(self) -> bool:
        return self.toggle.isChecked()

    def set_expanded(self, on: bool) -> None:
        self.toggle.setChecked(on)

    def _expand(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.detail.setVisible(on)
        verb = "hide" if on else "show"
        self.toggle.setAccessibleName(f"{self.plain_title}. Press to {verb} the detail.")
        self.toggled.emit(on)

    def text(self) -> str:
        """The title and the detail as plain text (what a screen reader reads)."""
        return f"{self.plain_title}. {self.detail.text()}"
