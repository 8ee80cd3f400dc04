"""Typing the units real lab reports print into the results form (issue 12)."""

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.entry_view import EntryView
from tests.gui.helpers import open_dialog, retype, wait_closed


def test_printed_units_typed_into_the_form_are_read_and_a_bare_k_is_refused(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_dialog(qtbot, window, window.overview.welcome.first_results)
    assert isinstance(dialog, EntryView)
    rows = dialog.rows
    qtbot.keyClicks(rows["wbc"].value, "3.1 K")
    assert rows["wbc"].message.isVisible()
    assert "two readings" in rows["wbc"].message.text()
    assert not dialog.save.isEnabled()

    retype(qtbot, rows["wbc"].value, "3.1 Thousand/uL")  # a Quest printout
    assert not rows["wbc"].message.isVisible()
    qtbot.keyClicks(rows["anc"].value, "1,2 x10(3)/mcL")  # a Cerner export
    qtbot.keyClicks(rows["platelets"].value, "162 Tsd/µl")  # a German report
    qtbot.keyClicks(rows["hemoglobin"].value, "11.9 gm/dL")
    assert dialog.save.isEnabled()
    qtbot.keyClick(rows["hemoglobin"].value, Qt.Key.Key_Return)
    wait_closed(qtbot, window)

    with window.db.reading() as repo:
        (draw,) = repo.draws()
    assert draw.value("wbc") == 3.1 and draw.value("anc") == 1.2
    assert draw.value("platelets") == 162 and draw.value("hemoglobin") == 11.9
    assert draw.get("wbc").entered == "3.1 K/µL"  # type: ignore[union-attr]
