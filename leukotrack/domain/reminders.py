"""Reminders of the next blood test (and visits and cycle days), and the `test.overdue` flag.

A reminder comes from a *source*: the clozapine schedule, the patient's own plan (`plan tests
--every N` counted from the latest blood result, or `--on D`), a cycle plan (the day before the
next cycle) or a serial-count plan (its test days). Each source is a small function that turns
its plan into `Reminder`s; the services collect them and show the soonest.

CLINICAL.md, `test.overdue`: a plan's test date before the as-of date with no blood result dated
on or after it. The due date itself is not overdue. Clozapine keeps its own `clozapine.test_*`
flags, so its reminders never raise `test.overdue`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from leukotrack.domain.dates import long_date
from leukotrack.domain.errors import InputError
from leukotrack.domain.flags import Flag, Severity
from leukotrack.domain.wording import days

Kind = Literal["blood_test", "visit", "cycle"]
CLOZAPINE = "clozapine"
YOUR_PLAN = "your plan"
CYCLE_PLAN = "cycle plan"
SERIAL_PLAN = "serial plan"
VISIT = "visit"
EVERY_DAYS_MAX = 366


@dataclass(frozen=True, slots=True)
class Reminder:
    """Something due on `due`: `source` is where it came from, `reason` says why, in words."""

    due: date
    kind: Kind
    source: str
    reason: str
    overdue: bool = False

    def is_due_today(self, today: date) -> bool:
        return self.due == today and not self.overdue

    def needs_attention(self, today: date) -> bool:
        """A blood test due today or overdue: what the start-up notification is for."""
        return self.kind == "blood_test" and (self.overdue or self.due == today)


@dataclass(frozen=True, slots=True)
class TestPlan:
    """The patient's own rule: every `every_days` after the latest blood result, or `on` a date.

    `set_on` is the day the plan was made: with no blood result yet, the interval counts from it.
    """

    __test__ = False  # not a pytest test class, despite its name

    every_days: int | None = None
    on: date | None = None
    set_on: date | None = None

    def words(self) -> str:
        if self.every_days is not None:
            return f"every {days(self.every_days)} after your latest blood test"
        assert self.on is not None
        return f"a blood test on {long_date(self.on)}"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.every_days is not None:
            out["every_days"] = self.every_days
        if self.on is not None:
            out["on"] = self.on.isoformat()
        if self.set_on is not None:
            out["set_on"] = self.set_on.isoformat()
        return out


def make_test_plan(every_days: int | None, on: date | None, today: date) -> TestPlan:
    """A checked plan; raises InputError saying what is wrong and how to put it right."""
    if (every_days is None) == (on is None):
        raise InputError("Give either an interval in days (--every 28) or a date (--on D).")
    if every_days is not None and not 1 <= every_days <= EVERY_DAYS_MAX:
        raise InputError(
            f"{every_days} days is not a usable interval; give a number of days from 1 to "
            f"{EVERY_DAYS_MAX}, e.g. 28 for every four weeks."
        )
    if on is not None and on < today:
        raise InputError(f"{long_date(on)} has already passed; give today's date or a later one.")
    return TestPlan(every_days, on, today)


def plan_from_json(value: object) -> TestPlan | None:
    """The stored plan (settings key `plan.tests`), or None when there is none or it is unreadable."""
    if not isinstance(value, dict):
        return None
    try:
        every = value.get("every_days")
        on = value.get("on")
        set_on = value.get("set_on")
        plan = TestPlan(
            int(every) if every is not None else None,
            date.fromisoformat(on) if isinstance(on, str) else None,
            date.fromisoformat(set_on) if isinstance(set_on, str) else None,
        )
    except (TypeError, ValueError):
        return None
    if (plan.every_days is None) == (plan.on is None):
        return None
    return plan


def tested_days(draw_times: Iterable[datetime], as_of: datetime) -> list[date]:
    """The days with a blood result, up to `as_of`, in order."""
    return sorted({t.date() for t in draw_times if t <= as_of})


def blood_test_reminder(
    due: date, source: str, reason: str, tested: Sequence[date], today: date
) -> Reminder | None:
    """A reminder for a test due on `due`; None when a blood result is dated on or after it."""
    if any(d >= due for d in tested):
        return None
    return Reminder(due, "blood_test", source, reason, overdue=due < today)


def own_plan_reminders(
    plan: TestPlan | None, tested: Sequence[date], today: date
) -> list[Reminder]:
    """The patient's own plan: the next test after the latest result, or on the chosen date."""
    if plan is None:
        return []
    if plan.every_days is not None:
        start = tested[-1] if tested else plan.set_on
        if start is None:
            return []
        due = start + timedelta(days=plan.every_days)
        found = blood_test_reminder(due, YOUR_PLAN, plan.words(), tested, today)
    else:
        assert plan.on is not None
        found = blood_test_reminder(plan.on, YOUR_PLAN, plan.words(), tested, today)
    return [] if found is None else [found]


def planned_days_reminders(
    planned: Sequence[date], source: str, reason: str, tested: Sequence[date], today: date
) -> list[Reminder]:
    """A plan of several test days (a serial-count plan, cycle days): the oldest overdue day,
    and the next day from today on that has no result yet."""
    out: list[Reminder] = []
    done = set(tested)
    overdue = [d for d in sorted(planned) if d < today and not any(t >= d for t in tested)]
    if overdue:
        out.append(Reminder(overdue[0], "blood_test", source, reason, overdue=True))
    coming = [d for d in sorted(planned) if d >= today and d not in done]
    if coming:
        out.append(Reminder(coming[0], "blood_test", source, reason))
    return out


def in_order(reminders: Iterable[Reminder]) -> list[Reminder]:
    """Soonest first (an overdue reminder's date is in the past, so it comes first)."""
    return sorted(reminders, key=lambda r: (r.due, r.kind, r.source))


def next_blood_test(reminders: Iterable[Reminder]) -> Reminder | None:
    """The blood test to show on the Overview: the oldest overdue one, else the soonest."""
    tests = in_order(r for r in reminders if r.kind == "blood_test")
    return tests[0] if tests else None


def overdue_flag(reminders: Iterable[Reminder], as_of: datetime) -> Flag | None:
    """CLINICAL.md's `test.overdue` (info), from every source but clozapine; None if none."""
    today = as_of.date()
    late = [
        r
        for r in in_order(reminders)
        if r.kind == "blood_test" and r.source != CLOZAPINE and r.due < today
    ]
    if not late:
        return None
    parts = [
        f"A blood test was due on {long_date(r.due)}, {days((today - r.due).days)} ago "
        f"({r.source}: {r.reason})."
        for r in late
    ]
    detail = " ".join(parts) + " No blood result is recorded since then."
    return Flag(
        "test.overdue",
        Severity.INFO,
        "Blood test overdue",
        detail,
        datetime.combine(late[0].due, time()),
        (),
    )
