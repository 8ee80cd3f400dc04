"""File → Privacy… and File → Lock: encryption on and off, the passphrase, locking when idle.

Locking clears what the window shows (its tables, overview and chart are emptied and replaced by
the unlock form), drops the key from the open database and hides any open dialog. What was typed
into such a dialog stays in its fields, in memory only, and comes back after unlocking.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from leukotrack.domain.errors import LeukoTrackError
from leukotrack.domain.privacy import check_new_passphrase
from leukotrack.domain.records import Profile
from leukotrack.gui.controllers.unlock_controller import UnlockController
from leukotrack.gui.views.privacy_view import LockedPage, PrivacyView
from leukotrack.services import privacy
from leukotrack.services.timeline import Timeline

if TYPE_CHECKING:
    from leukotrack.gui.controllers.main_controller import MainController

USER_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
EMPTY = Timeline(Profile(), [], [], [], [], [])


class IdleWatch(QObject):
    """Restarts `timer` on every key press, click, wheel turn or mouse move in the app."""

    def __init__(self, timer: QTimer) -> None:
        super().__init__()
        self.timer = timer

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT and self.timer.isActive():
            self.timer.start()
        return False


class PrivacyController:
    def __init__(self, main: MainController, quit_app: Callable[[], None]) -> None:
        self.main = main
        self.view = main.view
        self.quit_app = quit_app
        self.locked = False
        self._stashed: QWidget | None = None
        self._hidden: list[QDialog] = []
        self._disabled: list[QAction] = []
        self.page: LockedPage | None = None
        self.action_privacy = QAction("Pri&vacy…", self.view)
        self.action_privacy.setObjectName("actionPrivacy")
        self.action_lock = QAction("&Lock", self.view)
        self.action_lock.setObjectName("actionLock")
        self.action_lock.setShortcut(QKeySequence("Ctrl+L"))
        self.action_privacy.triggered.connect(self.open)
        self.action_lock.triggered.connect(self.lock)
        self.view.add_file_actions([self.action_privacy, self.action_lock])
        self.idle = QTimer(self.view)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self.lock)
        self.watch = IdleWatch(self.idle)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.watch)
        self.update_state()

    @property
    def encrypted(self) -> bool:
        return self.main.db.key is not None or self.locked

    def update_state(self) -> None:
        self.action_lock.setEnabled(self.encrypted and not self.locked)
        self.action_privacy.setEnabled(not self.locked)
        if self.main.db.key is not None and not self.locked:
            self.set_idle_minutes(privacy.lock_minutes(self.main.db))
        else:
            self.idle.stop()

    def set_idle_minutes(self, minutes: float) -> None:
        self.idle.setInterval(int(minutes * 60_000))
        self.idle.start()

    def close(self) -> None:
        self.idle.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.watch)

    # -- File → Privacy… ------------------------------------------------------------------
    def open(self) -> PrivacyView:
        view = PrivacyView(self.view)
        self.privacy_view = view
        self._show_page(view)
        view.turn_on.clicked.connect(lambda: self._turn_on(view))
        view.turn_off.clicked.connect(lambda: self._turn_off(view))
        view.change.clicked.connect(lambda: self._change(view))
        view.lock_minutes.valueChanged.connect(self._minutes_changed)
        view.written_down.toggled.connect(view.close_button.setEnabled)
        self.main._open_dialog(view)
        return view

    def _show_page(self, view: PrivacyView) -> None:
        if self.main.db.key is None:
            view.pages.setCurrentWidget(view.off_page)
        else:
            view.lock_minutes.setValue(privacy.lock_minutes(self.main.db))
            view.pages.setCurrentWidget(view.on_page)

    def _fail(self, view: PrivacyView, exc: Exception) -> None:
        view.error.setText(str(exc))
        view.error.show()

    def _turn_on(self, view: PrivacyView) -> None:
        db = self.main.db
        try:
            check_new_passphrase(view.new_passphrase.text(), view.new_again.text())
            db.close()
            enabled = privacy.turn_on(
                self.main.data_dir, view.new_passphrase.text(), view.new_again.text()
            )
        except LeukoTrackError as exc:
            self._fail(view, exc)
            return
        finally:
            view.new_passphrase.clear()
            view.new_again.clear()
        db.use_key(enabled.data_key)
        view.error.hide()
        view.recovery_key.setText(enabled.recovery_key)
        view.pages.setCurrentWidget(view.recovery_page)
        view.close_button.setEnabled(False)  # until the recovery key is written down
        self.update_state()
        self.view.statusBar().showMessage("Encryption is on.", 10000)

    def _turn_off(self, view: PrivacyView) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Turn encryption off?",
            "Your records, their backups and stored reports will be kept in plain form: anyone "
            "who copies the data folder can read them. Turn encryption off?",
            parent=view,
        )
        yes = box.addButton("Turn encryption off", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is not yes:
            return
        self.turn_off_now(view)

    def turn_off_now(self, view: PrivacyView) -> None:
        db = self.main.db
        key = db.key
        assert key is not None
        try:
            db.close()
            privacy.turn_off(self.main.data_dir, key)
        except LeukoTrackError as exc:
            self._fail(view, exc)
            return
        db.use_key(None)
        view.error.hide()
        view.pages.setCurrentWidget(view.off_page)
        self.update_state()
        self.view.statusBar().showMessage("Encryption is off.", 10000)

    def _change(self, view: PrivacyView) -> None:
        key = self.main.db.key
        assert key is not None
        try:
            privacy.change_passphrase(
                self.main.data_dir, key, view.change_new.text(), view.change_again.text()
            )
        except LeukoTrackError as exc:
            self._fail(view, exc)
            return
        finally:
            view.change_new.clear()
            view.change_again.clear()
        view.error.hide()
        self.view.statusBar().showMessage(
            "The passphrase was changed; your recovery key stays the same.", 10000
        )

    def _minutes_changed(self, minutes: int) -> None:
        if self.main.db.key is None:
            return
        privacy.set_lock_minutes(self.main.db, minutes)
        self.set_idle_minutes(minutes)

    # -- locking --------------------------------------------------------------------------
    def lock(self) -> None:
        if self.locked or self.main.db.key is None:
            return
        self.locked = True
        self.idle.stop()
        self._hidden = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w is not self.view
        ]
        for dialog in self._hidden:
            dialog.hide()  # its fields keep what was typed, in memory
        self.main.refresh(EMPTY)  # the tables, overview and chart forget the records
        self._stashed = self.view.takeCentralWidget()
        self._stashed.hide()
        self.page = LockedPage()
        self.view.setCentralWidget(self.page)
        self.page.show()
        self.unlocker = UnlockController(self.page.form, self.main.data_dir, self._unlocked)
        self.page.form.quit_button.clicked.connect(self.quit_app)
        self.main.db.use_key(None)
        self.view.statusBar().clearMessage()
        self.view.menuBar().setEnabled(False)
        self._disabled = [a for a in self.view.findChildren(QAction) if a.isEnabled()]
        for action in self._disabled:  # no shortcut (Ctrl+N, Ctrl+E …) reaches the records
            action.setEnabled(False)
        self.view.setAcceptDrops(False)
        self.update_state()
        self.page.form.secret.setFocus()

    def _unlocked(self, key: bytes, notice: str | None) -> None:
        self.main.db.use_key(key)
        self.locked = False
        self.view.menuBar().setEnabled(True)
        for action in self._disabled:
            action.setEnabled(True)
        self._disabled = []
        self.view.setAcceptDrops(True)
        assert self._stashed is not None
        self.view.takeCentralWidget()  # the locked page (deleted below)
        self.view.setCentralWidget(self._stashed)
        self._stashed.show()
        if self.page is not None:
            self.page.deleteLater()
            self.page = None
        self.main.refresh()
        for dialog in self._hidden:
            dialog.show()
        self._hidden = []
        self.update_state()
        if notice:
            self.view.statusBar().showMessage(notice, 15000)
