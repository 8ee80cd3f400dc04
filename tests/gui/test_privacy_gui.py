"""Encryption in the app: File → Privacy…, File → Lock, the idle lock, the unlock form."""

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from leukotrack.gui.app import MainWindow, build_main_window, record_key
from leukotrack.gui.controllers.unlock_controller import UnlockController
from leukotrack.gui.views.form_dialog_view import TemperatureDialogView
from leukotrack.gui.views.privacy_view import LockedPage, PrivacyView, UnlockDialog
from leukotrack.services import privacy
from leukotrack.services.entry import ResultEntry, record_results
from leukotrack.services.store import open_records
from leukotrack.storage import sealing
from leukotrack.storage.cipher import is_encrypted_file
from leukotrack.storage.sealing import KdfParams
from tests.gui.helpers import open_dialog

PASS = "correct horse battery"


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sealing, "DEFAULT_KDF", KdfParams(1, 1024, 1))


def _with_results(data_dir: Path) -> None:
    db = open_records(data_dir)
    record_results(db, ResultEntry(datetime(2026, 3, 3, 9), {"wbc": "3.1", "anc": "1.2"}))
    db.close()


@pytest.fixture
def encrypted(qtbot: QtBot, data_dir: Path) -> Iterator[MainWindow]:
    _with_results(data_dir)
    key = privacy.turn_on(data_dir, PASS).data_key
    win = build_main_window(data_dir, key=key)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def _unlock_dialog(
    qtbot: QtBot, data_dir: Path
) -> tuple[UnlockDialog, UnlockController, list[tuple[bytes, str | None]]]:
    """The start-up unlock dialog, shown; the list collects (key, notice) once it opens."""
    dialog = UnlockDialog()
    qtbot.addWidget(dialog)
    got: list[tuple[bytes, str | None]] = []
    controller = UnlockController(dialog.form, data_dir, lambda key, n: got.append((key, n)))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, controller, got


def _type(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def test_turning_encryption_on_in_the_app(qtbot: QtBot, data_dir: Path) -> None:
    _with_results(data_dir)
    win = build_main_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    privacy_controller = win.controller.privacy
    assert not privacy_controller.action_lock.isEnabled()  # nothing to lock in a plain record
    privacy_controller.action_privacy.trigger()
    view = win.controller.dialog
    assert isinstance(view, PrivacyView)
    qtbot.waitExposed(view)
    assert view.pages.currentWidget() is view.off_page
    _type(qtbot, view.new_passphrase, "short")
    _type(qtbot, view.new_again, "short")
    qtbot.mouseClick(view.turn_on, Qt.MouseButton.LeftButton)
    assert view.error.isVisible() and "at least 8" in view.error.text()
    assert not privacy.is_encrypted(data_dir)
    _type(qtbot, view.new_passphrase, PASS)
    _type(qtbot, view.new_again, PASS)
    qtbot.mouseClick(view.turn_on, Qt.MouseButton.LeftButton)
    assert view.pages.currentWidget() is view.recovery_page
    shown = view.recovery_key.text()
    assert len(shown.split("-")) == 8
    assert not view.close_button.isEnabled()  # until the key is written down
    view.written_down.setChecked(True)
    assert view.close_button.isEnabled()
    assert is_encrypted_file(data_dir / "leukotrack.sqlite3")
    assert privacy.unlock(data_dir, recovery=shown) == win.db.key
    win.controller.refresh()  # the window goes on reading through the keyed connection
    assert win.controller.results.model.rowCount() == 1
    assert privacy_controller.action_lock.isEnabled()
    win.close()


def test_file_lock_clears_the_window_and_keeps_dialog_typing_in_memory(
    qtbot: QtBot, encrypted: MainWindow
) -> None:
    win = encrypted
    assert win.controller.results.model.rowCount() == 1
    win.tabs.setCurrentWidget(win.temperatures)
    dialog = open_dialog(qtbot, win, win.temperatures.add)
    assert isinstance(dialog, TemperatureDialogView)
    qtbot.keyClicks(dialog.value, "38.4")
    win.controller.privacy.action_lock.trigger()
    page = win.centralWidget()
    assert isinstance(page, LockedPage)
    assert not dialog.isVisible()
    assert win.controller.results.model.rowCount() == 0  # the records are gone from the window
    assert win.db.key is None
    assert not win.menuBar().isEnabled()
    assert not win.action_add_results.isEnabled() and not win.acceptDrops()
    _type(qtbot, page.form.secret, "not the passphrase")
    qtbot.keyClick(page.form.secret, Qt.Key.Key_Return)
    assert page.form.error.isVisible() and "not right" in page.form.error.text()
    assert isinstance(win.centralWidget(), LockedPage)
    _type(qtbot, page.form.secret, PASS)
    qtbot.keyClick(page.form.secret, Qt.Key.Key_Return)
    assert win.centralWidget() is win.tabs
    assert win.controller.results.model.rowCount() == 1
    assert win.action_add_results.isEnabled() and win.acceptDrops()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.value.text() == "38.4"  # what was typed came back, from memory


def test_the_app_locks_itself_after_being_idle(qtbot: QtBot, encrypted: MainWindow) -> None:
    encrypted.controller.privacy.set_idle_minutes(0.005)  # 0.3 s
    qtbot.waitUntil(lambda: isinstance(encrypted.centralWidget(), LockedPage), timeout=5000)
    assert encrypted.controller.results.model.rowCount() == 0


def test_typing_keeps_the_app_from_locking(qtbot: QtBot, encrypted: MainWindow) -> None:
    idle = encrypted.controller.privacy.idle
    encrypted.controller.privacy.set_idle_minutes(1)
    qtbot.waitUntil(lambda: idle.remainingTime() < 58_500, timeout=10_000)
    qtbot.keyClick(encrypted.tabs, Qt.Key.Key_Right)
    assert idle.remainingTime() > 59_000  # a key press starts the count again
    qtbot.waitUntil(lambda: idle.remainingTime() < 58_500, timeout=10_000)
    qtbot.mouseClick(encrypted.overview, Qt.MouseButton.LeftButton, pos=QPoint(40, 30))
    assert idle.remainingTime() > 59_000  # so does a click
    assert encrypted.centralWidget() is encrypted.tabs


def test_the_lock_minutes_setting_is_kept(qtbot: QtBot, encrypted: MainWindow) -> None:
    encrypted.controller.privacy.action_privacy.trigger()
    view = encrypted.controller.dialog
    assert isinstance(view, PrivacyView)
    assert view.pages.currentWidget() is view.on_page
    assert view.lock_minutes.value() == 15
    view.lock_minutes.setValue(5)
    assert privacy.lock_minutes(encrypted.db) == 5
    assert encrypted.controller.privacy.idle.interval() == 5 * 60_000


def test_changing_the_passphrase_in_the_app(qtbot: QtBot, encrypted: MainWindow) -> None:
    encrypted.controller.privacy.action_privacy.trigger()
    view = encrypted.controller.dialog
    assert isinstance(view, PrivacyView)
    _type(qtbot, view.change_new, "a new passphrase")
    _type(qtbot, view.change_again, "a new passphrase!")
    qtbot.mouseClick(view.change, Qt.MouseButton.LeftButton)
    assert "differ" in view.error.text()
    _type(qtbot, view.change_new, "a new passphrase")
    _type(qtbot, view.change_again, "a new passphrase")
    qtbot.mouseClick(view.change, Qt.MouseButton.LeftButton)
    assert not view.error.isVisible()
    assert privacy.unlock(encrypted.data_dir, "a new passphrase") == encrypted.db.key


def test_turning_encryption_off_in_the_app(qtbot: QtBot, encrypted: MainWindow) -> None:
    encrypted.controller.privacy.action_privacy.trigger()
    view = encrypted.controller.dialog
    assert isinstance(view, PrivacyView)
    encrypted.controller.privacy.turn_off_now(view)  # the confirmation box is a plain QMessageBox
    assert view.pages.currentWidget() is view.off_page
    assert not is_encrypted_file(encrypted.data_dir / "leukotrack.sqlite3")
    assert encrypted.db.key is None
    encrypted.controller.refresh()
    assert encrypted.controller.results.model.rowCount() == 1


def test_five_wrong_tries_then_each_try_waits(qtbot: QtBot, data_dir: Path) -> None:
    _with_results(data_dir)
    privacy.turn_on(data_dir, PASS)
    dialog, controller, opened = _unlock_dialog(qtbot, data_dir)
    for n in range(5):
        _type(qtbot, dialog.form.secret, f"wrong guess {n}")
        qtbot.mouseClick(dialog.form.open_button, Qt.MouseButton.LeftButton)
    assert controller.failures == 5
    assert not dialog.form.open_button.isEnabled()
    assert "Wait 1 s" in dialog.form.error.text()
    _type(qtbot, dialog.form.secret, PASS)
    qtbot.keyClick(dialog.form.secret, Qt.Key.Key_Return)  # ignored while waiting
    assert not opened
    qtbot.waitUntil(dialog.form.open_button.isEnabled, timeout=3000)
    qtbot.mouseClick(dialog.form.open_button, Qt.MouseButton.LeftButton)
    assert opened and controller.failures == 0


def test_use_recovery_key_opens_the_record(qtbot: QtBot, data_dir: Path) -> None:
    _with_results(data_dir)
    enabled = privacy.turn_on(data_dir, PASS)
    dialog, keep, got = _unlock_dialog(qtbot, data_dir)
    box = dialog.form.use_recovery
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.form.field_label.text() == "&Recovery key:"
    assert dialog.form.secret.echoMode() == QLineEdit.EchoMode.Normal
    qtbot.keyClicks(dialog.form.secret, enabled.recovery_key.lower().replace("-", " "))
    qtbot.mouseClick(dialog.form.open_button, Qt.MouseButton.LeftButton)
    ((key, notice),) = got
    assert keep.failures == 0
    assert key == enabled.data_key and notice is not None and "new passphrase" in notice


def test_remember_without_a_keyring_says_so_and_still_opens(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    monkeypatch.setattr(keyring.core, "_keyring_backend", NoKeyring())
    _with_results(data_dir)
    privacy.turn_on(data_dir, PASS)
    dialog, keep, got = _unlock_dialog(qtbot, data_dir)
    dialog.form.remember.setChecked(True)
    qtbot.keyClicks(dialog.form.secret, PASS)
    qtbot.mouseClick(dialog.form.open_button, Qt.MouseButton.LeftButton)
    ((_key, notice),) = got
    assert keep.failures == 0
    assert notice is not None and "never keeps it in a plain file" in notice


def test_start_up_asks_only_for_an_encrypted_record(data_dir: Path) -> None:
    _with_results(data_dir)
    asked: list[Path] = []

    def ask(folder: Path) -> tuple[bytes, str | None] | None:
        asked.append(folder)
        return None

    assert record_key(data_dir, ask=ask) == (None, None)
    assert not asked
    enabled = privacy.turn_on(data_dir, PASS)
    assert record_key(data_dir, ask=ask) is None  # Quit
    assert asked == [data_dir]
    assert record_key(data_dir, PASS, ask=ask) == (enabled.data_key, None)


def test_the_first_export_from_an_encrypted_record_says_it_is_plain_once(
    qtbot: QtBot, encrypted: MainWindow, tmp_path: Path
) -> None:
    files = encrypted.controller.files
    files.choose_export_file = lambda: (tmp_path / "one.csv", "csv")  # type: ignore[method-assign]
    files.export_chosen()
    assert files.message is not None and "not" in files.message.text()
    assert "encrypted" in files.message.text()
    files.message.close()
    qtbot.waitUntil(lambda: files.message is None)
    files.choose_export_file = lambda: (tmp_path / "two.csv", "csv")  # type: ignore[method-assign]
    files.export_chosen()
    assert files.message is None  # said once only
    assert (tmp_path / "two.csv").read_text().startswith("date")
