"""Reminders for everyone: the next blood test from every plan, visits and cycle days.

Each *source* turns one kind of plan into reminders, as of a moment. `REMINDER_SOURCES` lists
them; a new plan (a cycle plan, a serial-count plan, visits) plugs in by adding its function
there. Every source sees the same `Timeline` snapshot (with the `plan.*` settings in
`Timeline.plans`), so the window, the flags and the command line agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from leukotrack.domain.cycles import next_cycle_plan
from leukotrack.domain.dates import long_date
from leukotrack.domain.flags import Flag, clozapine_due
from leukotrack.domain.reminders import (
    CLOZAPINE,
    CYCLE_PLAN,
    SERIAL_PLAN,
    Reminder,
    TestPlan,
    blood_test_reminder,
    in_order,
    make_test_plan,
    next_blood_test,
    overdue_flag,
    own_plan_reminders,
    plan_from_json,
    planned_days_reminders,
    tested_days,
)
from leukotrack.services.timeline import Timeline, load_timeline
from leukotrack.storage.db import Database

TEST_PLAN_SETTING = "plan.tests"

ReminderSource = Callable[[Timeline, datetime], list[Reminder]]


def clozapine_reminders(timeline: Timeline, as_of: datetime) -> list[Reminder]:
    """The next count under the clozapine scheme chosen in the profile."""
    found = clozapine_due(timeline.profile, timeline.draws, timeline.medications, as_of)
    if found is None:
        return []
    due, med = found
    reason = f"{due.reason} ({med.name} since {long_date(med.start)})"
    return [Reminder(due.due, "blood_test", CLOZAPINE, reason, overdue=due.due < as_of.date())]


def your_plan_reminders(timeline: Timeline, as_of: datetime) -> list[Reminder]:
    """`plan tests --every N | --on D`: the patient's own next test."""
    plan = plan_from_json(timeline.plans.get(TEST_PLAN_SETTING))
    tested = tested_days((d.taken_at for d in timeline.draws), as_of)
    return own_plan_reminders(plan, tested, as_of.date())


def cycle_plan_reminders(timeline: Timeline, as_of: datetime) -> list[Reminder]:
    """The day before the next expected cycle (the latest cycle's start + its planned length),
    and that cycle's day 1. Recorded cycles are never in the future, so this is the only one."""
    plan = next_cycle_plan(timeline.cycles)
    if plan is None:
        return []
    today = as_of.date()
    nxt = plan.after_cycle + 1
    reason = f"the day before cycle {nxt}, expected on {long_date(plan.next_start)}"
    tested = tested_days((d.taken_at for d in timeline.draws), as_of)
    out: list[Reminder] = []
    found = blood_test_reminder(plan.test_date, CYCLE_PLAN, reason, tested, today)
    if found is not None:
        out.append(found)
    if plan.next_start >= today:
        out.append(Reminder(plan.next_start, "cycle", CYCLE_PLAN, f"cycle {nxt} expected to start"))
    return out


def serial_plan_reminders(timeline: Timeline, as_of: datetime) -> list[Reminder]:
    """The serial-count plan (`plan serial`): its oldest missed test day and its next one."""
    from leukotrack.domain.serial_plan import weekday_words
    from leukotrack.services.serial_plans import SETTING, plan_from_setting

    plan = plan_from_setting(timeline.plans.get(SETTING))
    if plan is None:
        return []
    reason = f"serial counts on {weekday_words(plan.weekdays)} until {long_date(plan.end)}"
    tested = tested_days((d.taken_at for d in timeline.draws), as_of)
    return planned_days_reminders(plan.test_days(), SERIAL_PLAN, reason, tested, as_of.date())


REMINDER_SOURCES: list[ReminderSource] = [
    clozapine_reminders,
    your_plan_reminders,
    cycle_plan_reminders,
    serial_plan_reminders,
]


def reminders_of(timeline: Timeline, as_of: datetime) -> list[Reminder]:
    """Every reminder from every source, soonest first."""
    return in_order(r for source in REMINDER_SOURCES for r in source(timeline, as_of))


def reminder_flags(timeline: Timeline, as_of: datetime) -> list[Flag]:
    """`test.overdue`, when a plan other than clozapine's has a test date that has passed."""
    found = overdue_flag(reminders_of(timeline, as_of), as_of)
    return [] if found is None else [found]


def next_test(timeline: Timeline, as_of: datetime) -> Reminder | None:
    return next_blood_test(reminders_of(timeline, as_of))


def attention(timeline: Timeline, as_of: datetime) -> list[Reminder]:
    """The blood tests due today or overdue: what the start-up notification says."""
    return [r for r in reminders_of(timeline, as_of) if r.needs_attention(as_of.date())]


def reminder_json(reminder: Reminder) -> dict[str, Any]:
    """One item of `leukotrack reminders --json` (DESIGN.md's shape)."""
    return {
        "date": reminder.due.isoformat(),
        "kind": reminder.kind,
        "source": reminder.source,
        "overdue": reminder.overdue,
    }


def own_test_plan(db: Database) -> TestPlan | None:
    with db.snapshot() as repo:
        return plan_from_json(repo.setting(TEST_PLAN_SETTING))


def set_test_plan(
    db: Database, every_days: int | None, on: date | None, today: date | None = None
) -> TestPlan:
    """Store the patient's own plan (checked first: a bad plan stores nothing)."""
    plan = make_test_plan(every_days, on, today or date.today())
    with db.transaction() as repo:
        repo.set_setting(TEST_PLAN_SETTING, plan.to_json())
    return plan


def clear_test_plan(db: Database) -> None:
    with db.transaction() as repo:
        repo.set_setting(TEST_PLAN_SETTING, None)


def coming(reminders: list[Reminder]) -> list[Reminder]:
    """What goes into a calendar: everything not yet overdue."""
    return [r for r in reminders if not r.overdue]


def export_reminders(db: Database, out: Path, as_of: datetime | None = None) -> int:
    """Write the coming reminders to an iCalendar file; returns how many events it holds."""
    from leukotrack.io.ical import write_ics

    moment = as_of or datetime.now()
    items = coming(reminders_of(load_timeline(db), moment))
    write_ics(items, out, moment)
    return len(items)
