"""Calendar (.ics) files, written with the `icalendar` library (RFC 5545): the reminders, and a
serial-count plan's test days.

Every entry is an all-day event with display alarms. UIDs are stable (kind, source or plan, and
date), so importing a newer file into the same calendar updates an event instead of adding a copy.
- Reminders: alarms at 09:00 the day before and at 08:00 on the day.
- A serial-count plan: one event per test day, with an alarm at 08:00 on that day.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from leukotrack import APP_NAME, NOT_A_DIAGNOSIS, __version__
from leukotrack.domain.reminders import Reminder

if TYPE_CHECKING:
    from icalendar import Calendar, Event

SUMMARIES = {"blood_test": "Blood test", "visit": "Clinic visit", "cycle": "Treatment cycle"}
ALARMS = (timedelta(hours=-15), timedelta(hours=8))  # 09:00 the day before; 08:00 on the day
PLAN_ALARM = timedelta(hours=8)  # 08:00 on a serial-count test day


def _uid(reminder: Reminder) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reminder.source.lower()).strip("-")
    return f"{reminder.kind}-{slug}-{reminder.due:%Y%m%d}@leukotrack"


def _calendar(prodid: str, name: str) -> Calendar:
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", prodid)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _all_day(
    uid: str,
    day: date,
    stamp: datetime,
    summary: str,
    description: str,
    alarms: Sequence[tuple[timedelta, str]],
) -> Event:
    """One all-day event with its display alarms, each (trigger after midnight, text)."""
    from icalendar import Alarm, Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("description", description)
    event.add("transp", "TRANSPARENT")
    for trigger, text in alarms:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", text)
        alarm.add("trigger", trigger)
        event.add_component(alarm)
    return event


def calendar_bytes(reminders: Sequence[Reminder], now: datetime) -> bytes:
    """The .ics text of `reminders`."""
    cal = _calendar(f"-//{APP_NAME}//{APP_NAME} {__version__}//EN", f"{APP_NAME} reminders")
    for r in reminders:
        summary = SUMMARIES[r.kind]
        alarms = [(trigger, f"{summary}: {r.reason}") for trigger in ALARMS]
        cal.add_component(
            _all_day(
                _uid(r),
                r.due,
                now.astimezone(),
                f"{summary} ({r.source})",
                f"{r.reason}.\n{NOT_A_DIAGNOSIS}",
                alarms,
            )
        )
    return bytes(cal.to_ical())


def plan_calendar(
    days: Sequence[date], title: str, description: str, plan_id: str, now: datetime | None = None
) -> bytes:
    """A serial-count plan: one event per day in `days`, with a reminder on the day."""
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = _calendar(f"-//{APP_NAME}//Serial-count plan//EN", title)
    for number, day in enumerate(days, start=1):
        which = f"{title} ({number} of {len(days)})"
        cal.add_component(
            _all_day(
                f"{plan_id}-{day.isoformat()}@leukotrack",
                day,
                stamp,
                which,
                description,
                [(PLAN_ALARM, f"Blood test today: {which}")],
            )
        )
    return bytes(cal.to_ical())


def write_ics(reminders: Sequence[Reminder], out: Path, now: datetime) -> None:
    """Write the file whole or not at all (a temporary file renamed into place)."""
    data = calendar_bytes(reminders, now)
    tmp = out.with_name(f".{out.name}.part")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
