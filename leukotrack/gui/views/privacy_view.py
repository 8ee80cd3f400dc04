"""Layouts for encryption: the unlock form (start-up dialog and lock screen) and File → Privacy…"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from leukotrack import APP_NAME
from leukotrack.domain.privacy import LOCK_MINUTES_RANGE
from leukotrack.gui.views.entry_view import error_label


def _secret_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(320)
    return field


def _error(parent: QWidget, name: str) -> QLabel:
    label = error_label(parent)
    label.setObjectName(name)
    return label


def _wrapped(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    return label


class UnlockForm(QWidget):
    """The passphrase (or recovery key) field, 'Remember on this computer' and Open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockForm")
        outer = QVBoxLayout(self)
        self.title = QLabel("<h3>Your records are encrypted</h3>", self)
        self.passphrase_hint = "Type your passphrase to open them."
        self.explain = _wrapped(self.passphrase_hint, self)
        self.explain.setMinimumHeight(self.explain.fontMetrics().lineSpacing() * 3 + 4)
        self.explain.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setMinimumWidth(440)
        self.field_label = QLabel("&Passphrase:", self)
        self.secret = _secret_field(self, "unlockSecret")
        self.field_label.setBuddy(self.secret)
        self.use_recovery = QCheckBox("Use recovery key", self)
        self.use_recovery.setObjectName("useRecovery")
        self.remember = QCheckBox("Remember on this computer", self)
        self.remember.setObjectName("rememberKey")
        self.remember.setToolTip(
            "Keeps the key in your desktop's keyring (Secret Service), which your login protects."
            " Never in a plain file. Anyone who can use your desktop session can then open the "
            "records without the passphrase."
        )
        self.error = _error(self, "unlockError")
        self.open_button = QPushButton("&Open", self)
        self.open_button.setObjectName("unlockOpen")
        self.open_button.setDefault(True)
        self.open_button.setAutoDefault(True)
        self.quit_button = QPushButton("&Quit", self)
        self.quit_button.setObjectName("unlockQuit")
        for widget in (self.title, self.explain, self.field_label, self.secret):
            outer.addWidget(widget)
        outer.addWidget(self.use_recovery)
        outer.addWidget(self.remember)
        outer.addWidget(self.error)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)
        buttons.addWidget(self.open_button)
        outer.addLayout(buttons)
        self.secret.returnPressed.connect(self.open_button.click)

    def show_recovery_mode(self, on: bool) -> None:
        self.field_label.setText("&Recovery key:" if on else "&Passphrase:")
        self.explain.setText(
            "Type the recovery key you wrote down when you turned encryption on (8 groups of 4 "
            "characters; spaces, dashes and small letters are fine)."
            if on
            else self.passphrase_hint
        )
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password)
        self.secret.clear()
        self.secret.setFocus()


class UnlockDialog(QDialog):
    """The unlock form as the window shown before the records open."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlockDialog")
        self.setWindowTitle(f"{APP_NAME} — open your records")
        layout = QVBoxLayout(self)
        self.form = UnlockForm(self)
        layout.addWidget(self.form)
        self.form.quit_button.clicked.connect(self.reject)


class LockedPage(QWidget):
    """What the main window shows while locked: no data, only the unlock form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockedPage")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        box = QGroupBox(self)
        inner = QVBoxLayout(box)
        self.form = UnlockForm(box)
        self.form.title.setText("<h3>LeukoTrack is locked</h3>")
        self.form.passphrase_hint = (
            "Your records are hidden while LeukoTrack is locked. Type your passphrase to show "
            "them again."
        )
        self.form.explain.setText(self.form.passphrase_hint)
        self.form.quit_button.setText("&Quit")
        inner.addWidget(self.form)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)


class PrivacyView(QDialog):
    """File → Privacy…: turn encryption on or off, change the passphrase, the idle lock."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacyDialog")
        self.setWindowTitle("Privacy")
        self.setModal(True)
        outer = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)
        self.error = _error(self, "privacyError")
        outer.addWidget(self.error)
        self._build_off_page()
        self._build_on_page()
        self._build_recovery_page()
        self.close_button = QPushButton("&Close", self)
        self.close_button.setObjectName("privacyClose")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        outer.addLayout(row)
        self.close_button.clicked.connect(self.accept)
        self.setMinimumWidth(520)

    def _build_off_page(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            _wrapped(
                "<b>Encryption is off.</b> Your records are protected by your user account "
                "only: anyone who copies the data folder (a shared computer, a lost disk, a "
                "backup on a USB stick) can read them.<br><br>Turn encryption on to lock the "
                "records, their backups and stored reports with a passphrase. You will get a "
                "recovery key to write down, for the day you forget the passphrase.",
                page,
            )
        )
        form = QFormLayout()
        self.new_passphrase = _secret_field(page, "newPassphrase")
        self.new_again = _secret_field(page, "newPassphraseAgain")
        form.addRow("&Passphrase (8 characters or more):", self.new_passphrase)
        form.addRow("The same &again:", self.new_again)
        layout.addLayout(form)
        self.turn_on = QPushButton("&Turn encryption on", page)
        self.turn_on.setObjectName("turnOn")
        layout.addWidget(self.turn_on, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.pages.addWidget(page)
        self.off_page = page

    def _build_on_page(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            _wrapped(
                "<b>Encryption is on.</b> The records, their backups and stored reports can "
                "only be read with your passphrase or your recovery key.",
                page,
            )
        )
        change = QGroupBox("Change the passphrase", page)
        form = QFormLayout(change)
        self.change_new = _secret_field(change, "changePassphrase")
        self.change_again = _secret_field(change, "changePassphraseAgain")
        form.addRow("&New passphrase:", self.change_new)
        form.addRow("The same a&gain:", self.change_again)
        self.change = QPushButton("C&hange passphrase", change)
        self.change.setObjectName("changePassphraseButton")
        form.addRow("", self.change)
        layout.addWidget(change)
        lock = QGroupBox("Locking", page)
        lock_form = QFormLayout(lock)
        self.lock_minutes = QSpinBox(lock)
        self.lock_minutes.setObjectName("lockMinutes")
        self.lock_minutes.setRange(*LOCK_MINUTES_RANGE)
        self.lock_minutes.setSuffix(" minutes")
        lock_form.addRow("&Lock after being idle for:", self.lock_minutes)
        layout.addWidget(lock)
        self.turn_off = QPushButton("Turn encryption &off…", page)
        self.turn_off.setObjectName("turnOff")
        layout.addWidget(self.turn_off, 0, Qt.AlignmentFlag.AlignRight)
        layout.addStretch(1)
        self.pages.addWidget(page)
        self.on_page = page

    def _build_recovery_page(self) -> None:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(
            _wrapped(
                "<b>Encryption is on.</b> This is your recovery key. It is shown only now: "
                "print this window or write the key down, and keep it away from this computer."
                " With it you can open your records if you forget the passphrase. If both are "
                "lost, nobody (not even LeukoTrack's makers) can open the records again.",
                page,
            )
        )
        self.recovery_key = QLabel(page)
        self.recovery_key.setObjectName("recoveryKey")
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSizeF(font.pointSizeF() * 1.5)
        self.recovery_key.setFont(font)
        self.recovery_key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.recovery_key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.recovery_key)
        self.written_down = QCheckBox("I have printed or written down the recovery key", page)
        self.written_down.setObjectName("writtenDown")
        layout.addWidget(self.written_down)
        layout.addStretch(1)
        self.pages.addWidget(page)
        self.recovery_page = page
