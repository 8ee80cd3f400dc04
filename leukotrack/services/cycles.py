"""Treatment cycles: checked and stored, and described (`leukotrack cycles`, the Treatment tab)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from leukotrack.domain.cycle_readings import cycle_readings, gcsf_days
from leukotrack.domain.cycles import (
    CYCLE_ANALYTES,
    MAX_LENGTH,
    CountOnDay,
    CycleSummary,
    NadirWindow,
    cycle_spans,
    cycle_summaries,
    limit_key,
    nadir_window,
    threshold_for,
)
from leukotrack.domain.dates import check_after_birth, check_not_future, check_year
from leukotrack.domain.errors import InputError
from leukotrack.domain.records import Cycle
from leukotrack.services.timeline import Timeline
from leukotrack.storage.db import Database

if TYPE_CHECKING:  # SQLAlchemy loads with the first write, not with this module
    from leukotrack.storage.repository import Repository


def cycle_name(number: int, cycle: Cycle) -> str:
    """'cycle 3 (FOLFOX, started 2026-03-03)'."""
    regimen = f"{cycle.regimen}, " if cycle.regimen else ""
    return f"cycle {number} ({regimen}started {cycle.start.isoformat()})"


def parse_length(text: str | int | None) -> int | None:
    """A planned length typed as text ('' = none); refused outside 1–120 days."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    try:
        days = int(text.strip()) if isinstance(text, str) else int(text)
    except ValueError:
        raise InputError(
            f"'{text}' is not a whole number of days; type the planned length like 21."
        ) from None
    if not 1 <= days <= MAX_LENGTH:
        raise InputError(
            f"A cycle's planned length must be 1 to {MAX_LENGTH} days; {days} is outside that."
        )
    return days


def cycle_record(
    repo: Repository,
    start: date,
    regimen: str,
    length: str | int | None,
    note: str,
    now: datetime,
    record_id: int | None = None,
) -> Cycle:
    """A checked cycle: a real past date, a sensible length, and no other cycle that day."""
    check_year(start, start.isoformat())
    check_not_future(start, now, "cycle start date")
    check_after_birth(start, repo.profile().birth_date, "cycle start date")
    days = parse_length(length)
    stored = repo.cycles()
    for span in cycle_spans(stored):
        if span.start == start and span.cycle.id != record_id:
            raise InputError(
                f"C{cycle_name(span.number, span.cycle)[1:]} already starts on "
                f"{start.isoformat()}; edit that cycle instead, or choose another date."
            )
    return Cycle(start, regimen.strip(), days, note.strip(), record_id)


def add_cycle(
    db: Database,
    start: date,
    regimen: str = "",
    length: str | int | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Cycle:
    with db.transaction() as repo:
        return repo.add_cycle(
            cycle_record(repo, start, regimen, length, note, now or datetime.now())
        )


def edit_cycle(
    db: Database,
    record_id: int,
    start: date,
    regimen: str = "",
    length: str | int | None = None,
    note: str = "",
    now: datetime | None = None,
) -> tuple[Cycle, Cycle]:
    """Validate and store a corrected cycle; returns (before, after)."""
    with db.transaction() as repo:
        before = next((c for c in repo.cycles() if c.id == record_id), None)
        if before is None:
            raise InputError(
                "This cycle is no longer stored (deleted elsewhere); nothing was changed."
            )
        after = cycle_record(repo, start, regimen, length, note, now or datetime.now(), record_id)
        repo.update_cycle(after)
        return before, after


def check_cycle(
    db: Database,
    start: date,
    regimen: str,
    length: str | int | None,
    note: str,
    record_id: int | None = None,
) -> Cycle:
    """Validate without storing (for checking as the person types)."""
    with db.reading() as repo:
        return cycle_record(repo, start, regimen, length, note, datetime.now(), record_id)


@dataclass(frozen=True)
class CycleView:
    """Everything the cycle view, the command and the report show for one analyte."""

    analyte: str
    threshold: float
    summaries: list[CycleSummary]
    window: NadirWindow | None

    @property
    def longest(self) -> int:
        return max((s.span.length_days for s in self.summaries), default=0)


def check_analyte(analyte: str) -> str:
    key = analyte.strip().lower()
    if key not in CYCLE_ANALYTES:
        raise InputError(
            f"'{analyte}' is not a count the cycle view shows; use one of: "
            + ", ".join(CYCLE_ANALYTES)
            + "."
        )
    return key


def cycle_view(timeline: Timeline, analyte: str = "anc", today: date | None = None) -> CycleView:
    """The cycles of `timeline` described by CLINICAL.md's definitions."""
    key = check_analyte(analyte)
    threshold = threshold_for(key, timeline.profile.thresholds)
    summaries = cycle_summaries(
        timeline.cycles,
        cycle_readings(timeline.draws, key),
        threshold,
        gcsf_days(timeline.medications, today or date.today()),
        key,
    )
    return CycleView(key, threshold, summaries, nadir_window(summaries))


def cycle_view_of(db: Database, analyte: str = "anc") -> CycleView:
    from leukotrack.services.timeline import load_timeline

    return cycle_view(load_timeline(db), analyte)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="minutes")


def _count(c: CountOnDay | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"value": round(c.value, 6), "taken_at": _iso(c.taken_at), "day": c.day}


def summary_json(s: CycleSummary) -> dict[str, Any]:
    """One item of `leukotrack cycles --json` (CLINICAL.md: the shape is a contract)."""
    before = s.before_next
    return {
        "number": s.number,
        "start": s.span.start.isoformat(),
        "end": s.span.end.isoformat(),
        "regimen": s.span.cycle.regimen or None,
        "length_days": s.span.length_days,
        "analyte": s.analyte,
        "results": len(s.points),
        "nadir": _count(s.nadir),
        "days_below": dict(s.days_below),
        "recovered": _count(s.recovered),
        "before_next": None
        if before is None
        else {
            "value": round(before.value, 6),
            "taken_at": _iso(before.taken_at),
            "meets_threshold": before.meets_threshold,
        },
        "gcsf": [d.isoformat() for d in s.gcsf],
    }


def below_keys(summaries: Sequence[CycleSummary]) -> list[str]:
    return [k for k, _ in summaries[0].days_below] if summaries else [limit_key(1.0)]
