"""QApplication, main window assembly, one instance per data folder, and the crash handler."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLockFile, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from leukotrack import APP_NAME, __version__
from leukotrack.domain.errors import LeukoTrackError
from leukotrack.gui.controllers.main_controller import MainController
from leukotrack.gui.controllers.unlock_controller import UnlockController
from leukotrack.gui.crash import make_excepthook
from leukotrack.gui.icon import set_app_identity
from leukotrack.gui.instance import acquire_instance_lock
from leukotrack.gui.views.main_view import MainView
from leukotrack.gui.views.privacy_view import UnlockDialog
from leukotrack.paths import demo_data_dir, log_dir
from leukotrack.services.demo import fill_demo
from leukotrack.services.privacy import is_encrypted, remembered_key, unlock
from leukotrack.services.store import newest_good_backup, open_records, restore_backup
from leukotrack.storage.db import CorruptDatabaseError, Database


class MainWindow(MainView):
    """The main view with its controller, owning its database (closed with the window)."""

    def __init__(self, db: Database, data_dir: Path, demo: bool = False) -> None:
        super().__init__()
        self.db = db
        self.data_dir = data_dir
        self.lock: QLockFile | None = None
        if demo:
            self.setWindowTitle(f"{APP_NAME} — demo data (fictional)")
        self.controller = MainController(
            db,
            self,
            data_dir,
            None if demo else self.open_demo,
            restore_backup=self.restore_from_backup,
        )

    def open_demo(self) -> None:
        """Open the demo in its own data folder and window; the real records stay untouched."""
        window = open_window(demo_data_dir(), demo=True)
        if window is None:
            QMessageBox.information(
                self, APP_NAME, "The demo data is already open in another LeukoTrack window."
            )
            return
        window.show()
        self.close()

    def restore_from_backup(self, name: str) -> MainWindow | None:
        """Close these records, put the backup in place (keeping a copy), and reopen them."""
        demo = self.windowTitle() != APP_NAME
        key = self.db.key
        self.close()
        try:
            chosen, kept = restore_backup(self.data_dir, name, key=key)
        except LeukoTrackError as exc:
            QMessageBox.warning(None, APP_NAME, f"The backup was not restored: {exc}")
            chosen = None
        window = open_window(self.data_dir, demo, key)
        if window is None:
            return None
        window.show()
        if chosen is not None:
            window.statusBar().showMessage(
                f"Restored the backup of {chosen.made:%d %b %Y %H:%M}; your previous records "
                f"were kept as {kept.name if kept else 'nothing (there were none)'}.",
                15000,
            )
        return window

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.controller.close()
        self.db.close()
        if self in _open_windows:
            _open_windows.remove(self)
        if self.lock is not None:
            self.lock.unlock()
            self.lock = None


_open_windows: list[MainWindow] = []  # windows opened with a lock, kept alive until closed


def open_windows() -> list[MainWindow]:
    return list(_open_windows)


def make_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    set_app_identity(app)  # window icon, and the .desktop id so the dock shows the right icon
    return app


def build_main_window(data_dir: Path, demo: bool = False, key: bytes | None = None) -> MainWindow:
    """The main window on `data_dir` (not shown, no event loop): for run_app and smoke tests."""
    make_app()
    db = open_records(data_dir, key=key)
    if demo:
        with db.reading() as repo:
            empty = repo.is_empty()
        if empty:
            fill_demo(db)
    return MainWindow(db, data_dir, demo)


def open_window(data_dir: Path, demo: bool = False, key: bytes | None = None) -> MainWindow | None:
    """Lock `data_dir` and build its window; None when another instance has it open."""
    lock = acquire_instance_lock(data_dir)
    if lock is None:
        return None
    try:
        window = build_main_window(data_dir, demo, key)
    except BaseException:
        lock.unlock()
        raise
    window.lock = lock
    _open_windows.append(window)
    return window


def refuse_second_instance(data_dir: Path) -> None:
    message = (
        f"LeukoTrack is already open for the data folder {data_dir}. "
        "Switch to that window; two windows on one folder could overwrite each other's changes."
    )
    print(message, file=sys.stderr)
    QMessageBox.information(None, APP_NAME, message)


def ask_restore(text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text)
    restore = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is restore


def open_or_recover(
    data_dir: Path, ask: Callable[[str], bool] = ask_restore, key: bytes | None = None
) -> MainWindow | None:
    """Open the window; if the database is damaged, offer the newest good backup."""
    try:
        return open_window(data_dir, key=key)
    except CorruptDatabaseError as exc:
        newest = newest_good_backup(data_dir, key)
        if newest is None:
            QMessageBox.critical(None, APP_NAME, f"{exc}\n\nThere is no good backup to restore.")
            raise
        text = (
            f"Your records file cannot be read: it is damaged.\n\nThe newest good backup is from "
            f"{newest.made:%d %B %Y %H:%M}. Restore it? The damaged file is kept beside it, "
            "untouched, in case it can be repaired."
        )
        if not ask(text):
            raise
        restore_backup(data_dir, newest.name, key=key)
        return open_window(data_dir, key=key)


def ask_key(data_dir: Path) -> tuple[bytes, str | None] | None:
    """The unlock dialog, before the window opens: (key, notice), or None when Quit is chosen."""
    dialog = UnlockDialog()
    found: list[tuple[bytes, str | None]] = []

    def unlocked(key: bytes, notice: str | None) -> None:
        found.append((key, notice))
        dialog.accept()

    dialog.controller = UnlockController(dialog.form, data_dir, unlocked)  # type: ignore[attr-defined]
    dialog.exec()
    return found[0] if found else None


def record_key(
    data_dir: Path,
    passphrase: str | None = None,
    ask: Callable[[Path], tuple[bytes, str | None] | None] = ask_key,
) -> tuple[bytes | None, str | None] | None:
    """The key to open `data_dir` with (None for a plain record), and a notice for the status
    bar; None when the person chose Quit. A remembered key is used without asking."""
    if not is_encrypted(data_dir):
        return None, None
    if passphrase is not None:
        return unlock(data_dir, passphrase), None
    remembered = remembered_key(data_dir)
    if remembered is not None:
        return remembered, None
    return ask(data_dir)


def run_app(data_dir: Path, passphrase: str | None = None, key: bytes | None = None) -> int:
    """The app on `data_dir`; `key` when the record was already unlocked (--passphrase-file)."""
    app = make_app()
    sys.excepthook = make_excepthook(log_dir(data_dir))
    try:
        chosen = (key, None) if key is not None else record_key(data_dir, passphrase)
        if chosen is None:
            return 0
        key, notice = chosen
        window = open_or_recover(data_dir, key=key)
    except LeukoTrackError as exc:
        print(f"leukotrack: error: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    if window is None:
        refuse_second_instance(data_dir)
        return 1
    window.show()
    # once the window is up: a desktop notification (or a banner) when a test is due or late
    QTimer.singleShot(0, window.controller.reminders.notify_at_start)
    if notice:
        window.statusBar().showMessage(notice, 15000)
    return app.exec()
