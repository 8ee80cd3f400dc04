"""Faults a person may meet: a full disk while saving, a damaged file at start, restoring a backup."""

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from leukotrack.gui.app import MainWindow, open_or_recover, open_windows
from leukotrack.gui.views.backups_view import BackupsView
from leukotrack.gui.views.entry_view import EntryView
from leukotrack.services.demo import fill_demo
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.store import list_backups, open_records
from leukotrack.storage.db import DB_FILENAME
from tests.gui.helpers import open_dialog


def test_read_only_data_keeps_the_dialog_and_what_was_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    """As root, permissions cannot make a folder read-only; SQLite's query_only does the same."""
    engine = window.db.engine

    @event.listens_for(engine, "connect")
    def _full(dbapi_con, _rec):  # type: ignore[no-untyped-def]
        dbapi_con.execute("PRAGMA query_only=1")

    engine.dispose()
    dialog = open_dialog(qtbot, window, window.overview.welcome.first_results)
    assert isinstance(dialog, EntryView)
    for key in ("wbc", "anc", "lymphocytes", "monocytes", "eosinophils", "basophils", "platelets"):
        qtbot.keyClicks(dialog.rows[key].value, "1.5")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    assert window.controller.dialog is dialog and dialog.isVisible()
    assert "read-only" in dialog.message.text() and "nothing was saved" in dialog.message.text()
    assert dialog.rows["wbc"].value.text() == "1.5"
    event.remove(engine, "connect", _full)
    engine.dispose()
    with window.db.reading() as repo:
        assert repo.counts()["draw"] == 0
    dialog.reject()


def _demo_with_backup(data_dir: Path) -> None:
    db = open_records(data_dir)
    fill_demo(db, date(2026, 11, 21))
    db.close()
    open_records(data_dir).close()  # the daily backup


def test_damaged_file_at_start_offers_the_newest_backup(qtbot: QtBot, data_dir: Path) -> None:
    _demo_with_backup(data_dir)
    db_file = data_dir / DB_FILENAME
    db_file.write_bytes(db_file.read_bytes()[:30000])
    asked: list[str] = []
    window = open_or_recover(data_dir, ask=lambda text: asked.append(text) or True)
    assert window is not None
    qtbot.addWidget(window)
    assert "damaged" in asked[0] and "newest good backup" in asked[0]
    assert len(window.controller.timeline.draws) > 50
    assert any(p.name.startswith(f"{DB_FILENAME}.damaged-") for p in data_dir.iterdir())
    window.close()


def test_restore_from_the_backups_dialog(qtbot: QtBot, data_dir: Path) -> None:
    _demo_with_backup(data_dir)
    window = open_or_recover(data_dir)
    assert window is not None
    qtbot.addWidget(window)
    record_results(
        window.db, ResultEntry(datetime(2026, 11, 21, 8), {"wbc": "9.9"}), datetime(2026, 11, 21, 9)
    )
    window.controller.refresh()
    before = len(window.controller.timeline.draws)
    window.controller.backups.confirm = lambda parent, text: True
    window.controller.backups.action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.controller.dialog, BackupsView))
    view = window.controller.dialog
    assert isinstance(view, BackupsView)
    qtbot.mouseClick(view.backup_now, Qt.MouseButton.LeftButton)
    assert view.list.count() == 2 and "Made manual-" in view.message.text()
    daily = next(i for i in range(view.list.count()) if "daily" in view.list.item(i).text())
    view.list.setCurrentRow(daily)
    qtbot.mouseClick(view.restore, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(w is not window for w in open_windows()))
    new = next(w for w in open_windows() if w is not window)
    qtbot.addWidget(new)
    assert (
        len(new.controller.timeline.draws) == before - 1
    )  # the 9.9 added after the backup is gone
    assert any(b.kind == "before-restore" for b in list_backups(data_dir))
    assert "Restored the backup" in new.statusBar().currentMessage()
    new.close()
