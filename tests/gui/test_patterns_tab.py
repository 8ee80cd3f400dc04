"""The Patterns tab as a person uses it: cards in plain words, charts, a serial-count plan."""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from leukotrack.domain.records import Draw, FatigueEntry, Result
from leukotrack.gui.app import MainWindow
from leukotrack.gui.views.serial_plan_view import SerialPlanDialog
from leukotrack.services.serial_plans import serial_plan
from leukotrack.services.store import open_records

START = date.today() - timedelta(days=7 * 8)
START -= timedelta(days=START.weekday())  # a Monday, eight weeks ago
CLOSING = "Only your care team can say what this means for you."


def fill(data_dir: Path) -> None:
    """Eight weeks of Monday/Wednesday/Friday neutrophils in a 21-day rhythm; daily fatigue."""
    db = open_records(data_dir)
    with db.transaction() as repo:
        for k in range(7 * 8):
            day = START + timedelta(days=k)
            if day.weekday() in (0, 2, 4):
                anc = round(2.0 + 1.2 * math.sin(2 * math.pi * k / 21), 2)
                when = datetime.combine(day, datetime.min.time()).replace(hour=9)
                repo.add_draw(Draw(when, (Result("anc", anc, str(anc)),)))
            repo.add_fatigue(FatigueEntry(day, 7 if k % 21 in range(12, 20) else 3))
    db.close()


@pytest.fixture
def _eight_weeks(data_dir: Path) -> None:
    fill(data_dir)


@pytest.fixture
def filled(_eight_weeks: None, window: MainWindow) -> MainWindow:
    return window


def open_patterns(qtbot: QtBot, win: MainWindow) -> None:
    tab = win.tabs.indexOf(win.patterns)
    qtbot.mouseClick(win.tabs.tabBar(), Qt.MouseButton.LeftButton,
                     pos=win.tabs.tabBar().tabRect(tab).center())  # fmt: skip
    controller = win.controller.patterns
    qtbot.waitUntil(lambda: not controller.busy, timeout=60_000)  # worked out on a thread


def test_cards_say_what_the_numbers_show_with_charts(qtbot: QtBot, filled: MainWindow) -> None:
    v = filled.patterns
    assert v.usual.text.text() == ""  # nothing is worked out before the tab is opened
    open_patterns(qtbot, filled)
    assert "the middle half of your 24 results" in v.usual.text.text()
    assert "were below 1.5" in v.usual.text.text()
    assert v.fatigue.text.text().startswith("On the ")
    shown = filled.controller.patterns.shown
    assert shown is not None and shown.fatigue.mean_low > shown.fatigue.mean_other
    assert v.infections.text.text().startswith("Not enough data yet. Needs at least 30 low days")
    assert "rise and fall in a repeating pattern about every" in v.rhythm.text.text()
    assert "cyclic" not in v.rhythm.text.text().lower()
    for card in v.cards:
        assert card.closing.text() == CLOSING
    assert v.usual.chart.isVisible() and v.fatigue.chart.isVisible() and v.rhythm.chart.isVisible()
    assert filled.controller.patterns.shown is not None


def test_patterns_follow_a_change_and_its_undo(qtbot: QtBot, filled: MainWindow) -> None:
    open_patterns(qtbot, filled)
    v = filled.patterns
    draws = filled.controller.timeline.draws
    filled.controller.delete(list(draws[:14]))  # as the Delete key on the Results tab does
    qtbot.waitUntil(lambda: "10 results" in v.usual.text.text(), timeout=60_000)
    assert v.rhythm.text.text().startswith("Not enough data yet. Needs at least 12 results")
    assert v.rhythm.chart.isHidden()
    qtbot.keyClick(filled, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "24 results" in v.usual.text.text(), timeout=60_000)


def test_other_counts_and_no_results(qtbot: QtBot, filled: MainWindow) -> None:
    open_patterns(qtbot, filled)
    v = filled.patterns
    v.analyte.setCurrentIndex(v.analyte.findData("wbc"))
    qtbot.waitUntil(lambda: "once you have WBC results" in v.message.text())
    assert v.body.isHidden()


def test_an_empty_record_explains_where_patterns_come_from(
    qtbot: QtBot, window: MainWindow
) -> None:
    open_patterns(qtbot, window)
    assert "Patterns appear here once you have ANC results" in window.patterns.message.text()


def _plan_dialog(qtbot: QtBot, win: MainWindow) -> SerialPlanDialog:
    open_patterns(qtbot, win)
    qtbot.mouseClick(win.patterns.start_plan, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: win.controller.patterns.dialog is not None)
    dialog = win.controller.patterns.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def test_start_a_plan_see_progress_save_calendar_and_end_it(
    qtbot: QtBot, filled: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _plan_dialog(qtbot, filled)
    assert "18 test days" in dialog.preview.text()
    dialog.start.setDate(QDate(START.year, START.month, START.day))  # picked in the calendar
    qtbot.mouseClick(dialog.days[4], Qt.MouseButton.LeftButton)  # no Fridays
    assert "12 test days" in dialog.preview.text()
    for box in dialog.days:
        if box.isChecked():
            qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    assert not dialog.ok.isEnabled()
    assert "at least one day" in dialog.message.text()
    qtbot.mouseClick(dialog.days[0], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.days[2], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: filled.controller.patterns.dialog is None)

    plan = serial_plan(filled.db)
    assert plan is not None and plan.start == START and plan.weekdays == (0, 2)
    progress = filled.plan_progress
    assert progress.text().startswith("Serial-count plan: 12 of 12 tests done")
    assert not progress.isHidden()
    assert "12 of 12 tests done" in filled.patterns.plan_text.text()

    out = tmp_path / "plan.ics"
    monkeypatch.setattr(filled.controller.patterns, "ask_ics_path", lambda _s: out)
    qtbot.mouseClick(filled.patterns.export_plan, Qt.MouseButton.LeftButton)
    from icalendar import Calendar

    events = list(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert len(events) == 12
    assert "Saved 12 test days" in filled.patterns.plan_text.text()

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(filled.patterns.end_plan, Qt.MouseButton.LeftButton)
    assert serial_plan(filled.db) is None
    assert progress.isHidden() and filled.patterns.plan_box.isHidden()


def test_a_new_plan_shows_the_next_test(qtbot: QtBot, window: MainWindow) -> None:
    dialog = _plan_dialog(qtbot, window)
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.patterns.dialog is None)
    text = window.plan_progress.text()
    assert text.startswith("Serial-count plan: 0 of 18 tests done · next test ")


def test_a_calendar_that_cannot_be_saved_is_explained(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _plan_dialog(qtbot, window)
    qtbot.keyClick(dialog.ok, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.controller.patterns.dialog is None)
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    missing = tmp_path / "no such folder" / "plan.ics"
    monkeypatch.setattr(window.controller.patterns, "ask_ics_path", lambda _s: missing)
    qtbot.mouseClick(window.patterns.export_plan, Qt.MouseButton.LeftButton)
    assert warnings and "does not exist" in warnings[0]
    assert not missing.parent.exists()
    assert serial_plan(window.db) is not None  # the plan itself is kept
