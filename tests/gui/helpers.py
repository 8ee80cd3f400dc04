"""Small steps a person takes in the window, for the GUI tests."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.report_view import ReportView


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


def open_report(qtbot: QtBot, window: MainWindow) -> ReportView:
    """File → Print report: the print dialog, open."""
    window.controller.reports.action_print.trigger()
    qtbot.waitUntil(lambda: isinstance(window.controller.dialog, ReportView))
    view = window.controller.dialog
    assert isinstance(view, ReportView)
    return view
