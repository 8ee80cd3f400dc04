"""How one test went over a period: its latest value, the change since the first, the lowest.

The hematologist's first page answers "how have the counts been since I last saw you, and how
low did they go" with these figures. Pure: draws in, numbers out; the report words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from leukotrack.domain.records import Draw

SINCE_ANALYTES = ("wbc", "anc", "lymphocytes", "hemoglobin", "platelets")
COMPLETE_COUNT = SINCE_ANALYTES  # what a "complete count" on the procedure sheet holds


@dataclass(frozen=True, slots=True)
class Point:
    value: float
    taken_at: datetime
    comparator: str | None = None


@dataclass(frozen=True, slots=True)
class SeriesSummary:
    analyte: str
    count: int
    first: Point
    latest: Point
    lowest: Point  # ties go to the earliest

    @property
    def change(self) -> float:
        """Latest minus first (0 when the period holds one result)."""
        return self.latest.value - self.first.value


def points(draws: Sequence[Draw], analyte: str) -> list[Point]:
    out = []
    for d in sorted(draws, key=lambda d: d.taken_at):
        r = d.get(analyte)
        if r is not None:
            out.append(Point(r.value, d.taken_at, r.comparator))
    return out


def summarise(draws: Sequence[Draw], analyte: str) -> SeriesSummary | None:
    """The period's figures for `analyte`, or None when it has no result."""
    found = points(draws, analyte)
    if not found:
        return None
    lowest = found[0]
    for p in found[1:]:
        if p.value < lowest.value:
            lowest = p
    return SeriesSummary(analyte, len(found), found[0], found[-1], lowest)


def lowest_since(draws: Sequence[Draw], analyte: str, as_of: datetime, days: int) -> Point | None:
    """The lowest value in the `days` days up to `as_of` (both ends counted), earliest on a tie."""
    start = as_of - timedelta(days=days)
    summary = summarise([d for d in draws if start <= d.taken_at <= as_of], analyte)
    return None if summary is None else summary.lowest


def latest_complete(draws: Sequence[Draw], as_of: datetime) -> tuple[Draw | None, bool]:
    """The latest draw up to `as_of` holding every test of a complete count, and True; else the
    latest draw with any of them, and False; (None, False) when there is none."""
    before = [d for d in draws if d.taken_at <= as_of]
    for d in reversed(before):
        if all(d.get(k) is not None for k in COMPLETE_COUNT):
            return d, True
    for d in reversed(before):
        if any(d.get(k) is not None for k in COMPLETE_COUNT):
            return d, False
    return None, False
