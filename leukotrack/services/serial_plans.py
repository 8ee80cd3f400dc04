"""The serial-count plan: kept in the settings table (key "plan.serial"), shown and exported.

`serial_plan(source)` reads the plan for anyone who needs it (the reminders, the Overview);
`start_serial_plan` stores one; `plan_progress` says how many test days are done;
`write_plan_ics` writes the plan as a calendar file.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from leukotrack.domain.errors import InputError
from leukotrack.domain.serial_plan import (
    DEFAULT_DAYS,
    DEFAULT_WEEKS,
    WEEKDAYS,
    SerialPlan,
    check_weeks,
    weekday_words,
)
from leukotrack.io.ical import plan_calendar
from leukotrack.services.patterns import readings_of
from leukotrack.services.timeline import Timeline
from leukotrack.storage.db import Database

SETTING = "plan.serial"


class HasSettings(Protocol):
    def setting(self, key: str, default: Any = None) -> Any: ...


def plan_to_setting(plan: SerialPlan) -> dict[str, Any]:
    return {
        "start": plan.start.isoformat(),
        "weeks": plan.weeks,
        "days": [WEEKDAYS[d] for d in plan.weekdays],
        "analyte": plan.analyte,
    }


def plan_from_setting(value: Any) -> SerialPlan | None:
    """The stored plan, or None when there is none or it cannot be read (never raises)."""
    if not isinstance(value, dict):
        return None
    try:
        days = tuple(sorted({WEEKDAYS.index(str(d)) for d in value.get("days", [])}))
        return SerialPlan(
            date.fromisoformat(str(value["start"])),
            int(value.get("weeks", DEFAULT_WEEKS)),
            days or DEFAULT_DAYS,
            str(value.get("analyte", "anc")),
        )
    except (KeyError, ValueError, TypeError):
        return None


def serial_plan(source: Database | HasSettings) -> SerialPlan | None:
    """The serial-count plan in force, from a Database or an open repository/reader."""
    if isinstance(source, Database):
        with source.snapshot() as reader:
            return plan_from_setting(reader.setting(SETTING))
    return plan_from_setting(source.setting(SETTING))


def new_serial_plan(
    start: date,
    weeks: int = DEFAULT_WEEKS,
    weekdays: tuple[int, ...] = DEFAULT_DAYS,
    analyte: str = "anc",
) -> SerialPlan:
    """A checked plan, not stored yet (raises InputError for a number of weeks out of range)."""
    return SerialPlan(start, check_weeks(weeks), weekdays, analyte)


def save_serial_plan(db: Database, plan: SerialPlan) -> SerialPlan:
    """Store `plan`; it replaces the one before."""
    with db.transaction() as repo:
        repo.set_setting(SETTING, plan_to_setting(plan))
    return plan


def end_serial_plan(db: Database) -> bool:
    """Forget the plan; False when there was none."""
    with db.transaction() as repo:
        had = plan_from_setting(repo.setting(SETTING)) is not None
        repo.set_setting(SETTING, None)
    return had


@dataclass(frozen=True, slots=True)
class PlanProgress:
    plan: SerialPlan
    days: list[date]
    done: list[date]

    @property
    def text(self) -> str:
        """'8 of 18 tests done'."""
        return f"{len(self.done)} of {len(self.days)} tests done"


def plan_progress(plan: SerialPlan, timeline: Timeline) -> PlanProgress:
    result_days = {r.taken_at.date() for r in readings_of(timeline, plan.analyte)}
    return PlanProgress(plan, plan.test_days(), plan.done_days(result_days))


def plan_json(progress: PlanProgress) -> dict[str, Any]:
    """`leukotrack plan serial --json` (CLINICAL.md): the test days and how many are done."""
    return {"days": [d.isoformat() for d in progress.days], "done": len(progress.done)}


def plan_summary(plan: SerialPlan) -> str:
    """'Blood counts on Monday, Wednesday and Friday for 6 weeks, 2 March – 12 April 2026'."""
    return (
        f"Blood counts on {weekday_words(plan.weekdays)} for {plan.weeks} "
        f"{'week' if plan.weeks == 1 else 'weeks'}, from {plan.start.isoformat()} to "
        f"{plan.end.isoformat()}"
    )


def check_ics_path(path: Path) -> Path:
    if path.suffix.lower() != ".ics":
        raise InputError(f"'{path.name}' should end in .ics, the calendar file type.")
    if not path.parent.is_dir():
        raise InputError(f"The folder {path.parent} does not exist; choose another place.")
    return path


def write_plan_ics(plan: SerialPlan, path: Path) -> int:
    """Write the plan as an .ics file (whole, or not at all); returns the number of events."""
    check_ics_path(path)
    days = plan.test_days()
    data = plan_calendar(
        days,
        "Blood count (serial-count plan)",
        plan_summary(plan) + ", as planned with your care team.",
        f"serial-{plan.start.isoformat()}",
    )
    fd, tmp = tempfile.mkstemp(prefix=".leukotrack-", suffix=".ics", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return len(days)
