"""Reminders as an iCalendar (.ics) file, written with the `icalendar` library (RFC 5545).

Each reminder is an all-day event with two display alarms: at 09:00 the day before, and at 08:00
on the day. The UID is made from the kind, the source and the date, so importing a newer file
into the same calendar updates an event instead of adding a copy.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from leukotrack import APP_NAME, NOT_A_DIAGNOSIS, __version__
from leukotrack.domain.reminders import Reminder

SUMMARIES = {"blood_test": "Blood test", "visit": "Clinic visit", "cycle": "Treatment cycle"}
ALARMS = (timedelta(hours=-15), timedelta(hours=8))  # 09:00 the day before; 08:00 on the day


def _uid(reminder: Reminder) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", reminder.source.lower()).strip("-")
    return f"{reminder.kind}-{slug}-{reminder.due:%Y%m%d}@leukotrack"


def calendar_bytes(reminders: Sequence[Reminder], now: datetime) -> bytes:
    """The .ics text of `reminders`."""
    from icalendar import Alarm, Calendar, Event

    cal = Calendar()
    cal.add("prodid", f"-//{APP_NAME}//{APP_NAME} {__version__}//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{APP_NAME} reminders")
    for r in reminders:
        summary = SUMMARIES[r.kind]
        event = Event()
        event.add("uid", _uid(r))
        event.add("dtstamp", now.astimezone())
        event.add("dtstart", r.due)
        event.add("dtend", r.due + timedelta(days=1))
        event.add("summary", f"{summary} ({r.source})")
        event.add("description", f"{r.reason}.\n{NOT_A_DIAGNOSIS}")
        event.add("transp", "TRANSPARENT")
        for trigger in ALARMS:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{summary}: {r.reason}")
            alarm.add("trigger", trigger)
            event.add_component(alarm)
        cal.add_component(event)
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
