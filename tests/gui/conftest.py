"""A main window on a temp data folder, closed (with its database) after each test."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow, build_main_window


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


@pytest.fixture
def demo_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The fictional demo at 1366×768 (the commonest laptop), with its chart built."""
    win = build_main_window(tmp_path / "demo", demo=True)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.controller.chart.chart is not None)
    yield win
    win.close()
