"""The UX review's fixes: flags never hidden, how low an ANC is, small screens and large fonts,
quiet forms until touched, fatigue without a default score, and no false 00:00."""

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QScrollArea
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow, build_main_window
from leukotrack.gui.views.entry_view import EntryView
from leukotrack.gui.views.form_dialog_view import FatigueDialogView, TemperatureDialogView
from leukotrack.gui.views.overview_view import CHART_MIN_HEIGHT
from leukotrack.gui.views.style import SEVERITY_COLOURS, STATUS_COLOURS, message_colour
from leukotrack.services.diary import add_temperature
from leukotrack.services.entry import ResultEntry, record_results
from tests.gui.helpers import open_dialog, retype, wait_closed

MIDNIGHT = datetime.now().replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(days=1)


def _fever_and_low_counts(window: MainWindow) -> None:
    record_results(window.db, ResultEntry(MIDNIGHT - timedelta(days=20), {"anc": "1.65"}))
    record_results(window.db, ResultEntry(MIDNIGHT - timedelta(days=10), {"anc": "0.8"}))
    record_results(window.db, ResultEntry(MIDNIGHT, {"wbc": "1.2", "anc": "0.44"}))
    now = datetime.now().replace(second=0, microsecond=0)
    add_temperature(window.db, now - timedelta(hours=2), "38.6 C")
    add_temperature(window.db, now - timedelta(hours=5), "38.1 C")
    add_temperature(window.db, now - timedelta(hours=8), "37.1 C")
    window.controller.refresh()


def test_every_flag_is_one_line_below_the_fever_banner_and_expands(
    qtbot: QtBot, window: MainWindow
) -> None:
    _fever_and_low_counts(window)
    overview = window.overview
    qtbot.waitUntil(lambda: overview.banner.isVisible())
    rows = window.controller.overview.flag_rows
    qtbot.waitUntil(lambda: all(row.isVisible() for row in rows))
    names = [row.objectName() for row in rows]
    assert names[0] == "flag_neutropenia.severe"  # the emergency is the banner, not a row too
    assert not overview.flags_box.findChildren(QScrollArea)  # the panel itself never scrolls
    line = overview.fontMetrics().lineSpacing()
    for row in rows:
        assert not row.detail.isVisible()
        assert row.title.text().startswith("<span")  # the severity word first, then the title
        assert row.height() <= 3 * line + 8  # one title line (two when it wraps), no detail
        bottom = row.mapTo(overview.flags_box, QPoint(0, row.height()))
        assert bottom.y() <= overview.flags_box.height()  # not cut off
    first = rows[0]
    qtbot.mouseClick(first.toggle, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(first.detail.isVisible)
    assert "0.44" in first.detail.text()
    assert first.height() >= first.detail.heightForWidth(first.detail.width())
    assert "hide the detail" in first.toggle.accessibleName()
    qtbot.mouseClick(first.title, Qt.MouseButton.LeftButton)  # a click on the title too
    qtbot.waitUntil(lambda: not first.detail.isVisible())
    assert "show the detail" in first.toggle.accessibleName()


def test_anc_says_how_low_in_the_tile_and_the_table(qtbot: QtBot, window: MainWindow) -> None:
    _fever_and_low_counts(window)
    tile = next(t for t in window.controller.overview.tiles if t.objectName() == "tile_anc")
    assert tile.status.text() == "Very low: severe (< 0.5)"
    assert SEVERITY_COLOURS["emergency"] in tile.status.styleSheet()

    model = window.controller.results.model
    anc = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal).startswith("ANC"))  # fmt: skip
    cells = {model.index(r, anc).data(): model.index(r, anc) for r in range(model.rowCount())}
    assert set(cells) == {"0.44 L", "0.80 L", "1.65 L"}
    fg = Qt.ItemDataRole.ForegroundRole
    assert cells["0.44 L"].data(fg) == QColor(SEVERITY_COLOURS["emergency"])
    assert cells["0.80 L"].data(fg) == QColor(SEVERITY_COLOURS["danger"])
    assert cells["1.65 L"].data(fg) == QColor(STATUS_COLOURS["low"])
    assert cells["0.44 L"].data(Qt.ItemDataRole.FontRole).bold()
    assert cells["1.65 L"].data(Qt.ItemDataRole.FontRole) is None
    assert "Very low: severe (< 0.5)" in cells["0.44 L"].data(Qt.ItemDataRole.ToolTipRole)
    assert "Low: moderate (0.5–1.0)" in cells["0.80 L"].data(Qt.ItemDataRole.ToolTipRole)


def test_fever_readings_are_marked(window: MainWindow) -> None:
    _fever_and_low_counts(window)
    model = window.controller.temperatures.model
    notes = {model.index(r, 1).data(): model.index(r, 4).data() for r in range(model.rowCount())}
    assert notes == {
        "38.6": "fever (38.3 °C or more)",
        "38.1": "fever if it lasts an hour (38.0 °C or more)",
        "37.1": "",
    }
    strong = next(r for r in range(model.rowCount()) if model.index(r, 1).data() == "38.6")
    assert model.index(strong, 1).data(Qt.ItemDataRole.FontRole).bold()


def test_a_result_without_a_time_shows_its_date_alone(window: MainWindow) -> None:
    record_results(window.db, ResultEntry(MIDNIGHT, {"wbc": "5.0"}))
    window.controller.refresh()
    heading = window.overview.heading.text()
    assert heading.endswith(f"latest blood test {MIDNIGHT.day} {MIDNIGHT:%B %Y}")
    assert window.controller.results.model.index(0, 0).data() == f"{MIDNIGHT:%Y-%m-%d}"


@pytest.fixture
def big_font_window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    """The window built with the application font 1.5 times its usual size."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    usual = QFont(app.font())
    big = QFont(usual)
    big.setPointSizeF(usual.pointSizeF() * 1.5)
    app.setFont(big)
    try:
        win = build_main_window(data_dir)
        qtbot.addWidget(win)
        _fever_and_low_counts(win)
        win.resize(1024, 700)
        win.show()
        qtbot.waitExposed(win)
        yield win
        win.close()
    finally:
        app.setFont(usual)


def test_large_font_on_a_laptop_screen(qtbot: QtBot, big_font_window: MainWindow) -> None:
    win = big_font_window
    assert win.minimumSizeHint().width() <= 1024
    qtbot.waitUntil(lambda: win.width() == 1024)
    overview = win.overview
    assert overview.chart_area.height() >= CHART_MIN_HEIGHT
    assert overview.dashboard.verticalScrollBar().maximum() > 0  # it scrolls instead of squashing
    win.resize(700, 700)
    qtbot.waitUntil(lambda: overview.tile_columns == 2)
    tiles = [t for t in win.controller.overview.tiles if t.isVisible()]
    assert len({t.y() for t in tiles}) == 1  # two tiles side by side in one row


def test_add_results_fits_the_screen(qtbot: QtBot, big_font_window: MainWindow) -> None:
    win = big_font_window
    dialog = open_dialog(qtbot, win, win.overview.add_results)
    assert isinstance(dialog, EntryView)
    free = dialog.screen().availableGeometry()
    assert dialog.height() <= free.height() and dialog.width() <= free.width()
    assert dialog.save.mapTo(dialog, QPoint(0, dialog.save.height())).y() <= dialog.height()
    assert not dialog.scroll.isAncestorOf(dialog.save)
    assert not dialog.scroll.isAncestorOf(dialog.taken_at)
    chars = dialog.fontMetrics().averageCharWidth()
    assert all(row.value.width() >= 10 * chars for row in dialog.rows.values())
    rows = dialog.rows
    assert rows["anc"].label.text() == "Neutrophils, absolute (ANC)"
    assert rows["hemoglobin"].range.placeholderText() == "low-high, e.g. 12-17"
    assert rows["platelets"].range.placeholderText() == "low-high, e.g. 150-450"
    assert rows["neutrophils_pct"].range.placeholderText() == "low-high"
    rows["hemoglobin"].unit.setCurrentText("g/L")
    assert rows["hemoglobin"].range.placeholderText() == "low-high, e.g. 120-170"
    dialog.reject()
    wait_closed(qtbot, win)


def test_temperature_form_is_quiet_until_typed(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window, window.temperatures.add)
    assert isinstance(dialog, TemperatureDialogView)
    assert not dialog.message.isVisible() and not dialog.save.isEnabled()
    qtbot.keyClicks(dialog.value, "3")
    retype(qtbot, dialog.value, "")
    assert dialog.message.isVisible()
    assert dialog.message.text() == "Type the temperature, for example 38.4."
    assert message_colour() in dialog.message.styleSheet()
    dialog.reject()
    wait_closed(qtbot, window)


def test_fatigue_starts_without_a_score(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window, window.fatigue.add)
    assert isinstance(dialog, FatigueDialogView)
    assert not dialog.save.isEnabled() and not dialog.message.isVisible()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)  # Enter does not record "0 = none"
    assert window.controller.dialog is dialog
    with window.db.reading() as repo:
        assert repo.fatigue() == []
    dialog.score.setValue(0)
    assert dialog.save.isEnabled()
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    wait_closed(qtbot, window)
    with window.db.reading() as repo:
        assert [f.score for f in repo.fatigue()] == [0]


def test_message_colour_reads_on_the_dialog_background() -> None:
    def luminance(colour: QColor) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(x) for x in (colour.redF(), colour.greenF(), colour.blueF()))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    text = luminance(QColor(message_colour()))
    window_colour = QGuiApplication.palette().window().color()
    background = luminance(window_colour)
    light, dark = max(text, background), min(text, background)
    assert (light + 0.05) / (dark + 0.05) >= 4.5
