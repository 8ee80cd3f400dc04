"""The logic behind the Patterns tab and the serial-count plan (dialog, calendar, progress).

Patterns are worked out only while the tab is shown, and again whenever the records change
while it is shown, on a worker thread: the first time also imports NumPy and SciPy (seconds on
a slow machine), and the window stays responsive meanwhile. The records are an immutable
snapshot (`Timeline`) and the domain is pure, so the thread shares nothing mutable; a result
that arrives after a newer request is dropped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTabWidget

from leukotrack import APP_NAME
from leukotrack.domain.analytes import ANALYTES
from leukotrack.domain.dates import long_date
from leukotrack.domain.errors import InputError
from leukotrack.domain.pattern_text import (
    CLOSING,
    HEADINGS,
    baseline_text,
    below_text,
    fatigue_text,
    infections_text,
    rhythm_text,
)
from leukotrack.domain.patterns import PATTERN_ANALYTES, Patterns
from leukotrack.domain.serial_plan import SerialPlan, weekday_words
from leukotrack.gui.views.patterns_view import PatternCard, PatternsView
from leukotrack.gui.views.serial_plan_view import PlanProgressLabel, SerialPlanDialog
from leukotrack.report.content import YourNumbers
from leukotrack.report.pattern_charts import (
    paint_fatigue_bars,
    paint_periodogram,
    paint_share_strip,
)
from leukotrack.report.your_numbers import threshold_labels
from leukotrack.services.patterns import patterns_of, readings_of
from leukotrack.services.serial_plans import (
    PlanProgress,
    end_serial_plan,
    new_serial_plan,
    plan_progress,
    save_serial_plan,
    serial_plan,
    write_plan_ics,
)
from leukotrack.services.timeline import Timeline
from leukotrack.storage.db import Database


def progress_text(progress: PlanProgress, today: date) -> str:
    """'Serial-count plan: 8 of 18 tests done · next test Wednesday 4 March 2026'."""
    plan = progress.plan
    text = f"Serial-count plan: {progress.text}"
    upcoming = plan.next_test(today, progress.done)
    if upcoming is not None:
        when = "today" if upcoming == today else f"{upcoming:%A} {long_date(upcoming)}"
        return f"{text} · next test {when}"
    if today > plan.end:
        return f"{text} · the plan ended on {long_date(plan.end)}"
    return text


def _plain(card: PatternCard, text: str | None, why: str) -> None:
    card.text.setText(text if text is not None else f"Not enough data yet. {why}")
    card.closing.setText(CLOSING)


class _Delivery(QObject):
    """Carries a worker's result to the GUI thread (a queued signal)."""

    done = Signal(int, object)  # request number, Patterns | InputError | Exception


class PatternsController(QObject):
    def __init__(
        self,
        db: Database,
        view: PatternsView,
        tabs: QTabWidget,
        progress: PlanProgressLabel,
        changed: Callable[[], None],
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(view)
        self.db = db
        self.view = view
        self.tabs = tabs
        self.progress = progress
        self.changed = changed
        self.today = today
        self.timeline: Timeline | None = None
        self.plan: SerialPlan | None = None
        self.shown: Patterns | None = None
        self._stale = True
        self._request = 0
        self._closed = False
        self.busy = False
        self._delivery = _Delivery()
        self._delivery.done.connect(self._delivered)
        self.dialog: SerialPlanDialog | None = None
        for key in PATTERN_ANALYTES:
            view.analyte.addItem(f"{ANALYTES[key].short} — {HEADINGS[key]}", key)
        view.analyte.currentIndexChanged.connect(lambda _i: self._recompute())
        view.start_plan.clicked.connect(self.open_plan_dialog)
        view.export_plan.clicked.connect(self.export_plan)
        view.end_plan.clicked.connect(self.end_plan)
        tabs.currentChanged.connect(lambda _i: self._compute_if_shown())

    # -- following the records ------------------------------------------------------------
    def show(self, timeline: Timeline) -> None:
        """The records changed (or were first read): plan progress now, patterns when shown."""
        self.timeline = timeline
        self.plan = serial_plan(self.db)
        self._show_plan(timeline)
        self._stale = True
        self._compute_if_shown()

    def _show_plan(self, timeline: Timeline) -> None:
        plan = self.plan
        if plan is None:
            self.progress.hide()
            self.view.plan_box.hide()
            return
        progress = plan_progress(plan, timeline)
        text = progress_text(progress, self.today())
        self.progress.setText(text)
        self.progress.show()
        self.view.plan_text.setText(
            f"{text}.\nCounts on {weekday_words(plan.weekdays)} for {plan.weeks} weeks, "
            f"{long_date(plan.start)} to {long_date(plan.end)}."
        )
        self.view.plan_box.show()

    def _is_shown(self) -> bool:
        return self.tabs.currentWidget() is self.view

    def _compute_if_shown(self) -> None:
        if self._stale and self._is_shown() and self.timeline is not None:
            self.view.message.setText("Looking for patterns…")
            self.view.message.show()
            self.compute()

    def _recompute(self) -> None:
        self._stale = True
        self._compute_if_shown()

    @property
    def analyte(self) -> str:
        return str(self.view.analyte.currentData())

    def compute(self) -> None:
        """Start working the patterns out; the cards fill when the result arrives."""
        if self.timeline is None or self._closed:
            return
        self._stale = False
        self._request += 1
        request, timeline, analyte = self._request, self.timeline, self.analyte
        if not readings_of(timeline, analyte):
            self.busy = False
            self._nothing(
                f"Patterns appear here once you have {ANALYTES[analyte].short} results. Add "
                "results after your next blood test, or import a file from your lab."
            )
            return
        delivery = self._delivery
        self.busy = True

        def work() -> None:
            result: object
            try:
                result = patterns_of(timeline, analyte)
            except Exception as exc:  # shown or re-raised in the GUI thread
                result = exc
            delivery.done.emit(request, result)

        threading.Thread(target=work, name="patterns", daemon=True).start()

    def _delivered(self, request: int, result: object) -> None:
        if request != self._request or self._closed:
            return  # a newer request is on its way, or the window has closed
        self.busy = False
        if isinstance(result, InputError):
            self._nothing(str(result))
            return
        if isinstance(result, BaseException):
            raise result  # the app's crash handler reports it
        assert isinstance(result, Patterns)
        self.shown = result
        v = self.view
        v.message.hide()
        v.body.show()
        v.period.setText(
            f"Your {HEADINGS[result.analyte]}, {long_date(result.start)} to {long_date(result.end)}"
        )
        self._fill(result)

    def _nothing(self, text: str) -> None:
        self.shown = None
        self.view.message.setText(text)
        self.view.message.show()
        self.view.body.hide()
        return None

    def _fill(self, p: Patterns) -> None:
        v = self.view
        assert self.timeline is not None
        unit = self.timeline.profile.count_unit
        lines = [baseline_text(p.baseline, p.analyte, unit) or ""]
        lines += [below_text(b, p.baseline.n, unit) for b in p.below]
        v.usual.text.setText("\n".join(line for line in lines if line))
        v.usual.closing.setText(CLOSING)
        labels = threshold_labels(YourNumbers(p, unit))
        v.usual.chart.set_paint(
            lambda q, r, pt, ink: paint_share_strip(q, r, p.below, labels, p.baseline.n, pt, ink),
            "Share of results below each threshold",
        )
        fatigue = fatigue_text(p.fatigue, p.analyte)
        _plain(v.fatigue, fatigue, p.fatigue.why)
        v.fatigue.chart.set_paint(
            (lambda q, r, pt, ink: paint_fatigue_bars(q, r, p.fatigue, pt, ink))
            if fatigue is not None
            else None,
            fatigue or "",
        )
        _plain(v.infections, infections_text(p.infections, p.analyte), p.infections.why)
        rhythm = rhythm_text(p.periodicity, p.analyte)
        _plain(v.rhythm, rhythm, p.periodicity.why)
        v.rhythm.chart.set_paint(
            (lambda q, r, pt, ink: paint_periodogram(q, r, p.periodicity, pt, ink))
            if rhythm is not None and p.periodicity.periods
            else None,
            rhythm or "",
        )

    # -- the serial-count plan ------------------------------------------------------------
    def open_plan_dialog(self) -> SerialPlanDialog:
        dialog = SerialPlanDialog(self.view)
        start = self.today()
        dialog.start.setDate(QDate(start.year, start.month, start.day))
        dialog.start.dateChanged.connect(lambda _d: self._preview(dialog))
        dialog.weeks.valueChanged.connect(lambda _n: self._preview(dialog))
        for box in dialog.days:
            box.toggled.connect(lambda _on: self._preview(dialog))
        dialog.ok.clicked.connect(lambda: self._start(dialog))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self._preview(dialog)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _plan_from(self, dialog: SerialPlanDialog) -> SerialPlan:
        days = tuple(n for n, box in enumerate(dialog.days) if box.isChecked())
        if not days:
            raise InputError("Tick at least one day of the week for the tests.")
        start = dialog.start.date().toPython()
        assert isinstance(start, date)
        return new_serial_plan(start, dialog.weeks.value(), days)

    def _preview(self, dialog: SerialPlanDialog) -> None:
        try:
            plan = self._plan_from(dialog)
        except InputError as exc:
            dialog.preview.clear()
            dialog.message.setText(str(exc))
            dialog.message.show()
            dialog.ok.setEnabled(False)
            return
        days = plan.test_days()
        dialog.message.hide()
        dialog.ok.setEnabled(bool(days))
        dialog.preview.setText(
            f"{len(days)} test days, from {days[0]:%A} {long_date(days[0])} to "
            f"{days[-1]:%A} {long_date(days[-1])}."
            if days
            else "No test day falls in these weeks."
        )

    def _start(self, dialog: SerialPlanDialog) -> None:
        if self.plan is not None and (
            QMessageBox.question(
                dialog,
                APP_NAME,
                "This replaces the serial-count plan you have now. Start the new plan?",
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        try:
            save_serial_plan(self.db, self._plan_from(dialog))
        except InputError as exc:
            dialog.message.setText(str(exc))
            dialog.message.show()
            return
        dialog.accept()
        self.changed()

    def ask_ics_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self.view, "Save the plan to a calendar file", suggested, "Calendar (*.ics)"
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix.lower() == ".ics" else path.with_suffix(".ics")

    def export_plan(self) -> Path | None:
        if self.plan is None:
            return None
        path = self.ask_ics_path(f"serial-counts-{self.plan.start.isoformat()}.ics")
        if path is None:
            return None
        try:
            n = write_plan_ics(self.plan, path)
        except (InputError, OSError) as exc:
            QMessageBox.warning(self.view, APP_NAME, f"The calendar file was not saved: {exc}")
            return None
        self.view.plan_text.setText(
            f"{self.view.plan_text.text()}\nSaved {n} test days with reminders to {path.name}."
        )
        return path

    def end_plan(self) -> None:
        answer = QMessageBox.question(
            self.view,
            APP_NAME,
            "End the serial-count plan? Your results stay as they are.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            end_serial_plan(self.db)
            self.changed()

    def close(self) -> None:
        """The window is closing: late results are dropped; an open plan dialog is cancelled."""
        self._closed = True
        if self.dialog is not None:
            self.dialog.reject()
