"""A serial-count plan as an iCalendar file (RFC 5545), written with the `icalendar` library.

One all-day event per test day, each with a display alarm at 08:00 on that day (an alarm 16
hours after the all-day event starts at midnight), so a calendar reminds the person in the
morning. The UIDs are stable per plan and day, so importing the file again updates the events
instead of doubling them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

REMINDER_AFTER_MIDNIGHT = timedelta(hours=8)
PRODID = "-//LeukoTrack//Serial-count plan//EN"


def plan_calendar(
    days: Sequence[date], title: str, description: str, plan_id: str, now: datetime | None = None
) -> bytes:
    """The .ics bytes: one event per day in `days`, with a reminder on the day."""
    from icalendar import Alarm, Calendar, Event

    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", title)
    for number, day in enumerate(days, start=1):
        event = Event()
        event.add("uid", f"{plan_id}-{day.isoformat()}@leukotrack")
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", f"{title} ({number} of {len(days)})")
        event.add("description", description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Blood test today: {title} ({number} of {len(days)})")
        alarm.add("trigger", REMINDER_AFTER_MIDNIGHT)
        event.add_component(alarm)
        cal.add_component(event)
    return bytes(cal.to_ical())
