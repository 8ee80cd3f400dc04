"""File → Backups: list the copies of the database, make one now, restore one."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QListWidgetItem, QMessageBox, QWidget

from leukotrack.domain.errors import LeukoTrackError
from leukotrack.services.store import backup_now, list_backups

if TYPE_CHECKING:
    from leukotrack.gui.controllers.main_controller import MainController
    from leukotrack.gui.views.backups_view import BackupsView

KIND_WORDS = {
    "daily": "daily copy",
    "before-import": "before an import",
    "before-restore": "before a restore",
    "before-migration": "before an upgrade",
    "manual": "made by you",
}

Confirm = Callable[[QWidget, str], bool]


def ask_yes_no(parent: QWidget, text: str) -> bool:
    answer = QMessageBox.question(parent, "Restore a backup", text)
    return answer == QMessageBox.StandardButton.Yes


class BackupController:
    def __init__(
        self, main: MainController, restore: Callable[[str], None], confirm: Confirm = ask_yes_no
    ) -> None:
        self.main = main
        self.restore_into_app = restore
        self.confirm = confirm
        self.view: BackupsView | None = None
        self.action = QAction("&Backups…", main.view)
        self.action.triggered.connect(self.open)
        main.view.add_file_actions([self.action])

    def open(self) -> BackupsView:
        from leukotrack.gui.views.backups_view import BackupsView

        view = BackupsView(self.main.view)
        view.intro.setText(
            "LeukoTrack keeps a copy of your records every day (the last 7 days), before every "
            f"import and before every upgrade, in {self.main.data_dir / 'backups'}. Restoring "
            "one first keeps a copy of your records as they are now."
        )
        view.list.currentItemChanged.connect(
            lambda cur, _prev: view.restore.setEnabled(cur is not None)
        )
        view.backup_now.clicked.connect(self.backup_now)
        view.restore.clicked.connect(self.restore_selected)
        self.view = view
        self.fill()
        self.main._open_dialog(view)
        return view

    def fill(self) -> None:
        assert self.view is not None
        self.view.list.clear()
        for b in list_backups(self.main.data_dir):
            item = QListWidgetItem(f"{b.made:%d %b %Y %H:%M} — {KIND_WORDS.get(b.kind, b.kind)}")
            item.setData(Qt.ItemDataRole.UserRole, b.name)
            self.view.list.addItem(item)
        if not self.view.list.count():
            self.view.message.setText("No backups yet.")

    def backup_now(self) -> None:
        assert self.view is not None
        try:
            path = backup_now(self.main.db)
        except (LeukoTrackError, OSError) as exc:
            self.view.message.setText(f"No backup was made: {exc}")
            return
        self.fill()
        self.view.message.setText(f"Made {path.name}.")

    def restore_selected(self) -> None:
        assert self.view is not None
        item = self.view.list.currentItem()
        if item is None:
            return
        name = str(item.data(Qt.ItemDataRole.UserRole))
        text = (
            f"Replace your records with the backup of {item.text()}? A copy of your records as "
            "they are now is kept first, so this can be undone by restoring that copy."
        )
        if not self.confirm(self.view, text):
            return
        self.view.accept()
        self.restore_into_app(name)
