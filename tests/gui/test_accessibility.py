"""Every interactive widget has an accessible name, read through QAccessible as a screen reader
would: the main window on the demo data (every tab), the Learn pane and the plan dialog."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QLineEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.tile_view import TileView

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QGraphicsView,
    QAbstractSpinBox,
    QAbstractItemView,
    QTextEdit,
    QAbstractSlider,
    QTabBar,
    TileView,
)


def unnamed(root: QWidget) -> list[str]:
    """Interactive widgets under `root` that a screen reader would announce without a name."""
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, INTERACTIVE) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if widget.objectName().startswith("qt_"):  # Qt's own parts (scroll bars' buttons…)
            continue
        iface = QAccessible.queryAccessibleInterface(widget)
        assert iface is not None
        if not iface.text(QAccessible.Text.Name).strip():
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
            )
    return missing


def test_every_interactive_widget_of_the_window_is_named(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    for i in range(demo_window.tabs.count()):
        demo_window.tabs.setCurrentIndex(i)
        qtbot.wait(10)
    assert unnamed(demo_window) == []


def test_the_learn_pane_and_plan_dialog_are_named(qtbot: QtBot, demo_window: MainWindow) -> None:
    view = demo_window.controller.learn.open("levels")
    assert unnamed(view) == []
    view.close()
    demo_window.controller.reminders.open_plan()
    dialog = demo_window.controller.dialog
    assert dialog is not None
    assert unnamed(dialog) == []
    dialog.reject()


def test_tiles_and_flags_say_their_state_in_words(demo_window: MainWindow) -> None:
    tiles = {t.objectName(): t for t in demo_window.controller.overview.tiles}
    wbc = QAccessible.queryAccessibleInterface(tiles["tile_wbc"])
    assert wbc.text(QAccessible.Text.Name).startswith("WBC: 3.84 ×10⁹/L, low")
    assert "range" in wbc.text(QAccessible.Text.Description)
    row = demo_window.controller.overview.flag_rows[0]
    name = QAccessible.queryAccessibleInterface(row.toggle).text(QAccessible.Text.Name)
    assert name.startswith(("Watch: ", "Important: ", "Note: "))  # the severity in words
    assert QAccessible.queryAccessibleInterface(row.toggle).text(QAccessible.Text.Description)
