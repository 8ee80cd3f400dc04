"""The window `leukotrack` opens: titled LeukoTrack, showing the data dir's latest results."""

from datetime import datetime
from pathlib import Path

from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.storage.db import Database


def test_window_shows_latest_results(qtbot: QtBot, db: Database) -> None:
    record_results(db, ResultEntry(datetime(2026, 3, 3, 9, 30), {"wbc": "3.1 K/uL"}))
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "LeukoTrack"
    assert "3 Mar 2026" in window.heading.text()
    assert window.latest.item(0, 1).text() == "3.1 ×10⁹/L"
    assert window.latest.item(0, 2).text() == "low"


def test_empty_window_says_so(qtbot: QtBot, db: Database, data_dir: Path) -> None:
    window = MainWindow(db)
    qtbot.addWidget(window)
    assert "no blood tests yet" in window.heading.text()
