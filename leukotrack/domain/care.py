"""Appointments and the care team: when the next visit is, and whom to call.

A visit is a moment (a date alone is kept at midnight and shown without a time, as blood tests
are), who it is with, a note, and the questions the patient wants to ask at it. The questions
stay with their visit after it has passed, so the last visit's questions can be read again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

# Suggestions for "with"; any other text is kept as typed.
VISIT_WITH = ("hematologist", "oncologist", "GP", "other")


@dataclass(frozen=True, slots=True)
class Visit:
    at: datetime
    with_whom: str = ""
    note: str = ""
    questions: str = ""
    id: int | None = None


@dataclass(frozen=True, slots=True)
class CareContact:
    """Someone on the care team. The phone number is kept as typed (never read as a number)."""

    name: str
    role: str = ""
    phone: str = ""
    around_the_clock: bool = False  # a 24-hour line


def _day_start(now: datetime) -> datetime:
    return now.replace(hour=0, minute=0, second=0, microsecond=0)


def next_visit(visits: Sequence[Visit], now: datetime) -> Visit | None:
    """The soonest visit from today on (a visit earlier today still counts: it is today's)."""
    coming = [v for v in visits if v.at >= _day_start(now)]
    return min(coming, key=lambda v: v.at, default=None)


def last_past_visit(visits: Sequence[Visit], now: datetime) -> Visit | None:
    """The latest visit before today."""
    past = [v for v in visits if v.at < _day_start(now)]
    return max(past, key=lambda v: v.at, default=None)


def around_the_clock(contacts: Sequence[CareContact]) -> list[CareContact]:
    return [c for c in contacts if c.around_the_clock]
