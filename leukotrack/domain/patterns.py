"""Patterns in a person's own records (CLINICAL.md "Patterns"): pure, typed, no diagnosis.

`find_patterns` describes one analyte's results in a period: the personal baseline, how often
and how long the results were below each threshold, fatigue and infections on low days against
other days, and a repeating rhythm (`periodicity`). Each part carries `enough_data` and, when
that is false, `why`; nothing is stated from less data than its minimum.

Choices CLINICAL.md leaves open, made here:

- The period runs from `start` to `end`, both included. Only results taken in the period count,
  also for deciding whether a day is low.
- A value written with a comparator ("<0.5") is below a threshold only when it certainly is
  (`readings.certainly_below`); its number is used as it is for the baseline and the rhythm.
- The "lower limit" threshold of WBC and lymphocytes is per result (the lab's own range when it
  printed one, otherwise the profile's). The threshold reported is the limit that applied to
  most results (the latest one on a tie).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from leukotrack.domain.periodicity import Periodicity, find_periodicity
from leukotrack.domain.readings import Reading
from leukotrack.domain.records import FatigueEntry, Infection

PATTERN_ANALYTES: tuple[str, ...] = ("anc", "wbc", "lymphocytes")
# Fixed thresholds after the analyte's own lower limit (ANC: the limits themselves), 10^9/L
FIXED_THRESHOLDS: dict[str, tuple[float, ...]] = {
    "anc": (1.5, 1.0, 0.5),
    "wbc": (3.0, 2.0),
    "lymphocytes": (0.8, 0.5),
}
MIN_BASELINE_RESULTS = 4
MAX_RESULT_AGE_DAYS = 14  # a day whose latest result is older than this is unknown
MIN_FATIGUE_DAYS = 7  # scored days in each group
MIN_INFECTION_DAYS = 30  # known days in each group


@dataclass(frozen=True, slots=True)
class Baseline:
    n: int
    median: float | None
    q1: float | None
    q3: float | None
    min: float | None
    max: float | None
    enough_data: bool
    why: str


@dataclass(frozen=True, slots=True)
class Below:
    threshold: float
    results_below: int
    share: float
    longest_run_days: int
    lower_limit: bool = False  # the analyte's own lower limit (per result), not a fixed number


@dataclass(frozen=True, slots=True)
class FatigueComparison:
    low_days: int
    other_days: int
    mean_low: float | None
    mean_other: float | None
    enough_data: bool
    why: str


@dataclass(frozen=True, slots=True)
class InfectionComparison:
    episodes: int
    started_low: int
    started_other: int
    rate_low: float | None
    rate_other: float | None
    enough_data: bool
    why: str
    known_low_days: int
    known_other_days: int


@dataclass(frozen=True, slots=True)
class Patterns:
    analyte: str
    start: date
    end: date
    baseline: Baseline
    below: tuple[Below, ...]
    fatigue: FatigueComparison
    infections: InfectionComparison
    periodicity: Periodicity


# ---- baseline and thresholds --------------------------------------------------------------


def baseline(values: Sequence[float]) -> Baseline:
    n = len(values)
    if n == 0:
        return Baseline(0, None, None, None, None, None, False, "There are no results.")
    median = statistics.median(values)
    low, high = min(values), max(values)
    if n < MIN_BASELINE_RESULTS:
        why = (
            f"The quartiles need at least {MIN_BASELINE_RESULTS} results; there "
            f"{'is' if n == 1 else 'are'} {n}."
        )
        return Baseline(n, median, None, None, low, high, False, why)
    q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Baseline(n, median, q1, q3, low, high, True, "")


def longest_run_days(below: Sequence[bool], readings: Sequence[Reading]) -> int:
    """Calendar days from the first to the last result of the longest run below (one alone: 0)."""
    best = 0
    first: date | None = None
    for is_below, r in zip(below, readings, strict=True):
        if is_below:
            if first is None:
                first = r.taken_at.date()
            best = max(best, (r.taken_at.date() - first).days)
        else:
            first = None
    return best


def _below(
    threshold: float, flags: Sequence[bool], readings: Sequence[Reading], own: bool
) -> Below:
    count = sum(flags)
    share = round(count / len(readings), 3) if readings else 0.0
    return Below(threshold, count, share, longest_run_days(flags, readings), own)


def usual_lower_limit(readings: Sequence[Reading]) -> float | None:
    """The lower limit that applied to most results (the latest one's on a tie)."""
    counts = Counter(r.low_limit for r in readings if r.low_limit is not None)
    if not counts:
        return None
    top = max(counts.values())
    for r in reversed(readings):
        if r.low_limit is not None and counts[r.low_limit] == top:
            return r.low_limit
    return None  # pragma: no cover - the loop always finds one


def below_thresholds(analyte: str, readings: Sequence[Reading]) -> tuple[Below, ...]:
    out: list[Below] = []
    if analyte != "anc":
        limit = usual_lower_limit(readings)
        if limit is not None:
            out.append(_below(limit, [r.is_low for r in readings], readings, True))
    for t in FIXED_THRESHOLDS[analyte]:
        out.append(_below(t, [r.below(t) for r in readings], readings, False))
    return tuple(out)


# ---- low days, fatigue and infections -----------------------------------------------------


def day_groups(readings: Sequence[Reading], start: date, end: date) -> dict[date, bool | None]:
    """Each day of the period: True (low day), False (other day) or None (unknown).

    A day is low when the latest result taken on or before it is low and at most 14 days old;
    without such a result the day is unknown. `readings` are in time order.
    """
    taken = [r.taken_at.date().toordinal() for r in readings]
    low = [r.is_low for r in readings]
    out: dict[date, bool | None] = {}
    i = -1
    first = start.toordinal()
    for n in range(first, end.toordinal() + 1):
        while i + 1 < len(taken) and taken[i + 1] <= n:
            i += 1
        out[date.fromordinal(n)] = None if i < 0 or n - taken[i] > MAX_RESULT_AGE_DAYS else low[i]
    return out


def _mean(scores: Sequence[int]) -> float:
    return round(statistics.fmean(scores), 2)


def compare_fatigue(
    groups: dict[date, bool | None], fatigue: Sequence[FatigueEntry]
) -> FatigueComparison:
    low = [f.score for f in fatigue if groups.get(f.day) is True]
    other = [f.score for f in fatigue if groups.get(f.day) is False]
    missing = [
        f"{len(days)} {name}"
        for days, name in ((low, "low days"), (other, "other days"))
        if len(days) < MIN_FATIGUE_DAYS
    ]
    if missing:
        why = (
            f"Needs fatigue scores on at least {MIN_FATIGUE_DAYS} low days and "
            f"{MIN_FATIGUE_DAYS} other days (with a result in the 14 days before); "
            f"there are scores on {' and '.join(missing)}."
        )
        return FatigueComparison(len(low), len(other), None, None, False, why)
    return FatigueComparison(len(low), len(other), _mean(low), _mean(other), True, "")


def compare_infections(
    groups: dict[date, bool | None], infections: Sequence[Infection]
) -> InfectionComparison:
    known_low = sum(1 for g in groups.values() if g is True)
    known_other = sum(1 for g in groups.values() if g is False)
    episodes = [i for i in infections if i.start in groups]
    started_low = sum(1 for i in episodes if groups[i.start] is True)
    started_other = sum(1 for i in episodes if groups[i.start] is False)
    short = [
        f"{n} {name}"
        for n, name in ((known_low, "low days"), (known_other, "other days"))
        if n < MIN_INFECTION_DAYS
    ]
    if short:
        why = (
            f"Needs at least {MIN_INFECTION_DAYS} low days and {MIN_INFECTION_DAYS} other days "
            f"with a result in the 14 days before; there are {' and '.join(short)}."
        )
        return InfectionComparison(
            len(episodes), started_low, started_other, None, None, False, why,
            known_low, known_other,
        )  # fmt: skip
    return InfectionComparison(
        len(episodes),
        started_low,
        started_other,
        round(100 * started_low / known_low, 2),
        round(100 * started_other / known_other, 2),
        True,
        "",
        known_low,
        known_other,
    )


# ---- everything ---------------------------------------------------------------------------


def find_patterns(
    analyte: str,
    readings: Sequence[Reading],
    fatigue: Sequence[FatigueEntry],
    infections: Sequence[Infection],
    start: date,
    end: date,
) -> Patterns:
    """The patterns of `analyte` from `start` to `end` (inclusive).

    `readings` are the analyte's results in time order, each with the lower limit that applied
    to it (`flags.series`, or `flags.anc_series` whose limit is the mild-neutropenia limit).
    """
    if analyte not in FIXED_THRESHOLDS:
        raise ValueError(f"no patterns for {analyte!r}")
    inside = [r for r in readings if start <= r.taken_at.date() <= end]
    groups = day_groups(inside, start, end)
    return Patterns(
        analyte,
        start,
        end,
        baseline([r.value for r in inside]),
        below_thresholds(analyte, inside),
        compare_fatigue(groups, [f for f in fatigue if start <= f.day <= end]),
        compare_infections(groups, infections),
        find_periodicity(inside),
    )
