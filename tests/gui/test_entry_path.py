"""A person's path: open the app, add a visit's results by keyboard, see them, fix and undo."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.entry_view import EntryView
from leukotrack.services.entry import ResultEntry, record_results
from tests.gui.helpers import open_dialog, retype, wait_closed


def stored_counts(window: MainWindow) -> dict[str, int]:
    with window.db.reading() as repo:
        return repo.counts()


def test_first_results_by_keyboard_reach_tiles_tables_and_database(
    qtbot: QtBot, window: MainWindow
) -> None:
    overview = window.overview
    assert overview.stack.currentWidget() is overview.welcome

    dialog = open_dialog(qtbot, window, overview.welcome.first_results)
    assert isinstance(dialog, EntryView)
    assert not dialog.save.isEnabled()  # nothing typed yet
    rows = dialog.rows
    qtbot.keyClicks(rows["wbc"].value, "3100 /uL")
    qtbot.keyClicks(rows["neutrophils_pct"].value, "160")
    assert rows["neutrophils_pct"].message.isVisible()
    assert "not a plausible" in rows["neutrophils_pct"].message.text()
    assert not dialog.save.isEnabled()
    assert stored_counts(window)["draw"] == 0

    retype(qtbot, rows["neutrophils_pct"].value, "60")
    assert not rows["neutrophils_pct"].message.isVisible()
    assert "1.86 ×10⁹/L" in dialog.calculated_anc.text()
    assert "calculated" in dialog.calculated_anc.text()
    qtbot.keyClicks(rows["hemoglobin"].value, "125 g/L")
    assert dialog.save.isEnabled()

    qtbot.keyClick(rows["hemoglobin"].value, Qt.Key.Key_Return)  # Enter saves
    wait_closed(qtbot, window)

    assert overview.stack.currentWidget() is overview.dashboard
    tiles = {t.objectName(): t for t in window.controller.overview.tiles if t.isVisible()}
    assert tiles["tile_wbc"].value.text() == "3.1 ×10⁹/L"
    assert tiles["tile_wbc"].status.text() == "Low"
    assert tiles["tile_anc"].value.text() == "1.86 ×10⁹/L"
    assert "calculated" in tiles["tile_anc"].name.text()
    assert tiles["tile_hemoglobin"].value.text() == "12.5 g/dL"
    assert window.controller.results.model.rowCount() == 1

    with window.db.reading() as repo:
        (draw,) = repo.draws()
    assert draw.get("wbc") is not None and draw.get("wbc").entered == "3100 cells/µL"
    anc = draw.get("anc")
    assert anc is not None and anc.calculated and abs(anc.value - 1.86) < 1e-9
    assert abs(draw.value("hemoglobin") - 12.5) < 1e-9  # type: ignore[operator]


def test_escape_cancels_and_stores_nothing(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window, window.overview.welcome.first_results)
    assert isinstance(dialog, EntryView)
    qtbot.keyClicks(dialog.rows["wbc"].value, "4.2")
    qtbot.keyClick(dialog.rows["wbc"].value, Qt.Key.Key_Escape)
    wait_closed(qtbot, window)
    assert stored_counts(window)["draw"] == 0


def test_future_date_is_refused_next_to_the_date(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window, window.overview.welcome.first_results)
    assert isinstance(dialog, EntryView)
    qtbot.keyClicks(dialog.rows["wbc"].value, "4.2")
    assert dialog.save.isEnabled()
    dialog.taken_at.setDateTime(QDateTime(datetime.now() + timedelta(days=3)))
    assert "in the future" in dialog.taken_at_message.text()
    assert not dialog.save.isEnabled()
    dialog.reject()


def test_unit_picker_remembers_and_lab_ranges_prefill(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window, window.overview.welcome.first_results)
    assert isinstance(dialog, EntryView)
    dialog.taken_at.setDateTime(QDateTime(datetime(2026, 1, 5, 9, 0)))
    qtbot.keyClicks(dialog.lab.lineEdit(), "Riverside Clinic")
    dialog.rows["wbc"].unit.setCurrentText("K/µL")
    qtbot.keyClicks(dialog.rows["wbc"].value, "3.4")
    qtbot.keyClicks(dialog.rows["wbc"].range, "4.0-11.0")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)

    dialog = open_dialog(qtbot, window, window.overview.add_results)
    assert isinstance(dialog, EntryView)
    wbc = dialog.rows["wbc"]
    assert wbc.unit.currentText() == "K/µL"
    assert wbc.range.text() == ""
    dialog.lab.setCurrentText("Riverside Clinic")
    assert wbc.range.text() == "4-11"
    wbc.unit.setCurrentText("cells/µL")  # a prefilled range follows the unit picked
    assert wbc.range.text() == "4000-11000"
    dialog.reject()


def test_edit_from_results_table_then_undo_and_redo(qtbot: QtBot, window: MainWindow) -> None:
    record_results(
        window.db, ResultEntry(datetime(2026, 3, 3, 9, 30), {"wbc": "3.1 K/uL"}, "City Lab")
    )
    window.controller.refresh()
    window.tabs.setCurrentWidget(window.results)
    table = window.results.table
    table.selectRow(0)
    dialog = open_dialog(qtbot, window, window.results.edit)
    assert isinstance(dialog, EntryView)
    assert dialog.rows["wbc"].value.text() == "3.1"
    assert dialog.rows["wbc"].unit.currentText() == "K/µL"
    retype(qtbot, dialog.rows["wbc"].value, "5.2")
    qtbot.keyClick(dialog.rows["wbc"].value, Qt.Key.Key_Enter)
    wait_closed(qtbot, window)

    def wbc() -> float | None:
        with window.db.reading() as repo:
            return repo.draws()[0].value("wbc")

    assert wbc() == 5.2
    assert window.controller.results.model.index(0, 2).data() == "5.20"
    window.action_undo.trigger()
    assert wbc() == 3.1
    assert window.controller.results.model.index(0, 2).data() == "3.10 L"
    window.action_redo.trigger()
    assert wbc() == 5.2


def test_delete_with_the_key_then_ctrl_z_brings_it_back(qtbot: QtBot, window: MainWindow) -> None:
    for day in (3, 10):
        record_results(window.db, ResultEntry(datetime(2026, 3, day, 9, 30), {"wbc": "3.1"}))
    window.controller.refresh()
    window.tabs.setCurrentWidget(window.results)
    table = window.results.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert stored_counts(window)["draw"] == 1
    assert window.controller.results.model.rowCount() == 1
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_counts(window)["draw"] == 2
    assert stored_counts(window)["result"] == 2
    qtbot.keyClick(
        table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert stored_counts(window)["draw"] == 1


def test_tab_walks_value_unit_range_then_the_next_test(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window, window.overview.welcome.first_results)
    assert isinstance(dialog, EntryView)
    dialog.activateWindow()
    wbc, neut = dialog.rows["wbc"], dialog.rows["neutrophils_pct"]
    wbc.value.setFocus()
    qtbot.waitUntil(wbc.value.hasFocus)
    expected = [wbc.unit, wbc.range, neut.value, neut.range]  # the % unit has no choice: skipped
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is widget
    assert wbc.value.accessibleName() == "White blood cells value"
    dialog.reject()


def test_fever_with_low_anc_raises_the_red_banner(qtbot: QtBot, window: MainWindow) -> None:
    now = datetime.now().replace(second=0, microsecond=0)
    record_results(window.db, ResultEntry(now - timedelta(days=2), {"wbc": "2.0", "anc": "0.4"}))
    window.controller.refresh()
    banner = window.overview.banner
    assert not banner.isVisible()
    flags = window.controller.overview.flag_labels
    assert any(label.objectName() == "flag_neutropenia.severe" for label in flags)

    window.tabs.setCurrentWidget(window.temperatures)
    dialog = open_dialog(qtbot, window, window.temperatures.add)
    qtbot.keyClicks(dialog.value, "38.5")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    wait_closed(qtbot, window)

    window.tabs.setCurrentWidget(window.overview)
    assert banner.isVisible()
    assert banner.text().startswith(
        "Fever with low neutrophils is a medical emergency. "
        "Contact your care team or go to emergency care now."
    )
    assert "38.5 °C" in banner.text()
    names = [label.objectName() for label in window.controller.overview.flag_labels]
    assert "flag_febrile_neutropenia" not in names  # said once: by the banner, in full
    assert names[0] == "flag_neutropenia.severe"  # then the most severe first

    window.action_undo.trigger()  # the reading was typed by mistake
    assert not banner.isVisible()


def test_undo_after_a_restore_reaches_the_restored_record(qtbot: QtBot, window: MainWindow) -> None:
    """Edit WBC 3.0 -> 5.0, delete the draw, then undo twice: the draw is back with WBC 3.0."""
    from leukotrack.services.editing import delete_record
    from leukotrack.services.entry import entry_from_draw, update_draw

    controller = window.controller
    first = record_results(window.db, ResultEntry(datetime(2026, 3, 3, 9), {"wbc": "3.0"}))
    controller.record_change(None, first)
    typed = entry_from_draw(first)
    assert first.id is not None
    edited = update_draw(window.db, first.id, ResultEntry(typed.taken_at, {"wbc": "5.0"}))
    controller.record_change(first, edited)
    delete_record(window.db, edited)
    controller.record_change(edited, None)
    controller.undo_stack.undo()  # the delete: the draw comes back under a new id
    controller.undo_stack.undo()  # the edit: must find the draw under its new id
    with window.db.reading() as repo:
        (draw,) = repo.draws()
    assert draw.value("wbc") == 3.0
    controller.undo_stack.redo()
    controller.undo_stack.redo()
    with window.db.reading() as repo:
        assert repo.draws() == []


def test_a_step_that_no_longer_applies_is_dropped_with_a_message(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from leukotrack.services.editing import delete_record

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    from leukotrack.services.entry import update_draw

    controller = window.controller
    first = record_results(window.db, ResultEntry(datetime(2026, 3, 3, 9), {"wbc": "3.0"}))
    assert first.id is not None
    edited = update_draw(window.db, first.id, ResultEntry(first.taken_at, {"wbc": "5.0"}))
    controller.record_change(first, edited)
    delete_record(window.db, edited)  # changed outside the undo stack
    controller.undo_stack.undo()  # undo the edit: the draw is gone
    assert controller.undo_stack.count() == 0  # the stale step is dropped, not replayed later
    assert shown and "no longer stored" in shown[0]
