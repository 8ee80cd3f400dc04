"""Profile dialog, menus, one instance per data folder, and the crash handler."""

import sys
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from leukotrack import NOT_A_DIAGNOSIS
from leukotrack.gui import app as app_module
from leukotrack.gui.app import MainWindow, open_window, run_app
from leukotrack.gui.crash import make_excepthook
from leukotrack.gui.views.profile_view import ProfileView
from leukotrack.paths import demo_data_dir
from leukotrack.services.entry import ResultEntry, record_results
from tests.gui.helpers import retype, wait_closed


def test_profile_dialog_changes_units_shown(qtbot: QtBot, window: MainWindow) -> None:
    record_results(window.db, ResultEntry(datetime(2026, 3, 3, 9, 30), {"wbc": "3.1 K/uL"}))
    window.controller.refresh()
    window.action_profile.trigger()
    qtbot.waitUntil(lambda: window.controller.dialog is not None)
    dialog = window.controller.dialog
    assert isinstance(dialog, ProfileView)
    qtbot.keyClicks(dialog.name, "Sam")
    qtbot.keyClicks(dialog.birth_date, "1990-13-01")
    assert "not a real date" in dialog.message.text()
    assert not dialog.save.isEnabled()
    retype(qtbot, dialog.birth_date, "1990-02-01")
    retype(qtbot, dialog.thresholds["anc_severe"], "1.2")  # above the moderate limit 1.0
    assert "below the moderate" in dialog.message.text()
    retype(qtbot, dialog.thresholds["anc_severe"], "0.5")
    dialog.count_unit.setCurrentIndex(dialog.count_unit.findData("cells/uL"))
    dialog.reference.setCurrentIndex(dialog.reference.findData("duffy-null"))
    assert dialog.save.isEnabled()
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    wait_closed(qtbot, window)

    with window.db.reading() as repo:
        profile = repo.profile()
    assert profile.name == "Sam" and profile.birth_date is not None
    assert profile.reference.value == "duffy-null"
    tile = next(t for t in window.controller.overview.tiles if t.objectName() == "tile_wbc")
    assert tile.value.text() == "3100 cells/µL"
    assert "Sam" in window.overview.heading.text()


def test_menus_and_about(qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Edit", "&Help"]
    assert window.action_quit in window.file_menu.actions()
    assert window.action_undo in window.edit_menu.actions()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "about", lambda _p, _t, text: shown.append(text))
    window.action_about.trigger()
    assert NOT_A_DIAGNOSIS in shown[0]
    assert "0." in shown[0]  # the version


def test_second_instance_on_the_same_folder_is_refused(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = open_window(data_dir)
    assert first is not None
    qtbot.addWidget(first)
    assert open_window(data_dir) is None
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run_app installs its own
    assert run_app(data_dir) == 1
    assert "already open" in told[0] and str(data_dir) in told[0]
    first.close()
    second = open_window(data_dir)  # closing the first window released the folder
    assert second is not None
    qtbot.addWidget(second)
    second.close()
    assert app_module.open_windows() == []


def test_unexpected_error_is_logged_and_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    hook = make_excepthook(tmp_path / "logs")
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        hook(RuntimeError, exc, exc.__traceback__)
    (log,) = (tmp_path / "logs").glob("crash-*.txt")
    assert "RuntimeError: boom in a slot" in log.read_text()
    assert str(log) in shown[0] and "safe" in shown[0]


def test_welcome_opens_the_demo_in_its_own_folder(qtbot: QtBot, data_dir: Path) -> None:
    real = open_window(data_dir)
    assert real is not None
    qtbot.addWidget(real)
    real.show()
    welcome = real.overview.welcome
    assert real.overview.stack.currentWidget() is welcome
    qtbot.mouseClick(welcome.demo, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(w.data_dir != data_dir for w in app_module.open_windows()))
    (demo,) = app_module.open_windows()
    qtbot.addWidget(demo)
    assert demo.data_dir == demo_data_dir() != data_dir
    assert "demo" in demo.windowTitle()
    assert demo.controller.results.model.rowCount() > 20
    assert not real.isVisible()
    with real.db.reading() as repo:
        assert repo.is_empty()
    demo.close()
