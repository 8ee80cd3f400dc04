"""Flags as of a moment, over everything stored (`leukotrack flags`, the main window)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from leukotrack.domain.flags import Flag, clozapine_due, evaluate
from leukotrack.services.timeline import Timeline, load_timeline
from leukotrack.storage.db import Database


def as_of_moment(day_or_moment: date | datetime | None, now: datetime | None = None) -> datetime:
    """The as-of moment: now by default; a date alone means the end of that day."""
    if day_or_moment is None:
        return now or datetime.now()
    if isinstance(day_or_moment, datetime):
        return day_or_moment
    return datetime.combine(day_or_moment, time.max.replace(microsecond=0))


def _timeline(source: Database | Timeline) -> Timeline:
    return source if isinstance(source, Timeline) else load_timeline(source)


def flags_of(timeline: Timeline, as_of: datetime) -> list[Flag]:
    return evaluate(
        timeline.profile,
        timeline.draws,
        timeline.temperatures,
        timeline.medications,
        as_of,
        cycles=timeline.cycles,
    )


def current_flags(db: Database | Timeline, as_of: datetime | None = None) -> list[Flag]:
    """The active flags as of `as_of` (default: now), most severe first."""
    return flags_of(_timeline(db), as_of or datetime.now())


def next_test_due(
    db_or_timeline: Database | Timeline, as_of: datetime | None = None
) -> tuple[date, str] | None:
    """The next blood test a schedule asks for, and why; None when no schedule applies.

    The only schedule in CLINICAL.md is clozapine monitoring.
    """
    tl = _timeline(db_or_timeline)
    moment = as_of or datetime.now()
    found = clozapine_due(tl.profile, tl.draws, tl.medications, moment)
    if found is None:
        return None
    due, med = found
    return due.due, f"{med.name}: {due.reason}"


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def flag_json(flag: Flag) -> dict[str, Any]:
    """One item of `leukotrack flags --json` (DESIGN.md: the shape is a contract)."""
    return {
        "code": flag.code,
        "severity": flag.severity.value,
        "title": flag.title,
        "detail": flag.detail,
        "since": _iso(flag.since),
        "evidence": [
            {"taken_at": _iso(e.taken_at), "analyte": e.analyte, "value": round(e.value, 6)}
            for e in flag.evidence
        ],
    }
