"""A serial-count plan: blood counts on set weekdays for a few weeks (CLINICAL.md "Patterns").

A hematologist looking for a repeating rhythm asks for counts two or three times a week for
six weeks. The plan lists those test days from the start date through the given number of
weeks; a test day is done when a result of the plan's analyte is dated that day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from leukotrack.domain.errors import InputError

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
DEFAULT_WEEKS = 6
DEFAULT_DAYS: tuple[int, ...] = (0, 2, 4)  # Monday, Wednesday, Friday
MAX_WEEKS = 26


@dataclass(frozen=True, slots=True)
class SerialPlan:
    start: date
    weeks: int = DEFAULT_WEEKS
    weekdays: tuple[int, ...] = DEFAULT_DAYS  # 0 = Monday … 6 = Sunday, ascending
    analyte: str = "anc"

    @property
    def end(self) -> date:
        """The last day the plan covers."""
        return self.start + timedelta(days=7 * self.weeks - 1)

    def test_days(self) -> list[date]:
        out: list[date] = []
        day = self.start
        while day <= self.end:
            if day.weekday() in self.weekdays:
                out.append(day)
            day += timedelta(days=1)
        return out

    def done_days(self, result_days: Iterable[date]) -> list[date]:
        """The test days on which a result of the analyte is dated."""
        have = set(result_days)
        return [d for d in self.test_days() if d in have]

    def next_test(self, today: date, result_days: Iterable[date]) -> date | None:
        """The first test day from `today` on that is not done yet (None when the plan is over)."""
        have = set(result_days)
        return next((d for d in self.test_days() if d >= today and d not in have), None)


def parse_weekdays(text: str) -> tuple[int, ...]:
    """'mon,wed,fri' -> (0, 2, 4); full names and any case are fine; raises InputError."""
    picked: set[int] = set()
    for part in text.split(","):
        word = part.strip().lower()
        if not word:
            continue
        if word[:3] not in WEEKDAYS or not WEEKDAY_NAMES[
            WEEKDAYS.index(word[:3])
        ].lower().startswith(word):
            raise InputError(
                f"'{part.strip()}' is not a day of the week; write the days like mon,wed,fri."
            )
        picked.add(WEEKDAYS.index(word[:3]))
    if not picked:
        raise InputError("Give at least one day of the week, like mon,wed,fri.")
    return tuple(sorted(picked))


def check_weeks(weeks: int) -> int:
    if not 1 <= weeks <= MAX_WEEKS:
        raise InputError(
            f"{weeks} weeks is outside 1–{MAX_WEEKS}; a serial-count plan usually runs 6 weeks."
        )
    return weeks


def weekday_words(weekdays: Iterable[int]) -> str:
    """(0, 2, 4) -> 'Monday, Wednesday and Friday'."""
    names = [WEEKDAY_NAMES[d] for d in weekdays]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
