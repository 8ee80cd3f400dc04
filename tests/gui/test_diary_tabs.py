"""Diary tabs: add through their dialogs (checked as you type), edit, delete and undo."""

from dataclasses import replace
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QDateTime, Qt
from pytestqt.qtbot import QtBot

from leukotrack.domain.records import Thresholds
from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.form_dialog_view import (
    FatigueDialogView,
    InfectionDialogView,
    MedicationDialogView,
    TemperatureDialogView,
)
from leukotrack.services.diary import add_fatigue, add_medication
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.profile import update_profile
from tests.gui.helpers import open_dialog, retype, wait_closed


def test_temperature_in_fahrenheit_with_a_bad_value_first(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.temperatures)
    dialog = open_dialog(qtbot, window, window.temperatures.add)
    assert isinstance(dialog, TemperatureDialogView)
    dialog.taken_at.setDateTime(QDateTime(datetime(2026, 3, 4, 20, 15)))
    dialog.unit.setCurrentText("°F")
    qtbot.keyClicks(dialog.value, "1015")
    assert dialog.message.isVisible() and "plausible" in dialog.message.text()
    assert not dialog.save.isEnabled()
    retype(qtbot, dialog.value, "101.5")
    assert not dialog.message.isVisible()
    qtbot.keyClick(dialog.value, Qt.Key.Key_Return)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        (reading,) = repo.temperatures()
    assert reading.entered == "101.5 °F"
    assert abs(reading.celsius - 38.611) < 1e-3
    model = window.controller.temperatures.model
    assert model.index(0, 1).data() == "38.6"


def test_fatigue_same_day_is_refused_then_edit_and_undo(qtbot: QtBot, window: MainWindow) -> None:
    add_fatigue(window.db, date(2026, 3, 1), 4, "tired after work")
    add_fatigue(window.db, date(2026, 3, 2), 6)
    window.controller.refresh()
    window.tabs.setCurrentWidget(window.fatigue)
    dialog = open_dialog(qtbot, window, window.fatigue.add)
    assert isinstance(dialog, FatigueDialogView)
    dialog.day.setDate(QDate(2026, 3, 1))
    assert "already a fatigue score" in dialog.message.text()
    assert not dialog.save.isEnabled()
    dialog.reject()
    wait_closed(qtbot, window)

    table = window.fatigue.table
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    table.selectRow(0)
    dialog = open_dialog(qtbot, window, window.fatigue.edit)
    assert isinstance(dialog, FatigueDialogView)
    assert dialog.note.text() == "tired after work"
    dialog.score.setValue(8)
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        assert [f.score for f in repo.fatigue()] == [8, 6]
    window.action_undo.trigger()
    with window.db.reading() as repo:
        assert [f.score for f in repo.fatigue()] == [4, 6]


def test_infection_and_medicine_dialogs(qtbot: QtBot, window: MainWindow) -> None:
    window.tabs.setCurrentWidget(window.infections)
    dialog = open_dialog(qtbot, window, window.infections.add)
    assert isinstance(dialog, InfectionDialogView)
    assert not dialog.message.isVisible() and not dialog.save.isEnabled()
    dialog.start.setDate(QDate(2026, 2, 10))
    assert "kind of infection" in dialog.message.text()
    qtbot.keyClicks(dialog.kind, "chest infection")
    dialog.end.known.setChecked(True)
    dialog.end.date.setDate(QDate(2026, 2, 1))
    assert "before it starts" in dialog.message.text()
    dialog.end.date.setDate(QDate(2026, 2, 18))
    dialog.treatment.setCurrentText("antibiotics")
    qtbot.keyClicks(dialog.max_temp, "38.9 C")
    assert dialog.save.isEnabled()
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)
    model = window.controller.infections.model
    assert [model.index(0, c).data() for c in range(5)] == [
        "2026-02-10",
        "2026-02-18",
        "chest infection",
        "antibiotics",
        "38.9 °C",
    ]

    window.tabs.setCurrentWidget(window.medicines)
    dialog = open_dialog(qtbot, window, window.medicines.add)
    assert isinstance(dialog, MedicationDialogView)
    qtbot.keyClicks(dialog.name, "Clozapine")
    qtbot.keyClicks(dialog.dose, "200 mg at night")
    dialog.start.setDate(QDate(2025, 6, 1))
    qtbot.keyClick(dialog.dose, Qt.Key.Key_Return)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        (med,) = repo.medications()
    assert (med.name, med.dose, med.start, med.stop) == (
        "Clozapine",
        "200 mg at night",
        date(2025, 6, 1),
        None,
    )


def test_deleting_two_rows_is_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    for day in (1, 2, 3):
        add_fatigue(window.db, date(2026, 3, day), day)
    window.controller.refresh()
    window.tabs.setCurrentWidget(window.fatigue)
    table = window.fatigue.table
    table.selectRow(0)
    table.selectionModel().select(
        table.model().index(1, 0),
        table.selectionModel().SelectionFlag.Select | table.selectionModel().SelectionFlag.Rows,
    )
    qtbot.mouseClick(window.fatigue.delete, Qt.MouseButton.LeftButton)
    assert window.controller.fatigue.model.rowCount() == 1
    window.action_undo.trigger()
    with window.db.reading() as repo:
        assert sorted(f.score for f in repo.fatigue()) == [1, 2, 3]
    assert window.controller.fatigue.model.rowCount() == 3


def test_clozapine_marks_the_medicine_and_shows_next_test_due(
    qtbot: QtBot, window: MainWindow
) -> None:
    today = date.today()
    record_results(
        window.db,
        ResultEntry(datetime.combine(today, datetime.min.time()), {"wbc": "6.0", "anc": "3.0"}),
    )
    add_medication(window.db, "Clozaril 100 mg tablet", today.replace(day=1), kind="other")
    add_medication(window.db, "Sertraline", today.replace(day=1))
    window.controller.refresh()
    model = window.controller.medicines.model
    marks = {model.record(r).name: model.index(r, 5).data() for r in range(model.rowCount())}
    assert marks == {"Clozaril 100 mg tablet": "▼ known to lower white cells", "Sertraline": ""}
    text = window.overview.next_test.text()
    assert text.startswith(f"In 7 days: {today + timedelta(days=7):%A} ")  # weekly at first
    assert "Clozapine blood test, by the US FDA label schedule" in text
    assert "Clozaril" in text and "your care team sets your actual schedule" in text
    update_profile(window.db, thresholds=replace(Thresholds(), clozapine_scheme="uk-cpms"))
    window.controller.refresh()
    assert "by the UK CPMS schedule" in window.overview.next_test.text()
