"""Everything recorded, in one snapshot: what the window, the chart and the report draw from."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from leukotrack.domain.care import Visit
from leukotrack.domain.records import (
    Cycle,
    Draw,
    FatigueEntry,
    Infection,
    Medication,
    Profile,
    TemperatureReading,
)
from leukotrack.storage.db import Database

PLAN_PREFIX = "plan."


@dataclass(frozen=True)
class Timeline:
    profile: Profile
    draws: list[Draw]
    temperatures: list[TemperatureReading]
    fatigue: list[FatigueEntry]
    infections: list[Infection]
    medications: list[Medication]
    visits: list[Visit] = field(default_factory=list)  # every visit, whatever the period
    cycles: list[Cycle] = field(default_factory=list)
    plans: dict[str, Any] = field(default_factory=dict)  # settings "plan.*": next-test rules

    @property
    def is_empty(self) -> bool:
        return not (
            self.draws
            or self.temperatures
            or self.fatigue
            or self.infections
            or self.medications
            or self.cycles
        )

    def between(self, start: date | None, end: date | None) -> Timeline:
        """The part of the timeline from `start` to `end` (inclusive; None = open)."""
        lo = datetime.combine(start, time.min) if start else datetime.min
        hi = datetime.combine(end, time.max) if end else datetime.max
        dlo, dhi = lo.date(), hi.date()
        return Timeline(
            self.profile,
            [d for d in self.draws if lo <= d.taken_at <= hi],
            [t for t in self.temperatures if lo <= t.taken_at <= hi],
            [f for f in self.fatigue if dlo <= f.day <= dhi],
            [i for i in self.infections if i.start <= dhi and (i.end or i.start) >= dlo],
            [m for m in self.medications if m.start <= dhi and (m.stop is None or m.stop >= dlo)],
            self.visits,
            [c for c in self.cycles if dlo <= c.start <= dhi],
            self.plans,
        )


def load_timeline(db: Database) -> Timeline:
    """Read everything in one transaction (a consistent snapshot), without SQLAlchemy."""
    with db.snapshot() as repo:
        return Timeline(
            repo.profile(),
            repo.draws(),
            repo.temperatures(),
            repo.fatigue(),
            repo.infections(),
            repo.medications(),
            repo.visits(),
            repo.cycles(),
            {k: v for k, v in repo.settings().items() if k.startswith(PLAN_PREFIX)},
        )
