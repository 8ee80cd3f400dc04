"""Small steps a person takes in the window, for the GUI tests."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow


def open_dialog(qtbot: QtBot, window: MainWindow, button: object) -> QDialog:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: window.controller.dialog is not None)
    dialog = window.controller.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def retype(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)


def wait_closed(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.controller.dialog is None)
