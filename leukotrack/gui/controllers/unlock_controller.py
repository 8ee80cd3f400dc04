"""The unlock form's behaviour: passphrase or recovery key, wrong tries, the growing delay,
'Remember on this computer'. Used before the window opens and on the lock screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer

from leukotrack.domain.errors import LeukoTrackError
from leukotrack.domain.privacy import retry_delay
from leukotrack.gui.views.privacy_view import UnlockForm
from leukotrack.services.privacy import KeystoreUnavailableError, remember_key, unlock


class UnlockController:
    def __init__(
        self, form: UnlockForm, data_dir: Path, unlocked: Callable[[bytes, str | None], None]
    ) -> None:
        """`unlocked(key, notice)` runs once the key is found; `notice` is a line to show
        (the key could not be remembered, or the recovery key was used)."""
        self.form = form
        self.data_dir = data_dir
        self.unlocked = unlocked
        self.failures = 0
        self._wait = QTimer(form)
        self._wait.setSingleShot(True)
        self._wait.timeout.connect(self._wait_over)
        form.open_button.clicked.connect(self.try_open)
        form.use_recovery.toggled.connect(self._recovery_toggled)

    def _recovery_toggled(self, on: bool) -> None:
        self.form.show_recovery_mode(on)
        self.form.error.hide()

    def _say(self, text: str) -> None:
        self.form.error.setText(text)
        self.form.error.show()

    def reset(self) -> None:
        self.form.secret.clear()
        self.form.error.hide()
        self.form.secret.setFocus()

    def try_open(self) -> None:
        if self._wait.isActive():
            return
        text = self.form.secret.text()
        recovery = self.form.use_recovery.isChecked()
        try:
            key = unlock(self.data_dir, None if recovery else text, text if recovery else None)
        except LeukoTrackError as exc:
            self.failures += 1
            self.form.secret.selectAll()
            delay = retry_delay(self.failures)
            if delay > 0:
                self._say(f"{exc} Wait {delay:g} s before the next try.")
                self.form.open_button.setEnabled(False)
                self._wait.start(int(delay * 1000))
            else:
                self._say(str(exc))
            return
        self.failures = 0
        self.form.secret.clear()
        notice: str | None = None
        if recovery:
            notice = "Opened with the recovery key: choose a new passphrase in File → Privacy…"
        if self.form.remember.isChecked():
            try:
                remember_key(self.data_dir, key)
            except KeystoreUnavailableError as exc:
                notice = str(exc)
        self.form.error.hide()
        self.unlocked(key, notice)

    def _wait_over(self) -> None:
        self.form.open_button.setEnabled(True)
        self.form.secret.setFocus()
