"""Reminders in the window: the plan dialog, File → Export reminders…, and the start-up notice.

At start-up, when a blood test is due today or overdue, a desktop notification is sent when the
desktop has a tray that shows messages; otherwise the Overview shows a banner. Nothing runs once
the window is closed: there is no background service.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QFileDialog, QMessageBox, QSystemTrayIcon

from leukotrack import APP_NAME
from leukotrack.domain.dates import long_date
from leukotrack.domain.errors import LeukoTrackError
from leukotrack.domain.reminders import Reminder, plan_from_json
from leukotrack.services.reminders import (
    TEST_PLAN_SETTING,
    attention,
    clear_test_plan,
    export_reminders,
    set_test_plan,
)

if TYPE_CHECKING:
    from leukotrack.gui.controllers.main_controller import MainController
    from leukotrack.gui.views.plan_view import PlanView


def notice_text(items: list[Reminder], today: date) -> str:
    """'Blood test due today (your plan).' / 'Blood test overdue since 3 March 2026 (clozapine).'"""
    parts = []
    for r in items:
        when = "due today" if r.due == today else f"overdue: it was due on {long_date(r.due)}"
        parts.append(f"Blood test {when} ({r.source}).")
    return " ".join(parts)


class RemindersController:
    def __init__(self, main: MainController) -> None:
        self.main = main
        self.tray: QSystemTrayIcon | None = None
        self.notified_with: str = ""  # "desktop", "banner" or "" (nothing was due)
        v = main.view
        v.action_plan.triggered.connect(self.open_plan)
        v.overview.plan_tests.clicked.connect(self.open_plan)
        v.action_export_reminders.triggered.connect(self.export)
        self.choose_export_file = self._choose_export_file

    # -- start-up -------------------------------------------------------------------------
    def notify_at_start(self, now: datetime | None = None) -> str:
        """Say once, as the window opens, which blood tests are due today or overdue."""
        moment = now or datetime.now()
        items = attention(self.main.timeline, moment)
        if not items:
            return ""
        text = notice_text(items, moment.date())
        if QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages():
            self.tray = QSystemTrayIcon(self.main.view.windowIcon(), self.main.view)
            self.tray.setToolTip(APP_NAME)
            self.tray.show()
            self.tray.showMessage(
                f"{APP_NAME}: blood test", text, QSystemTrayIcon.MessageIcon.Information
            )
            self.notified_with = "desktop"
        else:
            overview = self.main.view.overview
            overview.notice_text.setText(f"<b>Reminder:</b> {text}")
            overview.notice.setAccessibleName(f"Reminder: {text}")
            overview.notice.show()
            self.notified_with = "banner"
        return self.notified_with

    def close(self) -> None:
        if self.tray is not None:
            self.tray.hide()
            self.tray = None

    # -- the plan -------------------------------------------------------------------------
    def open_plan(self) -> None:
        from leukotrack.gui.views.plan_view import PlanView

        view = PlanView(self.main.view)
        plan = plan_from_json(self.main.timeline.plans.get(TEST_PLAN_SETTING))
        if plan is not None and plan.every_days is not None:
            view.every.setChecked(True)
            view.days.setValue(plan.every_days)
        elif plan is not None and plan.on is not None:
            view.on.setChecked(True)
            view.date.setDate(QDate(plan.on.year, plan.on.month, plan.on.day))
        else:
            view.every.setChecked(True)  # someone opening this wants a plan: start with one
        view.date.setMinimumDate(QDate.currentDate())
        view.save.clicked.connect(lambda: self._save_plan(view))
        view.cancel.clicked.connect(view.reject)
        self.main._open_dialog(view)

    def _save_plan(self, view: PlanView) -> None:
        try:
            if view.none.isChecked():
                clear_test_plan(self.main.db)
                said = "Your own plan is removed."
            else:
                on = view.date.date().toPython() if view.on.isChecked() else None
                every = view.days.value() if view.every.isChecked() else None
                plan = set_test_plan(self.main.db, every, on)  # type: ignore[arg-type]
                said = f"Your plan: {plan.words()}."
        except LeukoTrackError as exc:
            view.message.setText(str(exc))
            view.message.show()
            return
        view.accept()
        self.main.refresh()
        self.main.view.statusBar().showMessage(said, 8000)

    # -- export ---------------------------------------------------------------------------
    def _choose_export_file(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.main.view,
            "Export reminders",
            str(Path.home() / "leukotrack-reminders.ics"),
            "Calendar (*.ics)",
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".ics")

    def export(self) -> None:
        out = self.choose_export_file()
        if out is None:
            return
        try:
            n = export_reminders(self.main.db, out)
        except (LeukoTrackError, OSError) as exc:
            QMessageBox.warning(self.main.view, APP_NAME, f"The reminders were not saved: {exc}")
            return
        if n == 0:
            text = (
                f"Saved {out.name}, but it holds no event: no plan gives a coming test. "
                "Choose File → Plan my next blood test… to set one."
            )
        else:
            text = f"Saved {n} reminder{'s' if n != 1 else ''} with alarms to {out}."
        self.main.view.statusBar().showMessage(text, 10000)
