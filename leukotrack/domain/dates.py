"""Dates and times as people type them, checked against today and the birth date."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from leukotrack.domain.errors import DateError

_FORMAT_HINT = "use YYYY-MM-DD, or YYYY-MM-DDTHH:MM for a time (for example 2026-03-03T09:30)"


EARLIEST_YEAR = 1900


def check_year(day: date | datetime, text: str) -> None:
    """A year before 1900 is a typing slip (and would stretch every chart across centuries)."""
    if day.year < EARLIEST_YEAR:
        raise DateError(
            f"'{text.strip()}' is before {EARLIEST_YEAR}; check the year (dates are YYYY-MM-DD)."
        )


def parse_date(text: str) -> date:
    s = text.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise DateError(f"'{s}' is not a date LeukoTrack can read; {_FORMAT_HINT}.")
    try:
        day = date.fromisoformat(s)
    except ValueError as exc:
        raise DateError(f"'{s}' is not a real date ({exc}); {_FORMAT_HINT}.") from None
    check_year(day, s)
    return day


def parse_datetime(text: str) -> datetime:
    """`YYYY-MM-DD` (midnight), `YYYY-MM-DDTHH:MM[:SS]` or with a space instead of the T.

    Times are wall-clock times as written on the lab report; an offset such as `+01:00` is
    dropped (the time as written is kept).
    """
    s = text.strip()
    m = re.fullmatch(
        r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?", s
    )
    if not m:
        raise DateError(f"'{s}' is not a date LeukoTrack can read; {_FORMAT_HINT}.")
    day = parse_date(m.group(1))
    if m.group(2) is None:
        return datetime.combine(day, time())
    try:
        t = time.fromisoformat(m.group(2).zfill(5) if len(m.group(2)) == 4 else m.group(2))
    except ValueError:
        raise DateError(f"'{s}' has a time that does not exist; {_FORMAT_HINT}.") from None
    return datetime.combine(day, t.replace(microsecond=0))


def check_not_future(moment: datetime | date, now: datetime, what: str = "date") -> None:
    limit = now if isinstance(moment, datetime) else now.date()
    if moment > limit:
        raise DateError(
            f"The {what} {_show(moment)} is in the future; enter a {what} on or before "
            f"{_show(limit)}."
        )


def check_after_birth(moment: datetime | date, birth_date: date | None, what: str = "date") -> None:
    day = moment.date() if isinstance(moment, datetime) else moment
    if birth_date is not None and day < birth_date:
        raise DateError(
            f"The {what} {_show(moment)} is before the birth date {birth_date.isoformat()} in the "
            f"profile; check the year."
        )


def _show(moment: datetime | date) -> str:
    if isinstance(moment, datetime):
        return (
            moment.strftime("%Y-%m-%d %H:%M")
            if moment.time() != time()
            else moment.date().isoformat()
        )
    return moment.isoformat()


def long_date(day: date | datetime) -> str:
    """'3 March 2026': unambiguous in every locale."""
    return f"{day.day} {day.strftime('%B')} {day.year}"
