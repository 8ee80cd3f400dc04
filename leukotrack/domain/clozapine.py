"""Clozapine monitoring: the levels of the latest count and when the next count is due.

Two schemes (a profile setting, `Thresholds.clozapine_scheme`):

- "fda" (default), the US label: general population bands mild 1.0–1.499, moderate 0.5–0.999,
  severe < 0.5 ×10⁹/L; the Duffy-null (BEN) column has no mild band. ANC weekly for the first
  6 months after the start, every 2 weeks for months 6–12, monthly after that; at mild, three
  times a week (every 2 days) until ANC ≥ 1.5; at moderate or severe, daily until ANC ≥ 1.0.
- "uk-cpms", the UK traffic lights: green WBC ≥ 3.5 and ANC ≥ 2.0; amber WBC 3.0–3.49 and/or
  ANC 1.5–1.99 (twice a week, taken as every 3 days, until green); red WBC < 3.0 and/or
  ANC < 1.5 (daily until two consecutive greens). Weekly for 18 weeks, every 2 weeks to week 52,
  then monthly.

The phase of the schedule is that of the date of the last count (a count taken on the last day of
month 6 still asks for the next one a week later). A count taken before the start (the baseline)
counts from the start date. With no count at all, one is due on the start date.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from itertools import pairwise

from leukotrack.domain.readings import Reading
from leukotrack.domain.records import Thresholds

FDA = "fda"
UK_CPMS = "uk-cpms"
SCHEMES = (FDA, UK_CPMS)

CPMS_GREEN_WBC = 3.5
CPMS_GREEN_ANC = 2.0
CPMS_RED_WBC = 3.0
CPMS_RED_ANC = 1.5


class Level(Enum):
    NORMAL = "normal"
    MILD = "mild"  # FDA mild; CPMS amber
    MODERATE = "moderate"
    SEVERE = "severe"  # FDA severe; CPMS red


@dataclass(frozen=True, slots=True)
class DueTest:
    due: date
    reason: str


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the last day of the month when that day does not exist)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def fda_level(anc: Reading, thresholds: Thresholds, duffy_null: bool = False) -> Level:
    """The label's band of one ANC (the BEN column for a Duffy-null profile has no mild band)."""
    if anc.below(thresholds.clozapine_severe_below):
        return Level.SEVERE
    if anc.below(thresholds.clozapine_moderate_below):
        return Level.MODERATE
    if not duffy_null and anc.below(thresholds.clozapine_mild_below):
        return Level.MILD
    return Level.NORMAL


def cpms_level(wbc: Reading | None, anc: Reading | None) -> Level | None:
    """Red (SEVERE), amber (MILD), green (NORMAL), or None when neither count shows which."""
    if (wbc is not None and wbc.below(CPMS_RED_WBC)) or (
        anc is not None and anc.below(CPMS_RED_ANC)
    ):
        return Level.SEVERE
    if (wbc is not None and wbc.below(CPMS_GREEN_WBC)) or (
        anc is not None and anc.below(CPMS_GREEN_ANC)
    ):
        return Level.MILD
    if (
        wbc is not None
        and anc is not None
        and wbc.at_or_above(CPMS_GREEN_WBC)
        and anc.at_or_above(CPMS_GREEN_ANC)
    ):
        return Level.NORMAL
    return None


def _until(history: Sequence[Reading], as_of: datetime) -> list[Reading]:
    return sorted((r for r in history if r.taken_at <= as_of), key=lambda r: r.taken_at)


def fda_next_test(
    start: date,
    anc_history: Sequence[Reading],
    as_of: datetime,
    thresholds: Thresholds | None = None,
    duffy_null: bool = False,
) -> DueTest | None:
    """When the next ANC is due under the FDA label, and why; None before the start."""
    t = thresholds or Thresholds()
    if start > as_of.date():
        return None
    history = _until(anc_history, as_of)
    if not history:
        return DueTest(start, "a first neutrophil count when clozapine starts")
    last = history[-1]
    base = max(last.taken_at.date(), start)
    level = fda_level(last, t, duffy_null)
    if level in (Level.MODERATE, Level.SEVERE):
        limit = t.clozapine_moderate_below
        return DueTest(base + timedelta(days=1), f"daily while neutrophils are below {limit:g}")
    if level is Level.MILD:
        limit = t.clozapine_mild_below
        return DueTest(
            base + timedelta(days=2),
            f"three times a week (every 2 days) while neutrophils are below {limit:g}",
        )
    if base < add_months(start, 6):
        return DueTest(base + timedelta(days=7), "weekly in the first 6 months of clozapine")
    if base < add_months(start, 12):
        return DueTest(base + timedelta(days=14), "every 2 weeks in months 6 to 12 of clozapine")
    return DueTest(add_months(base, 1), "monthly after the first year of clozapine")


def next_anc_due(
    start: date,
    anc_history: Sequence[Reading],
    as_of: datetime,
    thresholds: Thresholds | None = None,
    duffy_null: bool = False,
) -> date | None:
    """The date the next ANC is due under the FDA label (see `fda_next_test`)."""
    found = fda_next_test(start, anc_history, as_of, thresholds, duffy_null)
    return None if found is None else found.due


@dataclass(frozen=True, slots=True)
class CountTest:
    """One draw's WBC and ANC, as the UK scheme reads them together."""

    taken_at: datetime
    wbc: Reading | None
    anc: Reading | None


def cpms_next_test(start: date, tests: Sequence[CountTest], as_of: datetime) -> DueTest | None:
    """When the next count is due under the UK CPMS scheme, and why; None before the start."""
    if start > as_of.date():
        return None
    history = sorted((c for c in tests if c.taken_at <= as_of), key=lambda c: c.taken_at)
    if not history:
        return DueTest(start, "a first blood count when clozapine starts")
    levels = [cpms_level(c.wbc, c.anc) for c in history]
    base = max(history[-1].taken_at.date(), start)
    if Level.SEVERE in levels:
        last_red = max(i for i, lv in enumerate(levels) if lv is Level.SEVERE)
        after = levels[last_red + 1 :]
        two_greens = any(a is Level.NORMAL and b is Level.NORMAL for a, b in pairwise(after))
        if not two_greens:
            return DueTest(base + timedelta(days=1), "daily after a red result, until two greens")
    if levels[-1] is Level.MILD:
        return DueTest(base + timedelta(days=3), "twice a week after an amber result, until green")
    if base < start + timedelta(weeks=18):
        return DueTest(base + timedelta(days=7), "weekly in the first 18 weeks of clozapine")
    if base < start + timedelta(weeks=52):
        return DueTest(base + timedelta(days=14), "every 2 weeks to week 52 of clozapine")
    return DueTest(add_months(base, 1), "monthly after the first year of clozapine")
